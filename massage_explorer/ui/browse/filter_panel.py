"""The browse screen's filters: search, "my condition", benefits and pressure, for one finger."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from massage_explorer.core.catalog import Catalog, Pressure, Term
from massage_explorer.core.filters import Filters
from massage_explorer.ui.browse.chip_grid import ChipGrid
from massage_explorer.ui.browse.chip_model import Chip, ChipModel
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.scrolling import enable_kinetic_scrolling
from massage_explorer.ui.common.search_field import SearchField
from massage_explorer.ui.common.translatable import Texts
from massage_explorer.ui.common.words import WORDS
from massage_explorer.ui.session import SessionState

PANEL_WIDTH = 560


class FilterPanel(QScrollArea):
    """The filters in a column of their own that scrolls; the chips are model/view, like the
    cards, because the vocabularies grow with the catalog."""

    changed = Signal()  # the search text, a benefit or a pressure changed
    conditionToggled = Signal(str, bool)  # by the patient

    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._catalog = Catalog(techniques=())
        self.texts = Texts()
        self.search = SearchField()
        self.condition_chips = ChipGrid(ChipModel(exclusive=True, parent=self))
        self.benefit_chips = ChipGrid(ChipModel(parent=self))
        self.pressure_chips = ChipGrid(ChipModel(parent=self))
        self._name_search()
        self._name_chips()
        self._quiet = False  # True while `clear` empties the search: its caller filters once
        self.search.textChanged.connect(self._search_changed)
        self.condition_chips.chips.toggled.connect(self.conditionToggled)
        self.benefit_chips.chips.toggled.connect(self.changed)
        self.pressure_chips.chips.toggled.connect(self.changed)
        self.setWidget(self._column())
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # No stop for Tab of its own: everything in it is a control that Tab reaches, and the
        # panel scrolls to show whichever has the focus (scrolling.reveal, from the window's Tab).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.texts(self.setAccessibleName, lambda: self.tr("Filters"))
        enable_kinetic_scrolling(self)
        self._set_pressure_chips()

    def _name_search(self) -> None:
        # The short hint where the field is too narrow for the long one (SearchField).
        self.texts(self.search.set_full_hint, lambda: self.tr("Search by name or word"))
        self.texts(self.search.set_short_hint, lambda: self.tr("Search"))
        self.texts(self.search.setAccessibleName, lambda: self.tr("Search"))
        self.texts(
            self.search.setAccessibleDescription,
            lambda: self.tr("Type a word to find techniques by name, description or benefit."),
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(MIN_TARGET + 4)

    def _name_chips(self) -> None:
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

    def _column(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("screen")
        column = QVBoxLayout(panel)
        column.setContentsMargins(16, 16, 24, 16)
        column.setSpacing(12)
        column.addWidget(self.search)
        # "My condition" first: it is about safety, and it must be visible without scrolling.
        self.condition_heading = plain_label("", role="heading")
        self.texts(self.condition_heading.setText, lambda: self.tr("My condition"))
        self.condition_hint = plain_label("", role="muted")
        self.texts(
            self.condition_hint.setText,
            lambda: self.tr("Techniques often chosen for it come first, and its cautions are marked."),
        )
        self.benefit_heading = plain_label("", role="heading")
        self.texts(self.benefit_heading.setText, lambda: self.tr("What matters to me"))
        pressure_heading = plain_label("", role="heading")
        self.texts(pressure_heading.setText, lambda: self.tr("Pressure I prefer"))
        for widget in (
            self.condition_heading,
            self.condition_hint,
            self.condition_chips,
            self.benefit_heading,
            self.benefit_chips,
            pressure_heading,
            self.pressure_chips,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        return panel

    def fit(self, screen_width: int) -> None:
        """Larger text gets a wider panel, so chip labels wrap less; the cards keep at least 60%
        of a narrow screen."""
        wanted = round(PANEL_WIDTH * (1 + (self._state.text_scale - 1) * 0.6))
        self.setFixedWidth(min(wanted, max(260, round(screen_width * 0.4))))

    def set_catalog(self, catalog: Catalog) -> None:
        """The chips of `catalog`'s vocabularies; choices whose terms still exist stay chosen."""
        self._catalog = catalog
        lang = self._state.language
        self.benefit_chips.chips.set_chips(_chips(catalog.benefits, lang), self.benefit_chips.chips.chosen())
        self.condition_chips.chips.set_chips(_chips(catalog.conditions, lang), {self._state.condition or ""})
        for widget in (self.benefit_heading, self.benefit_chips):
            widget.setVisible(bool(catalog.benefits))
        for widget in (self.condition_heading, self.condition_hint, self.condition_chips):
            widget.setVisible(bool(catalog.conditions))

    def retranslate(self) -> None:
        self.texts.refresh()
        self.set_catalog(self._catalog)  # the chips carry catalog words in the new language
        self._set_pressure_chips()

    def _set_pressure_chips(self) -> None:
        chips = []
        for level in Pressure:
            word = WORDS.pressure_word(level)
            description = self.tr("Show techniques that can use {p} pressure").format(p=word)
            chips.append(Chip(str(int(level)), word, description))
        self.pressure_chips.chips.set_chips(chips, self.pressure_chips.chips.chosen())

    def filters(self) -> Filters:
        return Filters(
            benefits=self.benefit_chips.chips.chosen(),
            pressures=frozenset(int(level) for level in self.pressure_chips.chips.chosen()),
            query=self.search.text().strip(),
        )

    @Slot()
    def sync_condition(self) -> None:
        self.condition_chips.chips.set_chosen({self._state.condition or ""})

    @Slot()
    def _search_changed(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def clear(self) -> None:
        """No benefit, no pressure, no search text (the condition is the session's to clear)."""
        self.benefit_chips.chips.set_chosen(())
        self.pressure_chips.chips.set_chosen(())
        # setText, not clear(): clear() keeps the undo history, and Ctrl+Z would bring the
        # previous patient's words back. Not with the field's signals blocked: its clear button
        # hears of the text only through them, and stayed on show over the empty field.
        self._quiet = True
        try:
            self.search.setText("")
        finally:
            self._quiet = False

    def reset(self) -> None:
        """No chip current (the choices are cleared by `clear`)."""
        for grid in (self.condition_chips, self.benefit_chips, self.pressure_chips):
            grid.setCurrentIndex(QModelIndex())


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
