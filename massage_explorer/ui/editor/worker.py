"""Long work of the editor (a save at 5,000 techniques) on a thread of its own, the window answering.

The caller waits for the result in a local event loop, so it reads like a plain call (Save returns
whether it saved) while the window keeps painting, its timers keep running and its progress shows.
The caller disables whatever must not be used meanwhile. The work itself touches no Qt object.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QTimer

from massage_explorer.ui.common.background import window_first

T = TypeVar("T")
POLL_MS = 15  # how often the finished work is looked for


def run_in_thread(work: Callable[[], T]) -> T:
    """`work()` run on a thread while the window's events are handled; its result, or what it raised."""
    box: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            with window_first():
                box.append((True, work()))
        except BaseException as exc:  # handed to the caller, on the window's thread
            box.append((False, exc))

    thread = threading.Thread(target=run, name="editor-work", daemon=True)
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
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
