"""Kiosk endurance: thousands of scripted patient sessions through the real widgets, then idle.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak_bench.py [--sessions 10000]

Each session: touch to start, filter, search, open details, save two techniques, compare them,
open the shortlist and its QR code, then go idle until the countdown wipes the session. Prints
resident memory after warm-up and at the end, top-level widgets and live timers, exceptions, and
how often an idle welcome screen wakes the CPU. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.launch import prepare_application
from massage_explorer.ui.shortlist.screen import ShortlistScreen


def rss_mb() -> float:
    """Current resident set size (not the peak), from /proc."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / (1024 * 1024)


def settle(app: QApplication) -> None:
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def one_session(app: QApplication, kiosk: KioskWindow, ids: list[str], n: int) -> None:
    kiosk.welcome.startRequested.emit()
    session = kiosk.session
    assert session is not None
    browse = session.browse
    chips = browse.benefit_chips.chips  # the painted chips' model: a tap toggles one
    keys = [chip.key for chip in chips.chips()]
    chips.toggle(keys[n % len(keys)])
    browse.search.setText("massage"[: 1 + n % 7])
    app.processEvents()
    first, second = ids[n % len(ids)], ids[(n + 3) % len(ids)]
    session.show_details(first)
    session.state.toggle_shortlist(first)
    session.state.toggle_shortlist(second)
    session.state.set_compare([first, second])
    session.show_compare()
    app.processEvents()
    session.show_shortlist()
    shortlist = session.get_screen("shortlist")
    assert isinstance(shortlist, ShortlistScreen)
    shortlist.show_takeaway()  # builds the handout and its QR code
    app.processEvents()
    kiosk.idle.idle.emit()  # nobody touched it for the idle time
    for _ in range(kiosk.countdown.total):
        kiosk.countdown.tick()
    settle(app)


def count_timers(app: QApplication) -> int:
    return sum(1 for obj in gc.get_objects() if isinstance(obj, QTimer)) + len(app.findChildren(QTimer))


class WakeCounter(QObject):
    """Counts timer events delivered anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Timer:
            self.count += 1
        return False


def idle_wakeups(app: QApplication, seconds: float) -> int:
    counter = WakeCounter()
    app.installEventFilter(counter)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.05)  # let the event loop sleep as it would in exec()
    app.removeEventFilter(counter)
    return counter.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    args = parser.parse_args()

    errors: list[str] = []

    def count_and_show(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        # Counted for the summary and shown at once: an error in the script itself must not
        # end the run silently (one did, after the filter chips became painted).
        errors.append(f"{kind.__name__}: {value}")
        traceback.print_exception(kind, value, tb)

    sys.excepthook = count_and_show
    app = prepare_application()
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    kiosk = KioskWindow(catalog, KioskConfig())
    kiosk.resize(1920, 1080)
    kiosk.show()
    ids = [t.id for t in catalog.techniques]

    start = time.perf_counter()
    for n in range(args.warmup):
        one_session(app, kiosk, ids, n)
    gc.collect()
    warm_rss, warm_top = rss_mb(), len(app.topLevelWidgets())
    warm_widgets, warm_timers = len(app.allWidgets()), count_timers(app)
    for n in range(args.warmup, args.sessions):
        one_session(app, kiosk, ids, n)
        if n % 1000 == 0:
            print(f"  {n} sessions, {rss_mb():.1f} MB", flush=True)
    gc.collect()
    settle(app)
    elapsed = time.perf_counter() - start
    end_rss, end_top = rss_mb(), len(app.topLevelWidgets())
    end_widgets, end_timers = len(app.allWidgets()), count_timers(app)

    print(f"sessions: {args.sessions} in {elapsed:.0f} s ({elapsed / args.sessions * 1000:.1f} ms each)")
    print(f"resident memory after {args.warmup} warm-up sessions: {warm_rss:.1f} MB; at the end: "
          f"{end_rss:.1f} MB; growth {end_rss - warm_rss:+.2f} MB (target <= 2 MB)")  # fmt: skip
    print(f"top-level widgets: {warm_top} -> {end_top}; all widgets: {warm_widgets} -> {end_widgets}; "
          f"timers: {warm_timers} -> {end_timers}")  # fmt: skip
    print(f"exceptions: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    wakes = idle_wakeups(app, args.idle_seconds)
    print(f"idle on the welcome screen: {wakes} timer events in {args.idle_seconds:.0f} s "
          f"({wakes / args.idle_seconds * 60:.0f} per minute; the highlight turns every 8 s)")  # fmt: skip
    kiosk.staff_quit()


if __name__ == "__main__":
    main()
