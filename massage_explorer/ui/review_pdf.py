"""The review report as a PDF: a cover with the sign-off lines, then each technique on a page of
its own: claims and cautions in tables, the catalog's words in a column per language, set at the
largest size that keeps the technique on its page. A technique with more to say than fits at
the smallest size runs on to a second page rather than shrink further (set larger again, to fill
both): every page's foot names its technique and says "page 2 of 2", so a page read or filed
alone is never taken for a whole.

Every catalog text is escaped into the HTML Qt lays out: plain text, never markup or a link.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from massage_explorer.core.review import ReviewReport, ReviewTechnique
from massage_explorer.core.storage import atomic_write
from massage_explorer.ui.common.theme import FONT_FAMILIES

DPI = 300
MARGIN_MM = 15
POINTS = 10.5
# A technique's page is set at the first of these sizes that fits it on one page.
SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
FOOT_POINTS = 8.0


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _cover(report: ReviewReport) -> str:
    stale = report.stale_count
    return (
        f"<h1>{_e(report.title)}</h1>"
        f"<p>Catalog: {_e(report.source)}<br>Report made: {_e(report.made)}<br>"
        f"Techniques: {len(report.techniques)}; with a claim never reviewed or reviewed over "
        f"{report.stale_years} years ago: {stale} (they come first)</p>"
        "<p>Each technique starts on a page of its own: every claimed benefit with its evidence "
        "grade (GRADE), the words patients read, its sources and when it was last reviewed; then "
        "its cautions, the most serious first.</p>" + _changes(report) + "<h2>Sign-off</h2>"
        "<p>I have reviewed the claims, grades, sources and cautions in this report.</p>"
        "<p>Name: ______________________________________</p>"
        "<p>Role: ______________________________________</p>"
        "<p>Signature: __________________________________ Date: ______________</p>"
    )


def _changes(report: ReviewReport) -> str:
    if not report.since:
        return ""
    return f"<h2>What changed since {_e(report.since)}</h2>" + _list(list(report.changes))


def _technique(technique: ReviewTechnique, languages: tuple[str, ...]) -> str:
    """One technique: a heading, then its claims and its cautions as tables, a row each: what it
    is about (benefit and grade, or condition and level), then the catalog's words in a column per
    language, side by side (stacked, they took three pages a technique)."""
    flag = " — REVIEW DUE" if technique.stale else ""
    parts = [f"<h2>{_e(technique.name)}{flag}</h2>", f"<p>id: {_e(technique.id)}</p>"]
    parts.append("<h3>Reported benefits</h3>")
    if not technique.claims:
        parts.append("<p>None claimed.</p>")
    else:
        rows = []
        for claim in technique.claims:
            due = " (review due)" if claim.stale else ""
            about = f"{claim.benefit}: evidence {claim.grade}; reviewed {claim.reviewed}{due}"
            rows.append(_row(about, claim.wording, languages))
            sources = [f"Source: {source}" for source in claim.sources] or ["No source given"]
            rows.extend(_source_row(source, languages) for source in sources)
        parts.append(_table(rows))
    parts.append("<h3>Cautions, the most serious first</h3>")
    if not technique.cautions:
        parts.append("<p>None.</p>")
    else:
        rows = [_row(f"{c.condition}: {c.level}", c.advice, languages) for c in technique.cautions]
        parts.append(_table(rows))
    return "".join(parts)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"


def _table(rows: list[str]) -> str:
    return '<table width="100%" cellspacing="0" cellpadding="2" border="0">' + "".join(rows) + "</table>"


ABOUT_WIDTH = 22  # per cent of the page for the first column; the languages share the rest


def _row(about: str, words: tuple[tuple[str, str], ...], languages: tuple[str, ...]) -> str:
    said = dict(words)
    width = (100 - ABOUT_WIDTH) // max(len(languages), 1)
    cells = [f'<td width="{ABOUT_WIDTH}%" valign="top"><b>{_e(about)}</b></td>']
    cells += [
        f'<td width="{width}%" valign="top">{_e(f"{lang}: {said[lang]}") if lang in said else ""}</td>'
        for lang in languages
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _source_row(text: str, languages: tuple[str, ...]) -> str:
    return f'<tr><td></td><td colspan="{max(len(languages), 1)}">{_e(text)}</td></tr>'


def _document(html_text: str, points: float, writer: QPdfWriter) -> QTextDocument:
    """Laid out in pages of the writer's size less the foot: a line never straddles two pages."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html_text)
    doc.setPageSize(QSizeF(writer.width(), writer.height() - _foot_height(writer)))
    return doc


def _foot_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(FOOT_POINTS)
    return font


def _foot_height(writer: QPdfWriter) -> int:
    """Room for the page's foot: a line of FOOT_POINTS type, and as much again above it."""
    return round(2.5 * FOOT_POINTS * writer.resolution() / 72)


def _fitted(html_text: str, writer: QPdfWriter) -> QTextDocument:
    """The technique on as few pages as the sizes allow, at the largest size that takes no more:
    one page from 9.5 pt down to 7 pt; if it needs two even at 7 pt, the two at the largest size
    that fills them (not two at 7 pt with the second half empty); and so on."""
    docs = []
    for points in SIZES:  # most techniques fit one page at the first size or two
        docs.append(_document(html_text, points, writer))
        if docs[-1].pageCount() == 1:
            return docs[-1]
    fewest = docs[-1].pageCount()  # at the smallest size
    return next(doc for doc in docs if doc.pageCount() <= fewest)


def _foot(title: str, page: int, pages: int, sheet: int, sheets: int) -> str:
    """What a page says at its foot: whose page it is, and where it stands."""
    own = f" — page {page} of {pages}" if pages > 1 else ""
    return f"{title}{own}  ·  report page {sheet} of {sheets}"


def _draw(
    doc: QTextDocument, title: str, painter: QPainter, writer: QPdfWriter, first_sheet: int, sheets: int
) -> None:
    """`doc`, laid out in pages, from the top of a new page over as many as it takes, each with
    its foot (as plain text: `title` may be catalog text)."""
    height = doc.pageSize().height()
    width = doc.pageSize().width()
    for page in range(doc.pageCount()):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * height)
        doc.drawContents(painter, QRectF(0, page * height, width, height))
        painter.restore()
        painter.save()
        painter.setFont(_foot_font())
        foot = _foot(title, page + 1, doc.pageCount(), first_sheet + page, sheets)
        painter.drawText(QRectF(0, height, width, _foot_height(writer)), _FOOT_ALIGN, foot)
        painter.restore()


_FOOT_ALIGN = Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine


def report_pdf_bytes(report: ReviewReport) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setTitle(report.title)
    writer.setCreator("Massage Explorer")
    # Every page laid out first: each page's foot says how many there are.
    docs = [(_document(_cover(report), POINTS, writer), report.title)]
    docs += [(_fitted(_technique(t, report.languages), writer), t.name) for t in report.techniques]
    sheets = sum(doc.pageCount() for doc, _ in docs)
    painter = QPainter(writer)
    try:
        sheet = 1
        for doc, title in docs:
            if sheet > 1:
                writer.newPage()
            _draw(doc, title, painter, writer, sheet, sheets)
            sheet += doc.pageCount()
    finally:
        painter.end()
    return bytes(buffer.data().data())


def write_report_pdf(report: ReviewReport, path: Path) -> None:
    """Save the report at `path`, atomically."""
    atomic_write(path, report_pdf_bytes(report))
