"""Renders the editor's main screens at 1920x1080 (set EDITOR_SHOTS=folder to keep the PNGs)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.theme import apply_theme, clear_theme
from tests.ui.editor.test_files import hold_lock
from tests.ui.helpers import settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def themed(qapp):
    font = qapp.font()
    apply_theme(qapp, high_contrast=False, scale=1.0)
    yield
    clear_theme(qapp)
    qapp.setFont(font)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("EDITOR_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalog" / "techniques.yaml"
    target.parent.mkdir()
    shutil.copy(bundled_catalog_path(), target)
    # Its pictures travel with it: they are named relative to the catalog's folder.
    pictures = Path("resources") / "pictures"
    shutil.copytree(bundled_catalog_path().parent / pictures, target.parent / pictures)
    return target


def shoot(qtbot, window, path: Path) -> None:
    window.run_check()
    window.preview.flush()
    settle()
    assert window.grab().save(str(path))


def controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QAbstractItemView, QComboBox, QAbstractSpinBox)
    # A spin box's inner line edit is spoken as the spin box itself.
    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(root)
            and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)]  # fmt: skip


def test_main_screens(qtbot, themed, open_editor, bundled_copy, shots) -> None:
    window = open_editor(bundled_copy)
    shoot(qtbot, window, shots / "1-technique.png")
    # Named and big enough: every visible control of the form and the lists.
    unnamed = [type(w).__name__ for w in controls(window) if not w.accessibleName()]
    assert unnamed == [] or set(unnamed) <= {"QTabBar"}, unnamed
    small = [w.accessibleName() for w in controls(window.forms)
             if isinstance(w, QAbstractButton) and w.height() < MIN_TARGET]  # fmt: skip
    assert small == []

    window.technique_form.focus_field("benefits")
    window.form_scroll.ensureWidgetVisible(window.technique_form.sections["cautions"], 0, 0)
    shoot(qtbot, window, shots / "2-technique-claims.png")

    name = window.technique_form.texts["name"].editors["en"]
    name.selectAll()
    name.insert("")
    summary = window.technique_form.texts["summary"].editors["en"]
    summary.setCursorPosition(len(summary.text()))
    summary.insert(" A second sentence.")
    window.form_scroll.verticalScrollBar().setValue(0)
    shoot(qtbot, window, shots / "3-problems.png")
    assert not window.save_button.isEnabled()

    window._select("benefits", window.document.catalog.benefits[0].id)
    shoot(qtbot, window, shots / "4-benefit.png")


def test_read_only_screen(qtbot, themed, open_editor, bundled_copy, shots) -> None:
    holder = hold_lock(bundled_copy, "hold")
    try:
        window = open_editor(bundled_copy)
        shoot(qtbot, window, shots / "5-read-only.png")
        assert window.banner.isVisible()
    finally:
        holder.kill()
        holder.wait()
