"""The clinic's red flags on every patient screen: one line that is always there, and the full list
it opens. Catalog text, so plain text only; the words around it are the app's own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.present import RedFlagGroup
from massage_explorer.ui.common.buttons import WrappingButton, big_button
from massage_explorer.ui.common.labels import catalog_label, plain_label
from massage_explorer.ui.common.overlay import Overlay
from massage_explorer.ui.common.scrolling import WrappedScrollArea
from massage_explorer.ui.common.words import WORDS, presenter


def red_flag_groups(catalog: Catalog, language: str) -> tuple[RedFlagGroup, ...]:
    return presenter(catalog, language).red_flags()


def one_paragraph(group: RedFlagGroup) -> str:
    """'Get emergency care now if you have: new leg weakness; …' for where room is short."""
    return f"{group.heading} " + "; ".join(sign.rstrip(".") for sign in group.signs) + "."


class RedFlagsButton(WrappingButton):
    """The always-visible line at the foot of every patient screen; a tap opens the full list.
    Hidden when the catalog has no red flags. Its words wrap onto a second line where the screen
    is narrower than them (an 800 px wide portrait screen at the largest text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redFlagsLine")
        self.setProperty("role", "redflags")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(WORDS.red_flags_line())
        self.setAccessibleName(WORDS.red_flags_line())
        self.setAccessibleDescription(self.tr("Opens the list of signs that mean: stop and get help now."))

    def set_catalog(self, catalog: Catalog) -> None:
        self.setVisible(bool(catalog.red_flags))


class RedFlagsPanel(Overlay):
    """Every red flag, grouped by what to do, over the dimmed screen; Close goes back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("countdown", parent, width=(640, 1100))  # the same dimmed look
        self.setAccessibleName(WORDS.red_flags_line())
        self.title = plain_label("", role="title")
        self.column.addWidget(self.title)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(12)
        # Whole where the screen has room; flicked through where it has not (a short screen at
        # the largest text), with the title and Close always in view.
        self.scroll_area = WrappedScrollArea(self.body)
        self.scroll_area.set_name(lambda: self.tr("Every warning sign"))
        self.column.addWidget(self.scroll_area)
        self.close_button = big_button("")
        self.close_button.setProperty("role", "primary")
        self.close_button.setMinimumHeight(80)
        self.close_button.clicked.connect(self.hide)
        self.column.addWidget(self.close_button)
        self._groups: tuple[RedFlagGroup, ...] = ()

    def show_groups(self, groups: tuple[RedFlagGroup, ...]) -> None:
        """Fill the panel with these groups (in the patient's language) and show it."""
        self._groups = groups
        self.title.setText(WORDS.red_flags_line())
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setAccessibleDescription(self.tr("Close the warning signs and go back."))
        while (item := self.body_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        for group in groups:
            self.body_layout.addWidget(plain_label(group.heading, role="heading"))
            for sign in group.signs:
                self.body_layout.addWidget(catalog_label(f"• {sign}", role="body"))
        self.present()
        self.scroll_area.fit_body()  # the new lines' height, at the width the area has
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self, groups: tuple[RedFlagGroup, ...]) -> None:
        """Say it again (a language switch or a new catalog) if it is open."""
        if self.isVisible():
            self.show_groups(groups)
