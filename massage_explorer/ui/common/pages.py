"""A stack of pages that needs only the room of the page it shows."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


def smallest_size(widget: QWidget) -> QSize:
    """The least room a layout gives `widget` that can shrink: a minimum size set on it wins
    over its minimum size hint, each way on its own, as in Qt's own rule (a list set to be two
    targets high, whatever its scroll bar's style asks for). Qt also weighs the size policy and
    the maximum size; the pages and widgets this is asked about shrink freely."""
    hint, chosen = widget.minimumSizeHint(), widget.minimumSize()
    return QSize(chosen.width() or hint.width(), chosen.height() or hint.height())


class PageStack(QStackedWidget):
    """A QStackedWidget sized by its current page alone.

    Qt's own asks for the largest of all its pages, shown or not: the compare screen's picker,
    never on screen with the table, made the table's screen taller than a 1080 px display at
    the largest text, and the kiosk's welcome page did the same to every patient screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return smallest_size(page) if page is not None else super().minimumSizeHint()

    def heightForWidth(self, width: int) -> int:
        """The current page's (a scroll area asks this of what it scrolls): Qt's is the tallest
        page's, and the editor's short form for a benefit scrolled as far as a technique's."""
        page = self.currentWidget()
        return page.heightForWidth(width) if page is not None else super().heightForWidth(width)
