"""A file with hundreds of thousands of problems, refused or loaded with warnings, is read in
bounded memory: the first ones are kept whole, the rest counted, and everything anyone is told
about it is as before."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_explorer.cli import main
from massage_explorer.core import storage
from massage_explorer.core.doctor import check_catalog
from massage_explorer.core.editing.check import check
from massage_explorer.core.problems import KEPT_PROBLEMS, listed
from massage_explorer.core.schema.field_reader import KEEP_AGAIN_AT
from massage_explorer.core.schema.validator import TechniqueMemo
from tests.core.helpers import TODAY, VALID, read

_TECHNIQUE = VALID[VALID.index("  - id: swedish") :]
_HEAD = VALID[: VALID.index("  - id: swedish")].replace("languages: [en]", "languages: [en, es]")


def catalog(mistakes: list[int]) -> str:
    """A catalog in English and Spanish (each technique has warnings: no Spanish) of one technique
    per entry of `mistakes`, with that many unknown fields (errors) in it."""
    parts = [_HEAD]
    for i, count in enumerate(mistakes):
        fields = "".join(f"    unknown_{i}_{n}: 1\n" for n in range(count))
        technique = _TECHNIQUE.replace("id: swedish", f"id: swedish-{i}", 1)
        parts.append(technique.replace("    pressure:", fields + "    pressure:", 1))
    return "".join(parts)


def whole(text: str, monkeypatch: pytest.MonkeyPatch):
    """The problems as read keeping all of them."""
    with monkeypatch.context() as m:
        m.setattr(storage, "KEPT_PROBLEMS", 10**9)
        return read(text)


def test_a_file_of_many_mistakes_keeps_the_first_and_counts_all(monkeypatch):
    every = whole(text := catalog([1200, 3, 0, 800]), monkeypatch)
    errors, warnings = every.errors, every.warnings
    assert len(errors) == 2003 and len(every.problems) == 2003 + len(warnings)
    kept = 10
    monkeypatch.setattr(storage, "KEPT_PROBLEMS", kept)  # kept again every 200 problems
    result = read(text)
    assert result.catalog is None
    assert len(result.problems) <= 2 * kept
    # The first of each kind, in file order, and a true count of the rest.
    assert result.problems == sorted(errors[:kept] + warnings[:kept], key=lambda p: (p.line, p.column))
    assert result.left_out == (len(errors) - kept, len(warnings) - kept)
    assert result.error_count == 2003
    for limit in (1, kept):
        assert listed(result.problems, "c.yaml", limit, result.left_out) == listed(
            every.problems, "c.yaml", limit
        )
    assert listed(result.errors, "c.yaml", kept, (result.left_out[0], 0)) == listed(errors, "c.yaml", kept)


def test_validate_prints_the_true_counts_of_a_file_of_many_mistakes(tmp_path, capsys, monkeypatch):
    mistakes = KEEP_AGAIN_AT * KEPT_PROBLEMS + 500  # kept again once at least
    path = tmp_path / "c.yaml"
    # (In three techniques: one holding them all would be refused for its size alone.)
    path.write_text(catalog([mistakes - 16_000, 8_000, 8_000]), encoding="utf-8")
    results = []
    load = storage.load_catalog
    monkeypatch.setattr(storage, "load_catalog", lambda source: results.append(load(source)) or results[-1])
    assert main(["validate", str(path)]) == 1
    assert len(results[0].problems) <= 2 * KEPT_PROBLEMS  # what validate was given
    out, err = capsys.readouterr()
    assert out.strip() == f"{path}: invalid; {mistakes} errors, 27 warnings"
    lines = err.splitlines()
    assert len(lines) == 101
    assert lines[0].startswith(f"{path}:19:5: error: technique 'swedish-0': unknown field 'unknown_0_0';")
    assert lines[99].startswith(f"{path}:118:5: error: technique 'swedish-0': unknown field 'unknown_0_99';")
    assert lines[-1] == (
        f"{path}: … and {mistakes + 27 - 100:,} more not shown "
        f"({mistakes - 100:,} errors, 27 warnings); fix these first"
    )


def test_a_file_that_loads_keeps_its_first_warnings_and_counts_the_rest(monkeypatch):
    """Each technique lacks its Spanish: eight warnings, and no error."""
    every = whole(text := catalog([0] * 30), monkeypatch)
    warnings = len(every.warnings)
    assert every.ok and not every.errors and warnings > 8 * 30
    monkeypatch.setattr(storage, "KEPT_PROBLEMS", 10)  # kept again every 200 warnings
    result = read(text)
    assert result.catalog == every.catalog
    assert result.problems == every.warnings[:10]
    assert result.left_out == (0, warnings - 10)
    assert (result.error_count, result.warning_count) == (0, warnings)
    for limit in (5, 10):
        assert listed(result.problems, "c.yaml", limit, result.left_out) == listed(
            every.problems, "c.yaml", limit
        )


def test_a_file_that_loads_read_again_with_its_memo_keeps_the_same(monkeypatch):
    """The kiosk's live reload replays the warnings of techniques it read before: bounded too."""
    text = catalog([0] * 30)
    monkeypatch.setattr(storage, "KEPT_PROBLEMS", 10)
    memo = TechniqueMemo()
    first = storage.parse_catalog(text.encode(), today=TODAY, memo=memo)
    edited = text.replace("Swedish massage", "Swedish", 1)
    again = storage.parse_catalog(edited.encode(), today=TODAY, memo=memo)
    assert len(first.problems) == 10 and first.left_out[1] > 200
    assert again.problems == first.problems and again.left_out == first.left_out


