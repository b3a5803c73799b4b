"""Read and check one technique entry (its claims and cautions) of a catalog file. No Qt."""

from __future__ import annotations

import re
from collections.abc import Set
from typing import TYPE_CHECKING

from yaml.nodes import Node, ScalarNode

from massage_explorer.core.catalog import (
    DEFAULT_LEVEL,
    BenefitClaim,
    Caution,
    CautionLevel,
    Evidence,
    Technique,
    Text,
)
from massage_explorer.core.problems import ItemKind, Location
from massage_explorer.core.schema.catalog_fields import child

if TYPE_CHECKING:
    from massage_explorer.core.schema.catalog_fields import CatalogFieldReader

# A technique's fields in the file's order (the dump writes them so), and those it must have.
TECHNIQUE_FIELDS = (
    "id", "name", "summary", "description", "pressure", "session_minutes", "feels_like",
    "benefits", "good_for", "cautions", "after_session", "questions_to_ask", "image", "image_alt",
)  # fmt: skip
TECHNIQUE_REQUIRED = (
    "id", "name", "summary", "description", "pressure", "session_minutes", "benefits",
)  # fmt: skip
# The texts a patient reads about a technique, each a Technique attribute of the same name. The
# reader, the dump and the editor's form all go by this list: a new text needs its attribute,
# a place here and in TECHNIQUE_FIELDS, and the screens that show it (core/present.py).
TECHNIQUE_TEXTS = ("name", "summary", "description", "feels_like", "after_session", "image_alt")
CLAIM_FIELDS = ("benefit", "evidence", "note", "sources", "reviewed")
CAUTION_FIELDS = ("condition", "level", "note")
EVIDENCE_WORDS = tuple(e.value for e in Evidence)
LEVEL_WORDS = tuple(level.value for level in CautionLevel)
MAX_SUMMARY = 200
_TWO_SENTENCES = re.compile(r"[.!?]\s+\S")


def read_technique(
    b: CatalogFieldReader,
    node: Node,
    index: int,
    benefit_ids: Set[str],
    condition_ids: Set[str],
) -> Technique | None:
    """The technique at techniques[index], or None after recording what is wrong with it."""
    errors_before = b.error_count
    raw_id = peek_id(node)
    where = Location(ItemKind.TECHNIQUE, raw_id, None if raw_id else index)
    values = b.fields(node, where, TECHNIQUE_FIELDS, TECHNIQUE_REQUIRED)
    if values is None:
        return None
    technique_id = b.slug(values["id"], where.at("id")) if "id" in values else None

    texts: dict[str, Text | None] = {
        key: b.patient_text(values[key], where.at(key)) if key in values else None for key in TECHNIQUE_TEXTS
    }
    summary = texts["summary"]
    if summary is not None:
        _check_summary(b, values["summary"], where, summary)
    pressure = b.pressure(values["pressure"], where.at("pressure")) if "pressure" in values else None
    minutes = (
        b.minutes(values["session_minutes"], where.at("session_minutes"))
        if "session_minutes" in values
        else None
    )
    claims = _claims(b, values.get("benefits"), where, benefit_ids)
    good_for = (
        b.references(values["good_for"], where.at("good_for"), condition_ids, "conditions")
        if "good_for" in values
        else ()
    )
    cautions = _cautions(b, values.get("cautions"), where, condition_ids)
    questions = _text_list(b, values.get("questions_to_ask"), where.at("questions_to_ask"), "questions")
    image = b.image(values["image"], where.at("image")) if "image" in values else None
    if "image" in values and texts["image_alt"] is None:
        b.warn(
            values["image"],
            where.at("image"),
            "the picture has no image_alt; add a sentence saying what it shows, for patients "
            "who cannot see it well and for screen readers",
        )

    if b.error_count > errors_before:
        return None
    assert technique_id and pressure and minutes
    assert all(texts[key] for key in TECHNIQUE_REQUIRED if key in texts)
    if claims and not cautions and texts["after_session"] is None:
        b.warn(
            node,
            where,
            "lists benefits but no cautions and no after_session; patients need "
            "both sides, so add who should be careful or what to expect afterwards",
        )
    return Technique(
        id=technique_id,
        pressure=pressure,
        session_minutes=minutes,
        benefits=claims,
        good_for=good_for,
        cautions=cautions,
        questions_to_ask=questions,
        image=image,
        **texts,  # type: ignore[arg-type]  # the required ones are checked just above
    )


