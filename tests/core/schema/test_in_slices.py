"""A thread reading a catalog hands Python's lock back often, so a window beside it goes on:
libyaml reads the text a slice at a time through Python, every long pass over the text goes a
slice at a time, and a large node tree is let go of a piece at a time. Whatever the slices, the
verdict is the one the whole text gets."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from massage_explorer.core import storage
from massage_explorer.core.problems import Problem
from massage_explorer.core.schema import in_slices, yaml_nodes, yaml_safety
from massage_explorer.core.schema.in_slices import TextReader, count, line_matches, utf8_text
from massage_explorer.core.storage import parse_catalog
from tests.core.helpers import TODAY, VALID

COMMENT = "# " + "x" * 77 + "\n"
TECHNIQUE_FIELD = "    after_session: You may feel sleepy.\n"


def commented(lines: int) -> str:
    """A valid catalog followed by lines of comments (libyaml skips them without an event)."""
    return VALID + COMMENT * lines


def mistaken(fields: int) -> str:
    """The catalog with that many unknown fields in its technique: as many problems."""
    unknown = "".join(f"    unknown_field_of_the_technique_{i:06d}: 1\n" for i in range(fields))
    assert TECHNIQUE_FIELD in VALID
    return VALID.replace(TECHNIQUE_FIELD, unknown + TECHNIQUE_FIELD, 1)


def one_character_values(values: int) -> str:
    return "- a\n" * values


def verdict(text: str | bytes) -> tuple[bool, list[Problem], tuple[int, int]]:
    """Whether the text is a catalog, the problems kept and the errors and warnings not kept."""
    data = text.encode() if isinstance(text, str) else text
    result = parse_catalog(data, today=TODAY, loader=yaml.CSafeLoader)
    return result.ok, result.problems, result.left_out


def whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pass over the whole text in one call, and libyaml given the text itself: as a
    catalog was read before it was read in slices."""
    monkeypatch.setattr(in_slices, "SLICE_CHARS", 10**9)
    monkeypatch.setattr(in_slices, "parser_input", lambda text, loader: text)
    monkeypatch.setattr(yaml_safety, "parser_input", lambda text, loader: text)
    monkeypatch.setattr(yaml_nodes, "parser_input", lambda text, loader: text)


def test_libyaml_reads_a_catalog_through_python_a_bounded_slice_at_a_time(monkeypatch):
    # Each call of read() is Python, where the lock can pass to the window; between two, libyaml
    # goes through at most one slice. Given the text whole, it skipped 24 MB of comments in one
    # call into C, and the kiosk's window stood still for 0.3 s.
    monkeypatch.setattr(in_slices, "SLICE_CHARS", 4096)
    handed: list[int] = []
    read = TextReader.read

    def counted(self: TextReader, size: int = -1, /) -> str:
        chunk = read(self, size)
        handed.append(len(chunk))
        return chunk

    monkeypatch.setattr(TextReader, "read", counted)
    text = commented(5000)
    assert verdict(text) == (True, [], (0, 0))
    assert handed and max(handed) <= 4096
    comments = len(COMMENT) * 5000
    assert sum(handed) >= comments and len(handed) >= comments // 4096


def test_the_reader_hands_out_the_text_in_order_and_then_nothing():
    reader = TextReader("abcdefghij")
    assert [reader.read(4), reader.read(4), reader.read(4), reader.read(4)] == ["abcd", "efgh", "ij", ""]
    assert TextReader("é" * 3).read(-1) == "é" * 3


