"""The editor never saves over a file that changed after it was opened, and keeps a backup."""

from __future__ import annotations

import dataclasses
import hashlib
import os

import pytest

from massage_explorer.core.editing import (
    ChangedOnDisk,
    EditError,
    FileStamp,
    LockFile,
    LockLost,
    LockOwner,
    add_technique,
    lock_path,
    save_checked,
    save_copy_path,
)
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import load_catalog
from tests.core.helpers import TODAY, VALID, read


@pytest.fixture
def path(tmp_path):
    file = tmp_path / "techniques.yaml"
    file.write_text(VALID)
    return file


def test_a_stamp_records_time_size_and_hash(path):
    stamp = FileStamp.of(path)
    data = VALID.encode()
    assert stamp == FileStamp(path.stat().st_mtime_ns, len(data), hashlib.sha256(data).hexdigest())
    assert not stamp.changed(path)


def test_other_bytes_are_a_change(path):
    stamp = FileStamp.of(path)
    path.write_text(VALID + "# a hand edit\n")
    assert stamp.changed(path)


def test_same_size_and_time_but_other_bytes_is_a_change(path):
    stamp = FileStamp.of(path)
    path.write_text(VALID.replace("Swedish massage", "Swedish MASSAGE"))
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns))  # a coarse clock may not see the edit
    assert FileStamp.of(path).size == stamp.size and path.stat().st_mtime_ns == stamp.mtime_ns
    assert stamp.changed(path)


def test_the_same_bytes_written_again_are_not_a_change(path):
    stamp = FileStamp.of(path)
    path.write_text(VALID)
    os.utime(path, ns=(stamp.mtime_ns + 10**9, stamp.mtime_ns + 10**9))
    assert not stamp.changed(path)


def test_a_missing_file_is_a_change(path):
    stamp = FileStamp.of(path)
    path.unlink()
    assert stamp.changed(path)


def test_save_checked_saves_and_keeps_the_previous_version(path):
    opened = FileStamp.of(path)
    catalog, _ = add_technique(read(VALID).catalog)
    stamp = save_checked(catalog, path, opened)
    assert stamp == FileStamp.of(path) and not stamp.changed(path)
    assert load_catalog(path, today=TODAY).catalog == catalog
    assert path.with_name("techniques.yaml.bak").read_text() == VALID
    # The new stamp allows the next save, which backs up the first one.
    save_checked(read(VALID).catalog, path, stamp)
    assert path.with_name("techniques.yaml.bak").read_text() == dump_catalog(catalog)


def test_save_checked_refuses_a_file_changed_on_disk(path):
    opened = FileStamp.of(path)
    theirs = VALID.replace("Swedish massage", "Swedish (their edit)")
    path.write_text(theirs)
    with pytest.raises(ChangedOnDisk) as raised:
        save_checked(read(VALID).catalog, path, opened)
    assert raised.value.path == path
    assert "techniques.yaml was changed or removed on disk after you opened it" in str(raised.value)
    assert isinstance(raised.value, EditError)
    assert path.read_text() == theirs  # their edit is still there
    assert not path.with_name("techniques.yaml.bak").exists()


def test_save_checked_refuses_a_file_deleted_since_it_was_opened(path):
    opened = FileStamp.of(path)
    path.unlink()
    with pytest.raises(ChangedOnDisk):
        save_checked(read(VALID).catalog, path, opened)
    assert not path.exists()


def test_a_new_catalog_saves_only_to_a_free_path(tmp_path, path):
    fresh = tmp_path / "new.yaml"
    catalog = read(VALID).catalog
    stamp = save_checked(catalog, fresh, None)
    assert not stamp.changed(fresh) and not fresh.with_name("new.yaml.bak").exists()
    with pytest.raises(ChangedOnDisk):
        save_checked(catalog, path, None)  # someone else's file is there
    # Replacing a file on purpose (Save As after the dialog asked) passes a stamp taken just now.
    save_checked(catalog, path, FileStamp.of(path))


def test_save_copy_path_finds_a_free_name(path):
    first = save_copy_path(path)
    assert first == path.with_name("techniques (copy).yaml")
    first.write_text("x")
    second = save_copy_path(path)
    assert second == path.with_name("techniques (copy 2).yaml")
    second.write_text("x")
    assert save_copy_path(path).name == "techniques (copy 3).yaml"


THEIRS = VALID.replace("Swedish massage", "Swedish (their hand edit)")


def assert_their_edit_survived(path, backup_before: str) -> None:
    assert path.read_text() == THEIRS
    assert path.with_name("techniques.yaml.bak").read_text() == backup_before  # not touched
    assert sorted(p.name for p in path.parent.iterdir()) == ["techniques.yaml", "techniques.yaml.bak"]


