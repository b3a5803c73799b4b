"""The proxy that shows the techniques passing the patient's filters, in the model's order."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Slot,
)

from massage_explorer.core.filters import Filters
from massage_explorer.ui.cards.model import TechniqueListModel

AnyIndex = QModelIndex | QPersistentModelIndex


class TechniqueFilterProxy(QSortFilterProxyModel):
    """Shows the techniques that pass the patient's filters, in the source model's order."""

    _source: TechniqueListModel

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filters = Filters()
        # Which source rows pass, computed in one Python loop per filter change: the per-row
        # callback from Qt is then a lookup (5,000 techniques filter within a keystroke).
        self._accepted = bytearray()
        self._revision = -1
        # Not on every data change: a saved star or a card's benefit order never changes which
        # techniques pass, and re-filtering 5,000 rows per change cost ~4 ms a chip tap. Rows and
        # texts change with the model's revision, which is checked on each data change instead.
        self.setDynamicSortFilter(False)

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        if filters == self._filters:
            return
        self.beginFilterChange()
        self._filters = filters
        self._revision = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        assert isinstance(model, TechniqueListModel), "filters techniques only"
        self._source = model
        self._revision = -1
        super().setSourceModel(model)
        model.dataChanged.connect(self._refilter_if_texts_changed)

    @Slot()
    def _refilter_if_texts_changed(self) -> None:
        # In another language the search finds other words.
        if self._revision != self._source.revision:
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def techniques_model(self) -> TechniqueListModel:
        return self._source

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        return bool(self._accepted_rows()[source_row])

    def _accepted_rows(self) -> bytearray:
        """Which source rows pass the current filters, made again when rows or texts changed."""
        model = self._source
        if self._revision != model.revision or len(self._accepted) != model.rowCount():
            self._accepted = self._matching_rows(self._filters)
            self._revision = model.revision
        return self._accepted

    def _matching_rows(self, filters: Filters) -> bytearray:
        model = self.techniques_model()
        if not (filters.benefits or filters.pressures or filters.words):
            return bytearray(b"\x01") * model.rowCount()
        return filters.matching(model.facts(), model.haystack)

    def shows_any_suited(self, condition: str) -> bool:
        """Whether any technique the filters let through is often chosen for `condition`, the
        patient's: the model puts those first, so only they are looked at, not every row."""
        model, accepted = self._source, self._accepted_rows()
        for row in range(len(accepted)):
            if condition not in model.technique_at(row).good_for:
                return False
            if accepted[row]:
                return True
        return False

    def count_matching(self, filters: Filters) -> int:
        """How many techniques `filters` would show; used to suggest which filter to drop."""
        return sum(self._matching_rows(filters))
