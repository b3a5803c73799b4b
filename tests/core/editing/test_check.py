"""The editor's check is the file validator, and each problem maps to the item and field it is about."""

from __future__ import annotations

import difflib
from dataclasses import replace

import pytest

from massage_explorer.core.catalog import BenefitClaim, Catalog, Evidence, Term, Text
from massage_explorer.core.editing import check, replace_technique, set_text, update_term
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.problems import ItemKind, Location, Problem, Severity
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import load_catalog, parse_catalog
from tests import factories
from tests.core.helpers import TODAY, VALID, read


def only_problem(catalog: Catalog, severity: Severity = Severity.ERROR) -> Problem:
    found = [p for p in check(catalog, base_dir=None, today=TODAY) if p.severity is severity]
    assert len(found) == 1, [p.message for p in found]
    return found[0]


def edit(catalog: Catalog, technique_id: str, **changes: object) -> Catalog:
    technique = catalog.technique(technique_id)
    assert technique is not None
    return replace_technique(catalog, technique_id, replace(technique, **changes))


@pytest.fixture
def catalog() -> Catalog:
    return factories.catalog()


def test_check_is_the_validator_on_the_saved_form(catalog):
    assert check(catalog, base_dir=None, today=TODAY) == []
    bad = edit(catalog, "gentle", summary=Text.plain("x" * 201))
    expected = parse_catalog(dump_catalog(bad).encode(), today=TODAY).problems
    assert check(bad, base_dir=None, today=TODAY) == expected


def test_a_summary_over_200_characters(catalog):
    problem = only_problem(edit(catalog, "gentle", summary=Text.plain("Long strokes " * 20)))
    assert problem.location == Location(ItemKind.TECHNIQUE, "gentle", field="summary", language="en")
    assert problem.text.startswith("260 characters, over 200; keep it to one short sentence")


def test_an_undefined_benefit_in_a_claim(catalog):
    claims = (BenefitClaim("calm", Evidence.LOW), BenefitClaim("slep", Evidence.LOW))
    problem = only_problem(edit(catalog, "firm-one", benefits=claims))
    assert problem.location == Location(ItemKind.TECHNIQUE, "firm-one", field="benefits[1].benefit")
    assert problem.text.startswith("'slep' is not defined under 'benefits' (did you mean 'sleep'?)")


def test_a_bad_translation_is_located_at_its_language():
    catalog = factories.catalog(languages=("en", "es"))
    technique = catalog.techniques[0]
    claim = replace(technique.benefits[0], sources=(Text.of({"en": "A review.", "es": " "}),))
    problem = only_problem(edit(catalog, "gentle", benefits=(claim, *technique.benefits[1:])))
    assert problem.location == Location(
        ItemKind.TECHNIQUE, "gentle", field="benefits[0].sources[0]", language="es"
    )
    assert problem.text == "is empty; write the text or remove the field"


def test_a_missing_translation_warning():
    catalog = factories.catalog(languages=("en", "es"))
    problem = next(p for p in check(catalog, base_dir=None, today=TODAY) if "name" in p.message)
    assert problem.severity is Severity.WARNING
    assert problem.location == Location(ItemKind.TECHNIQUE, "gentle", field="name", language="es")
    assert problem.text == "no Spanish translation; patients will see the English (en) text"


def test_a_technique_level_warning_has_no_field(catalog):
    problem = only_problem(
        edit(catalog, "gentle", cautions=(), after_session=None), severity=Severity.WARNING
    )
    assert problem.location == Location(ItemKind.TECHNIQUE, "gentle", field="")
    assert problem.text.startswith("lists benefits but no cautions")


def test_a_technique_without_an_id_is_located_by_its_index(catalog):
    bad = replace(catalog, techniques=(catalog.techniques[0], replace(catalog.techniques[1], id="")))
    problem = only_problem(bad)
    assert problem.location == Location(ItemKind.TECHNIQUE, None, field="id", index=1)
    assert problem.text.startswith("is empty")


