"""The left side: Techniques | Benefits | Conditions, each a searchable list with its buttons."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.catalog import Catalog, Text
from massage_explorer.core.filters import fold
from massage_explorer.ui.common.buttons import MIN_TARGET, big_button
from massage_explorer.ui.editor.document import BENEFITS, CONDITIONS, KINDS, TECHNIQUES
from massage_explorer.ui.editor.list_models import ID_ROLE, LIST_MINIMUM_PX, Row, RowsModel, SearchProxy

# Lines made between two events while the editor opens: about 6 ms of a turn of the event loop
# for 1,000 (the search words are folded for each).
ROWS_PER_STEP = 1000


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def _named(catalog: Catalog, kind: str) -> list[tuple[str, Text]]:
    """Each item's id and name (or label): all a list line shows."""
    if kind == TECHNIQUES:
        return [(t.id, t.name) for t in catalog.techniques]
    terms = catalog.benefits if kind == BENEFITS else catalog.conditions
    return [(t.id, t.label) for t in terms]


def rows_for(catalog: Catalog, kind: str) -> list[Row]:
    """The list's lines: the default-language name or label, then the id; search sees every language."""
    return _rows(_named(catalog, kind))


def _rows(items: list[tuple[str, Text]]) -> list[Row]:
    return [
        Row(item_id, f"{text.default or _tr('(no name)')}  ·  {item_id}",
            fold(" ".join([item_id, *(value for _, value in text.pairs)])))
        for item_id, text in items
    ]  # fmt: skip


class ItemPanel(QWidget):
    """One kind of item: search box, list (model/view) and Add, Duplicate or Rename, Delete, Move."""

    selected = Signal(str)  # item id
    actionRequested = Signal(str)  # "add", "duplicate", "rename", "delete", "up", "down"

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._named: list[tuple[str, Text]] | None = None  # what the list shows
        noun = {TECHNIQUES: _tr("technique"), BENEFITS: _tr("benefit"), CONDITIONS: _tr("condition")}[kind]
        self.model = RowsModel(self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_tr("Search…"))
        self.search.setAccessibleName(_tr("Search {kind}").format(kind=kind))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(MIN_TARGET)
        self.search.textChanged.connect(self.proxy.set_query)
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(_tr("List of {kind}").format(kind=kind))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setMinimumHeight(LIST_MINIMUM_PX)
        self.view.setProperty("role", "editorList")
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        second = ("duplicate", _tr("Duplicate")) if kind == TECHNIQUES else ("rename", _tr("Rename id…"))
        self.buttons = {}
        # Two rows, each button at its whole label's width: the panel is never narrower than its
        # three tabs, where both rows fit (three even columns cut "Duplicate" and "Move down").
        grid = QVBoxLayout()
        grid.setSpacing(8)
        rows = ([("add", _tr("Add")), second, ("delete", _tr("Delete…"))],
                [("up", _tr("Move up")), ("down", _tr("Move down"))])  # fmt: skip
        for actions in rows:
            row = QHBoxLayout()
            row.setSpacing(8)
            for action, label in actions:
                spoken = _tr("{action} {noun}").format(action=label.rstrip("…"), noun=noun)
                button = big_button(label, spoken, self)
                button.clicked.connect(lambda _=False, a=action: self.actionRequested.emit(a))
                self.buttons[action] = button
                row.addWidget(button)
            row.addStretch(1)
            grid.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(grid)

    def set_catalog(self, catalog: Catalog) -> None:
        for _ in self.set_catalog_in_steps(catalog, batch=0):
            pass

    def set_catalog_in_steps(self, catalog: Catalog, batch: int = ROWS_PER_STEP) -> Iterator[None]:
        """`set_catalog`, yielding after each `batch` lines made (0: all at once); the list
        changes only at the end, all in one."""
        # Most edits change no name: comparing names costs far less than making 5,000 lines again
        # (the window does this after every keystroke).
        named = _named(catalog, self.kind)
        if named == self._named:
            return
        rows: list[Row] = []
        step = batch or max(len(named), 1)
        for start in range(0, len(named), step):
            rows += _rows(named[start : start + step])
            if batch:
                yield
        self._named = named
        self.model.set_rows(rows)

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else None

    def select(self, item_id: str | None) -> None:
        """Make `item_id` current without emitting `selected` (the window already shows it)."""
        row = self.model.row_of(item_id) if item_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if row >= 0 and not index.isValid():  # hidden by the search: show everything again
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        selection = self.view.selectionModel()
        was = selection.blockSignals(True)
        if index.isValid():
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)
        else:
            selection.clearSelection()
        selection.blockSignals(was)
        self.view.viewport().update()
        has = index.isValid()
        for action in ("duplicate", "rename", "delete", "up", "down"):
            if action in self.buttons:
                self.buttons[action].setEnabled(has)
        if has:
            self.buttons["up"].setEnabled(row > 0)
            self.buttons["down"].setEnabled(row < self.model.rowCount() - 1)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.selected.emit(str(current.data(ID_ROLE)))


class Sidebar(QTabWidget):
    """The switch between the three kinds; `selected(kind, id)` when staff pick an item."""

    selected = Signal(str, str)
    actionRequested = Signal(str, str)  # kind, action

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_tr("What to edit"))
        self.setDocumentMode(True)
        # Every tab whole, with no small scroll arrows: the panel is kept as wide as the three.
        self.tabBar().setUsesScrollButtons(False)
        self.panels: dict[str, ItemPanel] = {}
        self._titles = {
            TECHNIQUES: _tr("Techniques"),
            BENEFITS: _tr("Benefits"),
            CONDITIONS: _tr("Conditions"),
        }
        # The first panel now, the others in tabs of their own holding nothing until
        # `make_term_panels`: the editor's window makes them after its first paint.
        for kind in KINDS:
            self.addTab(self._panel(kind) if kind == TECHNIQUES else QWidget(self), self._titles[kind])

    def _panel(self, kind: str) -> ItemPanel:
        panel = ItemPanel(kind, self)
        panel.selected.connect(lambda item_id, k=kind: self.selected.emit(k, item_id))
        panel.actionRequested.connect(lambda action, k=kind: self.actionRequested.emit(k, action))
        self.panels[kind] = panel
        return panel

    def make_term_panels(self) -> None:
        """The Benefits and Conditions panels, in their tabs (each panel ~7 ms of widgets)."""
        was = self.blockSignals(True)  # the tab shown stays as it is
        for index, kind in enumerate(KINDS):
            if kind not in self.panels:
                empty = self.widget(index)
                self.removeTab(index)
                self.insertTab(index, self._panel(kind), self._titles[kind])
                if empty is not None:
                    empty.deleteLater()
        self.blockSignals(was)

    def kind(self) -> str:
        return KINDS[self.currentIndex()]

    def set_catalog(self, catalog: Catalog) -> None:
        for panel in self.panels.values():
            panel.set_catalog(catalog)

    def set_catalog_in_steps(self, catalog: Catalog) -> Iterator[None]:
        """`set_catalog` a thousand lines at a time (see ItemPanel.set_catalog_in_steps)."""
        for panel in self.panels.values():
            yield from panel.set_catalog_in_steps(catalog)

    def show_kind(self, kind: str) -> None:
        if self.kind() != kind:
            was = self.blockSignals(True)
            self.setCurrentIndex(KINDS.index(kind))
            self.blockSignals(was)
