"""How the C library's malloc holds the memory Python frees: large blocks given back when freed.

glibc only: elsewhere these do nothing. Measured at 5,000 techniques (bench/README.md, "Memory at
5,000 techniques"): the catalog file's text and the slices it is decoded from are the largest
blocks the app allocates, 10 MB at once, at every read of the file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

# A block this large or larger gets a mapping of its own, returned to the system whole when freed.
LARGE_BLOCK = 1024 * 1024
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h


def _glibc(name: str) -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # (~4 ms: here, after the first paint, not while the app starts)

    try:
        function: Callable[..., int] = getattr(ctypes.CDLL(None), name)  # the process's own C library
    except (OSError, AttributeError):
        return None
    return function


def map_large_blocks() -> None:
    """From now on, every block of LARGE_BLOCK or more is mapped on its own and given back when
    freed. By default glibc raises that size to the size of each such block freed, up to 32 MB:
    once start-up had freed a large block, the text of the catalog file read 10 s later (9.7 MB at
    5,000 techniques) and the slices it was decoded from went into the heap, where, freed, they
    stayed resident under what the read allocated after them: the kiosk's first read of its file
    peaked ~10 MB higher, and held that much more once it was done."""
    mallopt = _glibc("mallopt")
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)


def give_back_free_memory() -> None:
    """Give the system back the free pages inside the heaps, where a read of the catalog left them
    (its node trees, freed among what it keeps): a kiosk's next read, a staff save, then peaks
    ~1 MB lower. A few milliseconds; call it off the window's thread."""
    malloc_trim = _glibc("malloc_trim")
    if malloc_trim is not None:
        malloc_trim(0)
