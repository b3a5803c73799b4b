"""The compare screen: two to four techniques side by side, one row per question a patient asks."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.catalog import Catalog, Technique
from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.guided import TABLE_SHARE, TABLE_SIDE_SHARE, GuidedLayout
from massage_explorer.ui.common.labels import (
    GuidancePanel,
    catalog_label,
    plain_label,
    set_style_property,
)
from massage_explorer.ui.common.navigation import (
    MARGIN,
    add_back_shortcuts,
    keep_full_width,
    label_back_button,
)
from massage_explorer.ui.common.pages import PageStack
from massage_explorer.ui.common.screen import Screen
from massage_explorer.ui.compare.advice import AdviceFold
from massage_explorer.ui.compare.headers import ColumnHeader
from massage_explorer.ui.compare.model import CompareModel, DifferencesProxy
from massage_explorer.ui.compare.picker import PickerPage
from massage_explorer.ui.compare.table import make_compare_table, name_table_parts
from massage_explorer.ui.session import MAX_COMPARE, TEXT_STEPS, SessionState


class CompareView(Screen):
    """The techniques in `state.compare` as columns; add, remove and open each from here."""

    full_guidance = True
    backRequested = Signal()
    detailsRequested = Signal(str)

    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.catalog: Catalog | None = None
        self.model = CompareModel(self)
        self.proxy = DifferencesProxy(self)
        self.proxy.setSourceModel(self.model)

        self.picker_page = PickerPage(self)
        self.picker_page.picked.connect(self._pick)
        self.picker_page.cancelled.connect(self.close_picker)
        # The picker's parts, by the names tests and the tab order use.
        self.picker, self.picker_model = self.picker_page.list, self.picker_page.model
        self.picker_title, self.picker_empty = self.picker_page.title, self.picker_page.empty
        self.picker_cancel = self.picker_page.cancel
        self.stack = PageStack(self)
        self.table_page, self.placeholder = self._table_page(), self._placeholder()
        for page in (self.table_page, self.placeholder, self.picker_page):
            self.stack.addWidget(page)
        self.guidance = GuidancePanel(self)
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(self._bar())
        guided = GuidedLayout(
            self,
            layout,
            self.stack,
            self.guidance,
            body_share=TABLE_SHARE,
            body_wants=self._table_wants,
            side_shares=(TABLE_SIDE_SHARE,),
            scrolled_share=TABLE_SIDE_SHARE,
            head_across=True,
            fold=self.advice.folds,
        )
        guided.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.advice.follow(guided)
        guided.foldedChanged.connect(self._set_tab_order)  # the advice button came or went
        self.guided = guided

        self.setFocusProxy(self.back_button)  # arriving on this screen puts focus on Back
        self._shortcuts = add_back_shortcuts(self, self._back)
        state.compareChanged.connect(self.content_changed)
        state.conditionChanged.connect(self.content_changed)
        state.shortlistChanged.connect(self._update_saved)
        # The theme changes the font in its own slot; measure again once it has.
        # A timer owned by the view (not a lambda): it dies with the view, so it can never call
        # refresh() on a screen that was already destroyed.
        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(0)
        self._refresh_later.timeout.connect(self.content_changed)
        state.appearanceChanged.connect(self._refresh_later.start)
        self.retranslate()

    def _bar(self) -> FlowLayout:
        """Back, the title, and the buttons that change what is compared."""
        self.back_button = big_button("", parent=self)
        self.title = plain_label("", self, role="title")
        self.differences_button = big_button("", parent=self)
        self.differences_button.setCheckable(True)
        # Where the table needs the whole width, the clinic's advice is a tap away behind this
        # (GuidedLayout's fold): shown in the table's place, until tapped again or Back.
        self.advice = AdviceFold(self.table, self)
        self.advice_button = self.advice.button
        self.add_button = big_button("", parent=self)
        self.add_limit = plain_label("", self, role="muted")
        self.hidden_rows = plain_label("", self, role="body")
        self.back_button.clicked.connect(self._back)
        self.differences_button.toggled.connect(self._set_only_differences)
        self.add_button.clicked.connect(self.open_picker)
        # One line on a wide screen; on a narrow one or at a large text size the controls wrap.
        bar = FlowLayout(spacing=16)
        for label in (self.title, self.hidden_rows, self.add_limit):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # The note last: with the title hidden (_questions_moved), Back and the toggle share a row.
        for widget in (
            self.back_button,
            self.title,
            self.differences_button,
            self.advice_button,
            self.hidden_rows,
            self.add_button,
            self.add_limit,
        ):
            bar.addWidget(widget)
        keep_full_width(self.back_button, self.differences_button, self.advice_button, self.add_button)
        # At four, the note wraps beside the toggle rather than take a row of its own where that
        # saves height: on a short screen at the largest text, that row was what two columns
        # needed of the table's height. (Beside the advice button too, it took five lines there.)
        # So does the line counting the rows "only differences" hides, which takes the note's
        # place at four: above the table it took the height a second column needed.
        bar.squeeze(self.hidden_rows)
        bar.squeeze(self.add_limit)
        return bar

    def _table_page(self) -> QWidget:
        """The comparison itself."""
        self.table = make_compare_table(self)
        self.table.setModel(self.proxy)
        self.header: ColumnHeader = self.table.horizontalHeader()  # type: ignore[assignment]
        self.header.sectionClicked.connect(self._open_column)
        # Many people tap twice; a second tap must not be lost as a "double click".
        self.header.sectionDoubleClicked.connect(self._open_column)
        self.header.detailsClicked.connect(self._open_column)
        self.header.removeClicked.connect(self._remove_column)
        self.header.saveClicked.connect(self._toggle_saved)
        self.header.make_columns(MAX_COMPARE)
        self.table.activated.connect(lambda index: self._open_column(index.column()))
        self.table.questionsMoved.connect(self._questions_moved)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        return page

    def _table_wants(self, width: int) -> int:
        """What the comparison needs of the height where it is shown (CompareTable.least_height):
        where the clinic's guidance below would leave less, it goes beside (GuidedLayout)."""
        if self.stack.currentWidget() is not self.table_page:
            return 0
        return self.table.least_height(width)

    def hideEvent(self, event: QHideEvent) -> None:
        # Left, whichever way (Back, the top bar's Shortlist, Start over): the next visit finds
        # the comparison, not the advice a patient opened and walked away from. A window only
        # minimised (spontaneous) was not left.
        if not event.spontaneous():
            self.advice.close()
        super().hideEvent(event)

    def _placeholder(self) -> QWidget:
        """Fewer than two techniques chosen: what to do, and a button to do it."""
        self.message = plain_label("", self, role="heading")
        self.picked = catalog_label("", self, role="body")  # "You picked: <a name>"
        self.placeholder_add_button = big_button("", parent=self)
        self.placeholder_add_button.clicked.connect(self.open_picker)
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.addStretch(1)
        for label in (self.message, self.picked):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
        column.addWidget(self.placeholder_add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return page

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.content_changed()

    def techniques(self) -> list[Technique]:
        if self.catalog is None:
            return []
        found = (self.catalog.technique(i) for i in self.state.compare)
        return [t for t in found if t is not None]

    def retranslate(self) -> None:
        label_back_button(self.back_button)
        self.title.setText(self.tr("Compare techniques"))
        add = self.tr("+ Add a technique")
        for button in (self.add_button, self.placeholder_add_button):
            button.setText(add)
            button.setAccessibleName(self.tr("Add a technique"))
            button.setAccessibleDescription(self.tr("Choose one more technique to compare."))
        self.add_limit.setText(self.tr("Up to {n} at once: remove one to add another.").format(n=MAX_COMPARE))
        self.differences_button.setAccessibleName(self.tr("Show only differences"))
        self.differences_button.setAccessibleDescription(
            self.tr("Hides the rows where every technique gives the same answer. Cautions always stay.")
        )
        name_table_parts(self.table)
        self.table.setAccessibleName(self.tr("Comparison table"))
        self.table.setAccessibleDescription(
            self.tr("Each row is a question, each column a technique. Enter opens a technique.")
        )
        self.picker_page.retranslate()
        self.guidance.refresh()
        self._update_differences_text()
        self.advice.retranslate()
        self.content_changed()

    @Slot()
    def refresh(self) -> None:
        # At the largest text the title steps down a size (as the top bar's does), so that it
        # still fits beside Back on a short screen and the table keeps the height for a row.
        largest = self.state.text_step == len(TEXT_STEPS) - 1
        set_style_property(self.title, "role", "heading" if largest else "title")
        techniques = self.techniques()
        language = self.state.language
        self.model.set_content(self.catalog, techniques, language, self.state.condition)
        self.header.set_names([self.model.technique_name(i) for i in range(len(techniques))])
        self.table.place_questions()  # names and text size decide whether the questions fit beside
        self._update_saved()
        enough = len(techniques) >= 2
        room = len(techniques) < MAX_COMPARE
        picking = self.stack.currentWidget() is self.picker_page
        # At four, the reason takes the button's place (a greyed-out button beside it only
        # repeated it, and took a line of a short screen's height): see _update_hidden_rows.
        self.add_button.setVisible(enough and room and not picking)
        self.add_button.setEnabled(room)
        self.differences_button.setVisible(enough and not picking)
        self.message.setText(
            self.tr("Pick one more technique to compare")
            if techniques
            else self.tr("Pick two techniques to compare")
        )
        self.picked.setText(
            self.tr("You picked: {name}").format(name=self.model.technique_name(0)) if techniques else ""
        )
        self.picked.setVisible(bool(techniques))
        if self.stack.currentWidget() is self.picker_page:
            self._fill_picker()
        else:
            self._show_main_page()
        self._update_hidden_rows()
        self._set_tab_order()

    @Slot(bool)
    def _questions_moved(self, in_cells: bool) -> None:
        """The table is so short that its questions went into the cells: the title goes too, to
        leave the table more of the answers below the names. The top bar's Compare button still says
        where the patient is."""
        if in_cells:
            self.table.given_back = self.title.height() + 8  # the bar's spacing between rows
        self.title.setVisible(not in_cells)
        self.model.questions_in_text = in_cells

    def _show_main_page(self) -> None:
        enough = self.model.columnCount() >= 2
        self.stack.setCurrentWidget(self.table_page if enough else self.placeholder)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.back_button,
            self.differences_button,
            self.advice_button,
            self.add_button,
        ]
        chain += [b for buttons in self.header.buttons for b in buttons]
        chain += [self.table, self.placeholder_add_button, self.picker, self.picker_cancel]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    @Slot()
    def open_picker(self) -> None:
        if not self.state.can_add_to_compare():
            return
        self.advice.close()
        self.stack.setCurrentWidget(self.picker_page)
        self.refresh()
        self.picker.setFocus()

    @Slot()
    def close_picker(self) -> None:
        self._show_main_page()
        self.refresh()  # (with the picker gone: what the bar shows depends on it)

    def _fill_picker(self) -> None:
        shown = set(self.state.compare)
        rest = [t for t in (self.catalog or ()) if t.id not in shown]
        self.picker_page.fill(rest, self.state.language)

    @Slot(str)
    def _pick(self, technique_id: str) -> None:
        if self.stack.currentWidget() is not self.picker_page:
            return
        self.stack.setCurrentWidget(self.table_page)  # before refresh, so the picker is closed
        self.state.add_to_compare(technique_id)
        self.close_picker()

    def step_back(self) -> bool:
        """From the picker or the clinic's advice, back to the comparison."""
        if self.advice_button.isChecked():
            self.advice.close()
            return True
        if self.stack.currentWidget() is not self.picker_page:
            return False
        self.close_picker()
        return True

    @Slot()
    def _back(self) -> None:
        if not self.step_back():
            self.backRequested.emit()

    @Slot(int)
    def _open_column(self, column: int) -> None:
        if 0 <= column < self.model.columnCount():
            self.detailsRequested.emit(self.model.technique_id(column))

    @Slot(int)
    def _remove_column(self, column: int) -> None:
        if not 0 <= column < self.model.columnCount():
            return
        had_focus = any(b.hasFocus() for b in self.header.buttons[column])
        self.state.remove_from_compare(self.model.technique_id(column))
        if had_focus:  # keep the keyboard user nearby
            buttons = self.header.buttons
            table = self.stack.currentWidget() is self.table_page and buttons
            target = buttons[min(column, len(buttons) - 1)].remove if table else self.placeholder_add_button
            # Focus comes to it again even where it is the very button pressed (columns keep their
            # buttons, named again): a screen reader says a control as focus comes to it, and
            # would not say that this one now removes another technique.
            if target.hasFocus():
                target.clearFocus()
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(int)
    def _toggle_saved(self, column: int) -> None:
        if 0 <= column < self.model.columnCount():
            self.state.toggle_shortlist(self.model.technique_id(column))

    @Slot()
    def _update_saved(self) -> None:
        for column in range(min(self.model.columnCount(), len(self.header.buttons))):
            saved = self.state.is_shortlisted(self.model.technique_id(column))
            self.header.set_saved(column, saved, self.model.technique_name(column))

    def reset(self) -> None:
        """As a new patient finds it: all rows shown, no picker."""
        self.differences_button.setChecked(False)
        self.advice.close()
        if self.stack.currentWidget() is self.picker_page:
            self.close_picker()

    @Slot(bool)
    def _set_only_differences(self, on: bool) -> None:
        self.advice.close()  # the patient sees what the toggle did
        self.proxy.set_only_differences(on)
        self._update_differences_text()
        self._update_hidden_rows()

    def _update_differences_text(self) -> None:
        on = self.differences_button.isChecked()
        self.differences_button.setText(
            self.tr("☑ Show only differences") if on else self.tr("☐ Show only differences")
        )

    def _update_hidden_rows(self) -> None:
        """The line counting the rows "only differences" hides, beside the toggle; at four, where
        it hides none, the note on the limit stands there instead."""
        hidden = self.proxy.hidden_count() if self.proxy.only_differences else 0
        if hidden == 1:
            text = self.tr("1 row is the same for all and is hidden.")
        else:  # the count as %n, so a translation can choose its plural form
            text = self.tr("%n rows are the same for all and are hidden.", "", hidden)
        self.hidden_rows.setText(text)
        picking = self.stack.currentWidget() is self.picker_page
        self.hidden_rows.setVisible(hidden > 0 and not picking)
        full = self.model.columnCount() >= MAX_COMPARE
        self.add_limit.setVisible(full and not picking and not self.hidden_rows.isVisibleTo(self))
