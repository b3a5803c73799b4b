"""Filter chips: a list of choices painted as two columns of touch-sized toggles.

A chip list is model/view like the cards: the vocabularies it shows (benefits, conditions) grow
with the catalog, and one view paints any number of chips. A chip is chosen or not; a tap, or
Space on the current chip, toggles it. Screen readers get each chip as a checkable list item
with its label and description; the chosen state is also painted as a tick, never by colour
alone.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QRect,
    QRectF,
    QSize,
    Qt,
    Slot,
)
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from massage_explorer.ui.browse.chip_delegate import COLUMNS, GAP, PAD_X, ChipDelegate
from massage_explorer.ui.browse.chip_model import KEY_ROLE, AnyIndex, ChipModel
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.scrolling import viewport_of


class ChipGrid(QListView):
    """Chips in two columns (one on a narrow panel), as tall as they need: the panel scrolls, not it."""

    def __init__(self, chips: ChipModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips = chips
        self.setModel(chips)
        self.chip_delegate = ChipDelegate(self)
        self.setItemDelegate(self.chip_delegate)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(GAP // 2)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The selection mirrors the chosen chips. Taps and keys go through the delegate; the
        # selection is how assistive technology toggles an item ("Toggle" selects it).
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self._mirroring = False
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        # A list view's viewport takes touches itself and does nothing with them. Without that,
        # a finger is passed on: to the kinetic scroller of the panel around the grid (which
        # turns a tap into a click), or, with no scroller, to Qt, which makes it a click.
        viewport_of(self).setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        chips.modelReset.connect(self._contents_changed)
        chips.dataChanged.connect(self._contents_changed)
        self.selectionModel().selectionChanged.connect(self._selection_changed)

    def rect_of(self, key: str) -> QRectF:
        """Where the chip for `key` is, in viewport coordinates (empty if there is none)."""
        for row in range(self.chips.rowCount()):
            index = self.chips.index(row, 0)
            if index.data(KEY_ROLE) == key:
                return QRectF(self.visualRect(index))
        return QRectF()

    def _contents_height(self, viewport_width: int) -> int:
        return self.chip_delegate.plan(viewport_width).contents_height

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        frame = 2 * self.frameWidth()
        return self._contents_height(width - frame) + frame

    def sizeHint(self) -> QSize:
        # Once laid out, the width it has; before that, room for about 14 characters a chip.
        if self.testAttribute(Qt.WidgetAttribute.WA_Resized) or self.isVisible():
            width = self.width()
        else:
            chip = 14 * self.fontMetrics().averageCharWidth() + 2 * PAD_X
            width = COLUMNS * (chip + GAP) + 1 + 2 * self.frameWidth()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_TARGET * COLUMNS + GAP * COLUMNS, 0)

    def _contents_changed(self) -> None:
        # A tick or a new label can make a chip wrap onto one more line.
        self.chip_delegate.forget_sizes()
        self.scheduleDelayedItemsLayout()
        self.updateGeometry()
        self._mirror_selection()

    def _mirror_selection(self) -> None:
        selection = QItemSelection()
        for row, (_, chosen) in enumerate(self.chips.texts()):
            if chosen:
                index = self.chips.index(row, 0)
                selection.select(index, index)
        self._mirroring = True
        try:
            self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._mirroring = False

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._mirroring:
            return
        # Each toggle changes the model, which mirrors the selection again (_contents_changed).
        chosen = self.chips.chosen()
        for index in selected.indexes():
            if index.data(KEY_ROLE) not in chosen:
                self.chips.toggle(str(index.data(KEY_ROLE)))
        for index in deselected.indexes():
            if index.data(KEY_ROLE) in chosen:
                self.chips.toggle(str(index.data(KEY_ROLE)))

    def selectionCommand(
        self, index: AnyIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        # The view never changes the selection itself (a new current chip, a key, a click):
        # only a chip's toggle does, through the model, and assistive technology directly.
        return QItemSelectionModel.SelectionFlag.NoUpdate

    def selectAll(self) -> None:
        """Ctrl+A chooses nothing: every choice is the patient's, one chip at a time."""

    def currentChanged(self, current: AnyIndex, previous: AnyIndex) -> None:
        super().currentChanged(current, previous)
        if current.isValid() and self.hasFocus():
            self._show_in_panel(self.visualRect(current))

    def _show_in_panel(self, rect: QRect) -> None:
        """Scroll the panel around the grid so that a chip reached by keyboard is on screen."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        inner = area.widget() if area is not None else None
        if area is None or inner is None or not inner.isAncestorOf(self):
            return
        centre = viewport_of(self).mapTo(inner, rect.center())
        area.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + GAP, rect.height() // 2 + GAP)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # a new width can wrap the labels onto more or fewer lines

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._contents_changed()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            event.ignore()  # the window uses these for "back"
            return
        current = self.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
            self.chips.toggle(str(current.data(KEY_ROLE)))
            return
        super().keyPressEvent(event)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            event.accept()  # past the last chip: stay, rather than scroll the panel away

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # A shaky second tap is one more tap: nothing here needs a double tap.
        self.mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Arriving by keyboard: start on the first chip, so Space has something to toggle.
        by_pointer = event.reason() == Qt.FocusReason.MouseFocusReason
        if not by_pointer and not self.currentIndex().isValid() and self.chips.rowCount():
            self.setCurrentIndex(self.chips.index(0, 0))
        super().focusInEvent(event)
