"""What a patient reads about cautions, red flags and search, before any screen draws it: the
order of the list for a condition, the levels in words, the handout, the QR text and the search.
No Qt."""

from __future__ import annotations

import pytest

from massage_explorer.core.catalog import Caution, CautionLevel, RedFlag, Term, Text, Urgency
from massage_explorer.core.filters import Filters, RowFacts, order_for, search_text, stem
from massage_explorer.core.handout import build_handout
from massage_explorer.core.present import Presenter, newest_source
from massage_explorer.core.qr_payload import Detail, qr_text
from tests.factories import CONDITIONS, catalog, t, technique

CLOTS = Term(
    "clots",
    Text.of({"en": "Blood clots", "es": "Coágulos de sangre"}),
    search_words=(("en", ("DVT", "thrombosis")), ("es", ("trombosis",))),
)
FLAGS = (
    RedFlag(t("New weakness in a leg"), Urgency.EMERGENCY),
    RedFlag(t("Fever with back pain"), Urgency.SEE_DOCTOR),
    RedFlag(t("Loss of bladder control"), Urgency.EMERGENCY),
)


def cautious(technique_id: str, *cautions: Caution, **overrides: object):
    return technique(technique_id, cautions=cautions, **overrides)


def safety_catalog():
    return catalog(
        cautious("avoid-me", Caution("clots", t("Do not book it."), CautionLevel.AVOID)),
        cautious(
            "mixed",
            Caution("thinners", t("Light pressure."), CautionLevel.ADAPT),
            Caution("clots", t("Ask first."), CautionLevel.ASK_DOCTOR),
            Caution("disc", t("Not over the disc."), CautionLevel.AVOID),
        ),
        cautious("suited", good_for=("clots",)),
        conditions=(*CONDITIONS, CLOTS),
        red_flags=FLAGS,
        languages=("en", "es"),
    )


def test_a_condition_puts_the_techniques_to_avoid_with_it_last_and_those_chosen_for_it_first():
    techniques = safety_catalog().techniques
    assert [x.id for x in order_for(techniques, None)] == ["avoid-me", "mixed", "suited"]
    assert [x.id for x in order_for(techniques, "clots")] == ["suited", "mixed", "avoid-me"]
    assert [x.id for x in order_for(techniques, "disc")] == ["avoid-me", "suited", "mixed"]


def test_cautions_read_most_serious_first_with_their_level_in_words_and_a_symbol():
    reader = Presenter(safety_catalog(), "en")
    mixed = reader.technique(safety_catalog().technique("mixed"))
    assert [(c.label, c.level_words) for c in mixed.cautions] == [
        ("Herniated disc", "✖ Avoid"),
        ("Blood clots", "⚕ Ask your doctor first"),
        ("Taking blood thinners", "ℹ Tell your therapist"),
    ]
    assert mixed.cautions[0].level_long == "✖ Avoid: do not book this massage"
    assert mixed.caution_line == "Cautions for 3 conditions · most serious: ✖ Avoid"
    assert mixed.avoid_for_you == ""
    # The patient's condition comes first, whatever its level.
    for_clots = reader.technique(safety_catalog().technique("mixed"), "clots")
    assert for_clots.cautions[0].label == "Blood clots" and for_clots.cautions[0].applies
    avoid = reader.technique(safety_catalog().technique("avoid-me"), "clots")
    assert avoid.avoid_for_you == "✖ Avoid with Blood clots: listed last"
    assert avoid.caution_line == "A caution for 1 condition: ✖ Avoid"


def test_red_flags_come_grouped_by_what_to_do_the_emergency_first():
    groups = Presenter(safety_catalog(), "en").red_flags()
    assert [(g.heading, g.signs) for g in groups] == [
        ("Get emergency care now if you have:", ("New weakness in a leg", "Loss of bladder control")),
        ("See a doctor before any massage if you have:", ("Fever with back pain",)),
    ]


def test_the_newest_source_is_the_latest_year_any_citation_names():
    assert newest_source(technique("x")) == 2015
    assert newest_source(technique("x", benefits=())) is None


