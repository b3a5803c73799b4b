"""Never lose work: changed-on-disk saves, the lock file, stale locks, the close guard, images."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from massage_explorer.core.catalog import Text
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.editor import dialogs
from massage_explorer.ui.editor.locking import lock_path
from tests import factories as f
from tests.ui.editor.conftest import answer_box, click, rename_first, write_catalog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

HOLD_LOCK = """
import os, sys, time
from pathlib import Path
from massage_explorer.core.editing import LockFile
lock = LockFile(Path(sys.argv[1]))
assert lock.acquire()
print("locked", flush=True)
if sys.argv[2] == "die":
    os._exit(0)  # gone without unlocking: the lock file stays behind
time.sleep(60)
"""


def hold_lock(path: Path, mode: str) -> subprocess.Popen[str]:
    """Another editor process holding the lock of catalog `path` ("hold"), or dying with it ("die")."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), mode],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


def write_lock_of(path: Path, host: str, hours_ago: float) -> None:
    """A lock file as an editor on computer `host` would have left it `hours_ago`."""
    since = dt.datetime.now().astimezone() - dt.timedelta(hours=hours_ago)
    fields = {"user": "Ana", "host": host, "pid": 4242, "since": since.isoformat(timespec="seconds")}
    lock_path(path).write_text(json.dumps(fields), encoding="utf-8")


def test_external_change_is_caught_and_saved_as_a_copy(qtbot, editor, catalog_file) -> None:
    rename_first(editor, "Mine")
    theirs = f.catalog(f.technique("theirs"))
    write_catalog(catalog_file, theirs)
    told = answer_box(qtbot, "Save as a copy", "OK")
    click(qtbot, editor.save_button)
    assert "Someone else changed techniques.yaml after you opened it" in told[0]
    assert load_catalog(catalog_file).catalog == theirs  # their work is intact
    copy = catalog_file.with_name("techniques (copy).yaml")
    assert load_catalog(copy).catalog == editor.document.catalog
    assert editor.status.text() == (
        "Your version was saved as techniques (copy).yaml; the catalog file was not changed."
    )
    assert editor.isWindowModified()  # the catalog file itself still lacks the edits


def test_external_change_then_reload_from_disk_after_confirmation(qtbot, editor, catalog_file) -> None:
    rename_first(editor, "Mine")
    theirs = f.catalog(f.technique("theirs"))
    write_catalog(catalog_file, theirs)
    answer_box(qtbot, "Reload from disk", "Reload and lose my edits")
    click(qtbot, editor.save_button)
    assert editor.document.catalog == theirs
    assert not editor.isWindowModified()
    assert editor.document.selection.item_id == "theirs"
    assert editor.technique_form.texts["name"].editors["en"].text() == "Theirs"
    rename_first(editor, "Theirs, edited")  # the new stamp lets the next save through
    click(qtbot, editor.save_button)
    assert load_catalog(catalog_file).catalog.techniques[0].name == Text.plain("Theirs, edited")


def test_a_lock_held_by_another_editor_opens_read_only(qtbot, open_editor, catalog_file) -> None:
    holder = hold_lock(catalog_file, "hold")
    try:
        editor = open_editor(catalog_file)
        assert editor.read_only
        assert editor.banner.isVisible()
        assert "being edited elsewhere" in editor.banner.text()
        assert f" on {socket.gethostname()} since " in editor.banner.text()
        assert not editor.save_button.isEnabled()
        assert editor.save_reason.text() == "Read-only: saving is off"
        assert not editor.forms.isEnabled()
        assert not editor.sidebar.panels["techniques"].buttons["add"].isVisible()
    finally:
        holder.kill()
        holder.wait()


def test_a_read_only_catalog_file_opens_read_only_and_says_so(qtbot, open_editor, catalog_file) -> None:
    before = catalog_file.read_bytes()
    catalog_file.chmod(0o444)
    editor = open_editor(catalog_file)
    assert editor.read_only and editor.banner.isVisible()
    assert editor.banner.text().startswith("Read-only: techniques.yaml is a read-only file, so nothing ")
    assert not editor.save_button.isEnabled() and not editor.take_over_button.isVisible()
    assert not editor.save() and catalog_file.read_bytes() == before


