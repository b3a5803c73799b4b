"""Fixtures shared by every UI test."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from massage_explorer.ui.common.i18n import install_language
from massage_explorer.ui.common.theme import clear_theme


@pytest.fixture(scope="session", autouse=True)
def _freeze_what_every_test_shares(qapp: QApplication) -> None:
    """Python's cycle collector leaves what exists now (Qt's and our modules, the application)
    out of every later collection, so the collection after each test costs what the test made,
    not what the whole process holds."""
    import massage_explorer.ui.shell  # noqa: F401 - the screens every test needs, loaded once

    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _each_test_starts_clean(qapp: QApplication) -> Iterator[None]:
    """Delete each test's windows through Qt's event loop before the next test starts.

    Left to Python's garbage collector, a closed window was freed at an arbitrary later moment;
    with a comparison screen inside, the next style-sheet change could then crash (seen with
    PySide6 6.11, not yet understood; seen again in this suite without the collection below).
    Deleting every top-level widget here, in Qt, and then collecting Python's cycles makes that
    moment this one. The app itself never deletes its windows: the patient app and the kiosk
    keep one window for their whole life.
    """
    yield
    clear_theme(qapp)  # one test's text size, contrast or language never leaks into the next
    install_language(qapp, "en")
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()  # walks only what tests made since the start: see _freeze_what_every_test_shares
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
