"""The technique list model, the filters and the proxy: checked by machine and against plain Python."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPersistentModelIndex, Qt

from massage_explorer.core.catalog import (
    BenefitClaim,
    Caution,
    CautionLevel,
    Evidence,
    Range,
    Technique,
    Text,
)
from massage_explorer.core.filters import Filters, fold
from massage_explorer.ui.browse.filter_proxy import TechniqueFilterProxy
from massage_explorer.ui.cards.model import CARD_ROLE, ID_ROLE, SAVED_ROLE, TechniqueListModel
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shortlist.screen import ShortlistModel
from tests import factories as f


def build(catalog=None, state=None):
    state = state or SessionState()
    model = TechniqueListModel(state)
    model.set_catalog(catalog or f.catalog())
    proxy = TechniqueFilterProxy()
    proxy.setSourceModel(model)
    return state, model, proxy


def shown_ids(proxy: TechniqueFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester):
    state, model, proxy = build()
    qtmodeltester.check(model)
    proxy.set_filters(Filters(pressures=frozenset({4}), query="firm"))
    qtmodeltester.check(proxy)
    state.toggle_shortlist("gentle")
    state.set_condition("disc")
    qtmodeltester.check(ShortlistModel(state, model))


def test_filters_combine_across_groups_and_or_within():
    catalog = f.catalog(
        f.technique("a", pressure=Range(1, 1)),
        f.technique("b", pressure=Range(3, 4), benefits=(BenefitClaim("sleep", Evidence.HIGH),)),
        f.technique("c", pressure=Range(2, 3), benefits=()),
    )
    _, _, proxy = build(catalog)
    proxy.set_filters(Filters(pressures=frozenset({1, 4})))
    assert shown_ids(proxy) == ["a", "b"]  # overlap with either chosen level
    proxy.set_filters(Filters(benefits=frozenset({"pain", "sleep"})))
    assert shown_ids(proxy) == ["a", "b"]
    proxy.set_filters(Filters(benefits=frozenset({"pain"}), pressures=frozenset({3})))
    assert shown_ids(proxy) == []
    assert proxy.count_matching(Filters(pressures=frozenset({3}))) == 2


def test_search_ignores_case_and_accents_and_finds_benefit_labels():
    catalog = f.catalog(
        f.technique("reflexo", name=Text.plain("Réflexologie plantaire")),
        f.technique("other", benefits=(BenefitClaim("sleep", Evidence.LOW),)),
    )
    _, _, proxy = build(catalog)
    proxy.set_filters(Filters(query="REFLEXO"))
    assert shown_ids(proxy) == ["reflexo"]
    proxy.set_filters(Filters(query="better SLEEP"))
    assert shown_ids(proxy) == ["other"]
    assert fold("Ångström Ünïcode") == "angstrom unicode"


def test_condition_sorts_suited_first_and_marks_cautions():
    catalog = f.catalog(
        f.technique("plain", good_for=(), cautions=()),
        f.technique("avoid", good_for=(), cautions=(Caution("disc", Text.plain("No."), CautionLevel.AVOID),)),
        f.technique(
            "risky", good_for=(), cautions=(Caution("disc", Text.plain("Careful."), CautionLevel.ADAPT),)
        ),
        f.technique("suited", good_for=("disc",), cautions=()),
    )
    state, model, proxy = build(catalog)
    assert shown_ids(proxy) == ["plain", "avoid", "risky", "suited"]
    state.set_condition("disc")
    # Nothing hidden: suited first, those to avoid with the condition last.
    assert shown_ids(proxy) == ["suited", "plain", "risky", "avoid"]
    cards = {c.technique_id: c for c in (model.card(r) for r in range(4))}
    assert cards["risky"].caution == "⚠ Caution for Herniated disc: ℹ Tell your therapist"
    assert cards["avoid"].caution == "✖ Avoid with Herniated disc: listed last"
    assert cards["suited"].suited and not cards["suited"].caution
    spoken = model.index(3).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Avoid with Herniated disc: listed last" in spoken
    state.set_condition(None)
    assert shown_ids(proxy) == ["plain", "avoid", "risky", "suited"]
    # With no condition chosen every card still says how many cautions it has, and how serious.
    cards = {c.technique_id: c for c in (model.card(r) for r in range(4))}
    assert cards["avoid"].cautions == "A caution for 1 condition: ✖ Avoid" and not cards["avoid"].caution
    assert cards["plain"].cautions == ""


@pytest.mark.parametrize(
    "raw", ["<h1>Big</h1>", "<img src=x>", '<a href="http://example.com">link</a>', "&amp; <b>"]
)
def test_catalog_text_is_plain_text(raw):
    catalog = f.catalog(f.technique("html", name=Text.plain(raw), summary=Text.plain(raw)))
    _, model, _ = build(catalog)
    index = model.index(0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == raw
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith(raw)
    assert index.data(CARD_ROLE).summary == raw


def test_shortlist_changes_refresh_only_the_saved_flag():
    state, model, _ = build()
    assert model.card(0).saved is False
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), b.row())))
    state.toggle_shortlist(model.index(0).data(ID_ROLE))
    assert changed == [(0, 0)]
    assert model.card(0).saved is True


def test_a_star_remakes_only_its_card_and_a_reset_only_the_saved_ones():
    catalog = f.catalog(*(f.technique(i, good_for=("disc",) if i == "d" else ()) for i in "abcde"))
    state, model, _ = build(catalog)
    made = [model.card(row) for row in range(5)]  # every card made, as once the list is laid out
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(model.index(a.row()).data(ID_ROLE)))
    state.toggle_shortlist("c")
    assert changed == ["c"]
    assert [model.card(row) is made[row] for row in range(5)] == [True, True, False, True, True]
    assert model.card(2).saved
    # A new order: the saved technique is found in its new row.
    state.set_condition("disc")
    assert model.index(0).data(ID_ROLE) == "d"
    state.toggle_shortlist("a")
    state.toggle_shortlist("e")
    for row in range(5):
        model.card(row)  # painted again, stars and all
    changed.clear()
    state.reset()
    assert sorted(changed) == ["a", "c", "e"]
    assert not any(model.card(row).saved for row in range(5))


def test_cards_show_the_three_best_supported_benefits():
    claims = (
        BenefitClaim("extra", Evidence.UNTESTED),
        BenefitClaim("sleep", Evidence.LOW),
        BenefitClaim("pain", Evidence.HIGH),
        BenefitClaim("unknown-id", Evidence.MODERATE),
    )
    _, model, _ = build(f.catalog(f.technique("many", benefits=claims)))
    lines = model.card(0).benefits
    # An id missing from the vocabulary is shown as is, never dropped.
    assert [b.label for b in lines] == ["Less back pain", "unknown-id", "Better sleep"]
    assert lines[0].grade == "High evidence" and lines[0].dots == "●●●●"


# -- property: the proxy never shows a row its filters exclude ----------------------------------
WORDS = ["calm", "Deep", "sleep", "réflexo", "pain", "<b>", "Ünï", "firm"]
BENEFIT_IDS = ["pain", "sleep", "calm"]


def plain_fold(text: str) -> str:
    """An independent accent/case fold for the oracle."""
    return "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    ).lower()


@st.composite
def techniques(draw, index: int) -> Technique:
    low = draw(st.integers(1, 4))
    high = draw(st.integers(low, 4))
    benefits = draw(st.lists(st.sampled_from(BENEFIT_IDS), unique=True, max_size=3))
    name = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
    return f.technique(
        f"t{index}",
        name=Text.plain(name),
        pressure=Range(low, high),
        benefits=tuple(BenefitClaim(b, Evidence.LOW) for b in benefits),
    )


@st.composite
def catalogs(draw):
    count = draw(st.integers(1, 12))
    return f.catalog(*(draw(techniques(i)) for i in range(count)))


def oracle(catalog, filters: Filters) -> list[str]:
    labels = {t.id: t.label.default for t in catalog.benefits}
    kept = []
    for tech in catalog.techniques:
        ids = {c.benefit for c in tech.benefits}
        if filters.benefits and not ids & filters.benefits:
            continue
        levels = set(range(tech.pressure.low, tech.pressure.high + 1))
        if filters.pressures and not levels & filters.pressures:
            continue
        text = " ".join(
            [tech.name.default, tech.summary.default, tech.description.default]
            + [labels.get(b, b) for b in ids]
        )
        if not all(w in plain_fold(text) for w in plain_fold(filters.query).split()):
            continue
        kept.append(tech.id)
    return kept


filter_sets = st.builds(
    Filters,
    benefits=st.frozensets(st.sampled_from(BENEFIT_IDS), max_size=2),
    pressures=st.frozensets(st.integers(1, 4), max_size=2),
    query=st.sampled_from(["", "calm", "DEEP", "reflexo", "unï pain", "<b>", "zzz", " summary "]),
)


@settings(max_examples=150, deadline=None)
@given(catalog=catalogs(), first=filter_sets, second=filter_sets)
def test_proxy_shows_exactly_what_the_filters_allow(qapp, catalog, first, second):
    _, _, proxy = build(catalog)
    for filters in (first, second):  # also checks that changing filters refilters correctly
        proxy.set_filters(filters)
        assert sorted(shown_ids(proxy)) == sorted(oracle(catalog, filters))


def test_a_new_version_of_the_catalog_remakes_only_what_changed():
    """A staff save: the reload hands back the very techniques shown where they did not change.
    Their cards and search texts are kept; the changed one shows and is found by its new words;
    one moved to another row (its condition's cautions changed) keeps its card there."""
    a, b, c = f.technique("a"), f.technique("b"), f.technique("c", good_for=("disc",))
    catalog = f.catalog(a, b, c)
    state, model, proxy = build(catalog)
    made = {model.index(row).data(ID_ROLE): model.card(row) for row in range(3)}
    assert model.prepare_search(10)
    proxy.set_filters(Filters(query="lavender"))
    assert shown_ids(proxy) == []
    renamed = dataclasses.replace(b, name=Text.plain("Lavender oil massage"))
    model.set_catalog(dataclasses.replace(catalog, techniques=(a, renamed, c)))
    cards = {model.index(row).data(ID_ROLE): model.card(row) for row in range(3)}
    assert cards["a"] is made["a"] and cards["c"] is made["c"]
    assert cards["b"] is not made["b"] and cards["b"].name == "Lavender oil massage"
    assert shown_ids(proxy) == ["b"]  # its search text is made again, the others kept
    # The same techniques in a new order (the condition puts the suited one first).
    state.set_condition("disc")
    made = {model.index(row).data(ID_ROLE): model.card(row) for row in range(3)}
    model.set_catalog(dataclasses.replace(catalog, techniques=(c, a, renamed)))
    assert [model.index(row).data(ID_ROLE) for row in range(3)] == ["c", "a", "b"]
    assert all(model.card(row) is made[model.index(row).data(ID_ROLE)] for row in range(3))


def test_a_new_version_with_other_words_remakes_every_card():
    """A changed label of a benefit is on every card that claims it: nothing is kept."""
    a = f.technique("a", benefits=(BenefitClaim("pain", Evidence.MODERATE),))
    catalog = f.catalog(a, f.technique("b", benefits=()))
    _, model, proxy = build(catalog)
    before = model.card(0)
    assert model.prepare_search(10)
    relabelled = tuple(
        dataclasses.replace(term, label=Text.plain("Less aching")) if term.id == "pain" else term
        for term in catalog.benefits
    )
    model.set_catalog(dataclasses.replace(catalog, benefits=relabelled))
    assert model.card(0) is not before
    assert [line.label for line in model.card(0).benefits] == ["Less aching"]
    proxy.set_filters(Filters(query="aching"))
    assert shown_ids(proxy) == ["a"]


def test_proxy_passes_a_saved_star_on_to_the_row_that_shows_it():
    catalog = f.catalog(
        f.technique("hidden", pressure=Range(1, 1)),
        f.technique("first", pressure=Range(3, 4)),
        f.technique("second", pressure=Range(4, 4)),
    )
    state, model, proxy = build(catalog)
    proxy.set_filters(Filters(pressures=frozenset({4})))
    assert shown_ids(proxy) == ["first", "second"]
    assert not any(model.card(row).saved for row in range(3))  # cards made, as painting does
    changed = []
    proxy.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), b.row(), SAVED_ROLE in roles)))
    state.toggle_shortlist("second")
    assert changed == [(1, 1, True)]
    assert proxy.index(1, 0).data(CARD_ROLE).saved
    state.toggle_shortlist("hidden")  # not shown: nothing to repaint
    assert changed == [(1, 1, True)]


