"""How much room a cell's or a header's text needs: measured once per text, font and width."""

from __future__ import annotations

import math

from PySide6.QtGui import (
    QFont,
)

from massage_explorer.ui.common.text_layout import wrapped

PADDING = 14


_heights: dict[tuple[str, str, int], int] = {}  # (font key, text, width) -> height


def forget_heights() -> None:
    """Drop the measured heights (the benchmark measures a first, uncached opening)."""
    _heights.clear()


def wrapped_height(font: QFont, text: str, width: int) -> int:
    """Height of `text` wrapped to `width` pixels, padding included."""
    # Layout asks for the same few cells' heights many times; measuring text is the slow part.
    key = (font.key(), text, width)
    height = _heights.get(key)
    if height is None:
        if len(_heights) > 4096:
            _heights.clear()
        _, text_height = wrapped(text, font, max(width - 2 * PADDING, 10))
        height = _heights[key] = math.ceil(text_height) + 2 * PADDING
    return height
