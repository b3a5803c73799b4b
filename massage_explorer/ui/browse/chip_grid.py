"""Filter chips: a list of choices painted as two columns of touch-sized toggles.

A chip list is model/view like the cards: the vocabularies it shows (benefits, conditions) grow
with the catalog, and one view paints any number of chips. A chip is chosen or not; a tap, or
Space on the current chip, toggles it. Screen readers get each chip as a checkable list item
with its label and description; the chosen state is also painted as a tick, never by colour
alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
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
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from massage_explorer.ui.browse.chip_model import KEY_ROLE, AnyIndex, ChipModel
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.labels import wrapped
from massage_explorer.ui.common.scrolling import viewport_of
from massage_explorer.ui.common.theme import current_colours

COLUMNS = 2  # one when a word would not fit in half the width
GAP = 10  # px between chips, and around them
PAD_X, PAD_Y = 16, 10  # text inside the chip's frame
CHIP_HEIGHT = MIN_TARGET + 8
TICK = "✓ "
TOGGLE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Select, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def chip_width(viewport_width: int, columns: int) -> int:
    """How wide each chip is, so that `columns` of them and their gaps fit in the view.

    QListView starts a new row once an item would reach the last pixel: one pixel is kept free.
    """
    return max(MIN_TARGET, (viewport_width - 1 - GAP * columns) // columns)


@dataclass(frozen=True)
class Plan:
    """How the chips sit at one width: in how many columns, how wide, and each one's height."""

    columns: int
    width: int
    heights: tuple[int, ...]  # both chips of a row as tall as the taller, as in a grid
    texts: tuple[tuple[QTextLayout, float], ...]  # each chip's wrapped text and its height

    @property
    def contents_height(self) -> int:
        rows = self.heights[:: self.columns]
        return sum(rows) + GAP * len(rows)


def chip_text(label: str, *, chosen: bool) -> str:
    """What a chip says: a chosen one is ticked, so the choice never shows by colour alone."""
    return TICK + label if chosen else label


class ChipDelegate(QStyledItemDelegate):
    """Paints a chip: a framed, wrapped label, filled and ticked when chosen, ringed when current."""

    def __init__(self, view: ChipGrid) -> None:
        super().__init__(view)
        self._view = view
        self._pressed: str | None = None
        # Plans by view width and font: layouts ask for many widths before settling, and ask
        # again and again for each. Forgotten when the chips or the font change.
        self._plans: dict[tuple[int, str], Plan] = {}

    def _font(self, chosen: bool) -> QFont:
        font = QFont(self._view.font())
        font.setBold(chosen)
        return font

    def plan(self, viewport_width: int) -> Plan:
        """Two columns if every word of every chip fits in one, else one (words never break)."""
        key = (viewport_width, self._view.font().key())
        plan = self._plans.get(key)
        if plan is None:
            texts = self._view.chips.texts()
            bold = QFontMetrics(self._font(True))
            words = [word for label, _ in texts for word in chip_text(label, chosen=True).split()]
            widest = max((bold.horizontalAdvance(word) for word in words), default=0)
            columns = COLUMNS
            if chip_width(viewport_width, COLUMNS) - 2 * PAD_X < widest:
                columns = 1
            width = chip_width(viewport_width, columns)
            fonts = {chosen: self._font(chosen) for chosen in (False, True)}
            laid_out = tuple(
                wrapped(chip_text(label, chosen=chosen), fonts[chosen], width - 2 * PAD_X)
                for label, chosen in texts
            )
            own = [max(CHIP_HEIGHT, round(text_height) + 2 * PAD_Y) for _, text_height in laid_out]
            heights: list[int] = []
            for first in range(0, len(own), columns):
                row = own[first : first + columns]
                heights += [max(row)] * len(row)
            plan = self._plans[key] = Plan(columns, width, tuple(heights), laid_out)
        return plan

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        plan = self.plan(self._view.viewport().width())
        row = index.row()
        return QSize(plan.width, plan.heights[row] if 0 <= row < len(plan.heights) else CHIP_HEIGHT)

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
            ring = QColor(current_colours().focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(ring, 5))
            painter.drawRoundedRect(rect.adjusted(2.5, 2.5, -2.5, -2.5), 9, 9)
            if ring == fill.color():
                # High contrast: a chosen chip is filled with the focus colour. A second ring,
                # in the text's colour, inside the first, shows which chip is current.
                painter.setPen(QPen(ink, 3))
                painter.drawRoundedRect(rect.adjusted(6.5, 6.5, -6.5, -6.5), 6, 6)
        # The text as the plan for this width laid it out when it sized the chip.
        plan = self.plan(self._view.viewport().width())
        row = index.row()
        if plan.width == option.rect.width() and 0 <= row < len(plan.texts):
            layout, height = plan.texts[row]
        else:
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
            if kind == QEvent.Type.KeyPress and event.key() in TOGGLE_KEYS:
                self._view.chips.toggle(key)
                return True
            return False
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return False
        # A quick second tap arrives as a double-click; for us it is simply another tap.
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._pressed = key
            return True  # the view's own press handling would change its selection
        if kind == QEvent.Type.MouseButtonRelease and key == self._pressed:
            # Toggle when the finger lifts on the chip it went down on (a flick is not a tap).
            self._pressed = None
            self._view.chips.toggle(key)
            return True
        return False

    def forget_sizes(self) -> None:
        self._plans.clear()


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