def test_a_stale_lock_from_a_dead_editor_is_recovered(qtbot, open_editor, catalog_file) -> None:
    holder = hold_lock(catalog_file, "die")
    holder.wait()
    assert lock_path(catalog_file).exists()
    editor = open_editor(catalog_file)
    assert not editor.read_only
    assert not editor.banner.isVisible()
    assert json.loads(lock_path(catalog_file).read_text())["pid"] == os.getpid()
    assert editor.status.text().startswith("Took over a stale lock: ")
    assert editor.status.text().endswith(", no longer running.")
    editor.close()
    assert not lock_path(catalog_file).exists()


@pytest.mark.parametrize("content", ["", "not a lock file at all"])
def test_an_empty_or_garbage_lock_is_taken_over(qtbot, open_editor, catalog_file, content) -> None:
    lock_path(catalog_file).write_text(content)
    editor = open_editor(catalog_file)
    assert not editor.read_only
    assert not editor.banner.isVisible()
    assert editor.status.text() == "Took over a stale lock: an empty or damaged lock file."


def test_a_lock_that_cannot_be_read_opens_read_only(qtbot, open_editor, catalog_file, monkeypatch) -> None:
    write_lock_of(catalog_file, socket.gethostname(), hours_ago=0)
    before = lock_path(catalog_file).read_bytes()
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):  # another user's lock, made 0600 by their umask
        if self == lock_path(catalog_file):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    editor = open_editor(catalog_file)
    assert editor.read_only and editor.banner.isVisible()
    assert editor.banner.text().startswith(
        f"Read-only: the lock file {lock_path(catalog_file)} is there but could not be read, "
    )
    assert not editor.take_over_button.isVisible() and not editor.save_button.isEnabled()
    monkeypatch.undo()
    assert lock_path(catalog_file).read_bytes() == before


def test_a_recent_lock_from_another_computer_opens_read_only(qtbot, open_editor, catalog_file) -> None:
    write_lock_of(catalog_file, "FRONT-DESK", hours_ago=1)
    editor = open_editor(catalog_file)
    assert editor.read_only
    assert "being edited elsewhere by Ana on FRONT-DESK since " in editor.banner.text()
    editor.close()
    assert lock_path(catalog_file).exists()  # still theirs


def test_staff_take_over_a_recent_lock_after_confirming_the_other_computer_is_off(
    qtbot, open_editor, catalog_file
) -> None:
    write_lock_of(catalog_file, "FRONT-DESK", hours_ago=1)
    editor = open_editor(catalog_file)
    assert editor.read_only and editor.take_over_button.isVisible()
    assert not editor.forms.isEnabled()
    seen = answer_box(qtbot, "Cancel")  # first staff think better of it
    click(qtbot, editor.take_over_button)
    qtbot.waitUntil(lambda: bool(seen))
    assert "Take over only if that computer is off" in seen[0]
    assert seen[0].startswith("Ana on FRONT-DESK since ")
    assert editor.read_only and json.loads(lock_path(catalog_file).read_text())["user"] == "Ana"
    seen = answer_box(qtbot, "Yes")
    click(qtbot, editor.take_over_button)
    qtbot.waitUntil(lambda: not editor.read_only)
    assert editor.forms.isEnabled() and not editor.banner_row.isVisible()
    assert editor.sidebar.panels["techniques"].buttons["add"].isVisible()  # adding is on again too
    assert json.loads(lock_path(catalog_file).read_text())["pid"] == os.getpid()
    assert editor.status.text().startswith("Took over a stale lock: Ana on FRONT-DESK since ")
    rename_first(editor, "Taken over")
    editor.run_check()
    assert editor.save_button.isEnabled()  # and saves, as the lock's holder now


