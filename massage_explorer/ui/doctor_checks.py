"""What `massage-explorer doctor` asks Qt: the printers the system knows, and the characters no
installed font shows. Neither shows a window, so both work over SSH."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from PySide6.QtCore import QLoggingCategory
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtPrintSupport import QPrinterInfo

from massage_explorer.ui.common.theme import FONT_FAMILIES

_APPLICATION: list[QGuiApplication] = []  # kept for the life of the process, as Qt wants


def application() -> None:
    """An application object, which fonts and printers need. On Linux it uses the offscreen
    platform, which needs no display and finds the same fonts (through fontconfig) as the kiosk
    under cage. A QApplication, not a bare QGuiApplication: whatever runs later in the same
    process (the editor, the screenshot tool, a test) may need widgets, and Qt allows one."""
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        offscreen = ["-platform", "offscreen"] if sys.platform not in ("win32", "darwin") else []
        _APPLICATION.append(QApplication(["massage-explorer", *offscreen]))


def printer_names() -> list[str]:
    """The printers the system knows, by the names the settings' `printer` must use."""
    application()
    return list(QPrinterInfo.availablePrinterNames())


def uncovered_characters(characters: Iterable[str]) -> list[str]:
    """Those of `characters` that no installed font shows: neither the app's fonts (FONT_FAMILIES)
    nor any font Qt falls back on for them, as it does when it draws them."""
    application()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    metrics = QFontMetrics(font)
    # Qt says "OpenType support missing" for each script it finds no font for: that is the
    # finding, said once and plainly by the doctor instead.
    QLoggingCategory.setFilterRules("qt.text.font.db=false")
    try:
        return sorted(ch for ch in set(characters) if not metrics.inFontUcs4(ord(ch)))
    finally:
        QLoggingCategory.setFilterRules("")
