"""Tap latency on a flickable card list: from the finger lifting to the card painted changed.

Three lists of the same cards side by side, each tapped on a card's save toggle in every round,
by touch and by a touch screen that reports itself as a mouse (a plain press and release):
- baseline: a card list with no kinetic scrolling at all;
- kinetic: the card list as the app sets it up (`enable_kinetic_scrolling`: a press is held back
  one frame at most, to tell a tap from the start of a flick);
- Qt's default: the same, with Qt's default scroller properties put back (a mouse press held
  back 0.25 s), to show what the app's setting changes.

Each tap holds the finger down for --hold ms (the event loop runs meanwhile), then times the
release to the end of the first paint of the list that shows the card's new state (a hook on the
list's paintEvent). The lists are tapped in turn in every round, so all see the same machine load.

Then, what a held-back press delays: a button in a flickable page (Print on the take-away page,
the buttons of the details page), held down for --long-hold ms, timed from the press to its first
paint in the pressed look; same three set-ups, same rounds.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/tap_latency.py [--rounds 9] [--hold 80]
Prints medians and the ratio to the baseline; asserts nothing (speed is never a test verdict).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPaintEvent, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.cards.model import ID_ROLE, TechniqueListModel
from massage_explorer.ui.cards.view import CardListView
from massage_explorer.ui.common.scrolling import enable_kinetic_scrolling
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.session import SessionState

TIMEOUT_S = 2.0  # a tap that shows nothing by then is counted as lost


class TimedCards(CardListView):
    """A card list that notes when it has finished painting the tapped card's new state."""

    def __init__(self, state: SessionState) -> None:
        super().__init__()
        self.state = state
        self.waiting_for: bool | None = None  # the saved state a paint must show
        self.painted_at = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.waiting_for is not None and self.saved() == self.waiting_for:
            self.painted_at = time.perf_counter()
            self.waiting_for = None

    def first_id(self) -> str:
        return str(self.model().index(0, 0).data(ID_ROLE))

    def saved(self) -> bool:
        return self.first_id() in self.state.shortlist

    def toggle_point(self) -> QPoint:
        index = self.model().index(0, 0)
        return self.card_delegate.toggle_rect(self.visualRect(index), index).center()


class TimedButton(QPushButton):
    """A button that notes when it has finished its first paint in the pressed look."""

    def __init__(self) -> None:
        super().__init__("Print")
        self.setMinimumSize(200, 80)
        self.pressed_painted_at = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.isDown() and not self.pressed_painted_at:
            self.pressed_painted_at = time.perf_counter()


def make_page() -> tuple[QScrollArea, TimedButton]:
    """A page that scrolls, with a button on it, as the take-away and details pages have."""
    page = QScrollArea()
    page.setWidgetResizable(True)
    inner = QWidget()
    column = QVBoxLayout(inner)
    button = TimedButton()
    column.addWidget(button)
    column.addSpacing(1200)  # taller than the page: there is something to flick
    page.setWidget(inner)
    page.setFixedSize(250, 200)
    return page, button


def make_list(catalog, width: int) -> TimedCards:  # type: ignore[no-untyped-def]
    state = SessionState(catalog.default_language)
    model = TechniqueListModel(state)
    model.set_catalog(catalog)
    view = TimedCards(state)
    view.setModel(model)
    view.toggleRequested.connect(state.toggle_shortlist)
    view.setFixedWidth(width)
    return view


def mouse(widget: QWidget, kind: str, pos: QPoint) -> None:
    """A mouse press or release as the window system delivers it: to the window, which finds
    the widget under the pointer (QTest's widget overload would hand it to `widget` directly)."""
    window = widget.window()
    handle = window.windowHandle()
    assert handle is not None
    send = QTest.mousePress if kind == "press" else QTest.mouseRelease
    send(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget.mapTo(window, pos))


def tap(view: TimedCards, how: str, hold_ms: int, touch: QPointingDevice) -> float | None:
    """Press on the card's save toggle, hold, release; seconds from the release to the paint."""
    viewport = view.viewport()
    pos = view.toggle_point()
    view.waiting_for = not view.saved()
    if how == "touch":
        QTest.touchEvent(viewport, touch).press(0, pos, viewport).commit()
    else:
        mouse(viewport, "press", pos)
    QTest.qWait(hold_ms)
    released = time.perf_counter()
    if how == "touch":
        QTest.touchEvent(viewport, touch).release(0, pos, viewport).commit()
    else:
        mouse(viewport, "release", pos)
    app = QApplication.instance()
    assert app is not None
    while view.waiting_for is not None and time.perf_counter() - released < TIMEOUT_S:
        app.processEvents()
    if view.waiting_for is not None:
        view.waiting_for = None
        return None
    return view.painted_at - released


