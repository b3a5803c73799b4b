"""A kiosk that never freezes: every step of a patient's session, on a big catalog, with the
longest moment the window stopped answering during and just after it.

One scripted session on the real kiosk window (`KioskWindow`, shown 1920x1080, offscreen): touch to
start, search, a filter chip, Spanish and back, larger text and the contrast (on the list, then on a
details page), details, saving four techniques, comparing them, the shortlist and its take-away
with the QR code, the session's end when nobody touches it, a second patient, Start over. Each step
is one call, as the widget's signal would make it, followed by --settle-ms of the event loop
(batches of cards are laid out between events then); a 5 ms timer on the window's thread records
the longest gap between its ticks over that span (bench/stall_meter.py): how long a tap made then
would wait.

Each round runs the session in a fresh process on --techniques techniques written like the bundled
ones (its eight, both languages, repeated under new ids), and, as the baseline, on the bundled
catalog itself (8 techniques), in turns; with --against DIR, an older copy of the package in the
same rounds too (`git archive <commit> massage_explorer resources techniques.yaml | tar -x -C DIR`).
Prints the median over rounds of each step's longest stall and the ratio to the baseline.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/session_bench.py [--rounds 5] [--techniques 10000]
Target (issue 19): no stall over 100 ms. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100


def session(count: int, settle_ms: int) -> dict[str, float]:
    """Run one scripted session in this process; each step's longest stall, in ms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from stall_meter import StallMeter
    from ui_bench import _like_bundled

    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.ui.kiosk.window import KioskWindow
    from massage_explorer.ui.launch import prepare_application, settle_memory

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    _app = prepare_application()  # held: the application must outlive the session
    catalog = _like_bundled(count)
    kiosk = KioskWindow(catalog, KioskConfig())
    kiosk.resize(1920, 1080)
    kiosk.show()
    wait(3000)  # the session behind the welcome screen built, its search texts made
    settle_memory()  # as the kiosk does once it shows
    ids = [t.id for t in catalog.techniques]
    middle = ids[len(ids) // 2]
    meter = StallMeter()
    stalls: dict[str, float] = {}

    def step(name: str, action: Callable[[], object]) -> None:
        meter.start()
        action()
        wait(settle_ms)
        stalls[name] = meter.stop() * 1000

    def state():  # type: ignore[no-untyped-def]
        return kiosk.session.state

    def browse():  # type: ignore[no-untyped-def]
        return kiosk.session.browse

    def chip() -> None:
        chips = browse().benefit_chips.chips
        chips.toggle(next(iter(chips.chips())).key)

    def nobody_there() -> None:
        kiosk.idle.idle.emit()
        for _ in range(kiosk.countdown.total):
            kiosk.countdown.tick()

    step("touch to start", kiosk.welcome.startRequested.emit)
    step("search 'masaje'", lambda: browse().search.setText("masaje"))
    step("clear the search", lambda: browse().search.setText(""))
    step("tap a benefit chip", chip)
    step("tap it again", chip)
    step("Spanish", lambda: state().set_language("es"))
    step("English", lambda: state().set_language("en"))
    step("larger text (list)", lambda: state().set_text_step(2))
    step("usual text (list)", lambda: state().set_text_step(0))
    step("high contrast on (list)", lambda: state().set_high_contrast(True))
    step("high contrast off (list)", lambda: state().set_high_contrast(False))
    step("open details", lambda: kiosk.session.show_details(middle))
    step("larger text (details)", lambda: state().set_text_step(2))
    step("usual text (details)", lambda: state().set_text_step(0))
    step("back to the list", lambda: kiosk.session.go_back())
    step("save four", lambda: [state().toggle_shortlist(i) for i in ids[:4]])
    step("compare them", lambda: (state().set_compare(ids[:4]), kiosk.session.show_compare()))
    step("back to the list again", lambda: kiosk.session.go_back())
    step("shortlist", lambda: kiosk.session.show_shortlist())
    step("take-away with QR code", lambda: kiosk.session.get_screen("shortlist").show_takeaway())
    step("nobody there: session ends", nobody_there)
    step("next patient starts", kiosk.welcome.startRequested.emit)
    step("Spanish again", lambda: state().set_language("es"))
    step("search 'masaje sueco'", lambda: browse().search.setText("masaje sueco"))
    step("Start over", kiosk.end_session)
    return stalls


def _run(tree: Path, count: int, settle_ms: int) -> dict[str, float]:
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM=platform)
    out = subprocess.run(
        [sys.executable, str(Path(__file__)), "--child", str(count), "--settle-ms", str(settle_ms)],
        cwd=tree, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    figures: dict[str, float] = json.loads(out.splitlines()[-1])
    return figures


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--techniques", type=int, default=10_000)
    parser.add_argument("--settle-ms", type=int, default=1000)
    parser.add_argument("--against", type=Path, metavar="DIR", help="an older copy of the package, in turns")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(session(args.child, args.settle_ms)))
        return

    runs = [("baseline: 8", ROOT, 8), (f"{args.techniques:,}", ROOT, args.techniques)]
    if args.against:
        runs.append((f"{args.techniques:,} before", args.against.resolve(), args.techniques))
    print(f"load average at start: {Path('/proc/loadavg').read_text().strip()}")
    figures: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in runs}
    for turn in range(args.rounds):
        for name, tree, count in runs if turn % 2 == 0 else runs[::-1]:
            figures[name].append(_run(tree, count, args.settle_ms))
    print(f"load average at end: {Path('/proc/loadavg').read_text().strip()}")

    names = [name for name, _, _ in runs]
    print(f"{args.rounds} rounds; longest stall in each step, median over rounds (ms); ratio to the baseline")
    print(f"{'step':30}" + "".join(f"{name:>16}" for name in names) + f"{'ratio':>8}")
    over: dict[str, list[str]] = {name: [] for name in names}
    for step in figures[names[0]][0]:
        medians = [statistics.median(r[step] for r in figures[name]) for name in names]
        for name, ms in zip(names, medians, strict=True):
            if ms > TARGET_MS:
                over[name].append(step)
        ratio = medians[1] / medians[0]
        print(f"{step:30}" + "".join(f"{ms:16.0f}" for ms in medians) + f"{ratio:8.2f}")
    for name in names:
        print(f"over {TARGET_MS} ms, {name}: {', '.join(over[name]) or 'none'}")


if __name__ == "__main__":
    main()
