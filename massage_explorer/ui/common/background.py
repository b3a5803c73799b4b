"""Work on a thread of its own that leaves the window answering: what the kiosk's live reload
and the editor's check after a pause in typing both need. Plain Python: no Qt object is touched."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH_SECONDS = 0.0005


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
    collecting = gc.isenabled()
    gc.disable()
    switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_SECONDS)
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if collecting:
            gc.enable()
        sys.setswitchinterval(switch)