def press(
    page: QScrollArea, button: TimedButton, how: str, hold_ms: int, touch: QPointingDevice
) -> float | None:
    """Press on the button, hold; seconds from the press to its paint in the pressed look."""
    viewport = page.viewport()
    pos = button.mapTo(viewport, button.rect().center())
    button.pressed_painted_at = 0.0
    pressed = time.perf_counter()
    if how == "touch":
        QTest.touchEvent(viewport, touch).press(0, pos, viewport).commit()
    else:
        mouse(viewport, "press", pos)
    app = QApplication.instance()
    assert app is not None
    while not button.pressed_painted_at and time.perf_counter() - pressed < hold_ms / 1000:
        app.processEvents()
    painted = button.pressed_painted_at
    QTest.qWait(max(0, int(hold_ms - (time.perf_counter() - pressed) * 1000)))
    if how == "touch":
        QTest.touchEvent(viewport, touch).release(0, pos, viewport).commit()
    else:
        mouse(viewport, "release", pos)
    return painted - pressed if painted else None


def report(
    title: str, names: list[str], times: dict[tuple[str, str], list[float | None]], rounds: int
) -> None:
    for how in ("touch", "mouse"):
        base = [v for v in times[(how, "baseline")] if v is not None]
        print(f"\n{title}, by {how} (median of {rounds}):")
        for name in names:
            values = times[(how, name)]
            done = [v for v in values if v is not None]
            ratio = (
                f"{statistics.median(done) / statistics.median(base):5.2f}x" if done and base else "   -  "
            )
            print(f"  {name:<13} {median_ms(values)}  {ratio} the baseline")


def median_ms(values: list[float | None]) -> str:
    done = [v for v in values if v is not None]
    lost = len(values) - len(done)
    text = f"{statistics.median(done) * 1000:7.1f} ms" if done else "      -   "
    return text + (f" ({lost} of {len(values)} not seen)" if lost else "")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--hold", type=int, default=80, help="ms between press and release of a tap")
    parser.add_argument("--long-hold", type=int, default=400, help="ms a button is held down")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    apply_theme(app, high_contrast=False, scale=1.0)
    # The offscreen screen is 800x800 and drops touches outside it: three lists fit in it.
    window = QWidget()
    columns = QHBoxLayout(window)
    names = ["baseline", "kinetic", "Qt's default"]
    lists: dict[str, TimedCards] = {}
    pages: dict[str, tuple[QScrollArea, TimedButton]] = {}
    for name in names:
        column = QVBoxLayout()
        lists[name] = make_list(catalog, 250)
        pages[name] = make_page()
        column.addWidget(lists[name], 1)
        column.addWidget(pages[name][0])
        columns.addLayout(column)
        if name != "baseline":
            enable_kinetic_scrolling(lists[name])
            enable_kinetic_scrolling(pages[name][0])
    for area in (lists["Qt's default"], pages["Qt's default"][0]):
        QScroller.scroller(area.viewport()).setScrollerProperties(QScrollerProperties())
    window.setGeometry(0, 0, 790, 790)
    window.show()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(200)  # cards laid out in batches
    touch = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)

    load = os.getloadavg()
    print(
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores; "
        f"{args.rounds} rounds; finger held {args.hold} ms"
    )
    taps: dict[tuple[str, str], list[float | None]] = {}
    presses: dict[tuple[str, str], list[float | None]] = {}
    for _ in range(args.rounds):
        for how in ("touch", "mouse"):
            for name in names:
                taps.setdefault((how, name), []).append(tap(lists[name], how, args.hold, touch))
                QTest.qWait(50)  # the next tap is a new gesture, as a finger's would be
                page, button = pages[name]
                presses.setdefault((how, name), []).append(press(page, button, how, args.long_hold, touch))
                QTest.qWait(50)
    report("release -> the card painted changed", names, taps, args.rounds)
    report(f"press -> the button painted pressed (held {args.long_hold} ms)", names, presses, args.rounds)
    load = os.getloadavg()
    print(f"\nload average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
