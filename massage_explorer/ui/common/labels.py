"""Labels for text on screen: never read as HTML, and catalog text wrapped inside long words."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
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


class CatalogLabel(QLabel):
    """A plain-text label that also breaks a word too long for its line (a web address, a long
    compound word, a name typed without spaces). QLabel breaks only at spaces: such a word made
    the whole page wider than the screen, and its end was cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Text heights by width, for the text, font and alignment they were measured with: a
        # layout pass asks for the hint's width and then the given one, again and again.
        self._measured: tuple[tuple[str, str, int], dict[int, float]] = (("", "", 0), {})

    def _option(self) -> QTextOption:
        option = QTextOption(WRAP_ANYWHERE)
        option.setAlignment(self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask)
        return option

    def _text_height(self, width: int) -> float:
        # Only numbers are kept, never a layout: keeping the cards' laid-out text between paints
        # led to a crash inside Qt's list layout that we could not explain, so no layout
        # outlives the call that made it.
        option = self._option()
        key = (self.text(), self.font().key(), option.alignment().value)
        if self._measured[0] != key:
            self._measured = (key, {})
        heights = self._measured[1]
        if width not in heights:
            heights[width] = wrapped(key[0], self.font(), width, option)[1]
        return heights[width]

    def _margins(self) -> tuple[int, int]:
        m = self.contentsMargins()
        return m.left() + m.right(), m.top() + m.bottom()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        across, down = self._margins()
        return math.ceil(self._text_height(max(width - across, 1))) + down

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
        self.setAccessibleName(self.tr("Advice from the clinic"))
        self.setAccessibleDescription(self.tr("Read this before you choose a massage."))
