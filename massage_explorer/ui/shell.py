"""The patient app's main window: the top bar, a registry of screens, and the clinic's footer.

Every screen is a `Screen` (ui/common/screen.py), made by its feature package's `make_screen`.
The shell builds a screen the first time it is shown (start-up pays for browse only), keeps the
way back, and reaches every screen it has built when the catalog changes, when the next patient
comes, and when the language is switched. Adding a screen: a package with `make_screen`, one line
in SCREENS, and a way to reach it (a Navigator method, or `go_to`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QVBoxLayout, QWidget

from massage_explorer.core.catalog import Catalog
from massage_explorer.ui.browse import BrowseScreen
from massage_explorer.ui.cards.model import TechniqueListModel
from massage_explorer.ui.common.labels import advice_name, plain_label
from massage_explorer.ui.common.pages import PageStack
from massage_explorer.ui.common.red_flags import RedFlagsButton, red_flag_groups
from massage_explorer.ui.common.screen import Screen, ScreenContext, ShellOptions
from massage_explorer.ui.common.scrolling import reveal, rewind_all
from massage_explorer.ui.common.theme import apply_look
from massage_explorer.ui.common.translatable import Texts
from massage_explorer.ui.common.words import guidance_lines
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.top_bar import TopBar

if TYPE_CHECKING:
    from massage_explorer.ui.common.overlay import ConfirmStartOver
    from massage_explorer.ui.common.red_flags import RedFlagsPanel
    from massage_explorer.ui.details import DetailView

# Each screen by name, and the package whose `make_screen(context)` builds it.
SCREENS = {
    "browse": "massage_explorer.ui.browse",
    "details": "massage_explorer.ui.details",
    "compare": "massage_explorer.ui.compare",
    "shortlist": "massage_explorer.ui.shortlist",
}
# The screens a patient opens from browse are built this long after the window, one per turn of
# the event loop, instead of on the first tap that shows each (their modules imported, their
# widgets made and styled: the first comparison of a process took 63-74 ms against 35 ms later).
PREPARE_MS = 1500


class MainWindow(QMainWindow):
    """Top bar, one screen at a time and a guidance strip; the shell of every patient screen."""

    # "Start over": the kiosk answers it by resetting its session; the desktop app by reset_session().
    startOverRequested = Signal()

    def __init__(
        self,
        catalog: Catalog,
        state: SessionState,
        options: ShellOptions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.catalog = catalog
        self.options = options or ShellOptions()
        self.setWindowTitle(self.tr("Massage Explorer"))
        self.techniques = TechniqueListModel(state, self)
        self.techniques.set_catalog(catalog)
        self._context = ScreenContext(state, self.techniques, self, self.options)
        self._screens: dict[str, Screen] = {}
        self._history: list[Screen] = []
        self._confirm: ConfirmStartOver | None = None
        self._red_flags: RedFlagsPanel | None = None

        self.top_bar = TopBar(state, catalog.languages)
        self.top_bar.compareRequested.connect(self.show_compare)
        self.top_bar.shortlistRequested.connect(self.show_shortlist)
        self.top_bar.startOverRequested.connect(self.ask_start_over)
        self.stack = PageStack()
        self.texts = Texts()
        self.footer = plain_label("", role="guidance")
        self.texts(self.footer.setText, lambda: guidance_lines(full=False)[0])
        self.texts(self.footer.setAccessibleName, advice_name)
        # The clinic's red flags: one line on every screen, whatever the screen shows above it.
        self.red_flags_line = RedFlagsButton()
        self.red_flags_line.clicked.connect(self.show_red_flags)
        central = QWidget()
        self._column = column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.top_bar)
        column.addWidget(self.stack, 1)
        column.addWidget(self.footer)
        column.addWidget(self.red_flags_line)
        # Only once it has a parent: shown without one, it would be a window of its own, which
        # took the focus from the kiosk's welcome screen when the session was built behind it.
        self.red_flags_line.set_catalog(catalog)
        self.setCentralWidget(central)

        self.browse = cast(BrowseScreen, self.get_screen("browse"))
        self._prepare = QTimer(self)
        self._prepare.timeout.connect(self._prepare_next_screen)
        self._prepare.start(PREPARE_MS)
        state.appearanceChanged.connect(self._apply_appearance)
        state.languageChanged.connect(self._apply_language)
        self.browse.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the registry ------------------------------------------------------------------------------
    def get_screen(self, name: str) -> Screen:
        """The screen called `name`, built now if it has not been shown yet."""
        found = self._screens.get(name)
        if found is None:
            found = importlib.import_module(SCREENS[name]).make_screen(self._context)
            assert isinstance(found, Screen), name
            found.set_catalog(self.catalog)
            self.stack.addWidget(found)
            self._screens[name] = found
        return found

    @Slot()
    def _prepare_next_screen(self) -> None:
        """Build one screen not shown yet; once all are, stop."""
        self._prepare.setInterval(0)  # after the first, one per turn of the event loop
        waiting = [name for name in SCREENS if name not in self._screens]
        if waiting:
            self.get_screen(waiting[0])
        if len(waiting) <= 1:
            self._prepare.stop()

    def built(self, name: str) -> Screen | None:
        """The screen called `name` if it was ever shown, else None."""
        return self._screens.get(name)

    # -- navigation ------------------------------------------------------------------------------
    def go_to(self, name: str) -> Screen:
        """Go to the screen called `name`; coming back to one already passed unwinds to it."""
        screen = self.get_screen(name)
        current = self.stack.currentWidget()
        if current is not screen:
            if screen in self._history:
                del self._history[self._history.index(screen) :]
            elif isinstance(current, Screen):
                self._history.append(current)
            self._raise(screen)
        return screen

    @Slot(str)
    def show_details(self, technique_id: str) -> None:
        cast("DetailView", self.get_screen("details")).show_technique(technique_id)
        self.go_to("details")

    @Slot()
    def show_compare(self) -> None:
        self.go_to("compare")

    @Slot()
    def show_shortlist(self) -> None:
        self.go_to("shortlist")

    @Slot()
    def show_browse(self) -> None:
        self.go_to("browse")

    @Slot()
    def go_back(self) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, Screen) and current.step_back():
            return  # a step back inside the screen (the take-away page back to the list)
        self._raise(self._history.pop() if self._history else self.browse)

    def _raise(self, screen: Screen) -> None:
        # The footer first, and the window's layout with it, so that the screen is shown at its
        # own height: shown at the last screen's and then resized, the comparison measured all
        # its rows twice.
        self.footer.setVisible(not screen.full_guidance)
        self._column.activate()
        self.stack.setCurrentWidget(screen)
        screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab from anywhere in the window come through here: whatever they reach is
        scrolled into view (the comparison's buttons of a column out of sight, a chip of the filter
        panel scrolled away). Only they: a screen that puts its focus somewhere as it opens keeps
        its scroll position, and a finger's press never moves what it presses."""
        moved = super().focusNextPrevChild(next)
        focus = QApplication.focusWidget()
        if moved and focus is not None and self.isAncestorOf(focus):
            reveal(focus)
        return moved

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typing = isinstance(self.focusWidget(), QLineEdit)
        back = event.key() == Qt.Key.Key_Escape or (event.key() == Qt.Key.Key_Backspace and not typing)
        if back and self.stack.currentWidget() is not self.browse:
            self.go_back()
        else:
            super().keyPressEvent(event)

    # -- what reaches every screen ---------------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        """Swap in a new catalog (live reload), keeping what still exists of the session."""
        self.catalog = catalog
        self.state.keep_only({t.id for t in catalog.techniques})
        self.top_bar.set_languages(catalog.languages)
        self.red_flags_line.set_catalog(catalog)
        if self._red_flags is not None:
            self._red_flags.refresh(red_flag_groups(catalog, self.state.language))
        self.techniques.set_catalog(catalog)
        for screen in self._screens.values():
            screen.set_catalog(catalog)

    @Slot()
    def reset_session(self) -> None:
        """Forget the patient: shortlist, comparison, filters, search text and its undo history,
        scroll positions, open screens, text size, contrast and language."""
        # The list first: the screen left behind is hidden before the state's reset reaches it, so
        # it is not made again in the defaults for nobody (see DetailView._content_changed).
        self._history.clear()
        for overlay in (self._confirm, self._red_flags):
            if overlay is not None:
                overlay.hide()
        self._raise(self.browse)
        self.state.reset()
        # After showing: focusing the list picks a current card, which must not carry over.
        for screen in self._screens.values():
            screen.reset()
        rewind_all(self)  # the take-away page, the comparison's sideways scroll, a list still gliding

    @Slot()
    def _apply_language(self) -> None:
        """Install the patient's language, then have every part say its words again in it."""
        from massage_explorer.ui.common.i18n import install_language

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_language(app, self.state.language)
        self.setWindowTitle(self.tr("Massage Explorer"))
        self.texts.refresh()
        self.red_flags_line.retranslate()
        if self._red_flags is not None:
            self._red_flags.refresh(red_flag_groups(self.catalog, self.state.language))
        self.top_bar.retranslate()
        self.top_bar.sync()
        for screen in self._screens.values():
            screen.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            # Qt's own words (and a language installed from outside, as the kiosk does at start).
            self.setWindowTitle(self.tr("Massage Explorer"))
            self.texts.refresh()
            self.red_flags_line.retranslate()

    @Slot()
    def _apply_appearance(self) -> None:
        # On the window the patient uses (the kiosk's, around this one): Qt then restyles its
        # widgets only, not every widget of the application (see apply_look).
        for screen in self._screens.values():
            screen.before_restyle()
        apply_look(self.window(), high_contrast=self.state.high_contrast, scale=self.state.text_scale)
        self.top_bar.sync()

    @Slot()
    def ask_start_over(self) -> None:
        """Start over at once when there is nothing to lose; otherwise ask first."""
        if not (self.state.shortlist or self.state.compare):
            self.startOverRequested.emit()
            return
        if self._confirm is None:
            from massage_explorer.ui.common.overlay import ConfirmStartOver

            self._confirm = ConfirmStartOver(self)
            self._confirm.confirmed.connect(self.startOverRequested)
        self._confirm.ask()

    @Slot()
    def show_red_flags(self) -> None:
        """The full list of red flags over the current screen, in the patient's language."""
        if self._red_flags is None:
            from massage_explorer.ui.common.red_flags import RedFlagsPanel

            self._red_flags = RedFlagsPanel(self)
        self._red_flags.show_groups(red_flag_groups(self.catalog, self.state.language))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.top_bar.fit_height(self.height())
        for overlay in (self._confirm, self._red_flags):
            if overlay is not None:
                overlay.setGeometry(self.rect())
