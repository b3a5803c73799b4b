"""Benefits and conditions: rename an id everywhere, delete a used term only with its references."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from massage_explorer.ui.editor import dialogs
from tests.ui.editor.conftest import answer_box, click
from tests.ui.editor.test_editing_flow import click_row

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def open_tab(qtbot, editor, kind: str):
    bar = editor.sidebar.tabBar()
    index = ["techniques", "benefits", "conditions"].index(kind)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert editor.sidebar.kind() == kind
    return editor.sidebar.panels[kind]


def test_rename_id_updates_every_reference_and_says_how_many(qtbot, editor, monkeypatch) -> None:
    panel = open_tab(qtbot, editor, "benefits")
    click_row(qtbot, panel.view, "pain")
    assert editor.forms.currentWidget() is editor.term_form
    assert editor.term_form.uses.text() == "Used by 2 technique(s): Gentle, Firm One"
    monkeypatch.setattr(dialogs, "ask_new_id", lambda parent, current: "back-pain")
    click(qtbot, panel.buttons["rename"])
    catalog = editor.document.catalog
    assert [t.id for t in catalog.benefits] == ["back-pain", "sleep", "calm"]
    assert all(t.claim("back-pain") and not t.claim("pain") for t in catalog.techniques)
    assert editor.status.text() == "Renamed “pain” to “back-pain”; updated 2 in 2 technique(s)."
    assert editor.term_form.id_view.text() == "back-pain"
    click(qtbot, editor.undo_button)
    assert editor.document.catalog.benefit("pain") is not None


def test_rename_to_a_taken_id_is_refused_with_the_reason(qtbot, editor, monkeypatch) -> None:
    panel = open_tab(qtbot, editor, "conditions")
    click_row(qtbot, panel.view, "disc")
    monkeypatch.setattr(dialogs, "ask_new_id", lambda parent, current: "thinners")
    told = answer_box(qtbot, "OK")
    click(qtbot, editor.term_form.rename_button)
    assert "already has the id 'thinners'" in told[0]
    assert editor.document.stack.count() == 0


def test_delete_a_used_term_lists_where_then_cancel_or_remove(qtbot, editor) -> None:
    panel = open_tab(qtbot, editor, "conditions")
    click_row(qtbot, panel.view, "disc")
    before = editor.document.catalog
    told = answer_box(qtbot, "Cancel")
    click(qtbot, panel.buttons["delete"])
    assert "“Herniated disc” is used in 2 place(s)" in told[0]
    assert "• Gentle (gentle): good for" in told[0]
    assert "• Firm One (firm-one): good for" in told[0]
    assert editor.document.catalog == before

    answer_box(qtbot, "Remove it from those techniques too")
    click(qtbot, panel.buttons["delete"])
    catalog = editor.document.catalog
    assert [t.id for t in catalog.conditions] == ["thinners"]
    assert all(t.good_for == () for t in catalog.techniques)
    assert editor.document.selection.item_id == "thinners"
    click(qtbot, editor.undo_button)
    assert editor.document.catalog == before


def test_add_and_edit_a_term_label(qtbot, editor) -> None:
    panel = open_tab(qtbot, editor, "benefits")
    click(qtbot, panel.buttons["add"])
    assert editor.document.selection.item_id == "new-benefit"
    label = editor.term_form.label.editors["en"]
    label.setFocus()
    label.selectAll()
    qtbot.keyClicks(label, "Easier breathing")
    assert editor.document.catalog.benefit("new-benefit").label.default == "Easier breathing"
    assert "Easier breathing  ·  new-benefit" in [r.text for r in panel.model.rows()]
    assert editor.document.stack.count() == 2  # add, then one step for the whole label
