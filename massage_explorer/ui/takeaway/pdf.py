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

from massage_explorer.core.handout import Handout, HandoutTechnique
from massage_explorer.core.qr_payload import Detail, QrPayload, qr_matrix, qr_text
from massage_explorer.core.settings import KioskConfig

log = logging.getLogger(__name__)

MARGIN_MM = 10  # well inside what office printers reach (about 4-6 mm); more room for text
# Body sizes in points, tried largest first: the handout takes the fewest sheets, then the largest
# type. 10 pt is the floor for older readers; below it another sheet beats smaller print.
BODY_POINTS = (12.0, 11.0, 10.0)
MIN_POINTS = BODY_POINTS[-1]  # nothing on the page is smaller: captions and the footer too
SMALL_SECTION = 1 / 3  # a section up to this share of a column is never split between columns
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
        f'<h3 style="font-size: {points:.1f}pt; margin-top: {points * 0.4:.1f}pt; margin-bottom: 0;">'
        f"{_e(heading)}</h3>"
        f'<ul style="margin-top: 0; margin-bottom: 0; -qt-list-indent: 1;">{rows}</ul>'
    )


def _technique_html(item: HandoutTechnique, handout: Handout, layout: Layout) -> str:
    labels, points = handout.labels, layout.points
    facts_break = " · " if layout.brief else "<br>"  # the brief form saves a line per technique
    html_text = (
        f'<hr><h2 style="font-size: {points * 1.4:.1f}pt; margin-top: {points * 0.3:.1f}pt; '
        f'margin-bottom: 0;">{_e(item.name)}</h2>'
        f'<p style="margin: 0;"><b>{_e(labels.pressure)}:</b> {_e(item.pressure)}{facts_break}'
        f"<b>{_e(labels.session)}:</b> {_e(item.session)}</p>"
        + _list(labels.benefits, [_e(b) for b in item.benefits], points)
    )
    if layout.brief:
        return html_text  # cautions and questions follow all the techniques, once each
    cautions = [f"<b>{_e(c.condition)}:</b> {_e(c.note)}" for c in item.cautions]
    return (
        html_text
        + _list(labels.cautions, cautions, points)
        + _list(labels.questions, [_e(q) for q in item.questions], points)
    )


def _brief_cautions_and_questions(handout: Handout, points: float) -> str:
    """Each condition once, naming the techniques it is for unless it is for all of them; then
    what to do about any of them; then every question once."""
    techniques: dict[str, list[str]] = {}
    questions: dict[str, None] = {}
    for item in handout.techniques:
        for caution in item.cautions:
            techniques.setdefault(caution.condition, []).append(item.name)
        questions.update(dict.fromkeys(item.questions))
    everyone = len(handout.techniques)
    conditions = [
        _e(condition if len(names) == everyone else f"{condition} ({', '.join(names)})")
        for condition, names in techniques.items()
    ]
    labels = handout.labels
    advice = f'<p style="margin: 0;">{_e(labels.cautions_brief)}</p>' if conditions else ""
    return (
        "<hr>"
        + _list(labels.cautions, conditions, points)
        + advice
        + _list(labels.questions, [_e(q) for q in questions], points)
    )


@dataclass(frozen=True)
class Layout:
    """One way to lay the handout out: a body size, and everything or the brief form.

    The brief form keeps every technique with its benefits, every question and the name of
    every condition to take care with, each once, but not each caution's advice: one paragraph
    under the names says what to do. It exists to get a long shortlist onto one sheet, and is
    used only when the page's QR code holds no caution advice either: the paper never says less
    than its own code.
    """

    points: float
    brief: bool = False


def handout_html(handout: Handout, payload: QrPayload, layout: Layout) -> str:
    """The handout as HTML we build ourselves: every piece of text goes through html.escape."""
    points = layout.points
    scan = handout.labels.scan_short if payload.shortened else handout.labels.scan
    caption = max(MIN_POINTS, points * 0.85)
    parts = [
        f'<h1 style="font-size: {points * 1.6:.1f}pt; margin: 0;">{_e(handout.title)}</h1>',
        _list(handout.labels.guidance, [_e(line) for line in handout.guidance], points),
        f'<p align="center" style="margin-top: {points * 0.5:.1f}pt; margin-bottom: 0;">{QR_MARK}</p>',
        f'<p align="center" style="font-size: {caption:.1f}pt; margin: 0;">{_e(scan)}</p>',
        *(_technique_html(item, handout, layout) for item in handout.techniques),
    ]
    if layout.brief:
        parts.append(_brief_cautions_and_questions(handout, points))
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
    handout: Handout, payload: QrPayload, device: QPagedPaintDevice, layout: Layout, column: QSizeF
) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)  # lay out in the device's units, not the screen's
    doc.setDocumentMargin(0)
    font = QFont()
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
    # Only the title and the clinic's guidance (our own translations) come before the mark, and
    # no catalog text: the first exact match is ours.
    cursor = doc.find(QR_MARK, 0, QTextDocument.FindFlag.FindCaseSensitively)
    inline = QTextCharFormat()
    inline.setObjectType(QR_OBJECT)
    cursor.insertText(OBJECT_CHAR, inline)
    doc.setPageSize(column)  # one "page" of the document is one column of a sheet
    _keep_blocks_whole(doc)
    return doc


