"""The take-away on paper: the handout laid out as a page, saved as PDF or printed with no dialog."""

from __future__ import annotations

import contextlib
import html
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
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from massage_explorer.kiosk_config import KioskConfig
from massage_explorer.ui.takeaway import Handout, HandoutTechnique, QrPayload, qr_matrix, qr_text

log = logging.getLogger(__name__)

MARGIN_MM = 15
# Body sizes in points, tried largest first: the handout takes the fewest sheets, then the largest
# type. 10 pt is the floor for older readers; below it another sheet beats smaller print.
BODY_POINTS = (12.0, 11.0, 10.0)
COLUMNS = 2  # ~85 mm lines of ~50 characters: easy to read; the text flows down one, then the other
QR_MM = 50  # a version-25 code (125 modules with its quiet zone) gets 0.4 mm modules
MIN_MODULE_MM = 0.4  # finer print blurs on an office laser and phones stop reading it
GAP_MM = 8
QR_MARK = "{qr-code}"  # where the code goes; replaced by the object below
QR_OBJECT = QTextFormat.ObjectTypes.UserObject.value + 1
OBJECT_CHAR = "\ufffc"
PDF_DPI = 300


def _e(text: str) -> str:
    """Catalog and translated text as literal HTML text, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def _list(heading: str, items: list[str], points: float) -> str:
    if not items:
        return ""
    rows = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<h3 style="font-size: {points:.1f}pt; margin-top: {points * 0.6:.1f}pt; margin-bottom: 0;">'
        f"{_e(heading)}</h3>"
        f'<ul style="margin-top: 0; margin-bottom: 0; -qt-list-indent: 1;">{rows}</ul>'
    )


def _technique_html(item: HandoutTechnique, handout: Handout, points: float) -> str:
    labels = handout.labels
    cautions = [f"<b>{_e(c.condition)}:</b> {_e(c.note)}" for c in item.cautions]
    return (
        f'<hr><h2 style="font-size: {points * 1.4:.1f}pt; margin-top: {points * 0.3:.1f}pt; '
        f'margin-bottom: 0;">{_e(item.name)}</h2>'
        f'<p style="margin: 0;"><b>{_e(labels.pressure)}:</b> {_e(item.pressure)}<br>'
        f"<b>{_e(labels.session)}:</b> {_e(item.session)}</p>"
        + _list(labels.benefits, [_e(b) for b in item.benefits], points)
        + _list(labels.cautions, cautions, points)
        + _list(labels.questions, [_e(q) for q in item.questions], points)
    )


def handout_html(handout: Handout, payload: QrPayload, points: float) -> str:
    """The handout as HTML we build ourselves: every piece of text goes through html.escape."""
    scan = handout.labels.scan_short if payload.shortened else handout.labels.scan
    parts = [
        f'<h1 style="font-size: {points * 1.6:.1f}pt; margin: 0;">{_e(handout.title)}</h1>',
        _list(handout.labels.guidance, [_e(line) for line in handout.guidance], points),
        f'<p align="center" style="margin-top: {points:.1f}pt; margin-bottom: 0;">{QR_MARK}</p>',
        f'<p align="center" style="font-size: {points * 0.85:.1f}pt; margin: 0;">{_e(scan)}</p>',
        *(_technique_html(item, handout, points) for item in handout.techniques),
    ]
    return f"<html><body>{''.join(parts)}</body></html>"


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


def _document(
    handout: Handout, payload: QrPayload, device: QPagedPaintDevice, points: float, column: QSizeF
) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)  # lay out in the device's units, not the screen's
    doc.setDocumentMargin(0)
    font = QFont()
    font.setPointSizeF(points)
    doc.setDefaultFont(font)
    matrix = qr_matrix(payload.text, payload.level)
    side = max(QR_MM, len(matrix) * MIN_MODULE_MM) * device.logicalDpiY() / 25.4
    code = _QrObject(matrix, side, doc)
    doc.documentLayout().registerHandler(QR_OBJECT, code)
    doc.setHtml(handout_html(handout, payload, points))
    # The mark comes before any catalog text, so the first match is ours.
    cursor = doc.find(QR_MARK)
    inline = QTextCharFormat()
    inline.setObjectType(QR_OBJECT)
    cursor.insertText(OBJECT_CHAR, inline)
    doc.setPageSize(column)  # one "page" of the document is one column of a sheet
    _keep_headings_with_text(doc)
    return doc


def _keep_headings_with_text(doc: QTextDocument) -> None:
    """Move a heading that ends a column to the next one (Qt has no keep-with-next)."""
    layout, height = doc.documentLayout(), doc.pageSize().height()
    block = doc.begin()
    while block.isValid() and block.next().isValid():
        leads = block.blockFormat().headingLevel() > 0 or _is_rule(block)
        last_line = (layout.blockBoundingRect(block).bottom() - 1) // height
        if leads and last_line != layout.blockBoundingRect(block.next()).top() // height:
            # A technique's rule goes with its name.
            target = block.previous() if _is_rule(block.previous()) else block
            fmt = target.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(target).setBlockFormat(fmt)
            doc.setPageSize(doc.pageSize())  # a full layout again: Qt would finish the rest lazily
        block = block.next()


def _is_rule(block: QTextBlock) -> bool:
    fmt = block.blockFormat()
    return block.isValid() and fmt.hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)


def paint_handout(handout: Handout, device: QPagedPaintDevice) -> int:
    """Lay the handout out on `device` (a PDF writer or a printer); returns the number of sheets.

    The text flows down the left column, then the right, then onto the next sheet; Qt breaks
    columns between lines, never through one. Raises OSError when the device cannot be painted on.
    """
    payload = qr_text(handout)
    gap = GAP_MM * device.logicalDpiX() / 25.4
    footer_font = QFont()
    footer_font.setPointSizeF(9)
    footer_height = QFontMetricsF(footer_font, device).height() * 2
    column = QSizeF((device.width() - gap * (COLUMNS - 1)) / COLUMNS, device.height() - footer_height)
    docs = [_document(handout, payload, device, points, column) for points in BODY_POINTS]
    # min() keeps the first of equals: the fewest sheets, then the largest type.
    doc = min(docs, key=lambda d: _sheets(d.pageCount()))
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
            doc.drawContents(painter, QRectF(0, part * column.height(), column.width(), column.height()))
            painter.restore()
    finally:
        painter.end()
    return sheets


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
