"""The editor's incremental check finds what the whole check finds, problem for problem."""

from __future__ import annotations

import datetime as dt
import importlib
import random
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from massage_explorer.core import storage
from massage_explorer.core.catalog import BenefitClaim, Catalog, Caution, Evidence, Technique, Term, Text
from massage_explorer.core.editing import IncrementalCheck, check
from massage_explorer.core.problems import Problem, Severity
from massage_explorer.core.schema.dump import document_data, dump_head, technique_data
from massage_explorer.core.schema.limits import MAX_SUGGESTIONS
from massage_explorer.core.schema.validator import CatalogValidator
from massage_explorer.core.schema.yaml_nodes import compose
from massage_explorer.core.storage import LoadResult, parse_catalog
from tests import factories as f
from tests.core.helpers import TODAY


def with_technique(catalog: Catalog, index: int, technique: Technique) -> Catalog:
    techniques = list(catalog.techniques)
    techniques[index] = technique
    return replace(catalog, techniques=tuple(techniques))


def _summary(rng: random.Random, t: Technique) -> Technique:
    choices = ["Short and calm.", "One. Two sentences.", "x" * 201, "", f"Calm {rng.random()}."]
    return replace(t, summary=Text.plain(rng.choice(choices)))


def _description(rng: random.Random, t: Technique) -> Technique:
    # Lines added or removed: every technique after it moves in the dump.
    return replace(t, description=Text.plain("\n".join(["A line."] * rng.randrange(1, 6))))


def _id(rng: random.Random, t: Technique, catalog: Catalog) -> Technique:
    return replace(t, id=rng.choice([*(x.id for x in catalog.techniques), f"new-{rng.randrange(99)}"]))


def _caution_twice(rng: random.Random, t: Technique) -> Technique:
    # A caution given twice: its warning quotes the line of the first.
    return replace(t, cautions=(*t.cautions, Caution("thinners", Text.plain("Again."))))


def _unknown_benefit(rng: random.Random, t: Technique) -> Technique:
    claim = BenefitClaim(rng.choice(["pian", "slep", "calmm", "sleep"]), Evidence.LOW)
    return replace(t, benefits=(*t.benefits[:1], claim))


def _stale(rng: random.Random, t: Technique) -> Technique:
    claim = replace(t.benefits[0], reviewed=dt.date(rng.choice([2001, 2024, 2030]), 1, 1))
    return replace(t, benefits=(claim, *t.benefits[1:]))


def _picture(rng: random.Random, t: Technique) -> Technique:
    return replace(t, image=rng.choice(["there.png", "missing.png", None]), image_alt=Text.plain("A hand."))


TECHNIQUE_EDITS = [_summary, _description, _caution_twice, _unknown_benefit, _stale, _picture]


def random_edit(rng: random.Random, catalog: Catalog) -> Catalog:
    techniques = list(catalog.techniques)
    index = rng.randrange(len(techniques))
    roll = rng.random()
    if roll < 0.6:
        edit = rng.choice(TECHNIQUE_EDITS)
        return with_technique(catalog, index, edit(rng, techniques[index]))
    if roll < 0.68:
        return with_technique(catalog, index, _id(rng, techniques[index], catalog))
    if roll < 0.76:  # moved
        techniques.insert(rng.randrange(len(techniques)), techniques.pop(index))
    elif roll < 0.82 and len(techniques) > 1:
        del techniques[index]
    elif roll < 0.88:
        techniques.insert(index, replace(techniques[index], id=f"copy-{rng.randrange(99)}"))
    elif roll < 0.92:
        extra = (Term("extra", Text.plain("Extra")),)
        benefits = f.BENEFITS + extra if len(catalog.benefits) == len(f.BENEFITS) else f.BENEFITS
        return replace(catalog, benefits=benefits)
    elif roll < 0.96:
        return replace(catalog, required_cautions=() if catalog.required_cautions else ("disc",))
    else:
        return replace(catalog, languages=("en", "es") if len(catalog.languages) == 1 else ("en",))
    return replace(catalog, techniques=tuple(techniques))


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_check_the_same_as_the_whole_check(tmp_path: Path, seed: int) -> None:
    (tmp_path / "there.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    rng = random.Random(seed)
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(6)))
    incremental = IncrementalCheck()
    for _ in range(50):
        catalog = random_edit(rng, catalog)
        expected = check(catalog, base_dir=tmp_path, today=TODAY)
        assert incremental(catalog, base_dir=tmp_path, today=TODAY) == expected