def _line_span(block: QTextBlock) -> tuple[float, float]:
    """Top of the block's first line and bottom of its last, where Qt really put them.

    Not blockBoundingRect: when Qt moves a block's first line to the next column, the block's
    rectangle still starts in the column before.
    """
    # Asking for the rectangle lays the document out up to the block: Qt does it lazily.
    block.document().documentLayout().blockBoundingRect(block)
    lines = block.layout()
    origin = lines.position().y()
    if lines.lineCount() == 0:
        rect = lines.boundingRect()
        return origin + rect.top(), origin + rect.bottom()
    first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
    return origin + first.y(), origin + last.y() + last.height()


def _keep_blocks_whole(doc: QTextDocument) -> None:
    """Move a paragraph that would be split between columns to the next column, a heading that
    ends a column with it, and a short section whole (Qt has no keep-together or keep-with-next).

    A split paragraph reads badly, and Qt draws the line above a column's top once more, clipped
    out of sight but still in the PDF's text: copied or read aloud, it would say it twice.
    """
    height = doc.pageSize().height()

    def column(y: float) -> int:
        return int(y // height)

    block = doc.begin()
    while block.isValid():
        top, bottom = _line_span(block)
        last = column(bottom - 1)
        split = column(top) != last and bottom - top < height
        orphaned = _leads(block) and block.next().isValid() and last != column(_line_span(block.next())[0])
        if _is_rule(block):
            # A short section (a technique in the brief form) is kept in one column: a benefit
            # at the top of the next one would seem to belong to the technique after it.
            end = _line_span(_section_end(block))[1]
            small = end - top <= height * SMALL_SECTION
            split = split or (small and column(top) != column(end - 1))
        if split or orphaned:
            # Headings and rules just before the block go with it: a technique's rule with its
            # name, a list's heading with its first item.
            target = block
            while target.previous().isValid() and _leads(target.previous()):
                target = target.previous()
            fmt = target.blockFormat()
            if (
                target == doc.begin()
                or fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            ):
                block = block.next()  # already starts a column: it is taller than what is left
                continue
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(target).setBlockFormat(fmt)
            doc.setPageSize(doc.pageSize())  # a full layout again: Qt would finish the rest lazily
            block = target
            continue
        block = block.next()


def _section_end(rule: QTextBlock) -> QTextBlock:
    """The last block before the next rule (or the end): a rule starts each section."""
    block = rule
    while block.next().isValid() and not _is_rule(block.next()):
        block = block.next()
    return block


def _leads(block: QTextBlock) -> bool:
    """A heading or a rule: it belongs with what follows it."""
    return block.blockFormat().headingLevel() > 0 or _is_rule(block)


def _is_rule(block: QTextBlock) -> bool:
    fmt = block.blockFormat()
    return block.isValid() and fmt.hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)


def paint_handout(handout: Handout, device: QPagedPaintDevice) -> Printed:
    """Lay the handout out on `device` (a PDF writer or a printer); says how it went onto paper.

    The text flows down the left column, then the right, then onto the next sheet; Qt breaks
    columns between lines, never through one. Raises OSError when the device cannot be painted on.
    """
    payload = qr_text(handout)
    gap = GAP_MM * device.logicalDpiX() / 25.4
    footer_font = QFont()
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
    """The handout on the fewest sheets, in the largest type; everything rather than the brief form.

    A patient takes away one sheet: a shortlist too long for it is printed in the brief form
    (see Layout), if the page's code allows. Only a very long shortlist or catalog text needs
    more sheets; then the form that takes the fewest is printed, everything if it is a tie.
    """
    forms = [False]
    if payload.detail >= Detail.CAUTION_NAMES:
        forms.append(True)  # the code holds no caution advice, so the paper may leave it out
    tried: list[tuple[QTextDocument, Layout]] = []
    # Every size is tried: a larger size can take fewer columns (a heading or a paragraph that
    # no longer has to move to the next column).
    for brief in forms:
        for points in BODY_POINTS:
            layout = Layout(points, brief)
            doc = _document(handout, payload, device, layout, column)
            if _sheets(doc.pageCount()) == 1:
                return doc, layout
            tried.append((doc, layout))
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
