"""The take-away's QR code as a phone sees it on every kiosk screen: a grab of what the kiosk shows,
decoded by a real QR reader, with at least MIN_MODULE_PX device pixels per module, at most
version MAX_SCREEN_VERSION, at every screen size and text size.

A screen with twice the pixels (3840x2160 at a device pixel ratio of 2) is rendered in a child
process: Qt takes QT_SCALE_FACTOR only at start-up. Its grab is saved in device pixels and read
back here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.qr_payload import MAX_SCREEN_VERSION, MIN_MODULE_PX, QUIET_ZONE
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.cards.model import TechniqueListModel
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.session import TEXT_STEPS, SessionState
from massage_explorer.ui.shortlist import ShortlistScreen
from massage_explorer.ui.takeaway import TakeawayPage, TakeawayPanel
from tests.ui.helpers import OFFSCREEN_NOISE, settle

pytestmark = OFFSCREEN_NOISE
ROOT = Path(__file__).resolve().parents[3]
SCREENS = {  # layout pixels, and device pixels per layout pixel
    "1280x800": (1280, 800, 1),
    "1366x768": (1366, 768, 1),
    "1920x1080": (1920, 1080, 1),
    "2560x1440": (2560, 1440, 1),
    "3840x2160@2x": (1920, 1080, 2),
    "1080x1920": (1080, 1920, 1),
}
STEPS = range(len(TEXT_STEPS))


@dataclass(frozen=True)
class Shot:
    """What a phone would be pointed at, and what the app meant to put there."""

    screen: QImage  # a grab of the whole window, in device pixels
    code: QImage  # a grab of the code's own label, in device pixels
    where: QRect  # the label in the window, in layout pixels
    dpr: float  # device pixels per layout pixel of both grabs
    payload: str
    page: tuple[int, int]  # the take-away page's height, and the least it asks for

    def on_screen(self) -> QImage:
        """The part of the screen's grab where the code's label is: the code, if nothing cuts it."""
        rect = self.where
        return self.screen.copy(
            QRect(
                round(rect.x() * self.dpr),
                round(rect.y() * self.dpr),
                self.code.width(),
                self.code.height(),
            )
        )


@dataclass(frozen=True)
class Reading:
    """What a QR reader found: the text, the version, and device pixels per module."""

    text: str
    version: int
    module_px: float  # as the reader measured it, to a fraction of a pixel


def read(image: QImage) -> Reading:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(results) == 1, f"{len(results)} QR codes found on screen, not one"
    found = results[0]
    version = int(found.extra["Version"])
    corners = found.position  # of the symbol itself, quiet zone left out, in image pixels
    width = (
        (corners.top_right.x - corners.top_left.x) + (corners.bottom_right.x - corners.bottom_left.x)
    ) / 2
    return Reading(str(found.text), version, width / (17 + 4 * version))


def image_of(pixmap: QPixmap) -> QImage:
    image = pixmap.toImage()
    assert image.devicePixelRatio() == pixmap.devicePixelRatio()
    return image


def render(width: int, height: int, step: int) -> Shot:
    """A kiosk of `width` x `height` layout pixels at text size `step`, on the take-away page of
    the first four bundled techniques (a usual shortlist), with a printer set, as most clinics."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    apply_theme(app, high_contrast=False, scale=TEXT_STEPS[step])
    kiosk = KioskWindow(catalog, KioskConfig(printer="Front desk"))
    kiosk.setFixedSize(width, height)
    kiosk.show()
    kiosk.start_session()
    session = kiosk.session
    session.state.set_text_step(step)
    for technique in list(catalog)[:4]:
        session.state.toggle_shortlist(technique.id)
    session.show_shortlist()
    shortlist = session.get_screen("shortlist")
    assert isinstance(shortlist, ShortlistScreen)
    shortlist.show_takeaway()
    settle()
    panel = shortlist.takeaway
    assert panel.qr_payload is not None
    # The label is the code's own size: its grab is the code and nothing else.
    assert panel.qr.size() == panel.qr.pixmap().deviceIndependentSize().toSize()
    where = QRect(panel.qr.mapTo(kiosk, panel.qr.rect().topLeft()), panel.qr.size())
    code = image_of(panel.qr.grab())
    page = (shortlist.takeaway_page.height(), shortlist.takeaway_page.minimumSizeHint().height())
    shot = Shot(image_of(kiosk.grab()), code, where, kiosk.devicePixelRatioF(), panel.qr_payload.text, page)
    kiosk.staff_quit()
    return shot


_SHOTS: dict[tuple[str, int], Shot] = {}


def shot_of(name: str, step: int, tmp_path_factory: pytest.TempPathFactory) -> Shot:
    """Each screen and text size rendered once for the tests below."""
    if (name, step) not in _SHOTS:
        width, height, scale = SCREENS[name]
        if scale == 1:
            _SHOTS[(name, step)] = render(width, height, step)
        else:
            _SHOTS.update(render_scaled(name, tmp_path_factory.mktemp("scaled")))
    return _SHOTS[(name, step)]


