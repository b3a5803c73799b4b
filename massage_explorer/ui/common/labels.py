"""Plain text on screen: labels that never read HTML, and paragraphs wrapped inside long words."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QWidget,
)

from massage_explorer.ui.common.words import WORDS

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent


_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
# Runs this long without a space get a break opportunity every BREAK_EVERY characters.
LONG_RUN = 40
BREAK_EVERY = 10
_LONG_RUN = re.compile(rf"[^\s\u200b]{{{LONG_RUN},}}")
_CHUNK = re.compile(rf"[^\s\u200b]{{{BREAK_EVERY}}}(?=[^\s\u200b])")
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """`text` with an invisible break opportunity (a zero-width space) every BREAK_EVERY
    characters of any run of LONG_RUN or more without a space. Qt lays out a word too long for its
    line by searching it again for every line it fills, so a long word cost the square of its
    length (a 256 KB one took 44 s); with these it is laid out in one pass. Nothing shows."""
    if len(text) < LONG_RUN:
        return text
    return _LONG_RUN.sub(lambda run: _CHUNK.sub(lambda c: c.group() + ZERO_WIDTH_SPACE, run.group()), text)


def wrapped(text: str, font: QFont, width: float, option: QTextOption = _WRAP) -> tuple[QTextLayout, float]:
    """A laid-out plain-text paragraph (never HTML) and its height; long words break anywhere."""
    layout = QTextLayout(breakable(text).replace("\n", "\u2028"), font)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


def draw_wrapped(painter: QPainter, rect: QRect, text: str, option: QTextOption = _WRAP) -> None:
    """`text` as plain text in the painter's font at the top of `rect`, wrapped as `wrapped`
    measures it: at spaces, and inside a word too long for the line (a painter's own word wrap
    would run such a word past the edge)."""
    layout, _ = wrapped(text, painter.font(), max(rect.width(), 10), option)
    layout.draw(painter, QPointF(rect.topLeft()))


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
        option = QTextOption(_WRAP)
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
