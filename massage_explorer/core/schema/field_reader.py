"""Readers for single catalog fields from YAML nodes, reporting located problems. No Qt.

Every reader takes the node and its Location (the item and field it is: "technique 'swedish',
benefits[2].evidence") and returns the value, or None after recording a problem; callers keep
going so that all problems in a file are reported in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Iterable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from massage_explorer.core.catalog import Text
from massage_explorer.core.problems import Location, Problem, Severity, keep_first
from massage_explorer.core.schema.limits import MAX_DIGITS, MAX_SUGGESTIONS, characters, shown
from massage_explorer.core.schema.limits import items as items_limit
from massage_explorer.core.schema.yaml_nodes import BOOL, FLOAT, INT, NULL, STR, TIMESTAMP

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_PLAIN_INT = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\Z")
# Problems a reading may hold before its first `keep` of each kind are kept again.
KEEP_AGAIN_AT = 20

_TYPE_NAMES = {
    BOOL: "true/false",
    INT: "a number",
    FLOAT: "a number",
    NULL: "empty",
    TIMESTAMP: "a date",
}


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{shown(close[0])}'?)" if close else ""


def kind_of(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    return _TYPE_NAMES.get(node.tag, "text")


class FieldReader:
    """Collects problems while fields are read; one per file being checked."""

    def __init__(self, line_offset: int = 0) -> None:
        """`line_offset`: lines of the document before the text being read, when a part of it is
        read alone (the editor's check reads one technique at a time): added to every line."""
        self.problems: list[Problem] = []
        self.error_count = 0
        self.line_offset = line_offset
        # Set, only the first `keep` errors and the first `keep` warnings are kept in `problems`
        # and the rest counted in `left_out` (keep_first): a file of 490,000 mistakes took 190 MB
        # for them, and one that loads may have as many warnings. `kept_again` counts those
        # keepings.
        self.keep: int | None = None
        self.left_out = (0, 0)
        self.kept_again = 0
        # How many messages quote a line number: their text, not only their line, moves with the
        # part read (so the editor's check reads such a part again when lines before it change).
        self.lines_quoted = 0
        self._suggestions_left = MAX_SUGGESTIONS
        self._suggested: dict[tuple[str, int], str] = {}

    def suggest(self, word: str, choices: Collection[str]) -> str:
        """`suggest`, within this file's budget of MAX_SUGGESTIONS unknown words: each costs a pass
        over `choices`, which may be thousands of ids. The same unknown word costs one pass."""
        key = (word, id(choices))
        if key in self._suggested:
            return self._suggested[key]
        if self._suggestions_left <= 0:
            return ""
        self._suggestions_left -= 1
        hint = self._suggested[key] = suggest(word, choices)
        return hint

    def error(self, node: Node | None, where: Location, text: str) -> None:
        self.error_count += 1
        self._add(Severity.ERROR, node, where, text)

    def warn(self, node: Node | None, where: Location, text: str) -> None:
        self._add(Severity.WARNING, node, where, text)

    @property
    def suggestions_used(self) -> int:
        """Unknown words compared with the known ones so far, out of MAX_SUGGESTIONS."""
        return MAX_SUGGESTIONS - self._suggestions_left

    def line_of(self, node: Node) -> int:
        """The 1-based line `node` starts on, for quoting in a message ("first on line 12")."""
        self.lines_quoted += 1
        return self.position(node)[0]

    def position(self, node: Node) -> tuple[int, int]:
        """The 1-based line and column `node` starts at in the whole document."""
        mark = node.start_mark
        return mark.line + 1 + self.line_offset, mark.column + 1

    def error_at(self, position: tuple[int, int], where: Location, text: str) -> None:
        """`error` at a line and column (of a node that is no longer at hand)."""
        self.error_count += 1
        self.problems.append(Problem(Severity.ERROR, text, *position, where))
        self._bound()

    def warn_at(self, position: tuple[int, int], where: Location, text: str) -> None:
        """`warn` at a line and column (of a node that is not at hand)."""
        self.problems.append(Problem(Severity.WARNING, text, *position, where))
        self._bound()

    def _add(self, severity: Severity, node: Node | None, where: Location, text: str) -> None:
        line, column = (0, 0) if node is None else self.position(node)
        self.problems.append(Problem(severity, text, line, column, where))
        self._bound()

    def _bound(self) -> None:
        """Keep the first `keep` problems of each kind once there are KEEP_AGAIN_AT times as many."""
        if self.keep is not None and len(self.problems) >= KEEP_AGAIN_AT * self.keep:
            self.keep_first()

    def keep_first(self) -> None:
        """Keep only the first `keep` problems of each kind now (where `keep` is set)."""
        if self.keep is not None:
            self.problems, errors, warnings = keep_first(self.problems, self.keep)
            self.left_out = (self.left_out[0] + errors, self.left_out[1] + warnings)
            self.kept_again += 1

    # -- structure --------------------------------------------------------------------------------

    def fields(
        self,
        node: Node,
        where: Location,
        allowed: tuple[str, ...],
        required: tuple[str, ...] = (),
    ) -> dict[str, Node] | None:
        """A mapping's values by key, after checking for duplicate, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            self.error(node, where, f"expected {_kind_wanted(allowed)}, found {kind_of(node)}")
            return None
        found: dict[str, Node] = {}
        first_key: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or key_node.tag not in (STR, BOOL, INT, NULL, FLOAT):
                self.error(key_node, where, "a field name must be a plain word")
                continue
            if key in found:
                line = self.line_of(first_key[key])
                self.error(
                    key_node,
                    where,
                    f"duplicate field '{shown(key)}' (first on line {line}); YAML would keep "
                    "only the last one silently: remove one",
                )
                continue
            if key not in allowed:
                hint = self.suggest(key, allowed) or f"; the fields here are {', '.join(allowed)}"
                self.error(key_node, where, f"unknown field '{shown(key)}'{hint}")
                continue
            found[key] = value_node
            first_key[key] = key_node
        for key in required:
            if key not in found:
                self.error(node, where, f"missing required field '{key}'")
        return found

    def items(self, node: Node, where: Location, what: str) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            limit = items_limit(where)
            if len(node.value) > limit:
                self.error(node, where, too_many(len(node.value), what, limit))
                return None
            return list(node.value)
        self.error(node, where, f"expected a list of {what}, found {kind_of(node)}")
        return None

    # -- scalars ----------------------------------------------------------------------------------

    def string(self, node: Node, where: Location, *, empty_ok: bool = False) -> str | None:
        """A text scalar; YAML 1.1 values that are not text (no, 010, 1:30, dates) are refused."""
        if not isinstance(node, ScalarNode):
            self.error(node, where, f"expected text, found {kind_of(node)}")
            return None
        if node.tag != STR:
            if node.tag == NULL:
                if not node.value:
                    self.error(node, where, "is empty; write the text after the colon")
                    return None
                self.error(
                    node, where, f"'{shown(node.value)}' is read as empty; quote it: \"{shown(node.value)}\""
                )
                return None
            read_as = {BOOL: "true/false", INT: "a number", FLOAT: "a number", TIMESTAMP: "a date"}
            self.error(
                node,
                where,
                f"'{shown(node.value)}' is read as {read_as.get(node.tag, 'a non-text value')}, "
                f'not text; quote it: "{shown(node.value)}"',
            )
            return None
        if not empty_ok and not node.value.strip():
            self.error(node, where, "is empty; write the text or remove the field")
            return None
        value: str = node.value
        limit = characters(where)
        if len(value) > limit:
            self.error(
                node,
                where,
                f"{len(value):,} characters, over the limit of {limit:,} for this field; shorten it",
            )
            return None
        return value

    def integer(self, node: Node, where: Location) -> int | None:
        """A whole number written plainly; YAML 1.1's octal, base-60 and hex forms are refused."""
        if not isinstance(node, ScalarNode):
            self.error(node, where, f"expected a whole number, found {kind_of(node)}")
            return None
        value = node.value
        if len(value) > MAX_DIGITS and node.tag in (INT, FLOAT, STR):
            self.error(
                node,
                where,
                f"'{shown(value)}' is {len(value):,} characters long; a number here has at most "
                f"{MAX_DIGITS} digits",
            )
            return None
        if node.tag == INT and _PLAIN_INT.match(value):
            return int(value)
        if node.tag == INT:
            if _SEXAGESIMAL.match(value):
                self.error(
                    node,
                    where,
                    f"'{value}' is read by YAML as a base-60 number; write the "
                    f"minutes as one plain number, e.g. {_sexagesimal_minutes(value)}",
                )
            elif value.lstrip("+-")[:2].lower() in ("0x", "0b"):
                base = "hexadecimal" if value.lstrip("+-")[1] in "xX" else "binary"
                self.error(
                    node,
                    where,
                    f"'{value}' is a {base} number to YAML; write it as a plain whole number"
                    + _as_decimal(value),
                )
            elif value.lstrip("+-").startswith("0"):
                self.error(
                    node,
                    where,
                    f"'{value}' has a leading zero, which YAML may read as an octal number; "
                    f"write it without the zero: {value.lstrip('+-0') or '0'}",
                )
            else:
                self.error(node, where, f"write '{value}' as a plain whole number, e.g. 60")
            return None
        if node.tag == STR and node.style in ("'", '"') and _PLAIN_INT.match(value):
            self.error(node, where, "expected a number, found quoted text; remove the quotes")
            return None
        self.error(node, where, f"expected a whole number, found {kind_of(node)} '{shown(value)}'")
        return None

    def date(self, node: Node, where: Location) -> dt.date | None:
        if isinstance(node, ScalarNode) and node.tag in (TIMESTAMP, STR):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                pass
        found = shown(node.value) if isinstance(node, ScalarNode) else kind_of(node)
        self.error(node, where, f"'{found}' is not a date; write it as YYYY-MM-DD, e.g. 2025-06-01")
        return None

    def word(self, node: Node, where: Location, choices: tuple[str, ...], what: str) -> str | None:
        """One of a fixed set of words (pressure, evidence grade)."""
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            self.error(
                node,
                where,
                f"'{shown(node.value)}' is read as true/false; use one of {', '.join(choices)}",
            )
            return None
        value = self.string(node, where)
        if value is None:
            return None
        if value not in choices:
            self.error(
                node,
                where,
                f"unknown {what} '{shown(value)}'; use one of {', '.join(choices)}"
                f"{self.suggest(value, choices)}",
            )
            return None
        return value

    def slug(self, node: Node, where: Location) -> str | None:
        value = self.string(node, where)
        if value is not None and not SLUG.match(value):
            self.error(
                node,
                where,
                f"'{shown(value)}' is not a valid id; use lowercase letters, digits and single "
                f"hyphens, e.g. '{_slugify(value)}'",
            )
            return None
        return value

    def text(self, node: Node, where: Location, languages: tuple[str, ...]) -> Text | None:
        """TEXT: a string in the default language, or a mapping language -> string."""
        if not isinstance(node, MappingNode):
            value = self.string(node, where)
            return None if value is None else Text(((languages[0], value),))
        values: dict[str, str] = {}
        ok = True
        for key_node, value_node in node.value:
            language = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(language, str) or language not in languages:
                self.error(
                    key_node,
                    where,
                    f"language '{language}' is not in the catalog's languages "
                    f"({', '.join(languages)}); add it to 'languages' or remove this line"
                    f"{self.suggest(str(language), languages)}",
                )
                ok = False
            elif language in values:
                self.error(key_node, where, f"'{language}' is given twice; remove one")
                ok = False
            else:
                value = self.string(value_node, where.in_language(language))
                if value is None:
                    ok = False
                else:
                    values[language] = value
        if languages[0] not in values and ok:
            self.error(node, where, f"has no text in the default language '{languages[0]}'")
            return None
        if not ok:
            return None
        return Text(tuple((lang, values[lang]) for lang in languages if lang in values))


def _kind_wanted(allowed: tuple[str, ...]) -> str:
    return f"fields ({', '.join(allowed[:4])}{', ...' if len(allowed) > 4 else ''})"


def _sexagesimal_minutes(value: str) -> str:
    total = 0
    for part in value.lstrip("+-").replace("_", "").split(":"):
        total = total * 60 + int(part)
    return str(total)


def _slugify(value: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "my-id"


def too_many(count: int, what: str, limit: int) -> str:
    """'12,001 techniques, over the limit of 12,000': a list read whole or counted unread."""
    return f"{count:,} {what}, over the limit of {limit:,}"


def _as_decimal(value: str) -> str:
    """': 30' for '0x1E' (what YAML reads it as), or nothing where Python reads it otherwise."""
    try:
        return f": {int(value.replace('_', ''), 0)}"
    except ValueError:
        return ""