def test_a_picture_put_in_the_folder_is_found_without_an_edit(tmp_path: Path) -> None:
    catalog = f.catalog(f.technique("a", image="hand.png", image_alt=Text.plain("A hand.")))
    incremental = IncrementalCheck()
    assert [p.text for p in incremental(catalog, base_dir=tmp_path, today=TODAY)] == [
        "no image file 'hand.png' next to the catalog"
    ]
    (tmp_path / "hand.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert incremental(catalog, base_dir=tmp_path, today=TODAY) == []


def test_a_duplicate_caution_after_a_longer_description_quotes_its_new_line() -> None:
    twice = f.technique("b", cautions=(Caution("thinners", f.t("One.")), Caution("thinners", f.t("Two."))))
    catalog = f.catalog(f.technique("a"), twice)
    incremental = IncrementalCheck()
    incremental(catalog, base_dir=None, today=TODAY)
    longer = with_technique(catalog, 0, replace(catalog.techniques[0], description=f.t("1\n2\n3\n4")))
    found = incremental(longer, base_dir=None, today=TODAY)
    assert found == check(longer, base_dir=None, today=TODAY)
    assert any("has a caution already (line" in p.text for p in found)


def test_more_unknown_words_than_the_validator_suggests_for_give_the_whole_check() -> None:
    techniques = [
        f.technique(f"t-{i}", benefits=(BenefitClaim(f"unknown-{i}", Evidence.LOW),))
        for i in range(MAX_SUGGESTIONS + 3)
    ]
    catalog = f.catalog(*techniques)
    assert IncrementalCheck()(catalog, base_dir=None, today=TODAY) == check(
        catalog, base_dir=None, today=TODAY
    )


def test_an_edit_reads_only_the_technique_edited(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(20)))
    incremental = IncrementalCheck()
    incremental(catalog, base_dir=None, today=TODAY)
    read = count_reads(monkeypatch)
    edited = with_technique(catalog, 7, replace(catalog.techniques[7], description=f.t("1\n2\n3")))
    assert incremental(edited, base_dir=None, today=TODAY) == check(edited, base_dir=None, today=TODAY)
    assert read == ["t-7"]


# -- starting from the file as opened ------------------------------------------------------------


def _plain(value: Any) -> Any:
    """The dump's values as plain YAML types, for another emitter to write them its own way."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def hand_written(catalog: Catalog) -> bytes:
    """The catalog as a person might write it: comments, keys in another order, long lines folded,
    and one caution with no level (a warning only the file has: the dump writes the level)."""
    document = document_data(catalog) | {"techniques": [technique_data(t) for t in catalog.techniques]}
    text = yaml.safe_dump(_plain(document), sort_keys=True, width=30, allow_unicode=True)
    text = re.sub(r"\n +level: [a-z-]+\n", "\n", text, count=1).replace("\n- ", "\n# Checked by hand.\n- ")
    return ("# The clinic's catalog.\n" + text).encode("utf-8")


def opened(tmp_path: Path) -> tuple[LoadResult, IncrementalCheck]:
    """A catalog with warnings in some techniques, read from its file as the editor opens it."""
    (tmp_path / "there.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    stale = BenefitClaim("pain", Evidence.LOW, reviewed=dt.date(2001, 1, 1))
    techniques = [f.technique(f"t-{i}") for i in range(8)]
    techniques[2] = replace(techniques[2], benefits=(stale,))
    techniques[4] = replace(techniques[4], summary=f.t("One. Two sentences."))
    techniques[6] = replace(techniques[6], image="there.png", image_alt=f.t("A hand."))
    catalog = f.catalog(*techniques, required_cautions=("thinners",))
    result = parse_catalog(hand_written(catalog), base_dir=tmp_path, today=TODAY)
    assert result.catalog is not None, result.problems
    incremental = IncrementalCheck()
    incremental.opened(result.catalog, result.problems, base_dir=tmp_path, today=TODAY)
    return result, incremental


def both(
    incremental: IncrementalCheck, catalog: Catalog, base_dir: Path, today: dt.date = TODAY
) -> tuple[list[Problem], list[Problem]]:
    """What the incremental check finds, and what the whole check finds."""
    found = incremental(catalog, base_dir=base_dir, today=today)
    return found, check(catalog, base_dir=base_dir, today=today)


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the techniques read from the dump from now on."""
    check_module = importlib.import_module("massage_explorer.core.editing.check")
    read: list[str] = []
    real = check_module._read_part

    def counted(technique: Technique, *args: object) -> object:
        read.append(technique.id)
        return real(technique, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "_read_part", counted)
    return read


