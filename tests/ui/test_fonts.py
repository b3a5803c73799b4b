"""Text in any script shows as itself, with the fonts .ci/setup installs; a character no installed
font shows is named where staff check a catalog (`validate`) and in the app's start-up log."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtGui import QImage, QTextLayout
from PySide6.QtWidgets import QApplication

from massage_explorer.cli import main
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.doctor_checks import uncovered_characters
from massage_explorer.ui.shell import MainWindow
from tests.core.helpers import line_of, run_cli, variant

# "Massage" (or a kind of it) in each script a clinic's catalog may be written in.
SCRIPTS = {
    "Japanese": "指圧",
    "Chinese": "按摩",
    "Korean": "마사지",
    "Arabic": "تدليك",
    "Cyrillic": "Массаж",
    "Greek": "Μασάζ",
    "Devanagari": "मालिश",
    "Hebrew": "עיסוי",
    "Thai": "นวด",
}
PUA = "\ue000"  # private use: no font has it (checked below), so it stands for what a font lacks
FONT_FIX = "apt-get install fonts-noto-core fonts-noto-cjk"


def rendered(text: str) -> QImage:
    label = plain_label(text)
    label.adjustSize()
    image = label.grab().toImage()
    label.deleteLater()
    return image


def glyphs(text: str) -> list[int]:
    """The glyphs Qt draws `text` with in the app's font, falling back as a label does; 0 is a
    font's "no such character" box (.notdef)."""
    layout = QTextLayout(text, QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [glyph for run in layout.glyphRuns() for glyph in run.glyphIndexes()]


@pytest.fixture
def themed(qapp):
    apply_theme(qapp, high_contrast=False, scale=1.0)  # the app's font families, as patients see them
    return qapp


def test_the_stand_in_for_a_missing_character_really_is_missing(themed):
    assert uncovered_characters(PUA + "\U000f0000") == [PUA, "\U000f0000"]
    assert glyphs(PUA) == [0]
    # Two characters no font has look alike: the same empty box.
    assert rendered(PUA * 2) == rendered("\U000f0000" * 2)


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_label_in_each_script_shows_real_glyphs_not_empty_boxes(themed, script):
    text = SCRIPTS[script]
    assert uncovered_characters(text) == []
    assert glyphs(text) and 0 not in glyphs(text)
    # Without a font for it, each character would be drawn as the same box as a missing one.
    assert rendered(text) != rendered(PUA * len(text))


# -- validate -------------------------------------------------------------------------------------------
def with_name(name: str) -> str:
    return variant("    name: Swedish massage", f'    name: "Swedish massage {name}"')


def test_validate_warns_at_a_character_no_font_shows_naming_it_and_the_fix(tmp_path):
    text = with_name(PUA)
    path = tmp_path / "techniques.yaml"
    path.write_text(text, encoding="utf-8")
    done = run_cli("validate", str(path))
    line = line_of(text, "name:")
    column = len('    name: "Swedish massage ') + 1
    assert done.stderr == (
        f"{path}:{line}:{column}: warning: technique 'swedish', name: no installed font shows this "
        f"character: U+E000; patients see an empty box for it: install a font that has it (on Debian: "
        f"{FONT_FIX}) or correct the text\n"
    )
    assert done.stdout == f"{path}: valid, 1 technique; 0 errors, 1 warning\n"
    assert done.returncode == 0
    assert run_cli("validate", "--strict", str(path)).returncode == 1


def test_validate_names_every_unshown_character_once_at_the_first(tmp_path, capsys):
    text = variant("It is the most common kind.", "It is the most \U000f0000 kind.", with_name(PUA))
    path = tmp_path / "techniques.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.count("no installed font shows") == 1
    assert f"{path}:{line_of(text, 'name:')}:" in err
    assert "2 characters of the catalog (the first of them in the file is here): U+E000, U+F0000;" in err


def test_validate_says_nothing_of_fonts_for_the_bundled_catalog_nor_for_text_in_other_scripts(tmp_path):
    done = run_cli("validate")
    assert done.returncode == 0 and done.stderr == ""
    path = tmp_path / "techniques.yaml"
    path.write_text(with_name(" ".join(SCRIPTS.values())), encoding="utf-8")
    done = run_cli("validate", str(path))
    assert done.stderr == ""
    assert done.stdout == f"{path}: valid, 1 technique; 0 errors, 0 warnings\n"


# -- start-up ---------------------------------------------------------------------------------------------
def test_the_patient_app_logs_the_warning_once_when_its_window_is_up(qtbot, monkeypatch, tmp_path, caplog):
    from massage_explorer.ui import launch

    path = tmp_path / "techniques.yaml"
    path.write_text(with_name(PUA), encoding="utf-8")
    catalog = load_catalog(path).catalog
    assert catalog is not None
    shown: list[MainWindow] = []
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    # Shown (offscreen), not maximized: the check runs after the window's first paint.
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: (shown.append(self), self.show()))
    with caplog.at_level(logging.WARNING):
        assert launch.run_app(catalog, catalog_path=path) == 0
        qtbot.addWidget(shown[0])
        qtbot.waitUntil(lambda: "no installed font" in caplog.text)
        qtbot.wait(50)
    said = [r for r in caplog.records if "no installed font" in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.WARNING
    # The same line `validate` prints, so staff can search the log for it.
    assert said[0].getMessage() == run_cli("validate", str(path)).stderr.rstrip("\n")


def test_the_kiosk_logs_the_warning_when_it_starts(qtbot, tmp_path, caplog):
    from massage_explorer.ui.kiosk.out_of_service import KioskLauncher

    path = tmp_path / "techniques.yaml"
    path.write_text(with_name(PUA), encoding="utf-8")
    ini = tmp_path / "kiosk.ini"
    ini.write_text(f"[kiosk]\ncatalog = {path}\n")
    with caplog.at_level(logging.WARNING):
        launcher = KioskLauncher(ini, None, None)
        assert launcher.attempt()
        assert launcher.window is not None
        qtbot.addWidget(launcher.window)
        qtbot.waitUntil(lambda: "no installed font" in caplog.text)
    (said,) = [r.getMessage() for r in caplog.records if "no installed font" in r.getMessage()]
    assert said.startswith(
        f"{path}:{line_of(with_name(PUA), 'name:')}:28: warning: technique 'swedish', name:"
    )
    assert FONT_FIX in said
    launcher.window.staff_quit()


def test_a_catalog_every_installed_font_shows_logs_nothing_of_fonts(qtbot, monkeypatch, tmp_path, caplog):
    from massage_explorer.ui import launch

    path = tmp_path / "techniques.yaml"
    path.write_text(with_name(" ".join(SCRIPTS.values())), encoding="utf-8")
    catalog = load_catalog(path).catalog
    assert catalog is not None
    shown: list[MainWindow] = []
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    # Shown (offscreen), not maximized: the check runs after the window's first paint.
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: (shown.append(self), self.show()))
    asked: list[str] = []
    real = launch._uncovered

    def uncovered(characters: set[str]) -> list[str]:
        asked.extend(characters)
        return real(characters)

    monkeypatch.setattr(launch, "_uncovered", uncovered)
    with caplog.at_level(logging.WARNING):
        launch.run_app(catalog, catalog_path=path)
        qtbot.addWidget(shown[0])
        qtbot.waitUntil(lambda: bool(asked))  # the check ran
    assert set(asked) == set("".join(SCRIPTS.values()))
    assert "no installed font" not in caplog.text
