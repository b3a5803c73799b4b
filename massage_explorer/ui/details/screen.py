"""The details screen: everything about one technique, its benefits and its cautions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.catalog import Catalog, Technique
from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.guided import GuidedLayout
from massage_explorer.ui.common.labels import GuidancePanel, plain_label
from massage_explorer.ui.common.navigation import (
    MARGIN,
    add_back_shortcuts,
    keep_full_width,
    label_back_button,
)
from massage_explorer.ui.common.screen import Screen
from massage_explorer.ui.common.scrolling import ReadingArea
from massage_explorer.ui.details.content import ContentBuilder
from massage_explorer.ui.session import MAX_COMPARE, SessionState

MAX_CONTENT_WIDTH = 1100  # px: longer lines are hard to follow


class DetailView(Screen):
    """One technique in full, with Back, Save to my list and Add to compare always at hand."""

    full_guidance = True
    backRequested = Signal()
    compareRequested = Signal()

    def __init__(
        self, state: SessionState, image_folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.catalog: Catalog | None = None
        self.technique_id: str | None = None
        self.image_folder = image_folder  # the catalog's folder: pictures are found there

        self.back_button = big_button("", parent=self)
        self.back_button.setProperty("role", "back")  # the big way back, styled by the theme
        self.save_button = big_button("", parent=self)
        # Checkable: filled when saved, as on the cards, and a screen reader says whether it is on.
        self.save_button.setCheckable(True)
        self.compare_button = big_button("", parent=self)
        self.see_compare_button = big_button("", parent=self)
        self.compare_reason = plain_label("", self, role="muted")
        self.back_button.clicked.connect(self.backRequested)
        self.save_button.clicked.connect(self._toggle_saved)
        self.compare_button.clicked.connect(self._add_to_compare)
        self.see_compare_button.clicked.connect(self.compareRequested)

        # Back on the left, the rest on the right; on a narrow screen or at a large text size
        # the buttons wrap onto a second line, on the right too, rather than losing their words.
        bar = FlowLayout(spacing=16, wrap_right=True)
        gap = QWidget(self)
        gap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        gap.setFixedHeight(0)
        for widget in (self.back_button, gap, self.save_button, self.compare_button, self.see_compare_button):
            bar.addWidget(widget)
        keep_full_width(self.back_button, self.save_button, self.compare_button, self.see_compare_button)

        # The page itself is a stop for Tab where it scrolls: the keyboard reads the cautions
        # further down too (ReadingArea).
        self.scroll_area = ReadingArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.set_name(self._page_name)
        self.content: QWidget | None = None
        self.guidance = GuidancePanel(self)

        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(bar)
        # Full width, text aligned right: a wrapping label placed with a layout alignment gets no
        # height for its width, and its second line was cut off.
        self.compare_reason.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.compare_reason)
        guided = GuidedLayout(self, layout, self.scroll_area, self.guidance)
        guided.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)

        self.setFocusProxy(self.back_button)  # arriving on this screen puts focus on Back
        self._shortcuts = add_back_shortcuts(self, self.backRequested.emit)
        state.shortlistChanged.connect(self._update_actions)
        state.compareChanged.connect(self._update_actions)
        state.conditionChanged.connect(self.content_changed)
        self.retranslate()

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.content_changed()

    def show_technique(self, technique_id: str, catalog: Catalog | None = None) -> None:
        """Open `technique_id`; `catalog`: from this catalog from now on (the page is built once,
        where `set_catalog` first would build it for the technique shown before too)."""
        if catalog is not None:
            self.catalog = catalog
        self.technique_id = technique_id
        self.refresh()
        self.scroll_area.verticalScrollBar().setValue(0)

    def reset(self) -> None:
        """Forget which technique was open, and the page made for it."""
        self.technique_id = None
        self._set_aside()

    def before_restyle(self) -> None:
        # A page not on screen is made again when next shown (~40 ms) rather than restyled with
        # the window: its ~170 widgets were up to half of a larger text's restyle. One on screen
        # is restyled where it is: that is quicker than making it again.
        if not self.isVisible():
            self._set_aside()

    def _set_aside(self) -> None:
        """Drop the page; it is made again when next shown."""
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.content = None
        self._stale = True

    def retranslate(self) -> None:
        label_back_button(self.back_button)
        self.see_compare_button.setAccessibleDescription(
            self.tr("Shows the techniques you picked side by side.")
        )
        self.guidance.refresh()
        self.content_changed()

    def refresh(self) -> None:
        self._stale = False  # also when a technique is opened while a change waits
        technique = self._technique()
        if technique is None or self.catalog is None:
            body: QWidget = plain_label(self.tr("This technique is no longer in the list."), role="body")
        else:
            builder = ContentBuilder(
                self.catalog, self.state.language, self.state.condition, dt.date.today(), self.image_folder
            )
            body = builder.build(technique)
        body.setMaximumWidth(MAX_CONTENT_WIDTH)
        wrapper = QWidget()
        row = QHBoxLayout(wrapper)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(0)
        row.addWidget(body, 1)
        row.addStretch(0)
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll_area.setWidget(wrapper)
        self.content = body
        self.scroll_area.setAccessibleName(self._page_name())
        self._update_actions()

    def _page_name(self) -> str:
        """What the page holds, for a screen reader arriving on it by Tab."""
        technique = self._technique()
        if technique is None:
            return self.tr("About this technique")
        return self.tr("About {name}").format(name=technique.name.get(self.state.language))

    def _technique(self) -> Technique | None:
        if self.catalog is None or self.technique_id is None:
            return None
        return self.catalog.technique(self.technique_id)

    @Slot()
    def _update_actions(self) -> None:
        technique_id = self.technique_id
        known = self._technique() is not None
        for button in (self.save_button, self.compare_button):
            button.setVisible(known)
        saved = technique_id is not None and self.state.is_shortlisted(technique_id)
        self.save_button.setChecked(saved)
        self.save_button.setText(self.tr("★ Saved") if saved else self.tr("☆ Save to my list"))
        self.save_button.setAccessibleName(
            self.tr("Saved to my list") if saved else self.tr("Save to my list")
        )
        self.save_button.setAccessibleDescription(
            self.tr("Tap to take it off your list.")
            if saved
            else self.tr("Keeps this technique on your list to show the therapist.")
        )
        compared = technique_id is not None and self.state.in_compare(technique_id)
        full = not self.state.can_add_to_compare()
        reason = ""
        if compared:
            text, description = self.tr("✓ In the comparison"), self.tr("Already being compared.")
        else:
            text = self.tr("⇄ Add to compare")
            description = self.tr("Puts this technique side by side with others.")
            if full:
                reason = self.tr(
                    "You are already comparing {n} techniques. Remove one to add this one."
                ).format(n=MAX_COMPARE)
                description = reason
        self.compare_button.setText(text)
        self.compare_button.setAccessibleName(text.lstrip("✓⇄ "))
        self.compare_button.setAccessibleDescription(description)
        self.compare_button.setEnabled(known and not compared and not full)
        self.compare_reason.setText(reason)
        self.compare_reason.setVisible(bool(reason) and known)
        count = len(self.state.compare)
        see = self.tr("See comparison ({n})").format(n=count)
        self.see_compare_button.setText(see)
        self.see_compare_button.setAccessibleName(see)
        self.see_compare_button.setVisible(count > 0)

    @Slot()
    def _toggle_saved(self) -> None:
        if self.technique_id is not None:
            self.state.toggle_shortlist(self.technique_id)

    @Slot()
    def _add_to_compare(self) -> None:
        if self.technique_id is not None:
            self.state.add_to_compare(self.technique_id)
