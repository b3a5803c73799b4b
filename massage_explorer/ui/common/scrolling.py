"""Lists and areas that flick by finger and scroll by keyboard, long lists laid out a few rows at a
time, and whatever takes the keyboard's focus scrolled into view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QSize, Qt, Slot
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHeaderView,
    QListView,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)

from massage_explorer.ui.common.buttons import MIN_TARGET, TAP_SLOP_M
from massage_explorer.ui.common.theme import current_colours

# How long a press on a flickable area is held back to see whether it starts a flick: one frame
# at 60 Hz. Not zero: Qt cancels a press it has passed on (a release far away, so nothing is
# clicked) only when it held the press first; with no delay, a flick that began on a button
# left the button pressed for good. A flick that starts within the frame presses nothing.
PRESS_DELAY_S = 1 / 60
# A flick close to one axis moves the content along that axis only (Qt's measure: 0 never locks,
# 1 always does), so that a list scrolled up and down does not also sway sideways.
AXIS_LOCK = 0.6


def lay_out_in_batches(view: QListView, batch: int = 16) -> None:
    """One item per row, laid out `batch` at a time between events: thousands of items never
    hold up a tap, and the first rows are drawn (and can be tapped) as soon as they are laid out.

    The items flow left to right and wrap, each as wide as the view, so each row is its own
    segment: a list that does not wrap draws nothing until its last batch is done, because Qt
    learns where its one segment ends only then.
    """
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(batch)
    view.setFlow(QListView.Flow.LeftToRight)
    view.setWrapping(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """`area.viewport()`, without PySide6's first-call cost.

    The first `viewport()` call of a process makes PySide6 (6.11) set up the Python classes of
    every QWidget subclass, dialogs and all, to learn the returned widget's type: about 10 ms of
    start-up. Looking the same child up by the name Qt gives it is found directly, and once its
    Python object exists, `viewport()` returns it at no cost. Any other viewport (a custom one,
    or another Qt's name) falls back to `viewport()`.
    """
    found = area.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()


def enable_kinetic_scrolling(area: QAbstractScrollArea) -> None:
    """Flick-to-scroll by finger (touch) and by pressed mouse, as a touch screen reports either.

    A press reaches what is under the finger within a frame (PRESS_DELAY_S). Qt's default holds
    a mouse press back for 0.25 s to see whether it starts a flick: a button on a touch screen
    that reports itself as a mouse looked untouched for that long (bench/tap_latency.py).
    """
    if isinstance(area, QAbstractItemView):
        # Per-pixel scrolling is what makes kinetic flicks smooth in item views.
        area.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        area.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    viewport = viewport_of(area)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    metric = QScrollerProperties.ScrollMetric
    properties.setScrollMetric(metric.MousePressEventDelay, PRESS_DELAY_S)
    properties.setScrollMetric(metric.DragStartDistance, TAP_SLOP_M)
    # A swipe is a flick in any direction, even where there is nothing to scroll that way: the
    # area then gives a little and springs back, and what the finger went down on is not tapped.
    # Qt otherwise passes a sideways swipe on a list that scrolls only up and down through as a
    # tap (a card opened, a chip chosen, a technique removed from the shortlist).
    always = QScrollerProperties.OvershootPolicy.OvershootAlwaysOn
    properties.setScrollMetric(metric.HorizontalOvershootPolicy, always)
    properties.setScrollMetric(metric.VerticalOvershootPolicy, always)
    properties.setScrollMetric(metric.AxisLockThreshold, AXIS_LOCK)
    scroller.setScrollerProperties(properties)


def rewind_all(root: QWidget) -> None:
    """Every scrolling area under `root` stopped where it glides and back at its start, both
    ways: what one patient flicked to, or left gliding, is not where the next one begins."""
    for area in root.findChildren(QAbstractScrollArea):
        viewport = viewport_of(area)
        if QScroller.hasScroller(viewport):
            QScroller.scroller(viewport).stop()
        for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
            bar.setValue(bar.minimum())


class ReadingArea(QScrollArea):
    """A flickable area of words that the keyboard reads too.

    While its words need more room than it has, it is a stop for Tab (not for a tap: a finger
    flicks it), framed in the focus colour while it has the focus (_FocusRing), and the arrows,
    Page Up/Down, Space and Home/End scroll it.
    Where everything fits it is no stop: Tab would land on nothing to do. Its accessible name
    says what it holds (`set_name`); its description, how to scroll it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._ring = _FocusRing(self)
        self._name: Callable[[], str] | None = None
        self.verticalScrollBar().rangeChanged.connect(self._follow_range)
        enable_kinetic_scrolling(self)
        self._say_how()

    def set_name(self, make: Callable[[], str]) -> None:
        """What the area holds, for screen readers; made again after a language change."""
        self._name = make
        self.setAccessibleName(make())

    def _say_how(self) -> None:
        self.setAccessibleDescription(
            QCoreApplication.translate("ReadingArea", "Scroll with the arrow keys, Page Up and Page Down.")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._say_how()
            if self._name is not None:
                self.setAccessibleName(self._name())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._place_ring()
        self._ring.show()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._ring.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_ring()

    def _place_ring(self) -> None:
        self._ring.setGeometry(self.rect())
        self._ring.raise_()

    @Slot(int, int)
    def _follow_range(self, _minimum: int, maximum: int) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if maximum > 0 else Qt.FocusPolicy.NoFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        bar = self.verticalScrollBar()
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        # Space and Shift+Space page as in a browser; Home and End go to either end.
        if key == Qt.Key.Key_PageDown or (key == Qt.Key.Key_Space and not shift):
            bar.setValue(bar.value() + self._page())
        elif key == Qt.Key.Key_PageUp or key == Qt.Key.Key_Space:
            bar.setValue(bar.value() - self._page())
        elif key == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif key == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)  # the arrows; what is not for scrolling goes on up

    def _page(self) -> int:
        """A page less two lines: the line cut off at the foot is read whole at the top after
        Page Down (Qt's page, the whole height, cut it off again there)."""
        height = viewport_of(self).height()
        return max(height - 2 * self.fontMetrics().lineSpacing(), height // 2, 1)


class _FocusRing(QWidget):
    """The focus frame of a ReadingArea, drawn over its edge: a frame of the area's own would
    take room from the words, and from the screens short of room (a comparison's last row, the
    take-away's buttons at 1024x768)."""

    WIDTH = 3  # as the lists' focus frame

    def __init__(self, area: QWidget) -> None:
        super().__init__(area)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        # Qt raises the scroll bars each time it lays the area out: the ring goes back over them.
        for name in ("qt_scrollarea_vcontainer", "qt_scrollarea_hcontainer"):
            bars = area.findChild(QWidget, name, Qt.FindChildOption.FindDirectChildrenOnly)
            if bars is not None:
                bars.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ZOrderChange and self.isVisible():
            self.raise_()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(QColor(current_colours().focus), self.WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        inset = self.WIDTH // 2
        painter.drawRect(self.rect().adjusted(inset, inset, -inset - 1, -inset - 1))


class WrappedScrollArea(ReadingArea):
    """A flickable area around `body` (word-wrapped text) that asks for the height the body
    needs at its width, so that it scrolls only where the screen has less room than that.

    The body is sized here, to the viewport's width and its own height for that width: Qt's
    resizable mode would make it at least as tall as its minimum size hint, which is measured at
    a narrow width, and the area scrolled where everything fitted.
    """

    def __init__(self, body: QWidget, parent: QWidget | None = None, *, transparent: bool = True) -> None:
        """`transparent`: what is behind the area shows through it (a style sheet of the area's
        own, which also stops the window's font reaching the body: a body that must grow with
        the text size has a background of its own instead)."""
        super().__init__(parent)
        self.setWidget(body)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if transparent:
            self.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        # New words or a new text size change the height the body needs without resizing the
        # area (the guidance beside the comparison keeps its width): sized again then too.
        body.installEventFilter(self)
        viewport_of(self).installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (watched is self.widget() and kind == QEvent.Type.FontChange) or (
            watched is viewport_of(self) and kind == QEvent.Type.LayoutRequest  # a label's new text
        ):
            self.fit_body()
            self.updateGeometry()  # the layout around asks for the new height
        return super().eventFilter(watched, event)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        body = self.widget()
        return body.heightForWidth(width) if body is not None and body.hasHeightForWidth() else -1

    def sizeHint(self) -> QSize:
        body = self.widget()
        hint = body.sizeHint() if body is not None else QSize()
        return QSize(hint.width(), max(self.heightForWidth(hint.width()), hint.height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_TARGET, 2 * MIN_TARGET)  # a couple of lines, and the rest a flick away

    def fit_body(self) -> None:
        body = self.widget()
        if body is not None:
            width = viewport_of(self).width()
            body.resize(width, max(body.heightForWidth(width), 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_body()


# Around a control scrolled into view, this much of what is beside it shows too.
REVEAL_MARGIN = 16


def reveal(widget: QWidget) -> None:
    """Scroll each area around `widget`, the innermost first, so that it is in view: in a
    QScrollArea the widget (an item view: its current item, which Qt gives as its cursor), in an
    item view the index it is the widget of, on a view's header the section it sits on. An item
    view shows its own current item first: that is where its keys act."""
    if isinstance(widget, QAbstractItemView) and widget.currentIndex().isValid():
        widget.scrollTo(widget.currentIndex())
    inner = widget.parentWidget()
    while inner is not None:
        if isinstance(inner, QHeaderView):
            _reveal_section(inner, widget)
        elif isinstance(inner, QAbstractItemView):
            viewport = viewport_of(inner)
            if viewport.isAncestorOf(widget):
                index = inner.indexAt(widget.mapTo(viewport, widget.rect().center()))
                if index.isValid():
                    inner.scrollTo(index)
        elif isinstance(inner, QScrollArea):
            body = inner.widget()
            if body is not None and body.isAncestorOf(widget):
                inner.ensureWidgetVisible(widget, REVEAL_MARGIN, REVEAL_MARGIN)
        inner = None if inner.isWindow() else inner.parentWidget()


def in_view(widget: QWidget) -> bool:
    """Whether `widget` is shown whole, not scrolled out of any area around it (even in part)."""
    if not widget.isVisible():
        return False
    inner = widget.parentWidget()
    while inner is not None and not inner.isWindow():
        if isinstance(inner, QAbstractScrollArea):
            viewport = viewport_of(inner)
            if viewport.isAncestorOf(widget):
                place = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
                if not viewport.rect().contains(place):
                    return False
        inner = inner.parentWidget()
    return True


def _reveal_section(header: QHeaderView, widget: QWidget) -> None:
    """Scroll the view of `header` so that the section `widget` sits on is in view (whole, if
    the view has the room). Every view here scrolls by the pixel (enable_kinetic_scrolling), so
    the header's offset is its scroll bar's value."""
    view = header.parentWidget()
    if not isinstance(view, QAbstractItemView):
        return
    across = header.orientation() == Qt.Orientation.Horizontal
    viewport = viewport_of(header)
    place = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    section = header.logicalIndexAt(place.center().x() if across else place.center().y())
    if section < 0:
        return
    start = header.sectionViewportPosition(section)
    end = start + header.sectionSize(section)
    room = viewport.width() if across else viewport.height()
    bar = view.horizontalScrollBar() if across else view.verticalScrollBar()
    if start < 0:
        bar.setValue(bar.value() + start)
    elif end > room:
        bar.setValue(bar.value() + min(start, end - room))
