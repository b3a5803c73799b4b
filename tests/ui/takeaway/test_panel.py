"""The take-away from the shortlist screen, as a patient at the kiosk and a desktop user use it."""

from __future__ import annotations

import itertools
import subprocess

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QFileDialog

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.qr_payload import MIN_MODULE_PX, QUIET_ZONE
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.screen import ShellOptions
from massage_explorer.ui.common.theme import apply_theme, clear_theme
from massage_explorer.ui.common.words import guidance_lines
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.session import TEXT_STEPS, SessionState
from massage_explorer.ui.shell import MainWindow
from massage_explorer.ui.takeaway.panel import QR_SHARE
from massage_explorer.ui.takeaway.printing import unavailable_message
from tests import factories as f
from tests.ui.helpers import decode

HTML_NAME = "<b>Bold</b> & <img src=x>"


@pytest.fixture
def no_dialogs(monkeypatch):
    """Any file or print dialog fails the test: a kiosk must never show one."""

    def refuse(*args, **kwargs):
        raise AssertionError("a dialog was opened")

    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", refuse)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", refuse)
    monkeypatch.setattr(QPrintDialog, "exec", refuse)


def catalog():
    return f.catalog(f.technique("gentle", name=f.t(HTML_NAME)), f.technique("firm-one"))


@pytest.fixture
def kiosk_at_takeaway(qtbot, qapp, tmp_path, no_dialogs):
    font = qapp.font()

    def make(**settings):
        kiosk = KioskWindow(catalog(), KioskConfig(**settings))
        qtbot.addWidget(kiosk)
        kiosk.resize(1600, 1000)
        with qtbot.waitExposed(kiosk):
            kiosk.show()
        kiosk.start_session()
        session = kiosk.session
        session.state.toggle_shortlist("gentle")
        session.state.toggle_shortlist("firm-one")
        session.show_shortlist()
        screen = session.get_screen("shortlist")
        qtbot.mouseClick(screen.takeaway_button, Qt.MouseButton.LeftButton)
        return kiosk, screen

    yield make
    clear_theme(qapp)
    qapp.setFont(font)


def test_the_qr_on_screen_decodes_to_the_list_with_the_guidance(kiosk_at_takeaway):
    kiosk, screen = kiosk_at_takeaway()
    panel = screen.takeaway
    assert screen.on_takeaway_page() and panel.isVisible()
    text = decode(panel.qr.pixmap().toImage())
    assert text == panel.qr_payload_text
    assert HTML_NAME in text  # catalog text stays plain text, characters and all
    assert "Firm One" in text
    assert guidance_lines(full=False)[0] in text
    kiosk.staff_quit()


def test_the_qr_follows_the_shortlist(kiosk_at_takeaway):
    kiosk, screen = kiosk_at_takeaway()
    kiosk.session.state.remove_from_shortlist("firm-one")
    assert "Firm One" not in decode(screen.takeaway.qr.pixmap().toImage())
    kiosk.staff_quit()


def test_kiosk_print_without_a_printer_says_so_without_a_dialog(kiosk_at_takeaway, qtbot):
    kiosk, screen = kiosk_at_takeaway(printer="")
    assert screen.takeaway.message.isHidden()  # no gap under the buttons before a message
    qtbot.mouseClick(screen.takeaway.print_button, Qt.MouseButton.LeftButton)
    assert screen.takeaway.message.text() == unavailable_message()
    assert screen.takeaway.message.isVisible()
    kiosk.staff_quit()


def test_kiosk_saves_pdfs_only_to_its_folder(kiosk_at_takeaway, qtbot, tmp_path):
    kiosk, screen = kiosk_at_takeaway(pdf_folder=tmp_path)
    qtbot.mouseClick(screen.takeaway.pdf_button, Qt.MouseButton.LeftButton)
    (saved,) = tmp_path.glob("massage-shortlist-*.pdf")
    code = saved.stem.rsplit("-", 1)[-1]
    assert screen.takeaway.message.text() == f"Saved for the front desk. Ask there for list {code}."
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())  # the page has two columns: lines wrap anywhere
    assert "Firm One" in words and HTML_NAME in words
    kiosk.staff_quit()


