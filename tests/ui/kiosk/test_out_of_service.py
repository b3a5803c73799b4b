"""A kiosk that cannot start shows an out-of-service page, keeps checking, and starts by itself
once its settings and catalog can be used: never an exit for the service to restart for ever."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QToolTip, QWidget

from massage_explorer.ui.kiosk import out_of_service as oos
from massage_explorer.ui.kiosk.out_of_service import KioskLauncher, KioskStart, NotReady, check_start
from massage_explorer.ui.kiosk.window import KioskWindow
from tests.core.helpers import VALID, refuse_reading

RETRY = 0.1  # seconds; the kiosk's own is 30
BROKEN = "schema_version: 1\ntechniques: [\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A kiosk's settings file naming its catalog, both good."""
    catalog = tmp_path / "techniques.yaml"
    catalog.write_text(VALID)
    ini = tmp_path / "kiosk.ini"
    ini.write_text(f"[kiosk]\ncatalog = {catalog}\nidle_seconds = 60\n")
    return ini, catalog


def launch(qtbot, ini: Path, data: Path | None = None, language: str | None = None) -> KioskLauncher:
    launcher = KioskLauncher(ini, data, language, retry_seconds=RETRY)
    launcher.attempt()
    if launcher.page is not None:  # not handed to qtbot: the launcher deletes it when the kiosk is up
        qtbot.waitExposed(launcher.page)
    return launcher


def staff_line(launcher: KioskLauncher) -> str:
    assert launcher.page is not None
    return launcher.page.staff.text()


def back_in_service(qtbot, launcher: KioskLauncher) -> KioskWindow:
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=5000)
    window = launcher.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert launcher.page is None
    assert window.stack.currentWidget() is window.welcome and not window.in_session
    return window


def test_an_unreadable_settings_file_gives_the_page_with_the_fix_for_staff(qtbot, files, monkeypatch, caplog):
    ini, _ = files
    refuse_reading(monkeypatch, ini)
    with caplog.at_level(logging.WARNING):
        launcher = launch(qtbot, ini)
    assert launcher.window is None
    page = launcher.page
    assert page is not None and page.isVisible() and page.isFullScreen()
    assert page.words[0].text() == "Sorry, this screen is not available right now."
    assert page.words[1].text() == "Please ask at the front desk. We are happy to help."
    line = staff_line(launcher)
    assert line.startswith(f"For staff: {ini}: error: cannot read the settings file (Permission denied)")
    assert "check that the user running this may read it" in line
    assert "checks again every" in line
    assert f"kiosk out of service: {ini}: error: cannot read the settings file" in caplog.text
    assert caplog.records[0].levelno == logging.WARNING


def test_a_folder_where_the_settings_file_should_be_gives_the_page(qtbot, tmp_path):
    folder = tmp_path / "kiosk.ini"
    folder.mkdir()
    launcher = launch(qtbot, folder)
    assert launcher.window is None
    assert f"{folder}: error: is a folder, not a settings file" in staff_line(launcher)


def test_invalid_settings_give_the_page_with_the_line_at_fault(qtbot, files):
    ini, _ = files
    ini.write_text("[kiosk]\nidle_seconds = soon\n")
    launcher = launch(qtbot, ini)
    assert launcher.window is None
    assert staff_line(launcher).startswith(f"For staff: {ini}:2:16: error: [kiosk] idle_seconds: 'soon'")


def test_a_catalog_with_errors_and_no_backup_gives_the_page(qtbot, files):
    ini, catalog = files
    catalog.write_text(BROKEN)
    launcher = launch(qtbot, ini)
    assert launcher.window is None
    line = staff_line(launcher)
    assert line.startswith(f"For staff: {catalog}:3:1: error:")
    assert "(+1 more in the log)" in line  # "cannot start: fix the catalog, or restore techniques.yaml.bak"


def test_a_catalog_that_cannot_be_read_and_a_backup_with_errors_give_the_page(qtbot, files):
    ini, catalog = files
    catalog.unlink()
    catalog.with_name("techniques.yaml.bak").write_text(BROKEN)
    launcher = launch(qtbot, ini)
    assert staff_line(launcher).startswith(f"For staff: {catalog}: error: cannot read the file:")
    assert "(+2 more in the log)" in staff_line(launcher)  # the backup's error, then what to do


def test_a_long_problem_is_shortened_to_fit(qtbot, tmp_path):
    folder = tmp_path / ("x" * 200) / ("y" * 200) / ("z" * 200) / "kiosk.ini"  # named in the message
    folder.mkdir(parents=True)
    line = staff_line(launch(qtbot, folder)).split("\n")[0]
    assert len(line) <= len("For staff: ") + oos.STAFF_TEXT_LIMIT and line.endswith("…")


