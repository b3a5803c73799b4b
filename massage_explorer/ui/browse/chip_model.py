"""Which chips a filter offers and which are chosen: the model behind a chip grid (ui/chips.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

AnyIndex = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Chip:
    """One choice: `key` is what the filter uses, `label` what the chip says (plain text)."""

    key: str
    label: str
    description: str


class ChipModel(QAbstractListModel):
    """The chips of one filter and which are chosen. Exclusive: at most one is chosen."""

    toggled = Signal(str, bool)  # by the patient only; set_chosen does not emit it

    def __init__(self, *, exclusive: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.exclusive = exclusive
        self._chips: list[Chip] = []
        self._chosen: set[str] = set()

    def set_chips(self, chips: Sequence[Chip], chosen: Iterable[str] = ()) -> None:
        """Show `chips`; those in `chosen` are chosen (keys no longer shown are dropped)."""
        self.beginResetModel()
        self._chips = list(chips)
        keys = {chip.key for chip in self._chips}
        self._chosen = {key for key in chosen if key in keys}
        self.endResetModel()

    def chips(self) -> list[Chip]:
        return list(self._chips)

    def chosen(self) -> frozenset[str]:
        return frozenset(self._chosen)

    def texts(self) -> list[tuple[str, bool]]:
        """Each chip's label and whether it is chosen, in order (what sizes the chips)."""
        return [(chip.label, chip.key in self._chosen) for chip in self._chips]

    def label(self, key: str) -> str:
        return next((chip.label for chip in self._chips if chip.key == key), key)

    def set_chosen(self, keys: Iterable[str]) -> None:
        """Choose exactly `keys`, quietly (the filter already knows)."""
        wanted = set(keys) & {chip.key for chip in self._chips}
        if wanted != self._chosen:
            self._chosen = wanted
            self._changed_all()

    def toggle(self, key: str) -> None:
        """What a tap does: choose or unchoose `key` (and, if exclusive, unchoose the others)."""
        on = key not in self._chosen
        if on and self.exclusive:
            self._chosen.clear()
        if on:
            self._chosen.add(key)
        else:
            self._chosen.discard(key)
        self._changed_all()
        self.toggled.emit(key, on)

    def _changed_all(self) -> None:
        if self._chips:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._chips) - 1, 0))

    # -- the Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._chips)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._chips):
            return None
        chip = self._chips[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return chip.label
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return chip.description
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if chip.key in self._chosen else Qt.CheckState.Unchecked
        if role == KEY_ROLE:
            return chip.key
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        # Assistive technology toggles a checkable item through its check state.
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self._chips[index.row()].key
        on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        if on != (key in self._chosen):
            self.toggle(key)
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
