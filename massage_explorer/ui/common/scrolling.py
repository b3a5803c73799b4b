"""Lists and areas that flick by finger, and long lists laid out a few rows at a time."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QListView,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)

from massage_explorer.ui.common.buttons import MIN_TARGET, TAP_SLOP_M

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


class WrappedScrollArea(QScrollArea):
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
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if transparent:
            self.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        enable_kinetic_scrolling(self)

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
