"""Render every patient screen offscreen at 1920x1080 (and some at 1280x800 and in portrait), the
printed handout as a PDF, and for staff the editor (at 1920x1080, 1366x768, 1024x768 and 800x1280), its
history and the review report (as a PDF, and its first two pages as pictures when poppler's
pdftoppm is installed):
python -m massage_explorer.tools.screenshots OUTDIR."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from massage_explorer.core import history
from massage_explorer.core.catalog import Catalog, Pressure, Technique, Text
from massage_explorer.core.handout import build_handout
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.pin import hash_pin
from massage_explorer.core.problems import listed
from massage_explorer.core.review import build_review
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import copy_pictures, load_catalog
from massage_explorer.ui.common.i18n import install_language
from massage_explorer.ui.common.screen import ShellOptions
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.common.words import WORDS
from massage_explorer.ui.compare import CompareView
from massage_explorer.ui.editor.history_dialog import HistoryDialog
from massage_explorer.ui.kiosk import KioskWindow
from massage_explorer.ui.review_pdf import write_report_pdf
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shell import MainWindow
from massage_explorer.ui.shortlist import ShortlistScreen
from massage_explorer.ui.takeaway import write_pdf

SIZE = (1920, 1080)


def render_all(catalog: Catalog, outdir: Path, *, language: str = "", prefix: str = "") -> list[Path]:
    """Drive a MainWindow through every screen and save one PNG per screen; returns the paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    outdir.mkdir(parents=True, exist_ok=True)
    state = SessionState(language or catalog.default_language)
    apply_theme(app, high_contrast=False, scale=state.text_scale)
    # The bundled catalog's folder, where its pictures are (the details screen shows them).
    window = MainWindow(catalog, state, ShellOptions(catalog_path=bundled_catalog_path()))
    window.resize(*SIZE)
    window.show()
    saved: list[Path] = []

    def shot(name: str, prepare: Callable[[], object] = lambda: None) -> None:
        prepare()
        for _ in range(3):  # delayed item layouts and style polish run from the event loop
            app.processEvents()
        path = outdir / (prefix + name)
        window.grab().save(str(path))
        saved.append(path)

    ids = [t.id for t in catalog.techniques]
    shot("browse.png")

    def filtered() -> None:
        # As a patient's taps do: each toggle re-filters the cards.
        window.browse.pressure_chips.chips.toggle(str(int(Pressure.LIGHT)))
        if catalog.benefits:
            window.browse.benefit_chips.chips.toggle(catalog.benefits[0].id)
        if catalog.conditions:
            state.set_condition(catalog.conditions[0].id)

    shot("browse-filtered.png", filtered)
    window.browse.clear_filters()
    for technique_id in ids[:3]:
        state.toggle_shortlist(technique_id)
    if ids:
        shot("details.png", lambda: window.show_details(ids[0]))
    state.set_compare(ids[:3])

    def compare() -> None:
        _differences_only(window)
        window.show_compare()

    shot("compare.png", compare)
    shot("shortlist.png", window.show_shortlist)
    window.show_browse()
    shot("high-contrast.png", lambda: state.set_high_contrast(True))
    state.set_high_contrast(False)
    shot("largest-text.png", lambda: state.set_text_step(2))
    state.set_text_step(0)
    window.close()
    saved.append(_handout(catalog, ids[:4], state.language, outdir / (prefix + "handout.pdf")))
    return saved


def _handout(catalog: Catalog, ids: list[str], language: str, path: Path) -> Path:
    """The printed take-away of a four-technique shortlist, as the kiosk's printer gets it."""

    write_pdf(build_handout(catalog, ids, language, WORDS), path, QPageSize(QPageSize.PageSizeId.A4))
    return path


