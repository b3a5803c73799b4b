"""The editor's preview of what patients see."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.editor.document import TECHNIQUES, Selection
from massage_explorer.ui.editor.preview import PreviewPane


def test_a_preview_closed_before_it_restores_its_place_calls_nothing_deleted(qtbot) -> None:
    # Seen in CI: the editor opened another file in the turn after an edit was previewed, and the
    # call that restores where staff were reading ran on the old preview's deleted scroll bar.
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    pane = PreviewPane(catalog)
    # (not given to qtbot: the test deletes it)
    pane.show(catalog, Selection(TECHNIQUES, catalog.techniques[0].id))
    pane.flush()
    pane.show(catalog, Selection(TECHNIQUES, catalog.techniques[0].id))  # the same one, edited
    pane.flush()  # rebuilt: its place is restored on the next turn of the event loop
    shiboken6.delete(pane)  # closed meanwhile
    QApplication.processEvents()  # (an error raised in that call fails the test: pytest-qt)
