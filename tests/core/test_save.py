"""Saving is atomic and keeps the previous file as a backup."""

from __future__ import annotations

import os

import pytest

from massage_explorer.core import storage
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import load_catalog, save_catalog
from tests.core.helpers import TODAY, VALID, read, variant


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


def test_backup_falls_back_to_a_copy_without_hard_links(tmp_path, monkeypatch):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID)

    def no_links(*args):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(storage.os, "link", no_links)
    save_catalog(read(variant("Swedish massage", "Swedish")).catalog, path)
    assert (tmp_path / "techniques.yaml.bak").read_text() == VALID
