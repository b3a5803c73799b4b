"""Reading a new version of a catalog with the memo of the last gives what reading it fresh gives:
the same catalog and the same problems, line for line."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from massage_explorer.core.problems import LoadResult
from massage_explorer.core.schema import yaml_nodes, yaml_safety
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.schema.validator import TechniqueMemo
from massage_explorer.core.storage import parse_catalog
from tests import factories as f
from tests.core.editing.test_incremental_check import random_edit
from tests.core.helpers import LOOKALIKE_ENTRIES, TODAY, count_parts_composed


def _text_edit(rng: random.Random, text: str) -> str:
    """What a person may do to the file by hand: lines added at the top (everything moves), a
    technique re-indented, a comment inside one."""
    roll = rng.random()
    if roll < 0.4:
        return "# " + "note\n# " * rng.randrange(1, 4) + "\n" + text
    if roll < 0.6:
        return text.replace("\n  - id:", "\n  -   id:", 1)  # the same technique, another column
    if roll < 0.7:
        return text.replace("\n  - id:", "\n  -\n    id:", 1)  # the same, a line below its "-"
    lines = text.split("\n")
    where = rng.randrange(1, len(lines))
    if lines[where].startswith("    "):
        lines.insert(where, "    # checked by the clinic")
    return "\n".join(lines)


def _read(text: str, base_dir: Path, memo: TechniqueMemo | None = None) -> LoadResult:
    return parse_catalog(text.encode(), base_dir=base_dir, today=TODAY, memo=memo)


@pytest.fixture(params=[20, 2], ids=["parts of 20", "parts of 2"])
def part_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Techniques read a few at a time: with 2, most versions leave some parts unchanged, which
    are then taken from the memo without composing them."""
    monkeypatch.setattr(yaml_nodes, "PART_SIZE", request.param)
    return int(request.param)


@pytest.mark.parametrize("seed", range(4))
def test_each_version_read_with_the_memo_reads_as_it_does_fresh(
    tmp_path: Path, seed: int, part_size: int
) -> None:
    (tmp_path / "there.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    rng = random.Random(seed)
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(6)))
    memo = TechniqueMemo()
    for _ in range(50):
        catalog = random_edit(rng, catalog)
        text = dump_catalog(catalog)
        if rng.random() < 0.3:
            text = _text_edit(rng, text)
        fresh, remembered = _read(text, tmp_path), _read(text, tmp_path, memo)
        assert remembered.catalog == fresh.catalog
        assert remembered.problems == fresh.problems


def test_an_unchanged_technique_is_not_read_again_and_its_warnings_move_with_it(tmp_path: Path) -> None:
    stale = replace(f.technique("b").benefits[0], reviewed=TODAY.replace(year=TODAY.year - 9))
    catalog = f.catalog(f.technique("a"), replace(f.technique("b"), benefits=(stale,)))
    memo = TechniqueMemo()
    first = _read(dump_catalog(catalog), tmp_path, memo)
    assert any("over 5 years ago" in p.text for p in first.problems)
    moved = "# a heading\n# and a second line\n" + dump_catalog(catalog)
    again = _read(moved, tmp_path, memo)
    assert again.catalog is not None and first.catalog is not None
    # The same objects: taken from the memo, not read again.
    assert all(a is b for a, b in zip(again.catalog.techniques, first.catalog.techniques, strict=True))
    assert [p.line for p in again.problems] == [p.line + 2 for p in first.problems]
    assert again.problems == _read(moved, tmp_path).problems


