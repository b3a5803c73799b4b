"""A card draws the pressure scale as the details page and the comparison write it: a bar of
rising height for each level the technique uses, a dot for each it does not. The cards drew
outlined bars for the unused levels, the other screens a dot: one scale, two pictures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from massage_explorer.core.catalog import Range
from massage_explorer.core.present import Words
from massage_explorer.ui.cards.delegate import CardDelegate
from massage_explorer.ui.cards.model import CARD_ROLE, Card


def _painted_heights(qtbot, pressure: Range) -> tuple[list[int], float]:
    """How tall the ink is (top to bottom) in the middle of each of the scale's four places, and
    the bar unit."""
    view = QListView()
    qtbot.addWidget(view)
    card = Card("t", "Name", "A summary.", "Pressure words", pressure, "30 minutes", ())
    item = QStandardItem()
    item.setData(card, CARD_ROLE)
    model = QStandardItemModel(view)
    model.appendRow(item)
    view.setModel(model)
    delegate = CardDelegate(view)
    width = 900
    image = QImage(width, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, width, 600)
    option.palette = view.palette()
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    geometry = delegate._layout(card, width, view.font())
    unit = delegate._bar_unit(view.font())
    assert geometry.bars is not None
    ink = option.palette.color(option.palette.ColorRole.Text)
    heights = []
    for level in range(4):
        x = int(geometry.bars.x() + level * unit * 1.6 + unit * 0.55)
        column = range(int(geometry.bars.y() - 6 * unit), int(geometry.bars.y()) + 1)
        inked = [y for y in column if QColor(image.pixel(x, y)) == ink]
        heights.append(max(inked) - min(inked) + 1 if inked else 0)
    return heights, unit


@pytest.mark.parametrize("pressure", [Range(1, 2), Range(2, 3), Range(3, 4), Range(4, 4), Range(1, 4)])
def test_the_card_draws_the_scale_the_other_screens_write(qtbot, pressure) -> None:
    heights, unit = _painted_heights(qtbot, pressure)
    places = Words.pressure_scale(pressure).split("\u2009")  # "▂", "▄", "▆", "█" or "·"
    assert all(h > 0 for h in heights)  # every level is marked, used or not
    assert [h > unit for h in heights] == [place != "·" for place in places]
    bars = [h for h, place in zip(heights, places, strict=True) if place != "·"]
    assert bars == sorted(bars) and len(set(bars)) == len(bars)  # rising, one step a level
