"""`massage-explorer edit`: the editor on its own, in a QApplication of its own."""

from __future__ import annotations

from pathlib import Path

from massage_explorer.ui.editor.window import EditorWindow
from massage_explorer.ui.launch import prepare_application

EDITOR_DESKTOP_FILE_NAME = "massage-explorer-editor"  # deploy/massage-explorer-editor.desktop


def run_editor(path: Path, *, lock_hours: int = 12) -> int:
    """Open the editor on `path` and run until it is closed; the caller has checked the file loads.
    `lock_hours`: after how long another computer's lock counts as left behind."""
    app = prepare_application()
    # Its own desktop entry (deploy/massage-explorer-editor.desktop): the editor's name and icon.
    app.setDesktopFileName(EDITOR_DESKTOP_FILE_NAME)
    window = EditorWindow(path, lock_hours=lock_hours)
    window.resize(1920, 1080)
    window.showMaximized()
    status: int = app.exec()
    return status
