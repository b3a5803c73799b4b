"""The patient app's main window: top bar, the screens in a stack, and `run_app`."""

from __future__ import annotations

import functools
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.catalog import Catalog
from massage_explorer.ui.browse.screen import BrowseScreen
from massage_explorer.ui.cards.model import TechniqueListModel
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.common.widgets import (
    Texts,
    big_button,
    language_switch,
    plain_label,
    set_style_property,
)
from massage_explorer.ui.common.words import guidance_lines
from massage_explorer.ui.session import TEXT_STEPS, SessionState

if TYPE_CHECKING:
    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.ui.compare.screen import CompareView
    from massage_explorer.ui.details.screen import DetailView
    from massage_explorer.ui.kiosk.idle import ConfirmStartOver
    from massage_explorer.ui.shortlist.screen import ShortlistScreen


class MainWindow(QMainWindow):
    """Top bar, one screen at a time (browse, details, compare, shortlist) and a guidance strip."""

    # "Start over": the kiosk answers it by replacing the whole window; the desktop app by
    # reset_session().
    startOverRequested = Signal()

    def __init__(self, catalog: Catalog, state: SessionState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.catalog = catalog
        self.setWindowTitle(self.tr("Massage Explorer"))
        self.techniques = TechniqueListModel(state, self)
        self.techniques.set_catalog(catalog)
        self._history: list[QWidget] = []
        # How the shortlist's take-away prints and saves: the kiosk sets its own settings; the
        # desktop app uses the defaults.
        self.takeaway_config: KioskConfig | None = None
        self.image_folder: Path | None = None  # the catalog's folder, for its pictures
        self.kiosk = False
        # Details, compare and shortlist are built the first time they are shown: startup
        # only pays for the browse screen.
        self._detail: DetailView | None = None
        self._compare: CompareView | None = None
        self._shortlist: ShortlistScreen | None = None
        self._confirm: ConfirmStartOver | None = None

        self.browse = BrowseScreen(state, self.techniques)
        self.browse.openRequested.connect(self.show_details)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.browse)

        self.texts = Texts()
        self.footer = footer = plain_label("", role="guidance")
        self.texts(footer.setText, lambda: guidance_lines(full=False)[0])
        self.texts(footer.setAccessibleName, lambda: self.tr("Advice from the clinic"))
        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self._build_top_bar())
        col.addWidget(self.stack, 1)
        col.addWidget(footer)
        self.setCentralWidget(central)

        state.shortlistChanged.connect(self._update_badges)
        state.compareChanged.connect(self._update_badges)
        state.appearanceChanged.connect(self._apply_appearance)
        state.languageChanged.connect(self._apply_language)
        self._update_badges()
        for code, button in self.language_buttons.items():
            button.setChecked(code == state.language)
        self.browse.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_top_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("topbar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(bar)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(10)
        self.title = plain_label("", role="title")
        self.texts(self.title.setText, lambda: self.tr("Massage Explorer"))
        # At the largest text the buttons keep their full labels; the title wraps instead.
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(120)
        row.addWidget(self.title, 1)
        self.compare_button = big_button("")
        self.compare_button.setProperty("role", "badge")
        self.texts(
            self.compare_button.setAccessibleDescription, lambda: self.tr("Show the techniques side by side.")
        )
        self.compare_button.clicked.connect(self.show_compare)
        self.shortlist_button = big_button("")
        self.shortlist_button.setProperty("role", "badge")
        self.texts(
            self.shortlist_button.setAccessibleDescription, lambda: self.tr("See the techniques you saved.")
        )
        self.shortlist_button.clicked.connect(self.show_shortlist)
        row.addWidget(self.compare_button)
        row.addWidget(self.shortlist_button)
        row.addSpacing(8)
        self.size_label = plain_label("")
        self.texts(self.size_label.setText, lambda: self.tr("Text size"))
        row.addWidget(self.size_label)
        self.size_group = QButtonGroup(self)
        for step in range(len(TEXT_STEPS)):
            button = big_button("A", toggle=True)
            self.texts(button.setAccessibleName, functools.partial(self._size_name, step + 1))
            self.texts(button.setAccessibleDescription, lambda: self.tr("Make all text this size."))
            button.setProperty("role", f"size{step}")
            button.setMinimumWidth(64)
            self.size_group.addButton(button, step)
            row.addWidget(button)
        self.size_group.idClicked.connect(self.state.set_text_step)
        row.addSpacing(8)
        self.contrast_button = big_button("", toggle=True)
        self.texts.button(self.contrast_button, lambda: self.tr("High contrast"))
        self.texts(
            self.contrast_button.setAccessibleDescription,
            lambda: self.tr("Switch to white and yellow text on black."),
        )
        self.contrast_button.toggled.connect(self.state.set_high_contrast)
        row.addWidget(self.contrast_button)
        row.addSpacing(8)
        self.start_over_button = big_button("")
        self.texts.button(self.start_over_button, lambda: self.tr("Start over"))
        self.texts(
            self.start_over_button.setAccessibleDescription,
            lambda: self.tr("Forget your choices and begin again from the start."),
        )
        self.start_over_button.clicked.connect(self.ask_start_over)
        row.addWidget(self.start_over_button)
        row.addSpacing(8)
        switch, self.language_buttons = language_switch(self.catalog.languages, self.state.set_language)
        row.addWidget(switch)
        for button in bar.findChildren(QPushButton):
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._sync_appearance_controls()
        return bar

    # -- screens ---------------------------------------------------------------------------------
    def _detail_view(self) -> DetailView:
        if self._detail is None:
            from massage_explorer.ui.details.screen import DetailView

            self._detail = DetailView(self.state)
            self._detail.image_folder = self.image_folder
            self._detail.set_catalog(self.catalog)
            self._detail.backRequested.connect(self.go_back)
            self._detail.compareRequested.connect(self.show_compare)
            self.stack.addWidget(self._detail)
        return self._detail

    def _compare_view(self) -> CompareView:
        if self._compare is None:
            from massage_explorer.ui.compare.screen import CompareView

            self._compare = CompareView(self.state)
            self._compare.set_catalog(self.catalog)
            self._compare.backRequested.connect(self.go_back)
            self._compare.detailsRequested.connect(self.show_details)
            self.stack.addWidget(self._compare)
        return self._compare

    def shortlist_screen(self) -> ShortlistScreen:
        if self._shortlist is None:
            from massage_explorer.core.settings import KioskConfig
            from massage_explorer.ui.shortlist.screen import ShortlistScreen

            self._shortlist = ShortlistScreen(self.state, self.techniques)
            self._shortlist.takeaway.configure(self.takeaway_config or KioskConfig(), kiosk=self.kiosk)
            self._shortlist.backRequested.connect(self.go_back)
            self._shortlist.openRequested.connect(self.show_details)
            self._shortlist.compareRequested.connect(self.show_compare)
            self.stack.addWidget(self._shortlist)
        return self._shortlist

    def _go(self, screen: QWidget) -> None:
        current = self.stack.currentWidget()
        if current is screen:
            return
        # Coming back to a screen already in the history unwinds to it instead of piling up.
        if screen in self._history:
            del self._history[self._history.index(screen) :]
        elif current is not None:
            self._history.append(current)
        self._show(screen)

    @Slot(str)
    def show_details(self, technique_id: str) -> None:
        view = self._detail_view()
        view.show_technique(technique_id)
        self._go(view)

    @Slot()
    def show_compare(self) -> None:
        self._go(self._compare_view())

    @Slot()
    def show_shortlist(self) -> None:
        self._go(self.shortlist_screen())

    @Slot()
    def show_browse(self) -> None:
        self._go(self.browse)

    @Slot()
    def go_back(self) -> None:
        shortlist = self._shortlist
        if shortlist is not None and self.stack.currentWidget() is shortlist and shortlist.on_takeaway_page():
            shortlist.back()  # from the take-away page back to the list first
            return
        self._show(self._history.pop() if self._history else self.browse)

    def _show(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        # Screens that carry the full guidance already say "Check with your doctor first.":
        # the footer would only repeat it.
        doctor = guidance_lines(full=False)[0]
        self.footer.setVisible(not any(doctor in label.text() for label in screen.findChildren(QLabel)))
        screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typing = isinstance(self.focusWidget(), QLineEdit)
        back = event.key() == Qt.Key.Key_Escape or (event.key() == Qt.Key.Key_Backspace and not typing)
        if back and self.stack.currentWidget() is not self.browse:
            self.go_back()
        else:
            super().keyPressEvent(event)

    # -- catalog and appearance ------------------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        """Swap in a new catalog (live reload), keeping what still exists of the session."""
        self.catalog = catalog
        self.state.keep_only({t.id for t in catalog.techniques})
        self.techniques.set_catalog(catalog)
        self.browse.set_catalog(catalog)
        for view in (self._detail, self._compare):
            if view is not None:
                view.set_catalog(catalog)

    def _size_name(self, n: int) -> str:
        return self.tr("Text size {n} of {m}").format(n=n, m=len(TEXT_STEPS))

    @Slot()
    def _apply_language(self) -> None:
        """Install the patient's language; every widget then gets a LanguageChange event."""
        from massage_explorer.ui.common.i18n import install_language

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_language(app, self.state.language)
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.state.language)
        self.browse.set_catalog(self.catalog)  # chips carry catalog words in the new language

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Massage Explorer"))
            self.texts.refresh()
            self._update_badges()

    @Slot()
    def _update_badges(self) -> None:
        n = len(self.state.shortlist)
        self.shortlist_button.setText(self.tr("Shortlist ({n})").format(n=n))
        self.shortlist_button.setAccessibleName(self.tr("Shortlist, %n saved", "", n))
        m = len(self.state.compare)
        self.compare_button.setText(self.tr("Compare ({n})").format(n=m))
        self.compare_button.setAccessibleName(self.tr("Compare, %n chosen", "", m))
        self.compare_button.setVisible(m > 0)

    def _sync_appearance_controls(self) -> None:
        # At the largest text the caption makes room and the title steps down a size, so that
        # neither the buttons nor the title are cut off; the buttons keep their accessible names.
        largest = self.state.text_step == len(TEXT_STEPS) - 1
        self.size_label.setVisible(not largest)
        set_style_property(self.title, "role", "heading" if largest else "title")
        button = self.size_group.button(self.state.text_step)
        if button is not None:
            button.setChecked(True)
        self.contrast_button.blockSignals(True)
        self.contrast_button.setChecked(self.state.high_contrast)
        self.contrast_button.blockSignals(False)

    @Slot()
    def _apply_appearance(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, high_contrast=self.state.high_contrast, scale=self.state.text_scale)
        self._sync_appearance_controls()

    @Slot()
    def ask_start_over(self) -> None:
        """Start over at once when there is nothing to lose; otherwise ask first."""
        if not (self.state.shortlist or self.state.compare):
            self.startOverRequested.emit()
            return
        if self._confirm is None:
            from massage_explorer.ui.kiosk.idle import ConfirmStartOver

            self._confirm = ConfirmStartOver(self)
            self._confirm.confirmed.connect(self.startOverRequested)
        self._confirm.ask()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._confirm is not None:
            self._confirm.setGeometry(self.rect())

    @Slot()
    def reset_session(self) -> None:
        """Forget the patient: shortlist, comparison, filters, search text and its undo history,
        scroll positions, open screens, text size, contrast and language."""
        self.state.reset()
        self._history.clear()
        if self._confirm is not None:
            self._confirm.hide()
        self._show(self.browse)
        # After showing: focusing the list picks a current card, which must not carry over.
        self.browse.reset()
        for screen in (self._detail, self._compare, self._shortlist):
            if screen is not None:
                screen.reset()


def prepare_application() -> QApplication:
    """The QApplication (created if needed), named and in the default theme."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Massage Explorer")
    apply_theme(app, high_contrast=False, scale=TEXT_STEPS[0])
    return app


def run_app(catalog: Catalog, *, catalog_path: Path | None = None, language: str | None = None) -> int:
    """Show the patient app (a normal desktop window) until it is closed; returns the exit code."""
    from massage_explorer.ui.common.i18n import install_language

    app = prepare_application()
    language = language if language in catalog.languages else catalog.default_language
    install_language(app, language)  # before any widget is built: every label is in it
    state = SessionState(language)
    window = MainWindow(catalog, state)
    window.startOverRequested.connect(window.reset_session)
    if catalog_path is not None:
        from massage_explorer.ui.catalog_watch import CatalogWatcher

        window.setWindowFilePath(str(catalog_path))
        window.image_folder = catalog_path.parent
        watcher = CatalogWatcher(catalog_path, catalog, parent=window)
        watcher.reloaded.connect(window.set_catalog)
    window.resize(1920, 1080)
    window.showMaximized()
    QTimer.singleShot(0, gc.enable)  # if start-up paused the cycle collector (cli.run)
    return app.exec()
