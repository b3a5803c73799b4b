"""A patient who reads Spanish meets no English: screens, QR code and PDF (language set at start)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

import massage_explorer
from massage_explorer.core.handout import build_handout
from massage_explorer.core.paths import bundled_catalog_path, resources_path
from massage_explorer.core.qr_payload import qr_text
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.i18n import install_language
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.common.words import WORDS
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shell import SCREENS, MainWindow
from massage_explorer.ui.takeaway.pdf import write_pdf
from tests.ui.helpers import decode, settle

TS = resources_path() / "translations" / "massage_explorer_es.ts"
# Words that are the same in both languages, or names: allowed on a Spanish screen.
SAME_IN_BOTH = {"OK", "A", "Shiatsu", "PDF", "QR", "Massage Explorer"}


def english_sources() -> set[str]:
    """Every interface string whose Spanish differs from the English."""
    found = set()
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        spanish = "".join(translation.itertext()) if translation is not None else ""
        if spanish.strip() and spanish != source and source not in SAME_IN_BOTH and len(source) > 3:
            found.add(source.split("{")[0].strip())  # the fixed part before any placeholder
    return {s for s in found if len(s) > 3}


@pytest.fixture
def spanish(qapp):
    assert install_language(qapp, "es")
    yield
    install_language(qapp, "en")


@pytest.fixture
def catalog():
    return load_catalog(bundled_catalog_path()).catalog


def visible_texts(window) -> list[str]:
    texts = []
    for widget in window.findChildren(QLabel):
        if widget.isVisibleTo(window) and widget.text():
            texts.append(widget.text())
    for widget in window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window):
            texts += [widget.text(), widget.accessibleName(), widget.accessibleDescription()]
    for widget in window.findChildren(QLineEdit):
        if widget.isVisibleTo(window):
            texts += [widget.placeholderText(), widget.accessibleName()]
    return [t for t in texts if t]


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside if beside.exists() else shutil.which(name))


@pytest.mark.parametrize(
    "source", sorted(TS.parent.glob("massage_explorer_*.ts")), ids=lambda p: p.stem.rsplit("_", 1)[-1]
)
def test_every_interface_translation_is_complete_and_compiled(source):
    # Every translation shipped, not only Spanish: a language added and left half done fails here.
    unfinished = [
        m.findtext("source")
        for m in ET.parse(source).getroot().iter("message")
        if m.find("translation") is None or m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == []
    qm = source.with_suffix(".qm")
    fresh = qm.with_name(f"fresh-{qm.name}")
    try:
        subprocess.run(
            [_tool("pyside6-lrelease"), str(source), "-qm", str(fresh)], check=True, capture_output=True
        )
        assert fresh.read_bytes() == qm.read_bytes(), "run .ci/translations: the .qm is older than the .ts"
    finally:
        fresh.unlink(missing_ok=True)


def test_every_string_in_the_code_is_in_the_translations(tmp_path):
    # A string added to the interface and never given to translators shows up here, with the
    # command that adds it, rather than in English on a Spanish kiosk.
    package = Path(massage_explorer.__file__).parent
    sources = [str(p) for p in sorted(package.rglob("*.py")) if "editor" not in p.parts]
    for shipped in sorted(TS.parent.glob("massage_explorer_*.ts")):
        copy = tmp_path / shipped.name
        shutil.copy(shipped, copy)
        update = [_tool("pyside6-lupdate"), *sources, "-locations", "none", "-no-obsolete", "-ts", str(copy)]
        subprocess.run(update, check=True, capture_output=True)
        fresh = ET.parse(copy).getroot()
        missing = [
            m.findtext("source")
            for m in fresh.iter("message")
            if m.find("translation") is None or m.find("translation").get("type") == "unfinished"
        ]
        assert missing == [], f"run `bash .ci/translations` and translate these in {shipped.name}"


def test_every_patient_screen_is_in_spanish(qtbot, qapp, spanish, catalog):
    apply_theme(qapp, high_contrast=False, scale=1.0)
    state = SessionState("es")
    window = MainWindow(catalog, state)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    ids = [t.id for t in catalog.techniques]
    for technique_id in ids[:3]:
        state.toggle_shortlist(technique_id)
    state.set_compare(ids[:3])
    state.set_condition(catalog.conditions[0].id)
    english = english_sources()
    catalog_english = {
        t.summary.get("en") for t in catalog.techniques if t.summary.get("en") != t.summary.get("es")
    }
    screens = {
        "browse": window.show_browse,
        "details": lambda: window.show_details(ids[0]),
        "compare": window.show_compare,
        "shortlist": window.show_shortlist,
        "take-away": lambda: (window.show_shortlist(), window.get_screen("shortlist").show_takeaway()),
    }
    assert set(SCREENS) <= set(screens), "a screen the shell has is not checked for English here"
    problems = []
    for name, show in screens.items():
        show()
        settle()
        texts = visible_texts(window)
        model = window.browse.proxy
        texts += [model.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(model.rowCount())]
        for text in texts:
            for source in english:
                if re.search(rf"(?<!\w){re.escape(source)}(?!\w)", text):
                    problems.append(f"{name}: English {source!r} in {text[:80]!r}")
            if text in catalog_english:
                problems.append(f"{name}: English catalog text {text[:80]!r}")
    assert problems == []
    assert any("Consulte primero con su médico." in text for text in visible_texts(window))


def test_qr_and_pdf_come_out_in_spanish(qapp, spanish, catalog, tmp_path):
    import zxingcpp

    from massage_explorer.ui.takeaway.qr_code import qr_image

    handout = build_handout(catalog, [t.id for t in catalog.techniques][:2], "es", WORDS)
    payload = qr_text(handout)
    text = decode(qr_image(payload.text, 5, payload.level))
    assert text == payload.text
    assert "Consulte primero con su médico." in text
    assert catalog.techniques[0].name.get("es") in text
    assert zxingcpp is not None
    path = tmp_path / "lista.pdf"
    write_pdf(handout, path)
    words = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                    check=True).stdout.split())  # fmt: skip
    assert "Consulte primero con su médico." in words
    assert "Check with your doctor" not in words
    assert QCoreApplication.translate("present", "High evidence") == "Evidencia alta"


def test_a_kiosk_set_to_spanish_greets_and_asks_in_spanish(qtbot, qapp, spanish, catalog):
    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.ui.kiosk.window import KioskWindow

    kiosk = KioskWindow(catalog, KioskConfig(language="es"))
    qtbot.addWidget(kiosk)
    kiosk.resize(1920, 1080)
    kiosk.show()
    assert kiosk.welcome.start_button.text() == "Toque para empezar"
    assert kiosk.welcome.highlight_name.text() == catalog.techniques[0].name.get("es")
    kiosk.start_session()
    assert kiosk.session.state.language == "es"
    kiosk.idle.idle.emit()
    assert kiosk.countdown.question.text() == "¿Sigue ahí?"
    for _ in range(kiosk.countdown.total):
        kiosk.countdown.tick()
    assert kiosk.session.state.language == "es"  # the reset returns to the kiosk's own language
    kiosk.staff_quit()


def english_left(window, english: set[str]) -> list[str]:
    found = []
    for text in visible_texts(window):
        for source in english:
            if re.search(rf"(?<!\w){re.escape(source)}(?!\w)", text):
                found.append(f"{source!r} in {text[:60]!r}")
    return found


def test_switching_language_live_keeps_the_patients_place(qtbot, qapp, catalog):
    apply_theme(qapp, high_contrast=False, scale=1.0)
    state = SessionState("en")
    window = MainWindow(catalog, state)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    ids = [t.id for t in catalog.techniques]
    state.toggle_shortlist(ids[0])
    state.toggle_shortlist(ids[1])
    state.set_compare(ids[:2])
    window.browse.search.setText("masaje")
    window.show_compare()
    english = english_sources()
    try:
        qtbot.mouseClick(window.top_bar.language_buttons["es"], Qt.MouseButton.LeftButton)
        assert state.language == "es" and window.top_bar.language_buttons["es"].isChecked()
        # The patient's place, list and comparison are untouched...
        assert window.stack.currentWidget() is window.built("compare")
        assert state.shortlist == ids[:2] and state.compare == ids[:2]
        assert window.browse.search.text() == "masaje"
        # ...and every screen now speaks Spanish.
        for show in (window.show_compare, window.show_browse, lambda: window.show_details(ids[0]),
                     window.show_shortlist):  # fmt: skip
            show()
            settle()
            assert english_left(window, english) == []
        assert window.top_bar.shortlist_button.text() == "Mi lista (2)"
        qtbot.mouseClick(window.top_bar.language_buttons["en"], Qt.MouseButton.LeftButton)
        assert window.top_bar.shortlist_button.text() == "Shortlist (2)"
        assert window.browse.clear_button.text() == "Clear filters"
    finally:
        install_language(qapp, "en")


def test_the_welcome_screen_offers_spanish_and_the_reset_returns_to_the_default(qtbot, qapp, catalog):
    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.ui.kiosk.window import KioskWindow

    kiosk = KioskWindow(catalog, KioskConfig())
    qtbot.addWidget(kiosk)
    kiosk.resize(1920, 1080)
    kiosk.show()
    try:
        assert kiosk.welcome.start_button.text() == "Touch to start"
        assert kiosk.welcome.language_buttons["es"].text() == "Español"  # said in Spanish, in full
        qtbot.mouseClick(kiosk.welcome.language_buttons["es"], Qt.MouseButton.LeftButton)
        assert not kiosk.in_session  # choosing a language does not start by itself
        assert kiosk.welcome.start_button.text() == "Toque para empezar"
        assert kiosk.welcome.highlight_name.text() == catalog.techniques[0].name.get("es")
        kiosk.start_session()
        assert kiosk.session.top_bar.shortlist_button.text() == "Mi lista (0)"
        kiosk.end_session()
        assert kiosk.state.language == "en"
        assert kiosk.welcome.start_button.text() == "Touch to start"
        assert kiosk.welcome.language_buttons["en"].isChecked()
    finally:
        kiosk.staff_quit()
        install_language(qapp, "en")


def test_a_missing_translation_falls_back_per_field_never_an_empty_box(qtbot, qapp, spanish):
    from massage_explorer.core.catalog import Text
    from tests import factories as f

    both = Text((("en", "Slow strokes."), ("es", "Movimientos lentos.")))
    english_only = Text.plain("Only in English.")
    technique = f.technique("gentle", feels_like=both, summary=english_only)
    catalog = f.catalog(technique, languages=("en", "es"))
    window = MainWindow(catalog, SessionState("es"))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    window.show_details("gentle")
    settle()
    shown = [
        label.text() for label in window.built("details").findChildren(QLabel) if label.isVisibleTo(window)
    ]
    assert "Movimientos lentos." in shown  # translated field in Spanish
    assert "Only in English." in shown  # untranslated field falls back to English, not empty
    checked = [text for text in shown if "2025" in text]
    assert checked == [
        "La evidencia se revisó por última vez el 1 de junio de 2025."
    ]  # as Spanish writes dates


def test_the_apps_spanish_uses_words_a_patient_knows():
    """The glossary's rules hold for the app's own words too (docs/glossary-es.md)."""
    from massage_explorer.core.paths import resources_path

    spanish = (resources_path() / "translations" / "massage_explorer_es.ts").read_text(encoding="utf-8")
    for phrase in ("inespecífico", "pedir una cita", "se descubre", "hogares de cuidado"):
        assert phrase not in spanish, phrase