def test_kiosk_without_a_pdf_folder_offers_no_save_button(kiosk_at_takeaway):
    kiosk, screen = kiosk_at_takeaway()
    assert not screen.takeaway.pdf_button.isVisible()
    assert screen.takeaway.print_button.isVisible()
    kiosk.staff_quit()


def test_back_and_escape_return_to_the_list_then_a_reset_closes_the_take_away(kiosk_at_takeaway, qtbot):
    kiosk, screen = kiosk_at_takeaway()
    qtbot.keyClick(screen.takeaway.print_button, Qt.Key.Key_Escape)
    assert not screen.on_takeaway_page() and screen.takeaway_button.isVisible()
    qtbot.mouseClick(screen.takeaway_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.back_button, Qt.MouseButton.LeftButton)
    assert not screen.on_takeaway_page()
    qtbot.mouseClick(screen.takeaway_button, Qt.MouseButton.LeftButton)
    kiosk.end_session()
    assert not screen.on_takeaway_page() and screen.takeaway.message.text() == ""
    assert screen.takeaway.message.isHidden()
    kiosk.staff_quit()


def test_desktop_save_as_pdf_asks_where(qtbot, qapp, tmp_path, monkeypatch):
    target = tmp_path / "my list.pdf"
    asked = []

    def choose(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    state = SessionState()
    window = MainWindow(catalog(), state)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    state.toggle_shortlist("firm-one")
    window.show_shortlist()
    screen = window.get_screen("shortlist")
    screen.show_takeaway()
    qtbot.mouseClick(screen.takeaway.pdf_button, Qt.MouseButton.LeftButton)
    assert asked and target.exists()
    assert screen.takeaway.message.text() == "Saved as my list.pdf."
    clear_theme(qapp)


@pytest.fixture
def bundled_takeaway(qtbot, qapp):
    """A 1920x1080 window on the take-away page for the first four bundled techniques."""
    font = qapp.font()

    def make(step: int = 0, config: KioskConfig | None = None, kiosk: bool = False):
        catalog = load_catalog(bundled_catalog_path()).catalog
        apply_theme(qapp, high_contrast=False, scale=TEXT_STEPS[step])
        state = SessionState(catalog.default_language)
        window = MainWindow(catalog, state, ShellOptions(kiosk=kiosk, settings=config or KioskConfig()))
        qtbot.addWidget(window)
        window.setFixedSize(1920, 1080)
        with qtbot.waitExposed(window):
            window.show()
        state.set_text_step(step)
        for technique in list(catalog)[:4]:
            state.toggle_shortlist(technique.id)
        window.show_shortlist()
        screen = window.get_screen("shortlist")
        qtbot.mouseClick(screen.takeaway_button, Qt.MouseButton.LeftButton)
        qapp.processEvents()
        return window, screen.takeaway

    yield make
    clear_theme(qapp)
    qapp.setFont(font)


@pytest.mark.parametrize("step", range(len(TEXT_STEPS)))
def test_the_code_fits_a_1080p_screen_at_every_text_size(bundled_takeaway, step):
    window, panel = bundled_takeaway(step)
    pixmap = panel.qr.pixmap()
    assert decode(pixmap.toImage()) == panel.qr_payload_text
    modules = 17 + 4 * panel.qr_payload.version + 2 * QUIET_ZONE
    assert pixmap.width() % modules == 0 and pixmap.width() // modules >= MIN_MODULE_PX
    # All of the code, quiet zone included, is on screen and not scrolled away.
    code = QRect(panel.qr.mapTo(window, panel.qr.rect().topLeft()), panel.qr.size())
    assert code.width() >= pixmap.width() and code.height() >= pixmap.height()
    assert window.rect().contains(code)
    page = panel.parentWidget()  # the scroll area's viewport
    assert QRect(page.mapTo(window, page.rect().topLeft()), page.size()).contains(code)
    # The page never asks for more than the screen, now or for the next patient.
    assert window.minimumSizeHint().height() <= 1080


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1])
def test_print_and_save_are_whole_beside_the_code_on_a_narrow_window(bundled_takeaway, qapp, tmp_path, step):
    """On a 1024 px screen the words beside the code are narrow: the two buttons go one above the
    other, each as wide as its words, and the code gives up width for them; on a 1920 px screen
    they stay side by side."""
    config = KioskConfig(printer="Front desk", pdf_folder=tmp_path)
    window, panel = bundled_takeaway(step, config=config, kiosk=True)
    buttons = (panel.print_button, panel.pdf_button)
    assert all(b.isVisible() for b in buttons)
    assert panel.print_button.y() == panel.pdf_button.y()  # side by side
    window.setFixedSize(1024, 768)
    qapp.processEvents()
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
        assert panel.words.rect().contains(button.geometry()), button.text()
    assert panel.pdf_button.y() > panel.print_button.y()  # one above the other
    assert panel.words.width() >= panel.words_min_px()
    # The whole code in the page's view, not scrolled sideways to make room for the words.
    page = panel.parentWidget()  # the scroll area's viewport
    code = QRect(panel.qr.mapTo(page, panel.qr.rect().topLeft()), panel.qr.size())
    assert page.rect().contains(code)
    assert decode(panel.qr.pixmap().toImage()) == panel.qr_payload_text


