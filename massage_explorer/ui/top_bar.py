"""The bar along the top of every patient screen: title, compare and shortlist, text size,
contrast, start over and language."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from massage_explorer.ui.common.buttons import big_button, language_switch
from massage_explorer.ui.common.labels import plain_label, set_style_property
from massage_explorer.ui.common.translatable import Texts
from massage_explorer.ui.session import TEXT_STEPS, SessionState


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
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(10)
        self.title = plain_label("", role="title")
        self.texts(self.title.setText, lambda: self.tr("Massage Explorer"))
        # At the largest text the buttons keep their full labels; the title wraps instead.
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(120)
        row.addWidget(self.title, 1)
        self._add_badges(row)
        row.addSpacing(8)
        self._add_text_sizes(row)
        row.addSpacing(8)
        self.contrast_button = big_button("", toggle=True)
        self.texts.button(self.contrast_button, lambda: self.tr("High contrast"))
        self.texts(
            self.contrast_button.setAccessibleDescription,
            lambda: self.tr("Switch to white and yellow text on black."),
        )
        self.contrast_button.toggled.connect(state.set_high_contrast)
        row.addWidget(self.contrast_button)
        row.addSpacing(8)
        self.start_over_button = big_button("")
        self.texts.button(self.start_over_button, lambda: self.tr("Start over"))
        self.texts(
            self.start_over_button.setAccessibleDescription,
            lambda: self.tr("Forget your choices and begin again from the start."),
        )
        self.start_over_button.clicked.connect(self.startOverRequested)
        row.addWidget(self.start_over_button)
        row.addSpacing(8)
        self._row = row
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

    def set_languages(self, languages: tuple[str, ...]) -> None:
        """One button per language of the catalog (a reloaded catalog may add or drop one)."""
        if languages == self._languages:
            return
        self._languages = languages
        switch, self.language_buttons = language_switch(languages, self.state.set_language)
        if self._switch is None:
            self._row.addWidget(switch)
        else:
            self._row.replaceWidget(self._switch, switch)
            self._switch.deleteLater()
            switch.setVisible(len(languages) > 1)  # the bar is shown already
        self._switch = switch
        for button in self.language_buttons.values():
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            button.setChecked(button is self.language_buttons.get(self.state.language))

    def _add_badges(self, row: QHBoxLayout) -> None:
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
        row.addWidget(self.compare_button)
        row.addWidget(self.shortlist_button)

    def _add_text_sizes(self, row: QHBoxLayout) -> None:
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
        for code, language_button in self.language_buttons.items():
            language_button.setChecked(code == self.state.language)
