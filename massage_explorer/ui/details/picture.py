"""A technique's picture from the catalog's folder, for the details screen.

The validator already refuses pictures outside the catalog's folder; this checks again when it
reads the file (the folder may have changed since). An SVG may name other files or web
addresses (`<image href=…>`, `url(…)`), and Qt's SVG renderer fetches local ones: an SVG that
refers to anything but itself is not shown. Nothing from the catalog is ever followed.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

MAX_BYTES = 8 * 1024 * 1024  # a photo from a phone fits; a mistake does not stall the kiosk
MAX_HEIGHT = 200  # px on the details screen: who should be careful stays in view
MAX_WIDTH = 400
RASTER = (".png", ".jpg", ".jpeg")
# href (also xlink:href), entities, and url(...) that is not a reference inside the file (#id).
_REFERS_OUT = re.compile(rb"href|<!ENTITY|url\(\s*['\"]?(?!#)", re.IGNORECASE)


def picture_file(folder: Path, relative: str) -> Path | None:
    """The picture's file, if it is inside `folder`, a PNG, JPEG or SVG, and not too large."""
    base = folder.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target.suffix.lower() not in (*RASTER, ".svg"):
        return None
    try:
        if not target.is_file() or target.stat().st_size > MAX_BYTES:
            return None
    except OSError:
        return None
    return target


def load_picture(folder: Path, relative: str) -> QPixmap | None:
    """The picture scaled to fit the details screen, or None when it cannot be shown safely."""
    target = picture_file(folder, relative)
    if target is None:
        return None
    try:
        data = target.read_bytes()
    except OSError:
        return None
    svg = target.suffix.lower() == ".svg"
    if svg and _REFERS_OUT.search(data):
        return None
    pixmap = QPixmap()
    if not pixmap.loadFromData(data, "SVG" if svg else None) or pixmap.isNull():
        return None
    if pixmap.height() > MAX_HEIGHT or pixmap.width() > MAX_WIDTH:
        pixmap = pixmap.scaled(
            MAX_WIDTH,
            MAX_HEIGHT,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return pixmap
