"""The review report's content: every claim with its grade, wording, sources and review date,
cautions by level, stale reviews first. No Qt."""

from __future__ import annotations

import datetime as dt

from massage_explorer.core.catalog import BenefitClaim, Caution, CautionLevel, Evidence, Text
from massage_explorer.core.review import build_review
from tests import factories as f

TODAY = dt.date(2026, 12, 4)


def _claim(benefit: str, reviewed: dt.date | None, evidence: Evidence = Evidence.LOW) -> BenefitClaim:
    note = Text.of({"en": f"May help {benefit}.", "es": f"Puede ayudar: {benefit}."})
    return BenefitClaim(benefit, evidence, note, (Text.plain(f"Source for {benefit}"),), reviewed)


def test_every_claim_and_caution_is_in_the_report_with_its_grade_and_level() -> None:
    technique = f.technique(
        "gentle",
        benefits=(
            _claim("pain", dt.date(2025, 1, 2), Evidence.MODERATE),
            _claim("sleep", None, Evidence.UNTESTED),
        ),
        cautions=(
            Caution("disc", Text.plain("Tell the therapist."), CautionLevel.ADAPT),
            Caution("disc", Text.plain("Do not book it."), CautionLevel.AVOID),
        ),
    )
    report = build_review(f.catalog(technique), "c.yaml", TODAY)
    (page,) = report.techniques
    assert [(c.benefit, c.grade, c.reviewed) for c in page.claims] == [
        ("Less back pain", "Moderate", "2025-01-02"),
        ("Better sleep", "Untested", "never recorded"),
    ]
    assert page.claims[0].wording == (("en", "May help pain."),)  # the catalog's languages only
    assert page.claims[0].sources == ("Source for pain",)
    assert [c.level for c in page.cautions] == ["Avoid", "Adapt: tell the therapist"]  # most serious first
    assert page.stale and page.claims[1].stale and not page.claims[0].stale


def test_stale_reviews_come_first_oldest_first() -> None:
    fresh = f.technique("fresh", benefits=(_claim("pain", dt.date(2026, 1, 1)),))
    old = f.technique("old", benefits=(_claim("pain", dt.date(2019, 1, 1)),))
    older = f.technique("older", benefits=(_claim("pain", dt.date(2015, 6, 1)),))
    never = f.technique("never", benefits=(_claim("pain", None),))
    report = build_review(f.catalog(fresh, old, older, never), "c.yaml", TODAY)
    assert [t.id for t in report.techniques] == ["never", "older", "old", "fresh"]
    assert report.stale_count == 3
