"""Live reload: a kiosk follows valid saves of its catalog, and keeps the last good one otherwise."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QTimer

from massage_explorer.core.pin import hash_pin
from massage_explorer.core.problems import SHOWN_PROBLEMS, LoadResult, Problem, Severity, listed
from massage_explorer.core.schema import in_slices
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import atomic_write, load_catalog
from massage_explorer.ui.catalog_read import _told
from massage_explorer.ui.catalog_watch import OTHER_WRITE_MS, SETTLE_MS, CatalogWatcher
from massage_explorer.ui.common.theme import clear_theme
from massage_explorer.ui.kiosk.window import KioskWindow
from tests import factories as f

PIN = "5173"


def load_catalog_text(folder, text: str):
    probe = folder / "probe.yaml"
    probe.write_text(text, encoding="utf-8")
    try:
        return load_catalog(probe)
    finally:
        probe.unlink()


def write_atomically(path, text: str) -> None:
    """A save as the editor makes it: a whole new file renamed in, the old one kept as the backup."""
    atomic_write(path, text.encode("utf-8"))


def rename_in(path, text: str) -> None:
    """A save by rename from another tool (rsync, sed -i): no backup beside it."""
    tmp = path.with_name(".incoming.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture
def catalog_file(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(dump_catalog(f.catalog(f.technique("gentle"), f.technique("firm-one"))), encoding="utf-8")
    return path


def test_an_atomic_replace_is_picked_up_within_two_seconds(qtbot, catalog_file):
    watcher = CatalogWatcher(catalog_file, load_catalog(catalog_file).catalog, poll_ms=60_000)
    newer = f.catalog(f.technique("gentle"), f.technique("new-one"))
    with qtbot.waitSignal(watcher.reloaded, timeout=2000) as signal:
        write_atomically(catalog_file, dump_catalog(newer))
    assert signal.args[0] == newer
    # The watch survived the rename: a second replace is seen too.
    newest = f.catalog(f.technique("gentle"))
    with qtbot.waitSignal(watcher.reloaded, timeout=2000):
        write_atomically(catalog_file, dump_catalog(newest))
    watcher.stop()


def test_a_share_without_change_events_is_polled(qtbot, catalog_file):
    watcher = CatalogWatcher(catalog_file, load_catalog(catalog_file).catalog, poll_ms=300, use_events=False)
    newer = f.catalog(f.technique("gentle"), f.technique("polled"))
    # Written in place: read once it has stayed unchanged for OTHER_WRITE_MS.
    with qtbot.waitSignal(watcher.reloaded, timeout=OTHER_WRITE_MS + 3000):
        catalog_file.write_text(dump_catalog(newer), encoding="utf-8")
    watcher.stop()


def test_an_invalid_update_is_refused_once_and_the_old_catalog_stays(qtbot, catalog_file):
    old = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, old, poll_ms=200)
    reloaded, rejected = [], []
    watcher.reloaded.connect(reloaded.append)
    with qtbot.waitSignal(watcher.rejected, timeout=2000) as signal:
        write_atomically(catalog_file, catalog_file.read_text().replace("evidence: low", "evidence: strong"))
    assert "unknown evidence grade 'strong'" in signal.args[0].errors[0].message
    watcher.rejected.connect(rejected.append)
    for _ in range(3):  # as the next polls would: no second report of the same broken version
        watcher.check()
    assert rejected == [] and reloaded == [] and watcher.current == old
    watcher.stop()


@pytest.fixture
def kiosk(qtbot, qapp, catalog_file):
    font = qapp.font()
    window = KioskWindow(
        load_catalog(catalog_file).catalog, KioskConfig(pin_hash=hash_pin(PIN)), catalog_path=catalog_file
    )
    qtbot.addWidget(window)
    window.resize(790, 790)
    window.show()
    yield window
    window.staff_quit()
    clear_theme(qapp)
    qapp.setFont(font)


def test_the_kiosk_follows_a_save_and_keeps_shortlisted_techniques_that_still_exist(
    qtbot, kiosk, catalog_file
):
    watcher = kiosk.watch()
    kiosk.start_session()
    state = kiosk.session.state
    state.toggle_shortlist("gentle")
    state.toggle_shortlist("firm-one")
    newer = f.catalog(f.technique("gentle"), f.technique("brand-new"))
    with qtbot.waitSignal(watcher.reloaded, timeout=2000):
        write_atomically(catalog_file, dump_catalog(newer))
    assert kiosk.catalog == newer
    assert state.shortlist == ["gentle"]
    assert kiosk.session.browse.proxy.rowCount() == 2
    watcher.stop()


def test_a_broken_save_leaves_patients_undisturbed_and_tells_staff(qtbot, kiosk, catalog_file):
    watcher = kiosk.watch()
    kiosk.start_session()
    before = kiosk.catalog
    with qtbot.waitSignal(watcher.rejected, timeout=2000):
        write_atomically(catalog_file, "schema_version: 1\ntechniques: [\n")
    assert kiosk.catalog is before and kiosk.session.browse.proxy.rowCount() == 2
    kiosk.open_pinpad()
    assert kiosk.pinpad.problem_hint.isVisible()
    assert "techniques.yaml" not in kiosk.pinpad.problem_hint.text()  # details only after the PIN
    for digit in PIN:
        kiosk.pinpad.digit_buttons[digit].click()
    kiosk.pinpad.ok_button.click()
    assert "still shows the last good version" in kiosk.pinpad.problems_label.text()
    assert "YAML syntax" in kiosk.pinpad.problems_label.text()
    watcher.stop()


def test_putting_the_last_good_file_back_clears_what_staff_were_told(qtbot, kiosk, catalog_file):
    # The same bytes as the catalog shown: nothing to apply, so nothing said the problems had gone.
    watcher = kiosk.watch()
    good = catalog_file.read_text()
    with qtbot.waitSignal(watcher.rejected, timeout=2000):
        write_atomically(catalog_file, "schema_version: 1\ntechniques: [\n")
    kiosk.open_pinpad()
    assert kiosk.pinpad.problem_hint.isVisible()
    kiosk.pinpad.close_pad()
    with qtbot.waitSignal(watcher.restored, timeout=2000):
        write_atomically(catalog_file, good)
    kiosk.open_pinpad()
    assert not kiosk.pinpad.problem_hint.isVisible()
    watcher.stop()


def test_a_file_of_many_mistakes_is_told_and_logged_twenty_at_a_time(qtbot, kiosk, catalog_file, caplog):
    watcher = kiosk.watch()
    mistakes = "".join(f"  unknown_{i}: 1\n" for i in range(500))
    text = catalog_file.read_text().replace("benefits:\n", "benefits:\n" + mistakes, 1)
    with qtbot.waitSignal(watcher.rejected, timeout=2000) as signal:
        write_atomically(catalog_file, text)
    # What staff are told, kept from the reading thread: the rest is let go of there.
    told_errors = signal.args[0].errors
    assert len(told_errors) == 20
    more = told_errors[-1].message
    left = int(more.split()[2].replace(",", ""))
    assert more.startswith("… and ") and left >= 500 - 19
    # The count reaches staff and the log as it is (it was cut off there, and they were told
    # "… and 1 more not shown").
    refused = [r for r in caplog.records if "catalog update refused" in r.getMessage()]
    assert len(refused) == 20 and f"… and {left:,} more not shown" in refused[-1].getMessage()
    told = kiosk.pinpad.problems_label.text()
    assert told.count("\n") <= 21 and f"… and {left:,} more not shown" in told
    watcher.stop()


@pytest.mark.parametrize("errors", [0, 3, SHOWN_PROBLEMS, SHOWN_PROBLEMS + 1, 500])
def test_staff_are_told_every_error_or_the_first_and_how_many_more(errors):
    """What the reading thread keeps of a refused version, as the PIN pad and the log then list
    it: each error where there are SHOWN_PROBLEMS or fewer (the warnings are not told), else the
    first and a line counting the rest, the true count."""
    found = [Problem(Severity.ERROR, f"e{n}", n + 1, 1) for n in range(errors)]
    warnings = [Problem(Severity.WARNING, f"w{n}", n + 1, 1) for n in range(40)]
    lines = listed(_told(LoadResult(None, warnings + found)).errors, "c.yaml")
    if errors <= SHOWN_PROBLEMS:
        assert lines == [f"c.yaml:{n + 1}:1: error: e{n}" for n in range(errors)]
    else:
        assert len(lines) == SHOWN_PROBLEMS
        assert lines[:-1] == [f"c.yaml:{n + 1}:1: error: e{n}" for n in range(SHOWN_PROBLEMS - 1)]
        left = errors - SHOWN_PROBLEMS + 1
        assert (
            lines[-1]
            == f"c.yaml: error: … and {left:,} more not shown ({left:,} errors, 0 warnings); fix these first"
        )


def _refusal(qtbot, watcher) -> str:
    # (a folder or pipe may get the inode number of the file it replaced: then it waits as a
    # version written in place does)
    with qtbot.waitSignal(watcher.rejected, timeout=OTHER_WRITE_MS + 3000) as signal:
        watcher.check()
    return signal.args[0].errors[0].message


def test_an_edit_in_place_that_keeps_size_and_time_is_seen(qtbot, catalog_file):
    watcher = CatalogWatcher(
        catalog_file, load_catalog(catalog_file).catalog, poll_ms=60_000, use_events=False
    )
    before = os.stat(catalog_file)
    text = catalog_file.read_text(encoding="utf-8")
    same_size = text.replace("A short summary of gentle.", "A brief summary of gentle.")
    assert same_size != text and len(same_size) == len(text)
    with catalog_file.open("r+", encoding="utf-8") as file:  # in place: same inode
        file.write(same_size)
    os.utime(catalog_file, ns=(before.st_atime_ns, before.st_mtime_ns))  # time put back, as rsync -t does
    with qtbot.waitSignal(watcher.reloaded, timeout=OTHER_WRITE_MS + 3000) as signal:
        watcher.check()
    assert signal.args[0].techniques[0].summary.default == "A brief summary of gentle."
    watcher.stop()


def test_a_pipe_a_folder_or_no_file_at_the_catalog_path_is_told_to_staff_and_blocks_nothing(
    qtbot, catalog_file
):
    old = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, old, poll_ms=60_000, use_events=False)
    catalog_file.unlink()
    assert "the file is gone" in _refusal(qtbot, watcher)
    os.mkfifo(catalog_file)  # reading it would wait for a writer for ever
    assert "not a regular file" in _refusal(qtbot, watcher)
    catalog_file.unlink()
    catalog_file.mkdir()
    assert "cannot read the catalog file: Is a directory" in _refusal(qtbot, watcher)
    assert watcher.current is old and not watcher.busy
    watcher.stop()


def test_a_new_version_is_checked_while_the_window_goes_on(qtbot, catalog_file, monkeypatch):
    from massage_explorer.core import storage

    checking, release = threading.Event(), threading.Event()
    real_load = storage.load_catalog

    def slow_load(path, **kwargs):
        checking.set()
        release.wait(5)
        return real_load(path, **kwargs)

    monkeypatch.setattr(storage, "load_catalog", slow_load)
    watcher = CatalogWatcher(
        catalog_file, load_catalog(catalog_file).catalog, poll_ms=60_000, use_events=False
    )
    newer = f.catalog(f.technique("gentle"), f.technique("slowly-read"))
    catalog_file.write_text(dump_catalog(newer), encoding="utf-8")
    watcher.check()  # a first look; the second, a moment later, finds it unchanged and reads it
    # In a thread: check returned at once.
    qtbot.waitUntil(lambda: watcher.busy, timeout=OTHER_WRITE_MS + 3000)
    assert checking.wait(2)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2000)  # the event loop runs meanwhile
    with qtbot.waitSignal(watcher.reloaded, timeout=5000) as signal:
        release.set()
    assert signal.args[0] == newer and not watcher.busy
    timer.stop()
    watcher.stop()


def test_read_once_after_start_to_remember_then_a_save_reads_only_what_changed(qtbot, catalog_file):
    """The read soon after start-up reports nothing; the next save reuses every technique it did
    not change (the very objects shown), so a large catalog reloads in a fraction of the time."""
    shown = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, shown, poll_ms=60_000, prime_ms=10)
    reloaded, rejected = [], []
    watcher.reloaded.connect(reloaded.append)
    watcher.rejected.connect(rejected.append)
    qtbot.waitUntil(lambda: bool(watcher._memo) and not watcher.busy, timeout=3000)
    qtbot.wait(100)
    assert reloaded == [] and rejected == []  # that read is for remembering only
    newer = f.catalog(f.technique("gentle"), f.technique("firm-one", name=f.t("Firm, renamed")))
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as signal:
        write_atomically(catalog_file, dump_catalog(newer))
    assert signal.args[0] == newer
    gentle, renamed = signal.args[0].techniques
    assert gentle is shown.techniques[0]  # taken as remembered, not read again
    assert renamed is not shown.techniques[1]
    watcher.stop()


def _cut_before(text: str, technique_id: str) -> str:
    """The file as a copy in progress leaves it: whole lines up to a technique, valid YAML."""
    return text[: text.index(f"- id: {technique_id}")].rstrip(" ")


def test_a_file_still_being_written_is_not_shown_half_written(qtbot, catalog_file):
    old = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, old, poll_ms=60_000, use_events=False)
    newer = f.catalog(f.technique("gentle"), f.technique("firm-one"), f.technique("third"))
    whole = dump_catalog(newer)
    half = _cut_before(whole, "third")
    assert load_catalog_text(catalog_file.parent, half).catalog is not None  # it would load
    shown = []
    watcher.reloaded.connect(shown.append)
    catalog_file.write_text(half, encoding="utf-8")  # in place, as cp onto a share writes
    watcher.check()  # the first look finds it half written...
    qtbot.wait(50)
    catalog_file.write_text(whole, encoding="utf-8")  # ...and the rest lands before the second
    qtbot.waitUntil(lambda: bool(shown), timeout=OTHER_WRITE_MS + 3000)
    qtbot.wait(600)
    assert shown == [newer]
    watcher.stop()


def test_a_writer_that_pauses_mid_file_is_waited_for(qtbot, catalog_file):
    # A copy onto a share, or a slow editor, that stops half-way for longer than SETTLE_MS: two
    # looks that far apart agreed, and the kiosk showed the first two techniques of three.
    old = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, old, poll_ms=60_000, use_events=True)
    newer = f.catalog(f.technique("gentle"), f.technique("second"), f.technique("third"))
    whole = dump_catalog(newer)
    assert load_catalog_text(catalog_file.parent, _cut_before(whole, "third")).catalog != old
    shown = []
    watcher.reloaded.connect(shown.append)
    with catalog_file.open("r+", encoding="utf-8") as file:  # in place: the same inode
        file.truncate(0)
        file.write(_cut_before(whole, "third"))
        file.flush()
        qtbot.wait(4 * SETTLE_MS)  # the writer pauses
        assert shown == []
        file.write(whole[len(_cut_before(whole, "third")) :])
    qtbot.waitUntil(lambda: bool(shown), timeout=OTHER_WRITE_MS + 3000)
    qtbot.wait(300)
    assert shown == [newer]
    # A save by rename is still read after the short wait alone.
    newest = f.catalog(f.technique("gentle"))
    with qtbot.waitSignal(watcher.reloaded, timeout=OTHER_WRITE_MS - 500):
        write_atomically(catalog_file, dump_catalog(newest))
    watcher.stop()


@pytest.mark.parametrize(("use_events", "poll_ms"), [(True, 60_000), (False, 300)], ids=["events", "polled"])
def test_a_copy_that_deletes_the_file_and_writes_it_slowly_is_not_shown_half_written(
    qtbot, catalog_file, use_events, poll_ms
):
    # The new file has another inode, as a save by rename gives, and was read after the short
    # wait: with the copy paused after two techniques, the kiosk showed those two alone. The same
    # on a share that sends no change events, where only the poll sees it.
    old = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, old, poll_ms=poll_ms, use_events=use_events)
    whole = dump_catalog(f.catalog(f.technique("gentle"), f.technique("second"), f.technique("third")))
    half = _cut_before(whole, "third")
    assert load_catalog_text(catalog_file.parent, half).catalog not in (None, old)
    shown = []
    watcher.reloaded.connect(shown.append)
    kept = catalog_file.with_name("still-open.yaml")
    os.link(catalog_file, kept)  # the old file lives on (open elsewhere): the new one gets another inode
    catalog_file.unlink()
    with catalog_file.open("w", encoding="utf-8") as file:
        file.write(half)
        file.flush()
        qtbot.wait(4 * SETTLE_MS)  # the copy pauses
        assert shown == []
        file.write(whole[len(half) :])
    assert os.stat(catalog_file).st_ino != os.stat(kept).st_ino
    qtbot.waitUntil(lambda: bool(shown), timeout=OTHER_WRITE_MS + 3000)
    qtbot.wait(300)
    assert [[t.id for t in catalog.techniques] for catalog in shown] == [["gentle", "second", "third"]]
    watcher.stop()


def test_a_rename_by_another_tool_is_read_once_it_held_still(qtbot, catalog_file):
    watcher = CatalogWatcher(catalog_file, load_catalog(catalog_file).catalog, poll_ms=60_000)
    newer = f.catalog(f.technique("gentle"), f.technique("renamed-in"))
    with qtbot.waitSignal(watcher.reloaded, timeout=OTHER_WRITE_MS + 3000) as signal:
        rename_in(catalog_file, dump_catalog(newer))
    assert signal.args[0] == newer
    watcher.stop()


def test_a_look_too_soon_at_a_file_written_in_place_waits_out_the_rest(qtbot, catalog_file):
    # A share without change events, polled every 300 ms: the second poll finds the half-written
    # file unchanged, but it has not held still for OTHER_WRITE_MS yet.
    old = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, old, poll_ms=300, use_events=False)
    whole = dump_catalog(f.catalog(f.technique("gentle"), f.technique("second"), f.technique("third")))
    half = _cut_before(whole, "third")
    shown = []
    watcher.reloaded.connect(shown.append)
    with catalog_file.open("r+", encoding="utf-8") as file:
        file.truncate(0)
        file.write(half)
        file.flush()
        qtbot.wait(OTHER_WRITE_MS - 500)  # polled three or more times meanwhile
        assert shown == []
        file.write(whole[len(half) :])
    qtbot.waitUntil(lambda: bool(shown), timeout=OTHER_WRITE_MS + 3000)
    assert [t.id for t in shown[0].techniques] == ["gentle", "second", "third"]
    watcher.stop()


def test_a_file_that_appears_where_there_was_none_waits_as_one_written_in_place(qtbot, catalog_file):
    old = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, old, poll_ms=60_000, use_events=False)
    catalog_file.unlink()
    assert "the file is gone" in _refusal(qtbot, watcher)
    whole = dump_catalog(f.catalog(f.technique("gentle"), f.technique("second"), f.technique("third")))
    shown = []
    watcher.reloaded.connect(shown.append)
    with catalog_file.open("w", encoding="utf-8") as file:  # a copy onto the empty place, paused
        file.write(_cut_before(whole, "third"))
        file.flush()
        watcher.check()
        qtbot.wait(4 * SETTLE_MS)
        watcher.check()
        qtbot.wait(2 * SETTLE_MS)
        assert shown == []
        file.write(whole[len(_cut_before(whole, "third")) :])
    qtbot.waitUntil(lambda: bool(shown), timeout=OTHER_WRITE_MS + 3000)
    assert [t.id for t in shown[0].techniques] == ["gentle", "second", "third"]
    watcher.stop()


def test_a_version_changed_while_it_is_read_is_not_applied(qtbot, catalog_file, monkeypatch):
    from massage_explorer.core import storage

    release = threading.Event()
    real_load = storage.load_catalog

    def slow_load(path, **kwargs):
        result = real_load(path, **kwargs)  # read the file as it is now...
        release.wait(5)  # ...and finish only after it has changed
        return result

    monkeypatch.setattr(storage, "load_catalog", slow_load)
    watcher = CatalogWatcher(
        catalog_file, load_catalog(catalog_file).catalog, poll_ms=60_000, use_events=False
    )
    whole = dump_catalog(f.catalog(f.technique("gentle"), f.technique("firm-one"), f.technique("third")))
    catalog_file.write_text(_cut_before(whole, "third"), encoding="utf-8")
    shown = []
    watcher.reloaded.connect(shown.append)
    watcher.check()
    qtbot.waitUntil(lambda: watcher.busy, timeout=OTHER_WRITE_MS + 3000)
    catalog_file.write_text(whole, encoding="utf-8")
    release.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=2 * OTHER_WRITE_MS + 3000)
    qtbot.wait(300)
    assert [[t.id for t in c.techniques] for c in shown] == [["gentle", "firm-one", "third"]]
    watcher.stop()


def test_a_hostile_file_is_read_in_slices_and_patients_keep_the_last_good_catalog(
    qtbot, kiosk, catalog_file, monkeypatch
):
    # Thousands of unknown fields in a technique, then screens of comments: an outside check's
    # files of this kind, at 24 MB, stalled the window for 0.3 s while they were read, because
    # libyaml went through the text in one call holding Python's lock. The reading thread now
    # hands it the text a slice at a time; the file is refused and the session goes on as it was.
    monkeypatch.setattr(in_slices, "SLICE_CHARS", 4096)
    handed: list[tuple[str, int]] = []
    read = in_slices.TextReader.read

    def counted(self, size=-1, /):
        chunk = read(self, size)
        handed.append((threading.current_thread().name, len(chunk)))
        return chunk

    monkeypatch.setattr(in_slices.TextReader, "read", counted)
    watcher = kiosk.watch()
    kiosk.start_session()
    before = kiosk.catalog
    fields = "".join(f"    unknown_field_{i:05d}: 1\n" for i in range(3000))
    comments = ("# " + "x" * 77 + "\n") * 5000
    hostile = catalog_file.read_text().replace("    after_session:", fields + "    after_session:", 1)
    with qtbot.waitSignal(watcher.rejected, timeout=20_000) as signal:
        write_atomically(catalog_file, hostile + comments)
    assert {name for name, _ in handed} == {"catalog reload"}
    assert max(size for _, size in handed) <= 4096 and sum(size for _, size in handed) >= len(comments)
    errors = signal.args[0].errors
    assert errors[0].message.startswith("technique 'gentle': unknown field 'unknown_field_00000'")
    assert errors[-1].message.startswith(f"… and {3000 - 19:,} more not shown")
    assert kiosk.catalog is before and kiosk.session.browse.proxy.rowCount() == 2
    kiosk.open_pinpad()
    for digit in PIN:
        kiosk.pinpad.digit_buttons[digit].click()
    kiosk.pinpad.ok_button.click()
    told = kiosk.pinpad.problems_label.text()
    assert "still shows the last good version" in told and "unknown field 'unknown_field_00000'" in told
    watcher.stop()
