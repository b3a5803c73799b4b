"""The kiosk's first frame is its welcome screen; the session behind it is built just after."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QWidget

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.kiosk.window import KioskWindow
from tests import factories as f


def _kiosk(qtbot, **settings) -> KioskWindow:
    catalog = f.catalog(f.technique("gentle"), f.technique("firm"), languages=("en", "es"))
    kiosk = KioskWindow(catalog, KioskConfig(**settings))
    qtbot.addWidget(kiosk)
    kiosk.resize(790, 790)
    return kiosk


def test_the_session_is_built_after_the_welcome_screen_is_painted(qtbot, qapp):
    kiosk = _kiosk(qtbot)
    assert not kiosk.session_built
    with qtbot.waitExposed(kiosk):
        kiosk.show()
    qtbot.waitUntil(lambda: kiosk.session_built)
    assert kiosk.stack.currentWidget() is kiosk.welcome  # built behind it, not shown
    assert kiosk.stack.indexOf(kiosk.session) >= 0
    kiosk.staff_quit()


class _WindowsShown(QObject):
    """Every window shown while it is installed on the application."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def test_building_the_session_behind_the_welcome_screen_shows_no_window_of_its_own(qtbot, qapp):
    # The red flags line was once shown before it had a parent: a window of its own for a moment,
    # which took the focus from the welcome screen once the session was built after it.
    bundled = load_catalog(bundled_catalog_path()).catalog  # it has red flags: the line is shown
    assert bundled is not None and bundled.red_flags
    kiosk = KioskWindow(bundled, KioskConfig())
    qtbot.addWidget(kiosk)
    spy = _WindowsShown()
    qapp.installEventFilter(spy)
    try:
        kiosk.session  # noqa: B018 (built now, if the first paint has not built it yet)
    finally:
        qapp.removeEventFilter(spy)
    assert spy.shown == []
    kiosk.staff_quit()


def test_a_session_is_built_when_asked_for_even_before_any_paint(qtbot, qapp):
    kiosk = _kiosk(qtbot)
    kiosk.start_session()
    assert kiosk.session_built and kiosk.stack.currentWidget() is kiosk.session
    kiosk.staff_quit()


def test_a_language_chosen_on_the_welcome_screen_reaches_a_session_not_built_yet(qtbot, qapp):
    kiosk = _kiosk(qtbot)
    kiosk.welcome.language_buttons["es"].click()
    assert kiosk.session_built
    assert kiosk.state.language == "es"
    assert kiosk.session.top_bar.language_buttons["es"].isChecked()
    assert kiosk.welcome.start_button.text() == "Toque para empezar"
    kiosk.session.state.set_language("en")
    kiosk.staff_quit()


def test_context_menus_are_refused_once_the_session_exists(qtbot, qapp):
    kiosk = _kiosk(qtbot)
    search = kiosk.session.browse.search
    at = QPoint(5, 5)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, search.mapToGlobal(at))
    assert event.type() == QEvent.Type.ContextMenu
    QApplication.sendEvent(search, event)
    assert QApplication.activePopupWidget() is None
    kiosk.staff_quit()


# The kiosk's start-up up to its first frame: what it has imported when the welcome screen is
# first painted, seen through an import hook as in tests/ui/test_startup.py.
_FIRST_FRAME = """
import sys
class ProbeTheKiosk:
    def find_spec(self, name, path=None, target=None):
        if name != "massage_explorer.ui.kiosk.window":
            return None
        sys.meta_path.remove(self)
        from importlib.util import find_spec
        spec = find_spec(name)
        run_module = spec.loader.exec_module
        def exec_module(module):
            run_module(module)
            from PySide6.QtCore import QEvent, QObject
            from PySide6.QtWidgets import QApplication
            class FirstPaint(QObject):
                def eventFilter(self, obj, event):
                    if event.type() == QEvent.Type.Paint and not seen:
                        seen.append(" ".join(sorted(sys.modules)))
                        QApplication.instance().exit(0)
                    return False
            show = module.KioskWindow.showFullScreen
            def probed_show(window):
                window.probe = FirstPaint()
                window.welcome.installEventFilter(window.probe)
                show(window)
            module.KioskWindow.showFullScreen = probed_show
        spec.loader.exec_module = exec_module
        return spec
seen = []
sys.meta_path.insert(0, ProbeTheKiosk())
from massage_explorer import cli
cli.main(["--kiosk", "--config", sys.argv[1]])
print(seen[0])
"""


