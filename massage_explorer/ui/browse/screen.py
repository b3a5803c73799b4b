"""The browse screen: filters a patient sets with one finger, and the cards they select."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from massage_explorer.core.catalog import Catalog, Pressure
from massage_explorer.core.filters import Filters
from massage_explorer.ui.browse.filter_panel import FilterPanel
from massage_explorer.ui.browse.filter_proxy import TechniqueFilterProxy
from massage_explorer.ui.cards.model import TechniqueListModel
from massage_explorer.ui.cards.view import CardListView
from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.pages import PageStack
from massage_explorer.ui.common.screen import Screen
from massage_explorer.ui.common.scrolling import viewport_of
from massage_explorer.ui.common.translatable import Texts
from massage_explorer.ui.common.words import WORDS
from massage_explorer.ui.session import SessionState

# Search texts made per turn of the event loop ahead of the first search: a few ms each turn, so
# a tap meanwhile waits no longer than that (5,000 techniques like the bundled ones: 7.6 ms a
# turn, ~0.2 s in all).
SEARCH_TEXTS_PER_TURN = 200
# When the list is not on screen (the kiosk's session, built behind its welcome screen), they are
# made this long after the screen is built or given a new catalog, instead of after its first paint.
SEARCH_TEXTS_HIDDEN_MS = 1500


class BrowseScreen(Screen):
    """Every technique as a card, narrowed by benefit, pressure and words; sorted by condition."""

    openRequested = Signal(str)

    def __init__(self, state: SessionState, model: TechniqueListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self.model = model
        self.proxy = TechniqueFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.texts = Texts()
        self.panel = FilterPanel(state)
        # The filters, by name, as tests and the screenshot tool reach them.
        self.search = self.panel.search
        self.condition_chips = self.panel.condition_chips
        self.benefit_chips = self.panel.benefit_chips
        self.pressure_chips = self.panel.pressure_chips
        self.panel.changed.connect(self._apply_filters)
        self.panel.conditionToggled.connect(self._choose_condition)
        # Until it is shown the screen has no width of its own: size the panel for a screen that
        # fills the display, as the kiosk's does, so that showing it does not lay it out twice.
        self.panel.fit(self.screen().availableGeometry().width())
        state.appearanceChanged.connect(self._fit_panel)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.panel)
        row.addLayout(self._results(), 1)
        # Not rowsInserted/rowsRemoved: one filter change emits those once per range of rows.
        model.modelReset.connect(self._update_status)
        state.conditionChanged.connect(self._sync_condition)
        # Every technique's search text, made ahead of the first search a few at a time.
        self._search_ready = False
        self._prepare_search = QTimer(self)
        self._prepare_search.setInterval(0)  # whenever the event loop is idle
        self._prepare_search.timeout.connect(self._prepare_search_texts)
        self._prepare_search_hidden = QTimer(self)
        self._prepare_search_hidden.setSingleShot(True)
        self._prepare_search_hidden.setInterval(SEARCH_TEXTS_HIDDEN_MS)
        self._prepare_search_hidden.timeout.connect(self._start_preparing_search)
        self.set_catalog(model.catalog)

    def _results(self) -> QVBoxLayout:
        """The count and the filters in words, Clear filters, and the cards (or why there are none)."""
        self.status = plain_label(role="heading")
        self.clear_button = big_button("")
        self.texts.button(self.clear_button, lambda: self.tr("Clear filters"))
        self.texts(self.clear_button.setAccessibleDescription, lambda: self.tr("Show every technique again."))
        self.clear_button.clicked.connect(self.clear_filters)
        # What hides techniques, in words: a chosen chip can be scrolled out of sight.
        self.choices = plain_label(role="muted")
        self.choices.hide()
        # Why the first cards come first, on a line of its own: in the heading, with a long
        # condition name at the largest text, it took the height the cards need.
        self.order = plain_label(role="muted")
        self.order.hide()
        # Clear filters beside the count only: the lines under it take the column's whole width,
        # so that they wrap less (at 1280x720, the largest text, in Spanish, they did not fit).
        # The count wraps beside it, and where even its longest word leaves no room (a portrait
        # screen at the largest text), Clear filters goes under it.
        grows = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        grows.setHeightForWidth(True)
        self.status.setSizePolicy(grows)
        first = FlowLayout(spacing=6)
        first.addWidget(self.status)
        first.squeeze(self.status)
        first.addWidget(self.clear_button)
        first.setAlignment(self.clear_button, Qt.AlignmentFlag.AlignTop)
        top = QVBoxLayout()
        top.setSpacing(2)
        top.addLayout(first)
        top.addWidget(self.order)
        top.addWidget(self.choices)

        self.view = CardListView()
        self.view.setModel(self.proxy)
        self.texts(self.view.setAccessibleName, lambda: self.tr("Techniques"))
        self.texts(
            self.view.setAccessibleDescription,
            lambda: self.tr("Tap a card to read more. Tap Save to add it to your shortlist."),
        )
        self.view.openRequested.connect(self.openRequested)
        self.view.toggleRequested.connect(self._state.toggle_shortlist)
        self.empty = plain_label(role="empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.texts(self.empty.setAccessibleName, lambda: self.tr("No techniques found"))
        self.results = PageStack()
        self.results.addWidget(self.view)
        empty_page = QWidget()
        empty_column = QVBoxLayout(empty_page)
        empty_column.addWidget(self.empty)
        empty_column.addStretch(1)
        self.results.addWidget(empty_page)
        column = QVBoxLayout()
        column.setContentsMargins(8, 16, 16, 8)
        column.addLayout(top)
        column.addWidget(self.results, 1)
        return column

    @Slot()
    def _fit_panel(self) -> None:
        self.panel.fit(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_panel()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._search_ready:
            # Made once the cards are painted, so that it never delays them: else the first
            # keystroke waits for every technique's search text (~0.2 s at 5,000 like the bundled ones).
            viewport_of(self.view).installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is viewport_of(self.view):
            watched.removeEventFilter(self)
            self._prepare_search.start()  # its first turn comes after this paint
        return super().eventFilter(watched, event)

    @Slot()
    def _start_preparing_search(self) -> None:
        if not self._search_ready:
            self._prepare_search.start()

    @Slot()
    def _prepare_search_texts(self) -> None:
        if self.model.prepare_search(SEARCH_TEXTS_PER_TURN):
            self._search_ready = True
            self._prepare_search.stop()

    # -- what the shell asks of every screen ------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        """Show the chips of `catalog`; choices whose terms still exist stay chosen."""
        self.panel.set_catalog(catalog)
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
        self._search_ready = False  # a new catalog, new texts
        if self.isVisible():
            self._prepare_search.start()
        else:  # the kiosk's first patient after a start or a reload would wait for all of them
            self._prepare_search_hidden.start()

    def retranslate(self) -> None:
        self.texts.refresh()
        self.panel.retranslate()
        self._update_status()

    def reset(self) -> None:
        """As a new patient finds it: no filters, no search, no card current."""
        self.clear_filters()
        self.view.setCurrentIndex(QModelIndex())
        self.panel.reset()

    # -- filters ---------------------------------------------------------------------------------
    def filters(self) -> Filters:
        return self.panel.filters()

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
        self.panel.sync_condition()
        self._update_status()

    @Slot()
    def clear_filters(self) -> None:
        self.panel.clear()
        self._state.set_condition(None)
        self._apply_filters()

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
        self.status.setText(status)
        condition = self._state.condition
        # Only when a technique shown is often chosen for it: otherwise "often chosen first" would
        # put an unsuited technique forward (its caution aside).
        order = ""
        if condition and self.proxy.shows_any_suited(condition):
            label = self.model.condition_label(condition)
            order = self.tr("Techniques often chosen for {condition} come first.").format(condition=label)
        self.order.setText(order)
        self.order.setVisible(bool(order))
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
