"""window_first: threads that overlap put Python's collector and switch interval back as they
were before the first of them, whichever ends last."""

from __future__ import annotations

import gc
import sys
import threading

from massage_explorer.ui.common.background import SWITCH_SECONDS, window_first


def test_overlapping_threads_leave_things_as_they_were():
    before = sys.getswitchinterval()
    assert before != SWITCH_SECONDS and gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def first() -> None:
        with window_first():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with window_first():
            second_in.set()
            first_out.wait(5)  # the first leaves while the second still works
            seen.update(collecting=gc.isenabled(), switch=sys.getswitchinterval())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"collecting": False, "switch": SWITCH_SECONDS}  # still the worker's way
    assert sys.getswitchinterval() == before and gc.isenabled()  # all back once both are out
