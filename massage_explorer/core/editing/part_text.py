"""A technique's part of the dump, written without PyYAML's emitter where its text is certain. No Qt.

`dump_technique` runs PyYAML's pure-Python emitter, about 1 ms a technique: most of the editor's
first check at 5,000 techniques. The dump's layout is simple (block mappings and lists indented
by two, no line ever folded, a `|` block for text with line breaks), so for the values whose style
PyYAML's rules make certain (a plain word or sentence, one in single quotes, a literal block) the
same text is written here directly; for anything else (a character it would escape, text ending in
a blank line, a key it would quote) `technique_text` gives None and PyYAML writes it. A property
test compares the two (`tests/core/editing/test_part_text.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from massage_explorer.core.catalog import Technique
from massage_explorer.core.schema.dump import Block, Flow, _Dumper, technique_data

# Characters PyYAML writes as they are with allow_unicode (line breaks and U+FEFF excepted).
_AS_IS = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe"
_LINE = re.compile(f"[{_AS_IS}]*")
_LINES = re.compile(f"[\n{_AS_IS}]*")
# What keeps a one-line string from being written plain in a block (PyYAML's analyze_scalar):
# an indicator first, ': ' or ' #' inside, a space first or last, a document marker.
_NOT_PLAIN = re.compile(r"\A(?:---|\.\.\.|[#,\[\]{}&*!|>'\"%@`]|[-?:](?: |\Z)| )|:(?: |\Z)| #| \Z")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")  # a pressure word in a flow list: plain there too
_STR = "tag:yaml.org,2002:str"
_MAX_SIMPLE_KEY = 128
# Short strings already written, and how: a few thousand at most (a dict read from two threads
# at once gives the same answers, whoever wrote the entry).
_SHORT = 40
_SHORT_KEPT = 4096
_short: dict[str, str] = {}


class _Unsure(Exception):
    """A value whose text PyYAML's rules do not make certain here: PyYAML writes the part."""


def technique_text(technique: Technique, *, first: bool) -> str | None:
    """`dump_technique(technique, first=first)`, or None where it could differ from it."""
    out: list[str] = [] if first else ["\n"]
    try:
        _mapping(technique_data(technique), 4, "  - ", out)
    except _Unsure:
        return None
    return "".join(out)


# The dump's own rules for what a plain word reads as (a number, a date, true/false…).
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = _Dumper.yaml_implicit_resolvers


def _detected(value: str) -> str:
    """The tag a plain `value` would be read as (PyYAML's implicit resolvers)."""
    for tag, pattern in _RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STR


def _scalar(value: object) -> str:
    """A value on one line, as PyYAML writes it in a block (never in a flow list, never a key)."""
    if type(value) is str:
        if len(value) <= _SHORT and (known := _short.get(value)) is not None:
            return known  # field names, ids, grades and levels come again and again
        if not _LINE.fullmatch(value):
            raise _Unsure
        if value and not _NOT_PLAIN.search(value) and _detected(value) == _STR:
            written = value
        else:
            written = "'" + value.replace("'", "''") + "'"
        if len(value) <= _SHORT and len(_short) < _SHORT_KEPT:
            _short[value] = written
        return written
    if type(value) is int:
        return str(value)
    if type(value) is dt.date:
        return value.isoformat()
    raise _Unsure  # a Block (a '|' block here), or a type the dump does not write


def _literal(value: str, indent: int) -> str:
    """A '|' block (its header, then its lines `indent` spaces in), where PyYAML writes one."""
    if not _LINES.fullmatch(value) or value.endswith((" ", "\n\n")) or value == "\n" or " \n" in value:
        raise _Unsure  # escaped or quoted instead, or a '+' block (which may end the document)
    hints = ("2" if value[0] in " \n" else "") + ("" if value.endswith("\n") else "-")
    body = value[:-1] if value.endswith("\n") else value
    pad = " " * indent
    return f"|{hints}\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in body.split("\n"))


def _flow(values: Flow) -> str:
    items = []
    for value in values:
        if type(value) is int:
            items.append(str(value))
        elif isinstance(value, str) and _WORD.fullmatch(value) and _detected(value) == _STR:
            items.append(value)
        else:
            raise _Unsure
    return "[" + ", ".join(items) + "]"


def _value(head: str, value: Any, indent: int, out: list[str]) -> None:
    """`head` ('key:' or '- ' with what comes before it) and the value after it, `indent` being
    the column of the key or of the dash."""
    if isinstance(value, Flow):
        out.append(f"{head} {_flow(value)}\n")
    elif isinstance(value, dict):
        if not value:
            raise _Unsure
        out.append(head + "\n")
        _mapping(value, indent + 2, " " * (indent + 2), out)
    elif isinstance(value, list):
        if not value:
            out.append(f"{head} []\n")
            return
        out.append(head + "\n")
        _sequence(value, indent + 2, out)
    elif isinstance(value, Block):
        out.append(f"{head} {_literal(value, indent + 2)}")
    else:
        out.append(f"{head} {_scalar(value)}\n")


def _mapping(entries: dict[Any, Any], indent: int, first: str, out: list[str]) -> None:
    """A block mapping whose keys are at column `indent`; the first line starts with `first`."""
    pad = " " * indent
    start = first
    for key, value in entries.items():
        if not isinstance(key, str) or len(key) >= _MAX_SIMPLE_KEY or _scalar(key) != key:
            raise _Unsure  # a key PyYAML would quote or write as '? key'
        _value(start + key + ":", value, indent, out)
        start = pad


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    """A block list whose dashes are at column `indent`."""
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            if not item:
                raise _Unsure
            _mapping(item, indent + 2, pad + "- ", out)
        elif isinstance(item, Block):
            out.append(f"{pad}- {_literal(item, indent + 2)}")
        elif isinstance(item, list):
            raise _Unsure
        else:
            out.append(f"{pad}- {_scalar(item)}\n")
