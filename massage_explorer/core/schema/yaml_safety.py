"""What a YAML text must not hold, refused before its node tree is built: anchors and aliases (alias
bombs), nesting deeper than MAX_DEPTH, more than MAX_NODES values (or MAX_ENTRY_NODES in one
technique or term), escapes that are no character; and the pure-Python scanner made to read tabs as
libyaml does, so both loaders judge a file alike. No Qt."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from massage_explorer.core.problems import Problem, Severity
from massage_explorer.core.schema import in_slices
from massage_explorer.core.schema.in_slices import count, line_matches, parser_input
from massage_explorer.core.schema.limits import ANCHORS_LISTED, MAX_DEPTH, MAX_ENTRY_NODES, MAX_NODES


class _TabsAsLibyaml:
    """Pure-Python PyYAML refuses a tab between tokens (`key:<TAB>value`) where libyaml, and the
    YAML specification, take it as white space: it is skipped here where libyaml skips it (inside
    flow collections, and where no key can start, such as after a colon), so a machine without
    libyaml judges a file as one with it does."""

    def scan_to_next_token(self) -> None:
        scanner: Any = self
        if scanner.index == 0 and scanner.peek() == "\ufeff":
            scanner.forward()
        while True:
            while scanner.peek() == " " or (
                scanner.peek() == "\t" and (scanner.flow_level or not scanner.allow_simple_key)
            ):
                scanner.forward()
            if scanner.peek() == "#":
                while scanner.peek() not in "\0\r\n\x85\u2028\u2029":
                    scanner.forward()
            if not scanner.scan_line_break():
                return
            if not scanner.flow_level:
                scanner.allow_simple_key = True


_TABBED: dict[str, type[yaml.SafeLoader]] = {}


def tab_tolerant(loader: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """`loader`, with the pure-Python scanner reading tabs as libyaml does."""
    if not issubclass(loader, yaml.scanner.Scanner):
        return loader  # libyaml's own scanner
    name = f"Tabbed{loader.__name__}"
    if name not in _TABBED:
        _TABBED[name] = type(name, (_TabsAsLibyaml, loader), {})
    return _TABBED[name]


def file_error(message: str, line: int = 0, column: int = 0) -> Problem:
    return Problem(Severity.ERROR, message, line, column)


def refused_before_composing(text: str, loader: type[yaml.SafeLoader]) -> list[Problem]:
    """What must be refused before the node tree is built: anchors and aliases (alias bombs),
    nesting too deep, and escapes that are no character. The events are read (one pass for the
    first two) only when the text could hold one: anchors are written with '&', aliases with '*'."""
    if "&" in text or "*" in text or _may_nest_deeper(text):
        problems = _event_problems(text, loader, max_nodes=None)
        if problems:
            return problems
    if _SURROGATE_ESCAPE.search(text) and not _libyaml_scans(text):
        return _surrogate_problems(text)
    return []


# How deep an entry of a catalog's lists and groups is: in the document, the top-level mapping,
# its field's list or group (`techniques:`), then the entry; in a part of the techniques read
# alone (yaml_nodes.TechniqueParts), the list, then the entry.
ENTRY_DEPTH = 3
PART_ENTRY_DEPTH = 2


def too_many_to_compose(text: str, loader: type[yaml.SafeLoader]) -> list[Problem]:
    """Refused where the text's node tree would take more than MAX_NODES nodes (or, found in
    the same pass, an entry of its lists more than MAX_ENTRY_NODES): counted by the events only
    when the characters that start nodes say it might."""
    if not may_hold_too_many(text):
        return []
    return _event_problems(text, loader, max_nodes=MAX_NODES, entry_depth=ENTRY_DEPTH)


def entry_too_large(
    part: str, loader: type[yaml.SafeLoader], depth: int = PART_ENTRY_DEPTH
) -> Problem | None:
    """Where an entry (at `depth`) of a part of the text read alone holds more than
    MAX_ENTRY_NODES nodes, as a problem located in the part; None where none does. The events
    are counted only when the characters that start nodes say one might."""
    if not may_hold_too_many(part, MAX_ENTRY_NODES):
        return None
    found = _event_problems(part, loader, max_nodes=None, entry_depth=depth)
    return found[-1] if found else None


def large_entry(root: Node) -> Problem | None:
    """The first entry of a composed document's lists and groups (at ENTRY_DEPTH) holding more
    than MAX_ENTRY_NODES nodes, refused as the events pass refuses it; None where none does."""
    for field in _children(root):
        for entry in _children(field):
            span = entry.end_mark.index - entry.start_mark.index
            # (A character starts three nodes at most: most entries need no walk.)
            if 3 * span + 1 > MAX_ENTRY_NODES and _nodes_over(entry, MAX_ENTRY_NODES):
                mark = entry.start_mark
                return _entry_too_large(mark.line + 1, mark.column + 1)
    return None


def _children(node: Node) -> list[Node]:
    """The nodes right under `node`, in the file's order: a mapping's keys and values."""
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    return list(node.value) if isinstance(node, SequenceNode) else []


def _nodes_over(root: Node, limit: int) -> bool:
    """Whether `root` and the nodes under it are more than `limit`, looking at no more than that."""
    stack, seen = [root], 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > limit:
            return True
        if isinstance(node, MappingNode):
            for pair in node.value:
                stack.extend(pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return False


_START_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, *_START_EVENTS)
# How many nodes each character can start, at most: every node but the document's first is an
# entry, a key or a value, and so follows one of these. A block entry's "-" is followed by white
# space or the end of the text; a ":" or "?" starts a key and its value; in flow style a "," starts
# an entry, or a key and its value, and so does the bracket opening the collection, which starts
# that collection too: a "[" two nodes, a "{" three ("{a}" is a mapping, its key and a null).
_BLOCK_ENTRIES = ("- ", "-\n", "-\r", "-\t", "-\x85", "-\u2028", "-\u2029")  # (YAML's line breaks too)
_STARTS_TWO = ":?,["


def may_hold_too_many(text: str, limit: int | None = None) -> bool:
    """False when the text cannot hold more than `limit` nodes (by default MAX_NODES); True when
    it might (then the events tell). An upper bound from the characters that start nodes: prose
    inflates it (for catalogs like the bundled one and loader_bench's, 1.4 to 1.7 times their
    nodes), nothing deflates it."""
    limit = MAX_NODES if limit is None else limit
    if 3 * len(text) + 1 <= limit:
        return False
    others = 1 + 2 * sum(count(text, c) for c in _STARTS_TWO) + 3 * count(text, "{")
    if others + count(text, "-") <= limit:
        return False
    # Every "-" at most: the hyphens of prose made it too many. Counting the two-character block
    # entries leaves them out, but each such count takes three times as long as one character's.
    return others + sum(count(text, dash) for dash in _BLOCK_ENTRIES) + text.endswith("-") > limit


def _event_problems(
    text: str, loader: type[yaml.SafeLoader], *, max_nodes: int | None, entry_depth: int | None = None
) -> list[Problem]:
    """Anchors and aliases (each is refused outright: they allow alias bombs and recursion, and
    the first ANCHORS_LISTED are named), nesting deeper than MAX_DEPTH and, unless `max_nodes`
    is None, more nodes than that, and unless `entry_depth` is None, a list or group at that
    depth (an entry: ENTRY_DEPTH) with more than MAX_ENTRY_NODES nodes, found in one pass over
    the parser's events, which are let go as they are read."""
    problems: list[Problem] = []
    depth = nodes = 0
    entry: tuple[int, int, int] | None = None  # the nodes before the entry read now; its line, column
    try:
        for event in yaml.parse(parser_input(text, loader), Loader=tab_tolerant(loader)):
            mark = event.start_mark
            assert mark is not None  # the parser marks every event
            if isinstance(event, _NODE_EVENTS):
                nodes += 1
                if max_nodes is not None and nodes > max_nodes:
                    message = (
                        f"the file holds more than {max_nodes:,} values by here (each field name, "
                        "text, number and list counts one), too many to read at once, so it was "
                        "not read further. Is this the right file? (A catalog whose techniques "
                        "are '- id:' entries, as the app writes them, is read a few at a time "
                        "and may hold more.)"
                    )
                    return [*problems, file_error(message, mark.line + 1, mark.column + 1)]
                if entry is not None and nodes - entry[0] > MAX_ENTRY_NODES:
                    return [*problems, _entry_too_large(*entry[1:])]
            if isinstance(event, _START_EVENTS):
                depth += 1
                if depth == entry_depth:
                    entry = (nodes - 1, mark.line + 1, mark.column + 1)
                if depth > MAX_DEPTH:
                    message = (
                        f"lists and fields are nested more than {MAX_DEPTH} levels deep here; a "
                        "catalog needs about 7 (is this the right file?)"
                    )
                    return [*problems, file_error(message, mark.line + 1, mark.column + 1)]
            elif isinstance(event, _END_EVENTS):
                if depth == entry_depth:
                    entry = None
                depth -= 1
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            if len(problems) == ANCHORS_LISTED:
                message = (
                    f"more anchors or aliases from here on; remove them all (the first "
                    f"{ANCHORS_LISTED} are listed)"
                )
                return [*problems, file_error(message, mark.line + 1, mark.column + 1)]
            if isinstance(event, yaml.AliasEvent):
                message = f"alias '*{anchor}' is not allowed; write the value out in full instead"
            else:
                message = f"anchor '&{anchor}' is not allowed; remove it and write values out in full"
            problems.append(file_error(message, mark.line + 1, mark.column + 1))
    except yaml.YAMLError:
        pass  # composing reports the syntax error, located
    return problems


