"""Build a Catalog from a YAML node tree, checking schema v1 and reporting every problem. No Qt.

This one validator serves the command line, the staff editor and the kiosk's live reload.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from massage_explorer.core.catalog import (
    MAX_MINUTES,
    MIN_MINUTES,
    SCHEMA_VERSION,
    Catalog,
    Pressure,
    Range,
    Technique,
    Term,
    Text,
)
from massage_explorer.core.languages import english_name
from massage_explorer.core.paths import interface_languages
from massage_explorer.core.problems import ItemKind, Location
from massage_explorer.core.readability import SCORED, reading_problem
from massage_explorer.core.schema.field_reader import SLUG, Reader, kind_of, suggest
from massage_explorer.core.schema.technique_reader import peek_id, read_technique

TOP_FIELDS = ("schema_version", "languages", "benefits", "conditions", "techniques")
TERM_FIELDS = ("label", "description")
PRESSURE_WORDS = tuple(p.word for p in Pressure)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
STALE_YEARS = 5
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?\Z")
CATALOG = Location()


class CatalogBuilder(Reader):
    """Reads one catalog document; `problems` holds errors and warnings in file order."""

    def __init__(self, base_dir: Path | None, today: dt.date) -> None:
        super().__init__()
        self.base_dir = base_dir
        self.today = today
        self.languages: tuple[str, ...] = ("en",)

    def build(self, root: Node) -> Catalog | None:
        if not isinstance(root, MappingNode):
            found = "a list" if isinstance(root, SequenceNode) else f"the value '{root.value}'"
            self.error(
                root,
                CATALOG,
                "the top level must be a mapping with schema_version, benefits, conditions and "
                f"techniques, but the file holds {found}",
            )
            return None
        top = self.fields(root, CATALOG, TOP_FIELDS, ("schema_version",))
        if top is None:
            return None
        if "schema_version" not in top or not self._schema_version(top["schema_version"]):
            return None
        for key in ("benefits", "conditions", "techniques"):
            if key not in top:
                self.error(root, CATALOG, f"missing required field '{key}'")
        if "languages" in top:
            self.languages = self._languages(top["languages"]) or self.languages
        benefits = self._vocabulary(top["benefits"], ItemKind.BENEFIT) if "benefits" in top else ()
        conditions = self._vocabulary(top["conditions"], ItemKind.CONDITION) if "conditions" in top else ()
        techniques: tuple[Technique, ...] = ()
        if "techniques" in top:
            techniques = self._techniques(
                top["techniques"],
                {t.id for t in benefits},
                {t.id for t in conditions},
            )
        if self.error_count:
            return None
        return Catalog(
            techniques=techniques,
            benefits=benefits,
            conditions=conditions,
            languages=self.languages,
        )

    def _schema_version(self, node: Node) -> bool:
        where = CATALOG.at("schema_version")
        version = self.integer(node, where)
        if version is None:
            return False
        if version > SCHEMA_VERSION:
            self.error(
                node,
                where,
                f"schema_version {version} is newer than this app reads ({SCHEMA_VERSION}); "
                "update Massage Explorer to open this catalog",
            )
            return False
        if version < 1:
            self.error(node, where, f"must be {SCHEMA_VERSION}")
            return False
        return True

    def _languages(self, node: Node) -> tuple[str, ...] | None:
        where = CATALOG.at("languages")
        items = self.items(node, where, "language codes such as en, es")
        if items is None:
            return None
        codes: list[str] = []
        for item in items:
            code = self.string(item, where)
            if code is None:
                continue
            if not _LANGUAGE.match(code):
                self.error(item, where, f"'{code}' is not a language code such as en or es")
            elif code in codes:
                self.error(item, where, f"'{code}' is listed twice")
            else:
                codes.append(code)
                if code not in interface_languages():
                    self.warn(
                        item,
                        where,
                        f"the app's own words (buttons, headings, advice) have no "
                        f"'{code}' translation; a patient who picks it reads them in English",
                    )
                if code not in SCORED:
                    self.warn(
                        item,
                        where,
                        f"{english_name(code)} ({code}) texts are not checked for reading level: "
                        f"there is no readability formula for it here (only for {_scored()})",
                    )
        if not items:
            self.error(node, where, "list at least one language, e.g. [en]")
        return tuple(codes) if codes and len(codes) == len(items) else None

    def _vocabulary(self, node: Node, kind: ItemKind) -> tuple[Term, ...]:
        vocabulary = Location(kind)
        name = str(vocabulary)  # "benefits": the list's name in the file
        if not isinstance(node, MappingNode):
            none = isinstance(node, SequenceNode) and not node.value
            fix = (
                f"for none, write `{name}: {{}}`" if none else "each entry is an id, then its label under it"
            )
            self.error(node, vocabulary, f"expected ids with their labels, found {kind_of(node)}; {fix}")
            return ()
        entries = self.fields(node, vocabulary, allowed=_AnyKey(), required=())
        terms: list[Term] = []
        for term_id, entry in (entries or {}).items():
            where = Location(kind, term_id)
            if not _slug_ok(term_id):
                self.error(entry, where.at("id"), f"'{term_id}' is not a valid id; use lowercase letters, "
                                                  "digits and single hyphens")  # fmt: skip
                continue
            values = self.fields(entry, where, TERM_FIELDS, ("label",))
            if values is None or "label" not in values:
                continue
            label = self.patient_text(values["label"], where.at("label"))
            description = None
            if "description" in values:
                description = self.patient_text(values["description"], where.at("description"))
            if label is not None:
                terms.append(Term(term_id, label, description))
        return tuple(terms)

    def _techniques(
        self, node: Node, benefit_ids: set[str], condition_ids: set[str]
    ) -> tuple[Technique, ...]:
        items = self.items(node, CATALOG.at("techniques"), "techniques")
        if items is None:
            return ()
        if not items:
            self.error(node, CATALOG.at("techniques"), "the list is empty; add at least one technique")
        seen: dict[str, int] = {}
        techniques = []
        for index, item in enumerate(items):
            technique = read_technique(self, item, index, benefit_ids, condition_ids)
            technique_id = peek_id(item)
            if technique_id is not None and technique_id in seen:
                self.error(
                    item,
                    Location(ItemKind.TECHNIQUE, index=index, field="id"),
                    f"duplicate id '{technique_id}' (also used on line "
                    f"{seen[technique_id]}); every technique needs its own id",
                )
                continue
            if technique_id is not None:
                seen[technique_id] = item.start_mark.line + 1
            if technique is not None:
                techniques.append(technique)
        return tuple(techniques)

    # -- checks used by the technique reader --------------------------------------------------

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
        relative = PurePosixPath(value.replace("\\", "/"))
        if relative.is_absolute() or ":" in value or ".." in relative.parts:
            self.error(node, where, f"'{value}' is outside the catalog's folder; put the "
                             "image in that folder and give its path relative to it")  # fmt: skip
            return None
        if relative.suffix.lower() not in IMAGE_SUFFIXES:
            self.error(node, where, f"'{value}' is not a PNG, JPEG or SVG image")
            return None
        if self.base_dir is not None:
            base = self.base_dir.resolve()
            target = (base / relative).resolve()
            if not target.is_relative_to(base):
                self.error(node, where, f"'{value}' leads outside the catalog's folder")
                return None
            if not target.is_file():
                self.error(node, where, f"no image file '{value}' next to the catalog")
                return None
        return relative.as_posix()

    def reference(self, node: Node, where: Location, known: set[str], vocabulary: str) -> str | None:
        value = self.string(node, where)
        if value is not None and value not in known:
            self.error(
                node,
                where,
                f"'{value}' is not defined under '{vocabulary}'"
                f"{suggest(value, known)}; add it there or fix the id",
            )
            return None
        return value


class _AnyKey(tuple[str, ...]):
    """An 'allowed' set that admits every key: vocabularies are open mappings of ids."""

    def __contains__(self, key: object) -> bool:
        return True


def _language_node(node: Node, language: str) -> Node:
    """Where one language of a TEXT is written: its line in a mapping, else the whole value."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == language:
                found: Node = value
                return found
    return node


def _scored() -> str:
    return ", ".join(f"{english_name(code)} ({code})" for code in sorted(SCORED))


def _slug_ok(value: str) -> bool:
    return bool(SLUG.match(value))
