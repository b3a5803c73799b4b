"""The clinic's red flags, edited in one box per urgency and language: one sign per line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from massage_explorer.core import editing
from massage_explorer.core.catalog import Catalog, Urgency
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.editor.field_widgets import Section, TextEditor


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def _titles() -> dict[Urgency, str]:
    return {
        Urgency.EMERGENCY: _tr("Get emergency care now (one sign per line)"),
        Urgency.SEE_DOCTOR: _tr("See a doctor before any massage (one sign per line)"),
    }


class RedFlagsDialog(QDialog):
    """Shown on every patient screen, every handout and every QR code: staff edit them here.
    Line N is the same sign in every language; `result_catalog()` after OK."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Red flags"))
        self.setAccessibleName(_tr("Red flags"))
        self.catalog = catalog
        self.editors: dict[Urgency, TextEditor] = {}
        layout = QVBoxLayout(self)
        hint = _tr("Signs that mean: stop and get help now. Line 1 is the same sign in every language.")
        for urgency, title in _titles().items():
            editor = TextEditor(title, multiline=True, parent=self)
            editor.set_languages(catalog.languages)
            lines = editing.red_flag_lines(catalog, urgency)
            editor.set_text_values(lines)
            self.editors[urgency] = editor
            layout.addWidget(Section(title, editor, hint=hint, parent=self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        for button in buttons.buttons():
            button.setMinimumSize(MIN_TARGET, MIN_TARGET)
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(960, 640)

    def result_catalog(self) -> Catalog:
        lines = {urgency: editor.values() for urgency, editor in self.editors.items()}
        return editing.with_red_flags(self.catalog, lines)
