"""A finger on the kiosk, as its touch screen reports it: an overlay takes the whole touch that began
on it (its buttons still work, nothing beneath reacts), and a held finger opens the PIN pad.

Every tap here goes through the window, which finds the widget under the finger, as the screen
delivers it; each overlay is tapped by finger and by a touch screen that reports a mouse."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from massage_explorer.core import pin as staff_pin
from massage_explorer.core.catalog import RedFlag, Urgency
from massage_explorer.core.settings import KioskConfig
from massage_explorer.ui.cards.model import ID_ROLE
from massage_explorer.ui.common.overlay import Overlay
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.shell import MainWindow
from tests import factories as f
from tests.ui.helpers import OFFSCREEN_NOISE, settle, touch_device, touch_tap
from tests.ui.kiosk.test_kiosk import HOLD_SECONDS, PIN, _hash

pytestmark = OFFSCREEN_NOISE

KINDS = ["touch", "mouse"]  # a finger, and a touch screen that reports itself as a mouse

# What a finger on the screen becomes on its way to a widget: the touch itself, the mouse events
# Qt makes of a touch nobody took, and the gestures a flickable list recognises in it.
POINTER_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Gesture,
    }
)


@pytest.fixture
def kiosk(qtbot, qapp):
    catalog = f.catalog(
        *(f.technique(name) for name in ("gentle", "firm-one", "middle", "fourth", "fifth", "sixth")),
        red_flags=(RedFlag(f.t("Loss of bladder control"), Urgency.EMERGENCY),),
    )
    config = KioskConfig(long_press_seconds=HOLD_SECONDS, pin_hash=_hash(PIN, staff_pin.SCRYPT_COST))
    window = KioskWindow(catalog, config)
    qtbot.addWidget(window)
    window.resize(790, 790)  # inside the offscreen screen, so touches reach it
    with qtbot.waitExposed(window):
        window.show()
    yield window
    window.staff_quit()


def start(kiosk: KioskWindow) -> MainWindow:
    tap_button(kiosk.welcome.start_button)
    assert kiosk.in_session
    settle()
    return kiosk.session


def tap_button(button: QWidget, kind: str = "touch") -> None:
    pointer_tap(kind, button, button.rect().center())


def pointer_tap(kind: str, widget: QWidget, pos: QPoint) -> None:
    """A tap at `pos` in `widget`, by finger or by a touch screen that reports itself as a mouse;
    either way sent to the window, which finds the widget under it."""
    if kind == "touch":
        touch_tap(widget, pos)
        return
    window = widget.window()
    at = widget.mapTo(window, pos)
    for send in (QTest.mousePress, QTest.mouseRelease):
        send(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


class _Spy(QObject):
    """Which widgets a finger reached: every pointer event Qt hands to one, by receiver."""

    def __init__(self) -> None:
        super().__init__()
        self.reached: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in POINTER_EVENTS and isinstance(watched, QWidget):
            self.reached.append(watched)
        return False


@contextmanager
def nothing_beneath_reacts(overlay: Overlay) -> Iterator[None]:
    """Asserts that no widget outside `overlay` is handed the touch (or the mouse events made of
    it). The overlay's ancestors do not count: an event the overlay leaves climbs to them, never
    to the widgets it covers."""
    spy = _Spy()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    try:
        yield
        settle()
    finally:
        app.removeEventFilter(spy)
    ancestors = set()
    parent = overlay.parentWidget()
    while parent is not None:
        ancestors.add(parent)
        parent = parent.parentWidget()
    beneath = {
        widget.objectName() or type(widget).__name__
        for widget in spy.reached
        if widget is not overlay and not overlay.isAncestorOf(widget) and widget not in ancestors
    }
    assert beneath == set(), f"the tap reached {sorted(beneath)} beneath the overlay"


def card_under_backdrop(session: MainWindow, overlay: Overlay, *, toggle: bool) -> tuple[str, QPoint]:
    """A card shown beneath the dimmed backdrop (not under the box), and the point in the list's
    viewport where a tap would save it (`toggle`) or open it."""
    view = session.browse.view
    viewport = view.viewport()
    box = QRect(viewport.mapFromGlobal(overlay.box.mapToGlobal(QPoint(0, 0))), overlay.box.size())
    for row in range(view.model().rowCount()):
        index = view.model().index(row, 0)
        rect = view.visualRect(index)
        if toggle:
            at = view.card_delegate.toggle_rect(rect, index).center()
        else:
            at = QPoint(rect.left() + rect.width() // 4, rect.center().y())
        if viewport.rect().contains(at) and not box.adjusted(-4, -4, 4, 4).contains(at):
            return index.data(ID_ROLE), at
    raise AssertionError("no card lies beneath the backdrop")


def backdrop_points(overlay: Overlay) -> list[QPoint]:
    """The middle of each strip of dimmed backdrop around the overlay's box (where there is one)."""
    box, whole = overlay.box.geometry(), overlay.rect()
    points = []
    if box.top() > 10:
        points.append(QPoint(box.center().x(), box.top() // 2))
    if whole.bottom() - box.bottom() > 10:
        points.append(QPoint(box.center().x(), (box.bottom() + whole.bottom()) // 2))
    if box.left() > 10:
        points.append(QPoint(box.left() // 2, box.center().y()))
    if whole.right() - box.right() > 10:
        points.append(QPoint((box.right() + whole.right()) // 2, box.center().y()))
    assert points, "the box covers the whole window"
    return points


def patient_state(session: MainWindow) -> tuple[object, ...]:
    """What a tap beneath an overlay could change for the patient: the screen shown, the list,
    the comparison, the filters, the search text and the list's scroll position."""
    state = session.state
    return (
        session.stack.currentWidget(),
        list(state.shortlist),
        list(state.compare),
        state.condition,
        session.browse.search.text(),
        session.browse.view.verticalScrollBar().value(),
        tuple(sorted(session.browse.pressure_chips.chips.chosen())),
    )


def taps_on_the_backdrop_change_nothing(overlay: Overlay, session: MainWindow, kind: str) -> None:
    before = patient_state(session)
    for point in backdrop_points(overlay):
        with nothing_beneath_reacts(overlay):
            pointer_tap(kind, overlay, point)
        assert patient_state(session) == before, f"a tap at {point} changed what is beneath"


# -- the idle countdown -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_im_still_here_keeps_the_session_and_opens_nothing_beneath(kiosk, kind):
    session = start(kiosk)
    kiosk.idle.idle.emit()
    countdown = kiosk.countdown
    with nothing_beneath_reacts(countdown):
        tap_button(countdown.stay_button, kind)
    assert not countdown.isVisible() and not countdown.counting
    assert kiosk.in_session and session.stack.currentWidget() is session.browse  # no card opened
    assert session.state.shortlist == []
    assert kiosk.idle.running  # the idle clock starts again


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("toggle", [True, False], ids=["save-toggle", "card"])
def test_a_tap_on_the_countdowns_backdrop_only_answers_the_question(kiosk, toggle, kind):
    session = start(kiosk)
    kiosk.idle.idle.emit()
    countdown = kiosk.countdown
    settle()
    technique_id, at = card_under_backdrop(session, countdown, toggle=toggle)
    viewport = session.browse.view.viewport()
    with nothing_beneath_reacts(countdown):
        pointer_tap(kind, countdown, countdown.mapFromGlobal(viewport.mapToGlobal(at)))
    assert not countdown.isVisible() and kiosk.in_session  # someone is there: no reset
    assert session.state.shortlist == [], f"{technique_id} was saved through the backdrop"
    assert session.stack.currentWidget() is session.browse, f"{technique_id} was opened"


def test_a_finger_held_on_the_countdown_keeps_it_until_lifted(kiosk, qtbot):
    session = start(kiosk)
    kiosk.idle.idle.emit()
    countdown = kiosk.countdown
    _, at = card_under_backdrop(session, countdown, toggle=True)
    pos = countdown.mapFromGlobal(session.browse.view.viewport().mapToGlobal(at))
    QTest.touchEvent(countdown, touch_device()).press(0, pos, countdown).commit()
    qtbot.wait(50)
    assert countdown.isVisible()  # the question stays for the whole touch...
    QTest.touchEvent(countdown, touch_device()).release(0, pos, countdown).commit()
    settle()
    assert not countdown.isVisible() and session.state.shortlist == []  # ...which ends on it


# -- the staff PIN pad and panel ----------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_pin_pad_and_staff_panel_take_every_tap(kiosk, kind):
    session = start(kiosk)
    kiosk.open_pinpad()
    pad = kiosk.pinpad
    settle()
    with nothing_beneath_reacts(pad):
        for digit in PIN[:3]:
            tap_button(pad.digit_buttons[digit], kind)
    assert pad.dots.text() == "●●●"
    taps_on_the_backdrop_change_nothing(pad, session, kind)
    assert pad.isVisible() and pad.dots.text() == "●●●"  # nor is the backdrop a way out
    with nothing_beneath_reacts(pad):
        for digit in PIN[3:]:
            tap_button(pad.digit_buttons[digit], kind)
        tap_button(pad.ok_button, kind)
    assert pad.pages.currentIndex() == 1  # the staff panel

    taps_on_the_backdrop_change_nothing(pad, session, kind)
    assert pad.isVisible() and pad.pages.currentIndex() == 1
    before = patient_state(session)
    with nothing_beneath_reacts(pad):
        tap_button(pad.back_button, kind)
    assert not pad.isVisible() and kiosk.in_session and kiosk.isVisible()
    assert patient_state(session) == before


@pytest.mark.parametrize("kind", KINDS)
def test_the_pin_pad_over_the_welcome_screen_starts_no_session(kiosk, kind):
    kiosk.open_pinpad()
    pad = kiosk.pinpad
    settle()
    for point in backdrop_points(pad):
        with nothing_beneath_reacts(pad):
            pointer_tap(kind, pad, point)
        assert pad.isVisible() and not kiosk.in_session, f"a tap at {point} reached the welcome screen"
    with nothing_beneath_reacts(pad):
        tap_button(pad.cancel_button, kind)
    assert not pad.isVisible() and not kiosk.in_session


# -- the patient's overlays: "Start over?" and the red flags ------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_start_over_asks_and_each_answer_is_taken_by_touch(kiosk, kind):
    session = start(kiosk)
    session.state.toggle_shortlist("gentle")
    tap_button(session.top_bar.start_over_button, kind)
    confirm = session._confirm
    assert confirm is not None and confirm.isVisible()
    settle()
    taps_on_the_backdrop_change_nothing(confirm, session, kind)
    assert confirm.isVisible() and kiosk.in_session
    with nothing_beneath_reacts(confirm):
        tap_button(confirm.no_button, kind)
    assert not confirm.isVisible() and session.state.shortlist == ["gentle"]
    assert session.stack.currentWidget() is session.browse

    tap_button(session.top_bar.start_over_button, kind)
    with nothing_beneath_reacts(confirm):
        tap_button(confirm.yes_button, kind)
    assert not kiosk.in_session and session.state.shortlist == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_red_flags_panel_takes_every_tap_and_closes_by_touch(kiosk, kind):
    session = start(kiosk)
    tap_button(session.red_flags_line, kind)
    panel = session._red_flags
    assert panel is not None and panel.isVisible()
    settle()
    taps_on_the_backdrop_change_nothing(panel, session, kind)
    assert panel.isVisible()
    before = patient_state(session)
    with nothing_beneath_reacts(panel):
        tap_button(panel.close_button, kind)
    assert not panel.isVisible() and patient_state(session) == before


# -- long press ---------------------------------------------------------------------------------


def hold(qtbot, widget: QWidget, seconds: float) -> None:
    """A finger put down on the middle of `widget`, held `seconds`, and lifted."""
    device, pos = touch_device(), widget.rect().center()
    QTest.touchEvent(widget, device).press(0, pos, widget).commit()
    qtbot.wait(round(seconds * 1000))
    QTest.touchEvent(widget, device).release(0, pos, widget).commit()
    settle()


def test_a_finger_held_on_the_welcome_heading_opens_the_pin_pad(kiosk, qtbot):
    hold(qtbot, kiosk.welcome.title, HOLD_SECONDS + 0.2)
    assert kiosk.pinpad.isVisible()
    assert not kiosk.in_session  # the lifted finger did not start a session under the pad
    assert kiosk.stack.currentWidget() is kiosk.welcome


def test_a_quick_tap_on_the_welcome_heading_still_starts(kiosk, qtbot):
    hold(qtbot, kiosk.welcome.title, 0.02)
    assert kiosk.in_session and not kiosk.pinpad.isVisible()
    qtbot.wait(round(HOLD_SECONDS * 1000) + 100)
    assert not kiosk.pinpad.isVisible()  # no hold was left counting


def test_a_finger_held_on_the_explorers_heading_opens_the_pin_pad(kiosk, qtbot):
    # Just after the tap that started the session: Qt reports this press as a double click's.
    session = start(kiosk)
    hold(qtbot, session.top_bar.title, HOLD_SECONDS + 0.2)
    assert kiosk.pinpad.isVisible() and kiosk.in_session
    assert session.stack.currentWidget() is session.browse
