"""Every class of bad input gets a located message that says what is wrong and how to fix it."""

from __future__ import annotations

import pytest

from tests.core.helpers import LOADERS, VALID, line_of, only_error, read, variant

pytestmark = pytest.mark.parametrize("loader", LOADERS)


def test_the_valid_base_loads(loader):
    result = read(VALID, loader)
    assert result.problems == []
    assert result.catalog is not None
    assert [t.id for t in result.catalog] == ["swedish"]


def test_syntax_error_names_its_line(loader):
    text = variant("good_for: [disc]", "good_for: [disc")
    error = only_error(read(text, loader))
    assert error.message.startswith("YAML syntax:")
    # The parser notices the missing bracket at the next line at the latest.
    assert line_of(text, "good_for") <= error.line <= line_of(text, "good_for") + 1


def test_tab_indentation_says_use_spaces(loader):
    text = variant("    feels_like: Smooth and slow.", "\tfeels_like: Smooth and slow.")
    error = only_error(read(text, loader))
    assert "tab" in error.message and "spaces" in error.message
    assert (error.line, error.column) == (line_of(text, "feels_like"), 1)


def test_a_tab_inside_a_text_is_not_blamed_for_a_syntax_error_below_it(loader):
    # After a block text's indentation a tab is text (pasted in, say); a bracket left open lower
    # down is the mistake, and is where the message points.
    tabbed = variant(
        "      It is the most common kind.", "      It is the most common kind.\n      \tStep one."
    )
    assert read(tabbed, loader).ok
    text = variant("good_for: [disc]", "good_for: [disc", tabbed)
    error = only_error(read(text, loader))
    assert "tab" not in error.message
    assert line_of(text, "good_for") <= error.line <= line_of(text, "good_for") + 1


def test_duplicate_key_is_an_error_not_silently_the_last(loader):
    text = variant("    feels_like: Smooth and slow.\n", "    feels_like: Smooth.\n    feels_like: Slow.\n")
    error = only_error(read(text, loader))
    first = line_of(text, "feels_like: Smooth.")
    assert error.line == first + 1
    assert f"duplicate field 'feels_like' (first on line {first})" in error.message
    assert "technique 'swedish'" in error.message


def test_duplicate_technique_id(loader):
    second = VALID[VALID.index("  - id: swedish") :]
    text = VALID + second.replace("Swedish massage", "Another")
    result = read(text, loader)
    error = only_error(result)
    assert "duplicate id 'swedish'" in error.message
    assert f"also used on line {line_of(text, '- id: swedish')}" in error.message
    assert error.line == len(VALID.splitlines()) + 1


def test_unknown_field_suggests_the_right_one(loader):
    text = variant("    feels_like:", "    feel_like:")
    error = only_error(read(text, loader))
    assert error.line == line_of(text, "feel_like")
    assert "unknown field 'feel_like' (did you mean 'feels_like'?)" in error.message


def test_unknown_field_with_no_near_match_lists_the_fields_allowed(loader):
    text = variant("    feels_like:", "    colour: red\n    feels_like:")
    error = only_error(read(text, loader))
    assert error.line == line_of(text, "colour")
    assert error.message.startswith("technique 'swedish': unknown field 'colour'; the fields here are id, ")
    assert "session_minutes" in error.message and "questions_to_ask" in error.message


def test_an_empty_vocabulary_written_as_a_list_says_how_to_write_it(loader):
    text = VALID.replace("conditions:\n", "conditions: []\nold_conditions:\n", 1)
    errors = [p for p in read(text, loader).problems if p.line == line_of(text, "conditions: []")]
    assert [e.message for e in errors] == [
        "conditions: expected ids with their labels, found a list; for none, write `conditions: {}`"
    ]


def test_missing_required_field(loader):
    text = variant("    session_minutes: 60\n", "")
    error = only_error(read(text, loader))
    assert error.message == "technique 'swedish': missing required field 'session_minutes'"
    assert error.line == line_of(text, "- id: swedish")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("name: Swedish massage", "name: [Swedish]", "name: expected text, found a list"),
        ("    good_for: [disc]", "    good_for: disc", "good_for: expected a list of condition ids"),
        ("session_minutes: 60", "session_minutes: sixty", "expected a whole number, found text 'sixty'"),
        ("session_minutes: 60", "session_minutes: '60'", "found quoted text; remove the quotes"),
        ("reviewed: 2025-06-01", "reviewed: June 2025", "is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_wrong_types(loader, old, new, expected):
    text = variant(old, new)
    error = only_error(read(text, loader))
    assert expected in error.message
    assert error.line == line_of(text, new.strip().split(":")[0] + ":")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "- benefit: pain",
            "- benefit: pains",
            "'pains' is not defined under 'benefits' (did you mean 'pain'?)",
        ),
        (
            "- condition: disc",
            "- condition: disk",
            "'disk' is not defined under 'conditions' (did you mean 'disc'?)",
        ),
        ("good_for: [disc]", "good_for: [back]", "'back' is not defined under 'conditions'"),
    ],
)
def test_undefined_references(loader, old, new, expected):
    text = variant(old, new)
    error = only_error(read(text, loader))
    assert expected in error.message
    assert error.line == line_of(text, new)