def test_a_patient_cannot_close_the_page_or_open_a_menu_or_a_tooltip(qtbot, tmp_path):
    folder = tmp_path / "kiosk.ini"
    folder.mkdir()
    page = launch(qtbot, folder).page
    assert page is not None
    assert page.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert page.isFullScreen()  # so no frame either (a frameless one was black under cage)
    assert page.close() is False and page.isVisible()  # the compositor's close, Alt+F4
    qtbot.keyClick(page, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    qtbot.keyClick(page, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert page.isVisible()
    # The lockdown is the kiosk's, application-wide: even a text field gets no menu.
    probe = QLineEdit(page)
    probe.show()
    popups: list[QWidget] = []

    def close_any_popup() -> None:  # a menu that opened would wait for a click: close it, note it
        if (popup := QApplication.activePopupWidget()) is not None:
            popups.append(popup)
            popup.close()

    QTimer.singleShot(300, close_any_popup)
    at = QPoint(5, 5)
    QApplication.sendEvent(
        probe, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, probe.mapToGlobal(at))
    )
    qtbot.wait(400)
    assert not popups
    probe.setToolTip("would be hover-only information")
    QApplication.sendEvent(probe, QHelpEvent(QEvent.Type.ToolTip, at, probe.mapToGlobal(at)))
    assert not QToolTip.isVisible()


def test_the_page_shows_only_its_own_words(qtbot, files):
    """Nothing about a patient or a technique: the page never has the catalog."""
    ini, catalog = files
    catalog.write_text(BROKEN)
    page = launch(qtbot, ini).page
    assert page is not None
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert texts == [label.text() for label in page.words] + [page.staff.text()]
    assert not any("Swedish" in text for text in texts)


def test_fixing_the_settings_replaces_the_page_with_the_welcome_screen(qtbot, files):
    ini, _ = files
    good = ini.read_text()
    ini.write_text("[kiosk]\nidle_seconds = soon\n")
    launcher = launch(qtbot, ini)
    page = launcher.page
    assert page is not None
    gone: list[bool] = []
    page.destroyed.connect(lambda: gone.append(True))
    ini.write_text(good)
    window = back_in_service(qtbot, launcher)
    assert window.isFullScreen()
    assert window.config.idle_seconds == 60
    qtbot.waitUntil(lambda: gone == [True])  # the page is closed and deleted: nothing behind the kiosk
    window.staff_quit()


def test_fixing_the_catalog_replaces_the_page_and_it_is_logged_once(qtbot, files, caplog):
    ini, catalog = files
    catalog.write_text(BROKEN)
    broken = check_start(ini, None, None)
    assert isinstance(broken, NotReady)
    with caplog.at_level(logging.INFO):
        launcher = launch(qtbot, ini)
        qtbot.wait(round(RETRY * 1000 * 4))  # several checks of the same broken file
        assert launcher.window is None and launcher.page is not None
        catalog.write_text(VALID)
        window = back_in_service(qtbot, launcher)
    said = [r.getMessage() for r in caplog.records if "kiosk out of service" in r.getMessage()]
    assert said == [
        f"kiosk out of service: {broken.problems[0]}",
        f"kiosk out of service: {catalog}: cannot start: fix the catalog, or restore techniques.yaml.bak",
        f"kiosk out of service: checking again every {RETRY:g} seconds",
    ]
    assert caplog.records[-1].getMessage() == "kiosk back in service"
    assert [t.id for t in window.catalog] == ["swedish"]
    window.staff_quit()


def test_a_good_kiosk_starts_straight_on_the_welcome_screen_without_the_page(qtbot, files):
    ini, catalog = files
    launcher = launch(qtbot, ini)
    assert launcher.page is None
    window = back_in_service(qtbot, launcher)
    assert window.catalog_path == catalog
    window.staff_quit()


def test_a_catalog_with_errors_starts_on_its_backup_as_before(files, caplog):
    ini, catalog = files
    catalog.write_text(BROKEN)
    catalog.with_name("techniques.yaml.bak").write_text(VALID)
    with caplog.at_level(logging.WARNING):
        checked = check_start(ini, None, "es")
    assert isinstance(checked, KioskStart)
    assert [t.id for t in checked.catalog] == ["swedish"] and checked.catalog_path == catalog
    assert checked.refused is not None and checked.refused.errors  # for staff, on the PIN pad
    assert checked.config.language == "es"  # --language wins over the settings
    assert f"{catalog} has errors; showing the last good version, techniques.yaml.bak" in caplog.text


def test_the_data_option_overrides_the_settings_catalog(files, tmp_path):
    ini, _ = files
    other = tmp_path / "other.yaml"
    other.write_text(VALID)
    checked = check_start(ini, other, None)
    assert isinstance(checked, KioskStart) and checked.catalog_path == other


def test_the_page_speaks_each_interface_language_the_kiosks_first(qtbot, tmp_path, monkeypatch):
    spanish = {oos._SORRY: "Lo sentimos.", oos._ASK: "Pregunte en recepción."}
    monkeypatch.setattr(oos, "interface_languages", lambda: frozenset({"en", "es"}))
    monkeypatch.setattr(oos, "_in_language", lambda code, text: spanish[text] if code == "es" else text)
    folder = tmp_path / "kiosk.ini"
    folder.mkdir()
    page = launch(qtbot, folder, language="es").page
    assert page is not None
    assert [w.text() for w in page.words] == [
        "Lo sentimos.",
        "Pregunte en recepción.",
        "Sorry, this screen is not available right now.",
        "Please ask at the front desk. We are happy to help.",
    ]


def test_a_language_without_the_pages_words_is_not_shown_in_english_twice(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(oos, "interface_languages", lambda: frozenset({"en", "es"}))
    monkeypatch.setattr(oos, "_in_language", lambda code, text: "" if code == "es" else text)
    folder = tmp_path / "kiosk.ini"
    folder.mkdir()
    page = launch(qtbot, folder, language="es").page
    assert page is not None and len(page.words) == 2


def test_a_bug_while_starting_gives_the_page_too(qtbot, files, monkeypatch):
    ini, _ = files

    def broken(*args: object, **kwargs: object) -> KioskWindow:
        raise RuntimeError("surprise")

    monkeypatch.setattr(oos, "open_kiosk", broken)
    launcher = launch(qtbot, ini)
    assert "the kiosk could not start: RuntimeError: surprise" in staff_line(launcher)


# Runs in a child process: it runs the application's own event loop to its end (staff quit), after
# which the test process's Qt timers and signals would no longer fire for the tests after it.
_RUN_WHEN_READY = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from massage_explorer.ui.kiosk import out_of_service as oos
from massage_explorer.ui.kiosk import KioskWindow

ini, good = Path(sys.argv[1]), sys.argv[2]
oos.settle_memory = lambda: None
seen = []

def watch():
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if not seen and any(isinstance(w, oos.OutOfServicePage) for w in shown):
        seen.append("page")
        ini.write_text(good)
    kiosks = [w for w in shown if isinstance(w, KioskWindow)]
    if kiosks and seen == ["page"]:
        seen.append("welcome" if kiosks[0].stack.currentWidget() is kiosks[0].welcome else "?")
        kiosks[0].staff_quit()
    else:
        QTimer.singleShot(20, watch)

QTimer.singleShot(0, watch)
status = oos.run_kiosk_when_ready(ini, None, None, retry_seconds=float(sys.argv[3]))
print(",".join(seen))
sys.exit(status)
"""


def test_run_kiosk_when_ready_shows_the_page_then_the_kiosk_until_staff_quit(files):
    """The entry point the command line calls for --kiosk: no exit on a broken settings file."""
    ini, _ = files
    good = ini.read_text()
    ini.write_text("[kiosk]\nidle_seconds = soon\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _RUN_WHEN_READY, str(ini), good, str(RETRY)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "page,welcome"


# -- the display ------------------------------------------------------------------------------------
def test_an_unreachable_wayland_display_is_named_with_the_fix(tmp_path):
    env = {"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "wayland-9"}
    problem = oos.display_problem(env)
    assert problem.startswith(f"cannot reach the Wayland display {tmp_path / 'wayland-9'} (")
    assert "XDG_RUNTIME_DIR owned by this user" in problem
    assert "XDG_RUNTIME_DIR is not set" in oos.display_problem({"QT_QPA_PLATFORM": "wayland"})


def test_a_listening_wayland_display_and_other_platforms_are_fine(tmp_path):
    path = tmp_path / "wayland-1"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen()
        env = {"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "wayland-1"}
        assert oos.display_problem(env) == ""
    for platform in ("xcb", "offscreen", "wayland;xcb", ""):
        assert oos.display_problem({"QT_QPA_PLATFORM": platform, "XDG_RUNTIME_DIR": str(tmp_path)}) == ""


def test_the_kiosk_waits_for_its_display_saying_why_once(monkeypatch, caplog):
    answers = iter(["no display", "no display", "no display", ""])
    monkeypatch.setattr(oos, "display_problem", lambda: next(answers))
    slept: list[float] = []
    with caplog.at_level(logging.WARNING):
        oos.wait_for_display(7, sleep=slept.append)
    assert slept == [7, 7, 7]
    assert [r.getMessage() for r in caplog.records] == [
        "kiosk cannot show anything yet: no display; checking every 7 seconds"
    ]
