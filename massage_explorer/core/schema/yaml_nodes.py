"""Turn catalog bytes into a YAML node tree safely: size cap, UTF-8, no aliases, no tags. No Qt.

Nodes (not Python objects) are kept so every value still knows its line and column, and so nothing in
the file is ever constructed or executed: tags are only looked at, never acted on.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from massage_explorer.core.problems import Problem
from massage_explorer.core.schema.in_slices import line_matches, parser_input, utf8_text
from massage_explorer.core.schema.limits import MAX_BYTES
from massage_explorer.core.schema.yaml_safety import (
    ENTRY_DEPTH,
    a_line_starts,
    entry_too_large,
    file_error,
    large_entry,
    may_hold_too_many,
    refused_before_composing,
    tab_tolerant,
    too_many_to_compose,
)

# CSafeLoader parses in C; SafeLoader is the pure-Python fallback. Both resolve and compose the same.
DEFAULT_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAML_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_ALLOWED_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, YAML_TAG + "seq", YAML_TAG + "map"})
_LEADING_TAB = re.compile(r"[ ]*\t")


# Plain words whose tag is remembered while a document is read. A catalog repeats far fewer
# (field names, grades, the ids of at most 2,000 terms), and a memory of this many is let go of in
# a moment: one of every word of a file of 490,000 field names took Python's lock for 17 ms to
# grow and 46 ms to free, while a window waited for it.
RESOLVED_WORDS = 20_000


class _CachedResolve:
    """Remembers which implicit tag each plain scalar resolves to (the first RESOLVED_WORDS).

    A catalog repeats the same plain words thousands of times (field names, grades, pressure
    words), and resolving each one again runs up to a dozen regular expressions in Python.
    """

    _tags: dict[str, str]

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)  # type: ignore[misc]
                if len(self._tags) < RESOLVED_WORDS:
                    self._tags[value] = tag
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[misc]


_FAST_LOADERS: dict[str, type[yaml.SafeLoader]] = {}


def _fast(loader: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    name = f"Cached{loader.__name__}"
    if name not in _FAST_LOADERS:
        _FAST_LOADERS[name] = type(name, (_CachedResolve, tab_tolerant(loader)), {})
    return _FAST_LOADERS[name]


def _compose_cached(
    text: str, loader: type[yaml.SafeLoader], tags: dict[str, str] | None = None
) -> Node | None:
    parser = _fast(loader)(parser_input(text, loader))
    parser._tags = {} if tags is None else tags  # type: ignore[attr-defined]
    try:
        node: Node | None = parser.get_single_node()
        return node
    finally:
        parser.dispose()


# Line breaks to YAML that editors show as none: the reader refuses them written as they are
# (decode); the writers put text holding one in double quotes, as escapes (dump.EscapingDumper).
HIDDEN_BREAKS = {
    "\x85": "a next-line mark",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a byte-order mark is allowed), or a located problem naming the bad byte."""
    if len(data) > MAX_BYTES:
        return None, [
            file_error(
                f"the file is over the {MAX_BYTES // (1024 * 1024)} MB limit for a catalog; "
                "it was not read (is this the right file?)"
            )
        ]
    try:
        text = utf8_text(data)
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8-sig", errors="replace")
        line, column = _line_col(prefix, len(prefix))
        return None, [
            file_error(
                f"byte 0x{data[exc.start]:02X} is not UTF-8 text; save the file with UTF-8 "
                "encoding (most editors offer it under 'Save As' or 'Encoding')",
                line,
                column,
            )
        ]
    problems = hidden_break(text)
    return (None, problems) if problems else (text, [])


def hidden_break(text: str) -> list[Problem]:
    """The first line break to YAML that editors show as none (HIDDEN_BREAKS), as a problem."""
    # str.find, not a regular expression: a reading thread holds Python's lock through the call,
    # and a search for these three in a 15 MB catalog took 74 ms that way against 0.3 ms.
    found = [at for at in (text.find(c) for c in HIDDEN_BREAKS) if at >= 0]
    if found:
        at = min(found)
        line, column = _line_col(text, at)
        name = HIDDEN_BREAKS[text[at]]
        return [
            file_error(
                f"character U+{ord(text[at]):04X} ({name}) is here: YAML reads it as a line "
                "break but editors show none, so every line number after it would be wrong; "
                "delete it (press Enter for a new line)",
                line,
                column,
            )
        ]
    return []


