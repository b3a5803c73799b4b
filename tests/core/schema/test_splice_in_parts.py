"""A save of a large catalog composes only the techniques it changes (and their neighbours), and
splices its edits exactly where a save that composed the whole file would."""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterator

import pytest
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from massage_explorer.core.catalog import Catalog, Technique, Text
from massage_explorer.core.schema import lazy_nodes, yaml_nodes
from massage_explorer.core.schema import splice as splicing
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.schema.splice import splice
from massage_explorer.core.storage import parse_catalog
from tests import factories as f
from tests.core.editing.test_incremental_check import random_edit, with_technique
from tests.core.helpers import LOOKALIKE_ENTRIES, count_parts_composed
from tests.core.schema.test_in_parts import _LAYOUTS, _moved_conditions_last


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_nodes, "PART_SIZE", 3)  # many parts, so many edges between them


@pytest.fixture
def parts_composed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    return count_parts_composed(monkeypatch)


def _spliced_whole(text: str, before: Catalog, after: Catalog, monkeypatch: pytest.MonkeyPatch) -> str:
    """The splice as it was made before: the whole file's node tree composed."""
    with monkeypatch.context() as m:
        m.setattr(splicing, "compose_lazily", lambda text: None)
        return splice(text, before, after)


def _one_renamed(text: str, index: int, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Catalog]:
    """The text, as read, saved with technique `index` renamed; checked to be what the splice
    that composes the whole tree gives. Returns it and the catalog saved."""
    read = parse_catalog(text.encode()).catalog
    assert read is not None
    after = with_technique(read, index, _renamed(read.techniques[index]))
    spliced = splice(text, read, after)
    assert spliced == _spliced_whole(text, read, after, monkeypatch)
    return spliced, after


def _commented(text: str) -> str:
    """A comment line above every fourth technique and after every summary: people's files have them."""
    text = re.sub(r"(?m)^  - id: (t-\d*[048])$", r"  # \1 was checked by hand.\n  - id: \1", text)
    return text.replace("\n    summary: ", "\n    # Keep it short.\n    summary: ")


def _catalog(count: int) -> Catalog:
    return f.catalog(*(f.technique(f"t-{i}") for i in range(count)))


def _renamed(technique: Technique) -> Technique:
    return dataclasses.replace(technique, name=Text.plain(f"{technique.name.default}, renamed"))


def _nodes(root: Node) -> Iterator[Node]:
    nodes = [root]
    while nodes:
        node = nodes.pop()
        yield node
        if isinstance(node, MappingNode):
            nodes += [n for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, SequenceNode):
            nodes += reversed(list(node.value))


def _described(node: Node) -> tuple[object, ...]:
    marks = [(m.index, m.line, m.column) for m in (node.start_mark, node.end_mark)]
    return type(node).__name__, node.tag, node.value if isinstance(node, ScalarNode) else None, *marks


