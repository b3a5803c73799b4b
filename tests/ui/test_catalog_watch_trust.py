"""When the kiosk trusts a new version of its catalog file: the editor's save at once, any other
after it held still, and one that looks cut short only after it held still for 30 s.

The watcher's clock is moved on by hand and each look made by calling check(): what is decided at
each moment does not depend on how busy the machine is, and no test waits out the real times.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from massage_explorer.core.catalog import Catalog, Caution, CautionLevel
from massage_explorer.core.pin import hash_pin
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import BACKUP_SUFFIX, atomic_write, load_catalog
from massage_explorer.ui import catalog_watch
from massage_explorer.ui.catalog_watch import OTHER_WRITE_MS, SETTLE_MS, UNFINISHED_MS, CatalogWatcher
from massage_explorer.ui.common.theme import clear_theme
from massage_explorer.ui.kiosk.window import KioskWindow
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
FOUR = catalog_of("first", "second", "third", "fourth")


# A third technique to avoid with blood thinners, and the file cut mid-line before its cautions, as
# a copy paused after a block leaves it: valid, and the technique shown without them.
WITH_THIRD = f.catalog(
    f.technique("gentle"),
    f.technique("firm-one"),
    f.technique("third", cautions=(Caution("thinners", f.t("Do not book it."), CautionLevel.AVOID),)),
)
WHOLE = dump_catalog(WITH_THIRD)
CUT_MID_LINE = WHOLE[: WHOLE.index("for a short", WHOLE.index("- id: third")) + len("for a sh")]


def test_a_copy_paused_mid_line_is_held_back_and_the_last_good_catalog_stays(
    qtbot, qapp, tmp_path, clock, caplog
):
    path = tmp_path / "techniques.yaml"
    path.write_text(dump_catalog(catalog_of("gentle", "firm-one")), encoding="utf-8")
    old = load_catalog(path).catalog
    font = qapp.font()
    kiosk = KioskWindow(old, KioskConfig(pin_hash=hash_pin("5173")), catalog_path=path)
    qtbot.addWidget(kiosk)
    kiosk.show()
    watcher = kiosk.watch()
    kiosk.start_session()
    cut = load_catalog_text(tmp_path, CUT_MID_LINE)
    assert cut.techniques[-1].cautions == () and cut.techniques[-1].benefits[0].note == f.t(
        "It may ease pain for a sh"
    )
    overwrite(path, CUT_MID_LINE)
    caplog.set_level(logging.INFO, logger=catalog_watch.__name__)
    look(qtbot, watcher, clock, 0)
    look(qtbot, watcher, clock, OTHER_WRITE_MS)  # read, and held back
    assert kiosk.catalog is old and kiosk.session.browse.proxy.rowCount() == 2
    assert "held back, since the file does not end with a line break" in caplog.text
    look(qtbot, watcher, clock, UNFINISHED_MS - OTHER_WRITE_MS - 1)
    assert kiosk.catalog is old
    # A file that legitimately ends without a line break is shown once it held still 30 s.
    look(qtbot, watcher, clock, 1)
    assert kiosk.catalog == cut and kiosk.session.browse.proxy.rowCount() == 3
    watcher.stop()
    kiosk.staff_quit()
    clear_theme(qapp)
    qapp.setFont(font)


def test_the_rest_of_a_paused_copy_is_shown_after_the_usual_wait_and_the_cut_version_never(
    qtbot, tmp_path, clock
):
    watcher, shown = watched(tmp_path / "techniques.yaml", catalog_of("gentle", "firm-one"))
    overwrite(watcher.path, CUT_MID_LINE)
    look(qtbot, watcher, clock, 0)
    look(qtbot, watcher, clock, OTHER_WRITE_MS)
    assert shown == []
    overwrite(watcher.path, WHOLE)  # the copy goes on, 5 s later
    look(qtbot, watcher, clock, 5000)
    look(qtbot, watcher, clock, OTHER_WRITE_MS)
    assert shown == [WITH_THIRD]
    look(qtbot, watcher, clock, UNFINISHED_MS)  # the version held back is gone for good
    assert shown == [WITH_THIRD]
    watcher.stop()


@pytest.mark.parametrize(
    ("shown", "new", "reason"),
    [
        (
            THREE,
            _before(dump_catalog(THREE), "    cautions:", "- id: third"),
            "its last technique, 'third', is not as shown (it may end part-way)",
        ),
        (
            THREE,
            _before(dump_catalog(THREE), "  - id: third"),
            "it ends at technique 'second', and leaves out 'third' that followed it",
        ),
        (
            FOUR,
            dump_catalog(catalog_of("first", "brand-new")),
            "it leaves out 3 of the 4 techniques shown",
        ),
    ],
    ids=["cut-inside-the-last-technique", "cut-between-techniques", "most-techniques-gone"],
)
def test_a_version_that_looks_cut_short_at_a_line_end_is_held_back(
    qtbot, tmp_path, clock, caplog, shown, new, reason
):
    watcher, reloaded = watched(tmp_path / "techniques.yaml", shown)
    caplog.set_level(logging.WARNING, logger=catalog_watch.__name__)
    overwrite(watcher.path, new)
    look(qtbot, watcher, clock, 0)
    look(qtbot, watcher, clock, OTHER_WRITE_MS)
    assert reloaded == [] and f"held back, since {reason}" in caplog.text
    look(qtbot, watcher, clock, UNFINISHED_MS - OTHER_WRITE_MS)
    assert ids(reloaded) == [[t.id for t in load_catalog_text(tmp_path, new).techniques]]
    watcher.stop()


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_a_whole_file_with_other_line_endings_is_shown_after_the_usual_wait(qtbot, tmp_path, clock, ending):
    """Written by another tool with Windows or old Mac line endings, the file ends with a line
    break all the same: it is not held back as cut short."""
    watcher, shown = watched(tmp_path / "techniques.yaml", THREE)
    new = catalog_of("gentle", "second", "third", "fourth")
    with watcher.path.open("w", encoding="utf-8", newline="") as file:
        file.write(dump_catalog(new).replace("\n", ending))
    look(qtbot, watcher, clock, 0)
    look(qtbot, watcher, clock, OTHER_WRITE_MS)
    assert shown == [new]
    watcher.stop()


@pytest.mark.parametrize("same_tick", [False, True], ids=["later-tick", "same-clock-tick"])
def test_the_editors_save_is_read_after_the_short_wait_whatever_it_leaves_out(
    qtbot, tmp_path, clock, same_tick
):
    # Two of three techniques deleted: any other writer's version would wait 30 s.
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
