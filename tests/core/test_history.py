"""The catalog's history: each save a version with when, who and what changed, in catalog terms."""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from massage_explorer.core import history
from massage_explorer.core.catalog import BenefitClaim, Caution, CautionLevel, Evidence, Text
from massage_explorer.core.schema.limits import MAX_BYTES
from tests import factories as f
from tests.core.helpers import umask


def _with(technique, **changes):
    return dataclasses.replace(technique, **changes)


def test_changes_are_described_in_the_catalogs_terms() -> None:
    swedish = f.technique(
        "swedish",
        name=Text.plain("Swedish massage"),
        benefits=(BenefitClaim("pain", Evidence.LOW, Text.plain("May help.")),),
        cautions=(Caution("disc", Text.plain("Tell them."), CautionLevel.ADAPT),),
    )
    old = f.catalog(swedish, f.technique("gone"))
    changed = _with(
        swedish,
        benefits=(BenefitClaim("pain", Evidence.VERY_LOW, Text.plain("Might help.")),),
        cautions=(Caution("disc", Text.plain("Tell them."), CautionLevel.AVOID),),
        description=Text.plain("New words."),
    )
    new = f.catalog(changed, f.technique("hot-stone", name=Text.plain("Hot stone massage")))
    lines = history.describe_changes(old, new)
    assert "Swedish massage › Less back pain: evidence low → very-low; note changed" in lines
    assert "Swedish massage › caution for Herniated disc: level adapt → avoid" in lines
    assert "Swedish massage › description changed" in lines
    assert "Added technique: Hot stone massage" in lines
    assert "Removed technique: Gone" in lines
    assert history.describe_changes(old, old) == [
        "No change to the catalog's content (layout or comments only)"
    ]


def test_a_huge_change_is_summed_up_within_its_bound() -> None:
    old = f.catalog(f.technique("a"))
    new = f.catalog(f.technique("a"), *(f.technique(f"t{i}") for i in range(500)))
    lines = history.describe_changes(old, new)
    assert len(lines) == history.MAX_SUMMARY_LINES
    assert lines[-1] == "… and 301 more changes"


