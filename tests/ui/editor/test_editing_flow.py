"""Editing by clicks and typing on the real widgets: add, fill, claim, undo, redo, save, reload."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListView

from massage_explorer.core.catalog import Evidence, Text
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.editor.list_models import ID_ROLE
from tests.ui.editor.conftest import click

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def click_row(qtbot, view: QListView, item_id: str) -> None:
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(ID_ROLE) == item_id)
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_add_fill_claim_undo_redo_save_and_reload(qtbot, editor, catalog_file) -> None:
    panel = editor.sidebar.panels["techniques"]
    form = editor.technique_form
    click_row(qtbot, panel.view, "gentle")
    click(qtbot, panel.buttons["add"])
    assert editor.document.selection.item_id == "new-technique"
    assert [t.id for t in editor.document.catalog.techniques] == ["gentle", "new-technique", "firm-one"]
    assert form.texts["name"].editors["en"].text() == "New technique"

    type_into(qtbot, form.texts["name"].editors["en"], "Reflexology")
    type_into(qtbot, form.id_edit, "reflexology")
    qtbot.keyClick(form.id_edit, Qt.Key.Key_Return)
    assert editor.document.selection.item_id == "reflexology"
    assert panel.current_id() == "reflexology"
    assert "Reflexology  ·  reflexology" in [r.text for r in panel.model.rows()]

    click(qtbot, form.claims.add_button)
    qtbot.keyClick(form.claims.evidence, Qt.Key.Key_Up)  # untested -> very low
    note = form.claims.note.editors["en"]
    note.setFocus()
    qtbot.keyClicks(note, "Some people report calmer feet.")
    technique = editor.document.catalog.technique("reflexology")
    assert technique is not None
    claim = technique.benefits[0]
    assert (claim.benefit, claim.evidence) == ("pain", Evidence.VERY_LOW)
    assert claim.note == Text.plain("Some people report calmer feet.")

    # The whole sentence is one undo step, not one per letter.
    click(qtbot, editor.undo_button)
    assert editor.document.catalog.technique("reflexology").benefits[0].note is None
    assert note.toPlainText() == ""
    click(qtbot, editor.undo_button)
    assert editor.document.catalog.technique("reflexology").benefits[0].evidence is Evidence.UNTESTED
    click(qtbot, editor.redo_button)
    click(qtbot, editor.redo_button)
    assert editor.document.catalog.technique("reflexology").benefits[0].note == claim.note
    assert note.toPlainText() == "Some people report calmer feet."

    assert editor.isWindowModified()
    click(qtbot, editor.save_button)
    assert not editor.isWindowModified()
    assert load_catalog(catalog_file).catalog == editor.document.catalog


def test_typing_is_one_undo_step_per_field_and_ctrl_z_undoes_it(qtbot, editor) -> None:
    name = editor.technique_form.texts["name"].editors["en"]
    summary = editor.technique_form.texts["summary"].editors["en"]
    stack = editor.document.stack
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, " plus")
    assert stack.count() == 1
    summary.setFocus()  # leaving the field ends the burst
    qtbot.keyClicks(summary, "More. ")
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, "!")
    assert stack.count() == 3
    assert editor.document.catalog.techniques[0].name.default == "Gentle plus!"

    editor.activateWindow()
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.document.catalog.techniques[0].name.default == "Gentle plus"
    assert name.text() == "Gentle plus"
    qtbot.keyClick(
        name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert name.text() == "Gentle plus!"


def test_list_moves_and_deletions_are_undoable(qtbot, editor, monkeypatch) -> None:
    panel = editor.sidebar.panels["techniques"]
    ids = lambda: [t.id for t in editor.document.catalog.techniques]  # noqa: E731
    click_row(qtbot, panel.view, "firm-one")
    click(qtbot, panel.buttons["up"])
    assert ids() == ["firm-one", "gentle"]
    assert not panel.buttons["up"].isEnabled()
    from tests.ui.editor.conftest import answer_box

    told = answer_box(qtbot, "Delete “Firm One”")
    click(qtbot, panel.buttons["delete"])
    assert "Delete “Firm One” from the catalog?" in told[0]
    assert ids() == ["gentle"]
    click(qtbot, editor.undo_button)
    assert ids() == ["firm-one", "gentle"]
    assert editor.document.selection.item_id == "firm-one"
    click(qtbot, editor.undo_button)
    assert ids() == ["gentle", "firm-one"]
    assert not editor.isWindowModified()


def test_duplicate_and_search(qtbot, editor) -> None:
    panel = editor.sidebar.panels["techniques"]
    click_row(qtbot, panel.view, "gentle")
    click(qtbot, panel.buttons["duplicate"])
    assert editor.document.selection.item_id == "gentle-copy"
    qtbot.keyClicks(panel.search, "firm")
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data(ID_ROLE) == "firm-one"


def test_good_for_ticks_and_range_pickers(qtbot, editor) -> None:
    form = editor.technique_form
    view = form.good_for_view
    index = form.good_for.index(1, 0)  # thinners
    form.good_for.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert editor.document.catalog.techniques[0].good_for == ("disc", "thinners")
    assert view.model() is form.good_for
    form.minutes.high.setFocus()
    qtbot.keyClick(form.minutes.high, Qt.Key.Key_Up)
    assert editor.document.catalog.techniques[0].session_minutes.high == 65
    qtbot.keyClick(form.pressure.high, Qt.Key.Key_Down)
    assert editor.document.catalog.techniques[0].pressure.high == 3