def test_proxy_follows_a_new_order_and_a_new_catalog():
    catalog = f.catalog(f.technique("plain", good_for=()), f.technique("suited", good_for=("disc",)))
    state, model, proxy = build(catalog)
    proxy.set_filters(Filters(query="summary"))  # both
    state.set_condition("disc")
    assert shown_ids(proxy) == ["suited", "plain"]
    assert proxy.shows_any_suited("disc") and not proxy.shows_any_suited("thinners")
    model.set_catalog(f.catalog(f.technique("new-one"), f.technique("other", summary=Text.plain("Nothing."))))
    assert shown_ids(proxy) == ["new-one"]  # the search is made again over the new texts


def test_proxy_tells_the_view_only_when_other_techniques_pass():
    _, _, proxy = build()
    changes = []
    proxy.layoutChanged.connect(lambda: changes.append(shown_ids(proxy)))
    proxy.set_filters(Filters(query="summary"))  # every technique still passes
    assert changes == []
    proxy.set_filters(Filters(query="firm"))
    assert changes == [["firm-one"]]


def test_proxy_keeps_the_views_indexes_through_filter_changes(qtmodeltester):
    _, _, proxy = build()
    qtmodeltester.check(proxy)  # and it keeps checking through the changes below
    kept = QPersistentModelIndex(proxy.index(1, 0))
    assert kept.data(ID_ROLE) == "firm-one"
    proxy.set_filters(Filters(query="firm"))
    assert kept.row() == 0 and kept.data(ID_ROLE) == "firm-one"
    proxy.set_filters(Filters(query="gentle"))
    assert not kept.isValid()
