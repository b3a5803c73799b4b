"""Inline validation from the catalog's own validator: at the field, in the list, and at Save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.editor.conftest import click

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def clear(qtbot, edit) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)


def test_an_error_shows_at_its_field_and_blocks_save_with_the_reason(qtbot, editor) -> None:
    form = editor.technique_form
    assert editor.save_button.isEnabled()
    clear(qtbot, form.texts["name"].editors["en"])
    qtbot.waitUntil(lambda: not editor.save_button.isEnabled(), timeout=2000)  # after the debounce
    assert editor.save_reason.text() == "Fix 1 error before saving"
    section = form.sections["name"]
    assert section.message.isVisible()
    assert section.message.text() == "⚠ Error: is empty; write the text or remove the field"
    assert section.title_label.text().endswith("⚠")
    assert not form.sections["summary"].message.isVisible()
    assert editor.problems_panel.heading.text() == "Problems: 1 error, 0 warnings"
    assert editor.save() is False  # Ctrl+S cannot get round the disabled button

    qtbot.keyClicks(form.texts["name"].editors["en"], "Gentle")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=2000)
    assert editor.save_reason.text() == ""
    assert not section.message.isVisible()


def test_warnings_are_shown_but_saving_is_allowed(qtbot, editor) -> None:
    summary = editor.technique_form.texts["summary"].editors["en"]
    summary.setFocus()
    qtbot.keyClick(summary, Qt.Key.Key_End)
    qtbot.keyClicks(summary, " And a second sentence.")
    qtbot.waitUntil(lambda: bool(editor.save_reason.text()), timeout=2000)
    assert editor.save_button.isEnabled()
    assert editor.save_reason.text() == "1 warning; saving is allowed"
    assert (
        editor.technique_form.sections["summary"].message.text()
        == "⚠ Warning, English (en): should be one sentence"
    )


def test_clicking_a_problem_opens_its_technique_and_focuses_the_field(qtbot, editor) -> None:
    form = editor.technique_form
    clear(qtbot, form.texts["description"].editors["en"])
    # Choose the other technique, then follow the problem back to the first one.
    editor._select("techniques", "firm-one")
    editor.run_check()
    view = editor.problems_panel.view
    assert view.model().rowCount() == 1
    assert view.model().index(0, 0).data().startswith("⚠ Error: technique 'gentle', description")
    rect = view.visualRect(view.model().index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.document.selection.item_id == "gentle"
    assert editor.sidebar.panels["techniques"].current_id() == "gentle"
    assert form.texts["description"].editors["en"].hasFocus()
    assert form.sections["description"].message.isVisible()


def test_a_problem_in_a_claim_opens_that_claim(qtbot, editor) -> None:
    claims = editor.technique_form.claims
    claims.select_row(1)
    click(qtbot, claims.remove_button)
    claims.select_row(0)
    click(qtbot, claims.add_button)  # calm again, untested
    claims.select_row(1)
    assert claims.current_row == 1
    # A review date in the future is an error of the claim's 'reviewed' field.
    claims.no_date.setChecked(False)
    claims.reviewed.setMaximumDate(claims.reviewed.maximumDate().addYears(5))
    claims.reviewed.setDate(claims.reviewed.date().addYears(2))
    editor.run_check()
    assert "is in the future" in editor.technique_form.sections["benefits"].message.text()
    claims.select_row(0)
    problem = next(p for p in editor.problems if p.is_error)
    editor.open_problem(problem)
    assert claims.current_row == 1