def test_without_a_printer_or_pdf_folder_the_notice_points_to_the_desk(bundled_takeaway):
    _window, panel = bundled_takeaway(config=KioskConfig(), kiosk=True)
    assert panel.shortened.isVisible()
    assert (
        panel.shortened.text()
        == "Some details are left out of the code. Ask at the front desk for the full list."
    )
    assert "printout" not in panel.qr_payload_text


@pytest.mark.parametrize("paper", ["printer", "pdf folder"])
def test_with_paper_the_notice_points_to_the_printout(bundled_takeaway, tmp_path, paper):
    config = KioskConfig(printer="Front desk HP") if paper == "printer" else KioskConfig(pdf_folder=tmp_path)
    _window, panel = bundled_takeaway(config=config, kiosk=True)
    assert panel.shortened.isVisible()
    assert panel.shortened.text() == "Some details are left out of the code; the printout has more."


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1])
def test_on_a_portrait_screen_the_code_is_under_the_words_and_larger_than_beside_them(
    bundled_takeaway, qapp, step
):
    """Beside the words, a portrait screen's width held the code to about half of it and left
    the lower half of the page empty; under them it takes the column's width."""
    window, panel = bundled_takeaway(step)
    assert not panel.stacked  # 1920x1080: beside
    window.setFixedSize(1080, 1920)
    qapp.processEvents()
    assert panel.stacked
    words, code = panel.words.geometry(), panel.qr.geometry()
    assert code.top() >= words.bottom() and not code.intersects(words)
    # Larger than the code beside the words can ever be: QR_SHARE of the page's width.
    page = panel.parentWidget()  # the scroll area's viewport
    assert panel.qr.pixmap().width() > QR_SHARE * page.width()
    # Under the words, in a column in the middle of the page, all of it in view, and read whole.
    assert code.left() == words.left() and code.right() <= words.right()
    bar = page.parentWidget().verticalScrollBar().sizeHint().width()  # its room is kept on the right
    assert 0 <= (page.rect().right() - words.right()) - (words.left() - page.rect().left()) <= bar + 1
    assert (
        QRect(panel.qr.mapTo(page, QPoint(0, 0)), code.size()).intersected(page.rect()).size() == code.size()
    )
    assert decode(panel.qr.pixmap().toImage()) == panel.qr_payload_text
    for label in (panel.heading, panel.caption):
        assert label.height() >= label.heightForWidth(label.width())  # every line shown


@pytest.mark.parametrize("height", [1450, 1920])
def test_stacked_what_print_or_save_says_pushes_the_words_below_it_down(bundled_takeaway, qapp, height):
    """The words' column grows with the message under the buttons: after a change of
    arrangement it once kept its old height and the message was drawn over the buttons."""
    window, panel = bundled_takeaway(0)
    window.setFixedSize(1080, height)
    qapp.processEvents()
    assert panel.stacked
    panel._say("Saved for the front desk. Ask there for list 4F2K.")
    qapp.processEvents()
    buttons = max((panel.print_button, panel.pdf_button), key=lambda b: b.geometry().bottom())
    column = [panel.heading, buttons, panel.message, panel.caption, panel.shortened]
    for above, below in itertools.pairwise(w for w in column if w.isVisible()):
        assert above.geometry().bottom() < below.geometry().top(), below.objectName()
    for label in (panel.message, panel.caption):
        assert label.height() >= label.heightForWidth(label.width())  # every line shown
    assert panel.words.geometry().bottom() < panel.qr.geometry().top()
