"""When the kiosk trusts a new version of its catalog file: the editor's save at once, any other
after it held still.

The watcher's clock is moved on by hand and each look made by calling check(): what is decided at
each moment does not depend on how busy the machine is, and no test waits out the real times.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from massage_explorer.core.catalog import Catalog, Caution, CautionLevel
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import BACKUP_SUFFIX, atomic_write, load_catalog
from massage_explorer.ui import catalog_watch
from massage_explorer.ui.catalog_watch import OTHER_WRITE_MS, SETTLE_MS, CatalogWatcher
from tests import factories as f


class Clock:
    """Stands in for the watcher's time.monotonic; moved on by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(catalog_watch, "time", clock)
    return clock


def look(qtbot, watcher: CatalogWatcher, clock: Clock, after_ms: float) -> None:
    """A look at the file `after_ms` after the last, and the read it starts seen to its end."""
    clock.now += after_ms / 1000
    watcher.check()
    qtbot.waitUntil(lambda: not watcher.busy, timeout=10_000)


def catalog_of(*ids: str) -> Catalog:
    return f.catalog(*(f.technique(i) for i in ids))


def watched(path: Path, catalog: Catalog) -> tuple[CatalogWatcher, list[Catalog]]:
    """A watcher of `path`, which holds `catalog` as shown, that looks only when told to."""
    path.write_text(dump_catalog(catalog), encoding="utf-8")
    watcher = CatalogWatcher(path, load_catalog(path).catalog, poll_ms=3_600_000, use_events=False)
    shown: list[Catalog] = []
    watcher.reloaded.connect(shown.append)
    return watcher, shown


def ids(catalogs: list[Catalog]) -> list[list[str]]:
    return [[t.id for t in catalog.techniques] for catalog in catalogs]


def overwrite(path: Path, text: str) -> None:
    """As cp writes onto an existing file: the same inode, emptied and written."""
    with path.open("r+", encoding="utf-8") as file:
        file.truncate(0)
        file.write(text)


# A third technique to avoid with blood thinners.
WITH_THIRD = f.catalog(
    f.technique("gentle"),
    f.technique("firm-one"),
    f.technique("third", cautions=(Caution("thinners", f.t("Do not book it."), CautionLevel.AVOID),)),
)
WHOLE = dump_catalog(WITH_THIRD)


def load_catalog_text(folder: Path, text: str) -> Catalog:
    probe = folder / "probe.yaml"
    probe.write_text(text, encoding="utf-8")
    try:
        result = load_catalog(probe)
    finally:
        probe.unlink()
    assert result.catalog is not None, result.errors
    return result.catalog


def _before(text: str, marker: str, after: str = "") -> str:
    """`text` up to `marker` (searched after `after`): whole lines, as a copy paused there leaves it."""
    return text[: text.index(marker, text.index(after))]


THREE = catalog_of("gentle", "second", "third")


@pytest.mark.parametrize("same_tick", [False, True], ids=["later-tick", "same-clock-tick"])
def test_the_editors_save_is_read_after_the_short_wait_whatever_it_leaves_out(
    qtbot, tmp_path, clock, same_tick
):
    # Two of three techniques deleted, at once: any other writer's version waits 2 s.
    watcher, shown = watched(tmp_path / "techniques.yaml", THREE)
    atomic_write(watcher.path, dump_catalog(catalog_of("gentle")).encode("utf-8"))
    if same_tick:  # written in the clock tick the backup was linked in (coarse file times)
        backup_changed = os.stat(watcher.path.with_name(watcher.path.name + BACKUP_SUFFIX)).st_ctime_ns
        os.utime(watcher.path, ns=(backup_changed, backup_changed))
    look(qtbot, watcher, clock, 0)
    look(qtbot, watcher, clock, SETTLE_MS)
    assert ids(shown) == [["gentle"]]
    watcher.stop()


@pytest.mark.parametrize("how", ["deleted-and-written-anew", "written-over-in-place"])
def test_a_file_written_just_after_the_editors_save_is_not_taken_for_it(qtbot, tmp_path, clock, how):
    # The editor saves; within its 250 ms a copy replaces the file and pauses half-way. The file
    # seen is still the backup, as after the editor's save alone: the half file was read after
    # the short wait, and shown.
    watcher, shown = watched(tmp_path / "techniques.yaml", catalog_of("gentle", "firm-one"))
    atomic_write(watcher.path, WHOLE.encode("utf-8"))
    look(qtbot, watcher, clock, 0)  # the editor's save, seen
    half = _before(WHOLE, "    cautions:", "- id: third")  # the third technique, without its cautions
    assert load_catalog_text(tmp_path, half) not in (watcher.current, WITH_THIRD)
    if how == "deleted-and-written-anew":
        watcher.path.unlink()
        watcher.path.write_text(half, encoding="utf-8")
    else:
        overwrite(watcher.path, half)
    backup = watcher.path.with_name(watcher.path.name + BACKUP_SUFFIX)
    written = os.stat(backup).st_ctime_ns + 100_000_000  # 100 ms after the save
    os.utime(watcher.path, ns=(written, written))
    look(qtbot, watcher, clock, SETTLE_MS / 2)
    look(qtbot, watcher, clock, SETTLE_MS)
    look(qtbot, watcher, clock, SETTLE_MS)
    assert shown == []
    overwrite(watcher.path, WHOLE)  # the copy goes on
    look(qtbot, watcher, clock, 1000)
    look(qtbot, watcher, clock, OTHER_WRITE_MS)
    assert shown == [WITH_THIRD]
    watcher.stop()