def test_versions_are_recorded_listed_newest_first_and_read_back(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    first, second = f.catalog(f.technique("a")), f.catalog(f.technique("a"), f.technique("b"))
    one = history.record(catalog, b"# version one\n", None, first)
    two = history.record(catalog, b"# version two\n", first, second, name="Ana")
    listed = history.versions(catalog)
    assert [v.number for v in listed] == [2, 1]
    assert listed[0].summary == ("Added technique: B",) and listed[0].name == "Ana"
    assert listed[1].summary == ("First recorded version",)
    assert history.version_bytes(catalog, 1) == b"# version one\n"
    assert (one.number, two.number) == (1, 2)
    # Compressed, and beside the catalog so it travels with it on a share.
    packed = history.history_folder(catalog) / "2.yaml.gz"
    assert packed.parent == tmp_path / "techniques.yaml.history"
    assert gzip.decompress(packed.read_bytes()) == b"# version two\n"
    assert "Ana" in listed[0].headline() and listed[0].headline().startswith("#2  ")


def test_a_cap_set_on_the_history_keeps_only_the_newest(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    for n in range(5):
        history.record(catalog, f"# {n}\n".encode(), state, state)
    assert history.kept(catalog) == 0 and len(history.versions(catalog)) == 5  # all, by default
    history.set_keep(catalog, 3)
    assert [v.number for v in history.versions(catalog)] == [5, 4, 3]
    history.record(catalog, b"# 6\n", state, state)
    assert [v.number for v in history.versions(catalog)] == [6, 5, 4]
    assert sorted(p.name for p in history.history_folder(catalog).iterdir()) == sorted(
        ["keep", *(f"{n}{s}" for n in (4, 5, 6) for s in (".json", ".yaml.gz"))]
    )


def test_a_damaged_record_is_skipped_not_fatal(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    history.record(catalog, b"x", None, state)
    (history.history_folder(catalog) / "7.json").write_text("{not json")
    assert [v.number for v in history.versions(catalog)] == [1]
    assert history.record(catalog, b"y", state, state).number == 8  # never reuses a number seen


@pytest.mark.parametrize(
    "damage",
    [
        lambda packed: packed[: len(packed) // 2],  # cut short: EOFError from gzip
        lambda packed: packed[:10] + b"\xff" * 50,  # garbled: zlib.error
        lambda packed: b"not gzip at all",  # BadGzipFile
    ],
    ids=["cut-short", "garbled", "not-gzip"],
)
def test_a_damaged_saved_copy_is_one_error_that_names_the_version(tmp_path: Path, damage) -> None:
    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    history.record(catalog, b"# one\n" * 1000, None, state)
    history.record(catalog, b"# two\n" * 1000, state, state)
    packed = history.history_folder(catalog) / "2.yaml.gz"
    packed.write_bytes(damage(packed.read_bytes()))
    with pytest.raises(history.VersionUnreadable) as caught:
        history.version_bytes(catalog, 2)
    assert str(caught.value).startswith("Version #2 cannot be read: the saved copy is damaged (")
    assert caught.value.number == 2
    assert history.version_bytes(catalog, 1) == b"# one\n" * 1000  # the others are still there


def test_a_saved_copy_that_is_gone_is_the_same_error(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    history.record(catalog, b"x", None, f.catalog(f.technique("a")))
    (history.history_folder(catalog) / "1.yaml.gz").unlink()
    gone = r"^Version #1 cannot be read: its saved copy is gone"
    with pytest.raises(history.VersionUnreadable, match=gone):
        history.version_bytes(catalog, 1)


def _without_waiting(call: Callable[[], object], pipes: list[Path]) -> object:
    """`call()`, which must not wait on any of `pipes`: if it has not returned after a minute it is
    stuck opening one, so they are opened for writing to let it go and the test fails."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    if thread.is_alive():
        for pipe in pipes:
            with contextlib.suppress(OSError):
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        thread.join()
        pytest.fail(f"{call} waited on a pipe")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]


def test_a_pipe_in_the_history_folder_is_skipped_without_waiting(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    for n in range(3):
        history.record(catalog, f"# {n}\n".encode(), state, state)
    folder = history.history_folder(catalog)
    pipes = [folder / "2.json", folder / "3.yaml.gz", folder / "keep"]
    for pipe in pipes:
        pipe.unlink(missing_ok=True)
        os.mkfifo(pipe)  # opening one to read would wait for a writer for ever
    listed = _without_waiting(lambda: history.versions(catalog), pipes)
    assert [v.number for v in listed] == [3, 1]  # type: ignore[attr-defined]
    assert _without_waiting(lambda: history.kept(catalog), pipes) == 0
    with pytest.raises(history.VersionUnreadable, match=r"^Version #3 cannot be read: .*not a regular file"):
        _without_waiting(lambda: history.version_bytes(catalog, 3), pipes)


def test_a_saved_copy_that_unpacks_past_the_catalog_limit_is_refused(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    history.record(catalog, b"x", None, f.catalog(f.technique("a")))
    bomb = gzip.compress(bytes(MAX_BYTES + 1024 * 1024))  # some kilobytes that unpack past the limit
    (history.history_folder(catalog) / "1.yaml.gz").write_bytes(bomb)
    with pytest.raises(history.VersionUnreadable) as caught:
        history.version_bytes(catalog, 1)
    assert str(caught.value) == (
        f"Version #1 cannot be read: it unpacks to more than {MAX_BYTES // 2**20} MB, "
        "more than a catalog may hold"
    )


def test_an_oversized_record_is_skipped_unread(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    history.record(catalog, b"x", None, state)
    history.record(catalog, b"y", state, state)
    record = history.history_folder(catalog) / "2.json"
    fields = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({**fields, "summary": ["x" * 1000] * 3000}), encoding="utf-8")
    assert [v.number for v in history.versions(catalog)] == [1]


def test_a_saved_copy_left_without_its_record_never_blocks_the_next_save(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    history.record(catalog, b"# 1\n", None, state)
    # A save interrupted between its two files: the copy is there, its record is not.
    (history.history_folder(catalog) / "2.yaml.gz").write_bytes(gzip.compress(b"# 2\n"))
    assert [v.number for v in history.versions(catalog)] == [1]  # listed only with its record
    assert history.record(catalog, b"# 3\n", state, state).number == 3
    assert history.record(catalog, b"# 4\n", state, state).number == 4
    assert [v.number for v in history.versions(catalog)] == [4, 3, 1]
    assert history.version_bytes(catalog, 4) == b"# 4\n"


def test_a_stray_huge_number_never_stops_the_numbering(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    history.record(catalog, b"# 1\n", None, state)
    history.record(catalog, b"# 2\n", state, state)
    folder = history.history_folder(catalog)
    for stray in ("999999999.json", "999999998.yaml.gz"):
        (folder / stray).write_text("{}")
    numbers = [history.record(catalog, f"# {n}\n".encode(), state, state).number for n in (3, 4, 5)]
    assert numbers == [3, 4, 5]  # still growing with each save, never "no free version number"
    assert history.version_bytes(catalog, 5) == b"# 5\n"


def test_history_files_get_the_mode_the_umask_gives_not_0600(tmp_path: Path) -> None:
    catalog = tmp_path / "techniques.yaml"
    with umask(0o022):
        history.record(catalog, b"x", None, f.catalog(f.technique("a")))
    modes = {p.name: p.stat().st_mode & 0o777 for p in history.history_folder(catalog).iterdir()}
    assert modes == {"1.json": 0o644, "1.yaml.gz": 0o644}
