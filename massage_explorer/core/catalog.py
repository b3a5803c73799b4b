"""The catalog domain: techniques, their reported benefits and cautions. Plain Python, no Qt."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cached_property

SCHEMA_VERSION = 1
MIN_MINUTES = 5
MAX_MINUTES = 240


class Pressure(enum.IntEnum):
    """How firm the therapist's touch is, from lightest to firmest."""

    LIGHT = 1
    MEDIUM = 2
    FIRM = 3
    DEEP = 4

    @property
    def word(self) -> str:
        """The word used in the catalog file."""
        return self.name.lower()

    @classmethod
    def from_word(cls, word: str) -> Pressure:
        return cls[word.upper()]


class Evidence(enum.Enum):
    """How sure the research is about a benefit, on the GRADE scale plus 'untested'."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"
    UNTESTED = "untested"

    @property
    def strength(self) -> int:
        """4 for high down to 0 for untested; used for sorting and the dot symbols."""
        return _STRENGTH[self]


_STRENGTH = {
    Evidence.HIGH: 4,
    Evidence.MODERATE: 3,
    Evidence.LOW: 2,
    Evidence.VERY_LOW: 1,
    Evidence.UNTESTED: 0,
}


class CautionLevel(enum.Enum):
    """How serious a caution is: whether the massage is off, needs a doctor's yes, or is adapted."""

    AVOID = "avoid"  # do not book this massage with this condition
    ASK_DOCTOR = "ask-doctor"  # only after your doctor says it is OK
    ADAPT = "adapt"  # tell the therapist; it can be adjusted

    @property
    def rank(self) -> int:
        """0 for the most serious: cautions are shown in this order, avoid first."""
        return _RANK[self]


_RANK = {CautionLevel.AVOID: 0, CautionLevel.ASK_DOCTOR: 1, CautionLevel.ADAPT: 2}
# A caution written without a level reads as the middle one: never "go ahead", never "never".
DEFAULT_LEVEL = CautionLevel.ASK_DOCTOR


class Urgency(enum.Enum):
    """What to do at once about a red flag."""

    EMERGENCY = "emergency"  # emergency care now
    SEE_DOCTOR = "see-doctor"  # see a doctor before any massage


@dataclass(frozen=True, slots=True)
class Text:
    """A patient-facing text in one or more languages; the first pair is the default language."""

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, value: str, language: str = "en") -> Text:
        return cls(((language, value),))

    @classmethod
    def of(cls, values: Mapping[str, str]) -> Text:
        return cls(tuple(values.items()))

    @property
    def default(self) -> str:
        return self.pairs[0][1]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.pairs)

    def get(self, language: str) -> str:
        """The text in `language`, falling back to the default language."""
        for lang, value in self.pairs:
            if lang == language:
                return value
        return self.default

    def has(self, language: str) -> bool:
        return any(lang == language for lang, _ in self.pairs)

    def __str__(self) -> str:
        return self.default


@dataclass(frozen=True, slots=True)
class Range:
    """An inclusive low..high range; a single value has low == high."""

    low: int
    high: int

    @property
    def is_single(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True, slots=True)
class Term:
    """An entry of a vocabulary (a benefit or a condition) shared by every technique.

    `search_words` are other words patients type for it, per language ("sciatica", "leg pain"):
    the search finds the techniques that claim the benefit, or suit the condition, by them."""

    id: str
    label: Text
    description: Text | None = None
    search_words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def all_search_words(self) -> tuple[str, ...]:
        return tuple(word for _language, words in self.search_words for word in words)


@dataclass(frozen=True, slots=True)
class BenefitClaim:
    """A benefit a technique is reported to have, with how strong the evidence is."""

    benefit: str
    evidence: Evidence
    note: Text | None = None
    sources: tuple[Text, ...] = ()
    reviewed: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Caution:
    """Advice for people with a given condition before trying a technique."""

    condition: str
    note: Text
    level: CautionLevel = DEFAULT_LEVEL


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A sign that means stop and get help now, shown on every patient screen and take-away."""

    sign: Text
    urgency: Urgency


@dataclass(frozen=True, slots=True)
class Technique:
    """One massage technique as a patient reads about it."""

    id: str
    name: Text
    summary: Text
    description: Text
    pressure: Range  # values are Pressure members
    session_minutes: Range
    feels_like: Text | None = None
    benefits: tuple[BenefitClaim, ...] = ()
    good_for: tuple[str, ...] = ()
    cautions: tuple[Caution, ...] = ()
    after_session: Text | None = None
    questions_to_ask: tuple[Text, ...] = ()
    image: str | None = None
    image_alt: Text | None = None

    def claim(self, benefit_id: str) -> BenefitClaim | None:
        for claim in self.benefits:
            if claim.benefit == benefit_id:
                return claim
        return None

    def caution_for(self, condition_id: str) -> Caution | None:
        """The most serious caution for the condition (a catalog may list one twice)."""
        found = [c for c in self.cautions if c.condition == condition_id]
        return min(found, key=lambda c: c.level.rank) if found else None

    def avoids(self, condition_id: str) -> bool:
        """Whether it is a massage to avoid with the condition: it is listed last for that patient."""
        caution = self.caution_for(condition_id)
        return caution is not None and caution.level is CautionLevel.AVOID


@dataclass(frozen=True)
class Catalog:
    """The whole catalog: languages, both vocabularies, the techniques in display order, and the
    clinic's red flags and the conditions every technique must give a caution for."""

    techniques: tuple[Technique, ...]
    benefits: tuple[Term, ...] = ()
    conditions: tuple[Term, ...] = ()
    languages: tuple[str, ...] = ("en",)
    schema_version: int = SCHEMA_VERSION
    red_flags: tuple[RedFlag, ...] = ()
    required_cautions: tuple[str, ...] = ()

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @cached_property
    def _benefits_by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.benefits}

    @cached_property
    def _conditions_by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.conditions}

    def __post_init__(self) -> None:
        # Made with the catalog, where it is read (the start-up reader, a reload's thread), not on
        # the window's thread at the first technique a patient opens or compares (~1 ms at 5,000).
        self._techniques_by_id  # noqa: B018

    @cached_property
    def _techniques_by_id(self) -> dict[str, Technique]:
        return {t.id: t for t in self.techniques}

    def benefit(self, benefit_id: str) -> Term | None:
        return self._benefits_by_id.get(benefit_id)

    def condition(self, condition_id: str) -> Term | None:
        return self._conditions_by_id.get(condition_id)

    def technique(self, technique_id: str) -> Technique | None:
        return self._techniques_by_id.get(technique_id)

    def same_but_techniques(self, other: Catalog) -> bool:
        """Whether `other` differs from this catalog in its techniques at most: the same
        languages, vocabularies, red flags and required cautions, as in most staff saves. What
        is made from a technique and these (its card, its search text) then holds for `other`
        wherever it has the very same technique."""
        return all(
            getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.name != "techniques"
        )

    def __iter__(self) -> Iterator[Technique]:
        return iter(self.techniques)

    def __len__(self) -> int:
        return len(self.techniques)
