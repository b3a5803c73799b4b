"""The editor's validation: the catalog's own validator run on the edited catalog. No Qt.

Each problem carries its Location (item, field, language), which the editor uses to put the
message beside the field it is about.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from massage_explorer.core.catalog import Catalog, Technique
from massage_explorer.core.editing.part_text import technique_text
from massage_explorer.core.problems import ItemKind, Location, Problem
from massage_explorer.core.schema.dump import dump_catalog, dump_head, dump_technique
from massage_explorer.core.schema.limits import MAX_BYTES, MAX_SUGGESTIONS, items
from massage_explorer.core.schema.technique_reader import peek_id, read_technique
from massage_explorer.core.schema.validator import CatalogValidator, Header
from massage_explorer.core.schema.yaml_nodes import compose
from massage_explorer.core.storage import parse_catalog

_TECHNIQUES = Location().at("techniques")


def check(catalog: Catalog, *, base_dir: Path | None, today: dt.date | None = None) -> list[Problem]:
    """Every problem the validator finds in the catalog as it would be saved, errors and warnings.

    The catalog is dumped and read back exactly as a saved file would be, so the editor, the
    command line and the kiosk can never disagree. Line numbers refer to that dump.
    """
    data = dump_catalog(catalog).encode("utf-8")
    # All of them: the editor counts them and lists them as the ones before are fixed.
    return parse_catalog(data, base_dir=base_dir, today=today, keep_all=True).problems


class IncrementalCheck:
    """`check`, reading again only the techniques that changed since the last call.

    The dump is the catalog's fields before its techniques (`dump_head`), then each technique in
    turn (`dump_technique`); the validator reads the head, then each technique's part alone, told
    how many lines come before it, and the checks across techniques (duplicate ids, the clinic's
    required cautions) are made again each time from what each part gave. A technique object
    already read (the editor's edits keep the unchanged ones) is not read again unless:
    the head changed (languages, vocabularies: what every technique is checked against), its
    picture must be looked for in the folder again, or lines before it changed and one of its
    messages quotes a line number. The result is `check`'s, problem for problem; where it could not
    be (a catalog over the file size limit, or with more unknown words than the validator suggests
    fixes for, or none), `check` itself runs.

    `opened` starts it from what reading the file found: see there.

    One instance keeps what it read; calls from two threads take turns.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._head: _Head | None = None
        self._parts: dict[int, _Part] = {}
        # Techniques reading the file found no problem in, by identity, and the head they were
        # read against (`_head_key`): only measured, never read, while the head is that one.
        self._clean: dict[int, Technique] = {}
        self._clean_key: tuple[object, ...] | None = None

    def opened(
        self,
        catalog: Catalog,
        problems: Sequence[Problem],
        *,
        base_dir: Path | None,
        today: dt.date,
        left_out: tuple[int, int] = (0, 0),
    ) -> None:
        """Start from the file as opened: `catalog` and `problems` as the validator read them from
        the file (its lines are not the dump's, so no problem is taken from there), with the same
        `base_dir` and `today`; `left_out`, the errors and warnings its reading counted but did
        not keep (LoadResult.left_out).

        What is taken is that a technique the file's read found nothing in gives nothing read
        from the dump either: the validator's checks of a technique look at its values (texts,
        references, dates), and the dump holds the same values, in the plainest form (the law
        load(dump(c)) == c); what depends on the form (a caution with no level) can only be found
        in a file. Such a technique is measured for its place in the dump (`technique_text`, no
        YAML read) instead of read. A picture is looked for each time, so a technique with one is
        read; a problem that names no technique the catalog has makes every technique be read.
        Problems left out of `problems` are after the last kept one of their kind in the file: the
        techniques from that one's on are read.
        """
        found = _techniques_with_problems(catalog, problems)
        if found is not None and any(left_out):
            start = _first_left_out(catalog, problems, left_out)
            found = None if start is None else found | set(range(start, len(catalog.techniques)))
        clean = {
            id(t): t
            for i, t in enumerate(catalog.techniques)
            if found is not None and i not in found and t.image is None
        }
        with self._lock:
            self._clean = clean
            self._clean_key = _head_key(catalog, base_dir, today)

    def __call__(
        self, catalog: Catalog, *, base_dir: Path | None, today: dt.date | None = None
    ) -> list[Problem]:
        today = today or dt.date.today()
        with self._lock:
            problems = self._check(catalog, base_dir, today)
        return check(catalog, base_dir=base_dir, today=today) if problems is None else problems

    def _check(self, catalog: Catalog, base_dir: Path | None, today: dt.date) -> list[Problem] | None:
        if not catalog.techniques or len(catalog.techniques) > items(_TECHNIQUES):
            return None  # the list's own errors: rare, and the whole check finds them
        head = self._read_head(catalog, base_dir, today)
        if head.header is None:
            return None
        problems = list(head.problems)
        suggestions, size = head.suggestions, head.size
        offset = head.lines - 1  # the line before the first technique's: `techniques:`
        reader = CatalogValidator(base_dir, today)  # for the checks across techniques
        clean = self._clean if head.key == self._clean_key else {}
        seen: dict[str, int] = {}
        parts: dict[int, _Part] = {}
        for index, technique in enumerate(catalog.techniques):
            part = self._parts.get(id(technique))
            if part is None or not part.still_right(technique, index, offset):
                if clean.get(id(technique)) is technique:
                    part = _measured_part(technique, index, offset)
                else:
                    part = _read_part(technique, index, offset, head.header, base_dir, today)
                if part is None:
                    return None
            elif part.offset != offset:
                part = part.moved_to(offset)
            parts[id(technique)] = part
            problems += part.problems
            position = (part.line + offset, part.column)
            if reader.duplicate_id(part.technique_id, position, index, seen):
                problems.append(reader.problems.pop())
            elif part.read_ok:
                problems += part.required
            suggestions += part.suggestions
            size += part.size
            offset += part.lines
        self._parts = parts
        if size > MAX_BYTES or suggestions > MAX_SUGGESTIONS:
            return None
        return sorted(problems, key=lambda p: (p.line, p.column))

    def _read_head(self, catalog: Catalog, base_dir: Path | None, today: dt.date) -> _Head:
        key = _head_key(catalog, base_dir, today)
        if self._head is not None and self._head.key == key:
            return self._head
        text = dump_head(catalog)
        reader = CatalogValidator(base_dir, today)
        root, problems = compose(text)
        read = None if root is None else reader.read_header(root)
        self._head = _Head(
            key=key,
            header=None if read is None else read[1],
            problems=problems + reader.problems,
            lines=text.count("\n"),
            size=len(text.encode("utf-8")),
            suggestions=reader.suggestions_used,
        )
        self._parts = {}  # every technique is checked against the head
        return self._head


def _head_key(catalog: Catalog, base_dir: Path | None, today: dt.date) -> tuple[object, ...]:
    """What every technique's reading depends on besides the technique itself."""
    return (
        catalog.schema_version,
        catalog.languages,
        catalog.red_flags,
        catalog.required_cautions,
        catalog.benefits,
        catalog.conditions,
        base_dir,
        today,
    )


def _techniques_with_problems(catalog: Catalog, problems: Iterable[Problem]) -> set[int] | None:
    """The indexes of the techniques `problems` are about; None if one cannot be placed."""
    index_of = {t.id: i for i, t in enumerate(catalog.techniques)}
    found: set[int] = set()
    for problem in problems:
        index = _technique_of(problem, index_of, len(catalog.techniques))
        if index is None:
            return None
        if index >= 0:
            found.add(index)
    return found


def _technique_of(problem: Problem, index_of: dict[str, int], count: int) -> int | None:
    """The index of the technique `problem` is about; -1 for none (the head's); None when it
    cannot be placed (it might be in any technique)."""
    where = problem.location
    if where is None:
        return None
    if where.kind is not ItemKind.TECHNIQUE:
        return -1  # the head's: the head is read from the dump each time it changes
    index = index_of.get(where.item) if where.item is not None else where.index
    return index if index is not None and 0 <= index < count else None


def _first_left_out(catalog: Catalog, problems: Sequence[Problem], left_out: tuple[int, int]) -> int | None:
    """The first technique that may hold a problem left out of `problems` (the file's first of
    each kind, in file order: LoadResult.left_out counts the rest); None when that is not known.
    Each one left out comes after the last kept of its kind, in the file, so in that one's
    technique or a later one (0: from the first, where that one is about no technique)."""
    lasts = [
        next((p for p in reversed(problems) if p.is_error == error), None)
        for error, count in zip((True, False), left_out, strict=True)
        if count
    ]
    earliest = min(lasts, key=lambda p: (p.line, p.column) if p else (0, 0))
    if earliest is None:
        return None  # none of its kind kept
    index_of = {t.id: i for i, t in enumerate(catalog.techniques)}
    index = _technique_of(earliest, index_of, len(catalog.techniques))
    return None if index is None else max(index, 0)


@dataclass(frozen=True)
class _Head:
    """What reading the catalog's fields before its techniques gave (`header` None: unreadable)."""

    key: tuple[object, ...]
    header: Header | None
    problems: list[Problem]
    lines: int
    size: int
    suggestions: int


@dataclass(frozen=True)
class _Part:
    """What reading one technique's part of the dump alone gave, at `offset` lines into the dump."""

    technique: Technique  # the object read: parts are found again by identity
    index: int
    offset: int
    lines: int  # line breaks in the part
    size: int  # its bytes
    problems: list[Problem]
    required: list[Problem]  # the clinic's required cautions: shown unless its id is taken
    read_ok: bool  # read without errors
    technique_id: str | None  # as written, for the duplicate-id check
    line: int  # where its entry starts, counted from `offset`
    column: int
    quotes_lines: bool
    suggestions: int

    def still_right(self, technique: Technique, index: int, offset: int) -> bool:
        """Whether this part's reading holds for `technique` at techniques[index], `offset` lines in."""
        return (
            self.technique is technique
            and (index == 0) == (self.index == 0)  # the first has no blank line before it
            and (self.technique_id is not None or index == self.index)  # else messages name the index
            and technique.image is None  # its picture is looked for in the folder each time
            and (offset == self.offset or not self.quotes_lines)
        )

    def moved_to(self, offset: int) -> _Part:
        """The same reading with `offset - self.offset` lines more before it."""
        delta = offset - self.offset

        def moved(problems: list[Problem]) -> list[Problem]:
            return [dataclasses.replace(p, line=p.line + delta) if p.line else p for p in problems]

        return dataclasses.replace(
            self, offset=offset, problems=moved(self.problems), required=moved(self.required)
        )


def _measured_part(technique: Technique, index: int, offset: int) -> _Part:
    """techniques[index]'s part of the dump, known to be read without a problem: only its lines
    and bytes are counted, with no YAML read (what `_read_part` gives for it, but quicker)."""
    part = _part_text(technique, index)
    first = index == 0
    return _Part(
        technique=technique,
        index=index,
        offset=offset,
        lines=part.count("\n"),
        size=len(part.encode("utf-8")),
        problems=[],
        required=[],
        read_ok=True,
        technique_id=technique.id or None,
        line=2 if first else 3,  # after `techniques:` (and the blank line before all but the first)
        column=5,  # `  - id:`: the entry's first key
        quotes_lines=False,
        suggestions=0,
    )


def _part_text(technique: Technique, index: int) -> str:
    first = index == 0
    return technique_text(technique, first=first) or dump_technique(technique, first=first)


def _read_part(
    technique: Technique, index: int, offset: int, header: Header, base_dir: Path | None, today: dt.date
) -> _Part | None:
    """Read techniques[index]'s part of the dump as the whole check reads it there."""
    part = _part_text(technique, index)
    root, _ = compose("techniques:\n" + part)
    if root is None:
        return None
    item = root.value[0][1].value[0]
    reader = CatalogValidator(base_dir, today, line_offset=offset)
    reader.languages = header.languages
    read = read_technique(reader, item, index, header.benefit_ids, header.condition_ids)
    problems = list(reader.problems)
    if read is not None:
        reader.required_cautions(reader.cautions_position(item), read, header.required_cautions)
    mark = item.start_mark
    return _Part(
        technique=technique,
        index=index,
        offset=offset,
        lines=part.count("\n"),
        size=len(part.encode("utf-8")),
        problems=problems,
        required=reader.problems[len(problems) :],
        read_ok=read is not None,
        technique_id=peek_id(item),
        line=mark.line + 1,
        column=mark.column + 1,
        quotes_lines=reader.lines_quoted > 0,
        suggestions=reader.suggestions_used,
    )
