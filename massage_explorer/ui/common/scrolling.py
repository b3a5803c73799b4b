"""Lists and areas that flick by finger, and long lists laid out a few rows at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QListView,
    QScroller,
    QScrollerProperties,
    QWidget,
)

# How long a press on a flickable area is held back to see whether it starts a flick: one frame
# at 60 Hz. Not zero: Qt cancels a press it has passed on (a release far away, so nothing is
# clicked) only when it held the press first; with no delay, a flick that began on a button
# left the button pressed for good. A flick that starts within the frame presses nothing.
PRESS_DELAY_S = 1 / 60


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
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, PRESS_DELAY_S)
    scroller.setScrollerProperties(properties)
