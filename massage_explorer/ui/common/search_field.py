"""A line to type a search into, whose hint is never cut short."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QToolButton, QWidget

# Qt keeps this many pixels free on each side of a line edit's text, inside its contents.
TEXT_MARGIN = 2
# And this many beside a side button (the clear button).
SIDE_SPACING = 4


def hint_room(edit: QLineEdit) -> int:
    """The width a line edit has for its placeholder: its contents, less the text margins and the
    clear button's place (kept for it even while the field is empty)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = contents.width() - margins.left() - margins.right() - 2 * TEXT_MARGIN
    if edit.isClearButtonEnabled():
        room -= sum(b.width() + SIDE_SPACING for b in edit.findChildren(QToolButton))
    return room


class SearchField(QLineEdit):
    """The full hint ("Search by name or word") where it fits, a short one ("Search") where the
    field is narrow, as in portrait at the largest text: never a hint cut with "…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = self._short = ""

    def set_full_hint(self, text: str) -> None:
        self._full = text
        self._fit_hint()

    def set_short_hint(self, text: str) -> None:
        self._short = text
        self._fit_hint()

    def _fit_hint(self) -> None:
        fits = self.fontMetrics().horizontalAdvance(self._full) <= hint_room(self)
        self.setPlaceholderText(self._full if fits or not self._short else self._short)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_hint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_hint()
