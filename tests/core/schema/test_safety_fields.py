"""The safety fields of issue 15: caution levels, red flags, the required cautions, search words
and a picture's alt text. All optional: a catalog without them stays valid."""

from __future__ import annotations

import pytest

from massage_explorer.core.catalog import CautionLevel, Urgency
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.schema.validator import REQUIRED_NAMED
from tests.core.helpers import LOADERS, VALID, line_of, only_error, read, variant

SAFETY = """\
red_flags:
  - sign: New weakness in a leg
    urgency: emergency
  - sign: Fever with back pain
    urgency: see-doctor
required_cautions: [clots]
"""
CLOTS = """\
  clots:
    label: Blood clots
    search_words: {en: [dvt, thrombosis]}
"""


CLOTS_CAUTION = """\
      - condition: clots
        level: avoid
        note: Not with a blood clot.
"""


def with_safety(base: str = VALID) -> str:
    text = variant("benefits:\n", SAFETY + "benefits:\n", base)
    text = variant("techniques:\n", CLOTS + "techniques:\n", text)
    return variant("    after_session:", CLOTS_CAUTION + "    after_session:", text)


@pytest.mark.parametrize("loader", LOADERS)
def test_a_catalog_without_the_new_fields_still_loads_and_reads_them_as_empty(loader):
    text = VALID.replace("        level: adapt\n", "")
    result = read(text, loader)
    assert result.catalog is not None
    assert result.catalog.red_flags == () and result.catalog.required_cautions == ()
    # Only the missing level is warned about, and it reads as "ask your doctor": never "go ahead".
    assert [(w.line, w.column, w.message) for w in result.warnings] == [
        (
            line_of(text, "- condition: disc"),
            9,
            "technique 'swedish', cautions[0].level: no level; add 'level:' with one of avoid, "
            "ask-doctor, adapt (until then patients read it as 'ask-doctor')",
        )
    ]
    assert result.catalog.techniques[0].cautions[0].level is CautionLevel.ASK_DOCTOR


@pytest.mark.parametrize("loader", LOADERS)
def test_the_new_fields_are_read(loader):
    result = read(variant("        level: adapt\n", "        level: avoid\n", with_safety()), loader)
    assert result.ok and not result.warnings, [w.format("f") for w in result.problems]
    catalog = result.catalog
    assert [(f.sign.default, f.urgency) for f in catalog.red_flags] == [
        ("New weakness in a leg", Urgency.EMERGENCY),
        ("Fever with back pain", Urgency.SEE_DOCTOR),
    ]
    assert catalog.required_cautions == ("clots",)
    assert catalog.condition("clots").all_search_words() == ("dvt", "thrombosis")
    assert catalog.techniques[0].cautions[0].level is CautionLevel.AVOID


def test_a_technique_missing_a_required_caution_is_warned_about_at_its_cautions():
    text = with_safety().replace(CLOTS_CAUTION, "")
    result = read(text)
    assert result.ok
    assert [(w.line, w.column, w.message) for w in result.warnings] == [
        (
            line_of(text, "- condition: disc"),
            7,
            "technique 'swedish', cautions: no caution for 'clots', which the clinic requires of every "
            "technique (required_cautions); add one with its level, even if it is 'adapt'",
        )
    ]


def test_a_technique_without_cautions_is_warned_at_the_technique():
    cautions = (
        "    cautions:\n      - condition: disc\n        level: adapt\n"
        "        note: Ask for gentle pressure near the spine.\n"
    )
    text = with_safety().replace(CLOTS_CAUTION, "").replace(cautions, "")
    result = read(text)
    assert result.ok
    required = [w for w in result.warnings if "required_cautions" in w.message]
    assert [(w.line, w.column) for w in required] == [(line_of(text, "- id: swedish"), 5)]


def test_an_unknown_level_is_an_error_that_lists_the_words():
    error = only_error(read(variant("level: adapt", "level: careful")))
    assert error.line == line_of(VALID, "level: adapt")
    assert "careful" in error.message
    assert all(word in error.message for word in ("avoid", "ask-doctor", "adapt"))


