"""The editor's incremental check finds what the whole check finds, problem for problem."""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import replace
from pathlib import Path

import pytest

from massage_explorer.core.catalog import BenefitClaim, Catalog, Caution, Evidence, Technique, Term, Text
from massage_explorer.core.editing import IncrementalCheck, check
from massage_explorer.core.schema.limits import MAX_SUGGESTIONS
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
    # The module, not the function `editing.check` that shares its name.
    check_module = importlib.import_module("massage_explorer.core.editing.check")
    catalog = f.catalog(*(f.technique(f"t-{i}") for i in range(20)))
    incremental = IncrementalCheck()
    incremental(catalog, base_dir=None, today=TODAY)
    read: list[str] = []
    real = check_module._read_part

    def counted(technique: Technique, *args: object) -> object:
        read.append(technique.id)
        return real(technique, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "_read_part", counted)
    edited = with_technique(catalog, 7, replace(catalog.techniques[7], description=f.t("1\n2\n3")))
    assert incremental(edited, base_dir=None, today=TODAY) == check(edited, base_dir=None, today=TODAY)
    assert read == ["t-7"]