def _mark_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = exc.problem or "YAML syntax error"
    if exc.context:
        what = f"{exc.context}, {what}"
    message = f"YAML syntax: {what}"
    unclosed = exc.context == "while scanning a quoted scalar" and "end of stream" in (exc.problem or "")
    # A tab indenting the line YAML stopped at; one earlier may be text (in a "|" block) and the
    # error another. Matched at the line's start only: searched along it, one line of 20 MB took
    # a call of 240 ms.
    tab = (
        None
        if unclosed
        else _LEADING_TAB.match(text, _offset_of_line(text, line), _offset_of_line(text, line + 1))
    )
    if unclosed and exc.context_mark is not None:
        # YAML looked for the closing quote to the end of the file; where it opens is where
        # staff must look. (A quote closed by a later one is reported where the text after that
        # stops making sense: YAML cannot tell which quote was meant.)
        line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
        message = "this quote is never closed: add the closing quote at the end of the text"
    elif tab:
        line, column = _line_col(text, tab.end() - 1)
        message = "a tab is used for indentation; YAML needs spaces: replace the tab with spaces"
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        message += " (check the indentation and that each field is 'name: value')"
    return file_error(message, line, column)


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(max(line - 1, 0)):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> Problem:
    line, column = _line_col(text, min(exc.position, len(text)))
    return file_error(
        f"character U+{exc.character:04X} is not allowed in YAML; delete it "
        "(it is often pasted in by accident)"
        if isinstance(exc.character, int)
        else "a character here is not allowed in YAML; delete it",
        line,
        column,
    )


def _tag_problems(root: Node) -> list[Problem]:
    problems = []
    stack = [root]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag not in _ALLOWED_TAGS:
            mark = node.start_mark
            if tag.startswith(YAML_TAG + "python/"):
                message = f"Python tag '{tag.removeprefix(YAML_TAG)}' is refused (it is never run); remove it"
            else:
                short = tag.removeprefix(YAML_TAG)
                message = f"tag '!{short}' is not allowed in a catalog; remove it"
            problems.append(file_error(message, mark.line + 1, mark.column + 1))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return problems


_NOT_ONLY_COMMENTS = r"[ \t]*[^\s#]"  # a line that is not blank nor a comment


def compose(text: str, loader: type[yaml.SafeLoader] = DEFAULT_LOADER) -> tuple[Node | None, list[Problem]]:
    """The document's root node, or the problems that stop it from being read at all."""
    problems = refused(text, loader)
    return (None, problems) if problems else compose_checked(text, loader)


