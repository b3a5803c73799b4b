"""What staff wait for at 5,000 techniques, against an older copy of the package in turns (issue 19:
"a kiosk that never freezes"). For each, how long the window stopped answering (the longest gap
between the ticks of a 5 ms timer on it: a tap made then waits that long) and how long until it
was done. On a running kiosk:

- pin: the right PIN entered on the pad and OK pressed, until the staff panel shows;
- edit: "Edit the catalog" pressed on the staff panel, until the editor is shown, painted and
  can be edited (an editor built a step at a time says "Opening…" until then);
- select: in that editor, once it can be edited, the technique halfway down the list chosen
  in it, until the form and the preview show it (the preview waits for a pause);
- type: a letter typed at the end of that technique's summary, until the edit is made and
  the window painted;
- check: from there until the check after the pause in typing is shown (the first check
  after opening done first);
- save: then Save pressed, until the file is saved;

and in the editor on its own, as on the desk computer of the clinic's staff (the kiosk's editor
offers no other file):

- open: once its first check is done, Open… answered with another 5,000-technique file, until
  the new window is shown, painted and can be edited.

Every round runs, for this tree and for `--against DIR` in turns (which goes first alternates),
one process for the kiosk and one for the editor, on the same generated files (loader_bench's
generator, a comment before every tenth technique, as save_bench), on one offscreen 1920x1080
screen. Printed: each figure's median over the rounds, the longest stall of all rounds, the ratio
of this tree's stall to the older copy's, the idle stall (the meter running 1 s with nothing to
do, for scale) and the load average at the start and the end.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/staff_bench.py --against DIR [--rounds 5]
     (DIR: `git archive <commit> massage_explorer resources techniques.yaml | tar -x -C DIR`)
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
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PIN = "739184"
FIGURES = ("pin", "edit", "select", "type", "check", "save", "open")
LONG_WAIT_S = 120


def child(mode: str, catalog_file: str, other_file: str) -> dict[str, object]:
    """The figures of `mode` ("kiosk": pin, edit, save; "editor": open) for the package first on
    this process's path (PYTHONPATH)."""
    from PySide6.QtCore import QEventLoop, QItemSelectionModel, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog
    from stall_meter import StallMeter

    from massage_explorer.ui.editor.list_models import ID_ROLE
    from massage_explorer.ui.launch import prepare_application

    catalog_path, other_path = Path(catalog_file), Path(other_file)

    def wait_until(condition: Callable[[], bool]) -> None:
        deadline = time.perf_counter() + LONG_WAIT_S
        loop = QEventLoop()
        wake = QTimer()
        wake.start(20)
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("not done in time")
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        wake.stop()

    def pause(seconds: float) -> None:
        start = time.perf_counter()
        wait_until(lambda: time.perf_counter() - start > seconds)

    def measured(act: Callable[[], None], done: Callable[[], bool]) -> list[float]:
        meter = StallMeter()
        meter.start()
        start = time.perf_counter()
        act()
        wait_until(done)
        return [round((time.perf_counter() - start) * 1000), round(meter.stop() * 1000)]

    def painted(window: Callable[[], object]) -> Callable[[], bool]:
        def done() -> bool:
            shown = window()
            if shown is None or not shown.isVisible():  # type: ignore[attr-defined]
                return False
            if getattr(shown, "loading", False):  # built a step at a time: not usable yet
                return False
            shown.grab()  # type: ignore[attr-defined]
            return True

        return done

    def checked(editor) -> Callable[[], bool]:  # type: ignore[no-untyped-def]
        """The check of what the editor shows is done and shown (the first after opening too)."""
        return lambda: (
            editor._problems_of is editor.document.catalog
            and not editor.background_check.busy
            and not editor.check_timer.isActive()
        )

    app = prepare_application()
    meter = StallMeter()
    figures: dict[str, object] = {}
    if mode == "editor":
        from massage_explorer.ui.editor import EditorWindow

        editor = EditorWindow(catalog_path)
        editor.resize(1920, 1080)
        editor.showMaximized()
        wait_until(checked(editor))
        meter.start()
        pause(1.0)
        figures["idle"] = round(meter.stop() * 1000)
        QFileDialog.getOpenFileName = lambda *_a, **_k: (str(other_path), "")  # type: ignore[method-assign]
        figures["open"] = measured(editor.open_other, painted(lambda: editor.opened_other))
        return figures

    from massage_explorer.core.pin import hash_pin
    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.core.storage import load_catalog
    from massage_explorer.ui.kiosk.window import KioskWindow

    loaded = load_catalog(catalog_path)
    assert loaded.catalog is not None, loaded.problems[:3]
    kiosk = KioskWindow(loaded.catalog, KioskConfig(pin_hash=hash_pin(PIN)), catalog_path=catalog_path)
    kiosk.resize(1920, 1080)
    kiosk.show()
    pause(2.0)  # the session built behind the welcome screen, the watcher settled
    meter.start()
    pause(1.0)
    figures["idle"] = round(meter.stop() * 1000)
    kiosk.open_pinpad()
    pad = kiosk.pinpad
    for digit in PIN:
        pad.digit_buttons[digit].click()
    figures["pin"] = measured(pad.ok_button.click, lambda: pad.pages.currentIndex() == 1)
    figures["edit"] = measured(pad.edit_button.click, painted(lambda: kiosk.editor))
    editor = kiosk.editor
    assert editor is not None
    panel = editor.sidebar.panels["techniques"]
    middle = panel.proxy.index(panel.proxy.rowCount() // 2, 0)
    wanted = str(middle.data(ID_ROLE))

    def select() -> None:
        panel.view.selectionModel().setCurrentIndex(middle, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected() -> bool:
        form = editor.technique_form
        shown = form.technique is not None and form.technique.id == wanted
        return shown and editor.preview.detail.technique_id == wanted

    figures["select"] = measured(select, selected)
    summary = editor.technique_form.texts["summary"].editors["en"]
    summary.setFocus()
    summary.end(False)
    steps = editor.document.stack.count()

    def edited() -> bool:
        if editor.document.stack.count() == steps:
            return False
        editor.grab()
        return True

    figures["type"] = measured(lambda: QTest.keyClick(summary, "x"), edited)
    figures["check"] = measured(lambda: None, checked(editor))
    figures["save"] = measured(editor.save_button.click, editor.document.stack.isClean)
    app.processEvents()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--against", type=Path, required=True, help="an older copy of the package")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--techniques", type=int, default=5000)
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    sys.path.insert(0, str(ROOT))
    from save_bench import commented

    folder = Path(tempfile.mkdtemp(prefix="staff-bench-"))
    catalog_path, other_path = folder / "techniques.yaml", folder / "other.yaml"
    text = commented(args.techniques)
    trees = [("this tree", ROOT), ("before", args.against.resolve())]
    results: dict[str, list[dict[str, object]]] = {name: [] for name, _ in trees}
    print(f"load average at start: {Path('/proc/loadavg').read_text().strip()}")
    for turn in range(args.rounds):
        for name, tree in trees if turn % 2 == 0 else trees[::-1]:
            env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), str(BENCH)]))
            if env.setdefault("QT_QPA_PLATFORM", "offscreen") == "offscreen":
                # One 1920x1080 screen, the kiosk's: the editor is maximized to that size.
                env["QT_QPA_PLATFORM"] = f"offscreen:configfile={BENCH / 'kiosk-screen.json'}"
            figures: dict[str, object] = {}
            for mode in ("kiosk", "editor"):  # each in a process of its own: no kiosk behind the editor
                # Nothing left by the last process: the lock, the editor's history folder.
                for leftover in folder.iterdir():
                    if leftover.is_dir():
                        shutil.rmtree(leftover)
                    else:
                        leftover.unlink()
                catalog_path.write_text(text, encoding="utf-8")
                other_path.write_text(text, encoding="utf-8")
                code = (
                    "import json\n"
                    "from staff_bench import child\n"
                    f"print(json.dumps(child({mode!r}, {str(catalog_path)!r}, {str(other_path)!r})))\n"
                )
                run = subprocess.run(
                    [sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True
                )
                if run.returncode:
                    sys.exit(f"{name} ({tree}), {mode}, failed:\n{run.stderr[-3000:]}")
                found = json.loads(run.stdout.splitlines()[-1])
                found[f"idle {mode}"] = found.pop("idle")
                figures.update(found)
            results[name].append(figures)
    print(f"load average at end: {Path('/proc/loadavg').read_text().strip()}")
    print(f"{args.techniques} techniques, {args.rounds} rounds; medians over the rounds:")
    for figure in FIGURES:
        row = []
        for name, _ in trees:
            done = statistics.median(r[figure][0] for r in results[name])  # type: ignore[index]
            stall = statistics.median(r[figure][1] for r in results[name])  # type: ignore[index]
            worst = max(r[figure][1] for r in results[name])  # type: ignore[index]
            row.append((name, done, stall, worst))
        (_, done, stall, worst), (_, done_b, stall_b, worst_b) = row
        print(
            f"  {figure}: this tree done in {done:.0f} ms, longest stall {stall:.0f} ms (max {worst}); "
            f"before {done_b:.0f} ms, stall {stall_b:.0f} ms (max {worst_b}); "
            f"stall ratio {stall / stall_b:.2f}"
        )
    for name, _ in trees:
        for mode in ("kiosk", "editor"):
            idle = statistics.median(r[f"idle {mode}"] for r in results[name])  # type: ignore[misc]
            print(f"  idle stall, {name}, {mode}: {idle:.0f} ms")


if __name__ == "__main__":
    main()