def test_a_hand_edit_made_while_the_catalog_is_dumped_is_not_overwritten(path, monkeypatch):
    from massage_explorer.core.editing import safe_save
    from massage_explorer.core.schema import dump

    path.with_name("techniques.yaml.bak").write_text("an older version\n")
    opened = FileStamp.of(path)
    real_dump = dump.dump_catalog

    def dump_while_they_edit(catalog):
        text = real_dump(catalog)  # the dump takes tens of milliseconds: the edit lands meanwhile
        path.write_text(THEIRS)
        return text

    monkeypatch.setattr(dump, "dump_catalog", dump_while_they_edit)
    monkeypatch.setattr(safe_save, "dump_catalog", dump_while_they_edit, raising=False)
    catalog, _ = add_technique(read(VALID).catalog)
    with pytest.raises(ChangedOnDisk):
        save_checked(catalog, path, opened)
    assert_their_edit_survived(path, "an older version\n")


def test_a_hand_edit_made_just_before_the_rename_is_not_overwritten(path, monkeypatch):
    # The last moment before the rename: our data is written and flushed to the temporary file.
    from massage_explorer.core import storage

    path.with_name("techniques.yaml.bak").write_text("an older version\n")
    opened = FileStamp.of(path)
    real_fsync = storage.os.fsync
    edits: list[str] = []

    def flush_while_they_edit(fd: int) -> None:
        real_fsync(fd)
        if not edits:
            edits.append(THEIRS)
            path.write_text(THEIRS)

    monkeypatch.setattr(storage.os, "fsync", flush_while_they_edit)
    catalog, _ = add_technique(read(VALID).catalog)
    with pytest.raises(ChangedOnDisk):
        save_checked(catalog, path, opened)
    assert_their_edit_survived(path, "an older version\n")


def test_a_hand_edit_made_just_after_the_rename_is_seen_at_the_next_save(path, monkeypatch):
    # The returned stamp is of the bytes we wrote, not of a read after the rename: otherwise an
    # edit landing in between would pass for ours and be overwritten by the next save.
    from massage_explorer.core import storage

    real_fsync_folder = storage._fsync_folder

    def renamed_then_they_edit(folder):
        real_fsync_folder(folder)
        path.write_text(THEIRS)

    monkeypatch.setattr(storage, "_fsync_folder", renamed_then_they_edit)
    catalog, _ = add_technique(read(VALID).catalog)
    stamp = save_checked(catalog, path, FileStamp.of(path))
    monkeypatch.undo()
    assert stamp.sha256 == hashlib.sha256(dump_catalog(catalog).encode("utf-8")).hexdigest()
    assert stamp.changed(path)
    with pytest.raises(ChangedOnDisk):
        save_checked(catalog, path, stamp)
    assert path.read_text() == THEIRS


def test_a_save_after_another_editor_took_the_lock_over_is_refused(path, monkeypatch):
    from massage_explorer.core import storage

    lock = LockFile(path)
    assert lock.acquire()
    opened = FileStamp.of(path)
    real_fsync = storage.os.fsync
    theirs = dataclasses.replace(LockOwner.me(), host="FRONT-DESK", token="theirs")

    def taken_over_while_we_write(fd: int) -> None:
        # Staff at FRONT-DESK said this computer was off and took the lock; the file is as opened.
        real_fsync(fd)
        lock_path(path).write_bytes(theirs.to_bytes())

    monkeypatch.setattr(storage.os, "fsync", taken_over_while_we_write)
    catalog, _ = add_technique(read(VALID).catalog)
    with pytest.raises(LockLost) as refused:
        save_checked(catalog, path, opened, lock=lock)
    assert isinstance(refused.value, ChangedOnDisk)  # the same way out: save the edits as a copy
    assert str(refused.value).startswith("Someone else took over editing techniques.yaml after you opened it")
    assert path.read_text() == VALID and not lock.held
    assert sorted(p.name for p in path.parent.iterdir()) == ["techniques.yaml", "techniques.yaml.lock"]
    lock.release()
    assert lock_path(path).exists()  # theirs: left alone


def test_a_save_while_the_lock_is_still_ours_goes_through(path):
    lock = LockFile(path)
    assert lock.acquire()
    catalog, _ = add_technique(read(VALID).catalog)
    save_checked(catalog, path, FileStamp.of(path), lock=lock)
    assert load_catalog(path, today=TODAY).catalog == catalog and lock.held
    lock.release()
