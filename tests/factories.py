"""Builders of small in-memory catalogs for tests, so no test depends on the bundled content."""

from __future__ import annotations

import datetime as dt
from typing import Any

from massage_explorer.core.catalog import (
    BenefitClaim,
    Catalog,
    Caution,
    Evidence,
    Range,
    Technique,
    Term,
    Text,
)


def t(value: str) -> Text:
    return Text.plain(value)


BENEFITS = (
    Term("pain", t("Less back pain"), t("Pain in the lower back eases.")),
    Term("sleep", t("Better sleep")),
    Term("calm", t("Feeling calmer")),
)
CONDITIONS = (
    Term("disc", t("Herniated disc")),
    Term("thinners", t("Taking blood thinners")),
)


def technique(technique_id: str = "gentle", **overrides: Any) -> Technique:
    fields: dict[str, Any] = {
        "id": technique_id,
        "name": t(technique_id.replace("-", " ").title()),
        "summary": t(f"A short summary of {technique_id}."),
        "description": t("What it is.\n\nA second paragraph."),
        "pressure": Range(1, 2),
        "session_minutes": Range(30, 60),
        "feels_like": t("Slow, warm strokes."),
        "benefits": (
            BenefitClaim(
                "pain",
                Evidence.LOW,
                t("It may ease pain for a short time."),
                (t("A review, 2015."),),
                dt.date(2025, 6, 1),
            ),
            BenefitClaim("calm", Evidence.UNTESTED),
        ),
        "good_for": ("disc",),
        "cautions": (Caution("thinners", t("Ask for light pressure.")),),
        "after_session": t("You may feel sleepy."),
        "questions_to_ask": (t("Have you treated backs like mine?"),),
    }
    fields.update(overrides)
    return Technique(**fields)


def catalog(*techniques: Technique, **overrides: Any) -> Catalog:
    fields: dict[str, Any] = {
        "techniques": techniques or (technique("gentle"), technique("firm-one", pressure=Range(3, 4))),
        "benefits": BENEFITS,
        "conditions": CONDITIONS,
    }
    fields.update(overrides)
    return Catalog(**fields)