HOSTILE = {
    "comments": commented(3000),
    "mistakes": mistaken(3000),
    "values": one_character_values(20_000),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_each_hostile_file_gets_the_verdict_it_gets_read_whole(monkeypatch, name):
    # The three files an outside check found stalling the kiosk, scaled down (the values limit
    # with them), read in slices of 1,000 characters: the same problems, text and place.
    monkeypatch.setattr(yaml_safety, "MAX_NODES", 10_000)
    with monkeypatch.context() as m:
        whole(m)
        expected = verdict(HOSTILE[name])
    monkeypatch.setattr(in_slices, "SLICE_CHARS", 1000)
    assert verdict(HOSTILE[name]) == expected
    ok, problems, left_out = expected
    if name == "comments":
        assert ok and problems == []
    elif name == "mistakes":
        assert not ok and len(problems) + sum(left_out) == 3000
        assert problems[-1].message.startswith("technique 'swedish': unknown field 'unknown_field_of_the")
    else:
        assert not ok and len(problems) == 1
        assert problems[0].message.startswith("the file holds more than 10,000 values by here")
        assert (problems[0].line, problems[0].column) == (10_000, 3)


# Pieces of YAML and of catalogs, non-ASCII characters and brackets included: cut anywhere, the
# slices must not change what is found.
_PIECES = [
    *(VALID, "techniques:\n", "  - id: a\n", "    name: Ä\n", "- ", "-\n", "\n", "\r\n", "a", "é"),
    *(": ", "? ", ",", "[", "]", "{", "}", " ", "  ", "\t", '"q"', "#c\n", COMMENT, "---\n", "😀"),
    *("&x ", "*x", "!!str ", '"\\ud800"', "|\n  t\n", "    unknown: 1\n"),
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.integers(1, 40))
def test_any_text_gets_the_same_verdict_whatever_the_slices(text, slice_chars):
    with pytest.MonkeyPatch.context() as m:
        whole(m)
        expected = verdict(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(in_slices, "SLICE_CHARS", slice_chars)
        assert verdict(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="-: \n\r{a", max_size=60), st.integers(1, 9))
def test_a_count_in_slices_is_the_count(text, slice_chars):
    with pytest.MonkeyPatch.context() as m:
        m.setattr(in_slices, "SLICE_CHARS", slice_chars)
        for needle in ("-", "{", "- ", "-\n", "-\r"):
            assert count(text, needle) == text.count(needle), needle


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \t#-:a\n", max_size=80), st.integers(1, 9), st.integers(0, 5))
def test_lines_found_in_slices_are_the_lines_found_whole(text, slice_chars, start):
    patterns = [r"\n( *)(?=[^ \r\n#])", r"\n {0,2}(?=[^ \r\n#])", r"\n[ \t]*[^\s#]", r"\n[ \t?:-]{3}"]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(in_slices, "SLICE_CHARS", slice_chars)
        for pattern in map(re.compile, patterns):
            found = [(x.span(), x.groups()) for x in line_matches(pattern, text, start)]
            assert found == [(x.span(), x.groups()) for x in pattern.finditer(text, start)], pattern


def _first_bad_byte(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([b"a", b"\n", "é".encode(), "😀".encode(), b"\xe9", b"\x80", b"\xf0\x9f"])).map(
        b"".join
    ),
    st.booleans(),
    st.integers(1, 9),
)
def test_decoding_in_slices_decodes_or_finds_the_first_bad_byte(body, mark, slice_chars):
    data = (b"\xef\xbb\xbf" if mark else b"") + body
    with pytest.MonkeyPatch.context() as m:
        m.setattr(in_slices, "SLICE_CHARS", slice_chars)
        bad = _first_bad_byte(body)
        if bad is None:
            assert utf8_text(data) == body.decode("utf-8")
        else:
            with pytest.raises(UnicodeDecodeError) as caught:
                utf8_text(data)
            assert caught.value.start == bad + (3 if mark else 0)  # where it is in the file


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                b"a",
                b"\n",
                "\u00e9".encode(),
                "\u2014".encode(),
                "\U0001f600".encode(),
                b"\xe9",
                "\u2028".encode(),
            ]
        )
    ).map(b"".join),
    st.booleans(),
    st.integers(1, 9),
    st.integers(4, 40),
)
def test_a_file_read_a_slice_at_a_time_reads_as_its_bytes_decoded_whole(body, mark, read_bytes, limit):
    # The kiosk reads its file this way (the bytes are never held whole beside the text); any
    # file, split anywhere, even inside a character, gives the text or the problem decoding all
    # of its bytes gives: a bad byte named where it is, a hidden line break, the size limit.
    data = (b"\xef\xbb\xbf" if mark else b"") + body
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as m:
        path = Path(folder) / "techniques.yaml"
        path.write_bytes(data)
        m.setattr(storage, "READ_BYTES", read_bytes)
        m.setattr(storage, "MAX_BYTES", limit)
        m.setattr(yaml_nodes, "MAX_BYTES", limit)
        assert storage.read_catalog_text(path) == yaml_nodes.decode(data[: limit + 1])


