"""A screen's head (its bar), its body, and the clinic's guidance below them, or beside them
where the screen is short.

On a 1280x800 screen at a large text size the full guidance takes some 290 px; below the body it
left the compare table, the shortlist and the QR code too little height, and the window grew past
the screen. There it goes to the right of them instead, the screen's whole height, whole and
always in view. Where even that is too short for it (1280x720 at the largest text, in Spanish), it
scrolls by finger inside its place instead of being cut. A screen that needs the whole width
even so (the comparison at 1024x768 and the largest text) may fold it away behind a button of its
own, which shows it in the body's place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QWidget, QWidgetItem

from massage_explorer.ui.common.labels import advice_name
from massage_explorer.ui.common.scrolling import WrappedScrollArea, viewport_of

# The guidance beside the body takes the least of these shares of the width that shows it whole.
# Below it, the guidance leaves the body at least this share of the screen's height. A page read
# from top to bottom (details, the shortlist) wants the height: at 0.4 a 1366x768 screen left the
# details 229 px of a 1290 px wide page, 406 px beside the guidance. The comparison asks for
# the height its own way (CompareView: its names and a few lines of answers), and beside it the
# guidance keeps to TABLE_SIDE_SHARE, scrolling where it must: at 1280x720 and the largest text, a
# guidance shown whole took half the width, and left the table the first question's heading.
BODY_SHARE = 0.55
TABLE_SHARE = 0.4
SIDE_SHARES = (0.3, 0.34, 0.38, 0.42, 0.46, 0.5)
SCROLLED_SHARE = 0.38  # beside, where no share above shows it whole
BELOW_LINES = 3  # below, the least of its lines the guidance shows, scrolling for the rest
TABLE_SIDE_SHARE = 0.3


class _GuidanceArea(WrappedScrollArea):
    """The guidance's place. Its words scroll where the place is shorter than they are; where it
    is taller, the panel fills it, its background down to the bottom as without the area. Each
    time it is shown it starts at the top: the next patient reads "Check with your doctor first"."""

    def __init__(self, guidance: QLabel) -> None:
        super().__init__(guidance, transparent=False)
        # A stop for Tab where it scrolls (ReadingArea), so that a keyboard reads it all too.
        self.set_name(advice_name)

    def fit_body(self) -> None:
        body = self.widget()
        if body is None:
            return
        # A scroll bar only where the words do not fit the whole width: measured at the width
        # the viewport has with one, a bar once shown stayed for one pixel.
        fits = body.heightForWidth(self.width()) <= self.height()
        wanted = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits else Qt.ScrollBarPolicy.ScrollBarAlwaysOn
        if self.verticalScrollBarPolicy() != wanted:
            self.setVerticalScrollBarPolicy(wanted)  # the viewport's width changes: resized again
        viewport = viewport_of(self)
        body.resize(viewport.width(), max(body.heightForWidth(viewport.width()), viewport.height()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.verticalScrollBar().setValue(0)


def _show(widget: QWidget, shown: bool) -> None:
    """Show or hide `widget` only where that changes it: each call lays the screen out again."""
    if widget.isHidden() == shown:
        widget.setVisible(shown)


class _Kept(QWidgetItem):
    """A widget's place that keeps its sizes while the widget is hidden (folded, the guidance or
    the body is): as empty, it measured nothing, and the guidance, hidden behind its button,
    "fitted" below the table and came back, over and over."""

    def isEmpty(self) -> bool:
        return False


class GuidedLayout(QLayout):
    """`head` on top, `body` below it and `guidance` (a word-wrapped label) under both, or beside
    both on the right when the body would get less than its minimum height, its share of the
    height, or what `body_wants(width)` says it needs. Beside, the guidance takes the least of
    `side_shares` of the width that shows it whole, or `scrolled_share` and scrolls.

    With `head_across`, the head keeps the whole width where the guidance is beside, and the
    guidance goes beside the body only: a head of buttons (the comparison's Back, "Show only
    differences" and Add) then stays one row where, beside the guidance, it took two, and the
    body gets that row's height.

    With `fold`, asked with the width and height the body would have beside the guidance, the
    guidance may fold away instead: the body gets the whole width, `foldedChanged` tells the
    screen to show the button that opens it, and `set_guidance_open` shows it in the body's place
    (and the body again)."""

    foldedChanged = Signal(bool)

    def __init__(
        self,
        parent: QWidget,
        head: QLayout,
        body: QWidget,
        guidance: QLabel,
        *,
        spacing: int = 16,
        body_share: float = BODY_SHARE,
        body_wants: Callable[[int], int] | None = None,
        side_shares: tuple[float, ...] = SIDE_SHARES,
        scrolled_share: float = SCROLLED_SHARE,
        head_across: bool = False,
        fold: Callable[[int, int], bool] | None = None,
    ) -> None:
        area = _GuidanceArea(guidance)  # before this layout is the parent's: taking the label asks it
        super().__init__(parent)
        self.addChildLayout(head)
        self._head = head
        self._body = self._adopt(body)
        self._body_widget = body
        self._guidance = self._adopt(area)
        # Kept here too, not only by Qt: PySide6 (6.11) keeps the area's Python object alive
        # through the one it took for its parent last, and that is whatever a Python call got the
        # area from (the screen's window by focusWidget(), its own viewport by focusProxy()).
        # With its viewport, the two were a cycle of nothing else's: the collector took the area's
        # Python side, its overrides with it, while Qt kept the widget, and the next layout pass
        # crashed the kiosk (the random-input test, seed 20).
        self._area = area
        # Its words from the top, also where it is given more height than they need (beside).
        guidance.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._spacing = spacing
        self._body_share = body_share
        self._body_wants = body_wants
        self._side_shares, self._scrolled_share = side_shares, scrolled_share
        self._head_across = head_across
        self._fold = fold
        self.beside = False  # where the guidance was put last
        self.folded = False  # folded away behind the screen's button (`fold`)
        self.guidance_open = False  # folded, and shown in the body's place
        self._placing = False

    def set_guidance_open(self, on: bool) -> None:
        """Where the guidance is folded, show it in the body's place (True) or the body (False)."""
        if on != self.guidance_open:
            self.guidance_open = on
            self.invalidate()
            self.activate()  # now, not at the next pass of the event loop

    def guidance_holds(self, widget: QWidget | None) -> bool:
        """Whether `widget` is the guidance's place or inside it (has the focus there, say)."""
        return widget is not None and (widget is self._area or self._area.isAncestorOf(widget))

    def _adopt(self, widget: QWidget) -> QWidgetItem:
        self.addChildWidget(widget)
        return _Kept(widget)

    def addItem(self, item: QLayoutItem) -> None:
        raise TypeError("GuidedLayout holds its head, body and guidance only")

    def _items(self) -> tuple[QLayoutItem, ...]:
        return (self._head, self._body, self._guidance)

    def count(self) -> int:
        return 3

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items()[index] if 0 <= index < 3 else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return None  # all three stay for the screen's life

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal | Qt.Orientation.Vertical

    def sizeHint(self) -> QSize:
        width = max(item.sizeHint().width() for item in self._items())
        heights = (
            self._head.heightForWidth(width),
            self._body.sizeHint().height(),
            self._guidance.heightForWidth(width),
        )
        return QSize(width, sum(max(h, 0) for h in heights) + 2 * self._spacing) + self._margins()

    def minimumSize(self) -> QSize:
        """The head's and the body's minimum: the guidance can always go beside the body."""
        width = max(self._head.minimumSize().width(), self._body.minimumSize().width())
        height = self._head.minimumSize().height() + self._spacing + self._body.minimumSize().height()
        return QSize(width + self._guidance.minimumSize().width(), height) + self._margins()

    def _margins(self) -> QSize:
        m = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        if self._placing:  # showing or hiding a widget below lays the screen out from within
            return
        self._placing = True
        try:
            folded = self._arrange(rect)
            if folded != self.folded:
                self.folded = folded
                if not folded:
                    self.guidance_open = False
                self.foldedChanged.emit(folded)  # the screen's button comes or goes: the head's height
                self._arrange(rect)
        finally:
            self._placing = False

    def _arrange(self, rect: QRect) -> bool:
        """Place the three in `rect`; whether the guidance is folded away (`fold`)."""
        inner = rect.marginsRemoved(self.contentsMargins())
        x, y, width, height = inner.x(), inner.y(), inner.width(), inner.height()
        below = self._guidance.heightForWidth(width)
        # The body's minimum, and never less than its share of the height: a list showing a
        # sliver of one card is not worth keeping the guidance below it.
        least = self._body.minimumSize().height()
        if self._body_wants is not None:  # what the body itself says it needs to be of use
            least = max(least, self._body_wants(width))
        body = max(least, int(height * self._body_share))
        needs = self._head_height(width) + self._spacing + body
        # Beside only where its longest word fits there too (the staff editor's preview, wide
        # and low on a 1024x768 screen, gave it 160 px for a 176 px word).
        widest = width - self._spacing - self._column_minimum_width()
        narrowest = self._guidance_minimum_width()
        self.beside = width > height and needs + self._spacing + below > height and narrowest <= widest
        if self.beside:  # the guidance the whole height on the right; head and body on the left
            if self._head_across:  # the head across the top; the guidance beside the body below it
                head = self._head_height(width)
                self._head.setGeometry(QRect(x, y, width, head))
                y, height = y + head + self._spacing, height - head - self._spacing
            # Never so wide that the column is narrower than its minimum (the QR code's page).
            sides = [max(min(int(width * share), widest), narrowest) for share in self._side_shares]
            # Where no share shows it whole, it scrolls in a narrow one: the body (a comparison, a
            # page of details) needs the width more than the guidance needs to be seen at once.
            fallback = max(min(int(width * self._scrolled_share), widest), narrowest)
            side = next((s for s in sides if self._guidance.heightForWidth(s) <= height), fallback)
            main = width - side - self._spacing
            if self._fold is not None and self._fold(main, height):
                self._place_folded(QRect(x, y, width, height))
                return True
            if self._head_across:
                self._body.setGeometry(QRect(x, y, main, height))
            else:
                self._place_column(QRect(x, y, main, height))
            self._guidance.setGeometry(QRect(x + main + self._spacing, y, side, height))
        else:
            # Below the column. Where, whole, it would leave the body less than its minimum (an
            # 800x1280 screen at the largest text: the QR code's page cut), it keeps to the room
            # left, never under BELOW_LINES lines, and scrolls.
            room = height - self._head_height(width) - 2 * self._spacing - least
            if below > room:
                below = max(room, min(below, self._lines_px(BELOW_LINES)))
            self._place_column(QRect(x, y, width, height - below - self._spacing))
            self._guidance.setGeometry(QRect(x, y + height - below, width, below))
        _show(self._body_widget, True)
        _show(self._area, True)
        return False

    def _place_folded(self, rect: QRect) -> None:
        """The body, or the guidance where it is open, across the whole width below the head."""
        body, area = self._body_widget, self._area
        shown, hidden = (area, body) if self.guidance_open else (body, area)
        _show(hidden, False)
        _show(shown, True)
        if self._head_across:
            shown.setGeometry(rect)
        else:
            head = self._head_height(rect.width())
            self._head.setGeometry(QRect(rect.x(), rect.y(), rect.width(), head))
            top = head + self._spacing
            shown.setGeometry(QRect(rect.x(), rect.y() + top, rect.width(), rect.height() - top))

    def _lines_px(self, lines: int) -> int:
        """The height of the guidance's place that shows `lines` lines of its words."""
        area = self._guidance.widget()
        words = area.widget() if isinstance(area, WrappedScrollArea) else None
        if words is None:
            return 0
        margins = words.contentsMargins()  # the style sheet's padding and border
        return lines * words.fontMetrics().lineSpacing() + margins.top() + margins.bottom()

    def _guidance_minimum_width(self) -> int:
        """The width of the guidance's place that holds its longest word, beside its scroll bar."""
        area = self._guidance.widget()
        words = area.widget() if isinstance(area, WrappedScrollArea) else None
        if not isinstance(area, WrappedScrollArea) or words is None:
            return int(self._guidance.minimumSize().width())
        bar = area.verticalScrollBar().sizeHint().width()
        return int(words.minimumSizeHint().width() + bar + 2 * area.frameWidth())

    def _column_minimum_width(self) -> int:
        return max(self._head.minimumSize().width(), self._body.minimumSize().width())

    def _head_height(self, width: int) -> int:
        return max(self._head.heightForWidth(width), self._head.minimumSize().height())

    def _place_column(self, rect: QRect) -> None:
        head = self._head_height(rect.width())
        self._head.setGeometry(QRect(rect.x(), rect.y(), rect.width(), head))
        top = head + self._spacing
        self._body.setGeometry(QRect(rect.x(), rect.y() + top, rect.width(), rect.height() - top))
