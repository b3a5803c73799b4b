"""Fixtures for the editor tests: a catalog file in a temporary folder and an editor open on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.storage import save_catalog
from massage_explorer.ui.editor import EditorWindow
from tests import factories as f

# The offscreen platform warns that it cannot resize windows to their size hints; harmless.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def write_catalog(path: Path, catalog: Catalog | None = None) -> Path:
    save_catalog(catalog or f.catalog(), path)
    return path


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    return write_catalog(tmp_path / "techniques.yaml")


@pytest.fixture
def open_editor(qtbot) -> Iterator[Callable[[Path], EditorWindow]]:
    """Opens editors that are closed (edits discarded) at the end of the test."""
    windows: list[EditorWindow] = []

    def open_(path: Path) -> EditorWindow:
        # Not qtbot.addWidget: qtbot would close it before the edits are discarded below, and the
        # unsaved-changes question would then wait for an answer forever.
        window = EditorWindow(path)
        window.resize(1920, 1080)
        with qtbot.waitExposed(window):
            window.show()
        qtbot.waitUntil(lambda: not window.loading)  # built a step at a time once painted
        window.run_check()
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.document.stack.setClean()  # no unsaved-changes question at teardown
        window.close()
        window.deleteLater()


@pytest.fixture
def editor(open_editor, catalog_file: Path) -> EditorWindow:
    return open_editor(catalog_file)


def click(qtbot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_box(qtbot, *labels: str) -> list[str]:
    """Click the buttons labelled `labels` in the next message boxes, one each, in order.

    Returns the texts of the boxes answered, so a test can check what staff were told.
    """
    seen: list[str] = []
    pending = list(labels)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            label = pending.pop(0)
            seen.append(box.text() + "\n" + box.informativeText())
            matches = [b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == label]
            assert matches, f"no button {label!r} in {[b.text() for b in box.findChildren(QPushButton)]}"
            matches[0].click()
        if pending:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def rename_first(editor, name: str) -> None:
    """Type `name` as the chosen technique's English name."""
    edit = editor.technique_form.texts["name"].editors["en"]
    edit.selectAll()
    edit.insert(name)  # as typing would: textEdited is emitted
