"""What a patient reads about a technique, in one language: derived here once, for every screen.

The card, the details page, the comparison, the handout, the QR text and the welcome screen all
show a technique through `Presenter.technique`: its texts in the patient's language (falling
back to the catalog's default), benefit and condition labels (falling back to the id when the
vocabulary lacks one), grades, pressure and session length in words, and cautions with the
patient's own first. No Qt.

The app's own words (grades, "Light to firm", the clinic's guidance) are written here in
English and marked for translation; the interface hands `Words` Qt's translate function, so
they come out in the language installed. Without one they stay English (tests, the command
line). The contexts are those of the translation file, resources/translations/*.ts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from massage_explorer.core.catalog import (
    BenefitClaim,
    Catalog,
    Caution,
    CautionLevel,
    Evidence,
    Pressure,
    Range,
    Technique,
    Text,
    Urgency,
)

Translate = Callable[[str, str], str]  # (context, English source) -> the text to show


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # the name pyside6-lupdate looks for
    """Marks `source` for the translation file; the translation is looked up when it is shown."""
    return source


def _as_written(context: str, source: str) -> str:
    return source


_EVIDENCE = {
    Evidence.HIGH: QT_TRANSLATE_NOOP("present", "High evidence"),
    Evidence.MODERATE: QT_TRANSLATE_NOOP("present", "Moderate evidence"),
    Evidence.LOW: QT_TRANSLATE_NOOP("present", "Low evidence"),
    Evidence.VERY_LOW: QT_TRANSLATE_NOOP("present", "Very low evidence"),
    Evidence.UNTESTED: QT_TRANSLATE_NOOP("present", "Not studied"),
}
# How sure the wording may sound for a claim of each grade.
_HEDGE = {
    Evidence.HIGH: QT_TRANSLATE_NOOP("present", "helps"),
    Evidence.MODERATE: QT_TRANSLATE_NOOP("present", "probably helps"),
    Evidence.LOW: QT_TRANSLATE_NOOP("present", "may help"),
    Evidence.VERY_LOW: QT_TRANSLATE_NOOP("present", "might help, but we are very unsure"),
    Evidence.UNTESTED: QT_TRANSLATE_NOOP("present", "reported by patients, not studied"),
}
_PRESSURE = {
    Pressure.LIGHT: QT_TRANSLATE_NOOP("present", "Light"),
    Pressure.MEDIUM: QT_TRANSLATE_NOOP("present", "Medium"),
    Pressure.FIRM: QT_TRANSLATE_NOOP("present", "Firm"),
    Pressure.DEEP: QT_TRANSLATE_NOOP("present", "Deep"),
}
_GUIDANCE = (
    QT_TRANSLATE_NOOP("present", "Check with your doctor first."),
    QT_TRANSLATE_NOOP(
        "present",
        "Choose a therapist who specialises in your cause of back pain. "
        "Non-specific low back pain and a herniated disc are treated differently.",
    ),
    QT_TRANSLATE_NOOP("present", "Some discomfort after the first sessions can be normal."),
    QT_TRANSLATE_NOOP("present", "Tell your therapist if the pressure is too much."),
)
# The same four pieces of advice in fewer words: every byte saved keeps a caution in a full QR code.
_GUIDANCE_SHORT = (
    QT_TRANSLATE_NOOP("takeaway", "Check with your doctor first."),
    QT_TRANSLATE_NOOP(
        "takeaway", "Choose a therapist for your cause of back pain: a herniated disc is treated differently."
    ),
    QT_TRANSLATE_NOOP("takeaway", "Some discomfort after the first sessions can be normal."),
    QT_TRANSLATE_NOOP("takeaway", "Say if the pressure is too much."),
)
_CLAIM = QT_TRANSLATE_NOOP("present", "{grade} — {hedge}")
_RANGE = QT_TRANSLATE_NOOP("present", "{low} to {high}")
_MINUTES = QT_TRANSLATE_NOOP("present", "{n} minutes")
_MINUTES_RANGE = QT_TRANSLATE_NOOP("present", "{low} to {high} minutes")
_APPLIES = QT_TRANSLATE_NOOP("present", "{mark} Applies to you")
_NOT_CLAIMED = QT_TRANSLATE_NOOP("present", "— not listed for this one")
# How serious a caution is: a symbol and words, never colour alone; the long form where there is room.
_LEVEL = {
    CautionLevel.AVOID: QT_TRANSLATE_NOOP("present", "Avoid"),
    CautionLevel.ASK_DOCTOR: QT_TRANSLATE_NOOP("present", "Ask your doctor first"),
    CautionLevel.ADAPT: QT_TRANSLATE_NOOP("present", "Tell your therapist"),
}
_LEVEL_LONG = {
    CautionLevel.AVOID: QT_TRANSLATE_NOOP("present", "Avoid: do not book this massage"),
    CautionLevel.ASK_DOCTOR: QT_TRANSLATE_NOOP("present", "Ask your doctor first: only if they say it is OK"),
    CautionLevel.ADAPT: QT_TRANSLATE_NOOP("present", "Tell your therapist: it can be adjusted"),
}
LEVEL_SYMBOL = {
    CautionLevel.AVOID: "✖",
    CautionLevel.ASK_DOCTOR: "⚕",
    CautionLevel.ADAPT: "\N{INFORMATION SOURCE}",
}
_CAUTION_COUNT = QT_TRANSLATE_NOOP("present", "Cautions for {n} conditions · most serious: {level}")
_CAUTION_ONE = QT_TRANSLATE_NOOP("present", "A caution for 1 condition: {level}")
_AVOID_FOR_YOU = QT_TRANSLATE_NOOP("present", "{symbol} Avoid with {condition}: listed last")
_URGENCY = {
    Urgency.EMERGENCY: QT_TRANSLATE_NOOP("present", "Get emergency care now if you have:"),
    Urgency.SEE_DOCTOR: QT_TRANSLATE_NOOP("present", "See a doctor before any massage if you have:"),
}
_RED_FLAGS_LINE = QT_TRANSLATE_NOOP("present", "Warning signs: when to stop and get help")
RED_FLAG_MARK = "⚠"
_NEWEST_SOURCE = QT_TRANSLATE_NOOP("present", "Newest source: {year}")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# One bar per level, rising like the cards' painted scale: firmer is taller.
_BARS = "▂▄▆█"
APPLIES_MARK = "⚠"


class Words:
    """The app's own words about evidence, pressure, time and safety, through `translate`."""

    def __init__(self, translate: Translate = _as_written) -> None:
        self._tr = translate

    def translate(self, context: str, source: str) -> str:
        """`source`, marked with QT_TRANSLATE_NOOP under `context`, in the installed language."""
        return self._tr(context, source)

    def evidence(self, evidence: Evidence) -> str:
        """'Moderate evidence', 'Not studied', ... (words, never colour alone)."""
        return self._tr("present", _EVIDENCE[evidence])

    @staticmethod
    def dots(evidence: Evidence) -> str:
        """Four dots, filled by strength: high ●●●●, untested ○○○○."""
        return "●" * evidence.strength + "○" * (4 - evidence.strength)

    def hedge(self, evidence: Evidence) -> str:
        return self._tr("present", _HEDGE[evidence])

    def claim(self, evidence: Evidence) -> str:
        """'Moderate evidence ●●●○ — probably helps': grade in words, symbols and hedged wording."""
        grade = f"{self.evidence(evidence)} {self.dots(evidence)}"
        return self._tr("present", _CLAIM).format(grade=grade, hedge=self.hedge(evidence))

    def pressure_word(self, level: Pressure) -> str:
        return self._tr("present", _PRESSURE[level])

    def pressure(self, pressure: Range) -> str:
        """'Light' or 'Light to firm'."""
        low = self.pressure_word(Pressure(pressure.low))
        if pressure.is_single:
            return low
        high = self.pressure_word(Pressure(pressure.high)).lower()
        return self._tr("present", _RANGE).format(low=low, high=high)

    @staticmethod
    def pressure_scale(pressure: Range) -> str:
        """Four rising bars, shown for the levels the technique uses and a dot for the others:
        "· · ▆ █" (firm to deep) looks firmer than "▂ ▄ ▆ ·" (light to firm). Equal squares
        made deep tissue look the gentler of the two."""
        return "\u2009".join(  # thin spaces: four steps, not one block
            bar if pressure.low <= level <= pressure.high else "·"
            for level, bar in zip(Pressure, _BARS, strict=True)
        )

    def minutes(self, minutes: Range) -> str:
        if minutes.is_single:
            return self._tr("present", _MINUTES).format(n=minutes.low)
        return self._tr("present", _MINUTES_RANGE).format(low=minutes.low, high=minutes.high)

    def applies(self) -> str:
        """The mark of a caution that matches the patient's condition: a symbol and words."""
        return self._tr("present", _APPLIES).format(mark=APPLIES_MARK)

    def not_claimed(self) -> str:
        """A benefit a technique claims nothing for: the dash, and what it means."""
        return self._tr("present", _NOT_CLAIMED)

    def level(self, level: CautionLevel) -> str:
        """'✖ Avoid': how serious a caution is, by a symbol and words."""
        return f"{LEVEL_SYMBOL[level]} {self._tr('present', _LEVEL[level])}"

    def level_long(self, level: CautionLevel) -> str:
        """'✖ Avoid: do not book this massage': the level with what it asks of the patient."""
        return f"{LEVEL_SYMBOL[level]} {self._tr('present', _LEVEL_LONG[level])}"

    def caution_count(self, count: int, most_serious: CautionLevel) -> str:
        """One line for a card: how many cautions, and the most serious level."""
        source = _CAUTION_ONE if count == 1 else _CAUTION_COUNT
        return self._tr("present", source).format(n=count, level=self.level(most_serious))

    def avoid_for_you(self, condition: str) -> str:
        """Why a technique sits at the end of the list for the patient's condition."""
        symbol = LEVEL_SYMBOL[CautionLevel.AVOID]
        return self._tr("present", _AVOID_FOR_YOU).format(symbol=symbol, condition=condition)

    def urgency(self, urgency: Urgency) -> str:
        """The heading of a group of red flags: what to do when one is there."""
        return self._tr("present", _URGENCY[urgency])

    def red_flags_line(self) -> str:
        """The line on every patient screen that opens the red flags."""
        return f"{RED_FLAG_MARK} {self._tr('present', _RED_FLAGS_LINE)}"

    def newest_source(self, year: int) -> str:
        return self._tr("present", _NEWEST_SOURCE).format(year=year)

    def guidance(self, *, full: bool) -> list[str]:
        """The clinic's guidance: always the doctor line; on details, compare and shortlist the rest."""
        lines = _GUIDANCE if full else _GUIDANCE[:1]
        return [self._tr("present", line) for line in lines]

    def guidance_short(self) -> tuple[str, ...]:
        """The whole guidance in fewer words, for a QR code that is full (the printout has it all)."""
        return tuple(self._tr("takeaway", line) for line in _GUIDANCE_SHORT)


