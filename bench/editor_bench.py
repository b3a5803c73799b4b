"""The staff editor at 5,000 techniques: open, the check after one edit, and Save, as ratios to a
raw `yaml.load` of the same file (issue 18, "Speed at 5,000 techniques").

The catalog is save_bench's (loader_bench's generator with a comment before every tenth technique),
written to a temporary folder. Every round, each measurement is preceded by its own baseline, a raw
`yaml.load(…, CSafeLoader)` of the file's text with Python's cycle collector on (as the issue asks);
the ratio to the same load with the collector paused (as every load of ours pauses it) is printed
beside it. Measured, on an offscreen window:

- open: `EditorWindow(path)` made, shown, built (a step at a time after its first paint) and
  painted once (the first check then starts in a thread);
- check: one technique's summary changed through the form's `edited` signal, as typing does, once
  the first check is done; the time from the end of the pause in typing (the check timer firing)
  until the problems list is updated, and the longest gap between the ticks of a 5 ms timer on the
  window meanwhile (how long a keystroke would wait);
- save: Save pressed until the file is written, its history recorded and the window clean again,
  and the longest gap of the same timer meanwhile;
- first check: from the window shown (the end of "open") until the first check after opening is
  done (in its thread; the window answers meanwhile);
- early check: a new window opened as for "open", and one summary changed while the first check
  after opening runs (50 ms after it started), as staff who start typing straight away would; the
  time from the end of the pause in typing until the problems list is updated (the edit's check
  waits for the first check to end), and the longest stall meanwhile.

Targets: open ≤ 1.3 times the parse; check ≤ 100 ms with no stall over 100 ms (the early check
too); save ≤ 2 times the parse, no stall over 100 ms.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/editor_bench.py [--techniques 5000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from save_bench import commented
from stall_meter import StallMeter

from massage_explorer.core.catalog import Text
from massage_explorer.core.problems import Problem
from massage_explorer.ui.editor import EditorWindow

LONG_WAIT_MS = 600_000
EARLY_S = 0.05  # how long after the first check after opening starts the early edit is made


def wait_until(condition: Callable[[], bool], timeout_ms: int = LONG_WAIT_MS) -> None:
    """Run the window's event loop until `condition` holds."""
    # Waiting for events, not spinning: a spinning loop would take Python's lock from the
    # editor's threads, which an idle window leaves to them.
    deadline = time.perf_counter() + timeout_ms / 1000
    loop = QEventLoop()
    wake = QTimer()
    wake.start(50)
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the editor did not finish in time")
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    wake.stop()


def raw_load(text: str, *, paused: bool) -> float:
    if paused:
        gc.disable()
    try:
        start = time.perf_counter()
        yaml.load(text, Loader=yaml.CSafeLoader)
        return time.perf_counter() - start
    finally:
        gc.enable()


def open_window(path: Path) -> tuple[float, EditorWindow]:
    start = time.perf_counter()
    window = EditorWindow(path)
    window.resize(1600, 1000)
    window.show()
    wait_until(lambda: not getattr(window, "loading", False))  # built a step at a time once painted
    window.grab()  # painted once
    QApplication.processEvents()
    return time.perf_counter() - start, window


def first_check_done(window: EditorWindow) -> Callable[[], bool]:
    return lambda: not window.check_timer.isActive() and not window.background_check.busy


def edit_and_check(window: EditorWindow, meter: StallMeter, round_: int) -> tuple[float, int]:
    """One summary changed as typing does; seconds from the pause until the problems show."""
    marks: dict[str, float] = {}
    panel = window.problems_panel
    shown = panel.set_problems

    def show_problems(problems: list[Problem]) -> None:
        shown(problems)
        marks["shown"] = time.perf_counter()

    panel.set_problems = show_problems  # type: ignore[method-assign]
    window.check_timer.timeout.connect(lambda: marks.setdefault("pause", time.perf_counter()))
    technique = window.technique_form.technique
    assert technique is not None
    new = dataclasses.replace(technique, summary=Text.plain(f"Slow strokes, edit {round_}."))
    meter.start()
    window.technique_form.edited.emit(new, "Edit summary", ("summary",))
    wait_until(lambda: "shown" in marks)
    stall = round(meter.stop() * 1000)  # ms
    panel.set_problems = shown  # type: ignore[method-assign]
    return marks["shown"] - marks["pause"], stall


def save(window: EditorWindow, meter: StallMeter) -> tuple[float, int]:
    meter.start()
    start = time.perf_counter()
    window.save_button.click()
    wait_until(lambda: window.document.stack.isClean() and not window.busy)
    seconds = time.perf_counter() - start
    return seconds, round(meter.stop() * 1000)  # ms


