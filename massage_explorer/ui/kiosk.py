"""Kiosk mode: fullscreen lockdown, welcome screen, idle reset and the staff PIN pad.

Each patient gets a brand-new explorer window and session state; starting over destroys both, so
nothing of one patient (shortlist, filters, search text, scroll positions, text size, contrast,
language) can be left for the next. Nothing about a patient is ever written to disk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from massage_explorer.catalog import Catalog
from massage_explorer.kiosk_config import KioskConfig, PinGate
from massage_explorer.ui.app import MainWindow, prepare_application
from massage_explorer.ui.idle import CountdownOverlay, IdleWatcher
from massage_explorer.ui.pinpad import LongPress, PinPad
from massage_explorer.ui.state import TEXT_STEPS, SessionState
from massage_explorer.ui.theme import apply_theme
from massage_explorer.ui.welcome import WelcomeScreen

# Events refused everywhere in kiosk mode: no context menus (text fields included), no tooltips
# or "What's this?" (information must never depend on hovering).
_REFUSED_EVENTS = frozenset({QEvent.Type.ContextMenu, QEvent.Type.ToolTip, QEvent.Type.WhatsThis})


class _Lockdown(QObject):
    """Application-wide filter that swallows the events a kiosk must not act on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() in _REFUSED_EVENTS


class KioskWindow(QMainWindow):
    """The only window on a kiosk: welcome screen, one patient session at a time, overlays."""

    sessionStarted = Signal()
    sessionEnded = Signal()

    def __init__(self, catalog: Catalog, config: KioskConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Massage Explorer"))
        self.setWindowFlags(
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.catalog = catalog
        self.config = config
        self.language = config.language if config.language in catalog.languages else catalog.default_language
        self.session: MainWindow | None = None
        self.state: SessionState | None = None
        self._may_close = False

        self.stack = QStackedWidget()
        self.welcome = WelcomeScreen()
        self.welcome.set_catalog(catalog, self.language)
        self.welcome.startRequested.connect(self.start_session)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)

        self.idle = IdleWatcher(config.idle_seconds, self)
        self.idle.idle.connect(self._on_idle)
        self.idle.activity.connect(self._on_activity)
        self.countdown = CountdownOverlay(config.countdown_seconds, self)
        self.countdown.expired.connect(self.end_session)
        self.pinpad = PinPad(PinGate(config.pin_hash), self)
        self.pinpad.quitRequested.connect(self.staff_quit)
        LongPress(self.welcome.title).triggered.connect(self.open_pinpad)

        self._lockdown = _Lockdown(self)
        app = QApplication.instance()
        if app is not None:
            # Qt drops the filter by itself when the filter object (a child of this window) dies.
            app.installEventFilter(self._lockdown)

    # -- sessions --------------------------------------------------------------------------------
    @Slot()
    def start_session(self) -> None:
        """A fresh explorer and state for the next patient."""
        if self.session is not None:
            return
        self.state = SessionState(self.language)
        self.session = MainWindow(self.catalog, self.state)
        self.session.setWindowFlags(Qt.WindowType.Widget)
        self.session.startOverRequested.connect(self.end_session)
        LongPress(self.session.title).triggered.connect(self.open_pinpad)
        self.stack.addWidget(self.session)
        self.stack.setCurrentWidget(self.session)
        self.idle.start()
        self.sessionStarted.emit()

    @Slot()
    def end_session(self) -> None:
        """Wipe everything about the patient and return to the welcome screen."""
        self.idle.stop()
        self.countdown.cancel()
        session, state = self.session, self.state
        self.session = self.state = None
        self.stack.setCurrentWidget(self.welcome)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # text size and contrast go back to the defaults
            apply_theme(app, high_contrast=False, scale=TEXT_STEPS[0])
        if session is not None:
            self.stack.removeWidget(session)
            session.deleteLater()
        if state is not None:
            state.reset()
            state.deleteLater()
        self.welcome.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sessionEnded.emit()

    @Slot()
    def _on_idle(self) -> None:
        if self.session is not None and not self.pinpad.isVisible():
            self.countdown.begin()

    @Slot()
    def _on_activity(self) -> None:
        # Any touch while the countdown runs means someone is there.
        if self.countdown.counting:
            self.countdown.stay()

    # -- staff -----------------------------------------------------------------------------------
    @Slot()
    def open_pinpad(self) -> None:
        self.countdown.cancel()
        self.pinpad.open_pad()

    @Slot()
    def staff_quit(self) -> None:
        self._may_close = True
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def staff_quit_for_tests(self) -> None:
        """Close without the PIN: only tests call this (a patient has no way to reach it)."""
        self.end_session()
        self._may_close = True
        self.close()

    def set_catalog(self, catalog: Catalog) -> None:
        """Live reload: the welcome screen and the current session follow the new catalog."""
        self.catalog = catalog
        self.welcome.set_catalog(catalog, self.language)
        if self.session is not None:
            self.session.set_catalog(catalog)

    # -- lockdown --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4, the window manager's close, Ctrl+Q/W: only staff may close the kiosk.
        if self._may_close:
            event.accept()
        else:
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in (self.countdown, self.pinpad):
            overlay.setGeometry(self.rect())


def run_kiosk(catalog: Catalog, config: KioskConfig, *, catalog_path: Path | None = None) -> int:
    """Start straight into the welcome screen, fullscreen, until staff quit."""
    app = prepare_application()
    window = KioskWindow(catalog, config)
    if catalog_path is not None:
        window.setWindowFilePath(str(catalog_path))
    window.showFullScreen()
    return app.exec()
