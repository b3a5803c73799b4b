"""Open and Save as in the editor: another catalog in this window's place; the catalog
saved to another file (with its pictures) and edited there from then on."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QFileDialog

from massage_explorer.core import history
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.editor.locking import lock_path
from tests.ui.editor.conftest import answer_box, click, rename_first, write_catalog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_save_as_writes_the_other_file_with_its_pictures_and_edits_it_from_then_on(
    qtbot, open_editor, tmp_path, monkeypatch
) -> None:
    source = tmp_path / "clinic"
    source.mkdir()
    shutil.copy(bundled_catalog_path(), source / "techniques.yaml")
    shutil.copytree(bundled_catalog_path().parent / "resources", source / "resources")
    target = tmp_path / "elsewhere" / "copy.yaml"
    target.parent.mkdir()
    editor = open_editor(source / "techniques.yaml")
    rename_first(editor, "Swedish massage, edited")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    click(qtbot, editor.top.save_as_button)
    assert editor.document.path == target and editor.document.stack.isClean()
    saved = load_catalog(target)  # the pictures came along: the copy loads where it is
    assert saved.catalog is not None and saved.catalog.techniques[0].name.default == "Swedish massage, edited"
    assert lock_path(target).exists() and not lock_path(source / "techniques.yaml").exists()
    assert "Swedish massage, edited" not in (source / "techniques.yaml").read_text(encoding="utf-8")
    assert history.versions(target)[0].summary[0].startswith("Saved as a copy of ")
    rename_first(editor, "Edited again")
    assert editor.save()
    assert "Edited again" in target.read_text(encoding="utf-8")
    assert editor.top.file_label.text() == str(target)


def test_open_asks_about_unsaved_edits_then_opens_the_other_file(
    qtbot, open_editor, tmp_path, monkeypatch
) -> None:
    first = write_catalog(tmp_path / "first.yaml")
    second = write_catalog(tmp_path / "second.yaml")
    editor = open_editor(first)
    rename_first(editor, "Unsaved")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(second), ""))
    seen = answer_box(qtbot, "Discard changes")
    click(qtbot, editor.top.open_button)
    qtbot.waitUntil(lambda: editor.opened_other is not None)
    other = editor.opened_other
    assert other is not None and other.document.path == second
    assert "not saved" in seen[0]
    assert not editor.isVisible() and not lock_path(first).exists() and lock_path(second).exists()
    assert "Unsaved" not in first.read_text(encoding="utf-8")
    other.close()


def test_a_kiosks_editor_offers_no_other_files(qtbot, catalog_file) -> None:
    from massage_explorer.ui.editor import EditorWindow

    editor = EditorWindow(catalog_file, other_files=False)
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.top.open_button.isVisible() and not editor.top.save_as_button.isVisible()


def test_save_as_from_a_read_only_file_edits_the_copy(qtbot, open_editor, catalog_file, monkeypatch) -> None:
    catalog_file.chmod(0o444)
    editor = open_editor(catalog_file)
    assert editor.read_only and not editor.sidebar.panels["techniques"].buttons["add"].isVisible()
    target = catalog_file.with_name("mine.yaml")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    click(qtbot, editor.top.save_as_button)
    assert editor.document.path == target and not editor.read_only
    assert not editor.banner_row.isVisible() and editor.forms.isEnabled()
    assert editor.sidebar.panels["techniques"].buttons["add"].isVisible()
    rename_first(editor, "Edited in the copy")
    assert editor.save() and "Edited in the copy" in target.read_text(encoding="utf-8")
