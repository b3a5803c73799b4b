"""The shortlist screen: the techniques a patient saved, to remove, open or compare."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel as _ListModel
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from massage_explorer.ui.cards.model import CARD_ROLE, ID_ROLE, TechniqueListModel
from massage_explorer.ui.cards.view import CardListView
from massage_explorer.ui.common.widgets import Texts, big_button, plain_label
from massage_explorer.ui.common.words import guidance_lines
from massage_explorer.ui.session import MAX_COMPARE, SessionState
from massage_explorer.ui.takeaway.panel import TakeawayPage, TakeawayPanel

AnyIndex = QModelIndex | QPersistentModelIndex


class ShortlistModel(_ListModel):
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


class ShortlistScreen(QWidget):
    """Saved techniques with Remove on each card, 'Compare these', and the clinic's guidance."""

    backRequested = Signal()
    openRequested = Signal(str)
    compareRequested = Signal()

    def __init__(
        self, state: SessionState, techniques: TechniqueListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self.model = ShortlistModel(state, techniques, self)

        self.texts = Texts()
        self.back_button = big_button("")
        self.back_button.setProperty("role", "back")
        self.back_button.clicked.connect(self.back)
        self.heading = plain_label(role="title")
        self.compare_note = plain_label(role="muted")
        self.compare_button = big_button("")
        self.compare_button.setProperty("role", "primary")
        self.texts(
            self.compare_button.setAccessibleDescription,
            lambda: self.tr("Show the saved techniques side by side."),
        )
        self.compare_button.clicked.connect(self._compare)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.back_button)
        top.addWidget(self.heading, 1)
        top.addWidget(self.compare_note)
        top.addWidget(self.compare_button)

        self.view = CardListView(remove_label=True)
        self.view.setModel(self.model)
        self.texts(self.view.setAccessibleName, lambda: self.tr("My shortlist"))
        self.texts(
            self.view.setAccessibleDescription,
            lambda: self.tr("Tap a card to read more. Tap Remove to take it off your shortlist."),
        )
        self.view.openRequested.connect(self.openRequested)
        self.view.toggleRequested.connect(state.remove_from_shortlist)
        self.empty = plain_label("", role="empty")
        self.texts(self.empty.setText, lambda: self.tr("Tap ☆ Save on a technique to add it here."))
        self.texts(self.empty.setAccessibleName, lambda: self.tr("Your shortlist is empty"))
        empty_page = QWidget()
        empty_col = QVBoxLayout(empty_page)
        empty_col.addWidget(self.empty)
        empty_col.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(empty_page)

        guidance = plain_label("", role="guidance")
        self.texts(guidance.setText, lambda: "\n".join(guidance_lines(full=True)))
        self.texts(guidance.setAccessibleName, lambda: self.tr("Advice from the clinic"))

        # The take-away gets a page of its own: the QR code needs room to be read by a phone, and
        # the list keeps the full width.
        # It scrolls rather than grow the window: at the largest text the words may not fit 1080 px.
        self.takeaway = TakeawayPanel(state, techniques)
        self.takeaway_page = TakeawayPage(self.takeaway)
        self.pages.addWidget(self.takeaway_page)
        self.takeaway_button = big_button("")
        self.texts.button(self.takeaway_button, lambda: self.tr("Take this list with you"))
        self.takeaway_button.setProperty("role", "primary")
        self.texts(
            self.takeaway_button.setAccessibleDescription,
            lambda: self.tr("Show a QR code for your phone, or print or save your list."),
        )
        self.takeaway_button.clicked.connect(self.show_takeaway)
        top.insertWidget(top.count() - 1, self.takeaway_button)

        col = QVBoxLayout(self)
        col.setContentsMargins(16, 16, 16, 8)
        col.setSpacing(12)
        col.addLayout(top)
        col.addWidget(self.pages, 1)
        col.addWidget(guidance)
        self.model.modelReset.connect(self._update)
        self._label_back()
        self._update()

    @Slot()
    def _update(self) -> None:
        n = self.model.rowCount()
        self.heading.setText(self.tr("My shortlist (%n)", "", n))
        if self.pages.currentWidget() is not self.takeaway_page or not n:
            self.pages.setCurrentIndex(0 if n else 1)
        self.takeaway_button.setVisible(n > 0 and self.pages.currentWidget() is not self.takeaway_page)
        self.compare_button.setVisible(n > 0)
        self.compare_button.setEnabled(n >= 2)
        if n == 1:
            self._set_compare_text(self.tr("Compare these"))
            self.compare_note.setText(self.tr("Pick one more to compare"))
        elif n > MAX_COMPARE:
            self._set_compare_text(self.tr("Compare the first {m}").format(m=MAX_COMPARE))
            self.compare_note.setText(
                self.tr("Up to {m} fit side by side: the first {m} you saved are compared.").format(
                    m=MAX_COMPARE
                )
            )
        else:
            self._set_compare_text(self.tr("Compare these"))
            self.compare_note.setText("")
        self.compare_note.setVisible(bool(self.compare_note.text()))
        if self.on_takeaway_page():
            self.compare_button.hide()
            self.compare_note.hide()

    def _set_compare_text(self, text: str) -> None:
        self.compare_button.setText(text)
        self.compare_button.setAccessibleName(text)

    @Slot()
    def back(self) -> None:
        """From the take-away page back to the list; from the list back to where the patient was."""
        if self.on_takeaway_page():
            self.show_list()
            self.takeaway_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.backRequested.emit()

    @Slot()
    def show_takeaway(self) -> None:
        self.pages.setCurrentWidget(self.takeaway_page)
        self._label_back()
        self.takeaway_button.hide()
        self.compare_button.hide()
        self.compare_note.hide()
        self.takeaway.print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def show_list(self) -> None:
        self.pages.setCurrentIndex(0)
        self._label_back()
        self._update()

    def _label_back(self) -> None:
        # The same arrow as every other way back; a screen reader gets the words without it.
        if self.on_takeaway_page():
            text, description = self.tr("← Back to my list"), self.tr("Go back to your shortlist.")
        else:
            text, description = self.tr("← All techniques"), self.tr("Go back to the list of techniques.")
        self.back_button.setText(text)
        self.back_button.setAccessibleName(text.removeprefix("← "))
        self.back_button.setAccessibleDescription(description)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.refresh()
            self._label_back()
            self._update()

    def on_takeaway_page(self) -> bool:
        return self.pages.currentWidget() is self.takeaway_page

    def reset(self) -> None:
        self.show_list()
        self.view.setCurrentIndex(QModelIndex())
        self.view.scrollToTop()
        self.takeaway.reset()

    @Slot()
    def _compare(self) -> None:
        ids = self.model.ids
        if len(ids) >= 2:
            self._state.set_compare(ids[:MAX_COMPARE])
            self.compareRequested.emit()