@dataclass(frozen=True)
class ClaimText:
    """One reported benefit as a patient reads it; plain text only."""

    benefit: str  # the benefit's id
    label: str
    evidence: Evidence
    grade: str  # "Moderate evidence"
    dots: str  # "●●●○"
    hedge: str  # "probably helps"
    summary: str  # "Moderate evidence ●●●○ — probably helps"
    note: str
    sources: tuple[str, ...]
    reviewed: dt.date | None


@dataclass(frozen=True)
class CautionText:
    """Advice for people with one condition; `applies` when it is the patient's chosen one."""

    condition: str  # the condition's id
    label: str
    note: str
    applies: bool
    level: CautionLevel
    level_words: str  # "✖ Avoid"
    level_long: str  # "✖ Avoid: do not book this massage"


@dataclass(frozen=True)
class RedFlagGroup:
    """Red flags that call for the same action, under the words for that action."""

    urgency: Urgency
    heading: str  # "Get emergency care now if you have:"
    signs: tuple[str, ...]


@dataclass(frozen=True)
class TechniqueText:
    """A technique as a patient reads it in one language; missing optional texts are ""."""

    id: str
    name: str
    summary: str
    description: str
    feels_like: str
    after_session: str
    questions: tuple[str, ...]
    pressure: Range
    pressure_words: str  # "Light to firm"
    pressure_scale: str  # "▂ ▄ ▆ ·"
    minutes: str  # "30 to 60 minutes"
    claims: tuple[ClaimText, ...]  # strongest evidence first; the catalog's order among equals
    # The patient's condition first, then the most serious level; the catalog's order among equals.
    cautions: tuple[CautionText, ...]
    caution_line: str  # "Cautions for 6 conditions · most serious: ✖ Avoid", or "" with none
    suited: bool  # often chosen for the patient's condition
    avoid_for_you: str  # why it is placed last for the patient's condition, or ""
    image: str | None
    image_alt: str
    newest_source: int | None  # the year of the newest source cited for any claim

    def claim(self, benefit_id: str) -> ClaimText | None:
        return next((c for c in self.claims if c.benefit == benefit_id), None)


