"""The card list view shared by the browse and shortlist screens."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from massage_explorer.ui.cards.delegate import CardDelegate
from massage_explorer.ui.cards.model import ID_ROLE, SAVED_ROLE
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.scrolling import enable_kinetic_scrolling, lay_out_in_batches


class CardListView(QListView):
    """A flickable list of painted cards: Enter opens the current card, Space toggles it."""

    openRequested = Signal(str)
    toggleRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, remove_label: bool = False) -> None:
        super().__init__(parent)
        self.card_delegate = CardDelegate(self, remove_label=remove_label)
        self._laid_out_width = -1  # the width of the last resize that laid the cards out
        self.setItemDelegate(self.card_delegate)
        self.card_delegate.openRequested.connect(self.openRequested)
        self.card_delegate.toggleRequested.connect(self.toggleRequested)
        self.setSpacing(10)
        # Two touch targets high at the least, not the ~160 px its scroll bar's style asks for:
        # on a short screen at the largest text (1280x720, 1024x768) the heading above needs it.
        self.setMinimumHeight(2 * MIN_TARGET)
        lay_out_in_batches(self)  # 5,000 cards never hold up a keystroke
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        enable_kinetic_scrolling(self)
        self.verticalScrollBar().setSingleStep(40)

    def current_id(self) -> str | None:
        value = self.currentIndex().data(ID_ROLE)
        return value if isinstance(value, str) else None

    def relayout(self) -> None:
        """Card heights depend on width and font: lay the cards out again."""
        self.card_delegate.relayout()
        self.scheduleDelayedItemsLayout()
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        technique_id = self.current_id()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and technique_id:
            self.openRequested.emit(technique_id)
        elif key == Qt.Key.Key_Space and technique_id:
            self.toggleRequested.emit(technique_id)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            event.ignore()  # the window uses these for "back"
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # A quick second tap (a shaky finger) is one more tap: nothing here needs a double tap.
        self.mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Arriving by keyboard with no current card: start on the card at the top of the view,
        # not on row 0 (which would scroll the list away from what the patient is looking at).
        by_pointer = event.reason() == Qt.FocusReason.MouseFocusReason
        if not by_pointer and not self.currentIndex().isValid():
            top = self.indexAt(QPoint(self.spacing() + 1, self.spacing() + 1))
            model = self.model()
            if not top.isValid() and model is not None and model.rowCount() > 0:
                top = model.index(0, 0, QModelIndex())
            if top.isValid():
                self.setCurrentIndex(top)
        super().focusInEvent(event)

    def dataChanged(
        self,
        topLeft: QModelIndex | QPersistentModelIndex,
        bottomRight: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        if SAVED_ROLE in roles:
            # Saved or not, a card keeps its size: its toggle is as wide as the longer label.
            # Repaint it only. QListView would lay out every card again, in batches from the
            # first, and a patient scrolled down a long list was thrown back near the top.
            QAbstractItemView.dataChanged(self, topLeft, bottomRight, list(roles))
            return
        super().dataChanged(topLeft, bottomRight, list(roles))

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = event.size().width()
        if width == self._laid_out_width:
            # Only the height changed, which moves no card: QListView, wrapping, would lay them all
            # out again from the first, and the patient lost their place in the list. (Compared
            # with the width the cards were laid out at, not the event's old size: a size given
            # while the list was hidden, behind the comparison, comes on showing with none, -1.)
            QAbstractItemView.resizeEvent(self, event)
            return
        super().resizeEvent(event)
        self._laid_out_width = width
        self.relayout()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.card_delegate.gave_stand_ins:  # see CardDelegate.sizeHint
            self.relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.relayout()
