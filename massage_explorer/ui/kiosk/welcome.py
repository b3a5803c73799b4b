"""The kiosk's welcome (attract) screen: touch to start, a rotating highlight, the doctor advice."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from massage_explorer.core.catalog import Catalog
from massage_explorer.ui.common.buttons import big_button, language_switch
from massage_explorer.ui.common.labels import catalog_label, plain_label
from massage_explorer.ui.common.red_flags import one_paragraph, red_flag_groups
from massage_explorer.ui.common.translatable import Texts
from massage_explorer.ui.common.words import WORDS, guidance_lines, presenter

ROTATE_MS = 8000


class WelcomeScreen(QFrame):
    """Shown between patients. A touch anywhere, a click or any key starts a fresh session."""

    startRequested = Signal()
    languageRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # A finger is left to Qt, which makes mouse events of a touch no widget takes: a tap
        # starts as a click does, and a finger held on the heading is seen by the kiosk's
        # long-press (ui/kiosk/pinpad.py), which watches mouse presses. Taking touches here
        # hid the held finger from it, and lifting that finger started a session instead.
        self.texts = Texts()
        self.texts(self.setAccessibleName, lambda: self.tr("Welcome. Touch anywhere to start."))
        self._catalog: Catalog | None = None
        self._language = ""
        self._index = 0
        # The only timer on this screen: it changes the highlight, nothing else.
        self._rotate = QTimer(self)
        self._rotate.setInterval(ROTATE_MS)
        self._rotate.timeout.connect(self._next_highlight)

        column = QVBoxLayout(self)
        column.setContentsMargins(64, 28, 64, 24)  # (40 at the top left a 1024x768 screen 3 px short)
        column.setSpacing(16)
        # The screen is as big as the kiosk's display, whatever the layout's narrowest form would
        # need: the wrapped texts are laid out for the real width, so that everything (the red
        # flags and the doctor line too) fits a 1280x720 screen rather than running off it.
        column.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        self.title = plain_label("", role="hero")
        self.texts(self.title.setText, lambda: self.tr("Find a massage that may suit your back"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The technique shown in turn is one of many, not advice: it says so.
        self.example = plain_label("", role="muted")
        self.texts(self.example.setText, lambda: self.tr("One of the techniques you can explore:"))
        self.example.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.highlight_name = catalog_label("", role="heading")
        self.highlight_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.highlight_text = catalog_label("", role="body")
        self.highlight_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = big_button("")
        self.texts.button(self.start_button, lambda: self.tr("Touch to start"))
        self.start_button.setObjectName("startButton")
        # Its size is the theme's (QPushButton#startButton, START_BUTTON_PX): a style sheet's
        # min-width overrides a minimum size set here, as it did the 420x110 once set here. Its
        # height is its text's: on a 1024x768 screen the warning signs below need the rest.
        self.texts(
            self.start_button.setAccessibleDescription, lambda: self.tr("Start browsing massage techniques.")
        )
        self.start_button.clicked.connect(self.startRequested)
        # The screen's focus is the start button's, which shows it: any key it has no use for
        # comes up to the screen (keyPressEvent) and starts all the same. The screen was a stop
        # for Tab of its own, with nothing to show that it had the focus.
        self.setFocusProxy(self.start_button)
        # The clinic's red flags, whole: nobody should need to start a session to read them. Their
        # title in bold over them, as on every other screen's red flags line.
        self.red_flags_box = QFrame()
        self.red_flags_box.setObjectName("welcomeRedFlags")
        self.red_flags_box.setProperty("role", "redflags")
        self.red_flags_title = plain_label("", role="redflagstitle")
        self.red_flags = catalog_label("")
        box = QVBoxLayout(self.red_flags_box)
        box.setContentsMargins(16, 10, 16, 10)
        box.setSpacing(2)
        box.addWidget(self.red_flags_title)
        box.addWidget(self.red_flags)
        self.red_flags_box.hide()
        self.doctor = plain_label("", role="guidance")
        self.texts(self.doctor.setText, lambda: guidance_lines(full=False)[0])
        self.language_box = QWidget()
        self.language_buttons: dict[str, QPushButton] = {}
        self._languages: tuple[str, ...] = ()
        self.doctor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addStretch(2)
        column.addWidget(self.title)
        column.addStretch(1)
        column.addWidget(self.example)
        column.addWidget(self.highlight_name)
        column.addWidget(self.highlight_text)
        column.addStretch(1)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.language_box, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        column.addWidget(self.red_flags_box)
        column.addWidget(self.doctor)
        # Taps on the labels count as "anywhere" too.
        labels = (
            self.title,
            self.example,
            self.highlight_name,
            self.highlight_text,
            self.red_flags_title,
            self.red_flags,
            self.doctor,
        )
        for child in labels:
            child.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        """As tall as the texts need at the width the screen has (at least a 1280 px screen's), not
        at the narrowest the layout could go: there every wrapped text would take many lines, and
        the kiosk's window would be made taller than a 1280x720 screen."""
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is None:
            return hint
        width = max(self.width(), 1280)
        return QSize(hint.width(), min(hint.height(), layout.totalHeightForWidth(width)))

    def set_languages(self, languages: tuple[str, ...], current: str) -> None:
        """English | Español under the start button, so a patient can choose before starting;
        made again when a reloaded catalog brings other languages."""
        if languages != self._languages:
            self._languages = languages
            layout = self.language_box.layout() or QVBoxLayout(self.language_box)
            layout.setContentsMargins(0, 0, 0, 0)
            while (old := layout.takeAt(0)) is not None:
                if (widget := old.widget()) is not None:
                    widget.deleteLater()
            switch, self.language_buttons = language_switch(
                languages, self.languageRequested.emit, full_names=True
            )
            layout.addWidget(switch)
            if self.isVisible():
                switch.setVisible(len(languages) > 1)
        for code, button in self.language_buttons.items():
            button.setChecked(code == current)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.refresh()
            self._show_red_flags()

    def set_catalog(self, catalog: Catalog, language: str) -> None:
        self._catalog, self._language = catalog, language
        self._index = 0
        self._show_highlight()
        self._show_red_flags()
        self.set_languages(catalog.languages, language)

    def _count(self) -> int:
        return len(self._catalog) if self._catalog is not None else 0

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._count() > 1:
            self._rotate.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._rotate.stop()
        super().hideEvent(event)

    @property
    def rotating(self) -> bool:
        return self._rotate.isActive()

    @Slot()
    def _next_highlight(self) -> None:
        self._index = (self._index + 1) % max(self._count(), 1)
        self._show_highlight()

    def _show_highlight(self) -> None:
        catalog = self._catalog
        self.example.setVisible(self._count() > 0)
        if catalog is None or not self._count():
            self.highlight_name.clear()
            self.highlight_text.clear()
            return
        # Only the technique on show is read out: a catalog may hold thousands.
        shown = presenter(catalog, self._language).technique(catalog.techniques[self._index])
        self.highlight_name.setText(shown.name)
        self.highlight_text.setText(shown.summary)

    def _show_red_flags(self) -> None:
        groups = red_flag_groups(self._catalog, self._language) if self._catalog is not None else ()
        self.red_flags_box.setVisible(bool(groups))
        if groups:
            self.red_flags_title.setText(WORDS.red_flags_line())
            self.red_flags.setText("\n".join(one_paragraph(group) for group in groups))
            self.red_flags.setAccessibleName(f"{self.red_flags_title.text()}\n{self.red_flags.text()}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.startRequested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            super().keyPressEvent(event)
        else:
            self.startRequested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.startRequested.emit()
            return True
        return False
