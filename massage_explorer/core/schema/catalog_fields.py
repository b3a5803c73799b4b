"""Catalog values that mean something beyond their YAML type: patient texts (translations and
reading level), pressure and session ranges, review dates, pictures and references to the
vocabularies. The validator (validator.py) reads the document's structure with them. No Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Set
from pathlib import Path, PurePosixPath

from yaml.nodes import MappingNode, Node, ScalarNode

from massage_explorer.core.catalog import (
    MAX_MINUTES,
    MIN_MINUTES,
    Pressure,
    Range,
    Text,
)
from massage_explorer.core.languages import english_name
from massage_explorer.core.problems import Location
from massage_explorer.core.readability import reading_problem
from massage_explorer.core.schema.field_reader import FieldReader
from massage_explorer.core.schema.limits import CHARACTERS, shown

PRESSURE_WORDS = tuple(p.word for p in Pressure)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
# How each kind of picture the app shows begins; what a wrong one may be, for the message (a
# phone's photo renamed to .jpg is a HEIC file, which the app cannot show).
_PICTURE_STARTS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
_OTHER_KINDS = (
    (b"ftypheic", "a HEIC photo (as phones save them)"),
    (b"ftypheix", "a HEIC photo (as phones save them)"),
    (b"ftypmif1", "a HEIF photo (as phones save them)"),
    (b"WEBP", "a WebP picture"),
    (b"GIF8", "a GIF picture"),
    (b"%PDF", "a PDF document"),
)


def _not_a_picture(path: Path) -> str:
    """Why the file at `path` is no PNG, JPEG or SVG picture, from its first bytes ("" when it
    starts as one does). By what it holds, not its name: the app reads a PNG named .jpg."""
    try:
        with path.open("rb") as file:
            head = file.read(64)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if head.startswith(_PICTURE_STARTS) or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return ""  # a PNG, a JPEG, or text starting with a tag (an SVG: the app checks the rest)
    kind = next((name for mark, name in _OTHER_KINDS if mark in head[:16]), "")
    return (
        f"is {kind}, not a PNG, JPEG or SVG picture" if kind else "is not a PNG, JPEG or SVG picture inside"
    )


STALE_YEARS = 5


class CatalogFieldReader(FieldReader):
    """Reads catalog values, knowing the catalog's languages, its folder and today's date."""

    def __init__(self, base_dir: Path | None, today: dt.date, line_offset: int = 0) -> None:
        super().__init__(line_offset)
        self.base_dir = base_dir
        self.today = today
        self.languages: tuple[str, ...] = ("en",)

    def patient_text(self, node: Node, where: Location) -> Text | None:
        """A TEXT a patient reads: also checked for missing translations and reading level."""
        text = self.text(node, where, self.languages)
        if text is None:
            return None
        default = self.languages[0]
        for language in self.languages[1:]:
            if not text.has(language):
                self.warn(
                    node,
                    where.in_language(language),
                    f"no {english_name(language)} translation; patients will see the "
                    f"{english_name(default)} ({default}) text",
                )
        for language, value in text.pairs:
            hard = reading_problem(language, value)
            if hard is not None:
                self.warn(_language_node(node, language), where.in_language(language), hard)
        return text

    def pressure(self, node: Node, where: Location) -> Range | None:
        return self._range(node, where, self._pressure_value, "pressure", "[light, firm]")

    def minutes(self, node: Node, where: Location) -> Range | None:
        return self._range(node, where, self._minutes_value, "session length", "[30, 60]")

    def _pressure_value(self, node: Node, where: Location) -> int | None:
        word = self.word(node, where, PRESSURE_WORDS, "pressure")
        return None if word is None else Pressure.from_word(word).value

    def _minutes_value(self, node: Node, where: Location) -> int | None:
        value = self.integer(node, where)
        if value is not None and not MIN_MINUTES <= value <= MAX_MINUTES:
            self.error(node, where, f"{value} minutes is outside {MIN_MINUTES} to {MAX_MINUTES}")
            return None
        return value

    def _range(
        self,
        node: Node,
        where: Location,
        read_one: Callable[[Node, Location], int | None],
        what: str,
        example: str,
    ) -> Range | None:
        if not isinstance(node, ScalarNode):
            items = self.items(node, where, f"two values, low then high, e.g. {example}")
            if items is None:
                return None
            if len(items) != 2:
                self.error(node, where, f"a range has two values, low then high, e.g. {example}")
                return None
            low, high = read_one(items[0], where), read_one(items[1], where)
            if low is None or high is None:
                return None
            if low > high:
                self.error(
                    node,
                    where,
                    f"the {what} range is reversed; write it low to high: "
                    f"[{items[1].value}, {items[0].value}]",
                )
                return None
            return Range(low, high)
        value = read_one(node, where)
        return None if value is None else Range(value, value)

    def reviewed(self, node: Node, where: Location) -> dt.date | None:
        date = self.date(node, where)
        if date is None:
            return None
        if date > self.today:
            self.error(node, where, f"{date} is in the future; use the date it was checked")
        elif (self.today - date).days > 365.25 * STALE_YEARS:
            self.warn(
                node,
                where,
                f"evidence last reviewed {date}, over {STALE_YEARS} years ago; "
                "check it again and update 'reviewed'",
            )
        return date

    def image(self, node: Node, where: Location) -> str | None:
        value = self.string(node, where)
        if value is None:
            return None
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            self.error(node, where, "the file name holds a control character (a tab or a line break?); "
                                    "write the picture's file name only")  # fmt: skip
            return None
        relative = PurePosixPath(value.replace("\\", "/"))
        if relative.is_absolute() or ":" in value or ".." in relative.parts:
            self.error(node, where, f"'{shown(value)}' is outside the catalog's folder; put the "
                             "image in that folder and give its path relative to it")  # fmt: skip
            return None
        if relative.suffix.lower() not in IMAGE_SUFFIXES:
            self.error(node, where, f"'{shown(value)}' is not a PNG, JPEG or SVG image")
            return None
        if self.base_dir is not None:
            try:
                base = self.base_dir.resolve()
                target = (base / relative).resolve()
                inside, exists = target.is_relative_to(base), target.is_file()
            except (OSError, ValueError) as exc:  # a name too long for the file system, a loop
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.error(node, where, f"'{shown(value)}' cannot be looked for: {reason}")
                return None
            if not inside:
                self.error(node, where, f"'{shown(value)}' leads outside the catalog's folder")
                return None
            if not exists:
                self.error(node, where, f"no image file '{shown(value)}' next to the catalog")
                return None
            unreadable = _not_a_picture(target)
            if unreadable:
                self.warn(node, where, f"'{shown(value)}' {unreadable}; the screen would show no picture: "
                                       "save it again as a PNG or JPEG picture")  # fmt: skip
        return relative.as_posix()

    def reference(self, node: Node, where: Location, known: Set[str], vocabulary: str) -> str | None:
        value = self.string(node, where)
        if value is not None and value not in known:
            # Only ids of a plausible length are compared with the known ones.
            hint = self.suggest(value, known) if len(value) <= CHARACTERS["id"] else ""
            self.error(
                node,
                where,
                f"'{shown(value)}' is not defined under '{vocabulary}'{hint}; add it there or fix the id",
            )
            return None
        return value

    def references(self, node: Node, where: Location, known: Set[str], vocabulary: str) -> tuple[str, ...]:
        """A list of ids from `vocabulary`, each once: a technique's `good_for`, the clinic's
        `required_cautions`."""
        found: list[str] = []
        for item in self.items(node, where, f"{vocabulary[:-1]} ids") or ():
            reference = self.reference(item, where, known, vocabulary)
            if reference in found:
                self.error(item, where, f"'{reference}' is listed twice")
            elif reference is not None:
                found.append(reference)
        return tuple(found)


def child(node: Node, key: str) -> Node | None:
    """The value under `key` in a mapping node, read before the mapping is checked; else None."""
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                found: Node = value
                return found
    return None


def _language_node(node: Node, language: str) -> Node:
    """Where one language of a TEXT is written: its line in a mapping, else the whole value."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == language:
                found: Node = value
                return found
    return node
