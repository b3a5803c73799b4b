"""The form for one vocabulary term (a benefit or a condition): its label, description and uses."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from massage_explorer.core import editing
from massage_explorer.core.catalog import Catalog, Term, Text
from massage_explorer.ui.common.buttons import MIN_TARGET, big_button
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.editor.document import BENEFITS
from massage_explorer.ui.editor.field_widgets import Section, TextEditor, focus_widget_of
from massage_explorer.ui.editor.narrow_fields import WrappingCheckBox


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def split_words(line: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in line.split(",") if word.strip())


def words_text(term: Term, typed: dict[str, str]) -> Text | None:
    """A term's search words as one comma-separated line per language, for editing. A line as
    typed (`typed`) is kept when it holds the same words: "sciatica, " while typing the next."""
    pairs = []
    for language, words in term.search_words:
        line = typed.get(language, "")
        pairs.append((language, line if split_words(line) == words else ", ".join(words)))
    return Text(tuple(pairs)) if pairs else None


def with_words(term: Term, language: str, line: str, languages: tuple[str, ...]) -> Term:
    """`term` with its search words in `language` taken from a comma-separated line; languages
    in the catalog's order, those without words left out."""
    words = dict(term.search_words)
    words[language] = split_words(line)
    order = [*languages, *sorted(set(words) - set(languages))]
    return replace(term, search_words=tuple((lang, words[lang]) for lang in order if words.get(lang)))


class TermForm(QWidget):
    """Label, description and search words in every language; for a condition, whether every
    technique must give a caution for it. The id is changed with Rename id (it is shared)."""

    edited = Signal(object, str, object)  # new Term, undo text, merge key
    renameRequested = Signal()
    requiredChanged = Signal(str, bool)  # condition id, whether every technique must address it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog: Catalog | None = None
        self.kind = BENEFITS
        self.term: Term | None = None
        self.sections: dict[str, Section] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 24)
        self.heading = plain_label("", self, role="title")
        layout.addWidget(self.heading)

        self.id_view = QLineEdit(self)
        self.id_view.setReadOnly(True)
        self.id_view.setAccessibleName(_tr("Id"))
        self.id_view.setMinimumHeight(MIN_TARGET)
        self.rename_button = big_button(_tr("Rename id…"), _tr("Rename id"), self)
        self.rename_button.clicked.connect(self.renameRequested)
        id_row = QWidget(self)
        row = QHBoxLayout(id_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.id_view, 1)
        row.addWidget(self.rename_button)
        self._add(layout, "id", _tr("Id"), id_row,
                  _tr("Techniques refer to it by this id; Rename id updates every one of them."))  # fmt: skip
        self.label = TextEditor(_tr("Label"), parent=self)
        self.label.edited.connect(lambda lang, value: self._text_edited("label", lang, value, True))
        self._add(layout, "label", _tr("Label"), self.label)
        self.description = TextEditor(_tr("Description"), multiline=True, parent=self)
        self.description.edited.connect(
            lambda lang, value: self._text_edited("description", lang, value, False)
        )
        self._add(layout, "description", _tr("Description (optional)"), self.description)
        self.search_words = TextEditor(_tr("Search words"), parent=self)
        self.search_words.edited.connect(self._words_edited)
        words_hint = _tr("Other words patients type for it, separated by commas: sciatica, leg pain.")
        self._add(layout, "search_words", _tr("Search words (optional)"), self.search_words, words_hint)
        self.required = WrappingCheckBox(_tr("Every technique must give a caution for this condition"), self)
        self.required.setAccessibleName(_tr("Required caution"))
        self.required.setMinimumHeight(MIN_TARGET)
        self.required.clicked.connect(self._required_clicked)
        required_hint = _tr("Check warns at each technique that has no caution for it, at any level.")
        self._add(layout, "required", _tr("Required"), self.required, required_hint)
        self.uses = plain_label("", self, role="muted")
        self.uses.setAccessibleName(_tr("Where it is used"))
        layout.addWidget(self.uses)
        layout.addStretch(1)

    def _add(self, layout: QVBoxLayout, key: str, title: str, body: QWidget, hint: str = "") -> None:
        section = Section(title, body, hint=hint, parent=self)
        self.sections[key] = section
        layout.addWidget(section)

    def load(self, catalog: Catalog, kind: str, term: Term) -> None:
        self.catalog, self.kind, self.term = catalog, kind, term
        singular = _tr("Benefit") if kind == BENEFITS else _tr("Condition")
        self.heading.setText(f"{singular}: {term.label.default or term.id}")
        self.id_view.setText(term.id)
        words = words_text(term, self.search_words.values())
        for editor, text in (
            (self.label, term.label),
            (self.description, term.description),
            (self.search_words, words),
        ):
            editor.set_languages(catalog.languages)
            editor.set_text(text)
        self.sections["required"].setVisible(kind != BENEFITS)
        self.required.setChecked(term.id in catalog.required_cautions)
        used = editing.usages(catalog, kind, term.id)  # type: ignore[arg-type]
        techniques = list(dict.fromkeys(u.technique_id for u in used))
        if not techniques:
            self.uses.setText(_tr("No technique uses it yet."))
        else:
            names = [t.name.default or t.id for t in catalog.techniques if t.id in techniques]
            self.uses.setText(
                _tr("Used by {n} technique(s): {names}").format(n=len(techniques), names=", ".join(names))
            )

    def show_problems(self, by_field: dict[str, list[str]]) -> None:
        for key, section in self.sections.items():
            section.set_problems(by_field.get(key, []))

    def focus_field(self, field: str) -> QWidget | None:
        section = self.sections.get(field.partition(".")[0].partition("[")[0])
        if section is None:
            return None
        focus_widget_of(section.body).setFocus(Qt.FocusReason.OtherFocusReason)
        return section

    def _text_edited(self, key: str, language: str, value: str, required: bool) -> None:
        if self.term is None or self.catalog is None:
            return
        current: Text | None = getattr(self.term, key)
        text = editing.set_text(current, language, value, self.catalog.default_language,
                                required=required, languages=self.catalog.languages)  # fmt: skip
        if key == "label":
            new = replace(self.term, label=text or Text.plain("", self.catalog.default_language))
        else:
            new = replace(self.term, description=text)
        if new != self.term:
            what = _tr("Edit label") if key == "label" else _tr("Edit description")
            self.edited.emit(new, what, (key, language))

    def _words_edited(self, language: str, value: str) -> None:
        if self.term is None or self.catalog is None:
            return
        new = with_words(self.term, language, value, self.catalog.languages)
        if new != self.term:
            self.edited.emit(new, _tr("Edit search words"), ("search_words", language))

    def _required_clicked(self, checked: bool) -> None:
        if self.term is not None:
            self.requiredChanged.emit(self.term.id, checked)
