"""Every technique as a card: the list model that browse and the shortlist both show."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from massage_explorer.core.catalog import Catalog, Range, Technique
from massage_explorer.core.filters import RowFacts, SearchTexts, order_for
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
    caution: str = ""  # the patient's condition has a caution here: its level, or why it is last
    suited: str = ""
    cautions: str = ""  # how many conditions call for care, and the most serious level
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
        if self.cautions:
            parts.append(self.cautions)
        parts.append(
            QCoreApplication.translate("models", "Saved to shortlist")
            if self.saved
            else QCoreApplication.translate("models", "Not saved")
        )
        return ". ".join(p.rstrip(".") for p in parts if p) + "."


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
        # What the search looks in: the same in every language and order, so only a new catalog
        # makes the texts again; the list in row order is made again with the order.
        self._search = SearchTexts(self._catalog)
        self._row_texts: list[str] | None = None
        self._wanted: frozenset[str] = frozenset()  # benefits the patient filters on
        self._reader: Presenter | None = None  # for the catalog and language the cards are in
        self._saved = frozenset(state.shortlist)  # what the cached cards were told
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
        """Show `catalog`. A new version of the one shown with the same words (a staff save, read
        with the memo that hands back the very techniques shown where they did not change) keeps
        the cards and search texts of those techniques: after a save of one technique among
        5,000, making every card and text again kept the window busy for ~1.5 s, and a second
        save read meanwhile took twice as long."""
        kept = self._cards_still_true(catalog)
        self.beginResetModel()
        self._catalog = catalog
        self._rows = self._ordered(catalog.techniques)
        self._search = self._search.for_version(catalog)
        self._forget()
        self._cards.update((self._row_of[technique_id], card) for technique_id, card in kept.items())
        self.endResetModel()

    def _cards_still_true(self, catalog: Catalog) -> dict[str, tuple[frozenset[str], Card]]:
        """The cached cards, by technique id, of the techniques `catalog` has unchanged (the same
        objects), where it has the same words as the catalog shown."""
        if not self._catalog.same_but_techniques(catalog):
            return {}
        rows = self._rows
        return {
            rows[row].id: cached
            for row, cached in self._cards.items()
            if catalog.technique(rows[row].id) is rows[row]
        }

    def technique_at(self, row: int) -> Technique:
        return self._rows[row]

    def row_of(self, technique_id: str) -> int | None:
        return self._row_of.get(technique_id)

    def search_texts(self) -> list[str]:
        """What the search looks in, per row, in every language (core.filters.search_text)."""
        if self._row_texts is None:
            self._row_texts = [self._search.of(t) for t in self._rows]
        return self._row_texts

    def prepare_search(self, count: int) -> bool:
        """Make the search texts of `count` more techniques ahead of the first filter change,
        and once they are all made, what the filters look at per row (at 5,000 techniques the
        first keystroke took ~0.2 s more without it); True when all is made."""
        if not self._search.prepare(count):
            return False
        self.facts()
        self.search_texts()
        return True

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
            applying = [c for c in text.cautions if c.applies]  # the most serious first
            if text.avoid_for_you:
                caution = text.avoid_for_you
            elif applying:
                caution = "\N{WARNING SIGN} " + QCoreApplication.translate(
                    "models", "Caution for {condition}: {level}"
                ).format(condition=name, level=applying[0].level_words)
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
            cautions=text.caution_line,
            saved=self._state.is_shortlisted(tech.id),
        )

    def _ordered(self, techniques: tuple[Technique, ...]) -> tuple[Technique, ...]:
        techniques = order_for(techniques, self._state.condition)
        self._row_of = {t.id: row for row, t in enumerate(techniques)}
        return techniques

    def _forget(self) -> None:
        self._reader = None
        self._cards.clear()
        self._facts = None
        self._row_texts = None

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
        # The techniques saved or taken off since the last change, not a look at every cached
        # card: once the list has been laid out that is every card, 10,000 of them for each tap.
        saved = frozenset(self._state.shortlist)
        changed, self._saved = saved ^ self._saved, saved
        for technique_id in changed:
            row = self._row_of.get(technique_id)
            # Rows without a cached card have nothing stale to repaint.
            if row is not None and self._cards.pop(row, None) is not None:
                index = self.index(row)
                # Only the saved state: a card keeps its size (see CardListView.dataChanged).
                self.dataChanged.emit(index, index, SAVED_ROLES)
