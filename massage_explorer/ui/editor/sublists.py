"""A technique's editable lists: a list view, Add/Remove/Move buttons and a form for the chosen entry.

Cautions and questions live here; benefit claims, which have more fields, in `claims.py`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QListView,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core import editing
from massage_explorer.core.catalog import Catalog, Caution, CautionLevel, Text
from massage_explorer.ui.common.buttons import MIN_TARGET, big_button
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.editor.field_widgets import TextEditor
from massage_explorer.ui.editor.list_models import Row, RowsModel
from massage_explorer.ui.editor.narrow_fields import FieldRows, WrappingCombo

ROWS_SHOWN = 4
ENTRY_INDENT_PX = 11  # the entry form's 3 px border and 8 px of padding (look.py)


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def term_combo(accessible_name: str, parent: QWidget | None = None) -> QComboBox:
    combo = WrappingCombo(parent)
    combo.setAccessibleName(accessible_name)
    combo.setMinimumHeight(MIN_TARGET)
    return combo


def fill_terms(combo: QComboBox, terms: list[tuple[str, str]], current: str) -> None:
    """(id, label) choices, `current` selected; an unknown id stays visible so it can be fixed."""
    choices = list(terms)
    if current and current not in {term_id for term_id, _ in choices}:
        choices.append((current, _tr("{id} (not defined)").format(id=current)))
    was = combo.blockSignals(True)
    if [combo.itemData(i) for i in range(combo.count())] != [c[0] for c in choices] or [
        combo.itemText(i) for i in range(combo.count())
    ] != [f"{label} ({term_id})" for term_id, label in choices]:
        combo.clear()
        for term_id, label in choices:
            combo.addItem(f"{label} ({term_id})", term_id)
    combo.setCurrentIndex(combo.findData(current))
    combo.blockSignals(was)


class ItemList(QWidget):
    """A list of a technique's entries with Add, Remove, Move up, Move down and the entry's form.

    `changed(items, undo text, merge key)` carries the whole new tuple; the form turns it into a
    new technique. Subclasses say how an entry is shown, created and edited.
    """

    changed = Signal(object, str, object)

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self.items: tuple[Any, ...] = ()
        self.catalog: Catalog | None = None
        self.current_row = -1
        self.model = RowsModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(_tr("{noun} list").format(noun=noun))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(False)
        self.view.setProperty("role", "editorList")
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.add_button = big_button(_tr("Add"), _tr("Add {noun}").format(noun=noun), self)
        self.remove_button = big_button(_tr("Remove"), _tr("Remove {noun}").format(noun=noun), self)
        self.up_button = big_button(_tr("Move up"), _tr("Move {noun} up").format(noun=noun), self)
        self.down_button = big_button(_tr("Move down"), _tr("Move {noun} down").format(noun=noun), self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        # Onto a second line where the form is narrow (1024x768), each label whole.
        buttons = FlowLayout(spacing=8)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        self.empty_label = plain_label(_tr("None yet."), self, role="muted")
        self.detail = QWidget(self)
        self.detail.setObjectName("entryForm")
        # The chosen entry's fields, past the entry form's border and padding (a style sheet's
        # padding does not move a plain widget's children: they were drawn over its border).
        self.detail_column = QVBoxLayout(self.detail)
        self.detail_column.setContentsMargins(ENTRY_INDENT_PX, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addWidget(self.detail)

    def set_items(self, items: tuple[Any, ...], catalog: Catalog) -> None:
        self.items, self.catalog = items, catalog
        self.model.set_rows([Row(str(i), self.describe(item)) for i, item in enumerate(items)])
        rows = max(1, min(len(items), ROWS_SHOWN))
        self.view.setFixedHeight(rows * max(MIN_TARGET, self.view.sizeHintForRow(0)) + 8)
        self.view.setVisible(bool(items))
        self.empty_label.setVisible(not items)
        if not items:
            self.current_row = -1
        elif not 0 <= self.current_row < len(items):
            self.current_row = 0 if self.current_row < 0 else len(items) - 1
        if self.current_row >= 0:
            index = self.model.index(self.current_row, 0)
            if self.view.currentIndex() != index:
                self.view.setCurrentIndex(index)
        self._update_buttons()
        self.detail.setVisible(self.current_row >= 0)
        if self.current_row >= 0:
            self.show_entry(self.items[self.current_row])

    def select_row(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.view.setCurrentIndex(self.model.index(row, 0))

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() != self.current_row:
            self.current_row = current.row()
            self._update_buttons()
            self.show_entry(self.items[self.current_row])

    def _update_buttons(self) -> None:
        has = 0 <= self.current_row < len(self.items)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and self.current_row > 0)
        self.down_button.setEnabled(has and self.current_row < len(self.items) - 1)

    def _add(self) -> None:
        item = self.new_item()
        if item is None:
            return
        self.current_row = len(self.items)
        self.changed.emit(editing.list_add(self.items, item), _tr("Add {noun}").format(noun=self.noun), None)

    def _remove(self) -> None:
        if 0 <= self.current_row < len(self.items):
            items = editing.list_remove(self.items, self.current_row)
            self.changed.emit(items, _tr("Remove {noun}").format(noun=self.noun), None)

    def _move(self, delta: int) -> None:
        if 0 <= self.current_row < len(self.items):
            items = editing.list_move(self.items, self.current_row, delta)
            if items is not self.items:
                self.current_row = max(0, min(len(items) - 1, self.current_row + delta))
                self.changed.emit(items, _tr("Move {noun}").format(noun=self.noun), None)

    def replace_current(self, item: Any, text: str, merge_key: object = None) -> None:
        row = self.current_row
        if 0 <= row < len(self.items) and item != self.items[row]:
            items = (*self.items[:row], item, *self.items[row + 1 :])
            self.changed.emit(items, text, None if merge_key is None else (row, merge_key))

    def set_text_in(self, current: Text | None, language: str, value: str, *, required: bool) -> Text | None:
        assert self.catalog is not None
        return editing.set_text(
            current, language, value, self.catalog.default_language,
            required=required, languages=self.catalog.languages,
        )  # fmt: skip

    # -- for subclasses ------------------------------------------------------------------------

    def describe(self, item: Any) -> str:
        raise NotImplementedError

    def new_item(self) -> Any:
        raise NotImplementedError

    def show_entry(self, item: Any) -> None:
        raise NotImplementedError


class QuestionList(ItemList):
    """questions_to_ask: patient questions, each a TEXT."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("question"), parent)
        self.text = TextEditor(_tr("Question"), parent=self.detail)
        self.text.edited.connect(self._edited)
        self.detail_column.addWidget(plain_label(_tr("The chosen question:"), self.detail, role="muted"))
        self.detail_column.addWidget(self.text)

    def describe(self, item: Text) -> str:
        return item.default or _tr("(empty)")

    def new_item(self) -> Text:
        assert self.catalog is not None
        return Text.plain("", self.catalog.default_language)

    def show_entry(self, item: Text) -> None:
        assert self.catalog is not None
        self.text.set_languages(self.catalog.languages)
        self.text.set_text(item)

    def _edited(self, language: str, value: str) -> None:
        current = self.items[self.current_row]
        new = self.set_text_in(current, language, value, required=True)
        self.replace_current(new, _tr("Edit question"), ("text", language))


