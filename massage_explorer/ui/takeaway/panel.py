"""The shortlist's "take it with you" panel: the QR code on screen, Print and Save as PDF."""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QFrame,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.handout import Handout, build_handout
from massage_explorer.core.qr_payload import (
    MAX_SCREEN_VERSION,
    MIN_MODULE_PX,
    MIN_QR_VERSION,
    QUIET_ZONE,
    QrPayload,
    qr_text,
    shortened_notice,
)
from massage_explorer.core.settings import KioskConfig
from massage_explorer.ui.cards.model import TechniqueListModel
from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.scrolling import ReadingArea, reveal
from massage_explorer.ui.common.translatable import Texts
from massage_explorer.ui.common.words import WORDS
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.takeaway.pdf import paint_handout, pdf_destination, write_pdf
from massage_explorer.ui.takeaway.printing import print_handout
from massage_explorer.ui.takeaway.qr_code import qr_pixmap

log = logging.getLogger(__name__)
MARGIN_PX = 8  # the code's own quiet zone is the rest of its margin
SPACING_PX = 32  # between the code and the words
WORDS_SPACING_PX = 16  # between the heading, the buttons and each paragraph
TEXT_WIDTH_PX = 760  # the words beside the code: ~50 characters a line at the largest text
QR_SHARE = 0.6  # of the page's width at most, so the words beside it keep room on a narrow window
# The words beside the code get at least this many characters a line (and the widest button its
# width): on a narrow page the code is made smaller rather than the words a word a line.
WORDS_MIN_CHARS = 16


