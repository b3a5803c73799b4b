"""Work on a thread of its own that leaves the window answering: what the kiosk's live reload
and the editor's check after a pause in typing both need. Plain Python: no Qt object is touched."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH_SECONDS = 0.0005

# Threads inside window_first, which may overlap (the PIN's check during a live reload): the
# collector and the switch interval come back as they were only when the last one leaves. Each
# putting back what it found left the 0.5 ms interval for good when two overlapped.
_lock = threading.Lock()
_inside = 0  # how many
_before: dict[str, float | bool] = {}


@contextmanager
def window_first(*, keep: bool = False) -> Iterator[None]:
    """For the body of a worker thread: Python hands its lock to the window's thread every 0.5 ms
    instead of every 5 ms (once for every event the window handles in Python, the default added
    up to stalls of 0.1 to 0.5 s), and the cycle collector waits (its walk of a large catalog's
    node tree held the window up for half a second at a time).

    `keep`: what the body built lives on (a new catalog): it is frozen out of later collections,
    as at start-up (launch.settle_memory); collected at the end instead, its 190,000 objects at
    5,000 techniques would hold up the window for 0.15 s, this thread holding Python's lock.
    """
    global _inside
    with _lock:
        if not _inside:  # the first of the threads inside: what it finds is what comes back
            _before.update(collecting=gc.isenabled(), switch=sys.getswitchinterval())
            gc.disable()
            sys.setswitchinterval(SWITCH_SECONDS)
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            if keep:
                gc.freeze()
            _inside -= 1
            if not _inside:  # the last one out: as before the first came in
                if _before["collecting"]:
                    gc.enable()
                sys.setswitchinterval(float(_before["switch"]))
