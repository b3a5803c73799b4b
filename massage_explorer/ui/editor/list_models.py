"""List models of the editor: catalog items, problems, a technique's sub-lists and ticked conditions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from massage_explorer.core.filters import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


# The editor's lists are at least this tall: two rows and a half, the theme's scroll bar (132 px
# at its shortest) and the frame. A 1280x720 screen then holds the list of what to edit, its
# buttons and the problems one above the other.
LIST_MINIMUM_PX = 136


@dataclass(frozen=True)
class Row:
    """One line of a list: its id, the text shown (plain) and the words search looks at."""

    item_id: str
    text: str
    search: str = ""
    payload: Any = None


class RowsModel(QAbstractListModel):
    """A read-only list of rows; `set_rows` changes only what changed, so selection survives edits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Row, ...] = ()

    def set_rows(self, rows: Sequence[Row]) -> None:
        rows = tuple(rows)
        if rows == self._rows:
            return
        if [r.item_id for r in rows] == [r.item_id for r in self._rows]:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 0))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> tuple[Row, ...]:
        return self._rows

    def row_of(self, item_id: str) -> int:
        for row, item in enumerate(self._rows):
            if item.item_id == item_id:
                return row
        return -1

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text
        if role == ID_ROLE:
            return row.item_id
        if role == SEARCH_ROLE:
            return row.search or fold(row.text)
        if role == PAYLOAD_ROLE:
            return row.payload
        return None


class SearchProxy(QSortFilterProxyModel):
    """Keeps the rows whose search text holds every word typed, accents and case ignored."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    def set_query(self, query: str) -> None:
        words = tuple(fold(query).split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = model.index(source_row, 0, source_parent).data(SEARCH_ROLE) or ""
        return all(word in haystack for word in self._words)


class CheckListModel(QAbstractListModel):
    """Vocabulary terms with a tick each (a technique's good_for); ticking emits `toggled`."""

    toggled = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Row, ...] = ()
        self._checked: frozenset[str] = frozenset()

    def set_rows(self, rows: Sequence[Row], checked: Sequence[str]) -> None:
        rows, ticked = tuple(rows), frozenset(checked)
        if rows == self._rows and ticked == self._checked:
            return
        if [r.item_id for r in rows] == [r.item_id for r in self._rows]:
            self._rows, self._checked = rows, ticked
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 0))
            return
        self.beginResetModel()
        self._rows, self._checked = rows, ticked
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = row.item_id in self._checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return row.item_id
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        if on == (row.item_id in self._checked):
            return False
        self._checked = self._checked | {row.item_id} if on else self._checked - {row.item_id}
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit(row.item_id, on)
        return True

    def checked(self) -> list[str]:
        """The ticked ids in vocabulary order."""
        return [r.item_id for r in self._rows if r.item_id in self._checked]
