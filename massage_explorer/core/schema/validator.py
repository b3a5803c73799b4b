"""Build a Catalog from a YAML node tree, checking schema v1 and reporting every problem. No Qt.

This one validator serves the command line, the staff editor and the kiosk's live reload.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from yaml.nodes import MappingNode, Node, SequenceNode

from massage_explorer.core.catalog import (
    SCHEMA_VERSION,
    Catalog,
    RedFlag,
    Technique,
    Term,
    Urgency,
)
from massage_explorer.core.languages import english_name, interface_languages
from massage_explorer.core.problems import ItemKind, Location, Problem
from massage_explorer.core.readability import SCORED
from massage_explorer.core.schema.catalog_fields import CatalogFieldReader, child
from massage_explorer.core.schema.field_reader import SLUG, kind_of, too_many
from massage_explorer.core.schema.limits import CHARACTERS, MAX_TERMS, shown
from massage_explorer.core.schema.limits import items as items_limit
from massage_explorer.core.schema.technique_reader import peek_id, read_technique
from massage_explorer.core.schema.yaml_nodes import TechniqueParts, free_in_pieces
from massage_explorer.core.schema.yaml_safety import may_hold_too_many

TOP_FIELDS = (
    "schema_version", "languages", "red_flags", "required_cautions", "benefits", "conditions", "techniques",
)  # fmt: skip
TERM_FIELDS = ("label", "description", "search_words")
RED_FLAG_FIELDS = ("sign", "urgency")
URGENCY_WORDS = tuple(u.value for u in Urgency)
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?\Z")
CATALOG = Location()
REQUIRED_NAMED = 5  # missing required cautions named in a technique's warning; the rest counted


class CatalogValidator(CatalogFieldReader):
    """Reads one catalog document; `problems` holds errors and warnings in file order."""

    def build(
        self,
        root: Node,
        *,
        text: str = "",
        memo: TechniqueMemo | None = None,
        parts: TechniqueParts | None = None,
    ) -> Catalog | None:
        """The catalog `root` holds, or None after recording its errors. With the document's
        `text` and a `memo` of an earlier version of it, techniques it holds unchanged are taken
        from there instead of read again (TechniqueMemo). With `parts`, `root` holds only the
        fields before the techniques, and the techniques are read from `parts` a few at a time
        (raises NotInParts if they turn out not to compose as found: read the whole tree then)."""
        read = self.read_header(root)
        if read is None:
            return None
        top, header = read
        reuse = _Reuse(memo, memo.start((header, self.today, self.base_dir))) if memo and text else None
        techniques: tuple[Technique, ...] = ()
        if parts is not None:
            where = CATALOG.at("techniques")
            limit = items_limit(where)
            if len(parts) > limit:  # the same message as a whole read gives, none composed
                self.error_at(parts.first_position(), where, too_many(len(parts), "techniques", limit))
                return None
            batches = parts.batches() if reuse is None else reuse.in_parts(parts, self.line_offset)
            techniques = self._techniques(batches, header, reuse)
        elif "techniques" in top:
            node = top["techniques"]
            items = self.items(node, CATALOG.at("techniques"), "techniques")
            if items == []:
                self.error(node, CATALOG.at("techniques"), "the list is empty; add at least one technique")
            techniques = self._techniques([(items or [], text, 0)], header, reuse)
        if self.error_count:
            return None
        return Catalog(
            techniques=techniques,
            benefits=header.benefits,
            conditions=header.conditions,
            languages=header.languages,
            red_flags=header.red_flags,
            required_cautions=header.required_cautions,
        )

    def read_header(self, root: Node) -> tuple[dict[str, Node], Header] | None:
        """The top-level fields by name and everything but the techniques, read; None when the
        document cannot be read as a catalog at all (not a mapping, no usable schema_version)."""
        if not isinstance(root, MappingNode):
            found = "a list" if isinstance(root, SequenceNode) else f"the value '{shown(root.value)}'"
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
        red_flags = self._red_flags(top["red_flags"]) if "red_flags" in top else ()
        benefits = self._vocabulary(top["benefits"], ItemKind.BENEFIT) if "benefits" in top else ()
        conditions = self._vocabulary(top["conditions"], ItemKind.CONDITION) if "conditions" in top else ()
        condition_ids = {t.id for t in conditions}
        required: tuple[str, ...] = ()
        if "required_cautions" in top:
            where = CATALOG.at("required_cautions")
            required = self.references(top["required_cautions"], where, condition_ids, "conditions")
        header = Header(
            self.languages,
            red_flags,
            benefits,
            conditions,
            required,
            frozenset(t.id for t in benefits),
            frozenset(condition_ids),
        )
        return top, header

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
        if len(node.value) > MAX_TERMS:
            self.error(node, vocabulary, f"{len(node.value):,} entries, over the limit of {MAX_TERMS:,}")
            return ()
        entries = self.fields(node, vocabulary, allowed=_AnyKey(), required=())
        terms: list[Term] = []
        for term_id, entry in (entries or {}).items():
            where = Location(kind, term_id)
            if len(term_id) > CHARACTERS["id"] or not _slug_ok(term_id):
                self.error(entry, where.at("id"), f"'{shown(term_id)}' is not a valid id; use up to "
                                                  f"{CHARACTERS['id']} lowercase letters, digits and "
                                                  "single hyphens")  # fmt: skip
                continue
            values = self.fields(entry, where, TERM_FIELDS, ("label",))
            if values is None or "label" not in values:
                continue
            label = self.patient_text(values["label"], where.at("label"))
            description = None
            if "description" in values:
                description = self.patient_text(values["description"], where.at("description"))
            words: tuple[tuple[str, tuple[str, ...]], ...] = ()
            if "search_words" in values:
                words = self._search_words(values["search_words"], where.at("search_words"))
            if label is not None:
                terms.append(Term(term_id, label, description, words))
        return tuple(terms)

    def _search_words(self, node: Node, where: Location) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Per language, a list of words patients type: `en: [sciatica, leg pain]`."""
        if not isinstance(node, MappingNode):
            example = f"`{self.languages[0]}: [sciatica, leg pain]`"
            self.error(
                node,
                where,
                f"expected languages with their word lists, e.g. {example}, found {kind_of(node)}",
            )
            return ()
        found: list[tuple[str, tuple[str, ...]]] = []
        entries = self.fields(node, where, self.languages) or {}
        for language, value in entries.items():
            at = where.in_language(language)
            words = [self.string(item, at) for item in self.items(value, at, "words") or ()]
            found.append((language, tuple(w for w in words if w is not None)))
        return tuple(sorted(found, key=lambda pair: self.languages.index(pair[0])))

    def _red_flags(self, node: Node) -> tuple[RedFlag, ...]:
        where = CATALOG.at("red_flags")
        flags: list[RedFlag] = []
        for i, item in enumerate(self.items(node, where, "red flags") or ()):
            at = where.item_at(i)
            values = self.fields(item, at, RED_FLAG_FIELDS, RED_FLAG_FIELDS)
            if values is None or len(values) < len(RED_FLAG_FIELDS):
                continue
            sign = self.patient_text(values["sign"], at.at("sign"))
            urgency = self.word(values["urgency"], at.at("urgency"), URGENCY_WORDS, "urgency")
            if sign is not None and urgency is not None:
                flags.append(RedFlag(sign, Urgency(urgency)))
        return tuple(flags)

    def _techniques(
        self,
        batches: Iterable[tuple[Sequence[Node | _Entry], str, int]],
        header: Header,
        reuse: _Reuse | None,
    ) -> tuple[Technique, ...]:
        """The techniques of `batches`: item nodes (or entries of a file read in parts, with a
        memo: _Reuse.in_parts), the text their marks index into, and the document's lines before
        that text."""
        seen: dict[str, int] = {}
        techniques = []
        index = 0
        line_offset = self.line_offset
        try:
            for items, text, lines_before in batches:
                self.line_offset = line_offset + lines_before
                for item in items:
                    if isinstance(item, _Entry):
                        assert reuse is not None
                        technique, technique_id, position, cautions = reuse.entry(item, self, index, header)
                    else:
                        if reuse is None:
                            technique = read_technique(
                                self, item, index, header.benefit_ids, header.condition_ids
                            )
                        else:
                            technique = reuse.technique(item, text, self, index, header)
                        technique_id, position = peek_id(item), self.position(item)
                        cautions = self.cautions_position(item)
                    duplicate = self.duplicate_id(technique_id, position, index, seen)
                    if technique is not None and not duplicate:
                        techniques.append(technique)
                        self.required_cautions(cautions, technique, header.required_cautions)
                    index += 1
        finally:
            self.line_offset = line_offset
        return tuple(techniques)

    def read_to_remember(
        self, item: Node, index: int, header: Header, key_line: int | None = None
    ) -> tuple[Technique | None, Remembered | None]:
        """The technique, and what to remember of it for the next version (None: read it again
        then): its warnings, their lines counted from the technique's first line, and where it
        starts counted from `key_line` (the line the text the memo knows it by starts on; by
        default its own). Not remembered: a technique with errors (its catalog is refused
        anyway), with a message that quotes a line number or compared an unknown word with the
        known ones (both depend on the rest of the file), or with a picture (whether it is there
        is the folder's to say, each time)."""
        problems, errors, kept_again = len(self.problems), self.error_count, self.kept_again
        quoted, suggested = self.lines_quoted, self.suggestions_used
        technique = read_technique(self, item, index, header.benefit_ids, header.condition_ids)
        found = self.problems[problems:]
        start, column = self.position(item)
        if (
            technique is None
            or technique.image is not None
            or self.error_count != errors
            or self.kept_again != kept_again  # (`found` is not its warnings then)
            or self.lines_quoted != quoted
            or self.suggestions_used != suggested
            or any(p.line < start for p in found)
        ):
            return technique, None
        cautions_line, cautions_column = self.cautions_position(item)
        return technique, Remembered(
            technique,
            tuple(replace(p, line=p.line - start) for p in found),
            (0 if key_line is None else start - key_line, column),
            (cautions_line - start, cautions_column),
        )

    def replay(self, start: int, remembered: Remembered) -> Technique:
        """A technique remembered from an earlier version, its warnings at its lines now (it
        starts on line `start`)."""
        self.problems.extend(replace(p, line=p.line + start) for p in remembered.warnings)
        self._bound()  # (thousands of techniques replayed hold as many warnings as read ones)
        return remembered.technique

    def duplicate_id(
        self, technique_id: str | None, position: tuple[int, int], index: int, seen: dict[str, int]
    ) -> bool:
        """True, after the error, when a technique before this one (`seen`: id to line) has its id.

        `position`: where the technique at techniques[index] starts."""
        if technique_id is None:
            return False
        if technique_id in seen:
            self.error_at(
                position,
                Location(ItemKind.TECHNIQUE, index=index, field="id"),
                f"duplicate id '{shown(technique_id)}' (also used on line "
                f"{seen[technique_id]}); every technique needs its own id",
            )
            return True
        seen[technique_id] = position[0]
        return False

    def cautions_position(self, item: Node) -> tuple[int, int]:
        """Where a technique's missing required cautions are said: at its cautions, else at it."""
        return self.position(child(item, "cautions") or item)

    def required_cautions(
        self, position: tuple[int, int], technique: Technique, required: tuple[str, ...]
    ) -> None:
        """One warning naming the conditions the clinic requires a caution for that `technique`
        lacks (one a condition, with a vocabulary of 1,000 required, made 12,000 techniques'
        warnings take 4.6 GB)."""
        stated = {c.condition for c in technique.cautions}
        missing = [condition for condition in required if condition not in stated]
        if not missing:
            return
        named = [f"'{condition}'" for condition in missing[:REQUIRED_NAMED]]
        if len(missing) > REQUIRED_NAMED:
            named.append(f"{len(missing) - REQUIRED_NAMED:,} more")
        listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        each = "" if len(missing) == 1 else " for each"
        self.warn_at(
            position,  # of its cautions, or of the technique where it has none
            Location(ItemKind.TECHNIQUE, technique.id, field="cautions"),
            f"no caution for {listed}, which the clinic requires of every technique "
            f"(required_cautions); add one{each} with its level, even if it is 'adapt'",
        )