def level_choices() -> list[tuple[CautionLevel, str]]:
    """Each caution level with what it tells the patient, most serious first."""
    return [
        (CautionLevel.AVOID, _tr("avoid: do not book this massage with it")),
        (CautionLevel.ASK_DOCTOR, _tr("ask-doctor: only after the doctor says it is OK")),
        (CautionLevel.ADAPT, _tr("adapt: tell the therapist; it can be adjusted")),
    ]


class CautionList(ItemList):
    """cautions: a condition, how serious it is, and the advice for people who have it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("caution"), parent)
        self.condition = term_combo(_tr("Caution: condition"), self.detail)
        self.condition.activated.connect(self._condition_chosen)
        self.level = term_combo(_tr("Caution: level"), self.detail)
        for level, words in level_choices():
            self.level.addItem(words, level.value)
        self.level.activated.connect(self._level_chosen)
        self.note = TextEditor(_tr("Caution: advice"), multiline=True, parent=self.detail)
        self.note.edited.connect(self._note_edited)
        rows = FieldRows(self.detail)
        for title, field in ((_tr("Condition"), self.condition), (_tr("Level"), self.level),
                             (_tr("Advice"), self.note)):  # fmt: skip
            rows.add_row(title, field)
        self.detail_column.addWidget(rows)

    def describe(self, item: Caution) -> str:
        assert self.catalog is not None
        term = self.catalog.condition(item.condition)
        label = f"{term.label.default if term else item.condition} [{item.level.value}]"
        return f"{label}: {item.note.default}" if item.note.default else label

    def new_item(self) -> Caution | None:
        assert self.catalog is not None
        if not self.catalog.conditions:
            return None
        return Caution(self.catalog.conditions[0].id, Text.plain("", self.catalog.default_language))

    def show_entry(self, item: Caution) -> None:
        assert self.catalog is not None
        fill_terms(self.condition, [(t.id, t.label.default) for t in self.catalog.conditions], item.condition)
        was = self.level.blockSignals(True)
        self.level.setCurrentIndex(self.level.findData(item.level.value))
        self.level.blockSignals(was)
        self.note.set_languages(self.catalog.languages)
        self.note.set_text(item.note)

    def _condition_chosen(self, index: int) -> None:
        current: Caution = self.items[self.current_row]
        new = Caution(str(self.condition.itemData(index)), current.note, current.level)
        self.replace_current(new, _tr("Change caution condition"))

    def _level_chosen(self, index: int) -> None:
        current: Caution = self.items[self.current_row]
        new = Caution(current.condition, current.note, CautionLevel(str(self.level.itemData(index))))
        self.replace_current(new, _tr("Change caution level"))

    def _note_edited(self, language: str, value: str) -> None:
        current: Caution = self.items[self.current_row]
        note = self.set_text_in(current.note, language, value, required=True)
        assert note is not None
        self.replace_current(
            Caution(current.condition, note, current.level), _tr("Edit caution"), ("note", language)
        )
