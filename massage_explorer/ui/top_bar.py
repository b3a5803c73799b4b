"""The bar along the top of every patient screen: title, compare and shortlist, text size,
contrast, start over and language. It is one line on a wide screen and wraps onto more where
the screen is narrow or the text large (ui/common/flow.py); no button is ever cut. On a short
screen at the largest text it is compact: buttons a touch target's height, a smaller title."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from massage_explorer.ui.common.buttons import big_button, language_switch
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.labels import plain_label, set_style_property
from massage_explorer.ui.common.translatable import Texts
from massage_explorer.ui.session import TEXT_STEPS, SessionState

# A window lower than this is a short screen (1024x768, 1366x768, 1280x720): there, at the
# largest text, the bar is compact (see TopBar.fit_height). Not at 1280x800: the 44 px it gives
# the comparison of four in Spanish were what puts its questions in a column of their own, and
# that left two techniques in view where there were four (CompareTable.place_questions).
SHORT_SCREEN_PX = 800
MARGINS = (20, 10, 20, 10)  # left, top, right, bottom
COMPACT_MARGINS = (20, 4, 20, 4)


class TopBar(QWidget):
    """Shows and changes what the session holds; asks the shell for the screens it opens."""

    compareRequested = Signal()
    shortlistRequested = Signal()
    startOverRequested = Signal()

    def __init__(
        self, state: SessionState, languages: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.texts = Texts()
        self.setObjectName("topbar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = FlowLayout(self, spacing=18, wrap_right=True)
        row.setContentsMargins(*MARGINS)
        self.title = plain_label("", role="title")
        self.texts(self.title.setText, lambda: self.tr("Massage Explorer"))
        # The title takes the room the buttons leave on its line, and wraps onto two lines where
        # that keeps the buttons on one (1366 px wide screens).
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.title)
        row.squeeze(self.title)
        row.addWidget(self._badges())
        row.addWidget(self._text_sizes())
        self.contrast_button = big_button("", toggle=True)
        self.texts.button(self.contrast_button, lambda: self.tr("High contrast"))
        self.texts(
            self.contrast_button.setAccessibleDescription,
            lambda: self.tr("Switch to white and yellow text on black."),
        )
        self.contrast_button.toggled.connect(state.set_high_contrast)
        row.addWidget(self.contrast_button)
        self.start_over_button = big_button("")
        self.texts.button(self.start_over_button, lambda: self.tr("Start over"))
        self.texts(
            self.start_over_button.setAccessibleDescription,
            lambda: self.tr("Forget your choices and begin again from the start."),
        )
        self.start_over_button.clicked.connect(self.startOverRequested)
        row.addWidget(self.start_over_button)
        self._row = row
        self._window_height = 0  # the window's, as the shell last told it (fit_height)
        self.compact = False
        self._languages: tuple[str, ...] = ()
        self._switch: QWidget | None = None
        self.language_buttons: dict[str, QPushButton] = {}
        self.set_languages(languages)
        for button in self.findChildren(QPushButton):
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        state.shortlistChanged.connect(self.update_badges)
        state.compareChanged.connect(self.update_badges)
        self.update_badges()
        self.sync()

    def _fit_caption(self) -> None:
        """The "Text size" caption only while the whole bar, its title on one line, fits on one
        line: otherwise its room goes to the buttons (which keep their names, "Text size 3 of
        3")."""
        caption = self.size_label.sizeHint().width() + 10
        one_line = self._row.sizeHint().width() + (0 if self.size_label.isVisibleTo(self) else caption)
        self.size_label.setVisible(one_line <= self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_caption()

    def _style_title(self) -> None:
        # At the largest text the title steps down a size, so the bar takes two lines, not three,
        # on a 1280 px screen. In the compact bar it is the size of the smallest text, whatever
        # the text size: wrapped, its two lines are no higher than the buttons beside it (as a
        # heading they took 94 px), and it stays in view, as staff hold it to reach the PIN pad.
        largest = self.state.text_step == len(TEXT_STEPS) - 1
        role = "brand" if self.compact else "heading" if largest else "title"
        set_style_property(self.title, "role", role)

    def fit_height(self, window_height: int) -> None:
        """The window is `window_height` px high now. On a short screen at the largest text the
        bar takes less of it: its buttons 48 px high (a touch target's height, their text still
        whole) where they are 64, less margin, and a title in smaller letters (_style_title). At
        1024x768 in Spanish the bar took 186 px of 768, and a comparison of four showed three
        lines of the first question's answers."""
        self._window_height = window_height
        largest = self.state.text_step == len(TEXT_STEPS) - 1
        compact = largest and 0 < window_height < SHORT_SCREEN_PX
        if compact == self.compact:
            return
        self.compact = compact
        for button in self.findChildren(QPushButton):
            set_style_property(button, "compact", compact)
        self._row.setContentsMargins(*(COMPACT_MARGINS if compact else MARGINS))
        self._style_title()

    def set_languages(self, languages: tuple[str, ...]) -> None:
        """One button per language of the catalog (a reloaded catalog may add or drop one)."""
        if languages == self._languages:
            return
        self._languages = languages
        switch, self.language_buttons = language_switch(languages, self.state.set_language)
        if self._switch is None:
            self._row.addWidget(switch)
        else:
            self._row.replace(self._switch, switch)
            self._switch.deleteLater()
            switch.setVisible(len(languages) > 1)  # the bar is shown already
        self._switch = switch
        for button in self.language_buttons.values():
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            set_style_property(button, "compact", self.compact)
            button.setChecked(button is self.language_buttons.get(self.state.language))

    def _badges(self) -> QWidget:
        """Compare and Shortlist, kept together on one line."""
        self.compare_button = big_button("")
        self.compare_button.setProperty("role", "badge")
        self.texts(
            self.compare_button.setAccessibleDescription, lambda: self.tr("Show the techniques side by side.")
        )
        self.compare_button.clicked.connect(self.compareRequested)
        self.shortlist_button = big_button("")
        self.shortlist_button.setProperty("role", "badge")
        self.texts(
            self.shortlist_button.setAccessibleDescription, lambda: self.tr("See the techniques you saved.")
        )
        self.shortlist_button.clicked.connect(self.shortlistRequested)
        return _group(self.compare_button, self.shortlist_button)

    def _text_sizes(self) -> QWidget:
        """The caption and the three sizes, kept together on one line."""
        self.size_label = plain_label("")
        self.texts(self.size_label.setText, lambda: self.tr("Text size"))
        widgets: list[QWidget] = [self.size_label]
        self.size_group = QButtonGroup(self)
        for step in range(len(TEXT_STEPS)):
            button = big_button("A", toggle=True)
            self.texts(button.setAccessibleName, functools.partial(self._size_name, step + 1))
            self.texts(button.setAccessibleDescription, lambda: self.tr("Make all text this size."))
            button.setProperty("role", f"size{step}")
            button.setMinimumWidth(64)
            self.size_group.addButton(button, step)
            widgets.append(button)
        self.size_group.idClicked.connect(self.state.set_text_step)
        return _group(*widgets)

    def _size_name(self, n: int) -> str:
        return self.tr("Text size {n} of {m}").format(n=n, m=len(TEXT_STEPS))

    def retranslate(self) -> None:
        self.texts.refresh()
        self.update_badges()

    @Slot()
    def update_badges(self) -> None:
        n = len(self.state.shortlist)
        self.shortlist_button.setText(self.tr("Shortlist ({n})").format(n=n))
        self.shortlist_button.setAccessibleName(self.tr("Shortlist, %n saved", "", n))
        m = len(self.state.compare)
        self.compare_button.setText(self.tr("Compare ({n})").format(n=m))
        self.compare_button.setAccessibleName(self.tr("Compare, %n chosen", "", m))
        self.compare_button.setVisible(m > 0)

    def sync(self) -> None:
        """Show the session's text size, contrast and language as chosen."""
        self.fit_height(self._window_height)
        self._style_title()
        self._fit_caption()
        button = self.size_group.button(self.state.text_step)
        if button is not None:
            button.setChecked(True)
        self.contrast_button.blockSignals(True)
        self.contrast_button.setChecked(self.state.high_contrast)
        self.contrast_button.blockSignals(False)
        for code, language_button in self.language_buttons.items():
            language_button.setChecked(code == self.state.language)


def _group(*widgets: QWidget) -> QWidget:
    """Widgets side by side that wrap as one."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(10)
    for widget in widgets:
        row.addWidget(widget)
    return group
