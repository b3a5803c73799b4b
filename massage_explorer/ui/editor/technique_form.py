"""The form for one technique, built from the catalog schema; every change is emitted as a new Technique."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core import editing
from massage_explorer.core.catalog import MAX_MINUTES, MIN_MINUTES, Catalog, Pressure, Range, Technique, Text
from massage_explorer.core.present import Words
from massage_explorer.core.schema.technique_reader import TECHNIQUE_REQUIRED, TECHNIQUE_TEXTS
from massage_explorer.ui.common.buttons import MIN_TARGET, big_button
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.editor import dialogs
from massage_explorer.ui.editor.claims import ClaimList
from massage_explorer.ui.editor.field_widgets import (
    Section,
    TextEditor,
    focus_widget_of,
    line_edit,
    route_undo_keys,
)
from massage_explorer.ui.editor.list_models import CheckListModel, Row
from massage_explorer.ui.editor.sublists import CautionList, ItemList, QuestionList

# How the form heads each of the technique's texts (a text missing here is headed by its name).
_TITLES = {
    "name": "Name",
    "summary": "Summary (one sentence, at most 200 characters)",
    "description": "Description",
    "feels_like": "What it feels like",
    "after_session": "What to expect after a session",
}
_ONE_LINE = ("name", "summary")
# (field, title, several lines?, required?) for every text of the schema, in the file's order.
TEXT_FIELDS = tuple(
    (
        key,
        _TITLES.get(key, key.replace("_", " ").capitalize()),
        key not in _ONE_LINE,
        key in TECHNIQUE_REQUIRED,
    )
    for key in TECHNIQUE_TEXTS
)

_WORDS = Words()  # the staff editor is in English
IMAGE_PATH_PX = 300  # px at least for the image file's name: on a line of its own where that is less


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


class RangePicker(QWidget):
    """Two choices, 'low to high': combo boxes for pressure, spin boxes for minutes."""

    changed = Signal(object)  # Range

    def __init__(self, name: str, *, pressure: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pressure = pressure
        self.low: QComboBox | QSpinBox
        self.high: QComboBox | QSpinBox
        if pressure:
            self.low, self.high = QComboBox(self), QComboBox(self)
            for combo in (self.low, self.high):
                for level in Pressure:
                    combo.addItem(_WORDS.pressure_word(level), level.value)
                combo.activated.connect(self._emit)
        else:
            self.low, self.high = QSpinBox(self), QSpinBox(self)
            for spin in (self.low, self.high):
                spin.setRange(MIN_MINUTES, MAX_MINUTES)
                spin.setSingleStep(5)
                spin.setSuffix(_tr(" min"))
                route_undo_keys(spin)
                spin.valueChanged.connect(self._emit)
        self.low.setAccessibleName(_tr("{name}: from").format(name=name))
        self.high.setAccessibleName(_tr("{name}: to").format(name=name))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.low, self.high):
            widget.setMinimumSize(180, MIN_TARGET)
        row.addWidget(self.low)
        row.addWidget(plain_label(_tr("to"), self))
        row.addWidget(self.high)
        row.addStretch(1)

    def _value(self, widget: QComboBox | QSpinBox) -> int:
        return int(widget.currentData()) if isinstance(widget, QComboBox) else widget.value()

    def set_range(self, value: Range) -> None:
        for widget, number in ((self.low, value.low), (self.high, value.high)):
            was = widget.blockSignals(True)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(widget.findData(number))
            else:
                widget.setValue(number)
            widget.blockSignals(was)

    def _emit(self, *_: Any) -> None:
        self.changed.emit(Range(self._value(self.low), self._value(self.high)))


class TechniqueForm(QWidget):
    """Every field of one technique; emits `edited(new technique, undo text, merge key)`."""

    edited = Signal(object, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog: Catalog | None = None
        self.technique: Technique | None = None
        self.base_dir = Path.cwd()  # the catalog's folder: images must be inside it
        self.sections: dict[str, Section] = {}
        self.id_error = ""  # a refused rename, shown until the id is fixed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 24)
        layout.setSpacing(4)
        self.heading = plain_label("", self, role="title")
        layout.addWidget(self.heading)

        self.id_edit = line_edit(_tr("Id"), self)
        self.id_edit.editingFinished.connect(self._id_finished)
        self._add(layout, "id", _tr("Id"), self.id_edit,
                  _tr("Lowercase letters, digits and single hyphens, e.g. deep-tissue. "
                      "Patients never see it; press Enter to rename."))  # fmt: skip
        self.texts: dict[str, TextEditor] = {}
        for key, title, multiline, required in TEXT_FIELDS:
            editor = TextEditor(_tr(title), multiline=multiline, parent=self)
            editor.edited.connect(lambda lang, value, k=key, r=required: self._text_edited(k, lang, value, r))
            self.texts[key] = editor
            self._add(layout, key, _tr(title), editor)
            if key == "description":
                self.pressure = RangePicker(_tr("Pressure"), pressure=True, parent=self)
                self.pressure.changed.connect(lambda r: self._set(_tr("Change pressure"), pressure=r))
                self._add(layout, "pressure", _tr("Pressure"), self.pressure)
                self.minutes = RangePicker(_tr("Session length"), pressure=False, parent=self)
                self.minutes.changed.connect(
                    lambda r: self._set(_tr("Change session length"), ("minutes",), session_minutes=r)
                )
                self._add(layout, "session_minutes", _tr("Session length (minutes)"), self.minutes)
            if key == "feels_like":
                self.claims = ClaimList(self)
                self._add(layout, "benefits", _tr("Benefits it is reported to have"), self.claims)
                self.good_for = CheckListModel(self)
                self.good_for.toggled.connect(self._good_for_toggled)
                self.good_for_view = QListView(self)
                self.good_for_view.setModel(self.good_for)
                self.good_for_view.setAccessibleName(_tr("Good for: conditions"))
                self.good_for_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
                self.good_for_view.setProperty("role", "editorList")
                self.good_for_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                self._add(layout, "good_for", _tr("Good for (tick the conditions)"), self.good_for_view)
                self.cautions = CautionList(self)
                self._add(layout, "cautions", _tr("Who should be careful"), self.cautions)
        self.questions = QuestionList(self)
        questions = _tr("Questions patients may ask their therapist")
        self._add(layout, "questions_to_ask", questions, self.questions)
        for key, items in (("benefits", self.claims), ("cautions", self.cautions),
                           ("questions_to_ask", self.questions)):  # fmt: skip
            items.changed.connect(lambda value, text, merge, k=key: self._list_changed(k, value, text, merge))

        self.image_path = QLineEdit(self)
        self.image_path.setReadOnly(True)
        self.image_path.setAccessibleName(_tr("Image file"))
        self.image_path.setMinimumHeight(MIN_TARGET)
        self.choose_image = big_button(_tr("Choose image…"), _tr("Choose image"), self)
        self.choose_image.clicked.connect(self._choose_image)
        self.no_image = big_button(_tr("No image"), parent=self)
        self.no_image.clicked.connect(lambda: self._set(_tr("Remove image"), image=None))
        self.image_path.setMinimumWidth(IMAGE_PATH_PX)  # beside the buttons at 1024x768 it had 110 px
        image_row = QWidget(self)
        row = FlowLayout(image_row, spacing=8)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.image_path)
        row.addWidget(self.choose_image)
        row.addWidget(self.no_image)
        self._add(layout, "image", _tr("Image (PNG, JPEG or SVG in the catalog's folder)"), image_row)
        layout.addStretch(1)

    def _add(self, layout: QVBoxLayout, key: str, title: str, body: QWidget, hint: str = "") -> None:
        section = Section(title, body, hint=hint, parent=self)
        self.sections[key] = section
        layout.addWidget(section)

    # -- showing a technique ---------------------------------------------------------------------

    def load(self, catalog: Catalog, technique: Technique) -> None:
        if self.technique is None or technique.id != self.technique.id:
            self.id_error = ""
            for items in (self.claims, self.cautions, self.questions):
                items.current_row = 0
        self.catalog, self.technique = catalog, technique
        self.heading.setText(technique.name.default or technique.id)
        if not self.id_edit.hasFocus() or self.id_edit.text() == technique.id:
            self.id_edit.setText(technique.id)
        for key, editor in self.texts.items():
            editor.set_languages(catalog.languages)
            editor.set_text(getattr(technique, key))
        self.pressure.set_range(technique.pressure)
        self.minutes.set_range(technique.session_minutes)
        self.claims.set_items(technique.benefits, catalog)
        self.cautions.set_items(technique.cautions, catalog)
        self.questions.set_items(technique.questions_to_ask, catalog)
        self.good_for.set_rows([Row(t.id, f"{t.label.default} ({t.id})") for t in catalog.conditions],
                               technique.good_for)  # fmt: skip
        rows = max(1, min(len(catalog.conditions), 5))
        self.good_for_view.setFixedHeight(rows * max(MIN_TARGET, self.good_for_view.sizeHintForRow(0)) + 8)
        self.image_path.setText(technique.image or _tr("(no image)"))
        self.no_image.setEnabled(technique.image is not None)

    def show_problems(self, by_field: dict[str, list[str]]) -> None:
        """Messages under the fields they are about; keys are top-level field names ('' = whole)."""
        for key, section in self.sections.items():
            messages = by_field.get(key, [])
            if key == "id" and self.id_error:
                messages = [self.id_error, *messages]
            section.set_problems(messages)

    def focus_field(self, field: str) -> QWidget | None:
        """Give keyboard focus to the control of `field` ('benefits[1].note' opens claim 1)."""
        key = field.partition(".")[0]
        name, _, index = key.partition("[")
        section = self.sections.get(name)
        if section is None:
            return None
        body = section.body
        if isinstance(body, ItemList) and index:
            body.select_row(int(index.rstrip("]")))
            body = body.detail
        target = focus_widget_of(body)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return section

    # -- emitting edits -------------------------------------------------------------------------

    def _set(self, text: str, merge: tuple[str, ...] | None = None, **changes: Any) -> None:
        if self.technique is None:
            return
        new = replace(self.technique, **changes)
        if new != self.technique:
            self.edited.emit(new, text, merge)

    def _text_edited(self, key: str, language: str, value: str, required: bool) -> None:
        if self.technique is None or self.catalog is None:
            return
        current: Text | None = getattr(self.technique, key)
        text = editing.set_text(current, language, value, self.catalog.default_language,
                                required=required, languages=self.catalog.languages)  # fmt: skip
        title = dict((k, t) for k, t, _, _ in TEXT_FIELDS)[key]
        self._set(_tr("Edit {field}").format(field=_tr(title).split(" (")[0].lower()), (key, language),
                  **{key: text})  # fmt: skip

    def _list_changed(self, key: str, items: tuple[Any, ...], text: str, merge: object) -> None:
        self._set(text, None if merge is None else (key, merge), **{key: items})  # type: ignore[arg-type]

    def _good_for_toggled(self, _condition: str, _on: bool) -> None:
        self._set(_tr("Change good for"), good_for=tuple(self.good_for.checked()))

    def _id_finished(self) -> None:
        new_id = self.id_edit.text().strip()
        if self.technique is not None and new_id != self.technique.id:
            self._set(_tr("Rename technique id"), id=new_id)

    def _choose_image(self) -> None:
        chosen = dialogs.choose_image(self, self.base_dir)
        if chosen is None:
            return
        relative = relative_image(self.base_dir, chosen)
        if relative is None:
            message = _tr(
                "{file} is outside the catalog's folder ({folder}). The kiosk only shows images "
                "kept next to the catalog: copy the image into that folder, then choose it again."
            ).format(file=chosen.name, folder=self.base_dir)
            dialogs.tell(self, _tr("Choose an image inside the catalog's folder"), message, warning=True)
            return
        self._set(_tr("Choose image"), image=relative)


def relative_image(base_dir: Path, chosen: Path) -> str | None:
    """The chosen file relative to the catalog's folder, or None when it is outside it."""
    base = base_dir.resolve()
    target = chosen.resolve()
    if not target.is_relative_to(base):
        return None
    return target.relative_to(base).as_posix()
