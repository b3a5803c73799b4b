"""Turn catalog bytes into a YAML node tree safely: size cap, UTF-8, no aliases, no tags. No Qt.

Nodes (not Python objects) are kept so every value still knows its line and column, and so nothing in
the file is ever constructed or executed: tags are only looked at, never acted on.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from massage_explorer.core.problems import Problem, Severity
from massage_explorer.core.schema.limits import MAX_BYTES, MAX_DEPTH

# CSafeLoader parses in C; SafeLoader is the pure-Python fallback. Both resolve and compose the same.
DEFAULT_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAML_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_ALLOWED_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, YAML_TAG + "seq", YAML_TAG + "map"})
_LEADING_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)


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


class _CachedResolve:
    """Remembers which implicit tag each plain scalar resolves to.

    A catalog repeats the same plain words thousands of times (field names, grades, pressure
    words), and resolving each one again runs up to a dozen regular expressions in Python.
    """

    _tags: dict[str, str]

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._tags.get(value)
            if tag is None:
                tag = self._tags[value] = super().resolve(kind, value, implicit)  # type: ignore[misc]
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[misc]


_FAST_LOADERS: dict[str, type[yaml.SafeLoader]] = {}


def _fast(loader: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    name = f"Cached{loader.__name__}"
    if name not in _FAST_LOADERS:
        _FAST_LOADERS[name] = type(name, (_CachedResolve, _parsing(loader)), {})
    return _FAST_LOADERS[name]


def _parsing(loader: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """`loader`, with the pure-Python scanner reading tabs as libyaml does."""
    if not issubclass(loader, yaml.scanner.Scanner):
        return loader  # libyaml's own scanner
    name = f"Tabbed{loader.__name__}"
    if name not in _FAST_LOADERS:
        _FAST_LOADERS[name] = type(name, (_TabsAsLibyaml, loader), {})
    return _FAST_LOADERS[name]


def _compose_cached(text: str, loader: type[yaml.SafeLoader]) -> Node | None:
    parser = _fast(loader)(text)
    parser._tags = {}  # type: ignore[attr-defined]
    try:
        node: Node | None = parser.get_single_node()
        return node
    finally:
        parser.dispose()


def _error(message: str, line: int = 0, column: int = 0) -> Problem:
    return Problem(Severity.ERROR, message, line, column)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a byte-order mark is allowed), or a located problem naming the bad byte."""
    if len(data) > MAX_BYTES:
        return None, [
            _error(
                f"the file is over the {MAX_BYTES // (1024 * 1024)} MB limit for a catalog; "
                "it was not read (is this the right file?)"
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", errors="replace")
        line, column = _line_col(prefix, len(prefix))
        return None, [
            _error(
                f"byte 0x{data[exc.start]:02X} is not UTF-8 text; save the file with UTF-8 "
                "encoding (most editors offer it under 'Save As' or 'Encoding')",
                line,
                column,
            )
        ]
    return text, []


def _mark_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = exc.problem or "YAML syntax error"
    if exc.context:
        what = f"{exc.context}, {what}"
    message = f"YAML syntax: {what}"
    tab = _LEADING_TAB.search(text, 0, _offset_of_line(text, line + 1))
    if tab:
        line, column = _line_col(text, tab.end() - 1)
        message = "a tab is used for indentation; YAML needs spaces: replace the tab with spaces"
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        message += " (check the indentation and that each field is 'name: value')"
    return _error(message, line, column)


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(max(line - 1, 0)):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> Problem:
    line, column = _line_col(text, min(exc.position, len(text)))
    return _error(
        f"character U+{exc.character:04X} is not allowed in YAML; delete it "
        "(it is often pasted in by accident)"
        if isinstance(exc.character, int)
        else "a character here is not allowed in YAML; delete it",
        line,
        column,
    )


def _anchor_problems(text: str, loader: type[yaml.SafeLoader]) -> list[Problem]:
    """Anchors and aliases are refused outright: they allow alias bombs and recursion."""
    problems = []
    for event in yaml.parse(text, Loader=_parsing(loader)):
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            continue
        mark = event.start_mark
        assert mark is not None  # the parser marks every event
        if isinstance(event, yaml.AliasEvent):
            message = f"alias '*{anchor}' is not allowed; write the value out in full instead"
        else:
            message = f"anchor '&{anchor}' is not allowed; remove it and write values out in full"
        problems.append(_error(message, mark.line + 1, mark.column + 1))
    return problems


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
            problems.append(_error(message, mark.line + 1, mark.column + 1))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return problems


def _before_composing(text: str, loader: type[yaml.SafeLoader]) -> list[Problem]:
    """What must be refused before the node tree is built: anchors and aliases (alias bombs),
    nesting too deep, and escapes that are no character. Each costs a pass only when the text
    could hold it."""
    # Anchors can only be written with '&' and aliases with '*': skip the event pass otherwise.
    if "&" in text or "*" in text:
        problems = _anchor_problems(text, loader)
        if problems:
            return problems
    if _may_nest_deeper(text):
        problems = _depth_problems(text, loader)
        if problems:
            return problems
    if _SURROGATE_ESCAPE.search(text):
        return _surrogate_problems(text)
    return []


_NOT_ONLY_COMMENTS = re.compile(r"(?m)^[ \t]*[^\s#]")  # a line that is not blank nor a comment
_BRACKETS = re.compile(r"[\[\]{}]")
# A surrogate escape: half of a UTF-16 pair, not a character (libyaml refuses it, PyYAML did not).
_SURROGATE_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")


def _may_nest_deeper(text: str) -> bool:
    """False when the text cannot nest deeper than MAX_DEPTH; True when it might (then the events
    tell). Cheap: a nested flow collection needs a bracket, a nested block one a longer indent
    (or a '- ', '? ' or ': ' at the start of the line); brackets and dashes inside text only make
    the estimate larger, never smaller."""
    flow = deepest = 0
    for match in _BRACKETS.finditer(text):
        flow = flow + 1 if match.group() in "[{" else max(flow - 1, 0)
        deepest = max(deepest, flow)
        if deepest >= MAX_DEPTH // 2:
            return True
    # A block level takes two more characters of indentation (or "- "); with the flow levels,
    # a line starting with fewer than `prefix` such characters cannot reach MAX_DEPTH. (Searched
    # as a line break and the run: one pass in C, where an anchored search took 90 ms at 9 MB.)
    prefix = (MAX_DEPTH - deepest) // 2
    run = rf"[ \t?:-]{{{prefix}}}"
    return re.match(run, text) is not None or re.search(rf"\n{run}", text) is not None


def _depth_problems(text: str, loader: type[yaml.SafeLoader]) -> list[Problem]:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_parsing(loader)):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    assert mark is not None  # the parser marks every event
                    message = (
                        f"lists and fields are nested more than {MAX_DEPTH} levels deep here; a "
                        "catalog needs about 7 (is this the right file?)"
                    )
                    return [_error(message, mark.line + 1, mark.column + 1)]
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # composing reports the syntax error, located
    return []


def _surrogate_problems(text: str) -> list[Problem]:
    problems = []
    try:
        # The pure-Python scanner, whatever the loader: libyaml stops at the escape without
        # saying which; this says what it is and what to write instead.
        for token in yaml.scan(text, Loader=_parsing(yaml.SafeLoader)):
            value = getattr(token, "value", "")
            if getattr(token, "style", None) == '"' and any("\ud800" <= c <= "\udfff" for c in value):
                mark = token.start_mark
                problems.append(
                    _error(
                        "a \\u escape here is half of a character pair (a surrogate), not a "
                        "character; write the character itself, or one \\U escape of 8 digits, "
                        "e.g. \\U0001F600",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
    except yaml.YAMLError:
        pass
    return problems


def compose(text: str, loader: type[yaml.SafeLoader] = DEFAULT_LOADER) -> tuple[Node | None, list[Problem]]:
    """The document's root node, or the problems that stop it from being read at all."""
    if _NOT_ONLY_COMMENTS.search(text) is None:
        return None, [_error("the file is empty; a catalog starts with 'schema_version: 1'", 1, 1)]
    try:
        problems = _before_composing(text, loader)
        if problems:
            return None, problems
        root = _compose_cached(text, loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_mark_problem(exc, text)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, text)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors without a mark
        return None, [_error(f"YAML syntax: {exc}")]
    if root is None:
        return None, [_error("the file is empty; a catalog starts with 'schema_version: 1'", 1, 1)]
    if "!" in text:
        problems = _tag_problems(root)
        if problems:
            return None, problems
    return root, []
