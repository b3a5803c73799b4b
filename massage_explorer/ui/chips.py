"""Filter chips: a list of choices painted as two columns of touch-sized toggles.

A chip list is model/view like the cards: the vocabularies it shows (benefits, conditions) grow
with the catalog, and one view paints any number of chips. A chip is chosen or not; a tap, or
Space on the current chip, toggles it. Screen readers get each chip as a checkable list item
with its label and description; the chosen state is also painted as a tick, never by colour
alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from massage_explorer.ui.chip_model import KEY_ROLE, AnyIndex, ChipModel
from massage_explorer.ui.delegate import wrapped
from massage_explorer.ui.theme import current_colours
from massage_explorer.ui.widgets import MIN_TARGET, viewport_of

COLUMNS = 2
GAP = 10  # px between chips, and around them
PAD_X, PAD_Y = 16, 10  # text inside the chip's frame
CHIP_HEIGHT = MIN_TARGET + 8
TICK = "✓ "


def chip_width(viewport_width: int) -> int:
    """How wide each chip is, so that COLUMNS of them and their gaps fit in the view.

    QListView starts a new row once an item would reach the last pixel: one pixel is kept free.
    """
    return max(MIN_TARGET, (viewport_width - 1 - GAP * COLUMNS) // COLUMNS)


def chip_text(label: str, *, chosen: bool) -> str:
    """What a chip says: a chosen one is ticked, so the choice never shows by colour alone."""
    return TICK + label if chosen else label


class ChipDelegate(QStyledItemDelegate):
    """Paints a chip: a framed, wrapped label, filled and ticked when chosen, ringed when current."""

    def __init__(self, view: ChipGrid) -> None:
        super().__init__(view)
        self._view = view
        self._pressed: str | None = None
        # Chip heights by chip width and font: layouts ask for many widths before settling,
        # and ask again and again for each. Forgotten when the chips or the font change.
        self._heights: dict[tuple[int, str], list[int]] = {}

    def chip_width(self) -> int:
        return chip_width(self._view.viewport().width())

    def _font(self, chosen: bool) -> QFont:
        font = QFont(self._view.font())
        font.setBold(chosen)
        return font

    def heights(self, width: int) -> list[int]:
        """Each chip's height at `width`; both chips of a row as tall as the taller, as in a grid."""
        key = (width, self._view.font().key())
        heights = self._heights.get(key)
        if heights is None:
            fonts = {chosen: self._font(chosen) for chosen in (False, True)}
            own = []
            for label, chosen in self._view.chips.texts():
                _, text_height = wrapped(chip_text(label, chosen=chosen), fonts[chosen], width - 2 * PAD_X)
                own.append(max(CHIP_HEIGHT, round(text_height) + 2 * PAD_Y))
            heights = []
            for first in range(0, len(own), COLUMNS):
                row = own[first : first + COLUMNS]
                heights += [max(row)] * len(row)
            self._heights[key] = heights
        return heights

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        width = self.chip_width()
        heights = self.heights(width)
        row = index.row()
        return QSize(width, heights[row] if 0 <= row < len(heights) else CHIP_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect = QRectF(option.rect)
        # The application's palette: the style sheet gives the list itself the window colour
        # as its base, and a chip is drawn like a button.
        pal = QGuiApplication.palette()
        chosen = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        text = chip_text(str(index.data()), chosen=chosen)
        fill = pal.highlight() if chosen else pal.base()
        ink = pal.color(QPalette.ColorRole.HighlightedText if chosen else QPalette.ColorRole.Text)
        frame = pal.color(QPalette.ColorRole.Text if chosen else QPalette.ColorRole.Mid)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(frame, 2))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 10, 10)
        if self._view.hasFocus() and index == self._view.currentIndex():
            # On a chosen chip whose fill is the focus colour (high contrast), the ring takes
            # the text's colour so that it still shows.
            ring = QColor(current_colours().focus)
            painter.setPen(QPen(ink if ring == fill.color() else ring, 5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2.5, 2.5, -2.5, -2.5), 9, 9)
        layout: QTextLayout
        layout, height = wrapped(text, self._font(chosen), rect.width() - 2 * PAD_X)
        painter.setPen(ink)
        layout.draw(painter, QPointF(rect.left() + PAD_X, rect.top() + (rect.height() - height) / 2))
        painter.restore()

    def editorEvent(
        self, event: QEvent, model: object, option: QStyleOptionViewItem, index: AnyIndex
    ) -> bool:
        kind = event.type()
        key = index.data(KEY_ROLE)
        if not isinstance(key, str):
            return False
        if isinstance(event, QKeyEvent):
            if kind == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                self._view.chips.toggle(key)
                return True
            return False
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return False
        # A quick second tap arrives as a double-click; for us it is simply another tap.
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._pressed = key
            return False
        if kind == QEvent.Type.MouseButtonRelease and key == self._pressed:
            # Toggle when the finger lifts on the chip it went down on (a flick is not a tap).
            self._pressed = None
            self._view.chips.toggle(key)
            return True
        return False

    def forget_sizes(self) -> None:
        self._heights.clear()


class ChipGrid(QListView):
    """Two columns of chips, as tall as its chips need: the panel around it scrolls, not it."""

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
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
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

    def rect_of(self, key: str) -> QRectF:
        """Where the chip for `key` is, in viewport coordinates (empty if there is none)."""
        for row in range(self.chips.rowCount()):
            index = self.chips.index(row, 0)
            if index.data(KEY_ROLE) == key:
                return QRectF(self.visualRect(index))
        return QRectF()

    def _contents_height(self, viewport_width: int) -> int:
        rows = self.chip_delegate.heights(chip_width(viewport_width))[::COLUMNS]
        return sum(rows) + GAP * len(rows)

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # a new width can wrap the labels onto more or fewer lines

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._contents_changed()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            event.ignore()  # the window uses these for "back"
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # A shaky second tap is one more tap: nothing here needs a double tap.
        self.mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Arriving by keyboard: start on the first chip, so Space has something to toggle.
        by_pointer = event.reason() == Qt.FocusReason.MouseFocusReason
        if not by_pointer and not self.currentIndex().isValid() and self.chips.rowCount():
            self.setCurrentIndex(self.chips.index(0, 0))
        super().focusInEvent(event)
