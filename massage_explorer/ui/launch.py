"""Starting the patient app as a desktop window: the QApplication, its theme and language."""

from __future__ import annotations

import gc
import linecache
import logging
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from massage_explorer.core.catalog import Catalog
from massage_explorer.ui.common.first_paint import after_first_paint
from massage_explorer.ui.common.heap import map_large_blocks
from massage_explorer.ui.common.scrolling import viewport_of
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.session import TEXT_STEPS, SessionState

if TYPE_CHECKING:
    from massage_explorer.ui.shell import MainWindow

DESKTOP_FILE_NAME = "massage-explorer"  # deploy/massage-explorer.desktop, without .desktop

log = logging.getLogger(__name__)


def prepare_application() -> QApplication:
    """The QApplication (created if needed), named and in the default theme."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Massage Explorer")
    # Wayland's app id: the desktop shows deploy/massage-explorer.desktop's name and icon for it.
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    apply_theme(app, high_contrast=False, scale=TEXT_STEPS[0])
    return app


def settle_memory() -> None:
    """Once the window is up: what exists now (Qt's classes, the screens, the catalog) lives as long
    as the app, so Python's cycle collector leaves it out of every later collection. A full
    collection otherwise walks the whole catalog (190,000 objects at 5,000 techniques, 0.17 s,
    a tap waiting meanwhile). Objects are still freed by their reference counts; only cycles among
    them would stay, and the catalog has none. Turns the collector back on if start-up paused it.

    Also lets go of the source lines PySide6 read while the app imported it (its import hook looks
    for `__feature__` in each module that imports it, by reading that module's source into
    `linecache`): about 5 MB, never used again; a traceback reads what it needs anew. From then
    on, large blocks are given back to the system when freed (heap.map_large_blocks)."""
    linecache.clearcache()
    gc.freeze()
    gc.enable()
    map_large_blocks()


def _uncovered(characters: Iterable[str]) -> list[str]:
    from massage_explorer.ui.doctor_checks import uncovered_characters  # only for a non-Latin catalog

    return uncovered_characters(characters)


def log_unshown_characters(catalog: Catalog, path: Path | None) -> None:
    """Say in the log, as `validate` does, which of the catalog's characters no installed font
    shows (patients see empty boxes), where the first is, and what to install. Called after the
    window's first paint (by run_app and the kiosk's open_kiosk), so that frame never waits for it."""
    from massage_explorer.core.font_coverage import font_warning

    problem = font_warning(catalog, _uncovered, path)
    if problem is not None:
        log.warning("%s", problem.format(str(path) if path is not None else "the catalog"))


def _watch(window: MainWindow, path: Path) -> None:
    from massage_explorer.ui.catalog_watch import PRIME_MS, CatalogWatcher

    watcher = CatalogWatcher(path, window.catalog, prime_ms=PRIME_MS, parent=window)
    watcher.reloaded.connect(window.set_catalog)


def run_app(catalog: Catalog, *, catalog_path: Path | None = None, language: str | None = None) -> int:
    """Show the patient app (a normal desktop window) until it is closed; returns the exit code."""
    from massage_explorer.ui.common.i18n import install_language
    from massage_explorer.ui.common.screen import ShellOptions
    from massage_explorer.ui.shell import MainWindow  # not for the kiosk's first frame: see kiosk.window

    app = prepare_application()
    language = language if language in catalog.languages else catalog.default_language
    install_language(app, language)  # before any widget is built: every label is in it
    state = SessionState(language)
    window = MainWindow(catalog, state, ShellOptions(catalog_path=catalog_path))
    window.startOverRequested.connect(window.reset_session)
    if catalog_path is not None:
        # Once the first cards are on screen: it starts a thread and watches the file's folder.
        after_first_paint(viewport_of(window.browse.view), partial(_watch, window, catalog_path))
    after_first_paint(viewport_of(window.browse.view), partial(log_unshown_characters, catalog, catalog_path))
    window.resize(1920, 1080)
    window.showMaximized()
    QTimer.singleShot(0, settle_memory)
    status: int = app.exec()
    return status
