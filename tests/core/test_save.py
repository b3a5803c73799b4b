"""Saving is atomic and keeps the previous file as a backup."""

from __future__ import annotations

import os

import pytest

from massage_explorer.core import storage
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import load_catalog, save_catalog
from tests.core.helpers import TODAY, VALID, read, umask, variant


def test_save_writes_the_catalog_and_backs_up_the_previous_file(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)
    changed = read(variant("Swedish massage", "Swedish")).catalog
    save_catalog(changed, path)
    assert load_catalog(path, today=TODAY).catalog == changed
    assert (tmp_path / "techniques.yaml.bak").read_text() == VALID
    # No temporary files are left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["techniques.yaml", "techniques.yaml.bak"]


def test_second_save_backs_up_the_first(tmp_path):
    path = tmp_path / "techniques.yaml"
    first = read(VALID).catalog
    second = read(variant("Swedish massage", "Swedish")).catalog
    save_catalog(first, path)
    assert not (tmp_path / "techniques.yaml.bak").exists()  # nothing to back up yet
    save_catalog(second, path)
    assert (tmp_path / "techniques.yaml.bak").read_text() == dump_catalog(first)


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)
    real_replace = os.replace

    def crash_on_final_rename(src, dst):
        if os.fspath(dst) == os.fspath(path):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", crash_on_final_rename)
    with pytest.raises(OSError):
        save_catalog(read(variant("Swedish massage", "Swedish")).catalog, path)
    assert path.read_text() == VALID
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_save_keeps_the_file_mode(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)
    path.chmod(0o640)
    save_catalog(read(VALID).catalog, path)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives_not_0600(tmp_path, mask, mode):
    # Save as… and Save a copy make new files; a kiosk running as another user must read them.
    path = tmp_path / "new.yaml"
    with umask(mask):
        storage.atomic_write(path, VALID.encode())
    assert path.stat().st_mode & 0o777 == mode


def test_a_read_only_file_is_never_replaced(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)
    path.chmod(0o444)  # in a folder that can be written: os.replace alone would not mind
    with pytest.raises(PermissionError, match="read-only file"):
        save_catalog(read(variant("Swedish massage", "Swedish")).catalog, path)
    assert path.read_text() == VALID and path.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["techniques.yaml"]  # no backup, no temporary


def test_a_file_its_user_may_not_write_is_never_replaced(tmp_path, monkeypatch):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)  # 0644, but another user's: that user may write it, we may not
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK and real_access(p, mode))
    with pytest.raises(PermissionError):
        save_catalog(read(variant("Swedish massage", "Swedish")).catalog, path)
    assert path.read_text() == VALID


def test_backup_falls_back_to_a_copy_without_hard_links(tmp_path, monkeypatch):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)

    def no_links(*args):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(storage.os, "link", no_links)
    save_catalog(read(variant("Swedish massage", "Swedish")).catalog, path)
    assert (tmp_path / "techniques.yaml.bak").read_text() == VALID


def test_stale_temporaries_of_an_interrupted_save_are_removed_and_nothing_else(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)
    ours = [".techniques.yaml.k3j_x9a2.tmp", ".techniques.yaml.abcdefgh.tmp", ".techniques.yaml.bak.tmp"]
    others = [
        "techniques.yaml.bak",
        "techniques.yaml.lock",
        ".techniques.yaml.lock.0123456789abcdef.tmp",  # the lock's, not a save's
        ".other.yaml.abcdefgh.tmp",  # another file's save
        ".techniques.yaml.abcdefgh.tmp.txt",
        ".techniques.yaml.ABCDEFGH.tmp",
        ".techniques.yaml.too-long-name.tmp",
        "techniques.yaml.abcdefgh.tmp",
        "notes.txt",
    ]
    for name in ours + others:
        (tmp_path / name).write_text("x")
    removed = storage.remove_stale_temporaries(path)
    assert sorted(p.name for p in removed) == sorted(ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["techniques.yaml", *others])
    assert path.read_text() == VALID
    assert storage.remove_stale_temporaries(path) == []


def test_the_temporary_file_a_save_makes_is_one_clean_up_recognises(tmp_path):
    # Ties the clean-up's name pattern to what atomic_write really makes (mkstemp's names).
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)
    seen: list[str] = []

    def look() -> None:
        seen.extend(p.name for p in tmp_path.iterdir() if p.name != "techniques.yaml")

    storage.atomic_write(path, b"new", before_replace=look)
    assert len(seen) == 1 and storage.is_temporary_of(path, seen[0])
    assert storage.is_temporary_of(path, ".techniques.yaml.bak.tmp")
    assert path.read_bytes() == b"new"


def test_a_check_before_the_rename_can_cancel_the_save(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)

    def refuse() -> None:
        raise RuntimeError("changed on disk")

    with pytest.raises(RuntimeError):
        storage.atomic_write(path, b"new", before_replace=refuse)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["techniques.yaml"]  # no backup, no temporary
    assert path.read_text() == VALID
