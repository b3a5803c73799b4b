"""The technique list model, the patient's filters and the proxy that applies them."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)

from massage_explorer.core.catalog import Catalog, Range, Technique
from massage_explorer.core.present import Presenter
from massage_explorer.ui.common.words import presenter
from massage_explorer.ui.session import SessionState

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TECHNIQUE_ROLE = Qt.ItemDataRole.UserRole + 2
SAVED_ROLE = Qt.ItemDataRole.UserRole + 3
CARD_ROLE = Qt.ItemDataRole.UserRole + 4
# What changes when a technique is saved or unsaved.
SAVED_ROLES = [SAVED_ROLE, CARD_ROLE, Qt.ItemDataRole.AccessibleTextRole]

MAX_CARD_BENEFITS = 3

AnyIndex = QModelIndex | QPersistentModelIndex


def more_benefits_text(n: int) -> str:
    """What a card says about the reported benefits it has no room for."""
    return QCoreApplication.translate("models", "+{n} more in the details").format(n=n)


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'Réflexologie' is found by 'reflexo'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class BenefitLine:
    """One reported benefit as a card shows it: label, grade in words and the dots."""

    label: str
    grade: str
    dots: str


@dataclass(frozen=True)
class Card:
    """Everything a technique card shows, already in the patient's language. Plain text only."""

    technique_id: str
    name: str
    summary: str
    pressure: str
    pressure_range: Range
    minutes: str
    benefits: tuple[BenefitLine, ...]
    more_benefits: int = 0  # reported benefits the card has no room for (details lists them)
    caution: str = ""
    suited: str = ""
    saved: bool = False
    # Painted heights by (width, font key): cards are rebuilt whenever their content changes, so
    # this cache can never go stale, and sizeHint for 5,000 cards stays a dict lookup each.
    heights: dict[tuple[int, str], int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def spoken(self) -> str:
        """The card as one plain sentence list, for screen readers."""
        parts = [self.name]
        if self.caution:
            parts.append(self.caution)
        if self.suited:
            parts.append(self.suited)
        parts += [
            self.summary,
            QCoreApplication.translate("models", "Pressure: {p}").format(p=self.pressure),
            QCoreApplication.translate("models", "Session: {m}").format(m=self.minutes),
        ]
        parts += [f"{b.label}: {b.grade}" for b in self.benefits]
        if self.more_benefits:
            parts.append(more_benefits_text(self.more_benefits))
        parts.append(
            QCoreApplication.translate("models", "Saved to shortlist")
            if self.saved
            else QCoreApplication.translate("models", "Not saved")
        )
        return ". ".join(p.rstrip(".") for p in parts if p) + "."


@dataclass(frozen=True)
class Filters:
    """What the patient asked for. Within a group any choice matches; groups combine with AND."""

    benefits: frozenset[str] = field(default_factory=frozenset)
    pressures: frozenset[int] = field(default_factory=frozenset)
    query: str = ""

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(fold(self.query).split())

    @property
    def active_groups(self) -> int:
        return sum(bool(g) for g in (self.benefits, self.pressures, self.query.strip()))

    def matching(self, facts: RowFacts, haystack: Callable[[int], str]) -> bytearray:
        """One byte per row, 1 where the technique passes: a technique passes a group when it
        claims any chosen benefit, when its pressure range takes in any chosen level, and when
        every search word is in its texts. One pass over the rows left per active group; a
        set test per row (a chip tap over 5,000 techniques once took 10 ms here)."""
        rows: Iterable[int] = range(len(facts.claimed))
        if self.benefits:
            claimed, benefits = facts.claimed, self.benefits
            rows = [r for r in rows if not claimed[r].isdisjoint(benefits)]
        if self.pressures:
            levels, pressures = facts.levels, self.pressures
            rows = [r for r in rows if not levels[r].isdisjoint(pressures)]
        if self.words:
            words = self.words
            rows = [r for r in rows if all(word in haystack(r) for word in words)]
        passed = bytearray(len(facts.claimed))
        for row in rows:
            passed[row] = 1
        return passed


class RowFacts(NamedTuple):
    """What the filters look at, per row: the benefit ids claimed and the pressure levels."""

    claimed: list[frozenset[str]]
    levels: list[frozenset[int]]

    @classmethod
    def of(cls, techniques: Sequence[Technique]) -> RowFacts:
        return cls(
            [frozenset(c.benefit for c in t.benefits) for t in techniques],
            [frozenset(range(t.pressure.low, t.pressure.high + 1)) for t in techniques],
        )


class TechniqueListModel(QAbstractListModel):
    """Every technique of the catalog, the ones suited to the patient's condition first."""

    def __init__(self, state: SessionState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._catalog = Catalog(techniques=())
        self._rows: tuple[Technique, ...] = ()
        self._row_of: dict[str, int] = {}
        # Each row's card, with the chosen benefits it was made for (those the technique claims).
        self._cards: dict[int, tuple[frozenset[str], Card]] = {}
        self._facts: RowFacts | None = None
        self._haystacks: dict[int, str] = {}
        self._wanted: frozenset[str] = frozenset()  # benefits the patient filters on
        self._reader: Presenter | None = None  # for the catalog and language the cards are in
        self.revision = 0  # bumped whenever rows or their texts change; proxies cache by it
        state.shortlistChanged.connect(self._on_shortlist_changed)
        state.conditionChanged.connect(self._reorder)
        state.languageChanged.connect(self._on_language_changed)

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.card(row).name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.card(row).spoken()
        if role == ID_ROLE:
            return self._rows[row].id
        if role == SAVED_ROLE:
            return self._state.is_shortlisted(self._rows[row].id)
        if role == TECHNIQUE_ROLE:
            return self._rows[row]
        if role == CARD_ROLE:
            return self.card(row)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- our interface ------------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def set_catalog(self, catalog: Catalog) -> None:
        self.beginResetModel()
        self._catalog = catalog
        self._rows = self._ordered(catalog.techniques)
        self._forget()
        self.endResetModel()

    def technique_at(self, row: int) -> Technique:
        return self._rows[row]

    def row_of(self, technique_id: str) -> int | None:
        return self._row_of.get(technique_id)

    def haystack(self, row: int) -> str:
        """Folded name, summary, description and benefit labels, built on first search."""
        text = self._haystacks.get(row)
        if text is None:
            tech, lang, reader = self._rows[row], self._state.language, self.reader()
            parts = [tech.name.get(lang), tech.summary.get(lang), tech.description.get(lang)]
            parts += [reader.benefit_label(claim.benefit) for claim in tech.benefits]
            text = self._haystacks[row] = fold("\n".join(parts))
        return text

    def reader(self) -> Presenter:
        """What a patient reads about the techniques, in the patient's language."""
        if self._reader is None:
            self._reader = presenter(self._catalog, self._state.language)
        return self._reader

    def facts(self) -> RowFacts:
        """What the filters look at, per row; made once per order of the rows."""
        if self._facts is None:
            self._facts = RowFacts.of(self._rows)
        return self._facts

    def card(self, row: int) -> Card:
        wanted = self._wanted
        if wanted:
            wanted = wanted & self.facts().claimed[row]
        cached = self._cards.get(row)
        if cached is not None and cached[0] == wanted:
            return cached[1]
        card = self._make_card(self._rows[row], wanted)
        self._cards[row] = (wanted, card)
        return card

    def set_wanted_benefits(self, benefits: frozenset[str]) -> None:
        """Cards list these benefits first: a card found by "Better sleep" must show sleep, even
        where three better-studied benefits would otherwise fill it."""
        if benefits != self._wanted:
            # Cards are made again when asked for, and only those the change affects: a tap
            # on a chip then costs the cards on screen, not all 5,000.
            self._wanted = benefits
            self._emit_all_changed()

    def condition_label(self, condition_id: str | None) -> str:
        return self.reader().condition_label(condition_id) if condition_id else ""

    # -- internals ----------------------------------------------------------------------------
    def _make_card(self, tech: Technique, wanted: frozenset[str]) -> Card:
        condition = self._state.condition
        text = self.reader().technique(tech, condition)
        # What the patient filters on first, then the strongest evidence (the order claims
        # come in); sorted() keeps that order among equals.
        ranked = sorted(text.claims, key=lambda c: c.benefit not in wanted)
        claims = ranked[:MAX_CARD_BENEFITS]
        caution = suited = ""
        if condition:
            name = self.condition_label(condition)
            if any(c.applies for c in text.cautions):
                caution = QCoreApplication.translate("models", "Caution for {condition}").format(
                    condition=name
                )
            if text.suited:
                suited = QCoreApplication.translate("models", "Often chosen for {condition}").format(
                    condition=name
                )
        return Card(
            technique_id=tech.id,
            name=text.name,
            summary=text.summary,
            pressure=text.pressure_words,
            pressure_range=text.pressure,
            minutes=text.minutes,
            benefits=tuple(BenefitLine(c.label, c.grade, c.dots) for c in claims),
            more_benefits=len(ranked) - len(claims),
            caution=caution,
            suited=suited,
            saved=self._state.is_shortlisted(tech.id),
        )

    def _ordered(self, techniques: tuple[Technique, ...]) -> tuple[Technique, ...]:
        condition = self._state.condition
        if condition:
            # sorted() is stable: catalog order is kept inside both groups.
            techniques = tuple(sorted(techniques, key=lambda t: condition not in t.good_for))
        self._row_of = {t.id: row for row, t in enumerate(techniques)}
        return techniques

    def _forget(self) -> None:
        self.revision += 1
        self._reader = None
        self._cards.clear()
        self._facts = None
        self._haystacks.clear()

    def _emit_all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    @Slot()
    def _reorder(self) -> None:
        # A reset rather than a layout change: the list scrolls back to the top, where the
        # techniques suited to the new condition now are.
        self.beginResetModel()
        self._rows = self._ordered(self._catalog.techniques)
        self._forget()
        self.endResetModel()

    @Slot()
    def _on_language_changed(self) -> None:
        self._forget()
        self._emit_all_changed()

    @Slot()
    def _on_shortlist_changed(self) -> None:
        for row, (_, card) in list(self._cards.items()):
            if card.saved != self._state.is_shortlisted(card.technique_id):
                del self._cards[row]
                index = self.index(row)
                # Only the saved state: a card keeps its size (see CardListView.dataChanged).
                self.dataChanged.emit(index, index, SAVED_ROLES)
        # Rows without a cached card have nothing stale to repaint.


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
