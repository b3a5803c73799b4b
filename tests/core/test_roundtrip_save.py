"""Saving keeps the file as people wrote it: only the lines of what was edited change."""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import random
from collections import Counter
from collections.abc import Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from massage_explorer.core import editing
from massage_explorer.core.catalog import Catalog, Evidence, Range, Technique, Term, Text
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.schema.splice import splice
from massage_explorer.core.storage import OnDisk, catalog_bytes, load_catalog, save_catalog
from tests import factories as f
from tests.core.commented_catalog import COMMENTED
from tests.core.helpers import TODAY, VALID, read
from tests.core.schema.test_dump import catalogs

ORIGINAL = read(COMMENTED).catalog
assert ORIGINAL is not None


def saved(after: Catalog, text: str = COMMENTED, before: Catalog = ORIGINAL) -> str:
    """The file's text after a save of `after` from the editor that opened `text`."""
    return catalog_bytes(after, OnDisk(text.encode("utf-8"), before)).decode("utf-8")


def technique(catalog: Catalog, technique_id: str, **changes: object) -> Catalog:
    found = catalog.technique(technique_id)
    assert found is not None
    return editing.replace_technique(catalog, technique_id, dataclasses.replace(found, **changes))


def with_language(text: Text | None, language: str, value: str) -> Text:
    assert text is not None
    return Text(tuple((lang, value if lang == language else old) for lang, old in text.pairs))


def field_lines(text: str, *path: str | int) -> range:
    """The lines (0-based) from a field's key (or list item's '-') to the end of its value."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    first = 0
    for step in path:
        if isinstance(step, int):
            node = node.value[step]
            first = node.start_mark.line
        else:
            key, node = next((k, v) for k, v in node.value if k.value == step)
            first = key.start_mark.line
    last = node
    while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and not last.flow_style:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    end = last.end_mark.line if last.end_mark.column > 0 else last.end_mark.line - 1
    lines = text.splitlines()
    while end > first and not lines[end].strip():  # a block scalar's trailing blank lines
        end -= 1
    return range(first, end + 1)


def changed_lines(before: str, after: str) -> list[int]:
    """The original's lines that a save removed or replaced, and where lines were inserted."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    lines: list[int] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            lines += range(i1, i2) if i2 > i1 else [i1]
    return lines