def test_the_file_as_opened_has_problems_the_dump_does_not(tmp_path: Path) -> None:
    result, _ = opened(tmp_path)
    assert result.catalog is not None
    in_file = {(p.location, p.text) for p in result.problems}
    dumped = check(result.catalog, base_dir=tmp_path, today=TODAY)
    assert {(p.location, p.text) for p in dumped} < in_file  # the caution with no level
    assert {p.line for p in result.problems} != {p.line for p in dumped}


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_after_opening_check_the_same_as_the_whole_check(tmp_path: Path, seed: int) -> None:
    result, incremental = opened(tmp_path)
    catalog = result.catalog
    assert catalog is not None
    found, expected = both(incremental, catalog, tmp_path)
    assert found == expected
    rng = random.Random(seed)
    for _ in range(50):
        catalog = random_edit(rng, catalog)
        expected = check(catalog, base_dir=tmp_path, today=TODAY)
        assert incremental(catalog, base_dir=tmp_path, today=TODAY) == expected


def test_after_opening_only_the_techniques_with_problems_in_the_file_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, incremental = opened(tmp_path)
    catalog = result.catalog
    assert catalog is not None
    read = count_reads(monkeypatch)
    found, expected = both(incremental, catalog, tmp_path)
    assert found == expected
    # Stale review, two sentences, no caution level in the file, a picture (looked for each time).
    assert sorted(read) == ["t-0", "t-2", "t-4", "t-6"]
    read.clear()
    edited = with_technique(catalog, 5, replace(catalog.techniques[5], description=f.t("1\n2\n3")))
    found, expected = both(incremental, edited, tmp_path)
    assert found == expected
    assert read == ["t-5", "t-6"]


def test_another_day_reads_everything_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, incremental = opened(tmp_path)
    catalog = result.catalog
    assert catalog is not None
    read = count_reads(monkeypatch)
    tomorrow = TODAY + dt.timedelta(days=1)
    found, expected = both(incremental, catalog, tmp_path, tomorrow)
    assert found == expected
    assert len(read) == len(catalog.techniques)


def test_a_problem_placed_nowhere_makes_every_technique_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, incremental = opened(tmp_path)
    catalog = result.catalog
    assert catalog is not None
    unplaced = [*result.problems, Problem(Severity.WARNING, "somewhere in the file", 3, 1)]
    incremental.opened(catalog, unplaced, base_dir=tmp_path, today=TODAY)
    read = count_reads(monkeypatch)
    found, expected = both(incremental, catalog, tmp_path)
    assert found == expected
    assert len(read) == len(catalog.techniques)


def test_opened_from_a_file_of_many_warnings_reads_those_its_first_ones_leave_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's reading keeps its first warnings and counts the rest: a technique whose warnings
    were all left out is no technique without problems."""
    monkeypatch.setattr(storage, "KEPT_PROBLEMS", 2)
    result, incremental = opened(tmp_path)
    catalog = result.catalog
    assert catalog is not None
    assert result.left_out == (0, 1)  # t-4's; t-0's and t-2's are kept
    assert [p.location.item for p in result.problems if p.location] == ["t-0", "t-2"]
    incremental.opened(catalog, result.problems, base_dir=tmp_path, today=TODAY, left_out=result.left_out)
    read = count_reads(monkeypatch)
    found, expected = both(incremental, catalog, tmp_path)
    assert found == expected
    assert sorted(read) == ["t-0", *(f"t-{i}" for i in range(2, 8))]  # from the last kept one's on


def test_a_measured_part_is_what_reading_it_gives() -> None:
    check_module = importlib.import_module("massage_explorer.core.editing.check")
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(3)))
    root, _ = compose(dump_head(catalog))
    read = CatalogValidator(None, TODAY).read_header(root)
    assert read is not None
    for index, technique in enumerate(catalog.techniques):
        measured = check_module._measured_part(technique, index, 40)
        assert measured == check_module._read_part(technique, index, 40, read[1], None, TODAY)


def test_a_duplicate_of_an_id_only_measured_quotes_its_line(tmp_path: Path) -> None:
    result, incremental = opened(tmp_path)
    catalog = result.catalog
    assert catalog is not None
    incremental(catalog, base_dir=tmp_path, today=TODAY)
    twice = with_technique(catalog, 7, replace(catalog.techniques[7], id="t-3"))
    found = incremental(twice, base_dir=tmp_path, today=TODAY)
    assert found == check(twice, base_dir=tmp_path, today=TODAY)
    assert any("duplicate id 't-3' (also used on line" in p.text for p in found)
