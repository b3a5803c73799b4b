"""Peak memory of every process the app runs, at 5,000 techniques, against a PySide6 hello-world.

Each round starts, one after the other, a hello-world (QApplication + QLabel), the patient app and
the kiosk on a generated catalog, in subprocesses on the offscreen platform, and samples every
10 ms the memory of the process and of every child it has at that moment (the catalog reader it
forks at start-up): the process's resident pages of files (libraries, fonts), whole, plus the
proportional share (PSS) of the anonymous memory of each process in the family. The anonymous
pages the reader shares with the app after the fork are so counted once, not twice; the files'
pages are counted whole, because their proportional share falls whenever another program on the
machine maps the same Qt libraries (the hello-world measured 27 to 36 MB by PSS alone, with
other jobs running or not). The figure is the peak of that sum over the run.

Each app run lasts long enough to include what a kiosk does in its first minute at this size:
start-up (the forked reader), the watcher's one read of the file a few seconds later to remember
its techniques (PRIME_MS), and a staff save of one changed technique, read and swapped in. The
save is written as the editor writes it (atomic_write), 5 s after that first read starts (it takes
2 to 4 s here).

Run: .venv/bin/python bench/memory_bench.py [--rounds 5] [--techniques 5000]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from compare_bench import generated_catalog  # noqa: E402

from massage_explorer.core.catalog import Catalog, Text  # noqa: E402
from massage_explorer.core.schema.dump import dump_catalog  # noqa: E402
from massage_explorer.core.storage import atomic_write  # noqa: E402
from massage_explorer.ui.catalog_watch import PRIME_MS  # noqa: E402

HELLO = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Hello")
label.show()
app.exec()
"""


def memory_kb(pid: int, *, files: bool) -> int:
    """The process's share of anonymous memory, with its resident file pages if `files`; 0 once
    it has gone."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss_Anon:"))
        if files:
            with open(f"/proc/{pid}/status") as status:
                total += sum(int(line.split()[1]) for line in status if line.startswith("RssFile:"))
    except (OSError, ValueError):
        return 0
    return total


def family(pid: int) -> list[int]:
    """`pid` and its descendants now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except OSError:
            continue
    return found


@dataclasses.dataclass
class Run:
    peak_mb: float = 0.0
    peak_at: float = 0.0  # seconds after start
    most_processes: int = 0
    phases: list[float] = dataclasses.field(default_factory=list)  # the peak in each phase

    def phase_peaks(self) -> str:
        return ", ".join(f"{name} {mb:.0f}" for name, mb in zip(PHASES, self.phases, strict=False))


# What happens when, in an app's run: the peak of each is printed too.
PHASES = ("start-up", "first read", "save")


def sample(command: list[str], seconds: float, env: dict[str, str], at: dict[float, object]) -> Run:
    """Run `command` for `seconds`, calling each of `at` (seconds after start → callable) once;
    a new phase starts at each of `at`'s times and at the first read."""
    run = Run(phases=[0.0])
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    pending = sorted(at.items())
    try:
        while (elapsed := time.perf_counter() - start) < seconds:
            if process.poll() is not None:
                raise SystemExit(f"{command} ended early: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            if pending and elapsed >= pending[0][0]:
                pending.pop(0)[1]()  # type: ignore[operator]
                run.phases.append(0.0)
            if len(run.phases) == 1 and at and elapsed >= PRIME_MS / 1000:
                run.phases.append(0.0)
            pids = family(process.pid)
            total = sum(memory_kb(pid, files=pid == process.pid) for pid in pids) / 1024
            run.phases[-1] = max(run.phases[-1], total)
            if total > run.peak_mb:
                run.peak_mb, run.peak_at = total, elapsed
            run.most_processes = max(run.most_processes, len(pids))
            time.sleep(0.01)
    finally:
        process.terminate()
        process.wait(10)
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--techniques", type=int, default=5000)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="memory-bench-"))
    catalog = generated_catalog(args.techniques)
    path = folder / "techniques.yaml"
    data = dump_catalog(catalog).encode()
    path.write_bytes(data)
    config = folder / "kiosk.ini"
    config.write_text(f"[kiosk]\ncatalog = {path}\nlanguage = en\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(folder))
    python = sys.executable
    app = [python, "-m", "massage_explorer", "--data", str(path)]
    kiosk = [python, "-m", "massage_explorer", "--kiosk", "--config", str(config)]
    prime_s = PRIME_MS / 1000
    span = prime_s + 12  # the first read (a few seconds), then a save and its reload

    def save(n: int) -> object:
        """A staff save of one changed technique, written when called. Made now: dumping 5,000
        techniques takes seconds, in which the sampling would stop and the save come late."""
        changed = dataclasses.replace(catalog.techniques[0], summary=Text.plain(f"Changed, {n}."))
        changed_data = dump_catalog(_with(catalog, changed)).encode()
        return lambda: atomic_write(path, changed_data)

    print(f"{args.techniques:,} techniques, {len(data) / 1e6:.1f} MB; {args.rounds} rounds, each "
          f"{span:.0f} s per app; load average at the start: {_load()}", flush=True)  # fmt: skip
    hello, apps, kiosks = [], [], []
    for n in range(args.rounds):
        path.write_bytes(data)
        hello.append(sample([python, "-c", HELLO], 4, env, {}))
        apps.append(sample(app, span, env, {prime_s + 5: save(2 * n)}))
        path.write_bytes(data)
        kiosks.append(sample(kiosk, span, env, {prime_s + 5: save(2 * n + 1)}))
        print(
            f"round {n + 1}: hello-world {hello[-1].peak_mb:.1f} MB, app {apps[-1].peak_mb:.1f} MB "
            f"(at {apps[-1].peak_at:.1f} s, up to {apps[-1].most_processes} processes), kiosk "
            f"{kiosks[-1].peak_mb:.1f} MB (at {kiosks[-1].peak_at:.1f} s, up to "
            f"{kiosks[-1].most_processes} processes); load {_load()}\n"
            f"  app peaks: {apps[-1].phase_peaks()} MB; kiosk: {kiosks[-1].phase_peaks()} MB",
            flush=True,
        )
    base = statistics.median(r.peak_mb for r in hello)
    for name, runs in (("app", apps), ("kiosk", kiosks)):
        peak = statistics.median(r.peak_mb for r in runs)
        print(f"{name}: peak memory of all its processes {peak:.1f} MB, median of {args.rounds}; minus the "
              f"hello-world's {base:.1f} MB: {peak - base:+.1f} MB (target <= 120 MB); largest round "
              f"{max(r.peak_mb for r in runs) - base:+.1f} MB")  # fmt: skip
    print(f"load average at the end: {_load()}")


def _with(catalog: Catalog, changed: object) -> Catalog:
    techniques = (changed, *catalog.techniques[1:])
    return dataclasses.replace(catalog, techniques=techniques)  # type: ignore[arg-type]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
