"""A technique's picture from the catalog's folder, for the details screen.

The validator already refuses pictures outside the catalog's folder; this checks again when it
reads the file (the folder may have changed since). An SVG may name other files or web
addresses (`<image href=…>`, `url(…)`, entities), and Qt's SVG renderer reads local ones, so an
SVG that refers to anything but itself is not shown. Qt also unpacks gzip data and reads UTF-16
by itself, and guesses a file's format from its content whatever its name says: a check of the
raw bytes would miss an SVG packed in any of those ways. So a picture is judged by what Qt will
read: an SVG is unpacked here, must be UTF-8 text, is checked as text, and exactly that text is
what Qt gets; a PNG or JPEG must start as one and is read as nothing else. Nothing from the
catalog is ever followed.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap

MAX_BYTES = 8 * 1024 * 1024  # a photo from a phone fits; a mistake does not stall the kiosk
MAX_HEIGHT = 200  # px on the details screen: who should be careful stays in view
MAX_WIDTH = 400
# Each raster suffix with how its files start and the one format Qt may read them as.
RASTER = {".png": (b"\x89PNG\r\n\x1a\n", b"png"), ".jpg": (b"\xff\xd8\xff", b"jpeg")}
RASTER[".jpeg"] = RASTER[".jpg"]
GZIP = b"\x1f\x8b"  # how Qt's SVG reader tells packed data, whatever the file is called
# An XML declaration may only say UTF-8: another encoding would make Qt read other text.
_DECLARATION = re.compile(
    r"<\?xml\s+version\s*=\s*(['\"])1\.[01]\1"
    r"(\s+encoding\s*=\s*(['\"])(?i:utf-8)\3)?"
    r"(\s+standalone\s*=\s*(['\"])(yes|no)\5)?\s*\?>"
)
# Anything that could refer out, with room to spare: refusing a harmless picture costs little.
_REFERS_OUT = re.compile(
    r"href"  # also xlink:href: an image, a font, another document
    r"|\burl\b(?!\(\s*['\"]?#)"  # url(...) that is not a reference inside the file (#id)
    r"|@import|include"  # CSS imports, XInclude
    r"|<!(?!--|\[CDATA\[)"  # DOCTYPE, ENTITY: a DTD or an entity can name a file
    r"|<\?"  # processing instructions, such as xml-stylesheet
    r"|&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-f]+);)"  # an entity XML does not define itself
    r"|\\"  # CSS escapes could spell any of these another way
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",  # not XML text; zeros are how UTF-16 looks as UTF-8
    re.IGNORECASE,
)
_CHARACTER_REFERENCE = re.compile(r"&#(x[0-9a-f]+|[0-9]+);", re.IGNORECASE)


def picture_file(folder: Path, relative: str) -> Path | None:
    """The picture's file, if it is inside `folder`, a PNG, JPEG or SVG, and not too large."""
    try:
        base = folder.resolve()
        target = (base / relative).resolve()
        if not target.is_relative_to(base) or target.suffix.lower() not in (*RASTER, ".svg"):
            return None
        if not target.is_file() or target.stat().st_size > MAX_BYTES:
            return None
    except (OSError, ValueError):  # a name the file system refuses, a null character
        return None
    return target


def load_picture(folder: Path, relative: str) -> QPixmap | None:
    """The picture scaled to fit the details screen, or None when it cannot be shown safely."""
    target = picture_file(folder, relative)
    if target is None:
        return None
    try:
        with target.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # the file may have grown since it was measured
    except OSError:
        return None
    if len(data) > MAX_BYTES:
        return None
    suffix = target.suffix.lower()
    if suffix == ".svg":
        svg = checked_svg(data)
        image = None if svg is None else read_image(svg, b"svg")
    else:
        start, form = RASTER[suffix]
        image = read_image(data, form) if data.startswith(start) else None
    if image is None:
        return None
    pixmap = QPixmap.fromImage(image)
    if pixmap.isNull():
        return None
    if pixmap.height() > MAX_HEIGHT or pixmap.width() > MAX_WIDTH:
        pixmap = pixmap.scaled(
            MAX_WIDTH,
            MAX_HEIGHT,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return pixmap


def checked_svg(data: bytes) -> bytes | None:
    """The SVG as plain UTF-8 text Qt can be given, or None if it may refer to anything outside."""
    if data.startswith(GZIP):
        unpacked = gunzip(data)
        if unpacked is None:
            return None
        data = unpacked
    try:
        text = data.decode("utf-8-sig")  # a byte order mark is fine; UTF-16 or 32 is not UTF-8
    except UnicodeDecodeError:
        return None
    if not text.lstrip().startswith("<"):
        return None  # not XML: nothing Qt should be guessing at
    body = text
    if text.startswith("<?xml"):
        declaration = _DECLARATION.match(text)
        if declaration is None:
            return None
        body = text[declaration.end() :]
    # Attribute values and text reach CSS with character references (&#117; is "u") spelled out.
    spelled = _CHARACTER_REFERENCE.sub(_character, body)
    if _REFERS_OUT.search(body) or _REFERS_OUT.search(spelled):
        return None
    return text.encode("utf-8")  # what was checked, without the byte order mark


def gunzip(data: bytes) -> bytes | None:
    """The one gzip member `data` holds, or None if it is broken or unpacks beyond MAX_BYTES."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # 16: a gzip header and trailer
    try:
        unpacked = inflater.decompress(data, MAX_BYTES + 1)  # a zip bomb stops here
    except zlib.error:
        return None
    if len(unpacked) > MAX_BYTES or not inflater.eof or inflater.unused_data:
        return None  # too large, cut short, or more after it that Qt might read differently
    return unpacked


def read_image(data: bytes, form: bytes) -> QImage | None:
    """`data` read as `form` only: Qt would otherwise guess the format from the content."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    reader = QImageReader(buffer, QByteArray(form))
    reader.setAutoDetectImageFormat(False)
    image = reader.read()
    return None if image.isNull() else image


def _character(reference: re.Match[str]) -> str:
    code = reference.group(1)
    try:
        return chr(int(code[1:], 16) if code[0] in "xX" else int(code))
    except (ValueError, OverflowError):
        return "\ufffd"  # no such character: Qt will refuse the file
