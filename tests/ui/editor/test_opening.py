"""Opening the editor: the window is up at once and built a step at a time after its first paint
(at 5,000 techniques, built at once, it stood still 0.2 s on a kiosk). Meanwhile it says what it
opens and nothing can change the catalog; once built, every item is listed and edits are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.editor import EditorWindow, sidebar
from massage_explorer.ui.editor.checking import save_state
from massage_explorer.ui.editor.list_models import ID_ROLE
from tests import factories as f
from tests.ui.editor.conftest import rename_first, write_catalog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

COUNT = 30


@pytest.fixture
def many(tmp_path: Path, monkeypatch) -> Path:
    """A catalog of 30 techniques, its list's lines made 4 at a time: several steps each."""
    monkeypatch.setattr(sidebar, "ROWS_PER_STEP", 4)
    techniques = [f.technique(f"technique-{number}") for number in range(COUNT)]
    return write_catalog(tmp_path / "techniques.yaml", f.catalog(*techniques))


@pytest.fixture
def opening(qtbot, many: Path):
    """An editor on `many`, shown, its building not waited for."""
    editor = EditorWindow(many)
    editor.resize(1600, 1000)
    editor.show()
    yield editor
    editor.document.stack.setClean()
    editor.close()
    editor.deleteLater()


def _listed(editor: EditorWindow) -> list[str]:
    model = editor.sidebar.panels["techniques"].model
    return [str(model.index(row, 0).data(ID_ROLE)) for row in range(model.rowCount())]


def test_while_it_opens_it_says_so_and_nothing_can_change_the_catalog(qtbot, opening):
    editor = opening
    assert editor.loading
    assert editor.status.text() == f"Opening: {COUNT} techniques…" and editor.top.progress.isVisibleTo(editor)
    assert editor.empty.text() == "Opening the catalog…" and editor.forms.currentWidget() is editor.empty
    assert not editor.save_button.isEnabled() and editor.save_reason.text() == ""
    assert not any(button.isEnabled() for button in editor.top.buttons)
    assert not editor.sidebar.isEnabled() and not editor.problems_panel.isEnabled()
    assert not editor.undo_action.isEnabled()
    editor.save()  # as Ctrl+S would, were the button not off: nothing is written
    assert editor.loading

    qtbot.waitUntil(lambda: not editor.loading)
    assert editor.save_button.isEnabled() and editor.sidebar.isEnabled() and editor.problems_panel.isEnabled()
    assert (True, editor.save_reason.text()) == save_state(editor.problems, read_only=False)
    assert editor.forms.currentWidget() is editor.technique_form
    assert editor.technique_form.technique is not None
    assert editor.technique_form.technique.id == "technique-0"
    assert editor.status.text() != f"Opening: {COUNT} techniques…"


def test_once_open_every_technique_is_listed_once_in_the_files_order(qtbot, opening):
    editor = opening
    # Made a few at a time, the list shows nothing until all are made (no half list to pick from).
    assert _listed(editor) == []
    qtbot.waitUntil(lambda: not editor.loading)
    assert _listed(editor) == [f"technique-{number}" for number in range(COUNT)]
    tabs = editor.sidebar
    assert [tabs.tabText(index) for index in range(tabs.count())] == ["Techniques", "Benefits", "Conditions"]
    assert [tabs.widget(index) for index in range(tabs.count())] == list(tabs.panels.values())
    assert tabs.currentIndex() == 0
    benefits = editor.sidebar.panels["benefits"].model
    assert benefits.rowCount() == len(editor.document.catalog.benefits)


def test_an_edit_made_as_soon_as_it_can_be_edited_is_kept_and_saved(qtbot, opening, many):
    editor = opening
    qtbot.waitUntil(lambda: not editor.loading)
    rename_first(editor, "Renamed at once")
    assert editor.document.catalog.techniques[0].name.default == "Renamed at once"
    assert editor.save()
    saved = load_catalog(many).catalog
    assert saved is not None and saved.techniques[0].name.default == "Renamed at once"
    assert len(saved.techniques) == COUNT


def test_it_can_be_closed_while_it_opens(qtbot, many):
    editor = EditorWindow(many)
    editor.show()
    assert editor.loading and editor.close()
    for _ in range(5):
        QApplication.processEvents()
    assert not editor.isVisible() and not editor.lock.held
    again = EditorWindow(many)  # the lock was let go: a new window may edit it
    qtbot.addWidget(again)
    assert not again.read_only