@pytest.mark.parametrize("layout", [name for name, (_, in_parts) in _LAYOUTS.items() if in_parts])
def test_every_node_composed_in_parts_is_where_the_whole_tree_has_it(layout: str) -> None:
    make, _ = _LAYOUTS[layout]
    text = make(_commented(dump_catalog(_catalog(10)))).lstrip("\ufeff")
    whole, _ = yaml_nodes.compose(text)
    found = lazy_nodes.compose_lazily(text)
    assert whole is not None and found is not None
    lazy, entries = found
    assert len(entries) == 10
    described = [_described(node) for node in _nodes(lazy)]
    assert described == [_described(node) for node in _nodes(whole)]


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_are_spliced_as_when_the_whole_file_was_composed(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    catalog = _catalog(11)
    text = _commented(dump_catalog(catalog))
    if seed == 2:
        text = _moved_conditions_last(text)
    for _ in range(40):
        after = random_edit(rng, catalog)
        if parse_catalog(dump_catalog(after).encode()).catalog is None:
            continue  # an edit the editor would not let be saved (a duplicate id)
        assert lazy_nodes.compose_lazily(text) is not None  # laid out to be read in parts
        spliced = splice(text, catalog, after)
        assert spliced == _spliced_whole(text, catalog, after, monkeypatch)
        assert parse_catalog(spliced.encode()).catalog == after
        text, catalog = spliced, after
    assert text.count("was checked by hand.") >= 2  # comments kept all along


@pytest.mark.parametrize(
    ("edited", "parts"),
    [(13, {4}), (12, {4, 3}), (14, {4, 5}), (29, {9})],
    ids=["inside a part", "first of a part", "last of a part", "the last"],
)
def test_an_edit_composes_only_its_techniques_part_and_a_neighbours(
    edited: int, parts: set[int], parts_composed: list[int]
) -> None:
    # An edited technique is written like itself and its neighbours: their parts are composed.
    catalog = _catalog(30)
    after = with_technique(catalog, edited, _renamed(catalog.techniques[edited]))
    text = splice(dump_catalog(catalog), catalog, after)
    composed = set(parts_composed)
    assert parse_catalog(text.encode()).catalog == after
    assert composed == parts | {0}  # (the first entry tells the list's indentation)


def test_a_technique_added_composes_each_part_once(parts_composed: list[int]) -> None:
    # Placing a new technique among the others needs every entry's span, one part after another.
    catalog = _catalog(30)
    techniques = list(catalog.techniques)
    techniques.insert(16, f.technique("new-one"))
    after = f.catalog(*techniques)
    text = splice(dump_catalog(catalog), catalog, after)
    composed = list(parts_composed)
    assert parse_catalog(text.encode()).catalog == after
    assert sorted(set(composed)) == list(range(10))
    assert len(composed) <= 10 + 4  # the first, the last and the new one's neighbours again


def test_a_part_that_does_not_compose_as_its_lines_promised_is_spliced_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A quoted note carried on to a line that starts like an entry: the line scan takes it for
    # one, the part before it does not compose, and the splice starts again with the whole tree.
    old, new = LOOKALIKE_ENTRIES["a quoted note carried on to a line that starts like an entry"]
    text = dump_catalog(_catalog(10))
    changed = text.replace(old, new, 1)
    assert changed != text
    spliced, after = _one_renamed(changed, 7, monkeypatch)
    assert parse_catalog(spliced.encode()).catalog == after


def test_a_line_like_an_entry_in_a_part_an_edit_does_not_compose_is_spliced_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The quoted note is in technique 7's part, the edit in technique 1's: only the count of
    # entries shows the line the scan took for one. Unseen, the list was written out anew.
    old, new = LOOKALIKE_ENTRIES["a quoted note carried on to a line that starts like an entry"]
    text = _commented(dump_catalog(_catalog(10)))
    at = text.index(old, text.index("  - id: t-7"))
    changed = text[:at] + new + text[at + len(old) :]
    spliced, after = _one_renamed(changed, 1, monkeypatch)
    assert len(after.techniques) == 10
    assert spliced.count("was checked by hand.") == changed.count("was checked by hand.")


def test_a_line_like_a_field_in_the_last_entry_s_quoted_text_is_spliced_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The last question carried on to a line that starts like a field: the scan takes it for
    # the first field after the list, a second "benefits", and only the last part shows it is not.
    last = "      - Have you treated backs like mine?\n"
    text = dump_catalog(_catalog(10))
    changed = text.removesuffix(last) + '      - "Have you treated\nbenefits: backs like mine?"\n'
    spliced, after = _one_renamed(changed, 1, monkeypatch)
    assert parse_catalog(spliced.encode()).catalog == after


def test_a_literal_text_last_in_an_entry_ends_where_the_whole_tree_has_it() -> None:
    # A "|" text ends at the start of the next entry's line, where a part's text ends too; only
    # the lists and mappings the part's end closes end at the next entry's "-".
    questions = "    questions_to_ask:\n      - Have you treated backs like mine?\n"
    sleepy = "    after_session: You may feel sleepy.\n"
    literal = "    after_session: |\n      You may feel sleepy.\n"
    text = dump_catalog(_catalog(7)).replace(questions, "").replace(sleepy, literal)
    whole, _ = yaml_nodes.compose(text)
    found = lazy_nodes.compose_lazily(text)
    assert whole is not None and found is not None
    assert [_described(node) for node in _nodes(found[0])] == [_described(node) for node in _nodes(whole)]