def test_the_kiosks_first_frame_needs_neither_the_explorer_nor_pyyaml(tmp_path: Path):
    settings = tmp_path / "kiosk.ini"
    catalog = Path(__file__).parents[3] / "techniques.yaml"
    settings.write_text(f"[kiosk]\ncatalog = {catalog}\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME, str(settings)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "massage_explorer.ui.kiosk.welcome" in loaded  # the probe saw the real start-up
    later = {
        "massage_explorer.ui.shell",  # the session, built behind the welcome screen
        "massage_explorer.ui.browse.screen",
        "yaml",  # the catalog is read by a child process
        "massage_explorer.core.storage",
        "massage_explorer.core.pin",  # the PIN pad is built with the session, hashing with it
        "massage_explorer.ui.catalog_watch",  # started after the first paint
        "massage_explorer.ui.catalog_read",
        "massage_explorer.core.font_coverage",  # its log line is written after the first paint
        "massage_explorer.core.doctor",
        "logging.handlers",
        "xml.etree.ElementTree",
    }
    assert not later & loaded, sorted(later & loaded)


def test_before_the_session_nothing_on_the_welcome_screen_opens_a_menu_or_a_tooltip(qtbot, qapp):
    """The lockdown filter comes with the session, just after the first frame: until then the
    welcome screen itself must offer nothing to escape by (no menu, no tooltip, no text to select)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    kiosk = _kiosk(qtbot)
    assert not kiosk.session_built
    widgets = [kiosk, kiosk.welcome, *kiosk.welcome.findChildren(QWidget)]
    menus = (Qt.ContextMenuPolicy.CustomContextMenu, Qt.ContextMenuPolicy.ActionsContextMenu)
    for widget in widgets:
        assert widget.contextMenuPolicy() not in menus, widget
        assert not widget.toolTip() and not widget.whatsThis(), widget
        if isinstance(widget, QLabel):
            assert widget.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction, widget
            assert not widget.openExternalLinks(), widget
    assert not kiosk.session_built
    kiosk.staff_quit()


def test_the_session_makes_its_search_texts_behind_the_welcome_screen_and_again_after_a_reload(
    qtbot, qapp, monkeypatch
):
    # Made only once the card list was painted, they waited for the first patient: whose first
    # key then waited for every one of them (~0.2 s at 5,000 techniques, 1.2 s before fold got
    # faster). Now they are made while the welcome screen shows, and again for a new catalog.
    from massage_explorer.core import filters
    from massage_explorer.ui.browse import screen

    made: list[str] = []
    real = filters.search_text

    def search_text(technique, catalog, terms=None):
        made.append(technique.id)
        return real(technique, catalog, terms)

    monkeypatch.setattr(filters, "search_text", search_text)
    monkeypatch.setattr(screen, "SEARCH_TEXTS_HIDDEN_MS", 50)
    kiosk = _kiosk(qtbot)
    with qtbot.waitExposed(kiosk):
        kiosk.show()
    qtbot.waitUntil(lambda: sorted(made) == ["firm", "gentle"])
    assert kiosk.stack.currentWidget() is kiosk.welcome  # no patient yet
    assert not kiosk.session.browse.isVisible()

    kiosk.set_catalog(f.catalog(f.technique("shiatsu"), f.technique("firm"), languages=("en", "es")))
    qtbot.waitUntil(lambda: made[2:] == ["shiatsu", "firm"])
    kiosk.start_session()
    kiosk.session.browse.search.setText("shiatsu")
    assert kiosk.session.browse.proxy.rowCount() == 1
    assert len(made) == 4  # none made for the patient's keystroke
    kiosk.staff_quit()
