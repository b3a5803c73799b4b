"""A technique's part written without PyYAML's emitter is PyYAML's text, or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from massage_explorer.core.catalog import BenefitClaim, Caution, Evidence, Range, Technique, Text
from massage_explorer.core.editing.part_text import technique_text
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.schema.dump import dump_technique
from massage_explorer.core.storage import load_catalog
from tests import factories as f

# Pieces that change how YAML writes a string: indicators, words it reads as other types, quotes,
# spaces where they matter, line breaks of every kind, characters it escapes.
PIECES = [
    "word", "Calm strokes.", "yes", "No", "null", "~", "12", "1.5", "2024-01-01", "0x1f", ".inf",
    "-", "- ", "? ", "?x", ":", ": ", "a: b", "#", " #", "a#b", "'", '"', "''", "---", "...", "&a",
    "*a", "!t", "|", ">", "%", "@", "`", "[x]", "{y}", ",", "=", "<<", "\t", "\r", "\x85",
    "\u2028", "\ufeff", "\x00", "é", "日本", "\U0001f600", " ", "  ", "\n", "\n\n", " \n", "\n ",
]  # fmt: skip
strings = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=6).map("".join)
texts = st.builds(
    lambda en, es: Text.plain(en) if es is None else Text((("en", en), ("es", es))),
    strings,
    st.none() | strings,
)


@st.composite
def techniques(draw: st.DrawFn) -> Technique:
    claim = BenefitClaim(
        draw(strings),
        draw(st.sampled_from(list(Evidence))),
        draw(st.none() | texts),
        tuple(draw(st.lists(texts, max_size=2))),
        draw(st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
    )
    low, high = sorted(draw(st.lists(st.integers(-5, 500), min_size=2, max_size=2)))
    return f.technique(
        draw(strings),
        name=draw(texts),
        summary=draw(texts),
        description=draw(texts),
        feels_like=draw(st.none() | texts),
        pressure=Range(*sorted(draw(st.lists(st.integers(1, 4), min_size=2, max_size=2)))),
        session_minutes=Range(low, high),
        benefits=tuple(draw(st.lists(st.just(claim), max_size=2))),
        good_for=tuple(draw(st.lists(strings, max_size=2))),
        cautions=tuple(Caution(draw(strings), draw(texts)) for _ in range(draw(st.integers(0, 2)))),
        questions_to_ask=tuple(draw(st.lists(texts, max_size=2))),
        image=draw(st.none() | strings),
    )


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(techniques(), st.booleans())
def test_the_text_is_the_dumps_where_there_is_one(technique: Technique, first: bool) -> None:
    text = technique_text(technique, first=first)
    assert text is None or text == dump_technique(technique, first=first)


@settings(max_examples=400)
@given(strings, st.sampled_from(["id", "summary", "description", "questions_to_ask", "good_for"]))
def test_each_kind_of_string_in_each_place(value: str, field: str) -> None:
    # One string in an otherwise ordinary technique: its own style decides, not a neighbour's.
    if field in ("id", "good_for"):
        technique = replace(f.technique(), **{field: value if field == "id" else (value,)})
    elif field == "questions_to_ask":
        technique = replace(f.technique(), questions_to_ask=(Text.plain(value),))
    else:
        technique = replace(f.technique(), **{field: Text((("en", "Calm."), ("es", value)))})
    text = technique_text(technique, first=True)
    assert text is None or text == dump_technique(technique, first=True)


def test_ordinary_techniques_are_written_without_pyyaml() -> None:
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    for i, technique in enumerate(catalog.techniques):
        assert technique_text(technique, first=i == 0) == dump_technique(technique, first=i == 0)
    quoted = replace(
        f.technique("yes"),
        summary=Text((("en", "Note: it's 'calm' # not loud"), ("es", "  Dos  "))),
        description=Text.plain(" Indented first line.\n\n  A second, indented.\n"),
    )
    assert technique_text(quoted, first=False) == dump_technique(quoted, first=False)
