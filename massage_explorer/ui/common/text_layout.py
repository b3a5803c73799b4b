"""Plain text laid out by hand, for what paints its own text (cards, chips, the comparison) and for
the catalog label: wrapped at spaces, and inside a word too long for its line, in one pass."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QFont, QPainter, QTextLayout, QTextOption

WRAP_ANYWHERE = QTextOption()


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


def wrapped(
    text: str, font: QFont, width: float, option: QTextOption = WRAP_ANYWHERE
) -> tuple[QTextLayout, float]:
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


def draw_wrapped(painter: QPainter, rect: QRect, text: str, option: QTextOption = WRAP_ANYWHERE) -> None:
    """`text` as plain text in the painter's font at the top of `rect`, wrapped as `wrapped`
    measures it: at spaces, and inside a word too long for the line (a painter's own word wrap
    would run such a word past the edge)."""
    layout, _ = wrapped(text, painter.font(), max(rect.width(), 10), option)
    layout.draw(painter, QPointF(rect.topLeft()))
