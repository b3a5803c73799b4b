"""The live preview: the selected technique exactly as a patient sees it on the details screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, QTimer, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.languages import staff_title
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.details import DetailView
from massage_explorer.ui.editor.document import TECHNIQUES, Selection
from massage_explorer.ui.session import SessionState

PREVIEW_DELAY_MS = 120  # rebuilding the details screen on every keystroke would stutter
PAGE_MINIMUM_PX = 520  # the page's head, its reading area and three lines of guidance under it


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


class _Column(QVBoxLayout):
    """The pane's column, for the scroll area around the pane (ui/editor/window.py) to size by
    its minimum: told that its height depends on its width, the area gave the pane the height
    its words would take unscrolled, and scrolled a pane that fits (the page scrolls itself)."""

    def hasHeightForWidth(self) -> bool:
        return False


class PreviewPane(QWidget):
    """A DetailView with its own SessionState, so the preview never touches a patient's session."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.technique_id: str | None = None
        self.state = SessionState(catalog.default_language, self)
        self.detail = DetailView(self.state, parent=self)
        self.detail.back_button.hide()  # there is nowhere to go back to in a preview
        self.title = plain_label(_tr("Preview: what patients see"), self, role="heading")
        self.language = QComboBox(self)
        self.language.setAccessibleName(_tr("Preview language"))
        self.language.setMinimumHeight(MIN_TARGET)
        self.language.activated.connect(self._language_chosen)
        self.note = plain_label("", self, role="muted")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language)
        layout = _Column(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.detail, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._update)
        # A timer, not `QTimer.singleShot(0, …)`: that posts an event, handled with the window's
        # own (its layout, its paint) before any timer or tap, as one long stall.
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(0)
        self._first.timeout.connect(self._update)
        self._fill_languages()

    def minimumSizeHint(self) -> QSize:
        """Tall enough for the page with the clinic's guidance under it (in a narrow pane it is
        not beside), which its own minimum leaves out: the pane scrolls where it has less."""
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), PAGE_MINIMUM_PX))

    def show(self, catalog: Catalog, selection: Selection) -> None:  # type: ignore[override]
        """Show the catalog's selected technique (a term keeps the last technique on screen)."""
        self.catalog = catalog
        if selection.kind == TECHNIQUES and selection.item_id:
            self.technique_id = selection.item_id
        elif self.technique_id is None or catalog.technique(self.technique_id) is None:
            self.technique_id = catalog.techniques[0].id if catalog.techniques else None
        self._fill_languages()
        if self.detail.technique_id is None:
            # The first on the next turn of the event loop, the window up by then (building the
            # page with the window held it up 0.1 s more on a kiosk); hidden till then, as the
            # empty page said "This technique is no longer in the list".
            self.detail.hide()
            self._first.start()
        else:
            self._timer.start()

    def flush(self) -> None:
        """Bring the preview up to date now (tests, screenshots)."""
        if self._timer.isActive() or self.detail.isHidden():  # hidden: the first not yet built
            self._update()

    def _fill_languages(self) -> None:
        languages = self.catalog.languages
        if [self.language.itemData(i) for i in range(self.language.count())] != list(languages):
            self.language.clear()
            for code in languages:
                self.language.addItem(staff_title(code), code)
        self.language.setVisible(len(languages) > 1)
        index = self.language.findData(self.state.language)
        if index < 0:
            self.state.set_language(self.catalog.default_language)
            index = 0
        self.language.setCurrentIndex(index)

    @Slot(int)
    def _language_chosen(self, index: int) -> None:
        self.state.set_language(str(self.language.itemData(index)))

    @Slot()
    def _update(self) -> None:
        self._timer.stop()
        self._first.stop()
        self.detail.show()
        scroll = self.detail.scroll_area.verticalScrollBar()
        position = scroll.value()
        same = self.detail.technique_id == self.technique_id
        if self.technique_id is not None and not same:
            # One page built (0.1 s at 5,000 techniques on a kiosk), not one for the technique
            # shown before and then this one's.
            self.detail.show_technique(self.technique_id, self.catalog)
        else:
            self.detail.set_catalog(self.catalog)
        if same:
            # The rebuilt page has no height yet: restore where staff were reading once it has.
            # The scroll bar is the call's context: a window closed meanwhile (Open… another
            # file) takes the call away with it, instead of it calling into a deleted bar.
            QTimer.singleShot(0, scroll, lambda: scroll.setValue(position))
        name = self.catalog.technique(self.technique_id or "")
        shown = (name.name.default or name.id) if name else ""
        self.note.setText(_tr("Showing: {name}").format(name=shown) if shown else "")
