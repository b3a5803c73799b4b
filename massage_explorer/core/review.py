"""The review report a clinic's medical director signs: every technique's claims with their grade,
wording, sources and review date, and its cautions with their levels; stale reviews first. No Qt:
plain strings, which ui/review_pdf.py lays out one technique to a page.

The report is for staff, in English (the catalog's texts appear in each of its languages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from massage_explorer.core.catalog import Catalog, CautionLevel, Evidence, Technique, Text
from massage_explorer.core.history import describe_changes
from massage_explorer.core.schema.catalog_fields import STALE_YEARS

GRADES = {
    Evidence.HIGH: "High",
    Evidence.MODERATE: "Moderate",
    Evidence.LOW: "Low",
    Evidence.VERY_LOW: "Very low",
    Evidence.UNTESTED: "Untested",
}
LEVELS = {
    CautionLevel.AVOID: "Avoid",
    CautionLevel.ASK_DOCTOR: "Ask the doctor first",
    CautionLevel.ADAPT: "Adapt: tell the therapist",
}


@dataclass(frozen=True)
class ReviewClaim:
    """One reported benefit as the catalog states it."""

    benefit: str
    grade: str
    wording: tuple[tuple[str, str], ...]  # (language, text)
    sources: tuple[str, ...]
    reviewed: str  # "2023-05-01", or "never recorded"
    stale: bool  # never reviewed, or longer ago than the validator allows


@dataclass(frozen=True)
class ReviewCaution:
    condition: str
    level: str
    advice: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReviewTechnique:
    id: str
    name: str
    oldest_review: str  # of its claims: what puts it first when stale
    stale: bool
    claims: tuple[ReviewClaim, ...]
    cautions: tuple[ReviewCaution, ...]


@dataclass(frozen=True)
class ReviewReport:
    title: str
    source: str  # the catalog file
    made: str  # the date the report was made
    stale_years: int
    techniques: tuple[ReviewTechnique, ...]  # stale reviews first, oldest first
    since: str = ""  # "version #3 (2026-11-02, ana)" when the changes since a version are listed
    changes: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)  # the catalog's, in its order: a column each

    @property
    def stale_count(self) -> int:
        return sum(t.stale for t in self.techniques)


def build_review(
    catalog: Catalog,
    source: str,
    today: dt.date | None = None,
    *,
    since: tuple[str, Catalog] | None = None,
) -> ReviewReport:
    """The report of `catalog` (read from the file `source`) as of `today`; with `since`, a
    version's description and catalog, what changed from it to this one too."""
    today = today or dt.date.today()
    labels = {term.id: term.label.default for term in (*catalog.benefits, *catalog.conditions)}
    techniques = [_technique(t, labels, catalog.languages, today) for t in catalog.techniques]
    # Stale first, oldest review first (never reviewed before any date), then by name.
    techniques.sort(key=lambda t: (not t.stale, t.oldest_review != "never recorded", t.oldest_review, t.name))
    return ReviewReport(
        title="Catalog review",
        source=source,
        made=today.isoformat(),
        stale_years=STALE_YEARS,
        techniques=tuple(techniques),
        since=since[0] if since else "",
        changes=tuple(describe_changes(since[1], catalog)) if since else (),
        languages=catalog.languages,
    )


def _technique(
    technique: Technique, labels: dict[str, str], languages: tuple[str, ...], today: dt.date
) -> ReviewTechnique:
    claims = []
    for claim in technique.benefits:
        stale = claim.reviewed is None or (today - claim.reviewed).days > 365.25 * STALE_YEARS
        claims.append(
            ReviewClaim(
                benefit=labels.get(claim.benefit, claim.benefit),
                grade=GRADES[claim.evidence],
                wording=_in_each(claim.note, languages),
                sources=tuple(source.default for source in claim.sources),
                reviewed=claim.reviewed.isoformat() if claim.reviewed else "never recorded",
                stale=stale,
            )
        )
    cautions = tuple(
        ReviewCaution(labels.get(c.condition, c.condition), LEVELS[c.level], _in_each(c.note, languages))
        for c in sorted(technique.cautions, key=lambda c: c.level.rank)
    )
    dates = [c.reviewed for c in claims]
    oldest = "never recorded" if "never recorded" in dates else min(dates, default="never recorded")
    return ReviewTechnique(
        id=technique.id,
        name=technique.name.default,
        oldest_review=oldest,
        stale=any(c.stale for c in claims),
        claims=tuple(claims),
        cautions=cautions,
    )


def _in_each(text: Text | None, languages: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    if text is None:
        return ()
    return tuple((language, text.get(language)) for language in languages if text.has(language))
