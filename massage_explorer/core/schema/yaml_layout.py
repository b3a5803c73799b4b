"""Where things are in a YAML text: the span of a value, and each item of a block list or mapping
with the blank lines and comments around it. Saving splices edits at these places, so that the
rest of a catalog file stays as people wrote it. No Qt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Edit = tuple[int, int, str]  # replace text[start:end] with the string


class CannotSplice(Exception):
    """The text is laid out in a way an edit cannot be spliced into here."""


def apply(text: str, edits: Iterable[Edit], start: int = 0, end: int | None = None) -> str:
    """text[start:end] with `edits` (which do not overlap, and lie inside it) made."""
    end = len(text) if end is None else end
    out: list[str] = []
    at = start
    for left, right, new in sorted(edits):
        if left < at or right > end:
            raise CannotSplice(f"overlapping edits at {left}")
        out += (text[at:left], new)
        at = right
    out.append(text[at:end])
    return "".join(out)


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Just after the line break of the line holding `pos` (the end of the text on the last line)."""
    found = text.find("\n", pos)
    return len(text) if found < 0 else found + 1


def is_block(node: Node) -> bool:
    """A list or mapping written over several lines, as opposed to a scalar or a `[flow, list]`."""
    return isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and bool(node.value)


def content_end(text: str, node: Node) -> int:
    """Just after the last character that belongs to the value: a block scalar's trailing blank
    lines and the comments after a block list or mapping are not part of it."""
    if is_block(node):
        last = node.value[-1]
        return content_end(text, last[1] if isinstance(node, MappingNode) else last)
    end: int = node.end_mark.index
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        start = node.start_mark.index
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
    return end


def indicator_after(text: str, start: int, char: str) -> int:
    """Just after the ':' (or '-') that follows `start` with only spaces between."""
    at = start
    while at < len(text) and text[at] in " \t":
        at += 1
    if at >= len(text) or text[at] != char:
        raise CannotSplice(f"no '{char}' at {start}")
    return at + 1


def dash_before(text: str, node: Node) -> int:
    """Where the '- ' of a block list item is: before the item, maybe on the line above."""
    at = node.start_mark.index - 1
    while at >= 0 and text[at] in " \t\r\n":
        at -= 1
    if at < 0 or text[at] != "-":
        raise CannotSplice(f"no '-' before the item at {node.start_mark.index}")
    return at


def column(text: str, pos: int) -> int:
    return pos - line_start(text, pos)


def _is_comment(line: str) -> bool:
    return line.lstrip(" \t").startswith("#")


def _is_blank(line: str) -> bool:
    return not line.strip()


@dataclass(frozen=True)
class Item:
    """One item of a block collection, in three parts that follow each other in the text:
    `lead` the blank lines before it, `loose` comments above it that a blank line sets apart (a
    heading for what follows), `body` the comments right above it, the item, and comments
    indented under its last line. The first item has no lead nor loose: they stay put."""

    lead: int
    loose: int
    body: int
    end: int
    anchor: int  # where its key or its '-' is

    def spacing(self, text: str) -> str:
        return text[self.lead : self.loose]

    def headings(self, text: str) -> str:
        return text[self.loose : self.body]


def items(text: str, node: MappingNode | SequenceNode) -> list[Item]:
    """The items of a block collection, in the file's order."""
    # One item's nodes at a time: a list's may be composed as they are asked for (lazy_nodes).
    pairs: Iterable[tuple[int, Node]]
    if isinstance(node, MappingNode):
        pairs = ((key.start_mark.index, value) for key, value in node.value)
    else:
        pairs = ((dash_before(text, item), item) for item in node.value)
    found: list[Item] = []
    previous_end = -1
    for anchor, value in pairs:
        anchor_line = line_start(text, anchor)
        inline = text[anchor_line:anchor].strip() != ""
        if inline and found:
            raise CannotSplice(f"two items on one line at {anchor}")
        if previous_end < 0:
            body = anchor if inline else _attached_above(text, anchor_line)
            lead = loose = body
        else:
            lead, loose, body = _split_gap(text, previous_end, anchor_line)
        end = _body_end(text, value, column(text, anchor))
        found.append(Item(lead, loose, body, end, anchor))
        previous_end = end
    return found


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out, at = [], start
    while at < end:
        stop = line_end(text, at)
        out.append((at, text[at:stop]))
        at = stop
    return out


