"""The details page's two columns, benefits and cautions, and the reading under the one that ends
first. Under the cautions always, the reading left half a portrait screen empty beside it: the
bundled techniques list more cautions than benefits, and some the other way round. Where halves
of the page would be too narrow to read (1024x768 at the largest text: "En qué le / puede /
ayudar"), the three go one under the other."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem

# A column narrower than this many average characters of the page's text is not worth having.
COLUMN_CHARS = 30


class _Plan(NamedTuple):
    column: int  # the width of each column
    stacked: bool  # one column: left, right, then, one under the other
    then_on_left: bool
    height: int


class BalancedColumns(QLayout):
    """`left` and `right` side by side in halves of the width, each as tall as its words, and
    `then` under whichever of the two is shorter at that width (the right one on a tie); where a
    half would be under COLUMN_CHARS wide, all three one under the other. A screen reader and Tab
    keep the order the widgets were made in: left, right, then. The three become children of
    `owner`, the widget whose layout this one goes into."""

    def __init__(self, owner: QWidget, left: QWidget, right: QWidget, then: QWidget, *, spacing: int) -> None:
        super().__init__()
        for widget in (left, right, then):
            widget.setParent(owner)  # owned there from now on: an item only points at its widget
        # Made and owned here, by Python: PySide6's marking of a nested layout's items as deleted
        # with the layout around it (FlowLayout) does not reach such items (shiboken6.invalidate
        # leaves them valid).
        self._items = tuple(QWidgetItem(widget) for widget in (left, right, then))
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        raise TypeError("BalancedColumns holds its three widgets only")

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return None  # the three stay for the page's life

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def _narrowest_column(self) -> int:
        owner = self.parentWidget()
        return owner.fontMetrics().averageCharWidth() * COLUMN_CHARS if owner is not None else 0

    def _plan(self, width: int) -> _Plan:
        half = max((width - self._spacing) // 2, 1)
        if half < self._narrowest_column():
            heights = [_height(item, width) for item in self._items]
            shown = [h for h in heights if h > 0]
            return _Plan(width, True, False, sum(shown) + self._spacing * max(len(shown) - 1, 0))
        left, right, then = (_height(item, half) for item in self._items)
        on_left = left < right
        below = self._spacing + then
        height = max(left + (below if on_left else 0), right + (0 if on_left else below))
        return _Plan(half, False, on_left, height)

    def heightForWidth(self, width: int) -> int:
        return self._plan(width).height

    def minimumSize(self) -> QSize:
        # The height is heightForWidth's, at the width the page gets: a minimum measured at the
        # narrowest width would be many times the page's height, and hold it there.
        return QSize(max(item.minimumSize().width() for item in self._items), 0)

    def sizeHint(self) -> QSize:
        widest = max(item.sizeHint().width() for item in self._items)
        width = 2 * widest + self._spacing
        return QSize(width, self.heightForWidth(width))

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        plan = self._plan(rect.width())
        left, right, then = self._items
        if plan.stacked:
            y = rect.y()
            for item in self._items:
                height = _height(item, plan.column)
                item.setGeometry(QRect(rect.x(), y, plan.column, height))
                y += height + (self._spacing if height else 0)
            return
        x_right = rect.x() + rect.width() - plan.column
        heights = [_height(item, plan.column) for item in (left, right)]
        left.setGeometry(QRect(rect.x(), rect.y(), plan.column, heights[0]))
        right.setGeometry(QRect(x_right, rect.y(), plan.column, heights[1]))
        x, above = (rect.x(), heights[0]) if plan.then_on_left else (x_right, heights[1])
        y = rect.y() + above + self._spacing
        then.setGeometry(QRect(x, y, plan.column, _height(then, plan.column)))


def _height(item: QLayoutItem, width: int) -> int:
    """`item`'s height at `width`; nothing where its widget is hidden."""
    if item.isEmpty():
        return 0
    height = item.heightForWidth(width) if item.hasHeightForWidth() else -1
    return height if height >= 0 else item.sizeHint().height()