def test_validate_and_doctor_count_every_warning_of_a_file_that_loads(tmp_path, capsys, monkeypatch):
    path = tmp_path / "c.yaml"
    path.write_text(catalog([0] * 30), encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(storage, "KEPT_PROBLEMS", 10**9)
        warnings = len(storage.load_catalog(path).warnings)  # (as of today: reviews grow stale)
    assert warnings > 8 * 30
    monkeypatch.setattr(storage, "KEPT_PROBLEMS", 10)
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"{path}: valid, 30 techniques; 0 errors, {warnings} warnings"
    lines = err.splitlines()
    assert len(lines) == 11  # the ten kept, and the count of the rest
    assert lines[-1] == (
        f"{path}: … and {warnings - 10} more not shown (0 errors, {warnings - 10} warnings); fix these first"
    )
    finding, loaded = check_catalog(path, named=True)
    assert loaded is not None
    assert f"30 techniques, {warnings} warnings" in finding.text


@settings(max_examples=30, deadline=None)
@given(
    mistakes=st.lists(st.integers(0, 60), min_size=1, max_size=6),
    kept=st.integers(1, 8),
)
def test_keeping_as_it_reads_keeps_what_keeping_at_the_end_would(mistakes, kept):
    text = catalog(mistakes)
    with pytest.MonkeyPatch.context() as m:
        every = whole(text, m)
        m.setattr(storage, "KEPT_PROBLEMS", kept)
        result = read(text)
    errors, warnings = every.errors, every.warnings
    assert result.ok == every.ok  # (a catalog that loads keeps its first warnings too)
    assert result.problems == sorted(errors[:kept] + warnings[:kept], key=lambda p: (p.line, p.column))
    assert result.left_out == (max(len(errors) - kept, 0), max(len(warnings) - kept, 0))


@given(st.lists(st.integers(0, 3), min_size=1, max_size=4))
@settings(max_examples=20, deadline=None)
def test_a_catalog_of_few_problems_reads_as_it_did(mistakes):
    """Under the bound, the problems are all there, in file order, as every reader had them."""
    text = catalog(mistakes)
    with pytest.MonkeyPatch.context() as m:
        every = whole(text, m)
    result = read(text)
    assert result.problems == every.problems and result.left_out == (0, 0)
    assert result.problems == sorted(result.problems, key=lambda p: (p.line, p.column))


def test_the_editors_check_keeps_every_problem_of_a_catalog_with_errors(monkeypatch):
    """The editor counts every problem and lists more as the first are fixed."""
    loaded = read(catalog([0, 0])).catalog
    assert loaded is not None
    doubled = dataclasses.replace(loaded, techniques=loaded.techniques * 3)  # duplicate ids: errors
    every = check(doubled, base_dir=None, today=TODAY)
    errors = [p for p in every if p.is_error]
    assert len(errors) == 4 and len(every) - len(errors) > 10
    monkeypatch.setattr(storage, "KEPT_PROBLEMS", 2)
    assert check(doubled, base_dir=None, today=TODAY) == every
