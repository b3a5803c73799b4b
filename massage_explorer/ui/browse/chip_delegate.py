"""How a filter chip is painted and measured: its label wrapped in a rounded box, with a tick when chosen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from massage_explorer.ui.browse.chip_model import KEY_ROLE, AnyIndex
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.text_layout import wrapped
from massage_explorer.ui.common.theme import current_colours

if TYPE_CHECKING:
    from massage_explorer.ui.browse.chip_grid import ChipGrid

PAD_X, PAD_Y = 16, 10  # text inside the chip's frame
TOGGLE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Select, Qt.Key.Key_Return, Qt.Key.Key_Enter)
COLUMNS = 2  # one when a word would not fit in half the width


GAP = 10  # px between chips, and around them


CHIP_HEIGHT = MIN_TARGET + 8


TICK = "✓ "


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
