"""A dimmed full-window backdrop with a centred box, and the one question every mode asks with it:
"Start over?" (the kiosk's idle countdown and PIN pad use the same backdrop)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.translatable import Texts


class Overlay(QFrame):
    """A dimmed full-window backdrop with a centred box: the kiosk's questions and its PIN pad.

    Subclasses fill `self.column`; `present()` covers the parent window and raises it.

    A touch on it needs nothing of its own: no widget here takes touch events, so Qt makes mouse
    events of the touch for the widget under the finger (a button is pressed and clicked as by
    a mouse), and what the backdrop or box leaves goes up to the window, never to the widgets
    the overlay covers. What must hold is that the overlay stays up until the touch ends: Qt
    picks the widget for a touch after the application's event filters have seen it come down,
    so an overlay hidden by such a filter lets the whole touch fall through to what is beneath
    (the idle countdown did; see `IdleWatcher` in ui/kiosk/idle.py). tests/ui/kiosk/test_touch.py
    taps each overlay.

    The keyboard stays in it too, as a finger does: Tab and Shift+Tab go round its own controls,
    Escape dismisses it (`dismiss`), and no other key reaches the screen beneath. Tab went on to
    the controls it covers: Space on "Start over" behind the warning signs opened a second overlay,
    and the search field typed behind the idle question. When it closes, the focus goes back to
    where it was when the overlay came up.
    """

    def __init__(
        self, name: str, parent: QWidget | None = None, *, width: tuple[int, int] = (760, 1000)
    ) -> None:
        super().__init__(parent)
        self.texts = Texts()
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.box = QFrame(self)
        self.box.setObjectName(name + "Box")
        self.box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.box.setMinimumWidth(width[0])
        self.box.setMaximumWidth(width[1])
        self.column = QVBoxLayout(self.box)
        self.column.setContentsMargins(48, 40, 48, 40)
        self.column.setSpacing(24)
        # Centred by stretches, not by alignment: an aligned box would be measured for the height
        # its wrapped texts need at the whole window's width, and then be narrower than that, so
        # a heading that wraps in the box lost its second line.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.box)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._return_to: QWidget | None = None  # where the focus was when it came up
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.refresh()

    def present(self) -> None:
        """Cover the parent window and take the focus; the subclass then focuses its first
        choice (or the first control takes it)."""
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus):
            self._return_to = focus
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        if not self._has_focus():
            self.focusNextPrevChild(True)

    def _has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and self.isAncestorOf(focus)

    def dismiss(self) -> None:
        """What Escape does: close as the overlay's way back does (each overlay says which)."""
        self.hide()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go round the overlay's own controls, never to those beneath. Once
        hidden, the window's own order: Qt asks here where a focus left inside the overlay goes
        as it hides, and going round the hidden controls kept it there, where no key did anything."""
        if not self.isVisible():
            return super().focusNextPrevChild(next)
        start = QApplication.focusWidget()
        if start is None or not self.isAncestorOf(start):
            start = self
        widget: QWidget | None = start
        while True:
            assert widget is not None
            widget = widget.nextInFocusChain() if next else widget.previousInFocusChain()
            if widget is None or widget is start:
                return True  # nothing else to go to: the focus stays
            takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            if takes_tab and self.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled():
                reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
                widget.setFocus(reason)
                return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.isVisible():
            super().keyPressEvent(event)  # on to the window
            return
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
        # Any other key its controls leave ends here: Backspace, say, went on to the window
        # beneath, which went back a screen behind the overlay.
        event.accept()

    def hideEvent(self, event: QHideEvent) -> None:
        # Before Qt moves a focus left inside a hidden widget on to the next in its chain.
        back, self._return_to = self._return_to, None
        if self._has_focus() and _still_there(back):
            assert back is not None
            back.setFocus(Qt.FocusReason.OtherFocusReason)
        super().hideEvent(event)


class ConfirmStartOver(Overlay):
    """ "Start over?" before a patient's shortlist is wiped by one mis-tap."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("countdown", parent)  # the same dimmed look as the idle question
        question = plain_label("", role="hero")
        self.texts(question.setText, lambda: self.tr("Start over?"))
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        explain = plain_label("", role="body")
        self.texts(explain.setText, lambda: self.tr("Your shortlist and choices will be cleared."))
        explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.yes_button = big_button("")
        self.texts.button(self.yes_button, lambda: self.tr("Yes, start over"))
        self.texts(
            self.yes_button.setAccessibleDescription,
            lambda: self.tr("Clear everything and go back to the start."),
        )
        self.yes_button.setMinimumHeight(80)
        self.yes_button.clicked.connect(self._yes)
        self.no_button = big_button("")
        self.texts.button(self.no_button, lambda: self.tr("No, keep my list"))
        self.no_button.setProperty("role", "primary")
        self.texts(self.no_button.setAccessibleDescription, lambda: self.tr("Go back to where you were."))
        self.no_button.setMinimumHeight(80)
        self.no_button.clicked.connect(self.hide)
        for widget in (question, explain, self.no_button, self.yes_button):
            self.column.addWidget(widget)

    def ask(self) -> None:
        self.present()
        self.no_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _yes(self) -> None:
        self.hide()
        self.confirmed.emit()


def _still_there(widget: QWidget | None) -> bool:
    """Whether the focus can go back to `widget`: not deleted since, shown and enabled."""
    return widget is not None and shiboken6.isValid(widget) and widget.isVisible() and widget.isEnabled()
