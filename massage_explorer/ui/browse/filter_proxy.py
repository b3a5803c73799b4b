"""The techniques that pass the patient's filters, in the order of the list model of every card."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from massage_explorer.core.filters import Filters
from massage_explorer.ui.cards.model import TechniqueListModel

AnyIndex = QModelIndex | QPersistentModelIndex


class TechniqueFilterProxy(QAbstractListModel):
    """Shows the techniques that pass the patient's filters, in the source model's order.

    Not a QSortFilterProxyModel: that asks Python about each row in turn, 5,000 calls a
    keystroke, and tells the view about every run of rows that came or went (~10 ms of a 16 ms
    keystroke at 5,000 techniques). Here the rows that pass are worked out in one pass
    (`Filters.rows_passing`) and the view is told once that the list changed; it lays the cards
    out again in batches (`CardListView`).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: TechniqueListModel | None = None
        self._filters = Filters()
        self._shown: list[int] = []  # the source rows shown, ascending

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        if filters == self._filters:
            return
        self._filters = filters
        shown = self._matching_rows(filters)
        if shown == self._shown:
            return
        # A layout change, not a reset: the current card (and the view's other persistent
        # indexes) stays current where it is still shown, as it did with QSortFilterProxyModel.
        self.layoutAboutToBeChanged.emit()
        before, self._shown = self._shown, shown
        kept = self.persistentIndexList()
        self.changePersistentIndexList(kept, [self._index_of(before[index.row()]) for index in kept])
        self.layoutChanged.emit()

    def _index_of(self, source_row: int) -> QModelIndex:
        """Where `source_row` is shown, or an invalid index where it is not."""
        row = bisect_left(self._shown, source_row)
        if row < len(self._shown) and self._shown[row] == source_row:
            return self.index(row)
        return QModelIndex()

    def setSourceModel(self, model: TechniqueListModel) -> None:
        """Show the rows of `model` that pass. Its rows change only by a reset (a catalog, an
        order); a change of texts (a language, a saved star, the benefits listed first) never
        changes which rows pass, so it is passed on row for row."""
        self.beginResetModel()
        self._source = model
        self._shown = self._matching_rows(self._filters)
        self.endResetModel()
        model.modelAboutToBeReset.connect(self._source_about_to_be_reset)
        model.modelReset.connect(self._source_reset)
        model.dataChanged.connect(self._source_data_changed)

    def techniques_model(self) -> TechniqueListModel:
        assert self._source is not None, "no source model yet"
        return self._source

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        source = self.techniques_model()
        return source.data(source.index(self._shown[index.row()]), role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- following the source -----------------------------------------------------------------
    @Slot()
    def _source_about_to_be_reset(self) -> None:
        self.beginResetModel()

    @Slot()
    def _source_reset(self) -> None:
        self._shown = self._matching_rows(self._filters)
        self.endResetModel()

    @Slot(QModelIndex, QModelIndex, list)
    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()) -> None:
        first = bisect_left(self._shown, top.row())
        last = bisect_right(self._shown, bottom.row()) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first), self.index(last), list(roles))

    # -- what the browse screen asks ----------------------------------------------------------
    def _matching_rows(self, filters: Filters) -> list[int]:
        model = self.techniques_model()
        if not filters.active_groups:
            return list(range(model.rowCount()))
        texts = model.search_texts() if filters.words else []
        return filters.rows_passing(model.facts(), texts)

    def shows_any_suited(self, condition: str) -> bool:
        """Whether any technique the filters let through is often chosen for `condition`, the
        patient's: the model puts those first, so the first row shown tells."""
        shown, model = self._shown, self.techniques_model()
        return bool(shown) and condition in model.technique_at(shown[0]).good_for

    def count_matching(self, filters: Filters) -> int:
        """How many techniques `filters` would show; used to suggest which filter to drop."""
        return len(self._matching_rows(filters))