def test_a_bad_byte_after_a_byte_order_mark_is_named_where_it_is():
    # Decoded whole as "utf-8-sig", its position left out the mark's three bytes: the message
    # named the byte three before it.
    ok, problems, _ = verdict(
        b"\xef\xbb\xbf" + VALID.encode().replace(b"Less back pain", b"Less b\xe4ck pain")
    )
    assert not ok and len(problems) == 1
    assert problems[0].message.startswith("byte 0xE4 is not UTF-8 text")
    assert (problems[0].line, problems[0].column) == (5, 18)


# -- letting go of a node tree ---------------------------------------------------------------------


def _collections(node: Node) -> Iterator[SequenceNode | MappingNode]:
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            yield node
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            yield node
            stack.extend(node.value)


def test_a_large_node_tree_is_taken_apart_and_small_ones_let_go_of_whole():
    # A technique of thousands of fields spans far more than FREE_SPAN characters: freed at
    # once, a million nodes held the window up for 0.17 s. Taken apart, no step frees more than
    # what FREE_SPAN characters can hold.
    root, problems = yaml_nodes.compose(mistaken(3000))
    assert root is not None and problems == []
    collections = list(_collections(root))

    def span(node: Node) -> int:
        return node.end_mark.index - node.start_mark.index

    large = [n for n in collections if span(n) > yaml_nodes.FREE_SPAN]
    small = [n for n in collections if span(n) <= yaml_nodes.FREE_SPAN]
    technique = root.value[-1][1].value[0]
    assert technique in large and any(n.value for n in small)
    held = [(n, list(n.value)) for n in small]
    yaml_nodes.free_in_pieces(root)
    assert all(n.value == [] for n in large)
    assert all(n.value == entries for n, entries in held)  # (let go of whole where not held here)


def test_each_part_of_techniques_is_taken_apart_once_it_is_read(monkeypatch):
    freed: list[Node] = []
    free = yaml_nodes.free_in_pieces

    def recorded(node: Node) -> None:
        freed.append(node)
        free(node)

    monkeypatch.setattr(yaml_nodes, "free_in_pieces", recorded)
    text = mistaken(3000)
    first = text.index("  - id: swedish")
    techniques = "".join(text[first:].replace("id: swedish", f"id: t-{i}") for i in range(45))
    ok, problems, left_out = verdict(text[:first] + techniques)
    assert not ok and len(problems) + sum(left_out) == 45 * 3000
    parts = [n for n in freed if isinstance(n, SequenceNode)]
    assert len(parts) == 3  # 20 + 20 + 5 techniques
    assert all(n.value == [] for n in parts)


def test_the_words_resolved_while_reading_are_remembered_up_to_a_bound(monkeypatch):
    # One remembered for every field name of a file of 490,000 took 17 ms to grow and 46 ms to
    # let go of, holding Python's lock; a catalog repeats far fewer than the bound.
    monkeypatch.setattr(yaml_nodes, "RESOLVED_WORDS", 50)
    words = [f"word-{i}" for i in range(80)] + ["12", "true", "~", "word-3"]
    tags: dict[str, str] = {}
    node = yaml_nodes._compose_cached("".join(f"- {w}\n" for w in words), yaml.CSafeLoader, tags)
    assert len(tags) == 50 and "word-79" not in tags
    assert isinstance(node, SequenceNode)
    assert [n.tag for n in node.value[-4:]] == [
        yaml_nodes.INT,
        yaml_nodes.BOOL,
        yaml_nodes.NULL,
        yaml_nodes.STR,
    ]