def _entry_too_large(line: int, column: int) -> Problem:
    message = (
        f"this entry holds more than {MAX_ENTRY_NODES:,} values (each field name, text, number "
        "and list counts one); a technique with every list full in ten languages holds about "
        "10,000, so the file was not read further. Remove the fields that do not belong in it "
        "(is this the right file?)"
    )
    return file_error(message, line, column)


# A surrogate escape: half of a UTF-16 pair, not a character (libyaml refuses it, PyYAML did not).
_SURROGATE_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")


def _may_nest_deeper(text: str) -> bool:
    """False when the text cannot nest deeper than MAX_DEPTH; True when it might (then the events
    tell). Cheap: a nested flow collection needs a bracket, a nested block one a longer indent
    (or a '- ', '? ' or ': ' at the start of the line); brackets and dashes inside text only make
    the estimate larger, never smaller."""
    deepest = _bracket_depth_bound(text, MAX_DEPTH // 2)
    if deepest >= MAX_DEPTH // 2:
        return True
    # A block level takes two more characters of indentation (or "- "); with the flow levels,
    # a line starting with fewer than `prefix` such characters cannot reach MAX_DEPTH.
    prefix = (MAX_DEPTH - deepest) // 2
    return a_line_starts(rf"[ \t?:-]{{{prefix}}}", text)


def a_line_starts(pattern: str, text: str) -> bool:
    """Whether a line of `text` starts with `pattern`, which matches within a line. Searched as a
    line break and the pattern (the first line on its own), in slices (in_slices.line_matches):
    with MULTILINE, "^" is tried at every character, and such a search of 24 MB took 150 ms in
    one call that holds Python's lock; without it, but whole, 92 ms."""
    if re.match(pattern, text) is not None:
        return True
    return next(line_matches(re.compile("\n" + pattern), text), None) is not None


# A text's brackets alone, as bytes, and "{}" written "[]": UTF-8 writes no other character with
# these bytes.
_ALL_BUT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_BRACES_AS_BRACKETS = bytes.maketrans(b"{}", b"[]")


def _bracket_depth_bound(text: str, enough: int) -> int:
    """A depth the text's brackets never nest deeper than (any closing one closing the last
    opened), or `enough` once that is reached. By passes in C over the brackets alone, each
    taking out every "[]" next to each other: a pair nested n deep goes in the n-th pass, and
    what no pass takes out (some "]", then some "[") can only add its "[" to that. (A loop in
    Python over the brackets took 10 s for a 24 MB file of them in comments.)"""
    brackets = b"".join(  # (a slice at a time: whole, 24 MB took 26 ms holding Python's lock)
        text[start : start + in_slices.SLICE_CHARS]
        .encode("utf-8", "surrogatepass")
        .translate(_BRACES_AS_BRACKETS, _ALL_BUT_BRACKETS)
        for start in range(0, len(text), in_slices.SLICE_CHARS)
    )
    passes = 0
    while passes < enough:
        fewer = brackets.replace(b"[]", b"")
        if len(fewer) == len(brackets):
            break
        brackets, passes = fewer, passes + 1
    return min(enough, passes + brackets.count(b"["))


def _libyaml_scans(text: str) -> bool:
    """Whether libyaml is here and scans the text to its end: then no double-quoted text holds a
    surrogate escape, which it refuses, and the slow look for them is not needed (a comment or
    an unquoted text can hold one; it is no escape there)."""
    if not hasattr(yaml, "CSafeLoader"):
        return False
    try:
        for _ in yaml.scan(parser_input(text, yaml.CSafeLoader), Loader=yaml.CSafeLoader):
            pass
    except yaml.YAMLError:
        return False
    return True


def _surrogate_problems(text: str) -> list[Problem]:
    """The first double-quoted text holding a surrogate escape, named. The pure-Python scanner,
    whatever the loader: libyaml stops at the escape without saying which. It takes about 2 s a
    megabyte, so it stops at the first: after it is fixed, the next check finds the next."""
    try:
        for token in yaml.scan(text, Loader=tab_tolerant(yaml.SafeLoader)):
            value = getattr(token, "value", "")
            if getattr(token, "style", None) == '"' and any("\ud800" <= c <= "\udfff" for c in value):
                mark = token.start_mark
                message = (
                    "a \\u escape here is half of a character pair (a surrogate), not a character; "
                    "write the character itself, or one \\U escape of 8 digits, e.g. \\U0001F600"
                )
                return [file_error(message, mark.line + 1, mark.column + 1)]
    except yaml.YAMLError:
        pass
    return []
