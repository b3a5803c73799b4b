"""Enter on a focused button does what Space does, on every button of the patient app and the
kiosk: Return and the keypad's Enter, on push buttons and toggles alike."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from massage_explorer.core.catalog import RedFlag, Urgency
from massage_explorer.core.settings import KioskConfig
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shell import MainWindow
from tests import factories as f
from tests.ui.helpers import OFFSCREEN_NOISE, settle

pytestmark = OFFSCREEN_NOISE

# The main keyboard's Enter, and the keypad's (which Qt reports with the keypad modifier).
ENTERS = [
    pytest.param(Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, id="Return"),
    pytest.param(Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier, id="keypad-Enter"),
]


def catalog():
    return f.catalog(
        f.technique("gentle"),
        f.technique("middle"),
        red_flags=(RedFlag(f.t("Loss of bladder control"), Urgency.EMERGENCY),),
        languages=("en", "es"),
    )


@pytest.fixture
def window(qtbot, qapp):
    apply_theme(qapp, high_contrast=False, scale=1.0)
    win = MainWindow(catalog(), SessionState())
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    with qtbot.waitExposed(win):
        win.show()
    return win


@pytest.fixture
def kiosk(qtbot, qapp):
    window = KioskWindow(catalog(), KioskConfig(pin_hash=""))
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    with qtbot.waitExposed(window):
        window.show()
    yield window
    window.staff_quit()


def press(button: QAbstractButton, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """`key` pressed and let go on `button`, which has the keyboard focus."""
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert button.hasFocus(), button.text()
    QTest.keyClick(button, key, modifiers)
    settle()


@pytest.mark.parametrize(("key", "modifiers"), ENTERS)
def test_enter_on_a_focused_button_opens_what_it_names(window, key, modifiers):
    window.state.toggle_shortlist("gentle")
    press(window.top_bar.shortlist_button, key, modifiers)
    assert window.stack.currentWidget() is window.get_screen("shortlist")


@pytest.mark.parametrize(("key", "modifiers"), ENTERS)
def test_enter_switches_a_toggle_on_and_off_once_per_press(window, key, modifiers):
    contrast = window.top_bar.contrast_button
    press(contrast, key, modifiers)
    assert contrast.isChecked() and window.state.high_contrast
    # A key held down repeats its press: the toggle does not flicker on and off with it.
    QApplication.sendEvent(contrast, QKeyEvent(QEvent.Type.KeyPress, key, modifiers, "", True))
    assert contrast.isChecked() and window.state.high_contrast
    press(contrast, key, modifiers)
    assert not contrast.isChecked() and not window.state.high_contrast


@pytest.mark.parametrize(("key", "modifiers"), ENTERS)
def test_enter_picks_a_text_size_and_a_language(window, key, modifiers):
    largest = window.top_bar.size_group.button(2)
    press(largest, key, modifiers)
    assert window.state.text_step == 2 and largest.isChecked()
    press(window.top_bar.language_buttons["es"], key, modifiers)
    assert window.state.language == "es"


def test_space_still_clicks(window):
    press(window.top_bar.contrast_button, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    assert window.state.high_contrast


def test_every_button_on_the_patient_screens_takes_enter(window):
    """Each button a patient can reach on the browse screen, the red-flags line and the shortlist
    screen's: one Enter, one click."""
    window.state.toggle_shortlist("gentle")
    window.state.set_compare(["gentle", "middle"])
    for screen in ("browse", "shortlist"):
        window.go_to(screen)
        settle()
        buttons = [
            button
            for button in window.findChildren(QAbstractButton)
            if button.isVisible() and button.isEnabled() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        assert len(buttons) >= 8, [b.text() for b in buttons]
        for button in buttons:
            clicks: list[bool] = []
            button.clicked.connect(lambda checked=False, seen=clicks: seen.append(checked))
            # Only the click is counted here; what it opens is closed again below.
            press(button, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
            assert len(clicks) == 1, f"Enter on {button.text()!r} did not click it"
            window.go_to(screen)
            for overlay in (window._confirm, window._red_flags):
                if overlay is not None:
                    overlay.hide()
            settle()


# -- the kiosk ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "modifiers"), ENTERS)
def test_enter_on_the_welcome_screens_language_button_picks_it_and_starts_nothing(kiosk, key, modifiers):
    spanish = kiosk.welcome.language_buttons["es"]
    press(spanish, key, modifiers)
    assert kiosk.state.language == "es" and spanish.isChecked()
    assert not kiosk.in_session  # before, Enter went past the button and started a session
    press(kiosk.welcome.start_button, key, modifiers)
    assert kiosk.in_session


@pytest.mark.parametrize(("key", "modifiers"), ENTERS)
def test_enter_answers_the_countdown_and_types_on_the_pin_pad(kiosk, key, modifiers):
    kiosk.start_session()
    kiosk.idle.idle.emit()
    stay = kiosk.countdown.stay_button
    assert stay.hasFocus()  # the countdown puts the focus on its answer
    QTest.keyClick(stay, key, modifiers)
    assert not kiosk.countdown.isVisible() and kiosk.in_session

    kiosk.open_pinpad()
    pad = kiosk.pinpad
    for digit in "42":
        press(pad.digit_buttons[digit], key, modifiers)
    assert pad.dots.text() == "●●"
    press(pad.cancel_button, key, modifiers)
    assert not pad.isVisible() and kiosk.in_session
