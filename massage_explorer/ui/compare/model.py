"""The comparison table: one column per technique, one row per question a patient asks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from massage_explorer.core.catalog import Catalog, Technique
from massage_explorer.core.present import TechniqueText
from massage_explorer.ui.common.words import WORDS, presenter

MARKED_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell holds a caution for the patient's condition
DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's cells are not all the same
ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the technique id of the column (or picker row)
KEEP_ROLE = Qt.ItemDataRole.UserRole + 4  # the row stays when only differences are shown

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class CompareRow:
    """One question and each technique's answer to it, already in the patient's language."""

    question: str
    cells: tuple[str, ...]
    marked: tuple[bool, ...]
    safety: bool = False  # cautions: shown even when every column says the same

    @property
    def differs(self) -> bool:
        return len(set(self.cells)) > 1

    @property
    def keep(self) -> bool:
        """Safety information is never hidden, even when it reads the same in every column."""
        return self.safety or any(self.marked)


class CompareModel(QAbstractTableModel):
    """Rows are questions, columns are the compared techniques; every cell is plain text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._techniques: tuple[Technique, ...] = ()
        self._names: tuple[str, ...] = ()
        self._rows: list[CompareRow] = []
        # Set while the table shows each row's question inside its cells (CompareTable): the
        # question column is hidden then, so a screen reader hears the question with the answer.
        self.questions_in_text = False

    def set_content(
        self,
        catalog: Catalog | None,
        techniques: Sequence[Technique],
        language: str,
        condition: str | None,
    ) -> None:
        self.beginResetModel()
        self._techniques = tuple(techniques)
        texts: list[TechniqueText] = []
        if catalog is not None:
            reader = presenter(catalog, language)
            texts = [reader.technique(t, condition) for t in self._techniques]
        self._names = tuple(t.name for t in texts)
        self._rows = _build_rows(catalog, texts)
        self.endResetModel()

    def technique_id(self, column: int) -> str:
        return self._techniques[column].id

    def technique_name(self, column: int) -> str:
        return self._names[column]

    def row(self, row: int) -> CompareRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._techniques)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.AccessibleTextRole and self.questions_in_text:
            return f"{row.question}: {row.cells[index.column()]}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.cells[index.column()]
        if role == MARKED_ROLE:
            return row.marked[index.column()]
        if role == DIFFERS_ROLE:
            return row.differs
        if role == KEEP_ROLE:
            return row.keep
        if role == ID_ROLE:
            return self._techniques[index.column()].id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._names[section] if 0 <= section < len(self._names) else None
        return self._rows[section].question if 0 <= section < len(self._rows) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled


def _build_rows(catalog: Catalog | None, techniques: Sequence[TechniqueText]) -> list[CompareRow]:
    def text_row(question: str, cells: Sequence[str]) -> CompareRow:
        return CompareRow(question, tuple(cells), (False,) * len(cells))

    missing = QCoreApplication.translate("CompareModel", "Not described")
    rows = [
        text_row(QCoreApplication.translate("CompareModel", "What is it?"), [t.summary for t in techniques]),
        text_row(
            QCoreApplication.translate("CompareModel", "How does it feel?"),
            [t.feels_like or missing for t in techniques],
        ),
        text_row(
            QCoreApplication.translate("CompareModel", "How firm?"),
            [f"{t.pressure_scale} {t.pressure_words}" for t in techniques],
        ),
        text_row(QCoreApplication.translate("CompareModel", "How long?"), [t.minutes for t in techniques]),
    ]
    rows += _benefit_rows(catalog, techniques)
    rows.append(_caution_row(techniques))
    rows.append(
        text_row(
            QCoreApplication.translate("CompareModel", "What happens after?"),
            [t.after_session or missing for t in techniques],
        )
    )
    rows.append(
        text_row(
            QCoreApplication.translate("CompareModel", "What should I ask?"),
            ["\n".join(f"• {q}" for q in t.questions) if t.questions else missing for t in techniques],
        )
    )
    return rows


def _benefit_rows(catalog: Catalog | None, techniques: Sequence[TechniqueText]) -> list[CompareRow]:
    """One row per benefit claimed by any technique, in vocabulary order, so claims line up."""
    labels = {c.benefit: c.label for t in techniques for c in t.claims}
    if not labels:
        none = QCoreApplication.translate("CompareModel", "None reported")
        question = QCoreApplication.translate("CompareModel", "What may it help, and how sure are we?")
        return [CompareRow(question, (none,) * len(techniques), (False,) * len(techniques))]
    # The vocabulary's order; a benefit it lacks (never so in a checked catalog) goes last.
    order = {term.id: i for i, term in enumerate(catalog.benefits)} if catalog else {}
    claimed = sorted(labels, key=lambda b: order.get(b, len(order)))
    rows = []
    for benefit_id in claimed:
        cells = []
        for technique in techniques:
            claim = technique.claim(benefit_id)
            cells.append(claim.summary if claim else WORDS.not_claimed())
        question = QCoreApplication.translate("CompareModel", "{benefit}: may it help?").format(
            benefit=labels[benefit_id]
        )
        rows.append(CompareRow(question, tuple(cells), (False,) * len(cells)))
    return rows


def _caution_row(techniques: Sequence[TechniqueText]) -> CompareRow:
    """Cautions per column, each with its level in words; the one for the patient's condition
    first, marked in words, then `avoid` before `ask-doctor` before `adapt`."""
    cells, marked = [], []
    for technique in techniques:
        lines = []
        for caution in technique.cautions:  # the patient's condition first, then the most serious
            line = QCoreApplication.translate("CompareModel", "{condition} · {level}\n{note}").format(
                condition=caution.label, level=caution.level_words, note=caution.note
            )
            lines.append(f"{WORDS.applies()}\n{line}" if caution.applies else line)
        cells.append(
            "\n\n".join(lines) if lines else QCoreApplication.translate("CompareModel", "No cautions listed")
        )
        marked.append(any(c.applies for c in technique.cautions))
    # Kept even when it reads the same everywhere: the patient may have a condition not chosen.
    return CompareRow(
        QCoreApplication.translate("CompareModel", "Who should be careful?"),
        tuple(cells),
        tuple(marked),
        safety=True,
    )


class DifferencesProxy(QSortFilterProxyModel):
    """Hides the rows where every technique gives the same answer, when asked to; never cautions."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._only_differences = False

    @property
    def only_differences(self) -> bool:
        return self._only_differences

    def set_only_differences(self, on: bool) -> None:
        if on != self._only_differences:
            self.beginFilterChange()
            self._only_differences = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._only_differences:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(DIFFERS_ROLE) or index.data(KEEP_ROLE))

    def hidden_count(self) -> int:
        """How many rows the filter hides now (the patient is told, so nothing vanishes silently)."""
        source = self.sourceModel()
        return source.rowCount() - self.rowCount() if source is not None else 0
