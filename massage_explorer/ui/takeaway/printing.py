"""Printing the take-away handout on the kiosk's printer, with no dialog and no exception."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from massage_explorer.core.handout import Handout
from massage_explorer.ui.takeaway.pdf import MARGIN_MM, paint_handout

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintResult:
    """How printing went: a message for the patient and a detail for the staff log."""

    ok: bool
    message: str
    detail: str = ""


def unavailable_message() -> str:
    return QCoreApplication.translate(
        "takeaway", "Printing is not available right now. Please ask at the front desk."
    )


def _failed(detail: str) -> PrintResult:
    log.warning("take-away printing failed: %s", detail)
    return PrintResult(False, unavailable_message(), detail)


def print_handout(handout: Handout, printer_name: str) -> PrintResult:
    """Print on the named printer with no dialog; never raises, whatever the printer does."""
    if not printer_name.strip():
        return _failed("no printer is set in the kiosk settings ([kiosk] printer)")
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        known = ", ".join(QPrinterInfo.availablePrinterNames()) or "none"
        return _failed(f"printer {printer_name!r} not found; printers known here: {known}")
    try:
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(handout.title)
        # A long shortlist takes two pages: on both sides of one sheet where the printer can.
        printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
        printer.setPageMargins(
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
        )
        if not printer.isValid():
            return _failed(f"printer {printer_name!r} is not valid")
        paint_handout(handout, printer)
        if printer.printerState() == QPrinter.PrinterState.Error:
            return _failed(f"printer {printer_name!r} reported an error")
    except Exception as exc:  # a broken driver must not crash the kiosk in front of a patient
        return _failed(f"printing on {printer_name!r} failed: {exc!r}")
    # Which printer, never what was on the list: nothing about what a patient looked at.
    log.info("take-away printed on %r", printer_name)
    return PrintResult(True, QCoreApplication.translate("takeaway", "Your list is being printed."))
