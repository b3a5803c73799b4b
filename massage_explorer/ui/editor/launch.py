"""`massage-explorer edit`: the editor on its own, in a QApplication of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from massage_explorer.core.editing import Opened
from massage_explorer.core.paths import copy_bundled_catalog
from massage_explorer.ui.editor.window import EditorWindow
from massage_explorer.ui.launch import prepare_application

EDITOR_DESKTOP_FILE_NAME = "massage-explorer-editor"  # deploy/massage-explorer-editor.desktop


def run_editor(path: Path, *, lock_hours: int = 12, opened: Opened | None = None) -> int:
    """Open the editor on `path` and run until it is closed; the caller has checked the file loads
    (`opened`: as it read it, so that it is not read again). `lock_hours`: after how long another
    computer's lock counts as left behind."""
    app = prepare_application()
    # Its own desktop entry (deploy/massage-explorer-editor.desktop): the editor's name and icon.
    app.setDesktopFileName(EDITOR_DESKTOP_FILE_NAME)
    window = EditorWindow(path, lock_hours=lock_hours, opened=opened)
    window.resize(1920, 1080)
    window.showMaximized()
    status: int = app.exec()
    return status


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def copy_bundled_first() -> Path | None:
    """`edit` with no file on an installed app: offer to copy the bundled catalog to a folder of
    the user's choice (edits inside the installation would be lost at the next update). Returns
    the copy, or None when staff decline, choose no folder, or the copy fails (they are told)."""
    prepare_application()
    answer = QMessageBox.question(
        None,
        _tr("Copy the catalog first?"),
        _tr(
            "The catalog that comes with the app is part of its installation: an update replaces it, "
            "and your changes would be lost. Copy it, with its pictures, to a folder of your choice "
            "and edit the copy?"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    folder = QFileDialog.getExistingDirectory(None, _tr("Folder for the clinic's catalog"), str(Path.home()))
    if not folder:
        return None
    try:
        return copy_bundled_catalog(Path(folder))
    except OSError as exc:  # FileExistsError too: a catalog is there already
        QMessageBox.warning(None, _tr("Not copied"), str(exc))
        return None
