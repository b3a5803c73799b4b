"""Steps: work done a step at a time, the window's other events handled between the steps."""

from __future__ import annotations

import time
from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from massage_explorer.ui.common.steps import Steps


def _logged(log: list[str], count: int, work_s: float = 0.0) -> Iterator[None]:
    for number in range(count):
        log.append(f"step {number}")
        end = time.perf_counter() + work_s
        while time.perf_counter() < end:  # a step's work, during which other timers fall due
            pass
        yield
    log.append("last")


def test_every_step_runs_in_order_and_done_follows_the_last(qtbot):
    log: list[str] = []
    steps = Steps(_logged(log, 3))
    steps.done.connect(lambda: log.append("done"))
    qtbot.waitUntil(lambda: not steps.running)
    assert log == ["step 0", "step 1", "step 2", "last", "done"]


def test_a_timer_that_falls_due_fires_between_two_steps(qtbot):
    """What a tap or the stall meter waits for: no two steps run back to back while a timer is
    due. (A repeating zero timer, or `QTimer.singleShot(0, …)`, ran the next step first.)"""
    log: list[str] = []
    ticks = QTimer()
    ticks.setInterval(1)
    ticks.setTimerType(Qt.TimerType.PreciseTimer)
    ticks.timeout.connect(lambda: log.append("tick"))
    ticks.start()
    steps = Steps(_logged(log, 6, work_s=0.005))
    qtbot.waitUntil(lambda: not steps.running)
    ticks.stop()
    ran = [entry for entry in log if entry != "tick"]
    assert ran == [*(f"step {n}" for n in range(6)), "last"]
    first = log.index("step 0")
    for before, after in zip(log[first:], log[first + 1 :], strict=False):
        assert not (before.startswith("step") and after.startswith("step")), log


def test_finish_runs_what_is_left_at_once_and_stop_runs_nothing_more(qtbot):
    log: list[str] = []
    steps = Steps(_logged(log, 4))
    steps.finish()
    assert log == ["step 0", "step 1", "step 2", "step 3", "last"] and not steps.running
    others: list[str] = []
    stopped = Steps(_logged(others, 4))
    stopped.stop()
    for _ in range(5):
        QApplication.processEvents()
    assert others == [] and not stopped.running


def test_after_paint_of_waits_for_the_widgets_first_paint(qtbot):
    label = QLabel("Opening…")
    qtbot.addWidget(label)
    log: list[str] = []
    steps = Steps(_logged(log, 1), after_paint_of=label)
    for _ in range(5):
        QApplication.processEvents()
    assert log == []  # not shown, so not painted: nothing yet
    with qtbot.waitExposed(label):
        label.show()
    qtbot.waitUntil(lambda: not steps.running)
    assert log == ["step 0", "last"]
