"""Shared builders for the patient-screen tests: a window on a small catalog, taps on cards."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
import zxingcpp
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QImage, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView, QScrollArea, QWidget

# The offscreen platform warns that it cannot resize windows to their size hints; harmless.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

_TOUCH: QPointingDevice | None = None


def touch_device() -> QPointingDevice:
    """One touch screen for the whole run (Qt keeps registered devices until exit)."""
    global _TOUCH
    if _TOUCH is None:
        _TOUCH = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)
    return _TOUCH


def row_of(view: QListView, technique_id: str) -> int:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) == technique_id:
            return row
    raise AssertionError(f"{technique_id} is not shown")


def card_point(view: QListView, technique_id: str) -> QPoint:
    """The middle of a card's text, well away from its save toggle."""
    index = view.model().index(row_of(view, technique_id), 0)
    view.scrollTo(index)
    rect = view.visualRect(index)
    return QPoint(rect.left() + rect.width() // 4, rect.center().y())


def toggle_point(view: QListView, technique_id: str) -> QPoint:
    index = view.model().index(row_of(view, technique_id), 0)
    view.scrollTo(index)
    return view.card_delegate.toggle_rect(view.visualRect(index), index).center()


def tap(view: QListView, pos: QPoint) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def touch_tap(widget: QWidget, pos: QPoint) -> None:
    """A finger down and up at `pos` (widget coordinates), as the kiosk's touch screen reports it.

    The offscreen platform's screen is 800x800 and touches outside it are dropped, so touch
    tests keep their widgets inside that square.
    """
    device = touch_device()
    QTest.touchEvent(widget, device).press(0, pos, widget).commit()
    QTest.touchEvent(widget, device).release(0, pos, widget).commit()


def chip_point(grid, key: str) -> QPoint:
    """The middle of a filter chip, in its grid's viewport coordinates."""
    rect = grid.rect_of(key)
    assert not rect.isEmpty(), f"no chip {key!r}"
    return rect.center().toPoint()


def tap_chip(grid, key: str) -> None:
    """A tap on a filter chip (the grid must be shown), scrolled into view first as a patient
    would: the flickable filter panel hands a press on to whatever is on screen there."""
    pos = chip_point(grid, key)
    area = grid.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None and area.widget() is not None:
        at = grid.viewport().mapTo(area.widget(), pos)
        area.ensureVisible(at.x(), at.y(), 0, grid.rect_of(key).height())
    tap(grid, pos)


def decode(image: QImage) -> str:
    """What a real QR decoder reads from the image (zxing-cpp takes a QImage as it is)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(results) == 1, "exactly one QR code should be found"
    return str(results[0].text)


class EventsOf(QObject):
    """Counts the events of one type that reach what it is installed on."""

    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind = kind
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind:
            self.count += 1
        return False


class _EventCount(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen += 1
        return False


def settle(limit: int = 2000) -> None:
    """Let Qt finish everything it has queued (layout requests, style polish, delayed item
    layouts and their batches, zero-delay timers), without sleeping: passes of the event loop
    until one of them delivers no event at all."""
    app = QApplication.instance()
    assert app is not None
    count = _EventCount()
    app.installEventFilter(count)
    try:
        for _ in range(limit):
            count.seen = 0
            app.processEvents()
            if not count.seen:
                return
    finally:
        app.removeEventFilter(count)
    raise AssertionError(f"Qt was still busy after {limit} passes of the event loop")


class HeldOnItsThread:
    """`module.name` made to wait, on whatever thread calls it, until `during` has run on the
    window's thread while the call is under way; then it goes on as itself. For work a person
    waits for (a read, a save, a PIN's check): `during` sees what the window shows meanwhile and
    can act on it. A window that does not answer during the call never runs `during`, and the call
    goes on after 5 s. `threads`: the threads it was called on."""

    def __init__(self, monkeypatch, module: object, name: str, during: Callable[[], None]) -> None:
        real = getattr(module, name)
        release = threading.Event()
        self.threads: list[threading.Thread] = []

        def held(*args, **kwargs):
            self.threads.append(threading.current_thread())
            release.wait(5)
            return real(*args, **kwargs)

        def look() -> None:
            if self.threads and not release.is_set():
                during()
                release.set()
                self._poll.stop()

        monkeypatch.setattr(module, name, held)
        # Looked for, not timed: the call may start after dialogs and other work.
        self._poll = QTimer(interval=10)
        self._poll.timeout.connect(look)
        self._poll.start()

    @property
    def off_the_window(self) -> bool:
        """Called once, on a thread other than the window's."""
        return len(self.threads) == 1 and self.threads[0] is not threading.main_thread()


def run_on_a_screen(code: str, size: str, *args: str) -> Any:
    """Run `code` (`python -c`) in a process of its own on one offscreen screen of `size`
    ("1024x768"; the tests' own screen is 800x800, and windows arrange themselves for theirs);
    what it printed last, read as JSON."""
    from massage_explorer.tools.layoutcheck import Display, on_a_screen_of

    width, height = (int(n) for n in size.split("x"))
    with on_a_screen_of(Display(size, width, height)) as env:
        done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])