def render_kiosk(catalog: Catalog, outdir: Path) -> list[Path]:
    """The kiosk's own screens: welcome, the idle countdown and the staff PIN pad."""

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # A throwaway PIN: the picture shows the pad, not a way in. A printer is set, as in most
    # clinics; nothing is printed.
    kiosk = KioskWindow(catalog, KioskConfig(pin_hash=hash_pin("739184"), printer="Front desk"))
    kiosk.resize(*SIZE)
    kiosk.show()
    saved: list[Path] = []

    def shot(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        path = outdir / name
        kiosk.grab().save(str(path))
        saved.append(path)

    shot("welcome.png")
    kiosk.start_session()
    session = kiosk.session
    for technique in catalog.techniques[:2]:
        session.state.toggle_shortlist(technique.id)
    session.show_shortlist()
    session.show_shortlist()
    shortlist = session.get_screen("shortlist")
    assert isinstance(shortlist, ShortlistScreen)
    shortlist.show_takeaway()
    shot("shortlist-qr.png")
    session.show_browse()
    kiosk.idle.idle.emit()
    for _ in range(7):
        kiosk.countdown.tick()
    shot("countdown.png")
    kiosk.countdown.stay()
    kiosk.open_pinpad()
    for digit in "739":
        kiosk.pinpad.digit_buttons[digit].click()
    shot("pinpad.png")
    kiosk.staff_quit()
    return saved


# Screens at other displays than the 1920x1080 one: a small landscape one and a portrait one.
OTHER_DISPLAYS = {"1280x800": ("browse", "compare-4"), "1080x1920": ("browse", "compare-4", "take-away")}


def render_other_displays(catalog: Catalog, outdir: Path) -> list[Path]:
    """Some kiosk screens at the other displays the layout check covers: DISPLAY-SCREEN.png."""
    from massage_explorer.tools.layoutcheck import DISPLAYS, Setting, visit

    saved: list[Path] = []
    for display in (d for d in DISPLAYS if d.name in OTHER_DISPLAYS):
        for screen, window in visit(catalog, display, Setting(0, catalog.default_language, False)):
            if screen in OTHER_DISPLAYS[display.name]:
                path = outdir / f"{display.name}-{screen}.png"
                window.grab().save(str(path))
                saved.append(path)
    return saved


# The staff editor at four displays: PREFIX + editor-technique.png (and editor-benefit.png).
EDITOR_DISPLAYS = {"1920x1080": "", "1366x768": "1366x768-", "1024x768": "1024x768-", "800x1280": "800x1280-"}


def render_editor(outdir: Path) -> list[Path]:
    """The editor at each of EDITOR_DISPLAYS, each in a process of its own on a screen of that
    size: it arranges its panes for its screen, which here is Qt's 800x800 offscreen one."""
    from massage_explorer.tools.layoutcheck import DISPLAYS, on_a_screen_of

    saved: list[Path] = []
    for display in (d for d in DISPLAYS if d.name in EDITOR_DISPLAYS):
        command = [sys.executable, "-m", "massage_explorer.tools.screenshots", "--editor-at", display.name]
        with on_a_screen_of(display) as env:
            done = subprocess.run([*command, str(outdir)], env=env, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"the editor at {display.name}: {done.stderr.strip()[-2000:]}")
        saved += [Path(line) for line in done.stdout.splitlines()]
    return saved


def _editor_here(display_name: str, outdir: Path) -> list[Path]:
    """The editor on this process's screen, as the layout check shows it."""
    from massage_explorer.tools.layoutcheck import DISPLAYS, visit_editor

    display = next(d for d in DISPLAYS if d.name == display_name)
    prefix = EDITOR_DISPLAYS[display_name]
    names = {"editor": "editor-technique.png"}
    if not prefix:
        names["editor-benefit"] = "editor-benefit.png"
    saved: list[Path] = []
    for screen, window in visit_editor(bundled_catalog_path(), display):
        if screen in names:
            path = outdir / (prefix + names[screen])
            window.grab().save(str(path))
            saved.append(path)
    return saved


def render_staff_papers(catalog: Catalog, outdir: Path) -> list[Path]:
    """The editor's history after two edits (what changed between them, in the catalog's terms),
    and the review report of the edited catalog with what changed since the first version."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # Three versions that differ only where the report does not mislead: the first technique's
    # first claim reviewed a week earlier, then as bundled, then its after-session words put
    # another way (the report shows claims and cautions, so it shows the bundled ones).
    first = catalog.techniques[0]
    claim = first.benefits[0]
    earlier = dataclasses.replace(
        claim, reviewed=claim.reviewed - dt.timedelta(days=7) if claim.reviewed else None
    )
    older = _with_technique(catalog, dataclasses.replace(first, benefits=(earlier, *first.benefits[1:])))
    after = first.after_session or Text.plain("Rest.")
    words = Text(tuple((language, text.replace(", since", ":", 1)) for language, text in after.pairs))
    reworded = dataclasses.replace(first, after_session=words)
    versions = [older, catalog, _with_technique(catalog, reworded)]
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "techniques.yaml"
        copy_pictures(catalog, bundled_catalog_path().parent, Path(folder))  # each version reads whole
        before = None
        for version, name in zip(versions, ("", "Front desk", "Front desk"), strict=True):
            data = dump_catalog(version).encode("utf-8")
            path.write_bytes(data)
            history.record(path, data, before, version, name=name)
            before = version
        dialog = HistoryDialog(path)
        dialog.show()
        app.processEvents()
        dialog.from_box.setCurrentIndex(len(versions) - 1)  # the first version, to the newest
        dialog.compare_button.click()
        app.processEvents()
        saved.append(outdir / "editor-history.png")
        dialog.grab().save(str(saved[-1]))
        dialog.close()
    report = build_review(versions[-1], "techniques.yaml", since=("version #1", versions[0]))
    pdf = outdir / "review-report.pdf"
    write_report_pdf(report, pdf)
    saved.append(pdf)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is not None:
        for page in (1, 2):  # the cover and the first technique
            picture = outdir / f"review-report-{page:02d}"  # pdftoppm adds ".png"
            only = ["-singlefile", "-f", str(page), "-l", str(page)]
            subprocess.run([pdftoppm, "-r", "60", "-png", *only, str(pdf), str(picture)], check=True)
            saved.append(picture.with_suffix(".png"))
    return saved


def _with_technique(catalog: Catalog, technique: Technique) -> Catalog:
    """`catalog` with `technique` in place of the one with its id."""
    techniques = tuple(technique if t.id == technique.id else t for t in catalog.techniques)
    return dataclasses.replace(catalog, techniques=techniques)


def _differences_only(window: MainWindow) -> None:
    """Tick the compare screen's 'differences only' switch (by the widget, in any language)."""
    view = window.get_screen("compare")
    assert isinstance(view, CompareView)
    if not view.differences_button.isChecked():
        view.differences_button.click()


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m massage_explorer.tools.screenshots",
        description="Render every screen of the bundled catalog, the handout and the staff papers.",
    )
    parser.add_argument("outdir", metavar="OUTDIR", type=Path, help="where the pictures go (made if needed)")
    parser.add_argument("--editor-at", help=argparse.SUPPRESS)  # render_editor's child: one display
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)  # --help: prints this, makes nothing
    if args.editor_at:
        QApplication.instance() or QApplication(sys.argv[:1])
        for path in _editor_here(args.editor_at, args.outdir):
            print(path)
        return 0

    path = bundled_catalog_path()
    result = load_catalog(path)
    if result.catalog is None:
        for line in listed(result.problems, str(path), left_out=result.left_out):
            print(line, file=sys.stderr)
        return 1
    outdir: Path = args.outdir
    shots = [*render_all(result.catalog, outdir), *render_kiosk(result.catalog, outdir)]
    shots += render_other_displays(result.catalog, outdir)
    shots += render_staff_papers(result.catalog, outdir)
    shots += render_editor(outdir)
    if "es" in result.catalog.languages:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_language(app, "es")
        shots += render_all(result.catalog, outdir, language="es", prefix="es-")
        install_language(app, "en")
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