def test_a_duplicate_technique_id_is_located_at_the_second_one(catalog):
    bad = replace(catalog, techniques=(catalog.techniques[0], replace(catalog.techniques[1], id="gentle")))
    problem = only_problem(bad)
    assert problem.location == Location(ItemKind.TECHNIQUE, None, field="id", index=1)
    assert problem.text.startswith("duplicate id 'gentle' (also used on line ")


def test_a_term_problem(catalog):
    problem = only_problem(update_term(catalog, "benefits", "sleep", Term("sleep", Text.plain(""))))
    assert problem.location == Location(ItemKind.BENEFIT, "sleep", field="label")
    assert problem.text == "is empty; write the text or remove the field"


def test_an_invalid_term_id(catalog):
    bad = replace(catalog, conditions=(*catalog.conditions, Term("Bad Id", Text.plain("Bad"))))
    problem = only_problem(bad)
    assert problem.location == Location(ItemKind.CONDITION, "Bad Id", field="id")
    assert problem.text.startswith("'Bad Id' is not a valid id")


def test_ids_with_quotes_and_commas_are_kept_whole(catalog):
    # The location is data, not read back out of the message: odd ids cannot confuse it.
    bad = replace(catalog, techniques=(catalog.techniques[0], replace(catalog.techniques[1], id="it's, odd")))
    problem = only_problem(bad)
    assert problem.location == Location(ItemKind.TECHNIQUE, "it's, odd", field="id")
    assert problem.text.startswith("'it's, odd' is not a valid id")
    assert problem.message.startswith("technique 'it's, odd', id: 'it's, odd' is not a valid id")


@pytest.mark.parametrize(
    ("text", "location", "rest"),
    [
        (VALID.replace("languages: [en]", "languages: [en, en]"), Location(field="languages"),
         "'en' is listed twice"),
        (VALID[: VALID.index("techniques:")] + "techniques: 3\n", Location(field="techniques"),
         "expected a list of techniques, found a number"),
        (VALID + "extra: 1\n", Location(), "unknown field 'extra'"),
        (VALID.replace("conditions:\n  disc:\n    label: Herniated disc\n", "conditions: []\n"),
         Location(ItemKind.CONDITION, None, field=""),
         "expected ids with their labels, found a list; for none, write `conditions: {}`"),
        ("- a list\n", Location(), "the top level must be a mapping"),
        ("a: [\n", None, "YAML syntax"),  # the file as a whole
    ],
)  # fmt: skip
def test_catalog_level_problems(text, location, rest):
    problem = read(text).errors[0]
    assert problem.location == location
    assert problem.text.startswith(rest)


def test_every_problem_of_a_broken_file_is_located_in_an_item():
    # Many problems at once; each message is exactly its location prefix plus its text.
    text = (
        VALID.replace("evidence: low", "evidence: strong")
        .replace("- condition: disc", "- condition: disk")
        .replace("session_minutes: 60", "session_minutes: 500")
        .replace("label: Better sleep", "label: ''")
    )
    problems = read(text).problems
    assert len(problems) == 4
    for problem in problems:
        location = problem.location
        assert location is not None and location.kind is not ItemKind.CATALOG and location.field
        assert problem.message.endswith(": " + problem.text)


# -- the round-trip promise: a file loaded and saved without edits changes only in formatting --------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    result = load_catalog(bundled_catalog_path())
    assert result.catalog is not None
    return result.catalog


def test_the_bundled_catalog_survives_dump_and_load(bundled):
    dumped = dump_catalog(bundled)
    again = parse_catalog(dumped.encode(), base_dir=bundled_catalog_path().parent)
    assert again.problems == [] and again.catalog == bundled
    assert dump_catalog(again.catalog) == dumped


def test_editing_one_field_changes_only_its_lines(bundled):
    before = dump_catalog(bundled).splitlines()
    technique = bundled.techniques[1]
    summary = set_text(technique.summary, "en", "A shorter summary.", "en", required=True)
    edited = edit(bundled, technique.id, summary=summary)
    after = dump_catalog(edited).splitlines()
    changed = [
        line for line in difflib.unified_diff(before, after, n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]  # fmt: skip
    assert technique.summary.languages == ("en", "es")  # the Spanish line must stay as it is
    assert changed == [f"-      en: {technique.summary.default}", "+      en: A shorter summary."]