def refused(text: str, loader: type[yaml.SafeLoader] = DEFAULT_LOADER) -> list[Problem]:
    """Why the text is refused before it is composed: empty, anchors, too deep, bad escapes."""
    if not a_line_starts(_NOT_ONLY_COMMENTS, text):
        return [file_error("the file is empty; a catalog starts with 'schema_version: 1'", 1, 1)]
    try:
        return refused_before_composing(text, loader)
    except yaml.MarkedYAMLError as exc:
        return [_mark_problem(exc, text)]
    except yaml.reader.ReaderError as exc:
        return [_reader_problem(exc, text)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors without a mark
        return [file_error(f"YAML syntax: {exc}")]


def compose_checked(
    text: str, loader: type[yaml.SafeLoader] = DEFAULT_LOADER
) -> tuple[Node | None, list[Problem]]:
    """`compose`, for a text `refused` has passed; refused too where its node tree would be too
    large to hold (a file read a few techniques at a time never holds it: compose_in_parts)."""
    try:
        too_many = too_many_to_compose(text, loader)
        if too_many:
            return None, too_many
        root = _compose_cached(text, loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_mark_problem(exc, text)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, text)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors without a mark
        return None, [file_error(f"YAML syntax: {exc}")]
    if root is None:
        return None, [file_error("the file is empty; a catalog starts with 'schema_version: 1'", 1, 1)]
    too_large = large_entry(root)  # (as a read in parts refuses it, though composed here)
    if too_large is not None:
        free_in_pieces(root)
        return None, [too_large]
    if "!" in text:
        problems = _tag_problems(root)
        if problems:
            return None, problems
    return root, []


# Characters of text a node may span and still be let go of in one step: a character starts
# at most three nodes (a "{": see may_hold_too_many), so 30,000 nodes at most, a few milliseconds.
# A technique of 490,000 fields (a million nodes), let go of at once, held a window up for 0.17 s.
FREE_SPAN = 10_000


def free_in_pieces(root: Node) -> None:
    """Let go of a node tree a piece at a time: a node spanning no more than FREE_SPAN characters
    at once, a larger one taken apart and its entries let go of each in turn, by the same rule.
    Freed at once, a tree of a million nodes is one long step that no other thread can interrupt
    (a window checking a catalog in the background stopped for 0.2 s); between pieces it can.
    A node taken apart is left empty, for whoever still holds it."""
    nodes = [root]
    while nodes:
        node = nodes.pop()  # let go of here, unless it is held elsewhere or spans too much
        if not isinstance(node, (SequenceNode, MappingNode)) or _span(node) <= FREE_SPAN:
            continue
        entries = node.value
        while entries:
            entry = entries.pop()
            if isinstance(entry, tuple):  # a mapping's key and value
                nodes.extend(entry)
            else:
                nodes.append(entry)


def _span(node: Node) -> int:
    return node.end_mark.index - node.start_mark.index


# -- reading the techniques a few at a time ------------------------------------------------------

# A line with something on it other than a comment, after the line break before it (searched
# so, as a_line_starts does), and its indentation.
_CONTENT_LINE = re.compile(r"\n( *)(?=[^ \r\n#])")
# The top-level `techniques:` key on a line of its own (a comment may follow).
_TECHNIQUES_KEY = re.compile(r"techniques[ \t]*:[ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE)
PART_SIZE = 20  # techniques composed at a time: their nodes are all that is held at once


class NotInParts(Exception):
    """The text cannot be read a few techniques at a time after all; compose it whole."""


class EntryTooLarge(NotInParts):
    """An entry of a part holds more than MAX_ENTRY_NODES values: the whole text is refused with
    `problem` (where the whole read refuses it), none of its node tree composed. Where a text is
    only composed (a save's splice), it is composed whole as for NotInParts."""

    def __init__(self, problem: Problem, lines: int) -> None:
        """`problem`, found in a part of the text after `lines` line breaks of it."""
        super().__init__(problem.message)
        self.problem = dataclasses.replace(problem, line=problem.line + lines)


@dataclass(frozen=True)
class TechniqueParts:
    """The entries of a catalog's `techniques:` list, found in its text: `starts` holds where
    each one's "-" line begins; the last ends at `end` (the end of the text, or of the list where
    other fields follow it). `batches` composes them a few at a time, so a large catalog's node
    tree is never held whole (at 5,000 techniques it took ~180 MB while it lasted)."""

    text: str
    starts: list[int]
    loader: type[yaml.SafeLoader]
    end: int

    def __len__(self) -> int:
        return len(self.starts)

    def first_position(self) -> tuple[int, int]:
        """The 1-based line and column of the first entry's "-", where its list starts."""
        start = self.starts[0]
        dash = self.text.index("-", start)
        return self.text.count("\n", 0, start) + 1, dash - start + 1

    def batches(self) -> Iterator[tuple[list[Node], str, int]]:
        """Each batch's item nodes, the text their marks index into, and how many lines of the
        document come before that text. Raises NotInParts when a part does not compose to
        exactly the entries found (text that only looked like list entries)."""
        tags: dict[str, str] = {}
        lines = self.text.count("\n", 0, self.starts[0])
        for number in range(self.count_parts()):
            node, part = self.compose_part(number, tags)
            try:
                yield node.value, part, lines
            finally:
                free_in_pieces(node)  # read: one entry may hold a million nodes
            lines += part.count("\n")

    def count_parts(self) -> int:
        return -(-len(self.starts) // PART_SIZE)

    def part_span(self, number: int) -> tuple[int, int]:
        """Where part `number`'s text begins and ends."""
        last = (number + 1) * PART_SIZE
        return self.starts[number * PART_SIZE], self.starts[last] if last < len(self.starts) else self.end

    def entries_of(self, number: int) -> range:
        """The indexes of part `number`'s entries."""
        return range(number * PART_SIZE, min((number + 1) * PART_SIZE, len(self.starts)))

    def part_of(self, index: int) -> tuple[int, int]:
        """The number of the part entry `index` is in, and the index of that part's first entry."""
        number = index // PART_SIZE
        return number, number * PART_SIZE

    def compose_part(self, number: int, tags: dict[str, str] | None = None) -> tuple[SequenceNode, str]:
        """Part `number` (its first entry is number * PART_SIZE) as a list node, and its text,
        which the nodes' marks index into; raises NotInParts as `batches` does."""
        begin, end = self.part_span(number)
        part = self.text[begin:end]
        first, last = number * PART_SIZE, (number + 1) * PART_SIZE
        if may_hold_too_many(part):
            raise NotInParts  # read whole, it is refused there if it has too many
        too_large = entry_too_large(part, self.loader)
        if too_large is not None:
            raise EntryTooLarge(too_large, self.text.count("\n", 0, begin))
        try:
            node = _compose_cached(part, self.loader, tags)
        except yaml.YAMLError as exc:
            raise NotInParts from exc
        # A line that only looked like an entry's start is inside a quoted text or a bracket
        # carried over lines; the part before it then ends inside that and fails to compose.
        # The count is a second safeguard, for what that reasoning may have missed.
        if not isinstance(node, SequenceNode) or len(node.value) != min(last, len(self.starts)) - first:
            raise NotInParts
        if "!" in part and _tag_problems(node):
            raise NotInParts
        return node, part


def compose_in_parts(
    text: str, loader: type[yaml.SafeLoader] = DEFAULT_LOADER
) -> tuple[Node, TechniqueParts] | None:
    """The document's fields, as a root node whose `techniques` is empty, and its techniques'
    entries to compose a few at a time; None when the text is not laid out so that they can be
    found by its lines alone (then `compose` reads it whole). That layout is how the app writes
    a catalog and how most people do: `techniques:` at the start of a line, its entries
    block-style "- " lines, then nothing or other fields from the start of a line; every line
    broken with "\n" or "\r\n", no tab in the entries' indentation, no directive (`%TAG`, which
    each part, a document of its own, would not see), and nothing else. Over the limit of
    entries, the validator refuses the parts without composing any (composed whole, the tree of
    a file one over the limit took ~400 MB).

    Whatever it returns composes to the same nodes as `compose` gives (TechniqueParts.batches
    checks each part as it goes), so the validator reports the same problems at the same lines.
    Call it only for a text `refused` has passed."""
    # (str methods, not a regular expression over the whole text: a reading thread holds Python's
    # lock through each call, and one such search of a 9 MB file held up the window for 0.1 s.)
    keys = _techniques_keys(text)
    if len(keys) != 1 or _other_line_breaks(text):
        return None
    first = next(line_matches(_CONTENT_LINE, text, keys[0].end()), None)  # (the key's line ends there)
    if first is None or not _entry_at(text, first.end()):
        return None
    indent = len(first.group(1))
    first_start = first.start() + 1  # where the first entry's line starts
    # A tab where the entries' indentation is read; deeper in (inside a "|" text, say) a part
    # judges it as the whole file does.
    if "\t" in text and a_line_starts(rf" {{0,{indent}}}\t", text):
        return None
    # Every line that starts at the entries' indentation or less with something other than a
    # comment: each is an entry's "-" line, until one at the start of its line that is none (the
    # next field: the list has ended).
    starts = []
    end = len(text)
    for line in line_matches(re.compile(rf"\n {{0,{indent}}}(?=[^ \r\n#])"), text, first.start()):
        line_start, at = line.start() + 1, line.end()  # (after the line break searched for)
        if at - line_start == indent and _entry_at(text, at):
            starts.append(line_start)
        elif at == line_start and not _entry_at(text, at):
            end = at
            break
        else:
            return None
    head_text = text[:first_start]
    if head_text.startswith("%") or "\n%" in head_text:
        return None  # a directive (%TAG, %YAML) would apply to the head's document only
    head = _compose_part(head_text, 0, loader)
    if not isinstance(head, MappingNode) or not head.value:
        return None
    key, value = head.value[-1]
    if key.start_mark.index != keys[0].start() or value.tag != NULL or value.value:
        return None
    if end < len(text):
        if text.startswith(("---", "...", "%"), end):
            return None  # another document
        lines = text.count("\n", 0, end)
        tail = _compose_part(text[end:], lines, loader)
        if not isinstance(tail, MappingNode):
            return None
        move_marks(tail, end - lines)  # (composed after `lines` line breaks, not after `end` characters)
        head.value.extend(tail.value)  # the fields in the file's order, as one mapping
        head.end_mark = tail.end_mark
    if sum(k.value == "techniques" for k, _ in head.value) != 1:  # e.g. "techniques": [] too
        return None
    if "!" in text and _tag_problems(head):
        return None
    return head, TechniqueParts(text, starts, loader, end)


def move_marks(root: Node, by: int, lines: int = 0) -> None:
    """Move the marks of every node under `root` on by `by` characters and `lines` lines: for
    nodes composed from a piece of a text, to index the whole text."""
    nodes = [root]
    while nodes:
        node = nodes.pop()
        start, end = node.start_mark, node.end_mark
        node.start_mark = mark_at(start.index + by, start.line + lines, start.column)
        node.end_mark = mark_at(end.index + by, end.line + lines, end.column)
        if isinstance(node, MappingNode):
            for entry in node.value:
                nodes.extend(entry)
        elif isinstance(node, SequenceNode):
            nodes.extend(node.value)


def mark_at(index: int, line: int, column: int) -> yaml.Mark:
    """A node's mark: where in the text (0-based, as the parser counts)."""
    return yaml.Mark("<text>", index, line, column, None, 0)  # (no copy of the text kept)


def mark_of(text: str, at: int) -> yaml.Mark:
    """The mark of place `at` in `text`."""
    line, column = _line_col(text, at)  # (1-based)
    return mark_at(at, line - 1, column - 1)


def _compose_part(part: str, lines: int, loader: type[yaml.SafeLoader]) -> Node | None:
    """The node of a part of the text that starts after `lines` line breaks (counted in, so that
    its nodes know their lines in the file), or None where it is no YAML document of its own or
    might hold too many nodes (the whole read refuses it then). Raises EntryTooLarge."""
    if may_hold_too_many(part):
        return None
    too_large = entry_too_large(part, loader, ENTRY_DEPTH)
    if too_large is not None:
        raise EntryTooLarge(too_large, lines)
    try:
        return _compose_cached("\n" * lines + part, loader)
    except yaml.YAMLError:
        return None


def _techniques_keys(text: str) -> list[re.Match[str]]:
    """Each line that is `techniques:` alone from the start of a line (a comment may follow)."""
    starts = [0] if text.startswith("techniques") else []
    at = text.find("\ntechniques")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\ntechniques", at + 1)
    return [match for match in (_TECHNIQUES_KEY.match(text, start) for start in starts) if match]


def _other_line_breaks(text: str) -> bool:
    """Whether the text breaks a line other than with "\n" or "\r\n" (YAML also knows "\r",
    U+0085, U+2028 and U+2029): then lines are not found here by "\n"."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return True
    return "\x85" in text or "\u2028" in text or "\u2029" in text


def _entry_at(text: str, at: int) -> bool:
    """Whether a block list entry starts at `at`: "-", then a space or the line's end."""
    return text[at] == "-" and text[at + 1 : at + 2] in ("", " ", "\n", "\r")
