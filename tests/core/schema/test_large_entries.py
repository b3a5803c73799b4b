"""One technique, or term, of more values than any needs is refused where it starts, before its node
tree is built: composed whole, a technique of 490,000 unknown fields took 340 MB. Read a few
techniques at a time or whole, the verdict is the same."""

from __future__ import annotations

import pytest
import yaml

from massage_explorer.core.schema import limits, yaml_nodes, yaml_safety
from tests.core.helpers import LOADERS, VALID, line_of, only_error, read, variant


def with_fields(count: int, before: str = "    pressure:") -> str:
    """VALID with `count` unknown fields (two values each) in the line before `before`."""
    indent = before[: len(before) - len(before.lstrip())]
    fields = "".join(f"{indent}unknown_{n}: 1\n" for n in range(count))
    return variant(before, fields + before)


def composed_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each text composed into a node tree from now on."""
    sizes: list[int] = []
    real = yaml_nodes._compose_cached

    def recorded(text, *args, **kwargs):
        sizes.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(yaml_nodes, "_compose_cached", recorded)
    return sizes


def whole(text: str) -> str:
    """The text with old Mac line breaks: the same lines, read whole (not a few at a time)."""
    return text.replace("\n", "\r")


def entry_nodes(text: str, key: str) -> int:
    """The values the entry whose first field is `key` holds, itself included."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            if node.value and node.value[0][0].value == key:
                return _count(node)
            stack.extend(value for pair in node.value for value in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    raise AssertionError(key)


def _count(node: yaml.Node) -> int:
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(_count(key) + _count(value) for key, value in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(_count(value) for value in node.value)
    return 1


@pytest.mark.parametrize("loader", LOADERS)
def test_a_technique_of_too_many_values_is_refused_where_it_starts_without_building_it(monkeypatch, loader):
    text = with_fields(limits.MAX_ENTRY_NODES // 2)  # its own fields make it one too many
    sizes = composed_sizes(monkeypatch)
    error = only_error(read(text, loader))
    assert (error.line, error.column) == (line_of(text, "- id: swedish"), 5)
    assert error.message == (
        f"this entry holds more than {limits.MAX_ENTRY_NODES:,} values (each field name, text, "
        "number and list counts one); a technique with every list full in ten languages holds "
        "about 10,000, so the file was not read further. Remove the fields that do not belong in "
        "it (is this the right file?)"
    )
    assert sizes and all(size < len(VALID) for size in sizes)  # the fields before it, only


@pytest.mark.parametrize("read_as", [str, whole], ids=["in parts", "whole"])
def test_a_technique_at_the_limit_is_read_and_one_over_it_refused(monkeypatch, read_as):
    text = read_as(with_fields(5))
    nodes = entry_nodes(text.replace("\r", "\n"), "id")
    monkeypatch.setattr(yaml_safety, "MAX_ENTRY_NODES", nodes)
    errors = read(text).errors
    assert [e.text.split(";")[0] for e in errors] == [f"unknown field 'unknown_{n}'" for n in range(5)]
    monkeypatch.setattr(yaml_safety, "MAX_ENTRY_NODES", nodes - 1)
    error = only_error(read(text))
    assert (error.line, error.column) == (line_of(VALID, "- id: swedish"), 5)
    assert f"more than {nodes - 1:,} values" in error.message


@pytest.mark.parametrize("read_as", [str, whole], ids=["in parts", "whole"])
def test_a_term_of_too_many_values_is_refused_where_it_starts(monkeypatch, read_as):
    text = read_as(with_fields(20, before="    label: Better sleep"))
    monkeypatch.setattr(yaml_safety, "MAX_ENTRY_NODES", 30)
    error = only_error(read(text))
    assert (error.line, error.column) == (line_of(VALID, "label: Better sleep"), 5)  # its first field
    assert "this entry holds more than 30 values" in error.message


def test_a_technique_after_many_others_is_refused_at_its_own_line(monkeypatch):
    techniques = VALID[VALID.index("  - id: swedish") :]
    head = VALID[: VALID.index("  - id: swedish")]
    many = [techniques.replace("id: swedish", f"id: t-{n}") for n in range(45)]  # three parts
    fields = "".join(f"    unknown_{n}: 1\n" for n in range(40))
    many[30] = many[30].replace("    pressure:", fields + "    pressure:")
    text = head + "".join(many)
    monkeypatch.setattr(yaml_safety, "MAX_ENTRY_NODES", 60)
    error = only_error(read(text))
    assert (error.line, error.column) == (line_of(text, "- id: t-30"), 5)
