"""A row of controls that wraps onto more lines when the window is narrower than the row.

The top bar and the heads of the details, compare and shortlist screens use it, and the take-away's
Print and Save as PDF: on a 1920 px screen they are one line; at 1280 px with the largest text, or
on a portrait screen, the same controls go onto two or three lines instead of being cut or pushing
the window wider than its screen.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Items left to right at their preferred widths, wrapping to a new line when one does not
    fit; on each line the room left over goes to items that expand horizontally (a title), and
    items are centred vertically in their line (at its top, those set to AlignTop). An item wider
    than the whole line is given the line's width (a word-wrapped label then wraps its text).

    An item marked with `squeeze` (the top bar's title, the count of techniques) asks only for its
    minimum width when the line is filled, where that saves a line: it wraps its words rather
    than send the items after it onto a line of their own, and still gets the room left over.

    Qt asks for the items through itemAt; this object's list is what keeps them. PySide6 (6.11)
    also records the items of a row nested in another layout as children of that outer layout,
    and marking the outer one as deleted marks them all: a random-input test of the kiosk found
    every item of the rows nested in the screens' columns so marked at once, after an overlay
    closed (what marked the column was not found). Qt then asked the row for its height, its
    Python code raised, PySide6 crashed reporting the error, and the kiosk died. An item so marked
    is made again for its widget (`_live`); the row never hands Qt an item it cannot use. (The C++
    item it replaces is left, not freed: nothing else holds it.)"""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 10,
        line_spacing: int = 8,
        wrap_right: bool = False,
    ) -> None:
        """`wrap_right`: the lines after the first keep to the right, under the buttons the
        first line's expanding item (a title, a gap) pushed there, rather than under it."""
        super().__init__(parent)
        self._wrap_right = wrap_right
        self._items: list[QLayoutItem] = []
        self._widgets: list[QWidget | None] = []  # each item's widget, to make it again
        self._squeezed: list[QWidget] = []  # widgets that narrow to save a line (squeeze)
        self._spacing = spacing
        self._line_spacing = line_spacing

    # -- the QLayout interface --------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._widgets.append(item.widget())

    def squeeze(self, widget: QWidget) -> None:
        """Let `widget` (expanding, and wrapping its text) narrow to its minimum width before
        the items after it wrap onto another line."""
        self._squeezed.append(widget)
        self.invalidate()

    def replace(self, old: QWidget, new: QWidget) -> None:
        """Put `new` where `old` is (QLayout.replaceWidget needs a replaceAt this layout has not)."""
        index = self.indexOf(old)  # through itemAt: any item marked deleted is made again first
        self._forget(old)
        self.addChildWidget(new)
        self._items[index] = QWidgetItem(new)
        self._widgets[index] = new
        self.invalidate()

    def count(self) -> int:
        return len(self._live())

    def itemAt(self, index: int) -> QLayoutItem | None:
        items = self._live()
        return items[index] if 0 <= index < len(items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._live()):
            return None
        self._forget(self._widgets.pop(index))
        return self._items.pop(index)

    def _forget(self, widget: QWidget | None) -> None:
        self._squeezed = [w for w in self._squeezed if w is not widget]

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height) + _grow(margins)

    def minimumSize(self) -> QSize:
        """The widest single item; the height comes from heightForWidth at the width given."""
        shown = self._shown()
        width = max((item.minimumSize().width() for item in shown), default=0)
        height = max((item.minimumSize().height() for item in shown), default=0)
        return QSize(width, height) + _grow(self.contentsMargins())

    # -- the arrangement ------------------------------------------------------------------------
    def _live(self) -> list[QLayoutItem]:
        """The items, any whose Python side PySide6 marked as deleted made again for its widget
        (and dropped, if its widget is gone too)."""
        if all(map(shiboken6.isValid, self._items)):
            return self._items
        items: list[QLayoutItem] = []
        widgets: list[QWidget | None] = []
        for item, widget in zip(self._items, self._widgets, strict=True):
            if not shiboken6.isValid(item):
                if widget is None or not shiboken6.isValid(widget):
                    continue
                item = QWidgetItem(widget)
            items.append(item)
            widgets.append(widget)
        self._items, self._widgets = items, widgets
        return items

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._live() if not item.isEmpty()]

    def _lines(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """The items in lines, each with its width, for a line `width` px long: squeezed items
        wrap their text only where that saves a line, and height (a note squeezed into five lines
        beside the compare screen's buttons took more of it than a line of its own)."""
        lines = self._fill(width, squeeze=False)
        if len(lines) > 1 and self._squeezed:
            squeezed = self._fill(width, squeeze=True)
            if len(squeezed) < len(lines) and self._height_of(squeezed) < self._height_of(lines):
                return squeezed
        return lines

    def _height_of(self, lines: list[list[tuple[QLayoutItem, int]]]) -> int:
        tallest = (max(_height(item, width) for item, width in line) for line in lines)
        return sum(tallest) + self._line_spacing * (len(lines) - 1)

    def _fill(self, width: int, *, squeeze: bool) -> list[list[tuple[QLayoutItem, int]]]:
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._shown():
            widget = item.widget()
            narrow = squeeze and any(w is widget for w in self._squeezed)
            preferred = item.minimumSize() if narrow else item.sizeHint()
            wanted = max(min(preferred.width(), width), min(item.minimumSize().width(), width))
            if lines[-1] and used + self._spacing + wanted > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + wanted
            lines[-1].append((item, wanted))
        for line in lines:  # the room left on each line to the items that expand
            growing = [i for i, (item, _) in enumerate(line) if _expands(item)]
            spare = width - sum(w for _, w in line) - self._spacing * (len(line) - 1)
            for n, i in enumerate(growing):
                share = spare // len(growing) + (1 if n < spare % len(growing) else 0)
                line[i] = (line[i][0], line[i][1] + max(share, 0))
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the items out in `rect` (when `place`); returns the height they take."""
        margins = self.contentsMargins()
        inner = rect.marginsRemoved(margins)
        y = inner.y()
        for number, line in enumerate(self._lines(inner.width())):
            if number:
                y += self._line_spacing
            heights = [_height(item, width) for item, width in line]
            line_height = max(heights)
            x = inner.x()
            if number and self._wrap_right:  # what the line leaves, on its left
                x += max(inner.width() - sum(w for _, w in line) - self._spacing * (len(line) - 1), 0)
            for (item, width), height in zip(line, heights, strict=True):
                if place:
                    top = (
                        y if item.alignment() & Qt.AlignmentFlag.AlignTop else y + (line_height - height) // 2
                    )
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, height)))
                x += width + self._spacing
            y += line_height
        return y - inner.y() + margins.top() + margins.bottom()


def _expands(item: QLayoutItem) -> bool:
    widget = item.widget()
    expand = QSizePolicy.PolicyFlag.ExpandFlag.value
    return widget is not None and bool(widget.sizePolicy().horizontalPolicy().value & expand)


def _height(item: QLayoutItem, width: int) -> int:
    if item.hasHeightForWidth():
        return item.heightForWidth(width)
    return item.sizeHint().height()


def _grow(margins: QMargins) -> QSize:
    return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
