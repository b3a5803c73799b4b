"""What the patient filters the techniques by, and which techniques pass. No Qt.

Within a group any choice matches; groups combine with AND. The filters look at per-row facts
made once per catalog and order, so a chip tap over 5,000 techniques stays a set test per row, and
the search at texts made once per catalog (`SearchTexts`), so a keystroke is a substring test per row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from massage_explorer.core.catalog import Catalog, Technique, Term, Text

# Runs of characters beyond ASCII: only they can be accents once the text is decomposed.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'Réflexologie' is found by 'reflexo'.

    Every technique's search text goes through here (the bundled techniques have about 4,000
    characters each, 20 million at 5,000 techniques), so only the runs of non-ASCII characters
    are looked at one by one: the same result as testing every character, 2-3 times faster on
    English and Spanish, and 30 times on ASCII alone."""
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = _NOT_ASCII.sub(_without_marks, decomposed)
    return decomposed.casefold()


def stem(word: str) -> str:
    """A folded search word without a simple plural ending, so that 'masajes' finds 'masaje',
    'massages' 'massage', 'injuries' 'injury' and 'presiones' 'presión'. Words are matched as
    parts of the text, so the shorter form finds the singular and the plural alike. Short words
    keep their ending: 'gas' stays 'gas'."""
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3]
    if len(word) > 4 and word.endswith("es"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _every_language(text: Text | None) -> list[str]:
    return [value for _language, value in text.pairs] if text is not None else []


def _term_words(term: Term | None, term_id: str) -> list[str]:
    if term is None:
        return [term_id.replace("-", " ")]  # what a patient reads for an undefined id
    return [*_every_language(term.label), *term.all_search_words()]


def _term_text(known: dict[tuple[str, str], str], kind: str, term_id: str, term: Term | None) -> str:
    """The folded label and search words of one term, made once per catalog: every technique
    claiming a benefit repeats them."""
    text = known.get((kind, term_id))
    if text is None:
        text = known[kind, term_id] = fold("\n".join(_term_words(term, term_id)))
    return text


def search_text(
    technique: Technique, catalog: Catalog, terms: dict[tuple[str, str], str] | None = None
) -> str:
    """Everything a search looks in for one technique, folded: its name, summary, description
    and feel in every language, and the labels and search words (synonyms) of the benefits it
    claims and of the conditions it is chosen for or has a caution for, in every language. So
    "SUECO" finds Swedish massage on the English screen, and "sciatica" the techniques that say
    something about sciatica. `terms`: the terms' folded texts made so far for `catalog`, kept
    by the caller across techniques (`SearchTexts`)."""
    known = {} if terms is None else terms
    own = [
        *_every_language(technique.name),
        *_every_language(technique.summary),
        *_every_language(technique.description),
        *_every_language(technique.feels_like),
    ]
    parts = [fold("\n".join(own))]  # folding each line apart gives the same as folding them joined
    for claim in technique.benefits:
        parts.append(_term_text(known, "benefit", claim.benefit, catalog.benefit(claim.benefit)))
    conditions = dict.fromkeys([*technique.good_for, *(c.condition for c in technique.cautions)])
    for condition in conditions:
        parts.append(_term_text(known, "condition", condition, catalog.condition(condition)))
    return "\n".join(parts)


class SearchTexts:
    """What the search looks in (`search_text`) for each technique of one catalog, made when
    first asked for or ahead of time a few at a time (`prepare`), and then kept: the texts are
    the same in every language and order of the rows."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._texts: dict[str, str] = {}
        self._terms: dict[tuple[str, str], str] = {}  # at most one per term the catalog names
        self._prepared = 0  # techniques[:_prepared] have their texts

    def of(self, technique: Technique) -> str:
        text = self._texts.get(technique.id)
        if text is None:
            text = self._texts[technique.id] = search_text(technique, self._catalog, self._terms)
        return text

    def for_version(self, catalog: Catalog) -> SearchTexts:
        """The texts for `catalog`, a new version of this one (a staff save): where it has the
        same words (`Catalog.same_but_techniques`), the texts of the techniques it still has,
        the very same objects, are kept, and the terms' too; the rest are made when asked for."""
        texts = SearchTexts(catalog)
        if self._catalog.same_but_techniques(catalog):
            texts._terms = self._terms
            old = self._catalog
            texts._texts = {
                t.id: self._texts[t.id]
                for t in catalog.techniques
                if t.id in self._texts and old.technique(t.id) is t
            }
        return texts

    def prepare(self, count: int) -> bool:
        """Make the texts of the next `count` techniques; True once every one is made."""
        techniques = self._catalog.techniques
        end = min(self._prepared + count, len(techniques))
        for technique in techniques[self._prepared : end]:
            self.of(technique)
        self._prepared = end
        return end == len(techniques)


@dataclass(frozen=True)
class Filters:
    """What the patient asked for. Within a group any choice matches; groups combine with AND."""

    benefits: frozenset[str] = field(default_factory=frozenset)
    pressures: frozenset[int] = field(default_factory=frozenset)
    query: str = ""

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The query's words, folded and without simple plural endings (see `stem`)."""
        return tuple(stem(word) for word in fold(self.query).split())

    @property
    def active_groups(self) -> int:
        return sum(bool(g) for g in (self.benefits, self.pressures, self.query.strip()))

    def rows_passing(self, facts: RowFacts, texts: Sequence[str]) -> list[int]:
        """The rows whose technique passes, in order: a technique passes a group when it claims
        any chosen benefit, when its pressure range takes in any chosen level, and when every
        search word is in its texts (`texts`, one per row, read only when there are words). One
        pass over the rows left per active group and per word; a set test or a substring test
        per row (a chip tap over 5,000 techniques once took 10 ms here)."""
        rows: Iterable[int] = range(len(facts.claimed))
        if self.benefits:
            claimed, benefits = facts.claimed, self.benefits
            rows = [r for r in rows if not claimed[r].isdisjoint(benefits)]
        if self.pressures:
            levels, pressures = facts.levels, self.pressures
            rows = [r for r in rows if not levels[r].isdisjoint(pressures)]
        for word in self.words:
            rows = [r for r in rows if word in texts[r]]
        return list(rows)

    def matching(self, facts: RowFacts, haystack: Callable[[int], str]) -> bytearray:
        """One byte per row, 1 where the technique passes (see `rows_passing`); `haystack(row)`
        is what the search looks in for a row."""
        count = len(facts.claimed)
        texts = [haystack(row) for row in range(count)] if self.words else []
        passed = bytearray(count)
        for row in self.rows_passing(facts, texts):
            passed[row] = 1
        return passed


class RowFacts(NamedTuple):
    """What the filters look at, per row: the benefit ids claimed and the pressure levels."""

    claimed: list[frozenset[str]]
    levels: list[frozenset[int]]

    @classmethod
    def of(cls, techniques: Sequence[Technique]) -> RowFacts:
        return cls(
            [frozenset(c.benefit for c in t.benefits) for t in techniques],
            [frozenset(range(t.pressure.low, t.pressure.high + 1)) for t in techniques],
        )


def order_for(techniques: Sequence[Technique], condition: str | None) -> tuple[Technique, ...]:
    """The techniques as a patient with `condition` sees them: those often chosen for it first,
    those to avoid with it last, the catalog's order otherwise (and within each group)."""
    if not condition:
        return tuple(techniques)

    def place(technique: Technique) -> int:
        if technique.avoids(condition):
            return 2
        return 0 if condition in technique.good_for else 1

    return tuple(sorted(techniques, key=place))
