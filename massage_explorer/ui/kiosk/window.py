"""Kiosk mode: fullscreen lockdown, welcome screen, idle reset and the staff PIN pad.

One explorer window serves every patient for the kiosk's whole life; starting over resets it
field by field (shortlist, comparison, filters, search text and its undo history, scroll
positions, open screens, text size, contrast, language), and tests check each field. Building a
new window per patient would be simpler, but PySide6 keeps a new enum class for every gesture a
new scroll area registers, so a kiosk doing that grows by about 100 KB a patient, all day.
Nothing about a patient is ever written to disk.

Start-up paints the welcome screen first, and builds the explorer behind it (its modules imported,
its widgets made) on the next turn of the event loop: the patient sees the kiosk about a third
sooner, and a touch finds the session ready.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QHelpEvent, QInputEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import LoadResult, errors_listed
from massage_explorer.core.settings import KioskConfig
from massage_explorer.ui.common.first_paint import after_first_paint
from massage_explorer.ui.common.pages import PageStack
from massage_explorer.ui.common.theme import apply_look
from massage_explorer.ui.kiosk.idle import CountdownOverlay, IdleWatcher
from massage_explorer.ui.kiosk.pinpad import LongPress, PinPad
from massage_explorer.ui.kiosk.welcome import WelcomeScreen
from massage_explorer.ui.launch import log_unshown_characters, prepare_application, settle_memory
from massage_explorer.ui.session import TEXT_STEPS, SessionState

if TYPE_CHECKING:  # imported when the session is built, after the welcome screen is painted
    from massage_explorer.ui.catalog_watch import CatalogWatcher
    from massage_explorer.ui.shell import MainWindow

# Events refused everywhere in kiosk mode: no context menus (text fields included), no tooltips
# or "What's this?" (information must never depend on hovering).
_REFUSED_EVENTS = frozenset({QEvent.Type.ContextMenu, QEvent.Type.ToolTip, QEvent.Type.WhatsThis})
# How long the staff editor may be left alone on a kiosk before it is put away behind the PIN
# (its unsaved edits kept): long enough to read a source, short enough that a patient does not
# find it, and its file dialogs, open.
EDITOR_IDLE_SECONDS = 300
# A person's input (mouse, touch, key, wheel, pen) and context menus come as QInputEvents;
# tooltips and "What's this?" as QHelpEvents. Every other event (paints, layouts, timers: nearly
# all of the thousands a page opening makes) is let through after this class check, without
# being asked its type.
_SCREENED = (QInputEvent, QHelpEvent)


class _Lockdown(QObject):
    """The kiosk's one application-wide event filter: swallows the events a kiosk must not act
    on, and tells the idle watcher (if any) of a person's input. One filter for both: Qt calls
    it for every event of every widget, and each call into Python costs microseconds (two
    filters made opening a details page at 10,000 techniques about a fifth slower)."""

    def __init__(self, owner: QObject, idle: IdleWatcher | None) -> None:
        super().__init__(owner)
        self._idle = idle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, _SCREENED):
            return False
        kind = event.type()
        if kind in _REFUSED_EVENTS:
            return True
        if self._idle is not None:
            self._idle.saw(kind)
        return False


def _forget_clipboard() -> None:
    """Empty the clipboard, and the selection a click-to-paste system keeps beside it."""
    from PySide6.QtGui import QClipboard, QGuiApplication

    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)


def lock_down(owner: QObject, idle: IdleWatcher | None = None) -> QObject:
    """Refuse those events in the whole application for as long as `owner` lives (the kiosk
    window, or the out-of-service page before it), and tell `idle` of every input; returns the
    filter, for `owner` to keep."""
    lockdown = _Lockdown(owner, idle)
    app = QApplication.instance()
    if app is not None:
        # Qt drops the filter by itself when the filter object (a child of `owner`) dies.
        app.installEventFilter(lockdown)
    return lockdown


class KioskWindow(QMainWindow):
    """The only window on a kiosk: welcome screen, one patient session at a time, overlays."""

    sessionStarted = Signal()
    sessionEnded = Signal()

    def __init__(
        self,
        catalog: Catalog,
        config: KioskConfig,
        *,
        catalog_path: Path | None = None,
        refused: LoadResult | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`catalog_path` is the file shown (followed by `watch`); `refused` is that file's
        problems when it had errors at start-up and the kiosk shows its backup instead."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Massage Explorer"))
        self.setWindowFlags(
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.catalog = catalog
        self.config = config
        self.catalog_path = catalog_path
        self.language = config.language if config.language in catalog.languages else catalog.default_language
        self._may_close = False
        self._in_session = False
        self.state = SessionState(self.language)
        self.state.languageChanged.connect(self._follow_language)

        self.stack = PageStack()
        self.welcome = WelcomeScreen()
        self.welcome.set_catalog(catalog, self.language)
        self.welcome.set_languages(catalog.languages, self.language)
        self.welcome.startRequested.connect(self.start_session)
        self.welcome.languageRequested.connect(self._choose_language)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self._session: MainWindow | None = None
        self._lockdown: QObject | None = None
        after_first_paint(self.welcome, self._build_session)

        self.idle = IdleWatcher(config.idle_seconds, self)
        self.idle.idle.connect(self._on_idle)
        self.idle.activity.connect(self._on_activity)
        self.countdown = CountdownOverlay(config.countdown_seconds, self)
        self.countdown.expired.connect(self.end_session)
        self._pinpad: PinPad | None = None
        self._opening_editor = False  # the editor's file being read, the pad open
        self._editor_wanted = -1  # the opening of the PIN pad whose Edit the read is for
        self.editor: QWidget | None = None
        LongPress(self.welcome.title, config.long_press_seconds).triggered.connect(self.open_pinpad)

        if refused is not None:
            self.show_refused(refused)

    # -- sessions --------------------------------------------------------------------------------
    @property
    def session(self) -> MainWindow:
        """The explorer a patient uses, behind the welcome screen (built now if it is not yet)."""
        return self._build_session()

    @property
    def session_built(self) -> bool:
        return self._session is not None

    @property
    def pinpad(self) -> PinPad:
        """The staff PIN pad (built with the session, or now if something asks for it sooner)."""
        return self._build_pinpad()

    def _build_pinpad(self) -> PinPad:
        if self._pinpad is None:
            from massage_explorer.core.pin import PinGate, lockout_path, state_lockout_path  # hashing

            # The lockout is kept beside the settings, so restarting the kiosk gives no fresh tries.
            # Where the kiosk's user may not write after all, it goes to that user's state folder.
            path = self.config.path
            lockout = lockout_path(path) if path is not None else None
            fallback = state_lockout_path(path) if path is not None else None
            pad = PinPad(PinGate(self.config.pin_hash, state=lockout, fallback=fallback), self)
            pad.quitRequested.connect(self.staff_quit)
            pad.editRequested.connect(self.open_editor)
            pad.setGeometry(self.rect())
            self._pinpad = pad
        return self._pinpad

    def _build_session(self) -> MainWindow:
        if self._session is None:
            # The lockdown comes first, with the session: nothing on the welcome screen opens a menu
            # or a tooltip, and filtering each event of the first frame through Python took about a
            # third of that frame's time.
            self._lock_down()
            from massage_explorer.ui.common.screen import ShellOptions
            from massage_explorer.ui.shell import MainWindow

            options = ShellOptions(kiosk=True, settings=self.config, catalog_path=self.catalog_path)
            session = MainWindow(self.catalog, self.state, options)
            session.setWindowFlags(Qt.WindowType.Widget)
            session.startOverRequested.connect(self.end_session)
            hold = LongPress(session.top_bar.title, self.config.long_press_seconds)
            hold.triggered.connect(self.open_pinpad)
            self.stack.addWidget(session)
            self._session = session
            self._build_pinpad()  # now, so that the first long press finds it ready
        return self._session

    def _lock_down(self) -> None:
        if self._lockdown is None:
            self._lockdown = lock_down(self, self.idle)

    def _start_idle_clock(self, seconds: int | None = None) -> None:
        self._lock_down()  # its filter is what tells the idle watcher of each touch
        self.idle.start(seconds)

    @Slot(str)
    def _choose_language(self, code: str) -> None:
        # The session first, so that it hears the change too (it installs the translator).
        self._build_session()
        self.state.set_language(code)
        # A language chosen by someone who then walks away goes back to the clinic's after the
        # idle time, like everything else a patient chooses.
        self._start_idle_clock()

    @Slot()
    def _follow_language(self) -> None:
        # The explorer installs the translator; the welcome screen's own catalog text follows here.
        self.welcome.set_catalog(self.catalog, self.state.language)
        self.welcome.set_languages(self.catalog.languages, self.state.language)

    @property
    def in_session(self) -> bool:
        return self._in_session

    @Slot()
    def start_session(self) -> None:
        """Show the explorer, as fresh as the last reset left it, to the next patient."""
        if self._in_session:
            return
        self._in_session = True
        self.stack.setCurrentWidget(self.session)
        self.session.browse.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._start_idle_clock()
        self.sessionStarted.emit()

    @Slot()
    def end_session(self) -> None:
        """Wipe everything about the patient and return to the welcome screen."""
        self.idle.stop()
        self.countdown.cancel()
        # The session is wiped, text size and contrast included, before the welcome screen comes
        # back: shown in a patient's largest text it needs more room than a small display has, and
        # the window grew past the screen's edge. (The session hides its open screen before its
        # reset: none is made again for nobody, see MainWindow.reset_session.)
        if self._session is not None:
            self._session.reset_session()
        apply_look(self, high_contrast=False, scale=TEXT_STEPS[0])  # the usual text and contrast
        _forget_clipboard()  # a keyboard's Ctrl+V would paste the last patient's words
        self._in_session = False
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sessionEnded.emit()

    @Slot()
    def _on_idle(self) -> None:
        # A PIN pad or staff panel left open (by staff who walked away, or a patient's long
        # press) closes like everything else: the staff panel must never wait for the next patient.
        if self._pinpad is not None and self._pinpad.isVisible():
            self._pinpad.close_pad()
        if self.editor is not None and self.editor.isVisible():
            self._put_editor_away()
        elif self._in_session:
            self.countdown.begin()
        else:
            self.end_session()  # the welcome screen as the clinic set it (its language too)

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
        # The lockdown too, as wherever the kiosk shows more than its welcome screen; and the idle
        # clock even on the welcome screen: an open pad closes itself when left alone.
        self._start_idle_clock()

    @Slot()
    def open_editor(self) -> None:
        """The staff editor on the catalog file, above the kiosk; the kiosk follows its saves."""
        from massage_explorer.core.paths import bundled_catalog_path
        from massage_explorer.core.problems import CatalogProblems
        from massage_explorer.ui.editor import EditorWindow
        from massage_explorer.ui.editor.window import read_in_background

        if self.editor is not None:  # put away when left alone: back as staff left it
            self.pinpad.close_pad()
            self.editor.showMaximized()
            self.editor.raise_()
            self._start_idle_clock(EDITOR_IDLE_SECONDS)
            return
        path = self.catalog_path
        if path is None or path.resolve() == bundled_catalog_path().resolve():
            self.pinpad.set_problems(
                self.tr(
                    "This kiosk shows the catalog that comes with the app. To edit one, copy it with "
                    "its resources folder (the pictures), set 'catalog' in the kiosk settings to the "
                    "copy, and restart the kiosk."
                )
            )
            return
        # Wanted by this opening of the pad: staff who go back to the kiosk during the read, and
        # open the pad again, get the editor only if they press Edit again.
        self._editor_wanted = self.pinpad.openings
        self.pinpad.set_busy(self.tr("Opening the catalog…"))
        if self._opening_editor:  # asked again while the file is read: that read opens it
            return
        # Read on a thread, the kiosk answering (seconds at 5,000 techniques); the pad says so.
        self._opening_editor = True
        try:
            opened = read_in_background(path)
        except OSError as exc:
            self.pinpad.set_problems(self.tr("The editor cannot open the catalog file:") + "\n" + str(exc))
            return
        finally:
            self._opening_editor = False
            self.pinpad.set_busy("")
        if not self.pinpad.unlocked or self.pinpad.openings != self._editor_wanted:
            return  # staff went back to the kiosk meanwhile, or left the pad alone
        # The editor in the usual look, not a patient's larger text or contrast: those are the
        # application's font and palette too (see apply_look), and the editor is a window of its
        # own, under the application's style sheet. The patient's look comes back with the editor.
        apply_look(self, high_contrast=False, scale=TEXT_STEPS[0])
        try:
            editor = EditorWindow(
                path, lock_hours=self.config.editor_lock_hours, other_files=False, opened=opened, on_top=True
            )
        except (CatalogProblems, OSError) as exc:
            self._patients_look()
            self.pinpad.set_problems(self.tr("The editor cannot open the catalog file:") + "\n" + str(exc))
            return
        self.pinpad.close_pad()
        # Staff at work: no countdown over the editor; left alone longer, it is put away, and a
        # patient's session behind it ends then (_put_editor_away).
        self._start_idle_clock(EDITOR_IDLE_SECONDS)
        editor.closed.connect(self._editor_closed)
        self.editor = editor
        editor.showMaximized()

    def _put_editor_away(self) -> None:
        """Hide an editor left alone, with any dialog it has open (a file dialog among them),
        and keep its unsaved edits for the next PIN: staff who walked away lose nothing, and
        the next patient finds the welcome screen."""
        assert self.editor is not None
        for _ in range(8):  # a dialog may open over a dialog; each is closed, innermost first
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                break
            dialog.close()
        self.editor.hide()
        self.end_session()

    @Slot()
    def _editor_closed(self) -> None:
        self.editor = None
        self._patients_look()
        if self._in_session:
            self._start_idle_clock()
        else:
            self.idle.stop()

    def _patients_look(self) -> None:
        apply_look(self, high_contrast=self.state.high_contrast, scale=self.state.text_scale)

    @Slot()
    def staff_quit(self) -> None:
        """Staff leave kiosk mode (after the PIN): the session is wiped, then the app ends. An
        editor put away with unsaved edits comes back first and asks about them; kept open,
        the kiosk stays too."""
        if self.editor is not None:
            self.open_editor()
            if not self.editor.close():
                return
        self.end_session()
        self._may_close = True
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def set_catalog(self, catalog: Catalog) -> None:
        """Live reload: the welcome screen and the current session follow the new catalog."""
        self.catalog = catalog
        self.welcome.set_catalog(catalog, self.state.language)
        if self._session is not None:  # else it is built with this catalog
            self._session.set_catalog(catalog)
        self._forget_refused()  # (a pad not built yet is built with no problems to show)

    def watch(self) -> CatalogWatcher:
        """Follow the catalog file: apply valid updates, show refused ones to staff only."""
        assert self.catalog_path is not None, "a kiosk follows the catalog file it was given"
        from massage_explorer.ui.catalog_watch import PRIME_MS, CatalogWatcher  # after the first frame

        watcher = CatalogWatcher(self.catalog_path, self.catalog, prime_ms=PRIME_MS, parent=self)
        watcher.reloaded.connect(self.set_catalog)
        watcher.rejected.connect(self.show_refused)
        watcher.restored.connect(self._forget_refused)
        return watcher

    @Slot()
    def _forget_refused(self) -> None:
        if self._pinpad is not None:
            self._pinpad.set_problems("")

    @Slot(object)
    def show_refused(self, result: LoadResult) -> None:
        """A version of the catalog file with errors: patients notice nothing (they keep the last
        good catalog); staff see why on the PIN pad."""
        lines = errors_listed(result, str(self.catalog_path or "techniques.yaml"))
        self.pinpad.set_problems(
            self.tr("The catalog file was changed but has errors, so the kiosk still shows the last good "
                    "version. Fix these and save again:") + "\n" + "\n".join(lines)
        )  # fmt: skip

    # -- lockdown --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4, the window manager's close, Ctrl+Q/W: only staff may close the kiosk.
        if self._may_close:
            event.accept()
        else:
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in (self.countdown, self._pinpad):
            if overlay is not None:
                overlay.setGeometry(self.rect())


def cover_screen(window: QWidget) -> None:
    """Show `window` on the whole primary screen, also where no window manager honours "full
    screen" (bare X, some kiosk set-ups): the geometry is set first, then full screen is asked for.
    On Wayland only the size: the compositor places windows, and cage never showed a frameless
    window given a position (a black screen)."""
    app = QApplication.instance()
    screen = app.primaryScreen() if isinstance(app, QApplication) else None
    if screen is not None:
        if QApplication.platformName().startswith("wayland"):
            window.resize(screen.size())
        else:
            window.setGeometry(screen.geometry())
    window.showFullScreen()


def open_kiosk(
    catalog: Catalog,
    config: KioskConfig,
    *,
    catalog_path: Path | None = None,
    refused: LoadResult | None = None,
) -> KioskWindow:
    """The kiosk window in its first language, following its catalog file, on the whole screen."""
    from massage_explorer.ui.common.i18n import install_language

    app = QApplication.instance()
    if app is not None:
        language = config.language if config.language in catalog.languages else catalog.default_language
        install_language(app, language)  # before any widget is built: every label is in it
    window = KioskWindow(catalog, config, catalog_path=catalog_path, refused=refused)
    if catalog_path is not None:
        after_first_paint(window.welcome, window.watch)  # it starts a thread and watches files
    # Where the first unshown character is: in the file shown, not in one refused for errors.
    shown_path = catalog_path if refused is None else None
    after_first_paint(window.welcome, partial(log_unshown_characters, catalog, shown_path))
    cover_screen(window)
    return window


def run_kiosk(
    catalog: Catalog,
    config: KioskConfig,
    *,
    catalog_path: Path | None = None,
    refused: LoadResult | None = None,
) -> int:
    """Start straight into the welcome screen, fullscreen, until staff quit.

    `refused` is a catalog file that had errors at start-up (the kiosk then shows its backup):
    staff see its problems on the PIN pad, as for a refused live update. A kiosk that may meet
    unusable settings or catalogs starts with `out_of_service.run_kiosk_when_ready` instead.
    """
    app = prepare_application()
    _window = open_kiosk(catalog, config, catalog_path=catalog_path, refused=refused)  # alive until exec ends
    QTimer.singleShot(0, settle_memory)
    status: int = app.exec()
    return status
