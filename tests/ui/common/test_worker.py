"""`run_in_thread`: work a person waits for runs on a thread and reads like a plain call, while the
window keeps answering."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from massage_explorer.ui.common.worker import run_in_thread


def test_the_work_runs_on_a_thread_and_its_result_comes_back(qapp):
    assert run_in_thread(lambda: (threading.current_thread() is threading.main_thread(), 42)) == (False, 42)


def test_what_the_work_raised_is_raised_to_the_caller(qapp):
    def fails() -> None:
        raise PermissionError(13, "Permission denied")

    with pytest.raises(PermissionError):
        run_in_thread(fails)


def test_the_window_answers_while_the_work_runs(qapp):
    answered = threading.Event()
    QTimer.singleShot(20, answered.set)  # handled on the window's thread, during the work
    assert run_in_thread(lambda: answered.wait(5))


class Painted(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1


def test_what_the_caller_changed_is_painted_before_the_work_starts(qtbot):
    """Once the thread holds Python's lock, each event the window handles in Python waits for it:
    the caller's "Saving…" and its controls turned off are shown first, at full speed."""
    widget = Painted()
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    qtbot.waitUntil(lambda: widget.paints > 0)
    before = widget.paints
    widget.update()  # as turning a control off asks for
    assert run_in_thread(lambda: widget.paints) > before
