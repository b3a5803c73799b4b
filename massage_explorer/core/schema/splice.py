"""A catalog saved as the edits made to the text it was read from. No Qt.

Everything not edited stays as people wrote it: comments, key order, blank lines, quoting and line
wrapping. An edited value is rewritten in place (in its own style); an added item is written like
its neighbours; a removed or moved one takes its comments with it. The two catalogs are compared
as the dump's plain values (`dump.document_data`), and the differences are placed by the
positions the YAML parser gives every node.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from massage_explorer.core.catalog import Catalog, Technique
from massage_explorer.core.schema.catalog_fields import child
from massage_explorer.core.schema.dump import as_data, document_data
from massage_explorer.core.schema.lazy_nodes import compose_lazily
from massage_explorer.core.schema.yaml_layout import (
    CannotSplice,
    Edit,
    apply,
    assemble,
    column,
    content_end,
    dash_before,
    indicator_after,
    is_block,
    items,
    line_start,
)
from massage_explorer.core.schema.yaml_nodes import NotInParts, compose_checked, free_in_pieces, refused
from massage_explorer.core.schema.yaml_writer import Templates, Writer, child_templates, item_templates

__all__ = ["CannotSplice", "splice"]

_MISSING: Any = object()


def splice(text: str, before: Catalog, after: Catalog) -> str:
    """`text`, which holds `before`, changed to hold `after` where the two differ and nowhere else.

    Raises CannotSplice when the text is laid out in a way this does not follow; the caller then
    writes the whole catalog out instead. The result is not checked here: read it back.
    """
    if before == after:
        return text
    if refused(text):
        raise CannotSplice("the file opened is refused as it is (empty, anchors, nested too deep…)")
    try:
        return _spliced(text, before, after, in_parts=True)
    except NotInParts:  # a part did not compose as its lines promised
        return _spliced(text, before, after, in_parts=False)


def _spliced(text: str, before: Catalog, after: Catalog, *, in_parts: bool) -> str:
    # Only the techniques that changed are composed, and their neighbours (lazy_nodes), where the
    # text is laid out for that; otherwise the whole tree, ~120 MB at 5,000 techniques.
    found = compose_lazily(text) if in_parts else None
    root, entries = found if found is not None else (compose_checked(text)[0], None)
    if not isinstance(root, MappingNode):
        raise CannotSplice("the text holds no catalog")
    try:
        if entries is not None and len(entries) != len(before.techniques):
            # A line of a quoted text carried over lines that starts like an entry: the line scan
            # counts it as one, and only the parts around it would show it, which an edit
            # elsewhere never composes. Left, the list would not match and be written out anew.
            raise NotInParts
        splicer = _Splicer(text, root, after.languages[0])
        return apply(text, splicer.update(root, None, document_data(before), document_data(after), [root]))
    finally:
        if entries is not None:
            entries.release()  # (parts are small enough to let go of at once)
            techniques = child(root, "techniques")
            if isinstance(techniques, SequenceNode):
                techniques.value = []  # the stand-in for its entries, for free_in_pieces
        # Freed at once, the tree stopped the editor's window for 60-70 ms at 5,000 techniques
        # while a save ran on its thread; in slices, no step is longer than a few ms.
        free_in_pieces(root)


@dataclass(frozen=True)
class _Slot:
    """Where a value sits: just after its key's ':' or its item's '-', and that key's column."""

    after: int
    col: int
    item: bool


def _key(value: Any) -> tuple[str, str]:
    """What identifies a list item across edits: a technique's id, a claim's benefit, a caution's
    condition; otherwise the whole value (then an edited one is paired by its place)."""
    if isinstance(value, Technique):
        return "id", value.id
    if isinstance(value, dict) and isinstance(value.get("benefit"), str):
        return "benefit", value["benefit"]
    if isinstance(value, dict) and isinstance(value.get("condition"), str):
        return "condition", value["condition"]
    return "value", repr(value)


