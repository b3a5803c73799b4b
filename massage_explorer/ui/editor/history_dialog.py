"""The catalog's history in the editor: every saved version with when, who and what changed, what
changed between any two, and a way back to any of them (as a new save)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStringListModel, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core import history
from massage_explorer.core.storage import parse_catalog
from massage_explorer.ui.common.labels import plain_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


class HistoryDialog(QDialog):
    """Lists the versions of `path`, newest first; `restoreRequested` carries a version number."""

    restoreRequested = Signal(int)

    def __init__(self, path: Path, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(_tr("History of {name}").format(name=path.name))
        self.resize(1100, 800)
        self.versions = history.versions(path)
        self.list = QListView(self)
        self.list.setAccessibleName(_tr("Saved versions, newest first"))
        self.model = QStringListModel([v.headline() for v in self.versions], self)
        self.list.setModel(self.model)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_tr("What changed"))
        self.restore_button = QPushButton(_tr("Restore this version"), self)
        self.restore_button.setAccessibleDescription(
            _tr("Saves this version as the catalog again; the current one stays in the history.")
        )
        self.restore_button.setEnabled(False)
        self.restore_button.setVisible(not read_only)
        self.from_box, self.to_box = QComboBox(self), QComboBox(self)
        for box, name in ((self.from_box, _tr("From version")), (self.to_box, _tr("To version"))):
            box.setAccessibleName(name)
            for version in self.versions:
                box.addItem(f"#{version.number}", version.number)
        if len(self.versions) > 1:
            self.from_box.setCurrentIndex(1)  # the one before the newest, to the newest
        self.compare_button = QPushButton(_tr("Show what changed"), self)
        self.compare_button.setEnabled(len(self.versions) > 1)

        column = QVBoxLayout(self)
        if not self.versions:
            column.addWidget(plain_label(_tr("No saved versions yet: each save adds one."), self))
        column.addWidget(self.list, 1)
        column.addWidget(self.details, 1)
        row = QHBoxLayout()
        for words, box in ((_tr("From version"), self.from_box), (_tr("to version"), self.to_box)):
            label = plain_label(words, self)
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box)
        row.addWidget(self.compare_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        column.addLayout(row)

        self.list.selectionModel().currentChanged.connect(self._show_version)
        self.compare_button.clicked.connect(self.compare)
        self.restore_button.clicked.connect(self._restore)

    @Slot()
    def _show_version(self) -> None:
        version = self.current()
        self.restore_button.setEnabled(version is not None)
        if version is not None:
            self.details.setPlainText("\n".join([version.headline(), "", *version.summary]))

    def current(self) -> history.Version | None:
        row = self.list.currentIndex().row()
        return self.versions[row] if 0 <= row < len(self.versions) else None

    @Slot()
    def compare(self) -> None:
        """What changed from the 'from' version to the 'to' one, in the catalog's terms."""
        first, second = self.from_box.currentData(), self.to_box.currentData()
        catalogs = []
        for number in (first, second):
            try:
                result = parse_catalog(history.version_bytes(self.path, number), base_dir=self.path.parent)
            except history.VersionUnreadable as exc:
                self.details.setPlainText(str(exc))
                return
            if result.catalog is None:
                self.details.setPlainText(_tr("Version #{n} has errors today.").format(n=number))
                return
            catalogs.append(result.catalog)
        lines = history.describe_changes(catalogs[0], catalogs[1])
        heading = _tr("From version #{a} to version #{b}:").format(a=first, b=second)
        self.details.setPlainText("\n".join([heading, "", *lines]))

    @Slot()
    def _restore(self) -> None:
        version = self.current()
        if version is not None:
            self.restoreRequested.emit(version.number)
            self.accept()