def test_a_save_after_another_computer_took_over_is_refused_and_kept_as_a_copy(
    qtbot, editor, catalog_file
) -> None:
    before = catalog_file.read_bytes()
    rename_first(editor, "Mine")
    write_lock_of(catalog_file, "FRONT-DESK", hours_ago=0)  # staff there said this one was off
    told = answer_box(qtbot, "Save as a copy", "OK")
    click(qtbot, editor.save_button)
    assert told[0].startswith("Someone else took over editing techniques.yaml after you opened it")
    assert catalog_file.read_bytes() == before  # nothing saved over theirs
    copy = catalog_file.with_name("techniques (copy).yaml")
    assert load_catalog(copy).catalog == editor.document.catalog  # the edits are kept
    # From now on this editor only looks, and says who has the catalog, as when opened so.
    assert editor.read_only and editor.banner.isVisible()
    assert "being edited elsewhere by Ana on FRONT-DESK" in editor.banner.text()
    assert editor.take_over_button.isVisible() and not editor.save_button.isEnabled()
    assert not editor.forms.isEnabled()
    assert not editor.sidebar.panels["techniques"].buttons["add"].isVisible()
    assert json.loads(lock_path(catalog_file).read_text())["host"] == "FRONT-DESK"  # still theirs


def test_a_second_window_saving_past_a_deleted_lock_loses_neither_save(
    qtbot, open_editor, catalog_file
) -> None:
    first = open_editor(catalog_file)
    assert open_editor(catalog_file).read_only  # the lock keeps a second window to looking...
    rename_first(first, "First's edit")
    lock_path(catalog_file).unlink()  # ...until someone deletes the lock file by hand
    second = open_editor(catalog_file)
    assert not second.read_only
    rename_first(second, "Second's edit")
    click(qtbot, second.save_button)
    qtbot.waitUntil(lambda: not second.isWindowModified(), timeout=10_000)
    told = answer_box(qtbot, "Save as a copy", "OK")
    click(qtbot, first.save_button)
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10_000)
    # Told what happened, on this computer: not that another computer took the catalog over.
    assert told[0].startswith("Someone else took over editing techniques.yaml after you opened it. ")
    assert "another computer" not in told[0]
    assert load_catalog(catalog_file).catalog.techniques[0].name == Text.plain("Second's edit")
    copy = catalog_file.with_name("techniques (copy).yaml")
    assert load_catalog(copy).catalog.techniques[0].name == Text.plain("First's edit")
    assert first.isWindowModified()  # the catalog file itself still lacks the first's edits


def test_a_lock_held_on_this_computer_offers_no_take_over(qtbot, open_editor, catalog_file) -> None:
    holder = hold_lock(catalog_file, "hold")
    try:
        editor = open_editor(catalog_file)
        assert editor.read_only and not editor.take_over_button.isVisible()
    finally:
        holder.kill()
        holder.wait()


def test_an_old_lock_from_another_computer_is_taken_over(qtbot, open_editor, catalog_file) -> None:
    write_lock_of(catalog_file, "FRONT-DESK", hours_ago=13)
    editor = open_editor(catalog_file)
    assert not editor.read_only
    assert editor.status.text().startswith("Took over a stale lock: Ana on FRONT-DESK since ")
    assert editor.status.text().endswith(", older than 12 hours.")


LEFTOVERS = (".techniques.yaml.k3j_x9a2.tmp", ".techniques.yaml.bak.tmp")


def test_opening_removes_temporaries_a_killed_save_left(qtbot, open_editor, catalog_file) -> None:
    for name in LEFTOVERS:
        catalog_file.with_name(name).write_text("half a save")
    catalog_file.with_name(".other.yaml.k3j_x9a2.tmp").write_text("not ours")
    open_editor(catalog_file)
    assert not [name for name in LEFTOVERS if catalog_file.with_name(name).exists()]
    assert catalog_file.with_name(".other.yaml.k3j_x9a2.tmp").exists()


def test_a_read_only_editor_leaves_temporaries_alone(qtbot, open_editor, catalog_file) -> None:
    # The lock holder may be saving right now: its temporary file is not ours to remove.
    write_lock_of(catalog_file, "FRONT-DESK", hours_ago=1)
    for name in LEFTOVERS:
        catalog_file.with_name(name).write_text("a save in progress")
    assert open_editor(catalog_file).read_only
    assert all(catalog_file.with_name(name).exists() for name in LEFTOVERS)


