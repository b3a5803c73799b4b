"""Hostile files saved over a running kiosk's catalog: the longest moment the window stops
answering while each is read and refused (or, for the comments, read and found unchanged).

Three files, made by this script in a temporary folder, each just under the 24 MB limit:
- comments: the kiosk's own catalog followed by lines of `# xxxx…`;
- mistakes: the catalog with 490,000 unknown fields in its first technique (490,000 problems);
- values: 6 million one-character list entries, over the 1,000,000-value limit.

A kiosk showing a patient session of --size techniques runs in a child process (as reload_bench's
does: its watcher has made its one read after start-up). Each round, each file is saved over its
catalog the way the editor saves (by a thread of its own, not the window's); a 5 ms timer on the
window records the longest gap between its ticks until the watcher has dealt with it (how long a
tap would wait). Baseline, interleaved: the same timer over the same span with nothing reading.
After a refused file the good one is put back and waited for (not timed). With --against DIR a
second kiosk runs the package in DIR (made with `git archive <commit> massage_explorer resources
techniques.yaml | tar -x -C DIR`), and every step runs on one kiosk, then the same step on the
other, so a busy machine slows both alike.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/hostile_reload_bench.py [--rounds 5]
[--size 1000] [--against DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
REPO = HERE.parent

HOSTILE = ("comments", "mistakes", "values")
MISTAKES = 490_000
TIMEOUT_S = 120


# -- the parent: makes the files, runs the kiosks in turns, prints the figures -------------------


def make_files(folder: Path, size: int) -> None:
    """The kiosk's catalog and the three hostile files, in `folder`."""
    sys.path.insert(0, str(REPO))
    from compare_bench import generated_catalog

    from massage_explorer.core.schema.dump import dump_catalog
    from massage_explorer.core.schema.limits import MAX_BYTES

    catalog = dump_catalog(generated_catalog(size))
    (folder / "catalog.yaml").write_text(catalog, encoding="utf-8")
    line = "# " + "x" * 77 + "\n"
    filler = (MAX_BYTES - 1024 - len(catalog.encode())) // len(line)
    (folder / "comments.yaml").write_text(catalog + line * filler, encoding="utf-8")
    fields = "".join(f"    unknown_field_of_the_technique_{i:06d}: 1\n" for i in range(MISTAKES))
    mistakes = catalog.replace("    pressure:", fields + "    pressure:", 1)
    (folder / "mistakes.yaml").write_text(mistakes, encoding="utf-8")
    entry = "- a\n"
    (folder / "values.yaml").write_text(entry * ((MAX_BYTES - 1024) // len(entry)), encoding="utf-8")
    for name in HOSTILE:
        assert (folder / f"{name}.yaml").stat().st_size < MAX_BYTES, name


class Kiosk:
    """A kiosk in a child process, told what to do one line at a time."""

    def __init__(self, label: str, package: Path, files: Path, size: int) -> None:
        self.label = label
        command = [sys.executable, __file__, "--serve", str(package), "--files", str(files)]
        command += ["--size", str(size)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.ready = self._answer()

    def step(self, name: str) -> dict[str, Any]:
        self._say(name)
        return self._answer()

    def _say(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the kiosk of {self.label} stopped ({self.process.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        self._say("quit")
        self.process.wait(30)


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--against", type=Path, help="an older copy of the package to compare with")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.files, args.size)
        return
    print(f"load average at start: {_load()}")
    files = Path(tempfile.mkdtemp(prefix="hostile-bench-"))
    try:
        measure(files, args)
    finally:
        shutil.rmtree(files)


def measure(files: Path, args: argparse.Namespace) -> None:
    make_files(files, args.size)
    sizes = ", ".join(f"{name} {(files / f'{name}.yaml').stat().st_size / 2**20:.1f} MB" for name in HOSTILE)
    print(f"catalog: {args.size:,} techniques; files: {sizes}; {args.rounds} rounds")
    kiosks = [Kiosk("this code", REPO, files, args.size)]
    if args.against is not None:
        kiosks.append(Kiosk(str(args.against), args.against.resolve(), files, args.size))
    for kiosk in kiosks:
        print(
            f"{kiosk.label}: up; its first read after start-up done {kiosk.ready['primed']:.1f} s after start"
        )
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for _ in range(args.rounds):
        for name in HOSTILE:
            for kiosk in kiosks:
                found.setdefault((kiosk.label, name), []).append(kiosk.step(name))
    for kiosk in kiosks:
        kiosk.close()
    print(f"load average at end: {_load()}")
    print("longest stall of the window while the file is read: median / max; baseline median / max")
    for name in HOSTILE:
        verdicts = set()
        for kiosk in kiosks:
            steps = found[(kiosk.label, name)]
            stall = [s["stall"] * 1000 for s in steps]
            idle = [s["idle"] * 1000 for s in steps]
            span = statistics.median(s["span"] for s in steps)
            verdicts.update(s["verdict"] for s in steps)
            print(
                f"  {name:8} {kiosk.label}: {statistics.median(stall):4.0f} / {max(stall):4.0f} ms; "
                f"baseline {statistics.median(idle):3.0f} / {max(idle):3.0f} ms; "
                f"save -> dealt with {span:.2f} s"
            )
        print(f"  {name:8} verdict: {' | '.join(sorted(verdicts))}")
        if len(verdicts) != 1:
            print(f"  {name:8} THE VERDICTS DIFFER")


# -- the child: one kiosk -------------------------------------------------------------------------


def serve(package: Path, files: Path, size: int) -> None:
    """Run a kiosk from `package` and do each step read from stdin, answering in one JSON line."""
    sys.path[:0] = [str(package.resolve()), str(HERE)]  # the imports below come from `package`
    from PySide6.QtCore import QEventLoop, QTimer
    from stall_meter import StallMeter

    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.core.storage import atomic_write, load_catalog
    from massage_explorer.ui.catalog_watch import PRIME_MS
    from massage_explorer.ui.kiosk.window import KioskWindow
    from massage_explorer.ui.launch import prepare_application, settle_memory

    assert Path(sys.modules["massage_explorer"].__file__ or "").is_relative_to(package.resolve())
    app = prepare_application()
    folder = Path(tempfile.mkdtemp(prefix="hostile-bench-kiosk-"))
    path = folder / "techniques.yaml"
    good = (files / "catalog.yaml").read_bytes()
    path.write_bytes(good)
    catalog = load_catalog(path).catalog
    assert catalog is not None and len(catalog) == size
    kiosk = KioskWindow(catalog, KioskConfig(), catalog_path=path)
    kiosk.resize(1920, 1080)
    kiosk.show()
    kiosk.start_session()
    settle_memory()
    watcher = kiosk.watch()
    told: list[str] = []
    watcher.reloaded.connect(lambda _: told.append("applied"))
    watcher.rejected.connect(lambda result: told.append(_verdict(result)))
    watcher.restored.connect(lambda: told.append("restored"))

    def wait(ms: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(ms), loop.quit)
        loop.exec()

    def until(done: Any, timeout: float = TIMEOUT_S) -> None:
        began = time.perf_counter()
        while not done():
            if time.perf_counter() - began > timeout:
                raise SystemExit("the kiosk did not deal with the file in time")
            wait(5)

    def read_over() -> Any:
        """Whether the watcher has been busy since this was made, and is no more."""
        seen: list[bool] = []

        def over() -> bool:
            seen.append(watcher.busy)
            return any(seen) and not seen[-1]

        return over

    def answer(**values: Any) -> None:
        print(json.dumps(values), flush=True)

    # The one read a kiosk makes PRIME_MS (10 s) after start-up, to remember the techniques.
    primed = read_over()
    began = time.perf_counter()
    until(primed, PRIME_MS / 1000 + TIMEOUT_S)
    answer(primed=time.perf_counter() - began)
    stalls = StallMeter()
    for line in sys.stdin:
        name = line.strip()
        if name == "quit":
            break
        data = (files / f"{name}.yaml").read_bytes()
        told.clear()
        over = read_over()
        stalls.start()
        saved = time.perf_counter()
        # Saved as the editor saves, by another thread here: this process is the kiosk, and
        # writing 24 MB and waiting for the disk (30-200 ms) is no part of its window's work.
        saving = threading.Thread(target=atomic_write, args=(path, data))
        saving.start()
        # The comments leave the catalog as shown: nothing is said; the read is over once the
        # watcher has been busy and is no more.
        until(lambda over=over: bool(told) or over())
        stall, span = stalls.stop(), time.perf_counter() - saved
        saving.join()
        verdict = told[0] if told else "read, nothing to apply"
        assert kiosk.catalog is catalog, "the kiosk took a hostile file"
        stalls.start()  # baseline: the same span with nothing reading
        wait(span * 1000)
        idle = stalls.stop()
        if told:  # refused: the good file back, as staff would put it
            told.clear()
            atomic_write(path, good)
            until(lambda: told == ["restored"])
        wait(500)
        answer(stall=stall, idle=idle, span=span, verdict=verdict)
    watcher.stop()
    kiosk.staff_quit()
    app.processEvents()
    shutil.rmtree(folder)


def _verdict(result: Any) -> str:
    """A refusal in short: how many problems staff are told and the first of them."""
    errors = result.errors
    return f"refused, {len(errors)} told, first: {errors[0].message[:70]}…, last: {errors[-1].message[:50]}"


if __name__ == "__main__":
    main()
