"""Labels for text on screen: never read as HTML, and catalog text wrapped inside long words."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QWidget,
)

from massage_explorer.ui.common.words import WORDS

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent
from massage_explorer.ui.common.text_layout import WRAP_ANYWHERE, draw_wrapped, wrapped

WRAP_ANYWHERE.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
# What changes a label's text height for a width besides its text and alignment: its font (the
# patient's text size reaches it by the window's style sheet) and its margins.
_LAYOUT_CHANGES = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange})


class CatalogLabel(QLabel):
    """A plain-text label that also breaks a word too long for its line (a web address, a long
    compound word, a name typed without spaces). QLabel breaks only at spaces: such a word made
    the whole page wider than the screen, and its end was cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Heights by width for the text, font, alignment and margins the label has now; forgotten
        # when one of them changes. A layout pass asks for the hint's width and then the given
        # one, again and again: ~12 times a label on a details page, ~1,800 asks in all, and
        # working out whether the text was still the same cost more than the answer.
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights = {}
        super().setText(text)

    def setAlignment(self, alignment: Qt.AlignmentFlag) -> None:
        self._heights = {}
        super().setAlignment(alignment)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _LAYOUT_CHANGES:
            self._heights = {}
        super().changeEvent(event)

    def _option(self) -> QTextOption:
        option = QTextOption(WRAP_ANYWHERE)
        option.setAlignment(self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask)
        return option

    def _margins(self) -> tuple[int, int]:
        m = self.contentsMargins()
        return m.left() + m.right(), m.top() + m.bottom()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            # Only numbers are kept, never a layout: keeping the cards' laid-out text between
            # paints led to a crash inside Qt's list layout that we could not explain, so no
            # layout outlives the call that made it.
            across, down = self._margins()
            text_height = wrapped(self.text(), self.font(), max(width - across, 1), self._option())[1]
            height = self._heights[width] = math.ceil(text_height) + down
        return height

    def minimumSizeHint(self) -> QSize:
        across, down = self._margins()
        metrics = self.fontMetrics()
        narrowest = min(metrics.averageCharWidth() * 10 + across, self.sizeHint().width())
        return QSize(narrowest, metrics.height() + down)

    def sizeHint(self) -> QSize:
        across, _ = self._margins()
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(line) for line in self.text().split("\n")), default=0)
        width = min(longest + 1, metrics.averageCharWidth() * 70) + across  # a comfortable line
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        QFrame.paintEvent(self, event)  # what the style sheet draws around the text
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        draw_wrapped(painter, self.contentsRect(), self.text(), self._option())
        painter.end()


def catalog_label(text: str = "", parent: QWidget | None = None, *, role: str = "") -> QLabel:
    """`plain_label` for catalog text: a word too long for a line breaks inside it."""
    return plain_label(text, parent, role=role, label=CatalogLabel(parent))


def plain_label(
    text: str = "", parent: QWidget | None = None, *, role: str = "", label: QLabel | None = None
) -> QLabel:
    """A word-wrapped label that never interprets its text as HTML (catalog text goes here)."""
    label = label if label is not None else QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setOpenExternalLinks(False)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        label.setProperty("role", role)  # styled by the theme's QSS
    label.setText(text)
    return label


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on, and restyle the widget if it changed.

    Restyling only on a change also keeps start-up from setting up PySide6's QStyle classes
    (~6 ms) for widgets that already look right.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def advice_name() -> str:
    """What a screen reader calls the clinic's advice, wherever it shows (the panel, the area it
    scrolls in, the one-line footer): one name, translated once."""
    return QCoreApplication.translate("GuidancePanel", "Advice from the clinic")


class GuidancePanel(QLabel):
    """The clinic's full guidance, kept on screen below whatever scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setProperty("role", "guidance")
        self.refresh()

    def refresh(self) -> None:
        self.setText("\n".join(WORDS.guidance(full=True)))
        self.setAccessibleName(advice_name())
        self.setAccessibleDescription(self.tr("Read this before you choose a massage."))