@dataclass(frozen=True, slots=True)
class Remembered:
    """A technique as read, with what is needed to take it again without its node."""

    technique: Technique
    warnings: tuple[Problem, ...]  # their lines counted from the technique's first line
    start: tuple[int, int]  # its first line, counted from the line its memo text starts on; column
    # (read whole, the memo text starts where it does: (0, column), and replays take the node's)
    cautions: tuple[int, int]  # where a missing required caution is said: line (as warnings), column


@dataclass(slots=True)
class _Entry:
    """A technique's entry in a file read in parts with a memo (_Reuse.in_parts): the text the
    memo knows it by (from its "-" line to the next entry's), the line that text starts on, and
    what the memo holds for it, or else its node."""

    source: bytes
    line: int
    recalled: tuple[bytes, Remembered] | None
    node: Node | None = None


@dataclass
class TechniqueMemo:
    """The techniques of the last version of a file read with this memo, by their text, for
    reading the next version: a kiosk reads its whole catalog again when staff save one
    change, and at 5,000 techniques reading them (beyond parsing the file) took as long again.

    A technique is taken from here only when its text, where it starts on its line, the fields
    before the techniques (languages, vocabularies, required cautions), the date and the folder
    are the same as when it was read; its warnings then come back at its lines now. Techniques
    are never remembered where that could differ from reading them (read_to_remember says which),
    so the result is the same as reading the file with no memo. Checks across techniques
    (duplicate ids, required cautions) are made afresh every time.
    """

    _against: tuple[object, ...] = ()
    # Under Python's hash of each technique's text as UTF-8, that text compressed and what was read
    # from it. The text: in a file read in parts, its entry's lines (from its "-" line to the next
    # entry's); in one read whole, the column it starts at, ":", and its node's text. (The two
    # never meet: one starts with a space or "-", the other with a digit.) The text is compared in full before
    # anything is taken, so two texts with one hash only cost a read. Compressed, the texts take
    # about a third of the file's size, for as long as the app runs (as they were, 10 MB at 5,000
    # techniques). Not a digest from hashlib: its first use loads OpenSSL, holding Python's lock,
    # and the window stood still for half a second.
    _techniques: dict[int, tuple[bytes, Remembered]] = field(default_factory=dict)
    _shown: dict[str, Technique] = field(default_factory=dict)

    def start(self, against: tuple[object, ...]) -> dict[int, tuple[bytes, Remembered]]:
        """Begin remembering a new version read `against` these; what the last one left, if it
        was read against the same."""
        earlier = self._techniques if against == self._against else {}
        self._against, self._techniques = against, {}
        return earlier

    def keep(self, key: int, packed: bytes, remembered: Remembered) -> None:
        self._techniques[key] = (packed, remembered)

    def share(self, catalog: Catalog | None) -> None:
        """For the reads that follow: where a technique read equals one of `catalog`'s (such as
        the catalog shown since start-up), take `catalog`'s own object, in the catalog read and
        in what is remembered, rather than hold a second copy of it (at 5,000 techniques, the
        first read with an empty memo held about 30 MB more until it ended). None: no longer."""
        self._shown = {t.id: t for t in catalog.techniques} if catalog is not None else {}

    def shared(self, technique: Technique | None) -> Technique | None:
        """`technique`, or the object `share` was given that equals it."""
        same = self._shown.get(technique.id) if technique is not None else None
        return same if same is not None and same == technique else technique


