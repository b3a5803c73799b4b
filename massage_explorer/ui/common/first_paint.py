"""Work that can wait until a window has painted its first frame.

Start-up shows what the patient reads first as soon as it can, and starts or builds what that frame
does not need (the catalog watcher, the kiosk's session behind its welcome screen) straight after.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterFirstPaint(QObject):
    """Calls `then` once, on the turn of the event loop after `widget`'s first paint: by then the
    whole frame is painted and on screen."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)  # dies with the widget: a widget never shown calls nothing
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        self.deleteLater()
        self._then()


def after_first_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call `then` once `widget` has been painted for the first time (never, if it is not)."""
    _AfterFirstPaint(widget, then)