def render_scaled(name: str, folder: Path) -> dict[tuple[str, int], Shot]:
    """Every text size of a screen with more device pixels than layout pixels, in one child
    process with QT_SCALE_FACTOR set, on an offscreen screen of that many device pixels."""
    width, height, scale = SCREENS[name]
    config = folder / "screen.json"
    screen = {"name": name, "x": 0, "y": 0, "width": width * scale, "height": height * scale}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale))
    code = f"from tests.ui.takeaway.test_qr_screens import child; child({width}, {height}, {str(folder)!r})"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=300)
    shots = {}
    for step in STEPS:
        facts = json.loads((folder / f"{step}.json").read_text())
        screen_image = QImage(str(folder / f"{step}-screen.png"))
        code_image = QImage(str(folder / f"{step}-code.png"))
        for image in (screen_image, code_image):
            image.setDevicePixelRatio(facts["dpr"])  # PNG keeps the pixels, not the ratio
        where = QRect(*facts["where"])
        page = tuple(facts["page"])
        shots[(name, step)] = Shot(screen_image, code_image, where, facts["dpr"], facts["payload"], page)
    return shots


def child(width: int, height: int, folder: str) -> None:
    """In the child process: render every text size and save the grabs in device pixels."""
    app = QApplication(sys.argv[:1])
    for step in STEPS:
        shot = render(width, height, step)
        shot.screen.save(f"{folder}/{step}-screen.png")
        shot.code.save(f"{folder}/{step}-code.png")
        where = [shot.where.x(), shot.where.y(), shot.where.width(), shot.where.height()]
        facts = {"dpr": shot.dpr, "payload": shot.payload, "where": where, "page": shot.page}
        Path(folder, f"{step}.json").write_text(json.dumps(facts))
    app.quit()


CASES = [pytest.param(name, step, id=f"{name}-text{step}") for name in SCREENS for step in STEPS]


@pytest.mark.parametrize(("name", "step"), CASES)
def test_every_module_is_at_least_4_device_pixels(name, step, tmp_path_factory):
    shot = shot_of(name, step, tmp_path_factory)
    width, height, scale = SCREENS[name]
    assert shot.dpr == scale
    assert (shot.screen.width(), shot.screen.height()) == (width * scale, height * scale)
    code = read(shot.code)
    assert code.text == shot.payload
    assert code.version <= MAX_SCREEN_VERSION
    # The label's grab is the code with its quiet zone: whole device pixels per module, so
    # every module edge is sharp.
    modules = 17 + 4 * code.version + 2 * QUIET_ZONE
    assert shot.code.width() == shot.code.height()
    assert shot.code.width() % modules == 0
    assert shot.code.width() // modules >= MIN_MODULE_PX >= 4
    assert round(code.module_px) == shot.code.width() // modules


@pytest.mark.parametrize(("name", "step"), CASES)
def test_a_phone_reads_the_whole_code_off_the_screen(name, step, tmp_path_factory):
    shot = shot_of(name, step, tmp_path_factory)
    height, least = shot.page
    assert height >= least, f"the screen gives the take-away page {height} px of the {least} px it asks for"
    on_screen = read(shot.screen)
    assert on_screen.text == shot.payload
    assert round(on_screen.module_px) >= MIN_MODULE_PX
    assert on_screen.version <= MAX_SCREEN_VERSION
    # The whole code with its quiet zone, not just enough of it for a forgiving reader: the
    # screen shows the code's label pixel for pixel.
    gray = QImage.Format.Format_Grayscale8
    assert shot.on_screen().convertToFormat(gray) == shot.code.convertToFormat(gray)


@pytest.mark.parametrize(
    ("step", "pdf"),
    # The smallest text with Print alone, and the largest with Save as PDF too: there the words'
    # least width (the widest button) decides how narrow the page may be.
    [(0, False), (len(TEXT_STEPS) - 1, True)],
)
def test_a_page_of_its_minimum_size_shows_the_whole_smallest_code(qtbot, qapp, tmp_path, step, pdf):
    catalog = load_catalog(bundled_catalog_path()).catalog
    apply_theme(qapp, high_contrast=False, scale=TEXT_STEPS[step])
    try:
        state = SessionState(catalog.default_language)
        techniques = TechniqueListModel(state)
        techniques.set_catalog(catalog)
        for technique in list(catalog)[:4]:
            state.toggle_shortlist(technique.id)
        config = KioskConfig(printer="Front desk", pdf_folder=tmp_path if pdf else None)
        panel = TakeawayPanel(state, techniques, config, kiosk=True)
        page = TakeawayPage(panel)
        qtbot.addWidget(page)
        with qtbot.waitExposed(page):
            page.show()
        settle()
        assert panel.smallest_code_px() > 0
        page.resize(page.minimumSizeHint())
        settle()
        shown = read(image_of(page.grab()))
        assert shown.text == panel.qr_payload_text
        assert round(shown.module_px) >= MIN_MODULE_PX
        code = QRect(panel.qr.mapTo(page.viewport(), panel.qr.rect().topLeft()), panel.qr.size())
        assert page.viewport().rect().contains(code)
        for button in (panel.print_button, panel.pdf_button):
            assert button.isVisible() == (button is panel.print_button or pdf)
            assert button.width() >= button.sizeHint().width(), button.text()
    finally:
        apply_theme(qapp, high_contrast=False, scale=TEXT_STEPS[0])
