"""Vocabulary edits keep every technique's references to benefits and conditions whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_explorer.core.catalog import BenefitClaim, Catalog, Caution, Evidence, Term, Text
from massage_explorer.core.editing import (
    EditError,
    TermInUse,
    Usage,
    add_term,
    check,
    delete_term,
    move_term,
    rename_term,
    update_term,
    usages,
)
from tests import factories
from tests.core.helpers import TODAY


def errors(catalog: Catalog) -> list[str]:
    return [p.message for p in check(catalog, base_dir=None, today=TODAY) if p.is_error]


def term_ids(terms: tuple[Term, ...]) -> list[str]:
    return [term.id for term in terms]


@pytest.fixture
def catalog() -> Catalog:
    # 'b' uses 'disc' in good_for and in two cautions, 'thinners' once; both claim 'pain'.
    t = factories.t
    return factories.catalog(
        factories.technique("a"),
        factories.technique(
            "b",
            benefits=(BenefitClaim("sleep", Evidence.LOW), BenefitClaim("pain", Evidence.UNTESTED)),
            cautions=(
                Caution("disc", t("Go gently.")),
                Caution("thinners", t("Light pressure.")),
                Caution("disc", t("No twisting.")),
            ),
        ),
    )


def test_add_term(catalog):
    edited, new_id = add_term(catalog, "benefits")
    assert new_id == "new-benefit"
    assert edited.benefits[-1] == Term("new-benefit", Text.plain("New benefit"))
    edited, second = add_term(edited, "benefits")
    assert second == "new-benefit-2"
    edited, given_id = add_term(edited, "conditions", "pregnancy")
    assert given_id == "pregnancy" and edited.conditions[-1].label == Text.plain("New condition")
    assert errors(edited) == []


@pytest.mark.parametrize("bad", ["pain", "Sleep Well", ""])
def test_add_term_refuses_a_taken_or_invalid_id(catalog, bad):
    with pytest.raises(EditError):
        add_term(catalog, "benefits", bad)


def test_usages(catalog):
    assert usages(catalog, "benefits", "pain") == [Usage("a", "benefits[0]"), Usage("b", "benefits[1]")]
    assert usages(catalog, "conditions", "disc") == [
        Usage("a", "good_for"),
        Usage("b", "good_for"),
        Usage("b", "cautions[0]"),
        Usage("b", "cautions[2]"),
    ]
    assert usages(catalog, "conditions", "thinners") == [Usage("a", "cautions[0]"), Usage("b", "cautions[1]")]
    edited, new_id = add_term(catalog, "benefits")
    assert usages(edited, "benefits", new_id) == []


@pytest.mark.parametrize(
    ("kind", "old"), [("benefits", "pain"), ("benefits", "calm"), ("conditions", "disc")]
)
def test_rename_updates_every_reference_and_keeps_the_order(catalog, kind, old):
    before = usages(catalog, kind, old)
    order = term_ids(getattr(catalog, kind))
    edited = rename_term(catalog, kind, old, "renamed")
    assert usages(edited, kind, "renamed") == before
    assert usages(edited, kind, old) == []
    assert term_ids(getattr(edited, kind)) == [("renamed" if i == old else i) for i in order]
    assert errors(edited) == []


def test_rename_to_the_same_id_changes_nothing(catalog):
    assert rename_term(catalog, "benefits", "pain", "pain") is catalog


@pytest.mark.parametrize("bad", ["sleep", "Back Pain", "-x", ""])
def test_rename_refuses_an_existing_or_invalid_id(catalog, bad):
    with pytest.raises(EditError):
        rename_term(catalog, "benefits", "pain", bad)


def test_rename_refuses_an_unknown_term(catalog):
    with pytest.raises(EditError, match="no benefit with the id 'nope'"):
        rename_term(catalog, "benefits", "nope", "other")


def test_update_term_replaces_it_in_place(catalog):
    new = Term("sleep", Text.plain("Sleeping better"), Text.plain("Deeper sleep."))
    edited = update_term(catalog, "benefits", "sleep", new)
    assert edited.benefits == (catalog.benefits[0], new, catalog.benefits[2])


def test_update_term_with_a_new_id_renames_the_references(catalog):
    new = Term("rest", Text.plain("Rest"))
    edited = update_term(catalog, "benefits", "sleep", new)
    assert edited.benefits[1] == new
    assert usages(edited, "benefits", "rest") == [Usage("b", "benefits[0]")]
    assert errors(edited) == []


def test_deleting_a_used_term_is_refused_with_where_it_is_used(catalog):
    with pytest.raises(TermInUse) as raised:
        delete_term(catalog, "conditions", "disc")
    assert raised.value.usages == usages(catalog, "conditions", "disc")
    message = str(raised.value)
    assert message.startswith("'Herniated disc' is still used by 2 techniques: ")
    assert "A (good for)" in message and "B (good for, caution)" in message
    assert isinstance(raised.value, EditError) and isinstance(raised.value, ValueError)


def test_deleting_with_its_references_leaves_a_valid_catalog(catalog):
    edited = delete_term(catalog, "conditions", "disc", remove_references=True)
    assert term_ids(edited.conditions) == ["thinners"]
    b = edited.technique("b")
    assert b is not None and b.good_for == () and [c.condition for c in b.cautions] == ["thinners"]
    edited = delete_term(edited, "benefits", "pain", remove_references=True)
    a = edited.technique("a")
    assert a is not None and [c.benefit for c in a.benefits] == ["calm"]
    assert errors(edited) == []


def test_deleting_an_unused_term(catalog):
    edited, new_id = add_term(catalog, "conditions")
    assert delete_term(edited, "conditions", new_id) == catalog


@pytest.mark.parametrize(
    ("term_id", "delta", "expected"),
    [
        ("sleep", -1, ["sleep", "pain", "calm"]),
        ("sleep", 1, ["pain", "calm", "sleep"]),
        ("pain", 2, ["sleep", "calm", "pain"]),
    ],
)
def test_move_term(catalog, term_id, delta, expected):
    assert term_ids(move_term(catalog, "benefits", term_id, delta).benefits) == expected


@pytest.mark.parametrize(("term_id", "delta"), [("pain", -1), ("calm", 1), ("sleep", 0)])
def test_moving_a_term_past_the_ends_is_a_no_op(catalog, term_id, delta):
    assert move_term(catalog, "benefits", term_id, delta) is catalog


def test_an_unknown_vocabulary_is_a_programming_error(catalog):
    with pytest.raises(ValueError, match="unknown vocabulary"):
        add_term(catalog, "techniques")  # type: ignore[arg-type]


slugs = st.from_regex(r"[a-z]{1,6}(-[a-z0-9]{1,4})?", fullmatch=True)
vocab_edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "rename", "delete", "move"]),
        st.sampled_from(["benefits", "conditions"]),
        st.integers(0, 10),
        slugs,
    ),
    max_size=10,
)


@settings(max_examples=60, deadline=None)
@given(vocab_edits)
def test_any_sequence_of_vocabulary_edits_keeps_the_catalog_valid(steps):
    catalog = factories.catalog()
    for op, kind, pick, slug in steps:
        terms = getattr(catalog, kind)
        target = terms[pick % len(terms)].id if terms else None
        taken = set(term_ids(terms))
        if op == "add" and slug not in taken:
            catalog = add_term(catalog, kind, slug)[0]
        elif op == "rename" and target and slug not in taken:
            used = len(usages(catalog, kind, target))
            catalog = rename_term(catalog, kind, target, slug)
            assert len(usages(catalog, kind, slug)) == used
        elif op == "delete" and target:
            catalog = delete_term(catalog, kind, target, remove_references=True)
            assert usages(catalog, kind, target) == []
        elif op == "move" and target:
            catalog = move_term(catalog, kind, target, pick - 5)
        ids = term_ids(getattr(catalog, kind))
        assert len(set(ids)) == len(ids)
    assert errors(catalog) == []
