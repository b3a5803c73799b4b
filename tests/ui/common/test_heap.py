"""Memory the app frees goes back to the system (glibc, the kiosk's platform): large blocks when
freed, the heap's free pages when asked. What a kiosk's reads of its catalog file rely on."""

from __future__ import annotations

from massage_explorer.ui.common.heap import give_back_free_memory, map_large_blocks

MB = 1024 * 1024


def resident_mb() -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def test_a_large_block_is_given_back_when_freed_even_after_a_larger_one_was() -> None:
    larger = bytearray(20 * MB)  # freed, it would move glibc's bar for large blocks up to 20 MB
    del larger
    map_large_blocks()
    before = resident_mb()
    block = bytearray(8 * MB)  # as the text of a 5,000-technique catalog file
    assert resident_mb() > before + 7
    del block
    assert resident_mb() < before + 1


def test_free_pages_inside_the_heap_are_given_back() -> None:
    blocks = [bytes(4000) for _ in range(4000)]  # 16 MB in blocks too small to be mapped alone
    pinned = bytes(4000)  # allocated after them: the heap cannot simply shrink past it
    before = resident_mb()
    del blocks
    give_back_free_memory()
    assert resident_mb() < before - 12
    del pinned