class TakeawayPanel(QFrame):
    """Builds the handout from the shortlist in the language on screen; shows, prints, saves it.

    The code is on the left, as large as the page's height allows in whole device pixels per
    module, and the words and buttons on the right; on a page tall enough for the code to be
    larger under the words (a portrait screen), the words are on top and the code under them.
    In kiosk mode there is never a dialog: printing goes to the configured printer and PDFs to
    the configured folder. On a desktop, the usual print and save dialogs are offered.
    """

    smallestCodeChanged = Signal()  # the page's minimum size follows the smallest code

    def __init__(
        self,
        state: SessionState,
        techniques: TechniqueListModel,
        settings: KioskConfig | None = None,
        *,
        kiosk: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("takeaway")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._state = state
        self._techniques = techniques
        self._config = settings or KioskConfig()
        self._kiosk = kiosk
        self._stale = True
        self._space = QSize()  # where the code may go; set by the page as it is resized
        self.qr_payload: QrPayload | None = None
        self._module_px = 0  # device pixels per module of the code on screen
        self._dpr = 1.0  # device pixels per layout pixel the code was drawn for
        self._payloads: dict[int, QrPayload] = {}  # by the largest version that fits the page
        self.handout: Handout | None = None
        self.qr_payload_text = ""

        self.texts = Texts()
        self.heading = plain_label("", role="heading")
        self.texts(self.heading.setText, lambda: self.tr("Take your list with you"))
        self.qr = QLabel()
        self.qr.setTextFormat(Qt.TextFormat.PlainText)  # it holds a picture; never let it read HTML
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.texts(self.qr.setAccessibleName, lambda: self.tr("QR code of your list"))
        self.texts(
            self.qr.setAccessibleDescription,
            lambda: self.tr(
                "Point your phone's camera at it. It holds your list as plain text, with no web link."
            ),
        )
        self.caption = plain_label("", role="body")
        self.texts(
            self.caption.setText,
            lambda: self.tr("Point your phone's camera at the code to keep this list. No internet needed."),
        )
        self.shortened = plain_label(role="muted")
        self.print_button = big_button("")
        self.texts.button(self.print_button, lambda: self.tr("Print"))
        self.texts(
            self.print_button.setAccessibleDescription,
            lambda: self.tr("Print your list with the clinic's advice."),
        )
        self.print_button.clicked.connect(self.print_list)
        self.pdf_button = big_button("")
        self.texts.button(self.pdf_button, lambda: self.tr("Save as PDF"))
        self.texts(self.pdf_button.setAccessibleDescription, lambda: self.tr("Save your list as a PDF file."))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.message = plain_label(role="body")
        self.texts(self.message.setAccessibleName, lambda: self.tr("Take-away message"))
        self.message.hide()  # shown with what Print or Save as PDF did (_say)
        # Side by side where they fit, one above the other where the words are narrow.
        buttons = FlowLayout(spacing=16, line_spacing=16)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        self.words = words = QWidget()
        words.setMaximumWidth(TEXT_WIDTH_PX)
        column = QVBoxLayout(words)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(WORDS_SPACING_PX)
        # The buttons and what they did under the heading, before the words on the code: on a
        # short screen at a large text they were below the fold.
        column.addWidget(self.heading)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addWidget(self.caption)
        column.addWidget(self.shortened)
        column.addStretch(1)
        self._page = page = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        page.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX)
        page.setSpacing(SPACING_PX)
        self._stacked: bool | None = None  # none yet
        self._arrange(stacked=False)

        # In a kiosk with no PDF folder set, saving is off: no button that can only fail.
        self.pdf_button.setVisible(not kiosk or self._config.pdf_folder is not None)
        state.shortlistChanged.connect(self._mark_stale)

    def _say(self, text: str) -> None:
        """What the last print or save did, under the buttons; nothing, not a gap, before one.
        Scrolled into view once laid out: at a large text on a short screen it can fall below
        the fold, and it may hold the code to ask for at the front desk."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            QTimer.singleShot(0, self, self._reveal_message)

    @Slot()
    def _reveal_message(self) -> None:
        if self.message.isVisible():
            reveal(self.message)

    def retranslate(self) -> None:
        self.texts.refresh()
        self._mark_stale()  # the handout and its code are in the language on screen

    def has_paper(self) -> bool:
        """Whether a patient can get the full list on paper or as a PDF from here."""
        return not self._kiosk or bool(self._config.printer.strip()) or self._config.pdf_folder is not None

    def fit_to(self, space: QSize) -> None:
        """Size the code for a page of `space`: the largest whole pixels per module that fit."""
        self._space = space
        self._show_code()

    def words_min_px(self) -> int:
        """The least width the words beside the code get: a readable line, and room for the
        widest button."""
        readable = WORDS_MIN_CHARS * self.caption.fontMetrics().averageCharWidth()
        buttons = [b.sizeHint().width() for b in (self.print_button, self.pdf_button) if not b.isHidden()]
        return max([readable, *buttons])

    def smallest_code_px(self) -> int:
        """Layout pixels across the smallest code of this list at MIN_MODULE_PX device pixels a
        module: what the page must give the code for a phone to read it (0 with no list)."""
        if self.handout is None or not self.handout.techniques:
            return 0
        smallest = self._payload_for(MIN_QR_VERSION)
        return math.ceil(smallest.side_modules * MIN_MODULE_PX / self.devicePixelRatioF())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange:  # moved to a finer or coarser screen
            self._show_code()
            self.smallestCodeChanged.emit()
        return super().event(event)

    @Slot()
    def _mark_stale(self) -> None:
        self._stale = True
        self._say("")
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
        self.handout = build_handout(catalog, self._state.shortlist, self._state.language, WORDS)
        self._payloads.clear()
        self._module_px = 0
        if not self.handout.techniques:
            self.qr.clear()
            self.qr_payload = None
            self.qr_payload_text = ""
            self.shortened.hide()
        else:
            self._show_code()
        self.smallestCodeChanged.emit()

    def _payload_for(self, max_version: int) -> QrPayload:
        """The code's text for a code of at most `max_version`, made once per handout and size."""
        assert self.handout is not None
        found = self._payloads.get(max_version)
        if found is None:
            found = self._payloads[max_version] = qr_text(
                self.handout, max_version=max_version, paper=self.has_paper()
            )
        return found

    def _arrange(self, *, stacked: bool) -> None:
        """The code left of the words, or (`stacked`) the words above the code."""
        if stacked == self._stacked:
            return
        self._stacked = stacked
        page = self._page
        # removeWidget, not takeAt: the item takeAt hands to Python went on being the words'
        # item in Qt's eyes, so a change of their height (a message shown) never reached the
        # new one, which kept their old height and drew the message over the buttons.
        page.removeWidget(self.words)
        page.removeWidget(self.qr)
        while page.takeAt(0) is not None:  # the stretches
            pass
        if stacked:  # in a column centred by the margins _show_code sets
            page.setDirection(QBoxLayout.Direction.TopToBottom)
            page.addWidget(self.words)
            # Under the words' left edge: centred, it would shift by the width of a scroll bar
            # the margins do not count (shown or not, so that it cannot resize the code).
            page.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignLeft)
            page.addStretch(1)
        else:
            page.setDirection(QBoxLayout.Direction.LeftToRight)
            page.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX)
            page.addStretch(1)
            page.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
            page.addWidget(self.words, 6)
            page.addStretch(1)

    @property
    def stacked(self) -> bool:
        """Whether the words are above the code (on a tall page) rather than beside it."""
        return bool(self._stacked)

    def _words_height(self, width: int) -> int:
        """The words' height at `width`, with `shortened` counted whether it shows or not
        (which it does depends on the code's size, chosen from this)."""
        height = self.words.heightForWidth(width)
        if self.shortened.isHidden():
            height += WORDS_SPACING_PX + self.shortened.heightForWidth(width)
        return height

    def _show_code(self) -> None:
        if self.handout is None or not self.handout.techniques:
            return
        margin = 2 * MARGIN_PX
        width, height = self._space.width() - margin, self._space.height() - margin
        words = self.words_min_px()
        beside = min(height, int(self._space.width() * QR_SHARE) - margin, width - SPACING_PX - words)
        # Stacked, the words and the code share a column of the words' width, centred.
        column = max(words, min(TEXT_WIDTH_PX, width))
        under = min(column, height - SPACING_PX - self._words_height(column))
        self._arrange(stacked=under > beside)
        if self.stacked:
            side = under
            left = MARGIN_PX + (width - column) // 2
            self._page.setContentsMargins(left, MARGIN_PX, self._space.width() - left - column, MARGIN_PX)
        else:
            side = beside
            self.words.setMinimumWidth(words)  # not squeezed below it by the stretches either side
        # (Stacked, that least width is left as it was: never more than the column's.)
        # Modules are counted in device pixels: on a screen at twice the pixels a module of
        # MIN_MODULE_PX is half as many layout pixels, and the code is drawn pixel for pixel.
        dpr = self.devicePixelRatioF()
        device_side = int(max(0, side) * dpr)
        # The largest code that fits the page at MIN_MODULE_PX, up to the largest a phone reads:
        # on a short page the code holds less (the red flags always) rather than running off
        # the screen or getting finer.
        fitting = (device_side // MIN_MODULE_PX - 17 - 2 * QUIET_ZONE) // 4
        payload = self._payload_for(max(MIN_QR_VERSION, min(MAX_SCREEN_VERSION, fitting)))
        if payload is not self.qr_payload:
            self.qr_payload = payload
            self.qr_payload_text = payload.text
            self._module_px = 0
            self.shortened.setText(shortened_notice(WORDS, self.has_paper()))
            self.shortened.setVisible(payload.shortened)
        module_px = device_side // payload.side_modules
        # The code spans whole layout pixels, so that it starts on a device pixel: at twice the
        # pixels, an even number of them per module (a code has an odd number of modules).
        whole = int(dpr) if dpr.is_integer() else 1
        module_px = max(math.ceil(MIN_MODULE_PX / whole) * whole, module_px - module_px % whole)
        if module_px != self._module_px or dpr != self._dpr:  # a new pixmap only for a new size
            self._module_px = module_px
            self._dpr = dpr
            pixmap = qr_pixmap(payload, module_px * payload.side_modules)
            pixmap.setDevicePixelRatio(dpr)
            self.qr.setPixmap(pixmap)

    def reset(self) -> None:
        self._mark_stale()  # (which clears the message too)

    @Slot()
    def print_list(self) -> None:
        if self._stale or self.handout is None:
            self.refresh()
        assert self.handout is not None
        if self._kiosk:
            result = print_handout(self.handout, self._config.printer)
            self._say(result.message)
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            paint_handout(self.handout, printer)
            self._say(self.tr("Your list was sent to the printer."))

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
                self._say(self.tr("Saving is not available right now. Please ask at the front desk."))
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
            self._say(self.tr("Saving did not work. Please ask at the front desk."))
            return
        if self._kiosk:
            code = path.stem.rsplit("-", 1)[-1]
            self._say(self.tr("Saved for the front desk. Ask there for list {code}.").format(code=code))
        else:
            self._say(self.tr("Saved as {name}.").format(name=path.name))


class TakeawayPage(ReadingArea):
    """The take-away panel as a page that fits any window height a readable code fits in.

    The code is sized from the page's height; at the largest text size on a small window, the
    words scroll (flick by finger) instead of pushing the window beyond the screen. The page asks
    for the height the smallest code of the list needs to be read whole: a screen that cannot
    give it that shows in the page's minimum size (and in the layout check), not as a cut code.
    Where the words scroll, the page is a stop for Tab that the keys scroll too (ReadingArea).
    """

    def __init__(self, panel: TakeawayPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.setWidgetResizable(True)
        self.setWidget(panel)
        self.set_name(lambda: self.tr("Your list to take with you"))
        panel.smallestCodeChanged.connect(self.updateGeometry)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        code = self.panel.smallest_code_px()
        if not code:
            return hint
        side = code + 2 * MARGIN_PX
        width = max(math.ceil(side / QR_SHARE), side + SPACING_PX + self.panel.words_min_px())
        return hint.expandedTo(QSize(width + self._bar_px(), side))

    def _bar_px(self) -> int:
        """The room the vertical scroll bar takes when it shows."""
        return self.verticalScrollBar().sizeHint().width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The area's own size, not the viewport's: a scroll bar coming and going must not
        # resize the code, which could bring the bar back and forth.
        # Less the scroll bar's width, whether it shows or not: the words beside the code then
        # keep their room when the words scroll.
        self.panel.fit_to(self.contentsRect().size() - QSize(self._bar_px(), 0))