def comment_lines(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


def test_an_unchanged_save_is_byte_identical():
    assert saved(ORIGINAL) == COMMENTED
    assert splice(COMMENTED, ORIGINAL, ORIGINAL) is COMMENTED


def technique_summary(c: Catalog) -> Catalog:
    t = c.technique("swedish")
    return technique(c, "swedish", summary=with_language(t.summary, "en", "A calm, full-body massage."))


def claim_grade(c: Catalog) -> Catalog:
    t = c.technique("swedish")
    claim = dataclasses.replace(t.benefits[0], evidence=Evidence.VERY_LOW)
    return technique(c, "swedish", benefits=(claim, *t.benefits[1:]))


def claim_source(c: Catalog) -> Catalog:
    t = c.technique("deep-tissue")
    claim = dataclasses.replace(t.benefits[0], sources=(Text.plain("Majchrzycki M et al. 2014."),))
    return technique(c, "deep-tissue", benefits=(claim, *t.benefits[1:]))


def plain_note(c: Catalog) -> Catalog:
    t = c.technique("swedish")
    note = with_language(t.benefits[1].note, "es", "Podría calmarle un poco; no es seguro.")
    return technique(c, "swedish", benefits=(t.benefits[0], dataclasses.replace(t.benefits[1], note=note)))


def folded_description(c: Catalog) -> Catalog:
    t = c.technique("myofascial")
    text = "The therapist holds a gentle stretch on tight tissue for two minutes, until it eases."
    return technique(c, "myofascial", description=with_language(t.description, "en", text))


def minutes(c: Catalog) -> Catalog:
    return technique(c, "myofascial", session_minutes=Range(45, 60))


def red_flag(c: Catalog) -> Catalog:
    flag = dataclasses.replace(
        c.red_flags[1], sign=with_language(c.red_flags[1].sign, "en", "A fever and back pain")
    )
    return dataclasses.replace(c, red_flags=(c.red_flags[0], flag))


def term_label(c: Catalog) -> Catalog:
    term = c.benefits[1]
    return dataclasses.replace(
        c,
        benefits=(
            c.benefits[0],
            dataclasses.replace(term, label=with_language(term.label, "en", "Better sleep")),
            *c.benefits[2:],
        ),
    )


def required(c: Catalog) -> Catalog:
    return dataclasses.replace(c, required_cautions=("blood-clots", "herniated-disc"))


ONE_FIELD: dict[str, tuple[Callable[[Catalog], Catalog], tuple[str | int, ...]]] = {
    "summary": (technique_summary, ("techniques", 0, "summary", "en")),
    "evidence grade": (claim_grade, ("techniques", 0, "benefits", 0, "evidence")),
    "a citation": (claim_source, ("techniques", 2, "benefits", 0, "sources")),
    "an unquoted note": (plain_note, ("techniques", 0, "benefits", 1, "note", "es")),
    "a folded description": (folded_description, ("techniques", 1, "description", "en")),
    "session minutes": (minutes, ("techniques", 1, "session_minutes")),
    "a red flag": (red_flag, ("red_flags", 1, "sign", "en")),
    "a flow-style label": (term_label, ("benefits", "sleep", "label")),
    "required cautions": (required, ("required_cautions",)),
}


@pytest.mark.parametrize("name", ONE_FIELD)
def test_a_one_field_edit_changes_only_that_fields_lines(name):
    edit, path = ONE_FIELD[name]
    after = edit(ORIGINAL)
    text = saved(after)
    assert read(text).catalog == after
    field = field_lines(COMMENTED, *path)
    outside = [n + 1 for n in changed_lines(COMMENTED, text) if n not in field]
    assert not outside, f"lines {outside} changed, outside {name} (lines {field.start + 1}-{field.stop})"
    assert comment_lines(text) == comment_lines(COMMENTED)


@pytest.mark.parametrize("name", ["evidence grade", "a red flag", "a flow-style label", "required cautions"])
def test_a_one_line_field_stays_one_line_in_its_style(name):
    edit, path = ONE_FIELD[name]
    text = saved(edit(ORIGINAL))
    line = field_lines(COMMENTED, *path).start
    assert changed_lines(COMMENTED, text) == [line]
    old, new = COMMENTED.splitlines()[line], text.splitlines()[line]
    assert old.count("[") == new.count("[") and old.count("{") == new.count("{")


def test_editing_one_paragraph_of_a_multi_line_description_changes_that_line_only():
    t = ORIGINAL.technique("swedish")
    new = t.description.get("en").replace("to help you relax.", "to help you relax and rest.")
    text = saved(technique(ORIGINAL, "swedish", description=with_language(t.description, "en", new)))
    assert changed_lines(COMMENTED, text) == [
        COMMENTED.splitlines().index("        The aim is to help you relax.")
    ]
    assert "        The aim is to help you relax and rest.\n" in text


def test_an_edit_taken_back_gives_the_file_back():
    edited = technique_summary(ORIGINAL)
    once = saved(edited)
    assert saved(ORIGINAL, once, edited) == COMMENTED


def test_a_new_technique_is_written_like_its_neighbours():
    after, new_id = editing.add_technique(ORIGINAL, at=1)
    t = after.technique(new_id)
    after = technique(after, new_id, name=Text((("en", "Trigger point therapy"), ("es", "Puntos gatillo"))))
    text = saved(after)
    assert read(text).catalog == after
    lines = text.splitlines()
    start = lines.index(f"  - id: {new_id}")
    assert lines[start + 1 : start + 4] == [
        "    name:",
        '      en: "Trigger point therapy"',
        '      es: "Puntos gatillo"',
    ]
    assert lines[start + 4 : start + 6] == ["    summary:", f'      en: "{t.summary.default}"']
    assert (
        lines[start - 1] == ""
        and lines[start - 2] == "    # TODO(maria): add a picture once we have one we may use."
    )
    matcher = difflib.SequenceMatcher(None, COMMENTED.splitlines(), lines, autojunk=False)
    assert {tag for tag, *_ in matcher.get_opcodes()} == {"equal", "insert"}


def test_removing_a_technique_removes_its_lines_and_nothing_else():
    text = saved(editing.delete_technique(ORIGINAL, "myofascial"))
    own = field_lines(COMMENTED, "techniques", 1)
    removed = changed_lines(COMMENTED, text)
    assert set(removed) <= set(range(own.start - 1, own.stop + 1))  # with the blank line before it
    assert len(COMMENTED.splitlines()) - len(text.splitlines()) == len(own) + 1
    assert comment_lines(text) == comment_lines(COMMENTED)


def test_reordering_moves_whole_techniques_with_their_comments():
    after = editing.move_technique(ORIGINAL, "swedish", 1)
    text = saved(after)
    assert read(text).catalog == after
    assert Counter(text.splitlines()) == Counter(COMMENTED.splitlines())
    lines = text.splitlines()
    assert lines.index("  # The one most people start with.") == lines.index("  - id: swedish") - 1
    assert (
        lines.index("  - id: myofascial")
        < lines.index("  - id: swedish")
        < lines.index("  # --- Firm techniques ---------------------------------------------------")
    )


def test_a_translation_added_and_removed():
    t = ORIGINAL.technique("deep-tissue")
    question = Text((("en", t.questions_to_ask[0].default),))
    after = technique(ORIGINAL, "deep-tissue", questions_to_ask=(question,))
    after = dataclasses.replace(
        after, conditions=(Term("blood-clots", Text.plain("Clots")), *after.conditions[1:])
    )
    text = saved(after)
    assert read(text).catalog == after
    assert comment_lines(text) == comment_lines(COMMENTED)


def test_200_saves_with_random_edits_keep_every_comment():
    rng = random.Random(18)
    text, catalog, added = COMMENTED, ORIGINAL, []
    for _ in range(200):
        after = _random_edit(rng, catalog, added)
        new_text = saved(after, text, catalog)
        assert comment_lines(new_text) == comment_lines(COMMENTED)
        assert read(new_text).catalog == after
        text, catalog = new_text, after
    assert len(added) > 3  # the edits added techniques and took some away again


def _random_edit(rng: random.Random, catalog: Catalog, added: list[str]) -> Catalog:
    t = rng.choice(catalog.techniques)
    choice = rng.randrange(8)
    word = rng.choice(["calm", "slow", "firm", "warm", "gentle"])
    if choice == 0:
        field = rng.choice(["summary", "description", "after_session"])
        old = getattr(t, field) or Text.plain("x")
        value = (
            f"{old.default.rstrip('.')} and {word}."
            if rng.random() < 0.8
            else f"One line.\n\nAnother {word} one.\n"
        )
        return technique(catalog, t.id, **{field: with_language(old, rng.choice(old.languages), value)})
    if choice == 1 and t.benefits:
        claim = dataclasses.replace(t.benefits[0], evidence=rng.choice(list(Evidence)))
        return technique(catalog, t.id, benefits=(claim, *t.benefits[1:]))
    if choice == 2:
        return technique(catalog, t.id, session_minutes=Range(rng.choice([30, 45]), rng.choice([60, 90])))
    if choice == 3:
        catalog, new_id = editing.add_technique(catalog, at=rng.randrange(len(catalog.techniques) + 1))
        added.append(new_id)
        return catalog
    if choice == 4 and added and added[-1] in {x.id for x in catalog.techniques}:
        return editing.delete_technique(catalog, added.pop(rng.randrange(len(added))))
    if choice == 5:
        return editing.move_technique(catalog, t.id, rng.choice([-1, 1]))
    if choice == 6:
        questions = (*t.questions_to_ask, Text.plain(f"Is it {word}?"))
        return technique(catalog, t.id, questions_to_ask=questions[-2:])
    feels = None if t.feels_like else Text((("en", f"It feels {word}."), ("es", "Se siente bien.")))
    return technique(catalog, t.id, feels_like=feels)


def test_the_saved_file_loads_through_the_validator_and_the_old_one_is_the_backup(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    after = claim_grade(ORIGINAL)
    save_catalog(after, path, OnDisk(path.read_bytes(), ORIGINAL))
    result = load_catalog(path, today=TODAY)
    assert result.catalog == after and not result.errors
    assert path.with_name("techniques.yaml.bak").read_text(encoding="utf-8") == COMMENTED
    assert "# End of catalog. New techniques go above this line." in path.read_text(encoding="utf-8")


def test_line_endings_and_a_byte_order_mark_are_kept():
    data = codecs.BOM_UTF8 + COMMENTED.replace("\n", "\r\n").encode("utf-8")
    after, _ = editing.add_technique(claim_grade(ORIGINAL))
    out = catalog_bytes(after, OnDisk(data, ORIGINAL))
    assert out.startswith(codecs.BOM_UTF8) and b"\n" not in out.replace(b"\r\n", b"")
    assert read(out.decode("utf-8-sig")).catalog == after
    grade = field_lines(COMMENTED, "techniques", 0, "benefits", 0, "evidence").start
    assert changed_lines(data.decode("utf-8-sig"), out.decode("utf-8-sig")) == [
        grade,
        COMMENTED.count("\n") - 1,
    ]
    assert out.count(b"\r\n") == data.count(b"\r\n") + 11  # the new technique and a blank line


def test_a_file_that_does_not_hold_the_catalog_opened_is_written_out_whole():
    # The splice would carry the other file's content along: read back, it is not the catalog.
    after = claim_grade(ORIGINAL)
    dumped = dump_catalog(after).encode("utf-8")
    assert catalog_bytes(after, OnDisk(VALID.encode("utf-8"), ORIGINAL)) == dumped
    assert catalog_bytes(after, OnDisk(b"- a list, not a catalog\n", ORIGINAL)) == dumped
    assert catalog_bytes(after, None) == dumped


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), catalogs())
def test_any_catalog_spliced_into_any_other_reads_back_as_itself(first, second):
    text = splice(dump_catalog(first), first, second)
    assert read(text).catalog == read(dump_catalog(second)).catalog, text


