"""The staff PIN pad and the staff panel behind it (quit the kiosk; catalog problems)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.ui.common.buttons import PushButton, big_button, width_with
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.overlay import Overlay
from massage_explorer.ui.common.pages import PageStack
from massage_explorer.ui.common.worker import run_in_thread

if TYPE_CHECKING:  # the kiosk window makes the gate (and imports hashing) only when it builds the pad
    from massage_explorer.core.pin import PinGate

MAX_DIGITS = 12


class EraseKey(PushButton):
    """ "⌫ Erase" where the key has room for it, the symbol alone where it has not (the largest
    text on an 800 px wide screen). Its accessible name always says what it does."""

    _label = ""

    def set_label(self, label: str) -> None:
        """The whole label, its first word the symbol ("⌫ Erase", "⌫ Borrar")."""
        self._label = label
        self._fit()

    def _symbol(self) -> str:
        return (self._label.split() or [""])[0]

    def whole_width(self) -> int:
        """The width the whole label needs, whichever of the two the key shows now."""
        return width_with(self, self._label)

    def _fit(self) -> None:
        self.setText(self._label if self.width() >= self.whole_width() else self._symbol())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(width_with(self, self._symbol()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class LongPress(QObject):
    """Emits `triggered` when a widget is held down for `seconds` (the kiosk's long_press_seconds).

    The discreet staff gesture: nothing on screen invites it, and a patient's short tap goes
    through to the widget as usual. Touch is left to Qt's mouse synthesis, so a finger and a mouse
    behave alike (as long as neither the widget nor a parent of it takes touch events: the welcome
    screen leaves them to Qt for this); the release that ends a long press is swallowed, so it
    does not also act as a tap underneath the PIN pad.
    """

    triggered = Signal()

    def __init__(self, widget: QWidget, seconds: float) -> None:
        super().__init__(widget)
        self._fired = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(round(seconds * 1000))
        self._timer.timeout.connect(self._fire)
        widget.installEventFilter(self)

    @Slot()
    def _fire(self) -> None:
        self._fired = True
        self.triggered.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # A press soon after another comes as the second half of a double click, not as a press:
        # a finger put down on the heading just after a tap elsewhere (the tap that started the
        # session, say) is a press all the same.
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._fired = False
            self._timer.start()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._timer.stop()
            if self._fired:
                self._fired = False
                return True
        return False


class PinPad(Overlay):
    """Digits as big buttons, the PIN shown as dots; unlocks only with the configured PIN."""

    quitRequested = Signal()
    editRequested = Signal()
    closed = Signal()

    def __init__(self, gate: PinGate, parent: QWidget | None = None) -> None:
        # Up to 960 px: three even keys as wide as "⌫ Borrar" at the largest text.
        super().__init__("pinpad", parent, width=(640, 960))
        self.gate = gate
        self._digits = ""
        self._checking = False  # a PIN being checked: the keys wait for the answer
        self._openings = 0  # how many times the pad was opened: a check outlives only its own
        self._problems = ""
        self.pages = PageStack()
        self.pages.addWidget(self._build_pad())
        self.pages.addWidget(self._build_staff_panel())
        self.column.setContentsMargins(40, 32, 40, 32)
        self.column.addWidget(self.pages)

    def _build_pad(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(16)
        self.prompt = plain_label("", role="heading")
        self.texts(self.prompt.setText, lambda: self.tr("Staff only: enter the PIN"))
        self.dots = plain_label("", role="title")
        self.texts(self.dots.setAccessibleName, lambda: self.tr("PIN entered so far"))
        self.message = plain_label("", role="body")
        self.problem_hint = plain_label("", role="body")
        self.texts(
            self.problem_hint.setText,
            lambda: self.tr("⚠ The catalog file has a problem. Enter the PIN to see it."),
        )
        self.problem_hint.hide()
        column.addWidget(self.prompt)
        column.addWidget(self.problem_hint)
        column.addWidget(self.dots)
        column.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit_button(digit), index // 3, index % 3)
        erase = big_button("", kind=EraseKey)
        assert isinstance(erase, EraseKey)
        self.erase_button = erase
        self.texts(self.erase_button.set_label, lambda: self.tr("⌫ Erase"))
        self.texts(self.erase_button.setAccessibleName, lambda: self.tr("Erase the last digit"))
        self.erase_button.clicked.connect(self._erase)
        self.ok_button = big_button("")
        self.texts(self.ok_button.setText, lambda: self.tr("OK"))
        self.texts(self.ok_button.setAccessibleName, lambda: self.tr("Check the PIN"))
        self.ok_button.clicked.connect(self.submit)
        grid.addWidget(self.erase_button, 3, 0)
        grid.addWidget(self._digit_button("0"), 3, 1)
        grid.addWidget(self.ok_button, 3, 2)
        for index in range(3):
            grid.setColumnStretch(index, 1)
        self._keys_grid = grid
        column.addLayout(grid)
        self.cancel_button = big_button("")
        self.texts(self.cancel_button.setText, lambda: self.tr("Cancel"))
        self.texts(self.cancel_button.setAccessibleName, lambda: self.tr("Close the PIN pad"))
        self.cancel_button.clicked.connect(self.close_pad)
        column.addWidget(self.cancel_button)
        for button in (*self.digit_buttons.values(), self.erase_button, self.ok_button):
            button.setMinimumSize(120, 80)
        # Narrower than its whole label where the columns are: down to its symbol's width.
        self.erase_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return page

    def _digit_button(self, digit: str) -> QPushButton:
        button = big_button(digit)
        self.texts(button.setAccessibleName, lambda: self.tr("Digit {d}").format(d=digit))
        button.clicked.connect(lambda: self._press(digit))
        self.digit_buttons[digit] = button
        return button

    def _build_staff_panel(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(16)
        staff = plain_label("", role="heading")
        self.texts(staff.setText, lambda: self.tr("Staff"))
        column.addWidget(staff)
        self.problems_label = plain_label("", role="body")
        self.texts(self.problems_label.setAccessibleName, lambda: self.tr("Catalog problems"))
        column.addWidget(self.problems_label)
        self.busy_label = plain_label("", role="body")  # what the kiosk is doing for staff
        self.busy_label.hide()
        column.addWidget(self.busy_label)
        # One above the other, each as wide as the box: three side by side did not fit their
        # words at a large text size (or in Spanish) in the box's width.
        row = QVBoxLayout()
        self.quit_button = big_button("")
        self.texts.button(self.quit_button, lambda: self.tr("Quit the kiosk"))
        self.texts(self.quit_button.setAccessibleDescription, lambda: self.tr("Close Massage Explorer."))
        self.quit_button.clicked.connect(self.quitRequested)
        self.edit_button = big_button("")
        self.texts.button(self.edit_button, lambda: self.tr("Edit the catalog"))
        self.texts(
            self.edit_button.setAccessibleDescription,
            lambda: self.tr("Open the staff editor on this kiosk's catalog."),
        )
        self.edit_button.clicked.connect(self.editRequested)
        row.addWidget(self.edit_button)
        self.back_button = big_button("")
        self.texts.button(self.back_button, lambda: self.tr("Back to the kiosk"))
        self.back_button.clicked.connect(self.close_pad)
        row.addWidget(self.quit_button)
        row.addWidget(self.back_button)
        column.addLayout(row)
        return page

    def set_problems(self, text: str) -> None:
        """Catalog problems the kiosk met (e.g. an invalid update it did not apply), for staff."""
        self._problems = text
        self.problems_label.setText(text or self.tr("The catalog loaded without problems."))
        self.problem_hint.setVisible(bool(text))

    def set_busy(self, text: str) -> None:
        """A staff choice under way (the editor reading the catalog), said in words; "" when it is
        over. Meanwhile only "Back to the kiosk" answers: it closes the pad (and ends this), and
        what was under way is then not shown unless asked for again on a pad opened anew."""
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        for button in (self.edit_button, self.quit_button):
            button.setEnabled(not text)

    @property
    def openings(self) -> int:
        """How many times the pad was opened: what was asked on one opening is not done on another."""
        return self._openings

    @property
    def unlocked(self) -> bool:
        """The staff panel is on screen: the PIN was right and the pad is still open."""
        return self.isVisible() and self.pages.currentIndex() == 1

    def open_pad(self) -> None:
        self._openings += 1
        self._digits = ""
        self._update_dots()
        self.pages.setCurrentIndex(0)
        if not self.gate.configured:
            self.message.setText(
                self.tr(
                    "No staff PIN is set, so this pad cannot unlock. On this computer, run "
                    "'massage-explorer set-pin' in a terminal to set one."
                )
            )
        else:
            self._show_lock_state()
            if self._checking:  # a PIN typed before Cancel is still being checked: keys wait
                self.message.setText(self.tr("Checking the PIN…"))
        self._even_columns()
        self.present()
        self.digit_buttons["1"].setFocus(Qt.FocusReason.OtherFocusReason)

    def _even_columns(self) -> None:
        """Every column of keys as wide as the widest key, in the language and text size of now:
        else '⌫ Erase' and 'OK' made the middle column of digits half as wide as the others. But
        never wider than a third of the room the pad has on this window: on an 800 px wide
        screen at the largest text, the Erase key then shows its symbol alone (EraseKey)."""
        keys = (*self.digit_buttons.values(), self.erase_button, self.ok_button)
        # The Erase key's whole label, not what it shows: once it showed the symbol alone (a pad
        # laid out before its window had its size), its own size hint kept the columns narrow.
        widest = max(self.erase_button.whole_width(), *(key.sizeHint().width() for key in keys))
        window = self.parentWidget()
        if window is not None:
            room = min(window.width() - _across(self.layout()), self.box.maximumWidth())
            page = self.erase_button.parentWidget()  # the keys' page, in the box's column
            room -= _across(self.box) + _across(self.column) + _across(page.layout() if page else None)
            room -= 2 * self._keys_grid.spacing()
            narrowest = max(key.minimumSizeHint().width() for key in keys)
            widest = max(min(widest, room // 3), narrowest)
        for index in range(3):
            self._keys_grid.setColumnMinimumWidth(index, widest)

    def dismiss(self) -> None:
        self.close_pad()

    @Slot()
    def close_pad(self) -> None:
        self.set_busy("")
        self._digits = ""
        self._update_dots()
        self.pages.setCurrentIndex(0)  # the staff panel locks again
        self.hide()
        self.closed.emit()

    def _press(self, digit: str) -> None:
        if len(self._digits) < MAX_DIGITS and not self._checking:
            self._digits += digit
            self._update_dots()

    @Slot()
    def _erase(self) -> None:
        if self._checking:
            return
        self._digits = self._digits[:-1]
        self._update_dots()

    def _update_dots(self) -> None:
        self.dots.setText("●" * len(self._digits) or " ")

    @Slot()
    def submit(self) -> None:
        if self._checking:
            return
        pin, self._digits = self._digits, ""
        self._update_dots()
        if not self.gate.configured:
            return
        # The check is slow on purpose (a quarter of a second here, more on a small computer):
        # on a thread, the window answering and saying so. The keys wait; Cancel still closes.
        self._checking, opening = True, self._openings
        self.message.setText(self.tr("Checking the PIN…"))
        try:
            right = run_in_thread(lambda: self.gate.check(pin))
        finally:
            self._checking = False
        if not self.isVisible() or opening != self._openings:
            # Closed meanwhile (and maybe opened again): the try counted, nothing opens, and a
            # pad opened anew says no more that it is checking.
            self._show_lock_state()
            return
        if right:
            self.message.setText("")
            self.set_problems(self._problems)
            self.pages.setCurrentIndex(1)
            # On the harmless choice: a second Enter on OK (a double press) went on to "Quit the
            # kiosk" when it had the focus.
            self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._show_lock_state(wrong=True)

    def _show_lock_state(self, wrong: bool = False) -> None:
        locked = self.gate.seconds_locked()
        if locked:
            self.message.setText(
                self.tr("Too many wrong tries. Try again in 1 second.")
                if locked == 1
                else self.tr("Too many wrong tries. Try again in {n} seconds.").format(n=locked)
            )
        elif wrong:
            self.message.setText(
                self.tr("That PIN is not right. 1 try left.")
                if self.gate.tries_left() == 1
                else self.tr("That PIN is not right. {n} tries left.").format(n=self.gate.tries_left())
            )
        else:
            self.message.setText("")


def _across(holder: QWidget | QLayout | None) -> int:
    """The left and right margins of a widget or layout."""
    if holder is None:
        return 0
    margins = holder.contentsMargins()
    return margins.left() + margins.right()
