"""Paints technique cards (plain text, wrapped, themed) and hit-tests their save toggle."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QPen, QTextLayout
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from massage_explorer.core.catalog import Pressure
from massage_explorer.ui.cards.model import CARD_ROLE, Card, more_benefits_text
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.text_layout import wrapped

AnyIndex = QModelIndex | QPersistentModelIndex

# Beside the toggle, the card's text needs this many average characters of width, or it goes
# under the toggle across the whole card (words broke mid-word in portrait at a large text).
NARROW_CHARS = 30
# From this many, the benefits go in a column of their own beside the card's text.
TWO_COLUMN_CHARS = 60


@dataclass
class _Geometry:
    """Where every part of a card goes, relative to the card's rectangle."""

    height: int = 0
    texts: list[tuple[QPointF, QTextLayout, str]] = field(default_factory=list)
    boxes: list[QRectF] = field(default_factory=list)  # caution frames
    toggle: QRect = field(default_factory=QRect)
    bars: QPointF | None = None


class CardDelegate(QStyledItemDelegate):
    """Draws one technique card per row; a tap on ☆ Save toggles it, anywhere else opens it."""

    toggleRequested = Signal(str)
    openRequested = Signal(str)

    def __init__(self, view: QAbstractItemView, *, remove_label: bool = False) -> None:
        super().__init__(view)
        self._view = view
        self._remove_label = remove_label
        self._pressed: str | None = None
        self._size_key: tuple[int, str] | None = None  # (card width, font key) until relayout
        self.gave_stand_ins = False  # sizes given while hidden, not measured: lay out when shown

    def relayout(self) -> None:
        """Forget the width and font used for sizes: the view is about to lay out again."""
        self._size_key = None
        self.gave_stand_ins = False

    # -- fonts and texts follow the view's font (set by the theme and text size) -------------
    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        name = QFont(base)
        name.setPointSizeF(base.pointSizeF() * 1.35)
        name.setBold(True)
        bold = QFont(base)
        bold.setBold(True)
        return name, base, bold

    def toggle_text(self, saved: bool) -> str:
        if self._remove_label:
            return self.tr("✕ Remove")
        return self.tr("★ Saved") if saved else self.tr("☆ Save")

    def _card_width(self) -> int:
        spacing = self._view.spacing() if hasattr(self._view, "spacing") else 0
        return max(MIN_TARGET * 4, self._view.viewport().width() - 2 * spacing)

    # -- layout ---------------------------------------------------------------------------------
    def _layout(self, card: Card, width: int, base: QFont) -> _Geometry:
        name_font, body, bold = self._fonts(base)
        fm = QFontMetrics(body)
        pad = max(16, round(fm.height() * 0.9))
        gap = max(8, fm.height() // 2)
        geo = _Geometry()
        # Right column: the toggle, wide enough for the longest of its labels.
        labels = [self.toggle_text(False), self.toggle_text(True)]
        bfm = QFontMetrics(bold)
        tw = max(MIN_TARGET * 3, *(bfm.horizontalAdvance(t) + 2 * pad for t in labels))
        th = max(MIN_TARGET + 16, bfm.height() + pad)
        inner = width - 3 * pad - tw

        def add(text: str, font: QFont, x: float, w: float, y: float, role: str) -> float:
            layout, h = wrapped(text, font, w)
            geo.texts.append((QPointF(x, y), layout, role))
            return y + h

        hint_text = self.tr("Tap for details \u203a")
        if inner >= NARROW_CHARS * fm.averageCharWidth():
            geo.toggle = QRect(width - pad - tw, pad, tw, th)
            hint, hint_h = wrapped(hint_text, body, tw)
            hint_y = pad + th + gap
            geo.texts.append((QPointF(width - pad - tw, hint_y), hint, "muted"))
            right_h = hint_y + hint_h
            name_w = inner * 0.55 if inner >= TWO_COLUMN_CHARS * fm.averageCharWidth() else inner
            y = add(card.name, name_font, pad, name_w, pad, "text") + gap
        else:
            # A narrow card (a portrait screen at a large text size): the text gets the card's
            # whole width, the name first, then the toggle with the hint beside or under it.
            inner = width - 2 * pad
            y = add(card.name, name_font, pad, inner, pad, "text") + gap
            geo.toggle = QRect(pad, int(y), tw, th)
            hint_w = inner - tw - gap
            beside = hint_w >= fm.horizontalAdvance(hint_text)
            hint, hint_h = wrapped(hint_text, body, hint_w if beside else inner)
            # (The hint first among the texts, as on a wide card.)
            if beside:
                geo.texts.insert(0, (QPointF(pad + tw + gap, y + (th - hint_h) / 2), hint, "muted"))
                y += th
            else:
                geo.texts.insert(0, (QPointF(pad, y + th + gap / 2), hint, "muted"))
                y += th + gap / 2 + hint_h
            y += gap
            right_h = y
        two_columns = inner >= TWO_COLUMN_CHARS * fm.averageCharWidth()
        left_w = inner * 0.55 if two_columns else inner
        if card.caution:
            top = y
            y = add(card.caution, bold, pad + gap, left_w - 2 * gap, y + gap / 2, "text")
            geo.boxes.append(QRectF(pad, top, left_w, y - top + gap / 2))
            y += gap * 1.5
        if card.suited:
            y = add("✓ " + card.suited, bold, pad, left_w, y, "text") + gap / 2
        if card.summary:
            y = add(card.summary, body, pad, left_w, y, "text") + gap
        pressure = self.tr("Pressure: {p}").format(p=card.pressure)
        p_layout, p_h = wrapped(pressure, body, left_w)
        geo.texts.append((QPointF(pad, y), p_layout, "text"))
        last = p_layout.lineAt(p_layout.lineCount() - 1)
        bars_w = 7 * self._bar_unit(base)
        if last.naturalTextWidth() + gap + bars_w <= left_w:
            geo.bars = QPointF(pad + last.naturalTextWidth() + gap, y + last.y() + last.height())
            y += p_h
        else:  # the scale goes under the words
            y += p_h
            geo.bars = QPointF(pad, y + 4 * self._bar_unit(base) + gap / 2)
            y = geo.bars.y() + gap / 2
        y = add(self.tr("Session: {m}").format(m=card.minutes), body, pad, left_w, y, "text")
        # Benefits: beside the text on wide cards, under it on narrow ones.
        if card.benefits:
            bx, by = (pad * 2 + left_w, float(pad)) if two_columns else (pad, y + gap)
            bw = inner - left_w - pad if two_columns else inner
            by = add(self.tr("Reported to help with:"), bold, bx, bw, by, "muted") + gap / 2
            for line in card.benefits:
                by = add(line.label, bold, bx, bw, by, "text")
                by = add(f"{line.dots}  {line.grade}", body, bx, bw, by, "text") + gap / 2
            if card.more_benefits:
                by = add(more_benefits_text(card.more_benefits), body, bx, bw, by, "muted")
            y = max(y, by)
        # Harms with the same weight as benefits: always there, even with no condition chosen.
        if card.cautions:
            if card.benefits and two_columns:
                by = add(card.cautions, bold, bx, bw, by + gap / 2, "text")
                y = max(y, by)
            else:
                y = add(card.cautions, bold, pad, inner, y + gap, "text")
        geo.height = int(max(y, right_h) + pad + 0.999)
        return geo

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        if not self._view.isVisible():
            # Not on screen yet: its width is not final, and showing it lays the cards out
            # again (CardListView.showEvent). Measuring text now would be thrown away, and so
            # would making the card: the list, still laying out its thousands in batches when a
            # patient opened the comparison, made 32 cards in the comparison's first turn.
            self.gave_stand_ins = True
            return QSize(self._card_width(), MIN_TARGET * 2)
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return super().sizeHint(option, index)
        key = self._size_key
        if key is None:
            key = self._size_key = (self._card_width(), self._view.font().key())
        height = card.heights.get(key)
        if height is None:
            height = card.heights[key] = self._layout(card, key[0], self._view.font()).height
        return QSize(key[0], height)

    # -- painting -------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        pal: QPalette = option.palette
        geo = self._layout(card, rect.width(), self._view.font())
        text = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        focus = pal.color(QPalette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(rect.topLeft())
        frame = QRectF(1.5, 1.5, rect.width() - 3, rect.height() - 3)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 2))
        painter.setBrush(pal.base())
        painter.drawRoundedRect(frame, 14, 14)
        for box in geo.boxes:
            painter.setPen(QPen(text, 2))
            painter.setBrush(pal.alternateBase())
            painter.drawRoundedRect(box, 8, 8)
        for pos, layout, role in geo.texts:
            painter.setPen(muted if role == "muted" else text)
            layout.draw(painter, pos)
        if geo.bars is not None:
            self._paint_bars(painter, geo.bars, card, text)
        self._paint_toggle(painter, geo.toggle, card.saved, pal)
        # The focused card is the current one while the list has the focus. (Reading the same
        # from option.state would make PySide6 set up QStyle's classes, ~6 ms of start-up.)
        if self._view.hasFocus() and index == self._view.currentIndex():
            painter.setPen(QPen(focus, 5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(3.5, 3.5, rect.width() - 7, rect.height() - 7), 12, 12)
        painter.restore()

    @staticmethod
    def _bar_unit(font: QFont) -> float:
        return max(6.0, QFontMetrics(font).height() / 4)

    def _paint_bars(self, painter: QPainter, base: QPointF, card: Card, color: QColor) -> None:
        """The pressure scale as the details page and the comparison write it (present.pressure_
        scale, "▂ ▄ ▆ ·"): a bar of rising height for each level the technique uses, a dot on the
        line for each it does not."""
        unit = self._bar_unit(self._view.font())
        painter.setPen(QPen(color, 2))
        painter.setBrush(color)
        for i, level in enumerate(Pressure):
            left, bottom = base.x() + i * unit * 1.6, base.y() - unit / 3
            if card.pressure_range.low <= level <= card.pressure_range.high:
                h = unit * (1 + i)
                painter.drawRect(QRectF(left, bottom - h, unit * 1.1, h))
            else:
                dot = unit * 0.35
                painter.drawEllipse(QPointF(left + unit * 0.55, bottom - dot), dot, dot)

    def _paint_toggle(self, painter: QPainter, r: QRect, saved: bool, pal: QPalette) -> None:
        on = saved and not self._remove_label
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Text), 2))
        painter.setBrush(pal.highlight() if on else pal.button())
        painter.drawRoundedRect(QRectF(r), 10, 10)
        painter.setFont(self._fonts(self._view.font())[2])
        role = QPalette.ColorRole.HighlightedText if on else QPalette.ColorRole.ButtonText
        painter.setPen(pal.color(role))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self.toggle_text(saved))

    # -- input ----------------------------------------------------------------------------------
    def toggle_rect(self, option_rect: QRect, index: AnyIndex) -> QRect:
        """The save toggle of the card drawn in `option_rect`, in viewport coordinates."""
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return QRect()
        geo = self._layout(card, option_rect.width(), self._view.font())
        return geo.toggle.translated(option_rect.topLeft())

    def editorEvent(
        self, event: QEvent, model: object, option: QStyleOptionViewItem, index: AnyIndex
    ) -> bool:
        kind = event.type()
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return False
        technique_id = index.data(Qt.ItemDataRole.UserRole + 1)
        # A second quick tap arrives as a double-click; for us it is simply another tap.
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._pressed = technique_id
            return False
        if kind != QEvent.Type.MouseButtonRelease:
            return False
        # Act only when the finger lifts on the card it went down on (a flick is not a tap).
        if technique_id != self._pressed or not isinstance(technique_id, str):
            return False
        self._pressed = None
        rect: QRect = option.rect
        if self.toggle_rect(rect, index).contains(event.position().toPoint()):
            self.toggleRequested.emit(technique_id)
        else:
            self.openRequested.emit(technique_id)
        return True
