"""The safety fields in the editor: a caution's level, a term's search words, the clinic's required
cautions and its red flags; each an undoable edit that saves and loads back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from massage_explorer.core.catalog import CautionLevel, Urgency
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.editor.red_flags_dialog import RedFlagsDialog
from tests.ui.editor.conftest import click
from tests.ui.editor.test_editing_flow import click_row
from tests.ui.editor.test_vocabulary import open_tab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def save(qtbot, editor, catalog_file):
    click(qtbot, editor.save_button)
    result = load_catalog(catalog_file)
    assert result.catalog is not None, [p.format("f") for p in result.problems]
    return result.catalog


def test_a_cautions_level_is_chosen_from_words_and_saved(qtbot, editor, catalog_file) -> None:
    click_row(qtbot, editor.sidebar.panels["techniques"].view, "gentle")
    cautions = editor.technique_form.cautions
    cautions.select_row(0)
    words = [cautions.level.itemText(i) for i in range(cautions.level.count())]
    assert words == [
        "avoid: do not book this massage with it",
        "ask-doctor: only after the doctor says it is OK",
        "adapt: tell the therapist; it can be adjusted",
    ]
    assert cautions.level.currentData() == "ask-doctor"  # what a caution without a level means
    cautions.level.setFocus()
    qtbot.keyClick(cautions.level, Qt.Key.Key_Up)  # ask-doctor -> avoid
    assert editor.document.catalog.technique("gentle").cautions[0].level is CautionLevel.AVOID
    saved = save(qtbot, editor, catalog_file)
    assert saved.technique("gentle").cautions[0].level is CautionLevel.AVOID
    assert "level: avoid" in catalog_file.read_text(encoding="utf-8")
    click(qtbot, editor.undo_button)
    assert editor.document.catalog.technique("gentle").cautions[0].level is CautionLevel.ASK_DOCTOR


def test_search_words_are_typed_as_a_comma_separated_line(qtbot, editor, catalog_file) -> None:
    open_tab(qtbot, editor, "conditions")
    click_row(qtbot, editor.sidebar.panels["conditions"].view, "disc")
    box = editor.term_form.search_words.editors["en"]
    box.setFocus()
    qtbot.keyClicks(box, "slipped disc, ")
    assert box.text() == "slipped disc, "  # the comma being typed stays in the box
    qtbot.keyClicks(box, "bulging disc")
    assert editor.document.catalog.condition("disc").search_words == (
        ("en", ("slipped disc", "bulging disc")),
    )
    saved = save(qtbot, editor, catalog_file)
    assert saved.condition("disc").all_search_words() == ("slipped disc", "bulging disc")


def test_a_condition_is_made_required_and_checked_at_every_technique(qtbot, editor, catalog_file) -> None:
    open_tab(qtbot, editor, "benefits")
    assert not editor.term_form.sections["required"].isVisible()  # only conditions can be required
    open_tab(qtbot, editor, "conditions")
    click_row(qtbot, editor.sidebar.panels["conditions"].view, "disc")
    assert not editor.term_form.required.isChecked()
    tick(qtbot, editor.term_form.required)
    assert editor.document.catalog.required_cautions == ("disc",)
    editor.run_check()
    # "gentle" and "firm-one" have no caution for the disc (the factory's caution is for thinners).
    warned = [p for p in editor.problems if "required_cautions" in p.text]
    assert sorted(p.location.item for p in warned) == ["firm-one", "gentle"]
    saved = save(qtbot, editor, catalog_file)
    assert saved.required_cautions == ("disc",)
    tick(qtbot, editor.term_form.required)
    assert editor.document.catalog.required_cautions == ()


def tick(qtbot, box) -> None:
    """A click on the box itself (a wide check box's middle may be past its words)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))


def answer_red_flags(qtbot, lines: dict[Urgency, str]) -> list[RedFlagsDialog]:
    """Type these English lines into the red flags dialog when it opens, then press OK."""
    seen: list[RedFlagsDialog] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RedFlagsDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog)
        for urgency, text in lines.items():
            box = dialog.editors[urgency].editors["en"]
            box.setFocus()
            box.setPlainText(text)
        dialog.accept()

    QTimer.singleShot(0, fill)
    return seen


def test_red_flags_are_edited_one_sign_per_line_as_one_undo_step(qtbot, editor, catalog_file) -> None:
    seen = answer_red_flags(
        qtbot,
        {
            Urgency.EMERGENCY: "New weakness in a leg\nLoss of bladder control",
            Urgency.SEE_DOCTOR: "Fever with back pain",
        },
    )
    click(qtbot, editor.top.red_flags_button)
    assert seen
    flags = editor.document.catalog.red_flags
    assert [(f.sign.default, f.urgency) for f in flags] == [
        ("New weakness in a leg", Urgency.EMERGENCY),
        ("Loss of bladder control", Urgency.EMERGENCY),
        ("Fever with back pain", Urgency.SEE_DOCTOR),
    ]
    saved = save(qtbot, editor, catalog_file)
    assert saved.red_flags == flags
    click(qtbot, editor.undo_button)
    assert editor.document.catalog.red_flags == ()
