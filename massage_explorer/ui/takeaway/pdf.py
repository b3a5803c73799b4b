"""The take-away on paper: the handout laid out as a page, saved as PDF or printed with no dialog."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QIODevice,
    QLocale,
    QMarginsF,
    QObject,
    QRect,
    QRectF,
    QSizeF,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from massage_explorer.core.handout import Handout
from massage_explorer.core.qr_payload import Detail, QrPayload, qr_matrix, qr_text
from massage_explorer.core.settings import KioskConfig
from massage_explorer.ui.common.theme import FONT_FAMILIES
from massage_explorer.ui.takeaway.handout_html import BODY_POINTS, MIN_POINTS, QR_MARK, Layout, handout_html
from massage_explorer.ui.takeaway.pagination import keep_blocks_whole

log = logging.getLogger(__name__)

MARGIN_MM = 10  # well inside what office printers reach (about 4-6 mm); more room for text
COLUMNS = 2  # ~85 mm lines of ~50 characters: easy to read; the text flows down one, then the other
QR_MM = 50  # a version-25 code (125 modules with its quiet zone) gets 0.4 mm modules
MIN_MODULE_MM = 0.4  # finer print blurs on an office laser and phones stop reading it
GAP_MM = 8
# The advice about each condition is what keeps a patient safe: a shortlist is printed whole on up
# to this many sheets before the brief form (condition names without their advice) is used.
MAX_FULL_SHEETS = 2
QR_OBJECT = QTextFormat.ObjectTypes.UserObject.value + 1
OBJECT_CHAR = "\ufffc"
PDF_DPI = 300


class _QrObject(QPyTextObject):
    """Paints the QR code inline in the text as one vector path: sharp on any printer, no JPEG."""

    def __init__(self, matrix: list[list[bool]], side: float, parent: QObject) -> None:
        super().__init__(parent)
        self._matrix = matrix
        self._side = side

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        return QSizeF(self._side, self._side)

    def drawObject(
        self, painter: QPainter, area: QRectF | QRect, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:
        rect = QRectF(area)
        module = rect.width() / len(self._matrix)
        # One path with winding fill: neighbouring modules merge, so no hairline seams between them.
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for row, modules in enumerate(self._matrix):
            for column, dark in enumerate(modules):
                if dark:
                    path.addRect(rect.x() + column * module, rect.y() + row * module, module, module)
        painter.fillRect(rect, QColor("white"))
        painter.fillPath(path, QColor("black"))


def _qr_mark(doc: QTextDocument) -> QTextCursor:
    """The handout's own mark for the code: a centred paragraph of its own. The clinic's red flags
    (catalog text) come before it, and a sign could say the mark's very words."""
    cursor = doc.find(QR_MARK, 0, QTextDocument.FindFlag.FindCaseSensitively)
    while not cursor.isNull() and not (
        cursor.block().text() == QR_MARK
        and cursor.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
        and cursor.block().textList() is None
    ):
        cursor = doc.find(QR_MARK, cursor, QTextDocument.FindFlag.FindCaseSensitively)
    return cursor


def _document(
    handout: Handout, payload: QrPayload, device: QPagedPaintDevice, layout: Layout, column: QSizeF
) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)  # lay out in the device's units, not the screen's
    doc.setDocumentMargin(0)
    font = QFont()
    # The app's fonts, named: a window's QFont() has them (apply_theme), a bare QApplication does
    # not, and the system's own default (Noto Sans where it is installed) is wider, so a handout
    # laid out without the theme would break its pages elsewhere.
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(layout.points)
    doc.setDefaultFont(font)
    # Bullets indented by about one letter's width, not Qt's 40 px: every list line gets longer.
    # The width is in Qt's 96-per-inch layout pixels, which it scales to the device itself.
    doc.setIndentWidth(layout.points * 1.5 * 96 / 72)
    matrix = qr_matrix(payload.text, payload.level)
    side = max(QR_MM, len(matrix) * MIN_MODULE_MM) * device.logicalDpiY() / 25.4
    code = _QrObject(matrix, side, doc)
    doc.documentLayout().registerHandler(QR_OBJECT, code)
    doc.setHtml(handout_html(handout, payload, layout))
    cursor = _qr_mark(doc)
    inline = QTextCharFormat()
    inline.setObjectType(QR_OBJECT)
    cursor.insertText(OBJECT_CHAR, inline)
    doc.setPageSize(column)  # one "page" of the document is one column of a sheet
    keep_blocks_whole(doc)
    return doc


