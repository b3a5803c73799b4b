"""A dimmed full-window backdrop with a centred box, and the one question every mode asks with it:
"Start over?" (the kiosk's idle countdown and PIN pad use the same backdrop)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

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
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.refresh()

    def present(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()


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