def test_the_handout_carries_the_levels_most_serious_first_and_the_red_flags():
    handout = build_handout(safety_catalog(), ["mixed"], "en")
    assert [(c.condition, c.level) for c in handout.techniques[0].cautions] == [
        ("Herniated disc", "✖ Avoid"),
        ("Blood clots", "⚕ Ask your doctor first"),
        ("Taking blood thinners", "ℹ Tell your therapist"),
    ]
    assert handout.red_flags_title == "⚠ Warning signs: when to stop and get help"
    assert [sign for group in handout.red_flags for sign in group.signs] == [
        "New weakness in a leg",
        "Loss of bladder control",
        "Fever with back pain",
    ]


def test_a_catalog_without_red_flags_has_none_on_the_handout():
    handout = build_handout(catalog(), ["gentle"], "en")
    assert handout.red_flags == () and handout.red_flags_title == ""
    assert "Warning signs" not in qr_text(handout).text


@pytest.mark.parametrize("max_version", [25, 14, 10])
def test_the_qr_text_keeps_every_red_flag_however_much_else_is_cut(max_version):
    many = [cautious(f"technique-{i}", *safety_catalog().technique("mixed").cautions) for i in range(4)]
    the_catalog = catalog(*many, conditions=(*CONDITIONS, CLOTS), red_flags=FLAGS)
    payload = qr_text(build_handout(the_catalog, [x.id for x in many], "en"), max_version=max_version)
    assert payload.version <= max_version and payload.shortened
    for expected in (
        "Warning signs",
        "New weakness in a leg",
        "Loss of bladder control",
        "Fever with back pain",
    ):
        assert expected in payload.text, (max_version, payload.detail, payload.text)
    # Each technique left in the code names its cautions with their levels, the most serious first.
    kept = payload.text.count("Take care in these cases")
    assert kept >= 1 or max_version < 25  # at the largest size some techniques fit beside the flags
    grouped = "Take care in these cases:\n- ✖ Avoid: Herniated disc\n- ⚕ Ask your doctor first: Blood clots"
    assert payload.text.count(grouped) == kept


def test_the_full_qr_text_gives_each_caution_its_level_and_advice():
    payload = qr_text(build_handout(safety_catalog(), ["mixed"], "en"))
    assert payload.detail == Detail.FULL
    assert "- Herniated disc — ✖ Avoid: Not over the disc." in payload.text
    assert "- Taking blood thinners — ℹ Tell your therapist: Light pressure." in payload.text
    assert payload.text.index("Warning signs") < payload.text.index("Mixed")  # safety first


def test_stem_drops_simple_plural_endings_only_from_longer_words():
    assert [stem(w) for w in ("masajes", "massages", "injuries", "presiones", "stress", "gas", "sueco")] == [
        "masaj",
        "massag",
        "injur",
        "presion",
        "stress",
        "gas",
        "sueco",
    ]


def search(the_catalog, query: str) -> list[str]:
    rows = the_catalog.techniques
    passed = Filters(query=query).matching(RowFacts.of(rows), lambda r: search_text(rows[r], the_catalog))
    return [rows[r].id for r in range(len(rows)) if passed[r]]


def test_search_finds_by_any_language_synonyms_accents_case_and_plurals():
    swedish = technique(
        "swedish",
        name=Text.of({"en": "Swedish massage", "es": "Masaje sueco"}),
        cautions=(Caution("clots", t("Ask first.")),),
    )
    other = technique("other", name=Text.of({"en": "Shiatsu", "es": "Shiatsu"}), good_for=())
    the_catalog = catalog(swedish, other, conditions=(*CONDITIONS, CLOTS), languages=("en", "es"))
    assert search(the_catalog, "SUECO") == ["swedish"]
    assert search(the_catalog, "masajes") == ["swedish"]
    assert search(the_catalog, "massages") == ["swedish"]
    assert search(the_catalog, "trombosis") == ["swedish"]  # a condition's Spanish search word
    assert search(the_catalog, "dvt") == ["swedish"]
    assert search(the_catalog, "coagulos") == ["swedish"]  # the Spanish label, without its accent
    assert search(the_catalog, "herniated") == ["swedish"]  # good_for: disc
    assert search(the_catalog, "shiatsu") == ["other"]
    assert search(the_catalog, "nothing-like-this") == []
