"""Render the technique pictograms in src/*.svg to the PNGs the catalog ships, at 800x400 px.

The details screen shows a picture at most 400x200 px; the PNG is twice that so it stays sharp on
dense screens. Each SVG is a hand-written 400x200 source, so edit it there and run again:

    /work/main/.venv/bin/python resources/pictures/render.py

No display is needed (Qt's offscreen platform). The run is idempotent: the same SVG gives the same
bytes, and a PNG is only rewritten when its bytes change. A source the kiosk would refuse (one
that refers to anything outside itself: see massage_explorer/ui/details/picture.py) stops the run,
and so does a PNG over MAX_BYTES.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from massage_explorer.ui.details.picture import checked_svg

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"
SIZE = QSize(800, 400)  # 2x the largest size the details screen shows (400x200)
MAX_BYTES = 60 * 1024  # the kiosk loads pictures as it opens a technique; keep them light


def render(svg: bytes) -> bytes:
    """The PNG bytes of one SVG drawn at SIZE, transparent outside the drawing."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("Qt cannot read it as SVG")
    image = QImage(SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Quality 0 asks Qt for its strongest (lossless) PNG compression.
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG", 0)
    buffer.close()
    return bytes(data.data())


def main() -> int:
    """Render every source; report each PNG; exit 1 if any source is refused or too large."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QtSvg needs one
    failed = False
    sources = sorted(SOURCES.glob("*.svg"))
    if not sources:
        print(f"no SVG sources in {SOURCES}", file=sys.stderr)
        return 1
    for source in sources:
        svg = checked_svg(source.read_bytes())
        if svg is None:
            print(f"{source.name}: refused: it refers to something outside itself", file=sys.stderr)
            failed = True
            continue
        png = render(svg)
        target = HERE / f"{source.stem}.png"
        if len(png) > MAX_BYTES:
            print(f"{target.name}: {len(png)} bytes, over {MAX_BYTES}; simplify the drawing", file=sys.stderr)
            failed = True
            continue
        unchanged = target.is_file() and target.read_bytes() == png
        if not unchanged:
            target.write_bytes(png)
        print(f"{target.name}: {len(png)} bytes{' (unchanged)' if unchanged else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
