"""Reading a catalog file to edit it: the bytes, their stamp and what they hold belong together."""

from __future__ import annotations

import os

import pytest

from massage_explorer.core.editing import FileStamp, read_for_editing
from massage_explorer.core.schema.limits import MAX_BYTES
from massage_explorer.core.storage import parse_catalog
from tests.core.helpers import TODAY, VALID


def test_the_bytes_their_stamp_and_the_catalog_are_of_one_read(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID, encoding="utf-8")
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    opened = read_for_editing(path, TODAY)
    assert opened.path == path and opened.today == TODAY
    assert opened.data == path.read_bytes()
    assert opened.stamp == FileStamp.of(path) and not opened.stamp.changed(path)
    assert opened.result == parse_catalog(opened.data, base_dir=tmp_path, today=TODAY)
    assert opened.on_disk is not None
    assert opened.on_disk.data == opened.data and opened.on_disk.catalog == opened.result.catalog


def test_a_refused_file_is_told_not_raised_and_gives_nothing_to_splice_into(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text("techniques: [\n", encoding="utf-8")
    opened = read_for_editing(path, TODAY)
    assert opened.result.catalog is None and opened.result.errors
    assert opened.on_disk is None


def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 4096))
    opened = read_for_editing(path, TODAY)
    assert len(opened.data) == MAX_BYTES + 1
    assert opened.result.catalog is None and "over the 24 MB limit" in opened.result.errors[0].message


@pytest.mark.parametrize("make", ["folder", "missing"])
def test_what_is_no_file_raises_oserror(tmp_path, make):
    path = tmp_path / "techniques.yaml"
    if make == "folder":
        path.mkdir()
    with pytest.raises(OSError):
        read_for_editing(path, TODAY)