def test_unknown_evidence_and_pressure_words(loader):
    text = variant("evidence: low", "evidence: strong")
    text = variant("pressure: [light, medium]", "pressure: [light, soft]", text)
    result = read(text, loader)
    messages = {e.line: e.message for e in result.errors}
    assert len(result.errors) == 2
    assert "unknown pressure 'soft'; use one of light, medium, firm, deep" in messages[line_of(text, "soft")]
    assert (
        "unknown evidence grade 'strong'; use one of high, moderate, low, very-low, untested"
        in (messages[line_of(text, "strong")])
    )


@pytest.mark.parametrize(
    ("old", "new", "fix"),
    [
        ("pressure: [light, medium]", "pressure: [deep, light]", "write it low to high: [light, deep]"),
        ("session_minutes: 60", "session_minutes: [90, 30]", "write it low to high: [30, 90]"),
    ],
)
def test_reversed_ranges(loader, old, new, fix):
    text = variant(old, new)
    error = only_error(read(text, loader))
    assert "range is reversed" in error.message and fix in error.message
    assert error.line == line_of(text, new)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("pressure: [light, medium]", "pressure: no", "'no' is read as true/false"),
        ("name: Swedish massage", "name: yes", "'yes' is read as true/false, not text; quote it: \"yes\""),
        (
            "session_minutes: 60",
            "session_minutes: 1:30",
            "base-60 number; write the minutes as one plain number, e.g. 90",
        ),
        (
            "session_minutes: 60",
            "session_minutes: 010",
            "leading zero, which YAML may read as an octal number; write it without the zero: 10",
        ),
        (
            "session_minutes: 60",
            "session_minutes: 0x3C",
            "'0x3C' is a hexadecimal number to YAML; write it as a plain whole number: 60",
        ),
        (
            "session_minutes: 60",
            "session_minutes: 0b1111",
            "'0b1111' is a binary number to YAML; write it as a plain whole number: 15",
        ),
        ("feels_like: Smooth and slow.", "feels_like: 2025-01-01", "read as a date, not text; quote it"),
        ("feels_like: Smooth and slow.", "feels_like: 1.5", "read as a number, not text"),
    ],
)
def test_yaml_11_coercions_are_caught(loader, old, new, expected):
    text = variant(old, new)
    error = only_error(read(text, loader))
    assert expected in error.message
    assert error.line == line_of(text, new)


def test_anchor_and_alias_are_refused(loader):
    text = variant("    feels_like: Smooth and slow.", "    feels_like: &calm Smooth and slow.")
    text = variant("    after_session: You may feel sleepy.", "    after_session: *calm", text)
    result = read(text, loader)
    assert result.catalog is None
    found = {(e.line, e.message.split(" ")[0] + " " + e.message.split(" ")[1]) for e in result.errors}
    assert (line_of(text, "&calm"), "anchor '&calm'") in found
    assert (line_of(text, "*calm"), "alias '*calm'") in found


def test_alias_bomb_is_refused_without_expanding(loader):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    result = read("\n".join(lines) + "\n", loader)
    assert result.catalog is None
    assert all("not allowed" in e.message for e in result.errors)
    assert result.errors[0].line == 1


def test_recursive_alias_is_refused(loader):
    result = read("schema_version: 1\nloop: &loop [*loop]\n", loader)
    assert result.catalog is None
    assert result.errors[0].line == 2


def test_python_tag_is_refused_and_never_run(loader, tmp_path):
    marker = tmp_path / "ran"
    text = variant(
        "    feels_like: Smooth and slow.",
        f"    feels_like: !!python/object/apply:os.mkdir ['{marker}']",
    )
    error = only_error(read(text, loader))
    assert "Python tag 'python/object/apply:os.mkdir' is refused (it is never run)" in error.message
    assert error.line == line_of(text, "!!python")
    assert not marker.exists()


