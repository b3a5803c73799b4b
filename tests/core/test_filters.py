"""The filters over search texts made once per catalog, against the straightforward filter they
replaced: every row's text made on the spot and every search word looked for in it. No Qt."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from massage_explorer.core.catalog import BenefitClaim, Caution, Evidence, Range, Term, Text
from massage_explorer.core.filters import Filters, RowFacts, SearchTexts, fold, search_text, stem
from tests.factories import catalog, t, technique

# Either language, accents, plurals and a word too short to lose its "s".
WORDS = ["Masaje", "masajes", "sueco", "Swedish", "massages", "presión", "Réflexo", "calm", "injuries", "gas"]
BENEFITS = (
    Term(
        "sleep", Text.of({"en": "Better sleep", "es": "Dormir mejor"}), search_words=(("en", ("insomnia",)),)
    ),
    Term("calm", Text.of({"en": "Feeling calmer", "es": "Más calma"}), search_words=(("es", ("estrés",)),)),
)
CONDITIONS = (
    Term(
        "clots",
        Text.of({"en": "Blood clots", "es": "Coágulos de sangre"}),
        search_words=(("en", ("DVT", "thrombosis")), ("es", ("trombosis",))),
    ),
    Term("disc", Text.of({"en": "Herniated disc", "es": "Hernia discal"})),
)
QUERIES = [
    "",
    "masaje",
    "MASAJES",
    "suecos",
    "presion",
    "reflexo",
    "calm",
    "injury",
    "gas",
    "gases",
    "insomnia",
    "estres",
    "dvt",
    "coagulos",
    "hernia",
    "sleep calm",
    "undefined",
    "zzz",
    "  ",
]


def two_languages(words: list[str]) -> Text:
    return Text.of({"en": " ".join(words), "es": " ".join(reversed(words))})


@st.composite
def catalogs(draw):
    techniques = []
    for i in range(draw(st.integers(0, 10))):
        low = draw(st.integers(1, 4))
        benefits = draw(st.lists(st.sampled_from(["sleep", "calm", "undefined-benefit"]), unique=True))
        conditions = draw(st.lists(st.sampled_from(["clots", "disc"]), unique=True))
        techniques.append(
            technique(
                f"t{i}",
                name=two_languages(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))),
                summary=t(" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3)))),
                pressure=Range(low, draw(st.integers(low, 4))),
                benefits=tuple(BenefitClaim(b, Evidence.LOW) for b in benefits),
                good_for=tuple(conditions[:1]),
                cautions=tuple(Caution(c, t("Ask first.")) for c in conditions[1:]),
            )
        )
    return catalog(
        techniques=tuple(techniques), benefits=BENEFITS, conditions=CONDITIONS, languages=("en", "es")
    )


def straightforward(the_catalog, filters: Filters) -> list[str]:
    """The filter as it was first written: a technique at a time, its text made on the spot."""
    kept = []
    for tech in the_catalog.techniques:
        if filters.benefits and not {c.benefit for c in tech.benefits} & filters.benefits:
            continue
        if (
            filters.pressures
            and not set(range(tech.pressure.low, tech.pressure.high + 1)) & filters.pressures
        ):
            continue
        text = search_text(tech, the_catalog)
        if all(stem(word) in text for word in fold(filters.query).split()):
            kept.append(tech.id)
    return kept


filter_sets = st.builds(
    Filters,
    benefits=st.frozensets(st.sampled_from(["sleep", "calm", "undefined-benefit"]), max_size=2),
    pressures=st.frozensets(st.integers(1, 4), max_size=2),
    query=st.sampled_from(QUERIES),
)


@settings(max_examples=300, deadline=None)
@given(the_catalog=catalogs(), filters=filter_sets, prepared=st.integers(0, 12))
def test_filtering_on_texts_made_once_finds_what_the_straightforward_filter_finds(
    the_catalog, filters, prepared
):
    rows = the_catalog.techniques
    texts = SearchTexts(the_catalog)
    texts.prepare(prepared)  # some made ahead, the rest when asked for
    passed = filters.rows_passing(RowFacts.of(rows), [texts.of(tech) for tech in rows])
    assert [rows[r].id for r in passed] == straightforward(the_catalog, filters)
    matching = filters.matching(RowFacts.of(rows), lambda r: search_text(rows[r], the_catalog))
    assert [r for r in range(len(rows)) if matching[r]] == passed


def test_search_texts_are_made_ahead_a_few_at_a_time_and_are_the_same_texts():
    the_catalog = catalog(*(technique(f"t{i}") for i in range(5)), benefits=BENEFITS, conditions=CONDITIONS)
    texts = SearchTexts(the_catalog)
    assert [texts.prepare(2) for _ in range(3)] == [False, False, True]
    assert texts.prepare(2)  # nothing left to make
    assert [texts.of(tech) for tech in the_catalog.techniques] == [
        search_text(tech, the_catalog) for tech in the_catalog.techniques
    ]
    assert SearchTexts(catalog(techniques=())).prepare(1)


def test_search_over_texts_made_once_finds_either_language_synonyms_plurals_and_accents():
    swedish = technique(
        "swedish",
        name=Text.of({"en": "Swedish massage", "es": "Masaje sueco"}),
        benefits=(BenefitClaim("calm", Evidence.LOW),),
        good_for=(),
        cautions=(Caution("clots", t("Ask first.")),),
    )
    other = technique(
        "other",
        name=Text.of({"en": "Shiatsu", "es": "Shiatsu"}),
        benefits=(),
        good_for=("disc",),
        cautions=(),
    )
    the_catalog = catalog(swedish, other, benefits=BENEFITS, conditions=CONDITIONS, languages=("en", "es"))
    texts = SearchTexts(the_catalog)
    texts.prepare(len(the_catalog.techniques))
    rows = the_catalog.techniques
    facts, haystacks = RowFacts.of(rows), [texts.of(tech) for tech in rows]

    def search(query: str) -> list[str]:
        return [rows[r].id for r in Filters(query=query).rows_passing(facts, haystacks)]

    assert search("SUECO") == ["swedish"]  # the Spanish name, on any screen
    assert search("masajes massages") == ["swedish"]  # plurals of either language
    assert search("estres") == ["swedish"]  # a benefit's Spanish synonym, without its accent
    assert search("trombosis") == ["swedish"]  # a condition it has a caution for
    assert search("discal") == ["other"]  # a condition it is chosen for
    assert search("shiatsu swedish") == []
    assert search("") == ["swedish", "other"]


def _fold_by_definition(text: str) -> str:
    """Decompose, drop every combining mark, case-fold: `fold` as first written, a character at
    a time (it looks at the non-ASCII runs only now)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def test_fold_gives_what_its_definition_gives_for_every_character_alone_and_among_letters():
    # The whole Basic Multilingual Plane, and the combining marks beyond it (music, Glagolitic),
    # in runs of 40 between ASCII words: a search must find exactly what it found before.
    code_points = [
        *range(0xD800),
        *range(0xE000, 0x10000),
        *range(0x1D165, 0x1D1AE),
        *range(0x1E000, 0x1E02B),
    ]
    for start in range(0, len(code_points), 40):
        chars = [chr(c) for c in code_points[start : start + 40]]
        for text in ("".join(chars), "Masaje " + " x".join(chars) + " ÉS"):
            assert fold(text) == _fold_by_definition(text), [hex(ord(c)) for c in chars]
    assert fold("Réflexologie PRESIÓN Straße") == "reflexologie presion strasse"


@settings(max_examples=200, deadline=None)
@given(the_catalog=catalogs())
def test_a_search_text_is_its_techniques_whole_text_folded_with_the_terms_folded_once(the_catalog):
    texts = SearchTexts(the_catalog)
    for tech in the_catalog.techniques:
        lines = [
            *(
                value
                for text in (tech.name, tech.summary, tech.description, tech.feels_like)
                if text
                for _language, value in text.pairs
            ),
        ]
        for claim in tech.benefits:
            lines += _term_lines(the_catalog.benefit(claim.benefit), claim.benefit)
        for condition in dict.fromkeys([*tech.good_for, *(c.condition for c in tech.cautions)]):
            lines += _term_lines(the_catalog.condition(condition), condition)
        assert texts.of(tech) == search_text(tech, the_catalog) == _fold_by_definition("\n".join(lines))


def _term_lines(term: Term | None, term_id: str) -> list[str]:
    if term is None:
        return [term_id.replace("-", " ")]
    return [value for _language, value in term.label.pairs] + list(term.all_search_words())
