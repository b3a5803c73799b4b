"""The benefit claims of a technique: benefit, evidence grade, note, sources and review date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QWidget

from massage_explorer.core.catalog import BenefitClaim, Evidence, Text
from massage_explorer.core.present import Words
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.editor.field_widgets import TextEditor, route_undo_keys, text_area
from massage_explorer.ui.editor.narrow_fields import FieldRows
from massage_explorer.ui.editor.sublists import ItemList, fill_terms, term_combo

GRADE_WORDS = {
    Evidence.HIGH: "High",
    Evidence.MODERATE: "Moderate",
    Evidence.LOW: "Low",
    Evidence.VERY_LOW: "Very low",
    Evidence.UNTESTED: "Untested",
}

_WORDS = Words()  # the staff editor is in English


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def evidence_combo(accessible_name: str, parent: QWidget | None = None) -> QComboBox:
    combo = term_combo(accessible_name, parent)
    for grade, word in GRADE_WORDS.items():
        combo.addItem(f"{_tr(word)} ({grade.value})", grade.value)
    return combo


class ClaimList(ItemList):
    """benefits: what the technique may help with and how sure the research is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("benefit claim"), parent)
        self.benefit = term_combo(_tr("Claim: benefit"), self.detail)
        self.benefit.activated.connect(self._benefit_chosen)
        self.evidence = evidence_combo(_tr("Claim: evidence grade"), self.detail)
        self.evidence.activated.connect(self._evidence_chosen)
        self.note = TextEditor(_tr("Claim: note"), multiline=True, parent=self.detail)
        self.note.edited.connect(self._note_edited)
        self.sources = text_area(_tr("Claim: sources, one per line"), self.detail)
        self.sources.textChanged.connect(self._sources_edited)
        self.reviewed = QDateEdit(self.detail)
        self.reviewed.setAccessibleName(_tr("Claim: evidence reviewed on"))
        self.reviewed.setDisplayFormat("yyyy-MM-dd")
        self.reviewed.setCalendarPopup(True)
        self.reviewed.setMinimumHeight(MIN_TARGET)
        self.reviewed.setMaximumDate(QDate.currentDate())
        route_undo_keys(self.reviewed)
        self.reviewed.dateChanged.connect(self._date_edited)
        self.no_date = QCheckBox(_tr("No date"), self.detail)
        self.no_date.setAccessibleName(_tr("Claim: no review date"))
        self.no_date.setMinimumHeight(MIN_TARGET)
        self.no_date.toggled.connect(self._no_date_toggled)
        date = QWidget(self.detail)
        date_row = QHBoxLayout(date)
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.reviewed)
        date_row.addWidget(self.no_date)
        date_row.addStretch(1)

        rows = FieldRows(self.detail)
        for title, widget in (
            (_tr("Benefit"), self.benefit),
            (_tr("Evidence"), self.evidence),
            (_tr("Note"), self.note),
            (_tr("Sources (one per line)"), self.sources),
            (_tr("Reviewed on"), date),
        ):
            rows.add_row(title, widget)
        self.detail_column.addWidget(rows)

    def _claim(self) -> BenefitClaim:
        claim: BenefitClaim = self.items[self.current_row]
        return claim

    def describe(self, item: BenefitClaim) -> str:
        assert self.catalog is not None
        term = self.catalog.benefit(item.benefit)
        label = term.label.default if term else item.benefit
        return f"{label}: {_WORDS.evidence(item.evidence)}"

    def new_item(self) -> BenefitClaim | None:
        assert self.catalog is not None
        claimed = {c.benefit for c in self.items}
        free = [t.id for t in self.catalog.benefits if t.id not in claimed]
        if not free:
            return None
        return BenefitClaim(free[0], Evidence.UNTESTED)

    def show_entry(self, item: BenefitClaim) -> None:
        assert self.catalog is not None
        fill_terms(self.benefit, [(t.id, t.label.default) for t in self.catalog.benefits], item.benefit)
        was = self.evidence.blockSignals(True)
        self.evidence.setCurrentIndex(self.evidence.findData(item.evidence.value))
        self.evidence.blockSignals(was)
        self.note.set_languages(self.catalog.languages)
        self.note.set_text(item.note)
        lines = "\n".join(source.default for source in item.sources)
        if self._source_lines() != [s.default for s in item.sources]:
            was = self.sources.blockSignals(True)
            self.sources.setPlainText(lines)
            self.sources.blockSignals(was)
        for widget in (self.reviewed, self.no_date):
            widget.blockSignals(True)
        self.no_date.setChecked(item.reviewed is None)
        self.reviewed.setEnabled(item.reviewed is not None)
        if item.reviewed is not None:
            self.reviewed.setDate(QDate(item.reviewed.year, item.reviewed.month, item.reviewed.day))
        for widget in (self.reviewed, self.no_date):
            widget.blockSignals(False)

    def _source_lines(self) -> list[str]:
        return [line.strip() for line in self.sources.toPlainText().splitlines() if line.strip()]

    def _benefit_chosen(self, index: int) -> None:
        new = replace(self._claim(), benefit=str(self.benefit.itemData(index)))
        self.replace_current(new, _tr("Change claimed benefit"))

    def _evidence_chosen(self, index: int) -> None:
        new = replace(self._claim(), evidence=Evidence(self.evidence.itemData(index)))
        self.replace_current(new, _tr("Change evidence grade"))

    def _note_edited(self, language: str, value: str) -> None:
        claim = self._claim()
        note = self.set_text_in(claim.note, language, value, required=False)
        self.replace_current(replace(claim, note=note), _tr("Edit claim note"), ("note", language))

    def _sources_edited(self) -> None:
        assert self.catalog is not None
        claim = self._claim()
        # A line left as it was keeps its translations; a changed line is in the default language.
        old = {source.default: source for source in claim.sources}
        language = self.catalog.default_language
        sources = tuple(old.get(line) or Text.plain(line, language) for line in self._source_lines())
        self.replace_current(replace(claim, sources=sources), _tr("Edit sources"), ("sources",))

    def _date_edited(self, date: QDate) -> None:
        reviewed = dt.date(date.year(), date.month(), date.day())
        self.replace_current(replace(self._claim(), reviewed=reviewed), _tr("Change review date"), ("date",))

    def _no_date_toggled(self, no_date: bool) -> None:
        self.reviewed.setEnabled(not no_date)
        date = self.reviewed.date()
        reviewed = None if no_date else dt.date(date.year(), date.month(), date.day())
        self.replace_current(replace(self._claim(), reviewed=reviewed), _tr("Change review date"))
