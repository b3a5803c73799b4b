"""Save runs off the window's thread: the window answers, shows progress and cannot be edited meanwhile."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from massage_explorer.ui.editor import saving
from tests.ui.editor.conftest import answer_box, rename_first
from tests.ui.helpers import HeldOnItsThread

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_save_writes_on_a_thread_with_progress_and_editing_off(editor, catalog_file, monkeypatch):
    rename_first(editor, "Renamed while saving")
    seen: dict[str, object] = {}
    release = threading.Event()
    real = saving.editing.catalog_bytes

    def held(catalog, base):
        seen["thread"] = threading.current_thread()
        release.wait(5)  # until the window has been looked at mid-save
        return real(catalog, base)

    def during() -> None:
        seen.update(
            busy=editor.busy,
            progress=editor.top.progress.isVisible(),
            forms=editor.forms.isEnabled(),
            undo=editor.undo_action.isEnabled() or editor.undo_button.isEnabled(),
            save=editor.save_button.isEnabled(),
            status=editor.status.text(),
        )
        editor.close()  # refused: the save is under way
        release.set()

    monkeypatch.setattr(saving.editing, "catalog_bytes", held)
    QTimer.singleShot(30, during)
    assert editor.save()
    assert seen["thread"] is not threading.main_thread()
    assert seen["busy"] and seen["progress"]
    assert not seen["forms"] and not seen["undo"] and not seen["save"]
    assert str(seen["status"]).startswith("Saving")
    assert editor.isVisible()
    assert "Renamed while saving" in catalog_file.read_text(encoding="utf-8")
    assert editor.document.stack.isClean() and not editor.busy
    assert not editor.top.progress.isVisible()
    assert editor.forms.isEnabled() and editor.undo_button.isEnabled()
    assert editor.status.text() == f"Saved {catalog_file.name}."


def test_a_save_that_fails_on_its_thread_says_why_and_keeps_the_edits(
    qtbot, editor, catalog_file, monkeypatch
):
    rename_first(editor, "Not written")
    before = catalog_file.read_bytes()

    def refused(data, path, stamp, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(saving.editing, "save_bytes_checked", refused)
    seen = answer_box(qtbot, "OK")
    assert not editor.save()
    assert "Permission denied" in seen[0]
    assert catalog_file.read_bytes() == before
    assert not editor.document.stack.isClean() and editor.forms.isEnabled()


def test_save_as_and_restore_write_on_a_thread_too(qtbot, open_editor, catalog_file, tmp_path, monkeypatch):
    """At 5,000 techniques each writes for seconds: the window answers, editing off meanwhile."""
    from PySide6.QtWidgets import QFileDialog

    from massage_explorer.core import editing

    editor = open_editor(catalog_file)
    rename_first(editor, "Saved once")
    assert editor.save()
    real = editing.save_bytes_checked
    seen: list[tuple[threading.Thread, bool]] = []

    def watched(data, path, stamp, **kwargs):
        seen.append((threading.current_thread(), editor.busy))
        return real(data, path, stamp, **kwargs)

    monkeypatch.setattr(editing, "save_bytes_checked", watched)
    editor.restore_version(1)  # the file as first opened, as a new save
    assert "Saved once" not in catalog_file.read_text(encoding="utf-8")
    target = tmp_path / "copy.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    assert editor.save_as() and target.exists()
    assert len(seen) == 2
    assert all(thread is not threading.main_thread() and saving for thread, saving in seen)
    assert not editor.busy and editor.forms.isEnabled() and not editor.top.progress.isVisible()


def _held_read(monkeypatch, during) -> HeldOnItsThread:
    from massage_explorer.core import editing

    return HeldOnItsThread(monkeypatch, editing, "read_for_editing", during)


def test_open_reads_the_other_file_on_a_thread_with_this_window_answering_and_off(
    qtbot, open_editor, tmp_path, monkeypatch
):
    """Open… at 5,000 techniques reads for seconds: the window says so and takes no edit meanwhile
    (it is closed after), nor a close."""
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.editor.conftest import write_catalog

    first = write_catalog(tmp_path / "first.yaml")
    second = write_catalog(tmp_path / "second.yaml")
    editor = open_editor(first)
    seen: dict[str, object] = {}

    def during() -> None:
        seen.update(
            busy=editor.busy,
            forms=editor.forms.isEnabled(),
            open=editor.top.open_button.isEnabled(),
            status=editor.status.text(),
        )
        editor.close()  # refused while the other file is read

    read = _held_read(monkeypatch, during)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(second), ""))
    editor.open_other()
    assert read.off_the_window
    assert seen == {"busy": True, "forms": False, "open": False, "status": "Opening second.yaml…"}
    other = editor.opened_other
    assert other is not None and other.document.path == second and other.isVisible()
    assert not editor.isVisible() and not editor.busy
    other.close()


def test_open_of_a_refused_file_gives_the_window_back_as_it_was(qtbot, open_editor, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.editor.conftest import write_catalog

    first = write_catalog(tmp_path / "first.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("techniques: [\n", encoding="utf-8")
    editor = open_editor(first)
    status = editor.status.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(broken), ""))
    told = answer_box(qtbot, "OK")
    editor.open_other()
    assert "broken.yaml:" in told[0]
    assert editor.opened_other is None and editor.isVisible() and not editor.busy
    assert editor.forms.isEnabled() and editor.top.open_button.isEnabled()
    assert editor.status.text() == status


def test_reload_from_disk_reads_on_a_thread_and_says_so(qtbot, editor, catalog_file, monkeypatch):
    from tests import factories as f
    from tests.ui.editor.conftest import click, write_catalog

    rename_first(editor, "Mine")
    theirs = f.catalog(f.technique("theirs"))
    write_catalog(catalog_file, theirs)
    seen: dict[str, object] = {}

    def during() -> None:
        seen.update(busy=editor.busy, forms=editor.forms.isEnabled(), status=editor.status.text())

    read = _held_read(monkeypatch, during)
    answer_box(qtbot, "Reload from disk", "Reload and lose my edits")
    click(qtbot, editor.save_button)
    assert read.off_the_window
    assert seen == {"busy": True, "forms": False, "status": f"Reading {catalog_file.name}…"}
    assert editor.document.catalog == theirs and not editor.busy and editor.forms.isEnabled()
    assert editor.status.text() == f"Reloaded {catalog_file.name} from disk."


def test_open_that_fails_unexpectedly_still_gives_the_window_back(qtbot, open_editor, tmp_path, monkeypatch):
    """A fault in the read (a bug, not a bad file) must not leave the window off for good, where
    it could not even be closed."""
    from PySide6.QtWidgets import QFileDialog

    from massage_explorer.core import editing
    from tests.ui.editor.conftest import write_catalog

    first = write_catalog(tmp_path / "first.yaml")
    second = write_catalog(tmp_path / "second.yaml")
    editor = open_editor(first)

    def faulty(path, today=None):
        raise ValueError("a fault in the read")

    monkeypatch.setattr(editing, "read_for_editing", faulty)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(second), ""))
    with pytest.raises(ValueError):
        editor.open_other()
    assert not editor.busy and editor.forms.isEnabled()
    assert editor.top.open_button.isEnabled() and not editor.top.progress.isVisible()


def test_edits_given_up_for_a_file_that_does_not_open_stay_unsaved(qtbot, open_editor, tmp_path, monkeypatch):
    """'Discard changes' for Open…, then a file that cannot be opened: the window stays with the
    edits, and they are still unsaved (closing asks), not silently marked saved."""
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.editor.conftest import write_catalog

    first = write_catalog(tmp_path / "first.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("techniques: [\n", encoding="utf-8")
    editor = open_editor(first)
    rename_first(editor, "Kept after all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(broken), ""))
    answer_box(qtbot, "Discard changes", "OK")
    editor.open_other()
    assert editor.opened_other is None and editor.isVisible()
    assert not editor.document.stack.isClean() and editor.isWindowModified()
