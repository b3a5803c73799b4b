"""Renders massage-explorer.svg to the hicolor PNGs beside it: `python deploy/icons/render.py`.

Run it again after changing the SVG; the PNGs are kept in the repository so that installing the
icons needs nothing but `install`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "massage-explorer.svg"
SIZES = (48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon drawn at size by size pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])  # QPainter wants one to exist
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE}: Qt cannot read this SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        target = HERE / "hicolor" / f"{size}x{size}" / "apps" / "massage-explorer.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target)):
            print(f"{target}: could not write", file=sys.stderr)
            return 1
        print(target.relative_to(HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
