"""Reading the techniques a few at a time gives what reading the whole node tree gives: the same
catalog and the same problems, line for line, whatever the file's layout; and the whole tree is
never held when the file is laid out as the app writes it."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from massage_explorer.core import paths, storage
from massage_explorer.core.problems import LoadResult
from massage_explorer.core.schema import yaml_nodes
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import parse_catalog
from tests import factories as f
from tests.core.editing.test_incremental_check import random_edit
from tests.core.helpers import LOOKALIKE_ENTRIES, TODAY
from tests.core.test_technique_memo import _text_edit


def _read(text: str, base_dir: Path | None = None, today: dt.date = TODAY) -> LoadResult:
    return parse_catalog(text.encode(), base_dir=base_dir, today=today)


@pytest.fixture
def whole(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Reads a text with its whole node tree, as before parts were read."""

    def read(text: str, base_dir: Path | None = None, today: dt.date = TODAY) -> LoadResult:
        with monkeypatch.context() as m:
            m.setattr(storage, "compose_in_parts", lambda *args: None)
            return _read(text, base_dir, today)

    yield read


@pytest.fixture
def parts_used(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every batch of techniques composed in parts."""
    sizes: list[int] = []
    batches = yaml_nodes.TechniqueParts.batches

    def counted(self: yaml_nodes.TechniqueParts) -> Iterator[tuple[list[yaml.Node], str, int]]:
        for batch in batches(self):
            sizes.append(len(batch[0]))
            yield batch

    monkeypatch.setattr(yaml_nodes.TechniqueParts, "batches", counted)
    return sizes


def _base(count: int = 3) -> str:
    return dump_catalog(f.catalog(*(f.technique(f"t-{i}") for i in range(count))))


def _dedented(text: str) -> str:
    """The techniques' entries at the start of their lines ("- id:"), as many people write them."""
    head, _, entries = text.partition("techniques:\n")
    return head + "techniques:\n" + "\n".join(line[2:] for line in entries.split("\n"))


@pytest.mark.parametrize("seed", range(4))
def test_random_versions_read_in_parts_as_whole(
    tmp_path: Path, seed: int, whole, parts_used, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_nodes, "PART_SIZE", 2)  # many parts, so many boundaries between them
    (tmp_path / "there.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    rng = random.Random(seed)
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(7)))
    for _ in range(50):
        catalog = random_edit(rng, catalog)
        text = dump_catalog(catalog)
        if rng.random() < 0.3:
            text = _text_edit(rng, text)
        if rng.random() < 0.3:
            text = _dedented(text)
        in_parts = _read(text, tmp_path)
        assert in_parts.catalog == whole(text, tmp_path).catalog
        assert in_parts.problems == whole(text, tmp_path).problems
    assert parts_used and max(parts_used) <= 2


def _moved_conditions_last(text: str) -> str:
    start, end = text.index("conditions:"), text.index("techniques:")
    return text[:start] + text[end:] + "\n" + text[start:end]


_LAYOUTS = {
    # name: (the text made from a valid dump, whether it is read in parts)
    "as the app writes it": (lambda t: t, True),
    "entries at the start of their lines": (_dedented, True),
    "a byte-order mark, a document start and comments between entries": (
        lambda t: "\ufeff---\n" + t.replace("\n  - id: t-1", "\n# about t-1\n  # indented too\n  - id: t-1"),
        True,
    ),
    "Windows line breaks": (lambda t: t.replace("\n", "\r\n"), True),
    "an entry's '-' on a line of its own": (lambda t: t.replace("  - id: t-1\n", "  -\n    id: t-1\n"), True),
    "a comment after the key and after the last entry": (
        lambda t: t.replace("techniques:\n", "techniques:  # the list\n") + "# the end\n",
        True,
    ),
    "old Mac line breaks": (lambda t: t.replace("\n", "\r"), False),
    "one old Mac line break among Windows ones": (
        lambda t: t.replace("\n", "\r\n").replace("\r\n  - id: t-2", "\r  - id: t-2"),
        False,
    ),
    "a Unicode line separator in a text": (lambda t: t.replace("name: T 1", "name: T\u20281"), False),
    "a second 'techniques:' line, inside an entry": (
        lambda t: t.replace("    name: T 1\n", "    name: T 1\n    summary: >\n      x\ntechniques:\n"),
        False,
    ),
    "a vocabulary after the techniques": (_moved_conditions_last, True),
    "a vocabulary after entries at the start of their lines": (
        lambda t: _moved_conditions_last(_dedented(t)),
        True,
    ),
    "a vocabulary after the techniques, in Windows line breaks": (
        lambda t: _moved_conditions_last(t).replace("\n", "\r\n"),
        True,
    ),
    "a second document after the techniques": (lambda t: t + "---\nconditions: {}\n", False),
    "a list after the techniques": (lambda t: t + "- stray\n", False),
    "a document end after the techniques": (lambda t: t + "...\n", False),
    "a flow-style list": (lambda t: t.split("techniques:")[0] + "techniques: []\n", False),
    "a tab before an entry's field": (lambda t: t.replace("    name: T 1", "\tname: T 1"), False),
    "a tab inside a text, after its indentation": (
        lambda t: t.replace("      A second paragraph.", "      \tA second paragraph."),
        True,
    ),
    "a %YAML directive": (lambda t: "%YAML 1.1\n---\n" + t, False),
    "a second 'techniques' key in the head": (
        lambda t: t.replace("schema_version: 1\n", 'schema_version: 1\n"techniques": []\n'),
        False,
    ),
}


