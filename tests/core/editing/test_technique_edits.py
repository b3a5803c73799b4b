"""Technique edits and the form's field helpers: pure, unique ids, and the catalog stays valid."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_explorer.core.catalog import Catalog, Range, Text
from massage_explorer.core.editing import (
    NEW_NAME,
    NEW_SUMMARY,
    EditError,
    add_technique,
    check,
    delete_technique,
    duplicate_technique,
    list_add,
    list_move,
    list_remove,
    move_technique,
    replace_technique,
    set_text,
)
from tests import factories
from tests.core.helpers import TODAY


def ids(catalog: Catalog) -> list[str]:
    return [t.id for t in catalog.techniques]


def errors(catalog: Catalog) -> list[str]:
    return [p.message for p in check(catalog, base_dir=None, today=TODAY) if p.is_error]


@pytest.fixture
def three() -> Catalog:
    return factories.catalog(factories.technique("a"), factories.technique("b"), factories.technique("c"))


# -- add / duplicate ------------------------------------------------------------------------------


def test_add_technique_appends_a_valid_placeholder(three):
    edited, new_id = add_technique(three)
    assert new_id == "new-technique" and ids(edited) == ["a", "b", "c", "new-technique"]
    added = edited.technique(new_id)
    assert added is not None
    assert added.name == Text.plain(NEW_NAME) and added.summary == Text.plain(NEW_SUMMARY)
    assert added.pressure == Range(1, 1) and added.session_minutes == Range(60, 60)
    assert added.benefits == ()
    assert errors(edited) == []
    assert ids(three) == ["a", "b", "c"]  # the input is untouched


def test_add_technique_picks_a_fresh_id_each_time(three):
    catalog, first = add_technique(three)
    catalog, second = add_technique(catalog)
    catalog, third = add_technique(catalog)
    assert (first, second, third) == ("new-technique", "new-technique-2", "new-technique-3")


def test_add_technique_at_a_place_with_a_given_id(three):
    edited, new_id = add_technique(three, "reflexology", at=1)
    assert new_id == "reflexology" and ids(edited) == ["a", "reflexology", "b", "c"]
    assert ids(add_technique(three, at=99)[0])[-1] == "new-technique"
    assert ids(add_technique(three, at=-5)[0])[0] == "new-technique"


def test_add_technique_writes_the_name_in_the_default_language():
    catalog = factories.catalog(languages=("es", "en"))
    edited, new_id = add_technique(catalog)
    added = edited.technique(new_id)
    assert added is not None and added.name.languages == ("es",)


@pytest.mark.parametrize("bad", ["a", "Not A Slug", "", "double--hyphen"])
def test_add_technique_refuses_a_taken_or_invalid_id(three, bad):
    with pytest.raises(EditError):
        add_technique(three, bad)


def test_duplicate_goes_right_after_the_original(three):
    edited, new_id = duplicate_technique(three, "a")
    assert new_id == "a-copy" and ids(edited) == ["a", "a-copy", "b", "c"]
    copy = edited.technique("a-copy")
    original = three.technique("a")
    assert copy is not None and original is not None
    assert copy.name.default == original.name.default + " (copy)"
    assert replace(copy, id="a", name=original.name) == original
    edited, second = duplicate_technique(edited, "a")
    assert second == "a-copy-2" and ids(edited) == ["a", "a-copy-2", "a-copy", "b", "c"]
    assert errors(edited) == []


def test_duplicate_marks_only_the_default_language_name():
    technique = factories.technique("a", name=Text.of({"en": "Swedish", "es": "Sueco"}))
    catalog = factories.catalog(technique, languages=("en", "es"))
    copy = duplicate_technique(catalog, "a")[0].technique("a-copy")
    assert copy is not None and copy.name == Text.of({"en": "Swedish (copy)", "es": "Sueco"})


def test_a_duplicate_shares_objects_yet_saves_without_yaml_aliases(three):
    # PyYAML would write an object it meets twice (the claim's review date) as &anchor / *alias,
    # which the loader refuses.
    edited, _ = duplicate_technique(three, "a")
    assert edited.techniques[1].benefits[0].reviewed is three.techniques[0].benefits[0].reviewed
    assert errors(edited) == []


def test_shared_dates_are_written_out_in_full():
    shared = factories.technique("a")
    twin = replace(shared, id="b")  # shares the same date object, as a form may
    assert errors(factories.catalog(shared, twin)) == []


# -- delete / move / replace ---------------------------------------------------------------------


def test_delete_technique(three):
    assert ids(delete_technique(three, "b")) == ["a", "c"]


def test_delete_refuses_an_unknown_id_and_the_last_technique(three):
    with pytest.raises(EditError, match="no technique with the id 'zzz'"):
        delete_technique(three, "zzz")
    one = factories.catalog(factories.technique("a"))
    with pytest.raises(EditError, match="at least one technique"):
        delete_technique(one, "a")


@pytest.mark.parametrize(
    ("technique_id", "delta", "expected"),
    [
        ("b", -1, ["b", "a", "c"]),
        ("b", +1, ["a", "c", "b"]),
        ("a", +2, ["b", "c", "a"]),
        ("c", -9, ["c", "a", "b"]),
    ],
)
def test_move_technique(three, technique_id, delta, expected):
    assert ids(move_technique(three, technique_id, delta)) == expected


@pytest.mark.parametrize(("technique_id", "delta"), [("a", -1), ("c", +1), ("b", 0)])
def test_moves_at_the_ends_are_no_ops(three, technique_id, delta):
    assert move_technique(three, technique_id, delta) is three


def test_replace_technique_keeps_its_place(three):
    new = replace(three.techniques[1], summary=Text.plain("Changed."))
    edited = replace_technique(three, "b", new)
    assert edited.techniques == (three.techniques[0], new, three.techniques[2])


def test_replace_technique_renames(three):
    edited = replace_technique(three, "b", replace(three.techniques[1], id="bee"))
    assert ids(edited) == ["a", "bee", "c"] and errors(edited) == []


@pytest.mark.parametrize("bad", ["a", "c", "Bee", ""])
def test_replace_technique_refuses_a_duplicate_or_invalid_new_id(three, bad):
    with pytest.raises(EditError) as raised:
        replace_technique(three, "b", replace(three.techniques[1], id=bad))
    assert f"'{bad}'" in str(raised.value)


# -- the law: any sequence of edits keeps ids unique and the catalog valid --------------------------

edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "duplicate", "delete", "move"]), st.integers(0, 20), st.integers(-2, 2)
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(edits)
def test_any_sequence_of_edits_keeps_ids_unique_and_the_catalog_valid(steps):
    catalog = factories.catalog()
    for op, pick, delta in steps:
        target = catalog.techniques[pick % len(catalog.techniques)].id
        before = len(catalog.techniques)
        if op == "add":
            catalog, new_id = add_technique(catalog, at=pick)
            assert catalog.technique(new_id) is not None
        elif op == "duplicate":
            catalog, new_id = duplicate_technique(catalog, target)
            assert ids(catalog).index(new_id) == ids(catalog).index(target) + 1
        elif op == "delete" and before > 1:
            catalog = delete_technique(catalog, target)
            assert target not in ids(catalog)
        elif op == "move":
            catalog = move_technique(catalog, target, delta)
        assert len(set(ids(catalog))) == len(catalog.techniques)
    assert errors(catalog) == []


# -- set_text ---------------------------------------------------------------------------------------

EN_ES = Text.of({"en": "Hello", "es": "Hola"})


@pytest.mark.parametrize(
    ("text", "language", "value", "expected"),
    [
        (None, "en", "Hi", Text.of({"en": "Hi"})),
        (Text.plain("Hello"), "en", "Hi", Text.of({"en": "Hi"})),
        (Text.plain("Hello"), "es", "Hola", EN_ES),
        (EN_ES, "es", "Buenas", Text.of({"en": "Hello", "es": "Buenas"})),
        (EN_ES, "es", "", Text.plain("Hello")),  # a cleared translation is removed
        (Text.plain("Hello"), "es", "", Text.plain("Hello")),
        (Text.plain("Hello"), "en", "", None),  # an optional field with nothing left is dropped
        (None, "en", "", None),
        (None, "es", "", None),
        (EN_ES, "en", "", Text.of({"en": "", "es": "Hola"})),  # kept: the validator reports it
        (None, "es", "Hola", Text.of({"en": "", "es": "Hola"})),
        (Text.of({"es": "Hola"}), "en", "", Text.of({"en": "", "es": "Hola"})),
    ],
)
def test_set_text(text, language, value, expected):
    assert set_text(text, language, value, "en") == expected


def test_set_text_keeps_a_required_field_so_the_validator_names_it():
    assert set_text(Text.plain("Hello"), "en", "", "en", required=True) == Text.of({"en": ""})


def test_set_text_orders_languages_like_the_catalog():
    text = set_text(Text.plain("Hi"), "fr", "Salut", "en", languages=("en", "es", "fr"))
    text = set_text(text, "es", "Hola", "en", languages=("en", "es", "fr"))
    assert text is not None and text.languages == ("en", "es", "fr")


def test_an_emptied_required_text_is_reported_by_check(three):
    name = set_text(three.techniques[0].name, "en", "", "en", required=True)
    assert name is not None
    edited = replace_technique(three, "a", replace(three.techniques[0], name=name))
    assert any(m.startswith("technique 'a', name: is empty") for m in errors(edited))


# -- list helpers -----------------------------------------------------------------------------------


def test_list_add():
    assert list_add((1, 2), 3) == (1, 2, 3)
    assert list_add((1, 2), 0, at=0) == (0, 1, 2)
    assert list_add((1, 2), 9, at=1) == (1, 9, 2)
    assert list_add((1, 2), 9, at=50) == (1, 2, 9)
    assert list_add((), "x") == ("x",)


def test_list_remove():
    assert list_remove((1, 2, 3), 1) == (1, 3)
    with pytest.raises(IndexError):
        list_remove((1, 2, 3), 3)
    with pytest.raises(IndexError):
        list_remove((1, 2, 3), -1)


def test_list_move():
    items = (1, 2, 3)
    assert list_move(items, 0, 1) == (2, 1, 3)
    assert list_move(items, 2, -1) == (1, 3, 2)
    assert list_move(items, 0, 5) == (2, 3, 1)
    assert list_move(items, 0, -1) is items
    assert list_move(items, 2, 1) is items


@given(st.lists(st.integers(), min_size=1, max_size=8), st.data())
def test_list_move_is_a_permutation_and_moves_back(values, data):
    items = tuple(values)
    index = data.draw(st.integers(0, len(items) - 1))
    delta = data.draw(st.integers(-10, 10))
    moved = list_move(items, index, delta)
    assert sorted(moved) == sorted(items)
    target = max(0, min(len(items) - 1, index + delta))
    assert moved[target] == items[index]
    assert list_move(moved, target, index - target) == items
