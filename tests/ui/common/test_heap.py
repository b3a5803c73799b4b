"""Memory the app frees goes back to the system (glibc, the kiosk's platform): large blocks when
freed, the heap's free pages when asked. What a kiosk's reads of its catalog file rely on.

Each check runs in a fresh process: in a test worker that has run other tests, the heap already
holds free pages, and a block is taken from them rather than mapped (so nothing changes the
resident size either way)."""

from __future__ import annotations

import subprocess
import sys

_RESIDENT = """
from massage_explorer.ui.common.heap import give_back_free_memory, map_large_blocks
MB = 1024 * 1024
def resident_mb():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024
"""

_LARGE_BLOCK = """
larger = bytearray(20 * MB)  # freed, it would move glibc's bar for large blocks up to 20 MB
del larger
map_large_blocks()
before = resident_mb()
block = bytearray(8 * MB)  # as the text of a 5,000-technique catalog file
grown = resident_mb() - before
del block
print(grown, resident_mb() - before)
"""

_FREE_PAGES = """
blocks = [bytes(4000) for _ in range(4000)]  # 16 MB in blocks too small to be mapped alone
pinned = bytes(4000)  # allocated after them: the heap cannot simply shrink past it
before = resident_mb()
del blocks
give_back_free_memory()
print(resident_mb() - before)
"""


def _run(script: str) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", _RESIDENT + script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return [float(figure) for figure in done.stdout.split()]


def test_a_large_block_is_given_back_when_freed_even_after_a_larger_one_was() -> None:
    grown, left = _run(_LARGE_BLOCK)
    assert grown > 7
    assert left < 1


def test_free_pages_inside_the_heap_are_given_back() -> None:
    (change,) = _run(_FREE_PAGES)
    assert change < -12