@dataclass
class _Reuse:
    """One read's use of a TechniqueMemo: the memo, and what it held before."""

    memo: TechniqueMemo
    earlier: dict[int, tuple[bytes, Remembered]]

    def recall(self, source: bytes) -> tuple[bytes, Remembered] | None:
        """What the memo holds for a technique's text, compressed, if it holds that text."""
        found = self.earlier.get(hash(source))
        return found if found is not None and zlib.decompress(found[0]) == source else None

    def technique(
        self, item: Node, text: str, validator: CatalogValidator, index: int, header: Header
    ) -> Technique | None:
        """The technique `item` holds (its marks index into `text`): as remembered when its text
        is, else read (and remembered for the next version where it may be)."""
        start, end = item.start_mark, item.end_mark
        source = f"{start.column}:{text[start.index : end.index]}".encode()
        found = self.recall(source)
        if found is not None:
            self.memo.keep(hash(source), *found)
            return validator.replay(validator.position(item)[0], found[1])
        return self._read(item, source, None, validator, index, header)

    def in_parts(self, parts: TechniqueParts, line_offset: int) -> Iterator[tuple[list[_Entry], str, int]]:
        """`parts.batches()` as entries, each with what the memo holds for its text; a part whose
        every entry the memo holds is not composed at all. A kiosk reading a staff save of one
        change composed the whole file again, two thirds of its time at 5,000 techniques; now
        the part with the change.

        An entry's text runs from its "-" line to the next entry's. A part is left uncomposed
        only where each of its texts was, at an earlier read, composed whole as exactly one
        entry of a part (TechniqueParts.compose_part checks the count): texts that each make one
        block list entry at the same indentation, one after the other, make those entries."""
        text, starts = parts.text, parts.starts
        tags: dict[str, str] = {}
        lines = text.count("\n", 0, starts[0])
        for number in range(parts.count_parts()):
            entries = []
            line = line_offset + lines + 1  # the line the part starts on
            for at in parts.entries_of(number):
                begin, end = starts[at], starts[at + 1] if at + 1 < len(starts) else parts.end
                source = text[begin:end].encode()
                entries.append(_Entry(source, line, self.recall(source)))
                line += text.count("\n", begin, end)
            begin, end = parts.part_span(number)
            # (Composed, a part that might hold too many values makes the file be read whole,
            # and refused there if it does: one is composed whatever the memo holds.)
            recalled = all(entry.recalled is not None for entry in entries)
            if recalled and not may_hold_too_many(text[begin:end]):
                yield entries, "", lines
            else:
                node, part = parts.compose_part(number, tags)
                for entry, item in zip(entries, node.value, strict=True):
                    entry.node = item
                try:
                    yield entries, part, lines
                finally:
                    free_in_pieces(node)  # read: one entry may hold a million nodes
            lines = line - line_offset - 1

    def entry(
        self, entry: _Entry, validator: CatalogValidator, index: int, header: Header
    ) -> tuple[Technique | None, str | None, tuple[int, int], tuple[int, int]]:
        """An entry of `in_parts`: its technique, its id as written, where it starts and where a
        missing required caution is said."""
        if entry.recalled is not None:
            self.memo.keep(hash(entry.source), *entry.recalled)
            remembered = entry.recalled[1]
            start = entry.line + remembered.start[0]
            replayed = validator.replay(start, remembered)
            cautions = (start + remembered.cautions[0], remembered.cautions[1])
            return replayed, replayed.id, (start, remembered.start[1]), cautions
        item = entry.node
        assert item is not None  # (composed: in_parts sets it where nothing was recalled)
        technique = self._read(item, entry.source, entry.line, validator, index, header)
        cautions = validator.cautions_position(item)
        return technique, peek_id(item), validator.position(item), cautions

    def _read(
        self,
        item: Node,
        source: bytes,
        key_line: int | None,
        validator: CatalogValidator,
        index: int,
        header: Header,
    ) -> Technique | None:
        technique, read = validator.read_to_remember(item, index, header, key_line)
        technique = self.memo.shared(technique)
        if read is None or technique is None:
            return technique
        remembered = replace(read, technique=technique)
        self.memo.keep(hash(source), zlib.compress(source, 1), remembered)
        return technique


@dataclass(frozen=True)
class Header:
    """A catalog's fields before its techniques, as read: what each technique is checked against."""

    languages: tuple[str, ...]
    red_flags: tuple[RedFlag, ...]
    benefits: tuple[Term, ...]
    conditions: tuple[Term, ...]
    required_cautions: tuple[str, ...]
    benefit_ids: frozenset[str]
    condition_ids: frozenset[str]


class _AnyKey(tuple[str, ...]):
    """An 'allowed' set that admits every key: vocabularies are open mappings of ids."""

    def __contains__(self, key: object) -> bool:
        return True


def _scored() -> str:
    return ", ".join(f"{english_name(code)} ({code})" for code in sorted(SCORED))


def _slug_ok(value: str) -> bool:
    return bool(SLUG.match(value))