def paint_handout(handout: Handout, device: QPagedPaintDevice) -> Printed:
    """Lay the handout out on `device` (a PDF writer or a printer); says how it went onto paper.

    The text flows down the left column, then the right, then onto the next sheet; Qt breaks
    columns between lines, never through one. Raises OSError when the device cannot be painted on.
    """
    payload = qr_text(handout)
    gap = GAP_MM * device.logicalDpiX() / 25.4
    footer_font = QFont()
    footer_font.setFamilies(FONT_FAMILIES)
    footer_font.setPointSizeF(MIN_POINTS)
    footer_height = QFontMetricsF(footer_font, device).height() * 1.5  # half a line above it
    column = QSizeF((device.width() - gap * (COLUMNS - 1)) / COLUMNS, device.height() - footer_height)
    doc, layout = _fitted_document(handout, payload, device, column)
    sheets = _sheets(doc.pageCount())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page could not be painted (QPainter.begin failed)")
    try:
        for part in range(doc.pageCount()):
            sheet, slot = divmod(part, COLUMNS)
            if slot == 0:
                if sheet and not device.newPage():
                    raise OSError(f"could not start page {sheet + 1}")
                footer = handout.footer if sheets == 1 else f"{handout.footer}   {sheet + 1}/{sheets}"
                painter.setFont(footer_font)
                bottom = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
                painter.drawText(
                    QRectF(0, column.height(), device.width(), footer_height), int(bottom), footer
                )
            painter.save()
            painter.translate(slot * (column.width() + gap), -part * column.height())
            # One device pixel short: Qt also draws a line that starts exactly at the clip's
            # bottom (the next column's first), invisible but then twice in the PDF's text.
            clip = QRectF(0, part * column.height(), column.width(), column.height() - 1)
            doc.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()
    return Printed(sheets, layout, doc)


def _fitted_document(
    handout: Handout, payload: QrPayload, device: QPagedPaintDevice, column: QSizeF
) -> tuple[QTextDocument, Layout]:
    """The handout with every caution's advice on as few sheets as it needs, up to
    MAX_FULL_SHEETS, in the largest type that takes the fewest; else the brief form.

    The advice is what keeps a patient safe, so a shortlist that does not fit one sheet is
    printed whole on a second before it is cut down: the brief form (see Layout) only when even
    two sheets are too few, and only if the page's code allows. Then the form that takes the
    fewest sheets is printed, everything if it is a tie.
    """
    tried: list[tuple[QTextDocument, Layout]] = []
    # Every size is tried: a larger size can take fewer columns (a heading or a paragraph that
    # no longer has to move to the next column).
    for points in BODY_POINTS:
        layout = Layout(points)
        doc = _document(handout, payload, device, layout, column)
        if _sheets(doc.pageCount()) == 1:
            return doc, layout
        tried.append((doc, layout))
    best = min(tried, key=lambda t: (_sheets(t[0].pageCount()), -t[1].points))
    if _sheets(best[0].pageCount()) <= MAX_FULL_SHEETS or payload.detail < Detail.CAUTION_NAMES:
        return best
    # The code holds no caution advice either, so the paper may leave it out.
    for points in BODY_POINTS:
        layout = Layout(points, brief=True)
        tried.append((_document(handout, payload, device, layout, column), layout))
    # Fewest sheets, then everything over the brief form, then the largest type.
    return min(tried, key=lambda t: (_sheets(t[0].pageCount()), t[1].brief, -t[1].points))


@dataclass(frozen=True)
class Printed:
    """What went onto the paper: how many pages (two columns each), in which layout, and the
    laid-out document (one document page per column)."""

    pages: int
    layout: Layout
    document: QTextDocument


def _sheets(columns: int) -> int:
    return -(-columns // COLUMNS)


def default_page_size() -> QPageSize:
    """Letter where the locale measures in inches (US), A4 everywhere else."""
    if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def pdf_bytes(handout: Handout, page_size: QPageSize | None = None) -> bytes:
    """The handout as the bytes of a PDF file."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageSize(page_size or default_page_size())
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setTitle(handout.title)
    writer.setCreator("Massage Explorer")
    paint_handout(handout, writer)
    return bytes(buffer.data().data())


def write_pdf(handout: Handout, path: Path, page_size: QPageSize | None = None) -> None:
    """Save the handout as a PDF at `path`, atomically: a reader never sees half a file."""
    data = pdf_bytes(handout, page_size)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp_name, 0o644)  # nothing personal in it; staff tools may run as another user
        os.replace(tmp_name, path)
        log.info("take-away PDF saved as %s", path)  # a random name: nothing about the patient
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


@dataclass(frozen=True)
class PdfDestination:
    """Where to save a handout PDF, or None and why not (for the staff log)."""

    path: Path | None
    reason: str = ""


def pdf_destination(config: KioskConfig, kiosk: bool) -> PdfDestination:
    """A fresh, non-personal file name in the PDF folder; no file dialog is ever involved.

    In kiosk mode only the configured `pdf_folder` is used. Elsewhere, with no folder set, the
    user's documents folder is the suggestion.
    """
    folder = config.pdf_folder
    if folder is None:
        if kiosk:
            where = config.path or "the kiosk settings"
            return PdfDestination(None, f"saving PDFs is off: no pdf_folder in [kiosk] of {where}")
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    if not folder.is_dir():
        return PdfDestination(None, f"the PDF folder {folder} does not exist or is not a folder")
    while True:
        path = folder / f"massage-shortlist-{secrets.token_hex(6)}.pdf"
        if not path.exists():
            return PdfDestination(path)