def test_an_unknown_urgency_and_a_red_flag_without_its_sign_are_errors():
    error = only_error(read(with_safety().replace("urgency: emergency", "urgency: soon")))
    assert error.line == line_of(with_safety(), "urgency: emergency")
    assert "soon" in error.message and "emergency" in error.message and "see-doctor" in error.message
    error = only_error(read(with_safety().replace("  - sign: Fever with back pain\n", "  - \n")))
    assert "sign" in error.message


def test_a_required_condition_that_is_not_defined_is_an_error_with_a_suggestion():
    error = only_error(read(with_safety().replace("[clots]", "[clot]")))
    assert error.line == line_of(with_safety(), "required_cautions:")
    assert "clot" in error.message and "clots" in error.message


def test_search_words_must_be_lists_per_language():
    error = only_error(read(with_safety().replace("{en: [dvt, thrombosis]}", "dvt")))
    assert error.line == line_of(with_safety(), "search_words:")
    assert "e.g. `en: [sciatica, leg pain]`" in error.message


def test_the_same_condition_twice_in_a_technique_is_a_warning_at_the_second():
    second = "      - condition: disc\n        level: avoid\n        note: Not with a disc.\n"
    text = variant("    after_session:", second + "    after_session:")
    result = read(text)
    assert result.ok
    first = line_of(text, "- condition: disc")
    second_line = text.splitlines().index("      - condition: disc", first) + 1
    assert [(w.line, w.column, w.message) for w in result.warnings] == [
        (
            second_line,
            20,
            f"technique 'swedish', cautions[1].condition: 'disc' has a caution already (line {first}); "
            "merge the two so patients read one",
        )
    ]
    # The most serious of the two is what the patient is told.
    assert result.catalog.techniques[0].caution_for("disc").level is CautionLevel.AVOID


def test_a_picture_without_alt_text_is_a_warning_at_the_image(tmp_path):
    (tmp_path / "swedish.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    text = variant("    after_session:", "    image: swedish.png\n    after_session:")
    result = read(text, base_dir=tmp_path)
    assert result.ok
    assert [(w.line, w.message.split(":")[0]) for w in result.warnings] == [
        (line_of(text, "image:"), "technique 'swedish', image")
    ]
    assert "image_alt" in result.warnings[0].message
    text = variant("    after_session:", "    image_alt: Hands on a back.\n    after_session:", text)
    result = read(text, base_dir=tmp_path)
    assert result.ok and not result.warnings
    assert result.catalog.techniques[0].image_alt.default == "Hands on a back."


def test_the_new_fields_survive_a_save():
    catalog = read(with_safety()).catalog
    again = read(dump_catalog(catalog)).catalog
    assert again == catalog


def test_a_technique_missing_many_required_cautions_gets_one_warning_naming_the_first_few():
    # One warning a condition: 1,000 required conditions made 12,000 techniques' warnings 4.6 GB.
    extra = [f"c{i}" for i in range(REQUIRED_NAMED + 3)]
    terms = "".join(f"  {c}:\n    label: Condition {c}\n" for c in extra)
    text = (
        with_safety()
        .replace("required_cautions: [clots]", f"required_cautions: [clots, {', '.join(extra)}]")
        .replace("conditions:\n", "conditions:\n" + terms, 1)
    )
    result = read(text)
    assert result.ok
    [warning] = [w for w in result.warnings if "required_cautions" in w.message]
    named = ", ".join(f"'{c}'" for c in extra[:REQUIRED_NAMED])
    more = len(extra) - REQUIRED_NAMED  # (the technique has its caution for clots)
    assert f"no caution for {named} and {more} more, which the clinic requires" in warning.message
    assert "add one for each with its level" in warning.message
    two = text.replace(
        f"required_cautions: [clots, {', '.join(extra)}]", "required_cautions: [clots, c0, c1]"
    )
    [warning] = [w for w in read(two).warnings if "required_cautions" in w.message]
    assert "no caution for 'c0' and 'c1', which" in warning.message
