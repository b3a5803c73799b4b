"""The review report as a PDF: a cover with the sign-off lines, then each technique from the top
of a new page (its cautions in every language may take it onto a second or third).

Every catalog text is escaped into the HTML Qt lays out: plain text, never markup or a link.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from massage_explorer.core.review import ReviewReport, ReviewTechnique
from massage_explorer.core.storage import atomic_write
from massage_explorer.ui.common.theme import FONT_FAMILIES

DPI = 300
MARGIN_MM = 15
POINTS = 10.5
NEW_PAGE = '<div style="page-break-before: always"></div>'


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _cover(report: ReviewReport) -> str:
    stale = report.stale_count
    return (
        f"<h1>{_e(report.title)}</h1>"
        f"<p>Catalog: {_e(report.source)}<br>Report made: {_e(report.made)}<br>"
        f"Techniques: {len(report.techniques)}; with a claim never reviewed or reviewed over "
        f"{report.stale_years} years ago: {stale} (they come first)</p>"
        "<p>Each technique has a page: every claimed benefit with its evidence grade (GRADE), the "
        "words patients read, its sources and when it was last reviewed; then its cautions, the most "
        "serious first.</p>" + _changes(report) + "<h2>Sign-off</h2>"
        "<p>I have reviewed the claims, grades, sources and cautions in this report.</p>"
        "<p>Name: ______________________________________</p>"
        "<p>Role: ______________________________________</p>"
        "<p>Signature: __________________________________ Date: ______________</p>"
    )


def _changes(report: ReviewReport) -> str:
    if not report.since:
        return ""
    return f"<h2>What changed since {_e(report.since)}</h2>" + _list(list(report.changes))


def _technique(technique: ReviewTechnique) -> str:
    flag = " — REVIEW DUE" if technique.stale else ""
    parts = [f"<h2>{_e(technique.name)}{flag}</h2>", f"<p>id: {_e(technique.id)}</p>"]
    parts.append("<h3>Reported benefits</h3>")
    if not technique.claims:
        parts.append("<p>None claimed.</p>")
    for claim in technique.claims:
        due = " (review due)" if claim.stale else ""
        parts.append(
            f"<p><b>{_e(claim.benefit)}</b>: evidence {_e(claim.grade)}; "
            f"reviewed {_e(claim.reviewed)}{due}</p>"
        )
        sources = [f"Source: {source}" for source in claim.sources] or ["No source given"]
        parts.append(_list([f"{language}: {text}" for language, text in claim.wording] + sources))
    parts.append("<h3>Cautions</h3>")
    if not technique.cautions:
        parts.append("<p>None.</p>")
    for caution in technique.cautions:
        parts.append(f"<p><b>{_e(caution.condition)}</b>: {_e(caution.level)}</p>")
        parts.append(_list([f"{language}: {text}" for language, text in caution.advice]))
    return "".join(parts)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"


def report_html(report: ReviewReport) -> str:
    return _cover(report) + "".join(NEW_PAGE + _technique(t) for t in report.techniques)


def report_pdf_bytes(report: ReviewReport) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setTitle(report.title)
    writer.setCreator("Massage Explorer")
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(POINTS)
    doc.setDefaultFont(font)
    doc.setHtml(report_html(report))
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    return bytes(buffer.data().data())


def write_report_pdf(report: ReviewReport, path: Path) -> None:
    """Save the report at `path`, atomically."""
    atomic_write(path, report_pdf_bytes(report))