def test_other_tags_are_refused(loader):
    text = variant("    feels_like: Smooth and slow.", "    feels_like: !!binary aGVsbG8=")
    assert "tag '!binary' is not allowed" in only_error(read(text, loader)).message


def test_schema_version_newer_than_this_app(loader):
    error = only_error(read(variant("schema_version: 1", "schema_version: 2"), loader))
    assert error.line == 1
    assert "schema_version 2 is newer than this app reads (1); update Massage Explorer" in error.message


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(loader, text):
    error = only_error(read(text, loader))
    assert error.message == "the file is empty; a catalog starts with 'schema_version: 1'"
    assert error.line == 1


def test_top_level_list(loader):
    error = only_error(read("- id: swedish\n- id: deep\n", loader))
    assert "the top level must be a mapping" in error.message and "holds a list" in error.message
    assert error.line == 1


def test_all_problems_are_reported_in_one_run(loader):
    text = variant("evidence: low", "evidence: strong")
    text = variant("- condition: disc", "- condition: disk", text)
    text = variant("session_minutes: 60", "session_minutes: 500", text)
    result = read(text, loader)
    assert [e.line for e in result.errors] == sorted(
        [line_of(text, "strong"), line_of(text, "disk"), line_of(text, "500")]
    )
    assert "500 minutes is outside 5 to 240" in result.errors[0].message


def test_summary_over_200_characters(loader):
    text = variant("summary: Long, gliding strokes and kneading.", "summary: " + "Long strokes " * 20)
    error = only_error(read(text, loader))
    assert "over 200" in error.message and error.line == line_of(text, "summary:")


def test_text_in_a_language_the_catalog_does_not_list(loader):
    text = variant(
        "    name: Swedish massage", "    name:\n      en: Swedish massage\n      fr: Massage suédois"
    )
    error = only_error(read(text, loader))
    assert "language 'fr' is not in the catalog's languages (en)" in error.message
    assert error.line == line_of(text, "fr:")


def test_text_without_the_default_language(loader):
    text = variant("languages: [en]", "languages: [en, es]")
    text = variant("    name: Swedish massage", "    name:\n      es: Masaje sueco", text)
    error = only_error(read(text, loader))
    assert "has no text in the default language 'en'" in error.message
    assert error.line == line_of(text, "es: Masaje")


def test_invalid_id(loader):
    error = only_error(read(variant("- id: swedish", "- id: Swedish Massage"), loader))
    assert "'Swedish Massage' is not a valid id" in error.message and "'swedish-massage'" in error.message


def test_a_long_unknown_field_or_date_is_quoted_cut_short(loader):
    text = variant("    feels_like:", f"    {'k' * 1000}:")  # YAML's longest key: 1,024
    message = only_error(read(text, loader)).message
    assert "unknown field 'kkk" in message and "…'" in message and len(message) < 400
    text = variant("reviewed: 2025-06-01", f"reviewed: 2001-12-14t21:59:43.{'1' * 5000}-05:00")
    message = only_error(read(text, loader)).message
    assert "is not a date" in message and "…'" in message and len(message) < 400


@pytest.mark.parametrize(
    ("character", "name"),
    [("\u2028", "line separator"), ("\u2029", "paragraph separator"), ("\x85", "next-line mark")],
)
def test_a_line_break_editors_do_not_show_is_named_where_the_editor_has_it(loader, character, name):
    # YAML counts it as a line break: every line number after it would be one off in an editor.
    text = variant("name: Swedish massage", f"name: Swedish{character}massage")
    error = only_error(read(text, loader))
    assert f"(a {name})" in error.message and "delete it" in error.message
    assert (error.line, error.column) == (line_of(text, "Swedish"), len("    name: Swedish") + 1)


def test_an_unclosed_quote_is_pointed_at_where_it_opens(loader):
    # Found only at the end of the file, where YAML gives up looking for the closing quote.
    last = "      - Have you treated a herniated disc before?"
    assert VALID.rstrip("\n").endswith(last)
    text = variant(last, '      - "Have you treated a herniated disc before?')
    error = only_error(read(text, loader))
    assert "quote is never closed" in error.message
    assert (error.line, error.column) == (line_of(text, '"Have you'), len("      - ") + 1)


def test_a_closed_quote_is_not_called_unclosed(loader):
    # A quoted text with a line that starts with '---' (a document marker to YAML) is refused,
    # but not as a quote left open.
    text = variant("name: Swedish massage", 'name: "Swedish\n---\n      massage"')
    error = only_error(read(text, loader))
    assert "never closed" not in error.message