def test_the_bundled_catalog_keeps_its_layout_through_an_edit():
    from massage_explorer.core.paths import bundled_catalog_path

    data = bundled_catalog_path().read_bytes()
    before = load_catalog(bundled_catalog_path()).catalog
    assert before is not None
    first: Technique = before.techniques[0]
    after = technique(before, first.id, session_minutes=Range(45, 90))
    out = catalog_bytes(after, OnDisk(data, before)).decode("utf-8")
    assert changed_lines(data.decode("utf-8"), out) == [
        field_lines(data.decode("utf-8"), "techniques", 0, "session_minutes").start
    ]


def test_a_renamed_id_changes_only_the_lines_that_name_it():
    after = editing.rename_term(ORIGINAL, "conditions", "herniated-disc", "disc-herniation")
    text = saved(after)
    assert read(text).catalog == after
    old_lines = COMMENTED.splitlines()
    assert all("herniated-disc" in old_lines[n] for n in changed_lines(COMMENTED, text))
    assert "  disc-herniation:\n    label:\n      en: Herniated disc   # the common name" in text


@pytest.mark.parametrize(
    "edit",
    [
        lambda c: editing.move_term(c, "benefits", "anxiety", -1),
        lambda c: editing.add_term(c, "benefits", "posture")[0],
        lambda c: editing.delete_term(c, "benefits", "sleep"),
        lambda c: dataclasses.replace(c, red_flags=(*c.red_flags, c.red_flags[0])),
        lambda c: dataclasses.replace(c, red_flags=c.red_flags[1:]),
    ],
    ids=["move a benefit", "add a benefit", "delete a benefit", "add a red flag", "remove a red flag"],
)
def test_vocabulary_and_red_flag_edits_keep_the_rest(edit):
    after = edit(ORIGINAL)
    text = saved(after)
    assert read(text).catalog == after
    kept = Counter(COMMENTED.splitlines()) - Counter(text.splitlines())
    assert all(not line.lstrip().startswith("#") for line in kept) or kept == Counter(
        ["  # Added after the 2025 audit."]  # the comment on the red flag that was removed
    )
    assert text.startswith(COMMENTED[: COMMENTED.index("red_flags:")])
    assert text.endswith(COMMENTED[COMMENTED.index("techniques:") :])


