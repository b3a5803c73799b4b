"""A catalog written on one line of 20 MB (flow style, as some exports write YAML) gets its located
messages in time that grows with its size, and no search of its lines goes along the whole line in
one call (each holds Python's lock, and a window waits for it)."""

from __future__ import annotations

import re

import pytest

from massage_explorer.core.schema import in_slices, limits
from massage_explorer.core.schema.in_slices import line_matches
from massage_explorer.core.storage import parse_catalog

MB = 1024 * 1024


def test_a_catalog_of_one_line_of_20_mb_gets_its_messages():
    words = "word " * (20 * MB // 5)
    text = '{schema_version: 1, benefits: {}, conditions: {}, techniques: [{id: a, name: "' + words + '"}]}'
    assert "\n" not in text and len(text) > 20 * MB
    result = parse_catalog(text.encode())
    assert result.catalog is None
    technique, name = text.index("{id") + 1, text.index('"') + 1
    missing = ("summary", "description", "pressure", "session_minutes", "benefits")
    assert [p.format("f") for p in result.problems] == [
        *(f"f:1:{technique}: error: technique 'a': missing required field '{field}'" for field in missing),
        f"f:1:{name}: error: technique 'a', name: {len(words):,} characters, over the limit of "
        f"{limits.CHARACTERS['name']} for this field; shorten it",
    ]


def test_a_syntax_error_at_the_end_of_one_line_of_20_mb_is_told_where_it_is():
    text = "{schema_version: 1, name: " + "word " * (20 * MB // 5) + "]"
    (error,) = parse_catalog(text.encode()).problems
    assert error.format("f") == (
        f"f:1:{len(text)}: error: YAML syntax: while parsing a flow mapping, "
        "did not find expected ',' or '}'"
    )


@pytest.mark.slow
def test_a_flow_list_of_20_mb_on_one_line_is_refused_where_its_values_pass_the_limit():
    entry = "{id: x}, "  # three values
    head = "{schema_version: 1, techniques: ["  # (its mapping, two fields and the list: five)
    text = head + entry * (20 * MB // len(entry)) + "]}"
    result = parse_catalog(text.encode())
    (error,) = result.errors
    assert f"more than {limits.MAX_NODES:,} values by here" in error.message
    # The value past the limit, after the five before the entries: the third of its entry, `x`.
    entries, third = divmod(limits.MAX_NODES + 1 - 6, 3)
    assert third == 2 and (error.line, error.column) == (1, len(head) + entries * len(entry) + 6)


class _Recorded:
    """A pattern whose searches are recorded: the characters each call may go along."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self.searched: list[int] = []  # (a search looks all along its span)
        self.matched: list[int] = []  # (a match is tried at its start only)

    def finditer(self, text: str, start: int, end: int):
        self.searched.append(end - start)
        return self.pattern.finditer(text, start, end)

    def match(self, text: str, start: int, end: int):
        self.matched.append(start)
        return self.pattern.match(text, start, end)


@pytest.mark.parametrize("pattern", [r"\n( *)(?=[^ \r\n#])", r"\n[ \t?:-]{3}"])
def test_a_line_longer_than_a_slice_is_not_searched_along_in_one_call(monkeypatch, pattern):
    monkeypatch.setattr(in_slices, "SLICE_CHARS", 100)
    text = "a: 1\n   b: 2\n" * 20 + "x" * 10_000 + "\n  - c\n" + "y" * 5_000 + "\n:::z\n"
    recorded = _Recorded(pattern)
    found = [(m.span(), m.groups()) for m in line_matches(recorded, text)]  # type: ignore[arg-type]
    assert found == [(m.span(), m.groups()) for m in re.finditer(pattern, text)]
    assert max(recorded.searched) <= 100
    assert all(text[at] == "\n" for at in recorded.matched)