@pytest.mark.parametrize("name", list(_LAYOUTS))
def test_every_layout_reads_as_whole(name: str, whole, parts_used) -> None:
    make, expect_parts = _LAYOUTS[name]
    text = make(_base())
    found = yaml_nodes.compose_in_parts(text.lstrip("\ufeff"))
    assert (found is not None) == expect_parts
    read = _read(text)
    assert bool(parts_used) == expect_parts  # read in parts to the end, or whole from the start
    assert read.catalog == whole(text).catalog
    assert read.problems == whole(text).problems
    if expect_parts:
        assert read.ok and len(read.catalog.techniques) == 3  # type: ignore[union-attr]


@pytest.mark.parametrize("part_size", [1, 3])  # 3: the lookalike inside a part, not at its start
@pytest.mark.parametrize("name", list(LOOKALIKE_ENTRIES))
def test_text_that_only_looks_like_entries_reads_as_whole(
    name: str, part_size: int, whole, monkeypatch
) -> None:
    monkeypatch.setattr(yaml_nodes, "PART_SIZE", part_size)
    old, new = LOOKALIKE_ENTRIES[name]
    text = _base().replace(old, new, 1)
    assert text != _base()
    read = _read(text)
    assert read.catalog == whole(text).catalog
    assert read.problems == whole(text).problems
    if read.ok:
        claim = read.catalog.techniques[0].benefits[0]  # type: ignore[union-attr]
        assert claim.note is not None and claim.note.get("en") == "It may ease - pain"
    else:
        assert read.problems


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    label: Taking blood thinners\n", "    label: Taking blood thinners\n    colour: red\n"),
        ("    label: Taking blood thinners\n", "    label: [Taking blood thinners\n"),
        ("conditions:\n", "conditions:\n  disc:\n    label: Again\n"),
        ("conditions:\n", "techniques: []\nconditions:\n"),
        ("conditions:\n", "benefits: {}\nconditions:\n"),
    ],
    ids=["unknown field", "syntax error", "duplicate condition", "a second techniques key", "a field twice"],
)
def test_a_mistake_in_the_fields_after_the_techniques_is_reported_as_the_whole_read_does(
    whole, old: str, new: str
) -> None:
    text = _moved_conditions_last(_base())
    after = text.index("conditions:")  # where the fields after the list start
    text = text[:after] + text[after:].replace(old, new, 1)
    read = _read(text)
    assert not read.ok
    assert read.problems == whole(text).problems
    # Found in the fields after the list, at their lines in the file.
    assert all(p.line > text[:after].count("\n") for p in read.errors)


def test_a_tag_directive_cannot_make_an_entry_s_tag_pass(whole) -> None:
    """`%TAG !! ...` applies to its own document: were the entries read as documents of their own,
    `!!str` there would read as the standard tag and pass, where the file as a whole is refused."""
    text = "%TAG !! tag:example.org,2000:\n---\n" + _base().replace("id: t-1", "id: !!str t-1")
    read = _read(text)
    assert read.catalog is None and read.problems == whole(text).problems
    assert any("tag:example.org,2000:str" in p.message for p in read.problems)


def test_a_duplicate_id_in_a_later_part_quotes_the_right_line(whole, monkeypatch) -> None:
    monkeypatch.setattr(yaml_nodes, "PART_SIZE", 1)
    text = _base(4).replace("id: t-3", "id: t-0")
    read = _read(text)
    assert read.problems == whole(text).problems
    duplicate = next(p for p in read.problems if "duplicate id" in p.message)
    assert duplicate.line == text[: text.index("id: t-0", text.index("id: t-0") + 1)].count("\n") + 1
    assert f"line {text[: text.index('id: t-0')].count(chr(10)) + 1}" in duplicate.message


def test_the_bundled_catalog_is_read_a_few_techniques_at_a_time(parts_used, whole) -> None:
    path = paths.bundled_catalog_path()
    text = path.read_text(encoding="utf-8")
    read = _read(text, path.parent, dt.date.today())
    assert read.ok
    assert read == whole(text, path.parent, dt.date.today())
    assert parts_used and max(parts_used) <= yaml_nodes.PART_SIZE


def test_a_large_catalog_never_has_more_than_a_part_composed(parts_used, monkeypatch) -> None:
    composed: list[int] = []
    compose = yaml_nodes._compose_cached

    def counting(text: str, *args: object) -> yaml.Node | None:
        composed.append(text.count("\n  - id:") + text.startswith("  - id:"))
        return compose(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(yaml_nodes, "_compose_cached", counting)
    read = _read(_base(100))
    assert read.ok and len(read.catalog.techniques) == 100  # type: ignore[union-attr]
    assert sum(parts_used) == 100
    assert max(composed) <= yaml_nodes.PART_SIZE


def test_more_techniques_than_a_catalog_may_hold_are_reported_as_the_whole_read_does(
    whole, parts_used, monkeypatch: pytest.MonkeyPatch
) -> None:
    from massage_explorer.core.schema import limits

    monkeypatch.setitem(limits.ITEMS, "techniques", 2)
    text = _base(3)
    with monkeypatch.context() as m:  # none of them composed, nor the whole tree (~400 MB at 12,001)
        m.setattr(storage, "compose_checked", lambda *args: pytest.fail("the whole tree was composed"))
        read = _read(text)
    assert not parts_used
    assert read.catalog is None and read.problems == whole(text).problems
    assert any("3 techniques, over the limit of 2" in p.message for p in read.problems)
