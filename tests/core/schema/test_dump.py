"""load(dump(catalog)) == catalog, and the dump is stable, readable YAML."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import parse_catalog
from tests.core.helpers import TODAY, VALID, read

LANGUAGES = ("en", "es")
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
# Any printable text, Unicode included, with inner line breaks; YAML cannot hold other control
# characters and folds CR and the Unicode line separators, so those are left out.
chars = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"
) | st.sampled_from("\n ")
strings = st.text(chars, min_size=1, max_size=60).filter(lambda s: s.strip())


@st.composite
def texts(draw, languages=LANGUAGES, max_len=None):
    value = draw(strings)
    if max_len:
        value = value[:max_len].strip() or "x"
    pairs = [(languages[0], value)]
    if draw(st.booleans()):
        pairs.append((languages[1], draw(strings)))
    return Text(tuple(pairs))


def ranges(low, high):
    return st.tuples(st.integers(low, high), st.integers(low, high)).map(lambda p: Range(min(p), max(p)))


@st.composite
def catalogs(draw):
    benefits = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    conditions = draw(st.lists(slugs, max_size=4, unique=True))
    ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    optional = st.none() | texts()
    techniques = []
    for technique_id in ids:
        claimed = draw(st.lists(st.sampled_from(benefits), unique=True, max_size=len(benefits)))
        claims = tuple(
            BenefitClaim(
                b,
                draw(st.sampled_from(list(Evidence))),
                draw(optional),
                tuple(draw(st.lists(texts(), max_size=2))),
                draw(st.none() | st.dates(dt.date(2022, 1, 1), TODAY)),
            )
            for b in claimed
        )
        cond = st.sampled_from(conditions) if conditions else st.nothing()
        techniques.append(
            Technique(
                id=technique_id,
                name=draw(texts()),
                summary=draw(texts(max_len=200)),
                description=draw(texts()),
                pressure=draw(ranges(1, 4)),
                session_minutes=draw(ranges(5, 240)),
                feels_like=draw(optional),
                benefits=claims,
                good_for=tuple(draw(st.lists(cond, unique=True, max_size=3))) if conditions else (),
                cautions=tuple(Caution(c, draw(texts())) for c in draw(st.lists(cond, max_size=2)))
                if conditions
                else (),
                after_session=draw(optional),
                questions_to_ask=tuple(draw(st.lists(texts(), max_size=2))),
            )
        )
    return Catalog(
        techniques=tuple(techniques),
        benefits=tuple(Term(b, draw(texts()), draw(st.none() | texts())) for b in benefits),
        conditions=tuple(Term(c, draw(texts()), draw(st.none() | texts())) for c in conditions),
        languages=LANGUAGES,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_load_of_dump_is_the_same_catalog(catalog):
    text = dump_catalog(catalog)
    result = parse_catalog(text.encode("utf-8"), today=TODAY)
    assert result.errors == [], text
    assert result.catalog == catalog


def test_dump_is_stable_and_diff_friendly():
    catalog = read(VALID).catalog
    text = dump_catalog(catalog)
    assert dump_catalog(read(text).catalog) == text  # a second round changes nothing
    keys = [
        line.split(":")[0].strip(" -")
        for line in text.splitlines()
        if line.startswith("    ") and ":" in line
    ]
    # Key order follows the schema, not the alphabet.
    assert keys.index("name") < keys.index("summary") < keys.index("description") < keys.index("pressure")
    assert (
        "    description: |\n      The therapist uses oil and long strokes.\n\n"
        "      It is the most common kind.\n" in text
    )
    assert "\n\ntechniques:\n  - id: swedish\n" in text
    assert "pressure: [light, medium]" in text
    assert "reviewed: 2025-06-01" in text
    assert "{" not in text  # block style: no flow mappings


def test_dump_keeps_unicode_and_quotes_what_yaml_would_misread():
    catalog = read(VALID).catalog
    swedish = catalog.techniques[0]
    changed = replace(swedish, name=Text.plain("Masaje sueco — cálido"), feels_like=Text.plain("no"))
    catalog = Catalog(techniques=(changed,), benefits=catalog.benefits, conditions=catalog.conditions)
    text = dump_catalog(catalog)
    assert "Masaje sueco — cálido" in text
    assert "feels_like: 'no'" in text
    assert read(text).catalog == catalog


def test_shared_objects_are_written_out_not_aliased():
    catalog = read(VALID).catalog
    swedish = catalog.techniques[0]
    twin = replace(swedish, id="twin")  # shares every text and list
    both = Catalog(techniques=(swedish, twin), benefits=catalog.benefits, conditions=catalog.conditions)
    text = dump_catalog(both)
    assert "&id" not in text and "*id" not in text
    assert read(text).catalog == both


def test_every_text_of_a_technique_is_read_written_and_presented_by_the_one_table():
    # A new text on Technique needs a place in TECHNIQUE_TEXTS: the reader, the dump and the
    # editor then take it from there, and the patient's screens from TechniqueText.
    import dataclasses

    from massage_explorer.core.catalog import Technique
    from massage_explorer.core.present import TechniqueText
    from massage_explorer.core.schema.technique_reader import TECHNIQUE_FIELDS, TECHNIQUE_TEXTS

    texts = {f.name for f in dataclasses.fields(Technique) if f.type in ("Text", "Text | None")}
    assert texts == set(TECHNIQUE_TEXTS)
    assert [key for key in TECHNIQUE_FIELDS if key in texts] == list(TECHNIQUE_TEXTS)
    assert texts <= {f.name for f in dataclasses.fields(TechniqueText)}
