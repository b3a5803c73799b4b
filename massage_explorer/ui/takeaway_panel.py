"""The shortlist's "take it with you" panel: the QR code on screen, Print and Save as PDF."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from massage_explorer.kiosk_config import KioskConfig
from massage_explorer.ui.models import TechniqueListModel
from massage_explorer.ui.state import SessionState
from massage_explorer.ui.takeaway import Handout, build_handout, qr_pixmap, qr_text, shortened_notice
from massage_explorer.ui.takeaway_pdf import paint_handout, pdf_destination, write_pdf
from massage_explorer.ui.takeaway_print import print_handout
from massage_explorer.ui.widgets import big_button, plain_label

log = logging.getLogger(__name__)
QR_SIDE_PX = 540  # a version-20 code at 5 px a module, about 14 cm on a 22-24" 1080p screen


class TakeawayPanel(QFrame):
    """Builds the handout from the shortlist in the language on screen; shows, prints, saves it.

    In kiosk mode there is never a dialog: printing goes to the configured printer and PDFs to
    the configured folder. On a desktop, the usual print and save dialogs are offered.
    """

    def __init__(
        self, state: SessionState, techniques: TechniqueListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("takeaway")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._state = state
        self._techniques = techniques
        self._config = KioskConfig()
        self._kiosk = False
        self._stale = True
        self.handout: Handout | None = None
        self.qr_payload_text = ""

        self.heading = plain_label(self.tr("Take your list with you"), role="heading")
        self.qr = QLabel()
        self.qr.setTextFormat(Qt.TextFormat.PlainText)  # it holds a picture; never let it read HTML
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName(self.tr("QR code of your list"))
        self.qr.setAccessibleDescription(
            self.tr("Point your phone's camera at it. It holds your list as plain text, with no web link.")
        )
        self.caption = plain_label(
            self.tr("Point your phone's camera at the code to keep this list. No internet needed."),
            role="body",
        )
        self.shortened = plain_label(role="muted")
        self.print_button = big_button(self.tr("Print"))
        self.print_button.setAccessibleDescription(self.tr("Print your list with the clinic's advice."))
        self.print_button.clicked.connect(self.print_list)
        self.pdf_button = big_button(self.tr("Save as PDF"))
        self.pdf_button.setAccessibleDescription(self.tr("Save your list as a PDF file."))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.message = plain_label(role="body")
        self.message.setAccessibleName(self.tr("Take-away message"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 16, 20, 16)
        column.setSpacing(12)
        for widget in (self.heading, self.qr, self.caption, self.shortened):
            column.addWidget(widget)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addStretch(1)

        state.shortlistChanged.connect(self._mark_stale)
        state.languageChanged.connect(self._mark_stale)

    def configure(self, config: KioskConfig, *, kiosk: bool) -> None:
        self._config = config
        self._kiosk = kiosk
        # In a kiosk with no PDF folder set, saving is off: no button that can only fail.
        self.pdf_button.setVisible(not kiosk or config.pdf_folder is not None)

    @Slot()
    def _mark_stale(self) -> None:
        self._stale = True
        self.message.clear()
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the handout and its QR code from the shortlist as it is now."""
        self._stale = False
        catalog = self._techniques.catalog
        self.handout = build_handout(catalog, self._state.shortlist, self._state.language)
        if not self.handout.techniques:
            self.qr.clear()
            self.qr_payload_text = ""
            self.shortened.hide()
            return
        payload = qr_text(self.handout)
        self.qr_payload_text = payload.text
        self.qr.setPixmap(qr_pixmap(payload, QR_SIDE_PX))
        self.shortened.setText(shortened_notice())
        self.shortened.setVisible(payload.shortened)

    def reset(self) -> None:
        self.message.clear()
        self._mark_stale()

    @Slot()
    def print_list(self) -> None:
        if self._stale or self.handout is None:
            self.refresh()
        assert self.handout is not None
        if self._kiosk:
            result = print_handout(self.handout, self._config.printer)
            self.message.setText(result.message)
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            paint_handout(self.handout, printer)
            self.message.setText(self.tr("Your list was sent to the printer."))

    @Slot()
    def save_pdf(self) -> None:
        if self._stale or self.handout is None:
            self.refresh()
        assert self.handout is not None
        destination = pdf_destination(self._config, self._kiosk)
        if self._kiosk:
            path = destination.path
            if path is None:
                log.warning("take-away PDF not saved: %s", destination.reason)
                self.message.setText(
                    self.tr("Saving is not available right now. Please ask at the front desk.")
                )
                return
        else:
            suggested = str(destination.path or "massage-shortlist.pdf")
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save your list"), suggested, "PDF (*.pdf)")
            if not chosen:
                return
            from pathlib import Path

            path = Path(chosen)
        try:
            write_pdf(self.handout, path)
        except OSError as exc:
            log.warning("take-away PDF not saved to %s: %s", path, exc)
            self.message.setText(self.tr("Saving did not work. Please ask at the front desk."))
            return
        if self._kiosk:
            code = path.stem.rsplit("-", 1)[-1]
            self.message.setText(
                self.tr("Saved for the front desk. Ask there for list {code}.").format(code=code)
            )
        else:
            self.message.setText(self.tr("Saved as {name}.").format(name=path.name))
