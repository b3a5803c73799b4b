"""Fixtures shared by every UI test."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

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


# The windows a test left behind, held from the end of its body until Qt has deleted them.
_left_open: list[QWidget] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Hold on to every window the test made, from the moment its body returns.

    A window a test made and dropped is kept alive only by a reference cycle; pytest-qt then
    processes events, and Python's cycle collector, run by whatever allocates next, could free
    the window in the middle of painting it: a crash at random (QPainter on a freed backing store,
    seen under valgrind). Held here, it lives until _each_test_starts_clean deletes it in Qt.
    """
    try:
        return (yield)
    finally:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            _left_open.extend(app.topLevelWidgets())


@pytest.fixture(autouse=True)
def _each_test_starts_clean(qapp: QApplication) -> Iterator[None]:
    """Delete each test's windows through Qt's event loop before the next test starts.

    Left to Python's garbage collector, a window was freed at an arbitrary later moment, in
    whatever Qt was doing then: painting it, or re-polishing it for the next style-sheet change,
    and that crashed (see pytest_runtest_call). Deleting every top-level widget here, in Qt, and
    then collecting Python's cycles makes that moment this one. The app itself never deletes its
    windows: the patient app and the kiosk keep one window for their whole life.
    """
    yield
    clear_theme(qapp)  # one test's text size, contrast or language never leaks into the next
    install_language(qapp, "en")
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _left_open.clear()  # deleted in Qt now: their Python halves may go
    gc.collect()  # walks only what tests made since the start: see _freeze_what_every_test_shares
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
