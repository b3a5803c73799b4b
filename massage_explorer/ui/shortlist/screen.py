"""The shortlist screen: the techniques a patient saved, to remove, open, compare or take away."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from massage_explorer.core.settings import KioskConfig
from massage_explorer.ui.cards.model import TechniqueListModel
from massage_explorer.ui.cards.view import CardListView
from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.guided import GuidedLayout
from massage_explorer.ui.common.labels import GuidancePanel, plain_label
from massage_explorer.ui.common.pages import PageStack
from massage_explorer.ui.common.screen import Screen
from massage_explorer.ui.common.scrolling import in_view
from massage_explorer.ui.common.translatable import Texts
from massage_explorer.ui.session import MAX_COMPARE, SessionState
from massage_explorer.ui.shortlist.model import ShortlistModel
from massage_explorer.ui.takeaway import TakeawayPage, TakeawayPanel


class ShortlistScreen(Screen):
    """Saved techniques with Remove on each card, 'Compare these', the take-away and the clinic's
    guidance."""

    full_guidance = True
    backRequested = Signal()
    openRequested = Signal(str)
    compareRequested = Signal()

    def __init__(
        self,
        state: SessionState,
        techniques: TechniqueListModel,
        settings: KioskConfig | None = None,
        *,
        kiosk: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self.model = ShortlistModel(state, techniques, self)
        self.texts = Texts()
        # The take-away gets a page of its own: the QR code needs room to be read by a phone, and
        # the list keeps the full width. It scrolls rather than grow the window: at the largest
        # text the words may not fit 1080 px.
        self.takeaway = TakeawayPanel(state, techniques, settings, kiosk=kiosk)
        self.takeaway_page = TakeawayPage(self.takeaway)
        self.guidance = GuidancePanel()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addLayout(self._buttons())
        guided = GuidedLayout(self, column, self._pages(), self.guidance, spacing=12)
        guided.setContentsMargins(16, 16, 16, 8)
        # Arriving on this screen puts the focus on Back, as on details and compare: it sat on
        # the screen itself, where no focus ring shows.
        self.setFocusProxy(self.back_button)
        self.model.modelReset.connect(self._update)
        self._label_back()
        self._update()

    def _buttons(self) -> FlowLayout:
        """Back, the heading, and what can be done with the list."""
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
        self.takeaway_button = big_button("")
        self.texts.button(self.takeaway_button, lambda: self.tr("Take this list with you"))
        self.takeaway_button.setProperty("role", "primary")
        self.texts(
            self.takeaway_button.setAccessibleDescription,
            lambda: self.tr("Show a QR code for your phone, or print or save your list."),
        )
        self.takeaway_button.clicked.connect(self.show_takeaway)
        # One line on a wide screen; the buttons wrap onto a second, on the right, where their
        # words need it.
        row = FlowLayout(spacing=16, wrap_right=True)
        for label in (self.heading, self.compare_note):
            label.setWordWrap(True)
        self.heading.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        for widget in (
            self.back_button,
            self.heading,
            self.compare_note,
            self.takeaway_button,
            self.compare_button,
        ):
            row.addWidget(widget)
        return row

    def _pages(self) -> QStackedWidget:
        """The cards, the empty list's hint, and the take-away page."""
        self.view = CardListView(remove_label=True)
        self.view.setModel(self.model)
        self.texts(self.view.setAccessibleName, lambda: self.tr("My shortlist"))
        self.texts(
            self.view.setAccessibleDescription,
            lambda: self.tr("Tap a card to read more. Tap Remove to take it off your shortlist."),
        )
        self.view.openRequested.connect(self.openRequested)
        self.view.toggleRequested.connect(self._state.remove_from_shortlist)
        self.empty = plain_label("", role="empty")
        self.texts(self.empty.setText, lambda: self.tr("Tap ☆ Save on a technique to add it here."))
        self.texts(self.empty.setAccessibleName, lambda: self.tr("Your shortlist is empty"))
        empty_page = QWidget()
        empty_column = QVBoxLayout(empty_page)
        empty_column.addWidget(self.empty)
        empty_column.addStretch(1)
        self.pages = PageStack()
        self.pages.addWidget(self.view)
        self.pages.addWidget(empty_page)
        self.pages.addWidget(self.takeaway_page)
        return self.pages

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
        # On the take-away page its own heading names the list, and the back button says where
        # it goes: a second heading would take a row from the code on a short screen.
        self.heading.setVisible(not self.on_takeaway_page())
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
        self.heading.hide()
        self.takeaway_button.hide()
        self.compare_button.hide()
        self.compare_note.hide()
        # The keyboard's focus on Print where the page shows it; on a short screen, where it is
        # below the fold, on Back (always in view): Enter then never prints unseen. Whether it
        # is in view is known once the page is laid out, on the next turn of the event loop.
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, self, self._focus_print_in_view)

    @Slot()
    def _focus_print_in_view(self) -> None:
        button = self.takeaway.print_button
        if self.on_takeaway_page() and self.focusWidget() is self.back_button and in_view(button):
            button.setFocus(Qt.FocusReason.OtherFocusReason)

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

    def retranslate(self) -> None:
        self.texts.refresh()
        self.guidance.refresh()
        self._label_back()
        self._update()
        self.takeaway.retranslate()

    def step_back(self) -> bool:
        """From the take-away page, back to the list (the shell's Back lands here first)."""
        if not self.on_takeaway_page():
            return False
        self.back()
        return True

    def on_takeaway_page(self) -> bool:
        return self.pages.currentWidget() is self.takeaway_page

    def reset(self) -> None:
        self.show_list()
        self.view.setCurrentIndex(QModelIndex())
        self.takeaway.reset()

    @Slot()
    def _compare(self) -> None:
        ids = self.model.ids
        if len(ids) >= 2:
            self._state.set_compare(ids[:MAX_COMPARE])
            self.compareRequested.emit()