def test_closing_with_unsaved_changes_asks_first(qtbot, editor, catalog_file) -> None:
    rename_first(editor, "Mine")
    answer_box(qtbot, "Cancel")
    editor.close()
    assert editor.isVisible()
    with qtbot.waitSignal(editor.closed):
        answer_box(qtbot, "Save")
        editor.close()
    assert not editor.isVisible()
    assert load_catalog(catalog_file).catalog.techniques[0].name.default == "Mine"
    assert not lock_path(catalog_file).exists()


def test_closing_and_discarding_leaves_the_file_alone(qtbot, editor, catalog_file) -> None:
    before = catalog_file.read_bytes()
    rename_first(editor, "Mine")
    with qtbot.waitSignal(editor.closed):
        answer_box(qtbot, "Discard changes")
        editor.close()
    assert catalog_file.read_bytes() == before


def test_image_must_be_inside_the_catalog_folder(qtbot, editor, catalog_file, tmp_path, monkeypatch) -> None:
    outside = tmp_path.parent / "outside.png"
    monkeypatch.setattr(dialogs, "choose_image", lambda parent, folder: outside)
    told = answer_box(qtbot, "OK")
    click(qtbot, editor.technique_form.choose_image)
    assert "outside.png is outside the catalog's folder" in told[0]
    assert editor.document.catalog.techniques[0].image is None

    (tmp_path / "images").mkdir()
    inside = tmp_path / "images" / "gentle.png"
    inside.write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setattr(dialogs, "choose_image", lambda parent, folder: inside)
    click(qtbot, editor.technique_form.choose_image)
    assert editor.document.catalog.techniques[0].image == "images/gentle.png"
    assert editor.technique_form.image_path.text() == "images/gentle.png"
    click(qtbot, editor.technique_form.no_image)
    assert editor.document.catalog.techniques[0].image is None


def test_a_file_with_errors_is_not_opened(tmp_path) -> None:
    from massage_explorer.core.problems import CatalogProblems
    from massage_explorer.ui.editor import EditorWindow

    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntechniques: [\n", encoding="utf-8")
    with pytest.raises(CatalogProblems) as caught:
        EditorWindow(bad)
    assert "bad.yaml:" in str(caught.value)
    assert not lock_path(bad).exists()


def test_a_file_of_many_mistakes_is_refused_with_the_first_twenty(tmp_path) -> None:
    # Its message is what "Cannot open" and the kiosk's staff panel show: with every one of
    # 490,000 problems it stopped the window for minutes.
    from massage_explorer.core.problems import SHOWN_PROBLEMS, CatalogProblems
    from massage_explorer.ui.editor import EditorWindow

    bad = tmp_path / "bad.yaml"
    mistakes = "".join(f"  unknown_{i}: 1\n" for i in range(300))
    bad.write_text(
        dump_catalog(f.catalog()).replace("benefits:\n", "benefits:\n" + mistakes, 1), encoding="utf-8"
    )
    with pytest.raises(CatalogProblems) as caught:
        EditorWindow(bad)
    assert len(caught.value.problems) >= 300  # all kept, for whoever lists them
    lines = str(caught.value).splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 1
    assert lines[-1] == f"{bad}: … and {len(caught.value.problems) - SHOWN_PROBLEMS} more not shown (" + (
        f"{len(caught.value.problems) - SHOWN_PROBLEMS} errors, 0 warnings); fix these first"
    )


def test_saved_file_keeps_a_backup(qtbot, editor, catalog_file) -> None:
    original = catalog_file.read_bytes()
    rename_first(editor, "Mine")
    click(qtbot, editor.save_button)
    assert catalog_file.with_name("techniques.yaml.bak").read_bytes() == original
    assert (
        replace(f.catalog().techniques[0], name=Text.plain("Mine"))
        == (load_catalog(catalog_file).catalog.techniques[0])
    )


def test_closing_with_errors_cannot_save_and_says_why(qtbot, editor, catalog_file) -> None:
    before = catalog_file.read_bytes()
    rename_first(editor, "")
    told = answer_box(qtbot, "Save", "OK")
    editor.close()
    assert told[1].strip() == "Fix 1 error before saving"
    assert editor.isVisible()
    assert catalog_file.read_bytes() == before
