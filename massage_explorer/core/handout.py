"""The take-away of a shortlist as plain text: what the printout, the PDF and the QR code say.

Nothing personal goes in (no name, no date, no condition) and every piece is plain text; the
printout escapes it into its own HTML. Built from `Presenter`, like every screen. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.present import QT_TRANSLATE_NOOP, Presenter, RedFlagGroup, TechniqueText, Words

MAX_BENEFITS = 3


@dataclass(frozen=True)
class HandoutCaution:
    """Advice for people with one condition: 'Herniated disc', how serious ('✖ Avoid'), what to do."""

    condition: str
    note: str
    level: str = ""  # the level's symbol and words


@dataclass(frozen=True)
class HandoutTechnique:
    """One shortlisted technique as printed; every field is ready-to-show plain text."""

    name: str
    pressure: str
    session: str
    benefits: tuple[str, ...]
    cautions: tuple[HandoutCaution, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class HandoutLabels:
    """The fixed headings of the handout, already in the language on screen."""

    pressure: str
    session: str
    benefits: str
    cautions: str
    cautions_brief: str  # under caution names printed without their advice
    questions: str
    guidance: str
    scan: str
    scan_short: str
    more: str
    more_desk: str


@dataclass(frozen=True)
class Handout:
    """Everything a patient takes away; plain strings only, nothing personal, no date."""

    title: str
    techniques: tuple[HandoutTechnique, ...]
    guidance: tuple[str, ...]
    guidance_short: tuple[str, ...]  # the same advice in fewer words, for a QR code that is full
    footer: str
    labels: HandoutLabels
    language: str
    # The clinic's red flags, the most urgent group first: on every handout and in every QR code,
    # whatever else is left out.
    red_flags: tuple[RedFlagGroup, ...] = ()
    red_flags_title: str = ""


_LABELS = {
    "pressure": QT_TRANSLATE_NOOP("takeaway", "Pressure"),
    "session": QT_TRANSLATE_NOOP("takeaway", "Session"),
    "benefits": QT_TRANSLATE_NOOP("takeaway", "What it may help with"),
    "cautions": QT_TRANSLATE_NOOP("takeaway", "Take care in these cases"),
    # Under the condition names when their advice is not printed (the brief form of the paper
    # handout): what to do about any of them, including when to get help at once.
    "cautions_brief": QT_TRANSLATE_NOOP(
        "takeaway",
        "If one of these is you, check with your doctor first and tell your therapist before "
        "you start. Stop the session if pain, numbness or weakness gets worse. Get help right "
        "away if a leg gets weak or you cannot control your bladder or bowels. Your therapist "
        "or the front desk can tell you more about each one.",
    ),
    "questions": QT_TRANSLATE_NOOP("takeaway", "Questions to ask your therapist"),
    "guidance": QT_TRANSLATE_NOOP("takeaway", "From the clinic"),
    "scan": QT_TRANSLATE_NOOP("takeaway", "Scan to keep this list on your phone."),
    "scan_short": QT_TRANSLATE_NOOP("takeaway", "Scan to keep a shorter version of this list on your phone."),
    "more": QT_TRANSLATE_NOOP("takeaway", "More techniques are on the printout."),
    "more_desk": QT_TRANSLATE_NOOP("takeaway", "More techniques: ask at the front desk for the full list."),
}
_TITLE = QT_TRANSLATE_NOOP("takeaway", "My massage shortlist")
_FOOTER = QT_TRANSLATE_NOOP("takeaway", "General information, not medical advice.")
_BENEFIT_LINE = QT_TRANSLATE_NOOP("takeaway", "{benefit}: {grade} — {hedge}")


def _technique(text: TechniqueText, words: Words) -> HandoutTechnique:
    benefits = [
        words.translate("takeaway", _BENEFIT_LINE).format(benefit=c.label, grade=c.grade, hedge=c.hedge)
        for c in text.claims[:MAX_BENEFITS]  # the strongest evidence first
    ]
    return HandoutTechnique(
        name=text.name,
        pressure=text.pressure_words,
        session=text.minutes,
        benefits=tuple(benefits),
        # The most serious first (avoid, ask your doctor, tell your therapist), as on screen.
        cautions=tuple(HandoutCaution(c.label, c.note, c.level_words) for c in text.cautions),
        questions=text.questions,
    )


def build_handout(
    catalog: Catalog, technique_ids: Iterable[str], language: str, words: Words | None = None
) -> Handout:
    """The handout for the shortlisted techniques, in order; ids no longer in the catalog are skipped.

    The app's own words come from `words` (the interface passes its translated ones)."""
    words = words or Words()
    presenter = Presenter(catalog, language, words)
    techniques = []
    for technique_id in technique_ids:
        technique = catalog.technique(technique_id)
        if technique is not None:
            techniques.append(_technique(presenter.technique(technique), words))
    return Handout(
        title=words.translate("takeaway", _TITLE),
        techniques=tuple(techniques),
        guidance=tuple(words.guidance(full=True)),
        guidance_short=words.guidance_short(),
        footer=words.translate("takeaway", _FOOTER),
        labels=HandoutLabels(**{key: words.translate("takeaway", text) for key, text in _LABELS.items()}),
        language=language,
        red_flags=presenter.red_flags(),
        red_flags_title=words.red_flags_line() if catalog.red_flags else "",
    )
