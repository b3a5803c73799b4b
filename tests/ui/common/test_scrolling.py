"""Flickable lists and pages, by finger and by a touch screen that reports itself as a mouse: a
press lands at once, a tap shows its effect in the next paint, a flick scrolls and never taps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.ui.browse.screen import BrowseScreen
from massage_explorer.ui.cards.model import CARD_ROLE, ID_ROLE, TechniqueListModel
from massage_explorer.ui.common.buttons import PushButton, tap_slop_px
from massage_explorer.ui.common.scrolling import PRESS_DELAY_S, enable_kinetic_scrolling
from massage_explorer.ui.session import SessionState
from tests import factories as f
from tests.ui.helpers import OFFSCREEN_NOISE, EventsOf, card_point, row_of, settle, toggle_point, touch_device

pytestmark = OFFSCREEN_NOISE
KINDS = ["touch", "mouse"]  # a finger, and a touch screen that reports a mouse


def pointer(kind: str, widget: QWidget, action: str, pos: QPoint) -> None:
    """A finger or mouse button going down, moving or up at `pos` (widget coordinates), as the
    window system delivers it: to the window, which finds the widget under it."""
    if kind == "touch":
        sequence = QTest.touchEvent(widget, touch_device())
        getattr(sequence, action)(0, pos, widget).commit()
        return
    window = widget.window()
    handle = window.windowHandle()
    at = widget.mapTo(window, pos)
    if action == "move":
        QTest.mouseMove(handle, at)
    else:
        send = QTest.mousePress if action == "press" else QTest.mouseRelease
        send(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def flick_up(kind: str, widget: QWidget, start: QPoint, distance: int = 300) -> None:
    """A finger put down at `start` and swept up `distance` px in a tenth of a second."""
    pointer(kind, widget, "press", start)
    for step in range(1, 11):
        QTest.qWait(10)
        pointer(kind, widget, "move", start - QPoint(0, distance * step // 10))
    pointer(kind, widget, "release", start - QPoint(0, distance))


def swipe(kind: str, widget: QWidget, start: QPoint, by: QPoint) -> None:
    """A finger put down at `start` and slid by `by` (in eight moves, a tenth of a second), then
    lifted: a patient swiping sideways, or steadying a shaky hand."""
    pointer(kind, widget, "press", start)
    for step in range(1, 9):
        QTest.qWait(12)
        pointer(kind, widget, "move", start + by * step / 8)
    pointer(kind, widget, "release", start + by)


def at_rest(area: QWidget) -> bool:
    return QScroller.scroller(area).state() == QScroller.State.Inactive


def browse_of(qtbot, *ids: str):
    """A browse screen of these techniques' cards inside the 800x800 offscreen screen, laid out."""
    state = SessionState()
    model = TechniqueListModel(state)
    model.set_catalog(f.catalog(*(f.technique(i) for i in ids)))
    screen = BrowseScreen(state, model)
    qtbot.addWidget(screen)
    screen.setGeometry(0, 0, 790, 790)
    with qtbot.waitExposed(screen):
        screen.show()
    settle()
    return screen.view, state


@pytest.fixture
def cards(qtbot):
    """A browse screen of 12 cards inside the 800x800 offscreen screen (touches outside it are
    dropped), its list laid out."""
    return browse_of(qtbot, *(f"t{i}" for i in range(12)))


def test_a_press_is_held_back_a_frame_at_most_and_not_zero(cards):
    # Qt's default is 0.25 s; with none at all, Qt would not cancel a press a flick began with.
    view, _ = cards
    properties = QScroller.scroller(view.viewport()).scrollerProperties()
    delay = properties.scrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay)
    assert delay == PRESS_DELAY_S and 0 < delay <= 1 / 60


@pytest.mark.parametrize("kind", KINDS)
def test_a_tap_on_save_shows_in_the_next_paint(cards, kind):
    view, state = cards
    viewport = view.viewport()
    pos = toggle_point(view, "t1")
    pointer(kind, viewport, "press", pos)
    paints = EventsOf(QEvent.Type.Paint)
    viewport.installEventFilter(paints)
    try:
        pointer(kind, viewport, "release", pos)
        assert state.shortlist == ["t1"]  # saved on the release itself
        settle()  # what Qt has queued, and no more: no timer of a quarter second fires here
        assert paints.count >= 1
    finally:
        viewport.removeEventFilter(paints)
    assert view.model().index(row_of(view, "t1"), 0).data(CARD_ROLE).saved


@pytest.mark.parametrize("kind", KINDS)
def test_a_flick_that_starts_on_save_scrolls_and_saves_nothing(cards, qtbot, kind):
    view, state = cards
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    flick_up(kind, view.viewport(), toggle_point(view, "t1"))
    qtbot.waitUntil(lambda: at_rest(view.viewport()))
    assert bar.value() > 0
    assert state.shortlist == []
    # Nothing was left half-pressed: the next tap saves the card under the finger.
    visible = next(
        r
        for r in range(view.model().rowCount())
        if view.viewport().rect().contains(view.visualRect(view.model().index(r, 0)))
    )
    target = view.model().index(visible, 0).data(ID_ROLE)
    pos = toggle_point(view, target)
    pointer(kind, view.viewport(), "press", pos)
    pointer(kind, view.viewport(), "release", pos)
    assert state.shortlist == [target]


