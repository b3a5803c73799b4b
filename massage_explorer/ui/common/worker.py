"""Long work a person waits for (a save or a read at 5,000 techniques, a PIN's check) on a thread
of its own, the window answering.

The caller waits for the result in a local event loop, so it reads like a plain call (Save returns
whether it saved) while the window keeps painting, its timers keep running and its progress shows.
The caller disables whatever must not be used meanwhile, and checks afterwards that what it was
for still holds (a PIN pad closed meanwhile opens nothing). The work itself touches no Qt object.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QTimer

from massage_explorer.ui.common.background import window_first

T = TypeVar("T")
POLL_MS = 15  # how often the finished work is looked for


def run_in_thread(work: Callable[[], T], *, keep: bool = False) -> T:
    """`work()` run on a thread while the window's events are handled; its result, or what it raised.
    `keep`: what the work builds lives on (a catalog read): see `window_first`."""
    box: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            with window_first(keep=keep):
                box.append((True, work()))
        except BaseException as exc:  # handed to the caller, on the window's thread
            box.append((False, exc))

    thread = threading.Thread(target=run, name="waited-for-work", daemon=True)
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    # What the caller changed (controls turned off, "Saving…" shown) is laid out and painted
    # first. Once the thread runs, each call into Python on the window's thread waits for the
    # thread to hand over Python's lock (every `background.SWITCH_SECONDS`). In a kiosk, whose
    # lockdown sees every event in Python, turning the editor's forms off after the read had
    # started took 2 s instead of 0.1 s, the window frozen. Input waits for the loop below.
    loop.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    thread.start()
    poll.start()
    loop.exec()
    poll.stop()
    thread.join()
    done, value = box[0]
    if not done:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]  # what `work` returned
