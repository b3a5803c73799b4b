"""The browse screen: filters a patient sets with one finger, and the cards they select."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.catalog import Catalog, Pressure, Term
from massage_explorer.ui.browse.chip_grid import ChipGrid
from massage_explorer.ui.browse.chip_model import Chip, ChipModel
from massage_explorer.ui.cards.model import Filters, TechniqueFilterProxy, TechniqueListModel
from massage_explorer.ui.cards.view import CardListView
from massage_explorer.ui.common.widgets import (
    MIN_TARGET,
    Texts,
    big_button,
    enable_kinetic_scrolling,
    plain_label,
)
from massage_explorer.ui.common.words import WORDS
from massage_explorer.ui.session import SessionState

PANEL_WIDTH = 560


class BrowseScreen(QWidget):
    """Every technique as a card, narrowed by benefit, pressure and words; sorted by condition."""

    openRequested = Signal(str)

    def __init__(self, state: SessionState, model: TechniqueListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self.model = model
        self.proxy = TechniqueFilterProxy(self)
        self.proxy.setSourceModel(model)
        # The filter chips: model/view, like the cards (the vocabularies grow with the catalog).
        self.condition_chips = ChipGrid(ChipModel(exclusive=True, parent=self))
        self.benefit_chips = ChipGrid(ChipModel(parent=self))
        self.pressure_chips = ChipGrid(ChipModel(parent=self))

        self.search = QLineEdit()
        self.texts = Texts()
        self.texts(self.search.setPlaceholderText, lambda: self.tr("Search by name or word"))
        self.texts(self.search.setAccessibleName, lambda: self.tr("Search"))
        self.texts(
            self.search.setAccessibleDescription,
            lambda: self.tr("Type a word to find techniques by name, description or benefit."),
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(MIN_TARGET + 4)
        self.search.textChanged.connect(self._apply_filters)

        for grid, name, description in (
            (
                self.condition_chips,
                lambda: self.tr("My condition"),
                lambda: self.tr("Choose one. Tap it again to clear it."),
            ),
            (
                self.benefit_chips,
                lambda: self.tr("What matters to me"),
                lambda: self.tr(
                    "Choose any. Techniques reported to help with at least one of them are shown."
                ),
            ),
            (
                self.pressure_chips,
                lambda: self.tr("Pressure I prefer"),
                lambda: self.tr("Choose any. Techniques that can use at least one of them are shown."),
            ),
        ):
            self.texts(grid.setAccessibleName, name)
            self.texts(grid.setAccessibleDescription, description)
        self.condition_chips.chips.toggled.connect(self._choose_condition)
        self.benefit_chips.chips.toggled.connect(self._apply_filters)
        self.pressure_chips.chips.toggled.connect(self._apply_filters)

        panel = QWidget()
        panel.setObjectName("screen")
        col = QVBoxLayout(panel)
        col.setContentsMargins(16, 16, 24, 16)
        col.setSpacing(12)
        col.addWidget(self.search)
        # "My condition" first: it is about safety, and it must be visible without scrolling.
        self._condition_heading = plain_label("", role="heading")
        self.texts(self._condition_heading.setText, lambda: self.tr("My condition"))
        self._condition_hint = plain_label("", role="muted")
        self.texts(
            self._condition_hint.setText,
            lambda: self.tr("Techniques often chosen for it come first, and its cautions are marked."),
        )
        col.addWidget(self._condition_heading)
        col.addWidget(self._condition_hint)
        col.addWidget(self.condition_chips)
        self._benefit_heading = plain_label("", role="heading")
        self.texts(self._benefit_heading.setText, lambda: self.tr("What matters to me"))
        col.addWidget(self._benefit_heading)
        col.addWidget(self.benefit_chips)
        pressure_heading = plain_label("", role="heading")
        self.texts(pressure_heading.setText, lambda: self.tr("Pressure I prefer"))
        col.addWidget(pressure_heading)
        col.addWidget(self.pressure_chips)
        col.addStretch(1)
        self._set_pressure_chips()

        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        enable_kinetic_scrolling(scroll)
        self._panel_scroll = scroll
        # Until it is shown the screen has no width of its own: size the panel for a screen that
        # fills the display, as the kiosk's does, so that showing it does not lay it out twice.
        self._fit_panel(self.screen().availableGeometry().width())
        state.appearanceChanged.connect(self._fit_panel)

        self.status = plain_label(role="heading")
        self.clear_button = big_button("")
        self.texts.button(self.clear_button, lambda: self.tr("Clear filters"))
        self.texts(self.clear_button.setAccessibleDescription, lambda: self.tr("Show every technique again."))
        self.clear_button.clicked.connect(self.clear_filters)
        # What hides techniques, in words: a chosen chip can be scrolled out of sight.
        self.choices = plain_label(role="muted")
        self.choices.hide()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.status)
        heading.addWidget(self.choices)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.clear_button)

        self.view = CardListView()
        self.view.setModel(self.proxy)
        self.texts(self.view.setAccessibleName, lambda: self.tr("Techniques"))
        self.texts(
            self.view.setAccessibleDescription,
            lambda: self.tr("Tap a card to read more. Tap Save to add it to your shortlist."),
        )
        self.view.openRequested.connect(self.openRequested)
        self.view.toggleRequested.connect(state.toggle_shortlist)
        self.empty = plain_label(role="empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.texts(self.empty.setAccessibleName, lambda: self.tr("No techniques found"))
        self.results = QStackedWidget()
        self.results.addWidget(self.view)
        empty_page = QWidget()
        empty_col = QVBoxLayout(empty_page)
        empty_col.addWidget(self.empty)
        empty_col.addStretch(1)
        self.results.addWidget(empty_page)

        right = QVBoxLayout()
        right.setContentsMargins(8, 16, 16, 8)
        right.addLayout(top)
        right.addWidget(self.results, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(scroll)
        row.addLayout(right, 1)

        # Not rowsInserted/rowsRemoved: one filter change emits those once per range of rows.
        model.modelReset.connect(self._update_status)
        state.conditionChanged.connect(self._sync_condition)
        self.set_catalog(model.catalog)

    @Slot()
    def _fit_panel(self, width: int | None = None) -> None:
        # Larger text gets a wider filter panel, so chip labels wrap less; the cards keep at
        # least 60% of a narrow screen.
        wanted = round(PANEL_WIDTH * (1 + (self._state.text_scale - 1) * 0.6))
        width = self.width() if width is None else width
        self._panel_scroll.setFixedWidth(min(wanted, max(260, round(width * 0.4))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_panel()

    # -- building the chips from the catalog's vocabularies ------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        """Show the chips of `catalog`; choices whose terms still exist stay chosen."""
        lang = self._state.language
        self.benefit_chips.chips.set_chips(_chips(catalog.benefits, lang), self.benefit_chips.chips.chosen())
        self.condition_chips.chips.set_chips(_chips(catalog.conditions, lang), {self._state.condition or ""})
        for widget in (self._benefit_heading, self.benefit_chips):
            widget.setVisible(bool(catalog.benefits))
        for widget in (self._condition_heading, self._condition_hint, self.condition_chips):
            widget.setVisible(bool(catalog.conditions))
        if self._state.condition and self._state.condition not in self.condition_chips.chips.chosen():
            self._state.set_condition(None)
        # Tab follows the reading order.
        chain: list[QWidget] = [
            self.search,
            self.condition_chips,
            self.benefit_chips,
            self.pressure_chips,
            self.clear_button,
            self.view,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._apply_filters()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.refresh()
            self._set_pressure_chips()
            self._update_status()

    def _pressure_description(self, word: str) -> str:
        return self.tr("Show techniques that can use {p} pressure").format(p=word)

    def _set_pressure_chips(self) -> None:
        chips = []
        for level in Pressure:
            word = WORDS.pressure_word(level)
            chips.append(Chip(str(int(level)), word, self._pressure_description(word)))
        self.pressure_chips.chips.set_chips(chips, self.pressure_chips.chips.chosen())

    # -- filters ---------------------------------------------------------------------------------
    def filters(self) -> Filters:
        return Filters(
            benefits=self.benefit_chips.chips.chosen(),
            pressures=frozenset(int(level) for level in self.pressure_chips.chips.chosen()),
            query=self.search.text().strip(),
        )

    @Slot()
    def _apply_filters(self) -> None:
        filters = self.filters()
        self.model.set_wanted_benefits(filters.benefits)
        self.proxy.set_filters(filters)
        self._update_status()

    @Slot(str, bool)
    def _choose_condition(self, key: str, on: bool) -> None:
        if on:
            self._state.set_condition(key)
        elif self._state.condition == key:
            self._state.set_condition(None)

    @Slot()
    def _sync_condition(self) -> None:
        self.condition_chips.chips.set_chosen({self._state.condition or ""})
        self._update_status()

    @Slot()
    def clear_filters(self) -> None:
        self.benefit_chips.chips.set_chosen(())
        self.pressure_chips.chips.set_chosen(())
        self.search.blockSignals(True)
        # setText, not clear(): clear() keeps the undo history, and Ctrl+Z would bring the
        # previous patient's words back.
        self.search.setText("")
        self.search.blockSignals(False)
        self._state.set_condition(None)
        self._apply_filters()

    def reset(self) -> None:
        """As a new patient finds it: no filters, no search, both lists scrolled to the top."""
        self.clear_filters()
        self.view.setCurrentIndex(QModelIndex())
        self.view.scrollToTop()
        for grid in (self.condition_chips, self.benefit_chips, self.pressure_chips):
            grid.setCurrentIndex(QModelIndex())
        self._panel_scroll.verticalScrollBar().setValue(0)

    # -- status line and the empty message -------------------------------------------------------
    @Slot()
    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        filters = self.proxy.filters
        if shown == total:
            status = (
                self.tr("1 technique")
                if total == 1
                else self.tr("All {total} techniques").format(total=total)
            )
        elif total == 1:
            status = self.tr("Showing 0 of 1 technique")
        else:
            status = self.tr("Showing {shown} of {total} techniques").format(shown=shown, total=total)
        condition = self._state.condition
        # Only when a technique shown is often chosen for it: otherwise "often chosen first" would
        # put an unsuited technique forward (its caution aside).
        if condition and self.proxy.shows_any_suited(condition):
            label = self.model.condition_label(condition)
            status += " · " + self.tr("often chosen for {condition} first").format(condition=label)
        self.status.setText(status)
        choices = self.choices_text(filters)
        self.choices.setText(choices)
        self.choices.setVisible(bool(choices))
        self.clear_button.setEnabled(bool(filters.active_groups or self._state.condition))
        self.results.setCurrentIndex(0 if shown or not total else 1)
        if shown == 0:
            self.empty.setText(self.empty_message(filters))

    def choices_text(self, filters: Filters) -> str:
        """The filters in force, in words ("" when none)."""
        words = self.benefit_chips.chips.label
        parts = [words(b) for b in sorted(filters.benefits)]
        parts += [
            self.tr("{level} pressure").format(level=WORDS.pressure_word(Pressure(p)).lower())
            for p in sorted(filters.pressures)
        ]
        if filters.query:
            parts.append(f"\u201c{filters.query}\u201d")
        return self.tr("Your choices: {choices}").format(choices=", ".join(parts)) if parts else ""

    def empty_message(self, filters: Filters) -> str:
        """Say which filters hide everything and which one to drop to see something again."""
        if filters.active_groups == 0:
            return self.tr("There are no techniques in the catalog yet.")
        if filters.active_groups == 1:
            lead = self.tr("No technique matches this filter.")
        else:
            lead = self.tr("No technique matches all {n} filters.").format(n=filters.active_groups)
        words = self.benefit_chips.chips.label
        options = [
            (
                Filters(frozenset(), filters.pressures, filters.query),
                ", ".join(f"'{words(b)}'" for b in sorted(filters.benefits)),
            ),
            (
                Filters(filters.benefits, frozenset(), filters.query),
                ", ".join(f"'{WORDS.pressure_word(Pressure(p))}'" for p in sorted(filters.pressures)),
            ),
            (Filters(filters.benefits, filters.pressures, ""), f"'{filters.query}'"),
        ]
        active = [(f, label) for f, label in options if f != filters]
        best = max(active, key=lambda item: self.proxy.count_matching(item[0]))
        if self.proxy.count_matching(best[0]):
            hint = self.tr("Try removing {what}.").format(what=best[1])
        else:
            hint = self.tr("Try removing some of your choices.")
        return "\n\n".join((lead, hint, self.tr("Or tap 'Clear filters' to see every technique.")))


def _chips(terms: tuple[Term, ...], lang: str) -> list[Chip]:
    """A chip per term: its label, and its description (or the label again) for screen readers."""
    return [
        Chip(
            term.id,
            term.label.get(lang),
            (term.description.get(lang) if term.description else "") or term.label.get(lang),
        )
        for term in terms
    ]
