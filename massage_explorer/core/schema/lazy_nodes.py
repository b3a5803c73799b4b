"""A catalog's node tree whose techniques are composed only where they are looked at. No Qt.

Saving splices the edits into the text at the positions its nodes give (schema.splice). Composed
whole, a 5,000-technique file's tree took ~120 MB while a save lasted, to change one technique.
Here the fields before and after the techniques are composed as a load composes them
(compose_in_parts), and the techniques' list is a stand-in whose entries are composed a part at a
time when one of them is asked for: an edit of one technique composes its part and no other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from massage_explorer.core.schema.yaml_nodes import (
    DEFAULT_LOADER,
    YAML_TAG,
    TechniqueParts,
    compose_in_parts,
    mark_at,
    mark_of,
    move_marks,
)

__all__ = ["PartedEntries", "compose_lazily"]

HELD_PARTS = 2  # a technique and its neighbour across a part's edge, without composing either again


class PartedEntries(Sequence[Node]):
    """The nodes of a catalog's technique entries, each part composed when one of its entries is
    asked for, with marks that index the whole text. At most HELD_PARTS parts are kept; one let
    go of is only dropped (never taken apart), so a node still held elsewhere stays whole.
    Raises NotInParts where a part does not compose as its lines promised."""

    def __init__(self, parts: TechniqueParts) -> None:
        self._parts = parts
        self._held: dict[int, list[Node]] = {}  # by part number, the last asked for last
        self._tags: dict[str, str] = {}
        self._counted = (0, 0)  # a place in the text and the line breaks before it

    def __len__(self) -> int:
        return len(self._parts)

    @overload
    def __getitem__(self, index: int) -> Node: ...

    @overload
    def __getitem__(self, index: slice) -> list[Node]: ...

    def __getitem__(self, index: int | slice) -> Node | list[Node]:
        if isinstance(index, slice):
            return [self[at] for at in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        number, first = self._parts.part_of(index)
        nodes = self._held.pop(number, None)
        if nodes is None:
            nodes = self._composed(number, first)
            while len(self._held) >= HELD_PARTS:
                del self._held[next(iter(self._held))]  # the one asked for longest ago
        self._held[number] = nodes
        return nodes[index - first]

    def compose_last(self) -> None:
        """Compose the last part now (raises NotInParts where it does not compose as found)."""
        self[len(self) - 1]

    def release(self) -> None:
        self._held.clear()

    def _composed(self, number: int, first: int) -> list[Node]:
        parts = self._parts
        node, text = parts.compose_part(number, self._tags)
        begin = parts.starts[first]
        move_marks(node, begin, self._lines_before(begin))
        end = begin + len(text)
        if end < parts.end:
            # What the part's end closes, the whole text closes at the next entry's "-".
            at = parts.text.index("-", end)
            line = self._lines_before(end) + parts.text.count("\n", end, at)
            dash = mark_at(at, line, at - (parts.text.rfind("\n", 0, at) + 1))
            for closed in _nodes_ending_at(node, end):
                closed.end_mark = dash
        nodes: list[Node] = node.value
        return nodes

    def _lines_before(self, at: int) -> int:
        """Line breaks before `at`, counted on from the last place asked for when it is before
        `at` (entries are mostly asked for in order)."""
        place, lines = self._counted
        if at < place:
            place, lines = 0, 0
        lines += self._parts.text.count("\n", place, at)
        self._counted = (at, lines)
        return lines


def compose_lazily(
    text: str, loader: type[yaml.SafeLoader] = DEFAULT_LOADER
) -> tuple[MappingNode, PartedEntries] | None:
    """The document's root node, its `techniques` a block list over PartedEntries; None where
    the text is not laid out to be read in parts (compose_in_parts). Call it only for a text
    `yaml_nodes.refused` has passed. Raises NotInParts as PartedEntries does."""
    found = compose_in_parts(text, loader)
    if found is None:
        return None
    root, parts = found
    assert isinstance(root, MappingNode)  # (compose_in_parts gives only a mapping)
    entries = PartedEntries(parts)
    # Its own marks as composing the whole text gives them: from the first entry's "-" to where
    # the next field starts, or to the end of the text with the root's.
    dash = text.index("-", parts.starts[0])
    techniques = SequenceNode(YAML_TAG + "seq", entries, mark_of(text, dash), mark_of(text, parts.end), False)
    if parts.end == len(text):
        root.end_mark = techniques.end_mark
    for position, (key, _) in enumerate(root.value):
        if isinstance(key, ScalarNode) and key.value == "techniques":
            root.value[position] = (key, techniques)
    if parts.end < len(text):
        # The fields after the list were taken to start at a line that starts like a field; one
        # inside the last entry's quoted text, carried over lines, is found out only by composing
        # the last part (NotInParts), which an edit elsewhere never does: it is composed now.
        entries.compose_last()
    return root, entries


def _nodes_ending_at(root: Node, end: int) -> Iterator[Node]:
    """`root`'s last entry, its last value, and so on down, while they are lists or mappings
    that end at `end`. (A "|" or ">" text ending there ends there in the whole text too: at the
    start of the next entry's line, not at its "-".)"""
    node = root
    while isinstance(node, (MappingNode, SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
        if isinstance(node, ScalarNode) or node.end_mark.index != end:
            return
        yield node
