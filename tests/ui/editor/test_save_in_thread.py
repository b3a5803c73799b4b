"""Save runs off the window's thread: the window answers, shows progress and cannot be edited meanwhile."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from massage_explorer.ui.editor import saving
from tests.ui.editor.conftest import answer_box, rename_first

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
            saving=editor.saving,
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
    assert seen["saving"] and seen["progress"]
    assert not seen["forms"] and not seen["undo"] and not seen["save"]
    assert str(seen["status"]).startswith("Saving")
    assert editor.isVisible()
    assert "Renamed while saving" in catalog_file.read_text(encoding="utf-8")
    assert editor.document.stack.isClean() and not editor.saving
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
        seen.append((threading.current_thread(), editor.saving))
        return real(data, path, stamp, **kwargs)

    monkeypatch.setattr(editing, "save_bytes_checked", watched)
    editor.restore_version(1)  # the file as first opened, as a new save
    assert "Saved once" not in catalog_file.read_text(encoding="utf-8")
    target = tmp_path / "copy.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    assert editor.save_as() and target.exists()
    assert len(seen) == 2
    assert all(thread is not threading.main_thread() and saving for thread, saving in seen)
    assert not editor.saving and editor.forms.isEnabled() and not editor.top.progress.isVisible()