class Presenter:
    """Reads a catalog's techniques out in one language, with the app's own words from `words`."""

    def __init__(self, catalog: Catalog, language: str, words: Words | None = None) -> None:
        self.catalog = catalog
        self.language = language
        self.words = words or Words()

    def benefit_label(self, benefit_id: str) -> str:
        term = self.catalog.benefit(benefit_id)
        return term.label.get(self.language) if term else benefit_id

    def condition_label(self, condition_id: str) -> str:
        term = self.catalog.condition(condition_id)
        return term.label.get(self.language) if term else condition_id

    def claim(self, claim: BenefitClaim) -> ClaimText:
        words, lang = self.words, self.language
        return ClaimText(
            benefit=claim.benefit,
            label=self.benefit_label(claim.benefit),
            evidence=claim.evidence,
            grade=words.evidence(claim.evidence),
            dots=words.dots(claim.evidence),
            hedge=words.hedge(claim.evidence),
            summary=words.claim(claim.evidence),
            note=claim.note.get(lang) if claim.note else "",
            sources=tuple(source.get(lang) for source in claim.sources),
            reviewed=claim.reviewed,
        )

    def caution(self, caution: Caution, condition: str | None = None) -> CautionText:
        applies = condition is not None and caution.condition == condition
        return CautionText(
            caution.condition,
            self.condition_label(caution.condition),
            caution.note.get(self.language),
            applies,
            caution.level,
            self.words.level(caution.level),
            self.words.level_long(caution.level),
        )

    def red_flags(self) -> tuple[RedFlagGroup, ...]:
        """The catalog's red flags by urgency, the most urgent first; the catalog's order within."""
        groups = []
        for urgency in Urgency:
            signs = tuple(f.sign.get(self.language) for f in self.catalog.red_flags if f.urgency is urgency)
            if signs:
                groups.append(RedFlagGroup(urgency, self.words.urgency(urgency), signs))
        return tuple(groups)

    def technique(self, technique: Technique, condition: str | None = None) -> TechniqueText:
        """`technique` in this language; `condition` is the patient's, if they chose one."""
        lang, words = self.language, self.words

        def optional(text: Text | None) -> str:
            return text.get(lang) if text is not None else ""

        # sorted() is stable: the catalog's order stays among equal grades and among cautions.
        claims = sorted(technique.benefits, key=lambda c: -c.evidence.strength)
        cautions = sorted(technique.cautions, key=lambda c: (c.condition != condition, c.level.rank))
        caution_line = ""
        if cautions:
            most_serious = min(cautions, key=lambda c: c.level.rank).level
            caution_line = words.caution_count(len({c.condition for c in cautions}), most_serious)
        return TechniqueText(
            id=technique.id,
            name=technique.name.get(lang),
            summary=technique.summary.get(lang),
            description=technique.description.get(lang),
            feels_like=optional(technique.feels_like),
            after_session=optional(technique.after_session),
            questions=tuple(q.get(lang) for q in technique.questions_to_ask),
            pressure=technique.pressure,
            pressure_words=words.pressure(technique.pressure),
            pressure_scale=words.pressure_scale(technique.pressure),
            minutes=words.minutes(technique.session_minutes),
            claims=tuple(self.claim(c) for c in claims),
            cautions=tuple(self.caution(c, condition) for c in cautions),
            caution_line=caution_line,
            suited=condition is not None and condition in technique.good_for,
            avoid_for_you=(
                words.avoid_for_you(self.condition_label(condition))
                if condition is not None and technique.avoids(condition)
                else ""
            ),
            image=technique.image,
            image_alt=optional(technique.image_alt),
            newest_source=newest_source(technique),
        )


def newest_source(technique: Technique) -> int | None:
    """The latest year named in any citation of the technique's claims (the first year in each)."""
    years = []
    for claim in technique.benefits:
        for source in claim.sources:
            found = _YEAR.search(source.default)
            if found:
                years.append(int(found.group()))
    return max(years, default=None)
