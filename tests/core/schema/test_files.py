"""Problems that stop a file from being parsed at all: size, encoding; and image paths."""

from __future__ import annotations

import pytest
import yaml

from massage_explorer.core import storage
from massage_explorer.core.schema import limits
from massage_explorer.core.storage import load_catalog, parse_catalog
from tests.core.helpers import TODAY, VALID, line_of, only_error, variant


def test_non_utf8_byte_is_located():
    text = variant("feels_like: Smooth and slow.", "feels_like: Smooth and sl@w.")
    data = text.encode("utf-8").replace(b"@", b"\xe9")  # Latin-1 'é'
    error = only_error(parse_catalog(data, today=TODAY))
    assert "byte 0xE9 is not UTF-8 text; save the file with UTF-8" in error.message
    assert error.line == line_of(text, "feels_like")
    assert error.column == text.splitlines()[error.line - 1].index("@") + 1


def test_utf8_byte_order_mark_is_fine():
    result = parse_catalog(b"\xef\xbb\xbf" + VALID.encode(), today=TODAY)
    assert result.ok and result.problems == []


def test_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "huge.yaml"
    path.write_bytes(VALID.encode() + b"#" * limits.MAX_BYTES)

    def must_not_parse(*args, **kwargs):
        raise AssertionError("an oversized file must not reach the parser")

    for reader in ("refused", "compose_in_parts", "compose_checked"):
        monkeypatch.setattr(storage, reader, must_not_parse)
    monkeypatch.setattr(yaml, "parse", must_not_parse)
    error = only_error(load_catalog(path, today=TODAY))
    assert f"over the {limits.MAX_BYTES // 2**20} MB limit" in error.message


def test_control_character_is_located():
    text = variant("feels_like: Smooth and slow.", "feels_like: Smooth\x07 and slow.")
    error = only_error(parse_catalog(text.encode(), today=TODAY))
    assert "U+0007 is not allowed" in error.message
    assert error.line == line_of(text, "feels_like")


@pytest.mark.parametrize("image", ["../outside.png", "/etc/passwd.png", "C:/pics/a.png", "sub/../../x.png"])
def test_image_outside_the_catalog_folder(tmp_path, image):
    text = variant("    questions_to_ask:", f"    image: {image}\n    questions_to_ask:")
    (tmp_path / "catalog.yaml").write_text(text)
    error = only_error(load_catalog(tmp_path / "catalog.yaml", today=TODAY))
    assert "outside the catalog's folder" in error.message
    assert error.line == line_of(text, "image:")


def test_image_symlink_leading_outside(tmp_path):
    (tmp_path / "outside.png").write_bytes(b"png")
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "pic.png").symlink_to(tmp_path / "outside.png")
    (folder / "catalog.yaml").write_text(
        variant("    questions_to_ask:", "    image: pic.png\n    questions_to_ask:")
    )
    error = only_error(load_catalog(folder / "catalog.yaml", today=TODAY))
    assert "leads outside the catalog's folder" in error.message


def test_image_inside_the_folder_loads(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "swedish.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    (tmp_path / "catalog.yaml").write_text(
        variant("    questions_to_ask:", "    image: images/swedish.png\n    questions_to_ask:")
    )
    result = load_catalog(tmp_path / "catalog.yaml", today=TODAY)
    assert result.ok, result.problems
    assert result.catalog.technique("swedish").image == "images/swedish.png"


def test_missing_image_and_wrong_kind(tmp_path):
    text = variant("    questions_to_ask:", "    image: nope.png\n    questions_to_ask:")
    (tmp_path / "catalog.yaml").write_text(text)
    assert "no image file 'nope.png'" in only_error(load_catalog(tmp_path / "catalog.yaml")).message
    (tmp_path / "catalog.yaml").write_text(text.replace("nope.png", "script.exe"))
    assert "is not a PNG, JPEG or SVG image" in only_error(load_catalog(tmp_path / "catalog.yaml")).message


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("photo.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "is a HEIC photo (as phones save them)"),
        ("notes.png", b"Remember to add a picture here", "is not a PNG, JPEG or SVG picture inside"),
        ("pic.png", b"RIFF\x10\0\0\0WEBPVP8 ", "is a WebP picture"),
    ],
)
def test_a_picture_that_is_no_picture_is_warned_about(tmp_path, name, data, said):
    # The app would show no picture and say nothing: staff hear it from validate and the editor.
    (tmp_path / name).write_bytes(data)
    (tmp_path / "catalog.yaml").write_text(
        variant("    questions_to_ask:", f"    image: {name}\n    questions_to_ask:")
    )
    result = load_catalog(tmp_path / "catalog.yaml", today=TODAY)
    assert result.ok  # a warning: the catalog is shown, without that picture
    [warning] = [p for p in result.problems if "would show no picture" in p.message]
    assert not warning.is_error
    assert f"'{name}' {said}" in warning.message
    assert warning.message.endswith(
        "the screen would show no picture: save it again as a PNG or JPEG picture"
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("pic.jpg", b"\x89PNG\r\n\x1a\n" + b"\0" * 8),
        ("pic.png", b"\xff\xd8\xff\xe0"),
        ("pic.svg", b"\xef\xbb\xbf<svg/>"),
    ],
)
def test_a_picture_under_another_kinds_name_is_still_a_picture(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "catalog.yaml").write_text(
        variant("    questions_to_ask:", f"    image: {name}\n    questions_to_ask:")
    )
    problems = load_catalog(tmp_path / "catalog.yaml", today=TODAY).problems
    assert not [p for p in problems if "picture" in p.message and "image_alt" not in p.message]
