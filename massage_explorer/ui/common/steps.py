"""Work done a step at a time between the events of the window's thread, so that no step of it
holds up a tap for long (building the editor's window for 5,000 techniques, for one).

Each step is what a generator does up to its next `yield`. The steps run on a timer of zero
interval, not on `QTimer.singleShot(0, …)`: that posts an event, and Qt handles every posted
event before it looks at timers or input, so a chain of posted steps is one long stall.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from massage_explorer.ui.common.first_paint import after_first_paint


class Steps(QObject):
    """Runs a generator's steps one per turn of the event loop; `done` once the last has run."""

    done = Signal()

    def __init__(
        self, steps: Iterator[object], parent: QObject | None = None, *, after_paint_of: QWidget | None = None
    ) -> None:
        """`after_paint_of`: the first step waits for that widget's first paint (never, if it
        is not shown: `finish` then runs them); else it runs on the next turn."""
        super().__init__(parent)
        self._steps: Iterator[object] | None = steps
        # Started again after each step, not repeating: a repeating timer is due again from the
        # time its turn began, ahead of the timers that fell due during the step (a tap's too).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)
        if after_paint_of is None:
            self._timer.start()
        else:
            after_first_paint(after_paint_of, self._start)

    def _start(self) -> None:
        if self._steps is not None:
            self._timer.start()

    @property
    def running(self) -> bool:
        return self._steps is not None

    def finish(self) -> None:
        """Run the steps left now, one after the other (for callers that need the result now)."""
        while self._steps is not None:
            self._next()

    def stop(self) -> None:
        """Run no more steps (the window they build is closing); `done` is not emitted."""
        self._timer.stop()
        self._steps = None

    @Slot()
    def _next(self) -> None:
        if self._steps is None:
            return
        try:
            next(self._steps)
        except StopIteration:
            self._timer.stop()
            self._steps = None
            self.done.emit()
            return
        self._timer.start()