def edit_early(path: Path, meter: StallMeter, round_: int) -> tuple[float, int, EditorWindow]:
    """A new window, and an edit made while its first check runs: as `edit_and_check`."""
    _opened, window = open_window(path)
    # (or done already, with a small catalog)
    wait_until(lambda: window.background_check.busy or window._problems_of is window.document.catalog)
    started = time.perf_counter()
    wait_until(lambda: time.perf_counter() - started > EARLY_S)
    seconds, stall = edit_and_check(window, meter, round_)
    return seconds, stall, window


def close(window: EditorWindow) -> None:
    window.document.stack.setClean()
    window.close()
    window.deleteLater()
    # Deleted now: left for later, the window of this round would be deleted in the middle of the
    # next round's save (its local event loop runs deferred deletions).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--techniques", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not getattr(yaml, "__with_libyaml__", False):
        raise SystemExit("libyaml is not available: the baseline would not be the C parser")
    app = QApplication.instance() or QApplication(sys.argv)
    assert app is not None
    text = commented(args.techniques)
    load = os.getloadavg()
    print(
        f"{args.techniques:,} techniques, {len(text.encode()) / 1e6:.1f} MB; {args.rounds} rounds; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores"
    )
    rows = ("open", "check", "save", "early")
    times: dict[str, list[float]] = {name: [] for name in rows}
    stalls: dict[str, list[int]] = {name: [] for name in rows}
    raw: dict[str, list[float]] = {name: [] for name in rows}
    paused: dict[str, list[float]] = {name: [] for name in rows}
    first_checks: list[float] = []  # against the baseline of "open", measured before it
    meter = StallMeter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "techniques.yaml"
        for round_ in range(args.rounds):
            path.write_text(text, encoding="utf-8")
            for name in rows:
                raw[name].append(raw_load(text, paused=False))
                paused[name].append(raw_load(text, paused=True))
                if name == "open":
                    seconds, window = open_window(path)
                    times["open"].append(seconds)
                    start = time.perf_counter()
                    wait_until(first_check_done(window))
                    first_checks.append(time.perf_counter() - start)
                elif name == "check":
                    seconds, stall = edit_and_check(window, meter, round_)
                    times["check"].append(seconds)
                    stalls["check"].append(stall)
                elif name == "save":
                    seconds, stall = save(window, meter)
                    times["save"].append(seconds)
                    stalls["save"].append(stall)
                else:
                    close(window)
                    path.write_text(text, encoding="utf-8")
                    seconds, stall, window = edit_early(path, meter, round_)
                    times["early"].append(seconds)
                    stalls["early"].append(stall)
                    wait_until(first_check_done(window))
            close(window)
            print(f"round {round_ + 1}: " + ", ".join(f"{n} {times[n][-1]:.2f} s" for n in rows), flush=True)

    baseline = statistics.median(x for name in rows for x in raw[name])
    quick = statistics.median(x for name in rows for x in paused[name])
    print(f"\nyaml.load baseline: {baseline * 1000:.0f} ms (collector paused: {quick * 1000:.0f} ms)")
    print(
        f"{'':8} {'median':>9} {'ratio':>6} {'vs paused':>9} {'max':>9} "
        f"{'longest stall: median':>22} {'max':>6}"
    )
    for name in rows:
        # Each figure against the baselines measured just before it in the same round.
        ratio = statistics.median(t / r for t, r in zip(times[name], raw[name], strict=True))
        ratio_paused = statistics.median(t / r for t, r in zip(times[name], paused[name], strict=True))
        median, most = statistics.median(times[name]), max(times[name])
        stall = f"{statistics.median(stalls[name]):18.0f} ms {max(stalls[name]):3} ms" if stalls[name] else ""
        print(
            f"{name:8} {median * 1000:7.0f} ms {ratio:6.2f} {ratio_paused:9.2f} {most * 1000:7.0f} ms {stall}"
        )
    ratio = statistics.median(t / r for t, r in zip(first_checks, raw["open"], strict=True))
    ratio_paused = statistics.median(t / r for t, r in zip(first_checks, paused["open"], strict=True))
    median, most = statistics.median(first_checks), max(first_checks)
    print(f"{'first':8} {median * 1000:7.0f} ms {ratio:6.2f} {ratio_paused:9.2f} {most * 1000:7.0f} ms")
    print("(first: the first check after opening, in its thread, from the end of open)")
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
