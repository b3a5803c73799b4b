"""A kiosk driven by a seeded stream of random input, as a restless waiting room would: taps,
flicks and held fingers anywhere on the screen, keys on whatever has the focus, and pauses long
enough for the idle question and the reset. Run as its own process by test_random_input.py, so
that a crash of PySide6 or Qt is a failed test with its seed, not a dead test run.

    python -m tests.ui.kiosk.random_input SEED ACTIONS [--display 1366x768] [--language es] [--largest-text]

By default it runs on the offscreen platform's 800x800 screen, in English.
--display puts it on an offscreen screen of one of the layout check's displays instead
(massage_explorer/tools/layoutcheck.py), --language starts the kiosk in another language, as a
clinic may set it, and --largest-text has each patient choose the largest text size first.

After each action it checks what must always hold on a public kiosk: the kiosk is on screen, no
other window, menu or dialog is open, no button is left pressed, no Python error was raised in a
slot, and on the welcome screen nothing of the last patient is left (shortlist, comparison, search
text, text size, contrast). It prints the first broken rule with the last actions and exits 1;
"ok" and 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import traceback
from types import TracebackType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.pin import hash_pin
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import load_catalog
from massage_explorer.tools.layoutcheck import DISPLAYS, on_a_screen_of
from massage_explorer.ui.common.i18n import install_language
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.launch import prepare_application
from massage_explorer.ui.session import TEXT_STEPS

MARGIN = 10  # the window is kept inside the offscreen platform's screen, which drops touches outside it
KEYS = [
    Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Escape,
    Qt.Key.Key_Backspace, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
    Qt.Key.Key_A, Qt.Key.Key_Z, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Menu,
]  # fmt: skip
MODIFIERS = [Qt.KeyboardModifier.NoModifier] * 4 + [
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
]


class Finger:
    """Touches on the kiosk's window, delivered to the widget under the finger."""

    def __init__(self) -> None:
        self.device = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)

    def _at(self, window: QWidget, point: QPoint) -> tuple[QWidget, QPoint]:
        widget = window.childAt(point) or window
        return widget, widget.mapFrom(window, point)

    def tap(self, window: QWidget, point: QPoint) -> None:
        widget, at = self._at(window, point)
        QTest.touchEvent(widget, self.device).press(0, at, widget).commit()
        QTest.qWait(30)
        QTest.touchEvent(widget, self.device).release(0, at, widget).commit()

    def hold(self, window: QWidget, point: QPoint, ms: int) -> None:
        widget, at = self._at(window, point)
        QTest.touchEvent(widget, self.device).press(0, at, widget).commit()
        QTest.qWait(ms)
        QTest.touchEvent(widget, self.device).release(0, at, widget).commit()

    def flick(self, window: QWidget, start: QPoint, end: QPoint, steps: int = 6) -> None:
        widget, at = self._at(window, start)
        QTest.touchEvent(widget, self.device).press(0, at, widget).commit()
        for step in range(1, steps + 1):
            QTest.qWait(16)
            point = at + (widget.mapFrom(window, end) - at) * (step / steps)
            QTest.touchEvent(widget, self.device).move(0, point, widget).commit()
        QTest.touchEvent(widget, self.device).release(0, widget.mapFrom(window, end), widget).commit()