def peek_id(node: Node) -> str | None:
    """The id written in a technique entry, read before the entry is checked, for messages."""
    value = child(node, "id")
    return str(value.value) if isinstance(value, ScalarNode) and value.value else None


def _check_summary(b: CatalogFieldReader, node: Node, where: Location, summary: Text) -> None:
    for language, value in summary.pairs:
        at = where.at("summary").in_language(language)
        if len(value) > MAX_SUMMARY:
            b.error(
                node,
                at,
                f"{len(value)} characters, over {MAX_SUMMARY}; "
                "keep it to one short sentence and move the rest to the description",
            )
        elif _TWO_SENTENCES.search(value.strip()):
            b.warn(node, at, "should be one sentence")


def _claims(
    b: CatalogFieldReader, node: Node | None, where: Location, benefit_ids: Set[str]
) -> tuple[BenefitClaim, ...]:
    if node is None:
        return ()  # already reported as a missing required field
    items = b.items(node, where.at("benefits"), "benefit claims")
    claims: list[BenefitClaim] = []
    seen: set[str] = set()
    for i, item in enumerate(items or ()):
        at = where.at("benefits").item_at(i)
        values = b.fields(item, at, CLAIM_FIELDS, ("benefit", "evidence"))
        if values is None:
            continue
        benefit = (
            b.reference(values["benefit"], at.at("benefit"), benefit_ids, "benefits")
            if "benefit" in values
            else None
        )
        if benefit is not None and benefit in seen:
            b.error(values["benefit"], at.at("benefit"), f"'{benefit}' is claimed twice; merge them")
            benefit = None
        grade = (
            b.word(values["evidence"], at.at("evidence"), EVIDENCE_WORDS, "evidence grade")
            if "evidence" in values
            else None
        )
        note = b.patient_text(values["note"], at.at("note")) if "note" in values else None
        sources = _text_list(b, values.get("sources"), at.at("sources"), "citations", patient=False)
        reviewed = b.reviewed(values["reviewed"], at.at("reviewed")) if "reviewed" in values else None
        if benefit is not None and grade is not None:
            seen.add(benefit)
            claims.append(BenefitClaim(benefit, Evidence(grade), note, sources, reviewed))
    return tuple(claims)


def _cautions(
    b: CatalogFieldReader, node: Node | None, where: Location, condition_ids: Set[str]
) -> tuple[Caution, ...]:
    if node is None:
        return ()
    cautions = []
    seen: dict[str, Node] = {}
    for i, item in enumerate(b.items(node, where.at("cautions"), "cautions") or ()):
        at = where.at("cautions").item_at(i)
        values = b.fields(item, at, CAUTION_FIELDS, ("condition", "note"))
        if values is None or "condition" not in values or "note" not in values:
            continue
        condition = b.reference(values["condition"], at.at("condition"), condition_ids, "conditions")
        note = b.patient_text(values["note"], at.at("note"))
        level = _level(b, values.get("level"), item, at)
        if condition is not None and condition in seen:
            first = b.line_of(seen[condition])
            message = (
                f"'{condition}' has a caution already (line {first}); merge the two so patients read one"
            )
            b.warn(values["condition"], at.at("condition"), message)
        elif condition is not None:
            seen[condition] = values["condition"]
        if condition is not None and note is not None and level is not None:
            cautions.append(Caution(condition, note, level))
    return tuple(cautions)


def _level(b: CatalogFieldReader, node: Node | None, caution: Node, at: Location) -> CautionLevel | None:
    if node is None:
        b.warn(
            caution,
            at.at("level"),
            f"no level; add 'level:' with one of {', '.join(LEVEL_WORDS)} (until then patients "
            f"read it as '{DEFAULT_LEVEL.value}')",
        )
        return DEFAULT_LEVEL
    word = b.word(node, at.at("level"), LEVEL_WORDS, "caution level")
    return None if word is None else CautionLevel(word)


def _text_list(
    b: CatalogFieldReader, node: Node | None, where: Location, what: str, *, patient: bool = True
) -> tuple[Text, ...]:
    if node is None:
        return ()
    if isinstance(node, ScalarNode) and node.tag.endswith(":str"):
        b.error(node, where, f"expected a list of {what}; write it as a list item: '- {node.value}'")
        return ()
    texts = []
    for i, item in enumerate(b.items(node, where, what) or ()):
        # Citations read the same in every language, so they are not checked for translations.
        if patient:
            value = b.patient_text(item, where.item_at(i))
        else:
            value = b.text(item, where.item_at(i), b.languages)
        if value is not None:
            texts.append(value)
    return tuple(texts)