def _attached_above(text: str, anchor_line: int) -> int:
    """The start of the comment lines right above a line (no blank line between)."""
    start = anchor_line
    while start > 0:
        above = line_start(text, start - 1)
        if not _is_comment(text[above:start]):
            break
        start = above
    return start


def _split_gap(text: str, start: int, end: int) -> tuple[int, int, int]:
    lines = _lines(text, start, end)
    if any(not _is_blank(line) and not _is_comment(line) for _, line in lines):
        raise CannotSplice(f"unexpected text between items at {start}")
    loose = next((at for at, line in lines if not _is_blank(line)), end)
    body = end
    for at, line in reversed(lines):
        if not _is_comment(line):
            break
        body = at
    return start, loose, body


def _body_end(text: str, value: Node, anchor_column: int) -> int:
    end = line_end(text, content_end(text, value))
    while end < len(text):
        stop = line_end(text, end)
        line = text[end:stop]
        indent = len(line) - len(line.lstrip(" "))
        if not (_is_comment(line) and indent > anchor_column):
            break
        end = stop
    return end


def assemble(
    text: str,
    old: list[Item],
    plan: list[tuple[int | None, str]],
    *,
    usual_lead: str,
    inline_indent: int | None = None,
) -> str:
    """The new text of a collection's items, from the first item's body to the last's end.

    `plan` lists the new items in order: the old item's index (None for a new one) and its body.
    Items keep their spacing and headings; a new item gets the spacing most items have. Headings
    of a removed item go to the next one kept. `inline_indent`: the collection starts on the line
    of its parent's '- ' (a mapping in a list), with this many spaces before its other items.
    """
    spacings = [item.spacing(text) for item in old[1:]]
    usual = Counter(spacings).most_common(1)[0][0] if spacings else usual_lead
    kept = {index for index, _ in plan if index is not None}
    carried: dict[int, str] = {}
    pending = ""
    for number, item in enumerate(old):
        if number not in kept:
            pending += item.headings(text)
        elif pending:
            carried[number], pending = pending, ""
    out: list[str] = []
    col = column(text, old[0].anchor)
    for position, (index, body) in enumerate(plan):
        headings = "" if index is None else carried.get(index, "") + old[index].headings(text)
        if position > 0 and index is not None and plan[position - 1][0] != index - 1:
            # After another item now. (A body starts with the comments right above its item.)
            headings, body = _outdented(headings, col), _outdented(body, col)
        if inline_indent is not None:
            if position == 0:
                if headings or (body.lstrip(" ").startswith("#")):
                    raise CannotSplice("comments would go onto the line of a '- '")
                body = body.lstrip(" ")
            elif index == 0:
                body = " " * inline_indent + body
        if position > 0:
            out.append(usual if index is None or index == 0 else old[index].spacing(text))
        out += (headings, body)
    if pending:
        newline = "\r\n" if "\r\n" in pending else "\n"
        out += (usual, _outdented(pending, col).rstrip("\r\n ") + newline)
    return "".join(out)


def _outdented(lead: str, col: int) -> str:
    """`lead` with the comment lines it starts with (blank lines between them) that are indented
    deeper than `col`, the items' column, moved to it. Placed after another item than before, a
    comment indented that deep after a "|" or ">" text would be read as more of that text. (A tab
    in a comment's indentation counts as one column, and is replaced by spaces.)"""
    lines = lead.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if not _is_comment(line):
            if _is_blank(line):
                continue
            break
        words = line.lstrip(" \t")
        if len(line) - len(words) > col:
            lines[number] = " " * col + words
    return "".join(lines)