def _broken(app: QApplication, kiosk: KioskWindow, errors: list[str]) -> str | None:
    """The first rule of a public kiosk that no longer holds, or None."""
    if errors:
        return f"a Python error in the app:\n{errors[0]}"
    if not kiosk.isVisible():
        return "the kiosk's window is gone"
    if app.activeModalWidget() is not None or app.activePopupWidget() is not None:
        return f"a dialog or menu is open: {app.activeModalWidget() or app.activePopupWidget()}"
    others = [w for w in app.topLevelWidgets() if w.isVisible() and w is not kiosk]
    if others:
        return f"another window is shown: {others}"
    pressed = [b.text() or b.accessibleName() for b in kiosk.findChildren(QAbstractButton) if b.isDown()]
    if pressed:
        return f"a button is left pressed: {pressed}"
    if kiosk.session_built and not kiosk.in_session:  # the welcome screen: the reset has been
        state, search = kiosk.state, kiosk.session.browse.search.text()
        if state.shortlist or state.compare or search or state.text_step or state.high_contrast:
            return (
                f"the last patient is still there: shortlist {state.shortlist}, compare {state.compare}, "
                f"search {search!r}, text size {state.text_step}, high contrast {state.high_contrast}"
            )
    return None


def run(seed: int, actions: int, display: str = "", language: str = "", largest_text: bool = False) -> int:
    if display:  # the screen is made with the application, from what the environment says then
        with on_a_screen_of(next(d for d in DISPLAYS if d.name == display)) as env:
            os.environ.update(env)
            app = prepare_application()
    else:
        app = prepare_application()
    errors: list[str] = []

    def record(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        errors.append("".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = record
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    config = KioskConfig(
        idle_seconds=5, countdown_seconds=3, long_press_seconds=1.0, pin_hash=hash_pin("482916"),
        language=language or "en",
    )  # fmt: skip
    if language:
        install_language(app, language)  # before the window is built, as open_kiosk does
    kiosk = KioskWindow(catalog, config)
    if largest_text:
        kiosk.sessionStarted.connect(lambda: kiosk.state.set_text_step(len(TEXT_STEPS) - 1))
    screen = app.primaryScreen().size()
    width, height = screen.width() - MARGIN, screen.height() - MARGIN
    kiosk.resize(width, height)
    kiosk.show()
    QTest.qWaitForWindowExposed(kiosk)
    finger, chance, done = Finger(), random.Random(seed), []
    for number in range(1, actions + 1):
        point = QPoint(chance.randint(2, width - 5), chance.randint(2, height - 5))
        roll = chance.random()
        if roll < 0.55:
            done.append(f"{number}: tap at {point.x()},{point.y()}")
            finger.tap(kiosk, point)
        elif roll < 0.65:
            end = point + QPoint(chance.randint(-300, 300), chance.randint(-300, 300))
            done.append(f"{number}: flick from {point.x()},{point.y()} to {end.x()},{end.y()}")
            finger.flick(kiosk, point, end)
        elif roll < 0.7:
            ms = chance.choice([600, 1100, 2600])
            done.append(f"{number}: hold {ms} ms at {point.x()},{point.y()}")
            finger.hold(kiosk, point, ms)
        elif roll < 0.95:
            key, modifier = chance.choice(KEYS), chance.choice(MODIFIERS)
            target = app.focusWidget() or kiosk
            done.append(f"{number}: key {key.name} {modifier.name} on {type(target).__name__}")
            QTest.keyClick(target, key, modifier)
        else:  # a patient reading, or gone: the idle question and the reset come
            ms = chance.choice([1000, 6000, 9000])
            done.append(f"{number}: wait {ms} ms")
            QTest.qWait(ms)
        QTest.qWait(20)
        broken = _broken(app, kiosk, errors)
        if broken is not None:
            print(f"seed {seed}, after action {number}: {broken}", "last actions:", *done[-8:], sep="\n  ")
            return 1
    print(f"ok: seed {seed}, {actions} actions")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m tests.ui.kiosk.random_input")
    parser.add_argument("seed", type=int)
    parser.add_argument("actions", type=int)
    parser.add_argument("--display", default="", choices=[d.name for d in DISPLAYS])
    parser.add_argument("--language", default="")
    parser.add_argument("--largest-text", action="store_true")
    args = parser.parse_args()
    status = run(args.seed, args.actions, args.display, args.language, args.largest_text)
    sys.stdout.flush()
    os._exit(status)  # no teardown: what is checked has been checked