def match(old: Sequence[Any], new: Sequence[Any]) -> list[int | None]:
    """For each new item, the index of the old item it is (None for an added one)."""
    waiting: defaultdict[tuple[str, str], deque[int]] = defaultdict(deque)
    for index, value in enumerate(old):
        waiting[_key(value)].append(index)
    found: list[int | None] = []
    for value in new:
        queue = waiting.get(_key(value))
        found.append(queue.popleft() if queue else None)
    # Items left over on both sides between the same two matched ones are the same items edited
    # (a renamed technique, a reworded citation), paired in order.
    used = {index for index in found if index is not None}
    position = 0
    while position < len(new):
        if found[position] is not None:
            position += 1
            continue
        stop = position
        while stop < len(new) and found[stop] is None:
            stop += 1
        low = found[position - 1] if position > 0 else -1
        high = found[stop] if stop < len(new) else len(old)
        assert low is not None and high is not None
        free = [index for index in range(low + 1, high) if index not in used] if low < high else []
        if len(free) == stop - position:
            found[position:stop] = free
            used.update(free)
        position = stop
    return found


class _Splicer:
    def __init__(self, text: str, root: MappingNode, default_language: str) -> None:
        self.text = text
        self.root = root
        self.techniques = child(root, "techniques")
        self.vocabularies = (child(root, "benefits"), child(root, "conditions"))
        self.default_language = default_language
        self.writer = Writer(text, root, default_language)

    def update(self, node: Node, slot: _Slot | None, old: Any, new: Any, templates: Templates) -> list[Edit]:
        """The edits that make `node` (which holds `old`) hold `new`."""
        if _same(old, new):
            return []
        old, new = as_data(old), as_data(new)
        if isinstance(new, str) and isinstance(node, MappingNode) and is_block(node):
            # A text in one language, in a file that writes this text per language.
            new = {self.default_language: new}
            old = {self.default_language: old} if isinstance(old, str) else old
        if isinstance(new, dict) and new and isinstance(node, MappingNode) and is_block(node):
            return self.mapping(node, old if isinstance(old, dict) else {}, new, templates)
        if (
            isinstance(new, (list, tuple))
            and new
            and isinstance(old, (list, tuple))
            and isinstance(node, SequenceNode)
            and is_block(node)
        ):
            return self.sequence(node, old, new, templates)
        if slot is None:
            raise CannotSplice("the document itself would be replaced")
        return [self.replace(node, slot, new, templates)]

    def replace(self, node: Node, slot: _Slot, new: Any, templates: Templates) -> Edit:
        """The whole value rewritten, in the style of the same value in the file."""
        text, writer = self.text, self.writer
        end = content_end(text, node)
        inline = writer.inline(new, templates, slot.col)
        if inline is not None:
            if is_block(node):
                return slot.after, end, " " + inline
            return node.start_mark.index, end, inline
        if slot.item:
            lines = writer.item(new, templates, slot.col)
            lines[0] = lines[0][slot.col + 2 :]  # after the '- ' already there
            return node.start_mark.index, end, writer.newline.join(lines)
        block = writer.newline.join(writer.block(new, templates, slot.col))
        if is_block(node):
            return line_start(text, node.start_mark.index), end, block
        return slot.after, end, writer.newline + block

    def _entry(self, key: ScalarNode, value: Node, old: Any, new: Any, templates: Templates) -> list[Edit]:
        slot = _Slot(
            indicator_after(self.text, key.end_mark.index, ":"),
            column(self.text, key.start_mark.index),
            False,
        )
        try:
            return self.update(value, slot, old, new, templates)
        except CannotSplice:
            return [self.replace(value, slot, new, templates)]

    def mapping(
        self, node: MappingNode, old: dict[str, Any], new: dict[str, Any], templates: Templates
    ) -> list[Edit]:
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.value in entries:
                raise CannotSplice("a key that is not a plain word, or is there twice")
            entries[key.value] = (key, value)
        deleted = {k for k in entries if k in old and k not in new}
        inserted = [k for k in new if k not in entries]
        renamed = self._renamed(node, list(entries), list(new), deleted, inserted)
        deleted -= set(renamed.values())
        inserted = [k for k in inserted if k not in renamed]
        moved = [k for k in old if k in new] != [k for k in new if k in old]
        nested: dict[str, list[Edit]] = {}  # by the key in the file
        for k in new:
            source = renamed.get(k, k)
            if source in entries and (k != source or not _same(old.get(k, _MISSING), new[k])):
                key, value = entries[source]
                was = old.get(source, _MISSING)
                nested[source] = self._entry(key, value, was, new[k], child_templates(templates, source))
                if k != source:
                    nested[source].append((key.start_mark.index, key.end_mark.index, k))
        if not deleted and not inserted and not moved:
            return [edit for edits in nested.values() for edit in edits]
        order = [k for k in entries if k not in deleted]
        if moved:
            wanted = [renamed.get(k, k) for k in new]
            order = wanted + [k for k in order if k not in wanted]
        else:
            wanted = [renamed.get(k, k) for k in new]
            for k in inserted:
                before = [p for p in wanted[: wanted.index(k)] if p in order]
                order.insert(order.index(before[-1]) + 1 if before else 0, k)
        spans = items(self.text, node)
        position = {k: index for index, k in enumerate(entries)}
        col = column(self.text, spans[0].anchor)
        plan: list[tuple[int | None, str]] = []
        for k in order:
            if k in entries:
                span = spans[position[k]]
                plan.append((position[k], apply(self.text, nested.get(k, []), span.body, span.end)))
            else:
                lines = self.writer.entry(k, new[k], child_templates(templates, k), col)
                plan.append((None, self.writer.join(lines)))
        inline = self.text[line_start(self.text, spans[0].anchor) : spans[0].anchor].strip() != ""
        spaced = "\n" if node is self.root else ""
        body = assemble(self.text, spans, plan, usual_lead=spaced, inline_indent=col if inline else None)
        return [(spans[0].body, spans[-1].end, body)]

    def _renamed(
        self, node: MappingNode, keys: list[str], wanted: list[str], deleted: set[str], inserted: list[str]
    ) -> dict[str, str]:
        """In a vocabulary, an id removed and one added in its place: the same entry, renamed
        (new id -> old id), so it keeps its comments and the layout of its fields."""
        if not (deleted and inserted and any(node is vocabulary for vocabulary in self.vocabularies)):
            return {}
        renamed: dict[str, str] = {}
        for position, index in enumerate(match(keys, wanted)):
            if index is not None and keys[index] in deleted and wanted[position] in inserted:
                renamed[wanted[position]] = keys[index]
        return renamed

    def _item(self, node: SequenceNode, index: int, old: Any, new: Any, templates: Templates) -> list[Edit]:
        value = node.value[index]
        dash = dash_before(self.text, value)
        slot = _Slot(dash + 1, column(self.text, dash), True)
        near = [value, *node.value[max(index - 1, 0) : index], *node.value[index + 1 : index + 2]]
        try:
            return self.update(value, slot, old, new, near)
        except CannotSplice:
            return [self.replace(value, slot, new, near)]

    def sequence(
        self, node: SequenceNode, old: Sequence[Any], new: Sequence[Any], templates: Templates
    ) -> list[Edit]:
        if len(node.value) != len(old):
            raise CannotSplice("the list does not hold what was read from it")
        found = match(old, new)
        if found == list(range(len(old))):
            return [
                edit
                for index, (was, now) in enumerate(zip(old, new, strict=True))
                if not _same(was, now)
                for edit in self._item(node, index, was, now, templates)
            ]
        spans = items(self.text, node)
        col = column(self.text, spans[0].anchor)
        plan: list[tuple[int | None, str]] = []
        for position, (index, value) in enumerate(zip(found, new, strict=True)):
            if index is None:
                near = [node.value[i] for i in _nearest(found, position)] + item_templates(templates)
                plan.append((None, self.writer.join(self.writer.item(value, near, col))))
                continue
            same = _same(old[index], value)
            edits = [] if same else self._item(node, index, old[index], value, templates)
            plan.append((index, apply(self.text, edits, spans[index].body, spans[index].end)))
        spaced = "\n" if node is self.techniques else ""
        return [(spans[0].body, spans[-1].end, assemble(self.text, spans, plan, usual_lead=spaced))]


def _same(old: Any, new: Any) -> bool:
    """Equal, and with mapping keys in the same order (a vocabulary's order is the kiosk's)."""
    return old is new or (old == new and _same_order(old, new))


def _same_order(old: Any, new: Any) -> bool:
    if isinstance(old, dict):
        return list(old) == list(new) and all(_same_order(old[k], new[k]) for k in old)
    if isinstance(old, (list, tuple)):
        return all(_same_order(a, b) for a, b in zip(old, new, strict=True))
    return True


def _nearest(found: list[int | None], position: int) -> list[int]:
    """The old items nearest to a new one in the new order: the one before it, then after it."""
    before = [index for index in reversed(found[:position]) if index is not None][:1]
    after = [index for index in found[position + 1 :] if index is not None][:1]
    return before + after
