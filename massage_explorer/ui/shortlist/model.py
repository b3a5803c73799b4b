"""The shortlist's list model: the saved techniques, in the order they were saved."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot

from massage_explorer.ui.cards.model import CARD_ROLE, ID_ROLE, TechniqueListModel
from massage_explorer.ui.session import SessionState

AnyIndex = QModelIndex | QPersistentModelIndex


class ShortlistModel(QAbstractListModel):
    """The saved techniques in the order they were saved, with the same cards as browse."""

    def __init__(
        self, state: SessionState, techniques: TechniqueListModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._techniques = techniques
        self._ids: list[str] = []
        state.shortlistChanged.connect(self.refresh)
        techniques.modelReset.connect(self.refresh)
        techniques.dataChanged.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = [t for t in self._state.shortlist if self._techniques.row_of(t) is not None]
        self.endResetModel()

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        technique_id = self._ids[index.row()]
        if role == ID_ROLE:
            return technique_id
        row = self._techniques.row_of(technique_id)
        if row is None:
            return None
        card = self._techniques.card(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return card.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return card.spoken()
        if role == CARD_ROLE:
            return card
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
