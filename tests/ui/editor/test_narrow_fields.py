"""The form's pieces in a narrow room: a text's languages go one above another, labels go above
their fields, and a choice's or a check box's words wrap; none is cut or wider than its room."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.editor.field_widgets import LANGUAGE_COLUMN_PX, TextEditor
from massage_explorer.ui.editor.narrow_fields import FieldRows, WrappingCheckBox, WrappingCombo
from massage_explorer.ui.editor.red_flags_dialog import RedFlagsDialog
from massage_explorer.ui.editor.sublists import level_choices
from tests.ui.helpers import settle


def _in_column(qtbot, *widgets: QWidget, width: int) -> QWidget:
    """The widgets one above another in a window `width` wide, as a form's sections are."""
    window = QWidget()
    column = QVBoxLayout(window)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    column.addStretch(1)
    qtbot.addWidget(window)
    window.resize(width, 900)
    window.show()
    settle()
    return window


def _rows_of(text: TextEditor) -> set[int]:
    return {box.mapTo(text, QPoint(0, 0)).y() for box in text.editors.values()}


def test_a_texts_languages_are_side_by_side_where_each_has_its_width_else_one_above_another(qtbot):
    text = TextEditor("Description", multiline=True)
    text.set_languages(("en", "es"))
    window = _in_column(qtbot, text, width=2 * LANGUAGE_COLUMN_PX + 40)
    assert len(_rows_of(text)) == 1
    assert all(box.width() >= LANGUAGE_COLUMN_PX for box in text.editors.values())
    window.resize(2 * LANGUAGE_COLUMN_PX - 40, 900)
    settle()
    assert len(_rows_of(text)) == 2  # English above Spanish, each as wide as the room
    assert [box.width() for box in text.editors.values()] == [text.width()] * 2
    assert text.minimumSizeHint().width() == LANGUAGE_COLUMN_PX  # the room may narrow to one box
    window.resize(1200, 900)
    settle()
    assert len(_rows_of(text)) == 1  # and back, as the window is made wider


def test_a_dialog_sized_before_it_is_shown_gets_its_languages_side_by_side(qtbot, bundled):
    """The red flags dialog is sized from its texts' size hints before they are laid out: made
    for English above Spanish, it was 992 px tall, more than a 1024x768 screen (678 side by side)."""
    dialog = RedFlagsDialog(bundled)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert all(len(_rows_of(text)) == 1 for text in dialog.editors.values())
    assert dialog.height() < 768


def test_three_languages_go_one_above_another_sooner(qtbot):
    text = TextEditor("Name")
    text.set_languages(("en", "es", "fr"))
    window = _in_column(qtbot, text, width=2 * LANGUAGE_COLUMN_PX + 40)
    assert len(_rows_of(text)) == 3
    window.resize(3 * LANGUAGE_COLUMN_PX + 40, 900)
    settle()
    assert len(_rows_of(text)) == 1
    text.set_languages(("en", "es"))  # a language fewer: no empty column is left taking room
    settle()
    assert len(_rows_of(text)) == 1
    assert sum(box.width() for box in text.editors.values()) >= text.width() - 20


def test_labels_go_above_their_fields_where_beside_them_a_field_would_be_squeezed(qtbot):
    rows = FieldRows()
    level = WrappingCombo()
    for _, words in level_choices():
        level.addItem(words)
    field = QLineEdit()
    label = rows.add_row("Level", level)
    rows.add_row("Note", field)
    wide = label.sizeHint().width() + level.sizeHint().width() + 40
    window = _in_column(qtbot, rows, width=wide)
    assert rows.beside and label.y() == level.y()
    window.resize(level.sizeHint().width(), 900)
    settle()
    assert not rows.beside
    assert label.geometry().bottom() < level.y() and level.x() == label.x() == 0
    assert level.width() == rows.width()


def test_a_choice_narrower_than_its_words_wraps_them_and_grows_taller(qtbot):
    combo = WrappingCombo()
    combo.setMinimumHeight(MIN_TARGET)
    choices = [words for _, words in level_choices()]
    for words in choices:
        combo.addItem(words)
    combo.setCurrentIndex(1)  # "ask-doctor: only after the doctor says it is OK", the longest
    one_line = combo.sizeHint()
    window = _in_column(qtbot, combo, width=one_line.width() + 20)
    assert combo.height() == max(one_line.height(), MIN_TARGET)
    assert combo.minimumSizeHint().width() < one_line.width() // 2  # its longest word, not its line
    window.resize(one_line.width() * 2 // 3, 900)
    settle()
    assert combo.width() < one_line.width()
    assert combo.height() > one_line.height()  # two lines
    combo.grab()  # paints the words wrapped (nothing to compare against but that it paints)
    assert [combo.itemText(i) for i in range(combo.count())] == choices  # the list: each whole


def test_a_check_box_narrower_than_its_words_wraps_them_and_a_tap_on_them_ticks_it(qtbot):
    box = WrappingCheckBox("Every technique must give a caution for this condition")
    box.setMinimumHeight(MIN_TARGET)
    one_line = box.sizeHint()
    window = _in_column(qtbot, box, width=one_line.width() // 2)
    assert box.width() < one_line.width() and box.height() > one_line.height()
    assert box.height() >= MIN_TARGET
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 10, box.height() - 10))
    assert box.isChecked()
    window.resize(one_line.width() + 20, 900)
    settle()
    assert box.height() == max(one_line.height(), MIN_TARGET)