def test_a_picture_is_looked_for_every_time(tmp_path: Path) -> None:
    from massage_explorer.core.catalog import Text

    catalog = f.catalog(f.technique("a", image="hand.png", image_alt=Text.plain("A hand.")))
    memo = TechniqueMemo()
    text = dump_catalog(catalog)
    assert _read(text, tmp_path, memo).catalog is None  # no picture there yet
    (tmp_path / "hand.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert _read(text, tmp_path, memo).catalog is not None
    (tmp_path / "hand.png").unlink()  # gone again: the same text, read with the memo, is refused
    assert _read(text, tmp_path, memo).catalog is None


def test_techniques_equal_to_those_shown_are_the_shown_objects(tmp_path: Path) -> None:
    """The watcher's first read: nothing remembered yet, but the catalog on screen is at hand; a
    second copy of every technique is not made (at 5,000 techniques, about 30 MB)."""
    shown = _read(dump_catalog(f.catalog(f.technique("a"), f.technique("b"))), tmp_path).catalog
    assert shown is not None
    changed = f.catalog(f.technique("a"), replace(f.technique("b"), name=f.technique("c").name))
    memo = TechniqueMemo()
    memo.share(shown)
    read = _read(dump_catalog(changed), tmp_path, memo)
    assert read == _read(dump_catalog(changed), tmp_path)
    assert read.catalog is not None
    assert read.catalog.techniques[0] is shown.techniques[0]
    assert read.catalog.techniques[1] is not shown.techniques[1]
    again = _read(dump_catalog(changed), tmp_path, memo)  # remembered: the same objects again
    assert again.catalog is not None and again.catalog.techniques[0] is shown.techniques[0]


def test_texts_that_share_a_hash_are_told_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_size: int
) -> None:
    """The memo files each text under its hash and takes nothing before comparing the whole text:
    with every text under one hash, each version still reads as it does fresh."""
    from massage_explorer.core.schema import validator

    monkeypatch.setattr(validator, "hash", lambda value: 0, raising=False)
    rng = random.Random(7)
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(4)))
    memo = TechniqueMemo()
    for _ in range(20):
        catalog = random_edit(rng, catalog)
        text = dump_catalog(catalog)
        fresh, remembered = _read(text, tmp_path), _read(text, tmp_path, memo)
        assert remembered == fresh


def test_a_version_with_one_change_composes_only_the_part_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A staff save of one edit, read by a kiosk: the other parts' techniques come from the memo
    as their text is, without composing them (at 5,000 techniques, two thirds of a reload)."""
    monkeypatch.setattr(yaml_nodes, "PART_SIZE", 3)
    composed = count_parts_composed(monkeypatch)
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(12)))
    memo = TechniqueMemo()
    _read(dump_catalog(catalog), tmp_path, memo)
    assert composed == [0, 1, 2, 3]
    composed.clear()
    techniques = list(catalog.techniques)
    techniques[7] = replace(techniques[7], name=f.technique("renamed").name)
    changed = dump_catalog(f.catalog(*techniques))
    # Lines added at the top move every technique: they are still known by their text.
    changed = "# Saved by the front desk.\n" + changed
    read = _read(changed, tmp_path, memo)
    assert composed == [2]  # t-6, t-7 and t-8
    assert read == _read(changed, tmp_path)


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("name", list(LOOKALIKE_ENTRIES))
def test_text_that_only_looks_like_entries_reads_with_the_memo_as_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, size: int
) -> None:
    # The parts the memo knows every technique of are not composed: a change elsewhere that
    # makes a line look like an entry's start must still be found, and the file read whole.
    monkeypatch.setattr(yaml_nodes, "PART_SIZE", size)
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(5)))
    text = dump_catalog(catalog)
    memo = TechniqueMemo()
    _read(text, tmp_path, memo)
    old, new = LOOKALIKE_ENTRIES[name]
    broken = text.replace(old, new, 1)
    assert broken != text
    assert _read(broken, tmp_path, memo) == _read(broken, tmp_path)


def test_a_part_that_might_hold_too_many_values_is_composed_whatever_the_memo_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found in review: two techniques that each fill much of a part, in parts of their own, meet
    # in one when a technique is added above them. Composed, that part might hold too many values
    # (the file is then read whole, and refused there); taken from the memo uncomposed, it was
    # accepted. Commas in comments count toward the cheap bound, not toward the values.
    monkeypatch.setattr(yaml_nodes, "PART_SIZE", 2)
    monkeypatch.setattr(yaml_safety, "MAX_NODES", 200)
    padding = "    # " + "," * 30 + "\n"
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(3)))
    text = dump_catalog(catalog)
    for name in ("T 1", "T 2"):
        text = text.replace(f"    name: {name}\n", f"    name: {name}\n{padding}")
    added = "  - id: new\n" + dump_catalog(f.catalog(f.technique("new"))).split("  - id: new\n")[1]
    again = text.replace("  - id: t-0\n", added + "  - id: t-0\n", 1)
    assert _read(text, tmp_path).catalog is not None  # parts (t-0, t-1) and (t-2) pass the bound
    assert _read(again, tmp_path).catalog is None  # (new, t-0) and (t-1, t-2): read whole, refused
    memo = TechniqueMemo()
    _read(text, tmp_path, memo)
    assert _read(again, tmp_path, memo) == _read(again, tmp_path)