@pytest.mark.parametrize("kind", KINDS)
def test_a_flick_that_starts_on_a_button_scrolls_and_clicks_nothing(qtbot, kind):
    page = QScrollArea()
    page.setWidgetResizable(True)
    inner = QWidget()
    column = QVBoxLayout(inner)
    button = QPushButton("Print")
    button.setMinimumHeight(80)
    column.addWidget(button)
    column.addSpacing(1500)
    page.setWidget(inner)
    enable_kinetic_scrolling(page)
    qtbot.addWidget(page)
    page.setGeometry(0, 0, 400, 600)
    with qtbot.waitExposed(page):
        page.show()
    clicks = []
    button.clicked.connect(lambda: clicks.append(True))
    viewport = page.viewport()
    start = button.mapTo(viewport, button.rect().center())
    pointer(kind, viewport, "press", start)
    pointer(kind, viewport, "release", start)
    assert clicks == [True]  # a tap clicks, on the release itself
    # A second touch there sooner is a double tap to Qt, and that does not start a flick
    # (with Qt's default press delay too).
    QTest.qWait(QApplication.styleHints().mouseDoubleClickInterval() + 100)
    flick_up(kind, viewport, start)
    qtbot.waitUntil(lambda: at_rest(viewport))
    assert page.verticalScrollBar().value() > 0
    assert clicks == [True] and not button.isDown()


@pytest.mark.parametrize("kind", KINDS)
def test_a_sideways_swipe_on_a_card_opens_and_saves_nothing(cards, qtbot, kind):
    # The list scrolls only up and down; Qt passed a swipe across it on as a tap.
    view, state = cards
    opened: list[str] = []
    view.openRequested.connect(opened.append)
    viewport = view.viewport()
    swipe(kind, viewport, card_point(view, "t0"), QPoint(-150, 0))
    qtbot.waitUntil(lambda: at_rest(viewport))
    swipe(kind, viewport, toggle_point(view, "t1"), QPoint(-60, 0))
    qtbot.waitUntil(lambda: at_rest(viewport))
    assert opened == [] and state.shortlist == []
    assert view.horizontalScrollBar().value() == 0  # it gave a little and sprang back
    # A tap still opens the card, a shaky one too.
    QTest.qWait(QApplication.styleHints().mouseDoubleClickInterval() + 100)
    swipe(kind, viewport, card_point(view, "t0"), QPoint(4, 3))
    assert opened == ["t0"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_short_swipe_on_a_list_with_nothing_to_scroll_taps_nothing(qtbot, kind):
    view, _ = browse_of(qtbot, "only")
    assert view.verticalScrollBar().maximum() == 0
    opened: list[str] = []
    view.openRequested.connect(opened.append)
    swipe(kind, view.viewport(), card_point(view, "only"), QPoint(0, 60))
    qtbot.waitUntil(lambda: at_rest(view.viewport()))
    assert opened == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_swipe_along_a_button_outside_any_flickable_area_clicks_nothing(qtbot, kind):
    # The comparison's Remove buttons sit in a header, where no flick is recognised.
    button = PushButton("Remove")
    qtbot.addWidget(button)
    button.setGeometry(0, 0, 300, 80)
    with qtbot.waitExposed(button):
        button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    slop = tap_slop_px(button)
    middle = button.rect().center()
    swipe(kind, button, middle - QPoint(100, 0), QPoint(200, 0))
    assert clicks == [] and not button.isDown()
    # Slid away and back onto the button: still no click, until the next press.
    pointer(kind, button, "press", middle)
    pointer(kind, button, "move", middle + QPoint(int(slop) + 20, 0))
    pointer(kind, button, "move", middle)
    assert not button.isDown()
    pointer(kind, button, "release", middle)
    assert clicks == []
    QTest.qWait(QApplication.styleHints().mouseDoubleClickInterval() + 100)
    swipe(kind, button, middle, QPoint(int(slop) - 2, 0))  # a finger that wobbles within a tap
    assert clicks == [True]


def test_a_reading_area_is_a_tab_stop_only_while_its_words_need_scrolling(qtbot):
    from PySide6.QtWidgets import QLabel

    from massage_explorer.ui.common.scrolling import WrappedScrollArea

    words = QLabel("A line of words. " * 400)
    words.setWordWrap(True)
    area = WrappedScrollArea(words)
    area.set_name(lambda: "Every warning sign")
    qtbot.addWidget(area)
    area.resize(400, 200)
    with qtbot.waitExposed(area):
        area.show()
    assert QScroller.hasScroller(area.viewport())  # still flicked by finger
    assert area.focusPolicy() == Qt.FocusPolicy.TabFocus  # not a tap's: a finger flicks it
    assert area.accessibleName() == "Every warning sign" and area.accessibleDescription()
    words.setText("A line of words.")
    area.fit_body()
    settle()
    assert area.verticalScrollBar().maximum() == 0
    assert area.focusPolicy() == Qt.FocusPolicy.NoFocus  # nothing to scroll: Tab would land on nothing


def test_revealing_the_widget_of_an_index_scrolls_its_view_to_it(qtbot):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QPushButton, QTableView

    from massage_explorer.ui.common.scrolling import reveal

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(QStandardItemModel(50, 1))
    buttons = [QPushButton(f"Row {row}") for row in range(50)]
    for row, button in enumerate(buttons):
        view.setIndexWidget(view.model().index(row, 0), button)
    view.resize(300, 200)
    with qtbot.waitExposed(view):
        view.show()
    # Half of it at the foot of the view (Qt hides an index widget wholly out of view: Tab
    # never reaches those).
    view.setVerticalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
    index = view.model().index(30, 0)
    view.scrollTo(index, QTableView.ScrollHint.PositionAtBottom)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() - view.rowHeight(30) // 2)
    settle()
    assert buttons[30].isVisible() and not view.viewport().rect().contains(buttons[30].geometry())
    reveal(buttons[30])
    settle()
    assert view.viewport().rect().contains(buttons[30].geometry())
