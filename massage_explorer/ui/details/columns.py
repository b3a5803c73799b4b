"""The details page's two columns, benefits and cautions, and the reading under the one that ends
first. Under the cautions always, the reading left half a portrait screen empty beside it: every
bundled technique lists more cautions than benefits (a clinic's own may list fewer). Where halves
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
    half would be under COLUMN_CHARS wide, all three one under the other. The three become
    children of `owner`, the widget whose layout this one goes into, in this order (Tab's and a
    screen reader's): left, right, then."""

    def __init__(self, owner: QWidget, left: QWidget, right: QWidget, then: QWidget, *, spacing: int) -> None:
        super().__init__()
        for widget in (left, right, then):
            widget.setParent(owner)  # owned there from now on: an item only points at its widget
        # Made and owned here, by Python: PySide6's marking of a nested layout's items as deleted
        # with the layout around it (FlowLayout) does not reach such items (shiboken6.invalidate
        # leaves them valid). A widget deleted on its own has its item taken (takeAt): None here.
        self._slots: list[QLayoutItem | None] = [QWidgetItem(widget) for widget in (left, right, then)]
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        raise TypeError("BalancedColumns holds its three widgets only")

    def _present(self) -> list[QLayoutItem]:
        return [item for item in self._slots if item is not None]

    def count(self) -> int:
        return len(self._present())

    def itemAt(self, index: int) -> QLayoutItem | None:
        present = self._present()
        return present[index] if 0 <= index < len(present) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        present = self._present()
        if not 0 <= index < len(present):
            return None
        taken = present[index]
        self._slots[self._slots.index(taken)] = None
        return taken

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def _narrowest_column(self) -> int:
        owner = self.parentWidget()
        return owner.fontMetrics().averageCharWidth() * COLUMN_CHARS if owner is not None else 0

    def _under(self, above: int, below: int) -> int:
        """The height of `below` under `above`, with the spacing only between two shown."""
        return above + below + (self._spacing if above and below else 0)

    def _plan(self, width: int) -> _Plan:
        half = max((width - self._spacing) // 2, 1)
        if half < self._narrowest_column():
            left, right, then = (_height(item, width) for item in self._slots)
            return _Plan(width, True, False, self._under(self._under(left, right), then))
        left, right, then = (_height(item, half) for item in self._slots)
        on_left = left < right
        if on_left:
            return _Plan(half, False, True, max(self._under(left, then), right))
        return _Plan(half, False, False, max(left, self._under(right, then)))

    def heightForWidth(self, width: int) -> int:
        return self._plan(width).height

    def minimumSize(self) -> QSize:
        # The height is heightForWidth's, at the width the page gets: a minimum measured at the
        # narrowest width would be many times the page's height, and hold it there.
        return QSize(max((item.minimumSize().width() for item in self._present()), default=0), 0)

    def sizeHint(self) -> QSize:
        widest = max((item.sizeHint().width() for item in self._present()), default=0)
        width = 2 * widest + self._spacing
        return QSize(width, self.heightForWidth(width))

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        plan = self._plan(rect.width())
        left, right, then = self._slots
        if plan.stacked:
            y = rect.y()
            for item in self._slots:
                height = _height(item, plan.column)
                if item is not None and height:
                    item.setGeometry(QRect(rect.x(), y, plan.column, height))
                    y += height + self._spacing
            return
        column = plan.column
        x_right = rect.x() + rect.width() - column
        left_height, right_height = _height(left, column), _height(right, column)
        if left is not None:
            left.setGeometry(QRect(rect.x(), rect.y(), column, left_height))
        if right is not None:
            right.setGeometry(QRect(x_right, rect.y(), column, right_height))
        if then is not None:
            x, above = (rect.x(), left_height) if plan.then_on_left else (x_right, right_height)
            y = rect.y() + (above + self._spacing if above else 0)  # under it, or at the top
            then.setGeometry(QRect(x, y, column, _height(then, column)))


def _height(item: QLayoutItem | None, width: int) -> int:
    """`item`'s height at `width`; nothing where its widget is hidden or gone."""
    if item is None or item.isEmpty():
        return 0
    height = item.heightForWidth(width) if item.hasHeightForWidth() else -1
    return height if height >= 0 else item.sizeHint().height()
