"""History in the editor: each save is a version with who and what; any version comes back as a
new save; `massage-explorer history FILE` lists them."""

from __future__ import annotations

import getpass

import pytest

from massage_explorer import cli
from massage_explorer.core import history
from tests.ui.editor.conftest import answer_box, click, rename_first

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_saves_are_versions_with_who_and_what_and_any_comes_back(
    qtbot, open_editor, catalog_file, capsys
) -> None:
    original = catalog_file.read_bytes()
    editor = open_editor(catalog_file)
    editor.top.name_edit.setText("Ana García")
    rename_first(editor, "Gentle stroking")
    assert editor.save()
    listed = history.versions(catalog_file)
    assert [v.number for v in listed] == [2, 1]
    assert listed[1].summary == ("As opened in the editor", "First recorded version")
    assert history.version_bytes(catalog_file, 1) == original  # the way back to before the editor
    assert listed[0].summary == ("Gentle › name changed",)
    assert listed[0].user == getpass.getuser() and listed[0].name == "Ana García"

    # The terminal lists the same.
    assert cli.main(["history", str(catalog_file)]) == 0
    out = capsys.readouterr().out
    assert out.index("#2  ") < out.index("#1  ") and "    Gentle › name changed" in out

    # The dialog shows what changed between two versions, and restores the first.
    from massage_explorer.ui.editor.history_dialog import HistoryDialog

    dialog = HistoryDialog(catalog_file, editor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.compare()
    assert "From version #1 to version #2:" in dialog.details.toPlainText()
    assert "Gentle › name changed" in dialog.details.toPlainText()
    dialog.list.setCurrentIndex(dialog.model.index(1, 0))  # version 1
    assert "As opened in the editor" in dialog.details.toPlainText()
    dialog.restoreRequested.connect(editor.restore_version)
    click(qtbot, dialog.restore_button)
    assert catalog_file.read_bytes() == original  # byte for byte, comments and all
    assert editor.document.catalog.techniques[0].name.default == "Gentle"
    newest = history.versions(catalog_file)[0]
    assert newest.number == 3 and newest.summary[0] == "Restored version #1"
    assert "Gentle stroking" not in catalog_file.read_text() and editor.document.stack.isClean()


def test_restoring_over_unsaved_edits_asks_first(qtbot, open_editor, catalog_file) -> None:
    editor = open_editor(catalog_file)
    rename_first(editor, "Saved once")
    assert editor.save()
    rename_first(editor, "Not saved")
    seen = answer_box(qtbot, "Cancel")
    assert not editor.restore_version(1)
    assert "Restoring loses every edit" in seen[0]
    assert editor.technique_form.texts["name"].editors["en"].text() == "Not saved"


def test_history_of_a_file_never_saved_by_the_editor(tmp_path, capsys) -> None:
    catalog = tmp_path / "techniques.yaml"
    catalog.write_text("schema_version: 1\n")
    assert cli.main(["history", str(catalog)]) == 0
    assert "no saved versions yet" in capsys.readouterr().out


def test_the_cap_is_set_from_the_terminal_for_every_computer(tmp_path, capsys) -> None:
    from tests import factories as f

    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    for n in range(4):
        history.record(catalog, f"# {n}\n".encode(), state, state)
    assert cli.main(["history", str(catalog), "--keep", "2"]) == 0
    assert [v.number for v in history.versions(catalog)] == [4, 3]
    assert history.kept(catalog) == 2  # in the history's own folder: it travels with the catalog
    assert cli.main(["history", str(catalog), "--keep", "-1"]) == 2


def test_a_damaged_version_is_a_message_in_the_dialog_and_the_status(
    qtbot, open_editor, catalog_file
) -> None:
    from massage_explorer.ui.editor.history_dialog import HistoryDialog

    editor = open_editor(catalog_file)
    rename_first(editor, "Saved once")
    assert editor.save()
    packed = history.history_folder(catalog_file) / "2.yaml.gz"
    packed.write_bytes(packed.read_bytes()[: packed.stat().st_size // 2])  # cut short
    saved = catalog_file.read_bytes()

    dialog = HistoryDialog(catalog_file, editor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.compare()  # version 1 to version 2
    assert dialog.details.toPlainText().startswith("Version #2 cannot be read: the saved copy is damaged (")

    told = answer_box(qtbot, "OK")
    assert not editor.restore_version(2)
    assert told[0].startswith("Version #2 cannot be read: the saved copy is damaged (")
    assert editor.status.text().startswith("Version #2 cannot be read")
    assert catalog_file.read_bytes() == saved and not editor.busy