def test_the_editors_checked_save_keeps_the_file(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    after = folded_description(ORIGINAL)
    stamp = editing.save_checked(
        after, path, editing.FileStamp.of(path), editing.OnDisk(path.read_bytes(), ORIGINAL)
    )
    assert stamp.sha256 == editing.FileStamp.of(path).sha256
    text = path.read_text(encoding="utf-8")
    assert (
        comment_lines(text) == comment_lines(COMMENTED) and load_catalog(path, today=TODAY).catalog == after
    )
    assert path.with_name("techniques.yaml.bak").read_text(encoding="utf-8") == COMMENTED


@pytest.mark.parametrize(
    "value", ["Swedish\u2028massage", "One line\u2029Two", "Next\x85line", "Two\nlines\u2028here"]
)
def test_a_line_break_editors_do_not_show_is_saved_as_an_escape_and_reads_back(value):
    # Pasted into a field: written as it is, the file would be refused on its next read (its line
    # numbers would be wrong in every editor). Both writers quote it as \L, \P or \N instead.
    first = ORIGINAL.techniques[0]
    edited = technique(ORIGINAL, first.id, name=with_language(first.name, "en", value))
    for text in (saved(edited), dump_catalog(edited)):
        assert not any(c in text for c in "\x85\u2028\u2029")
        assert read(text).catalog == edited


def test_a_deep_comment_brought_after_a_block_text_by_a_removal_stays_a_comment():
    # Found by a fuzz campaign: technique 0 ends with a "|-" text; a comment indented as deep as
    # that text sat above technique 2. With technique 1 removed, the comment came right after the
    # text and read as more of it, and the save fell back to writing the whole file anew (every
    # comment lost). Moved out to the items' column, it stays a comment, and the file its layout.
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(3)))
    text = dump_catalog(catalog)
    block = "    description: |-\n      What it is.\n\n      A second paragraph.\n"
    start, end = text.index("  - id: t-0"), text.index("  - id: t-1")
    entry = text[start:end].replace(block, "").rstrip("\n") + "\n" + block + "\n"
    text = text[:start] + entry + text[end:].replace("  - id: t-2", "      # About t-2.\n  - id: t-2")
    before = read(text).catalog
    assert before is not None
    after = editing.delete_technique(before, "t-1")
    out = saved(after, text, before)
    assert read(out).catalog == after
    assert "\n  # About t-2.\n  - id: t-2" in out
    # Changed: technique 1, the blank line after it, and the comment's indentation.
    comment = text[: text.index("      # About")].count("\n")
    assert changed_lines(text, out) == list(range(field_lines(text, "techniques", 1).start, comment + 1))
