"""Start-up stays lean: the first screen is built from what it shows, nothing else.

The start-up target is measured by bench/ui_bench.py, never asserted as a time; these tests
guard the design that meets it, which a stray import or eager screen would quietly undo.
"""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QListView, QScrollArea, QScroller, QTableView, QWidget

from massage_explorer.ui.common.scrolling import enable_kinetic_scrolling, viewport_of

# What `massage-explorer` has imported when its first window is on screen, and whether Python's
# cycle collector was paused while the window was built. The probe is added by an import hook
# when the app imports its window module itself: importing Qt here first would change the
# start-up being observed (the catalog is read in a child only while Qt is not loaded yet).
_FIRST_SCREEN = """
import gc, sys
class ProbeTheWindow:
    def find_spec(self, name, path=None, target=None):
        if name != "massage_explorer.ui.shell":
            return None
        sys.meta_path.remove(self)
        from importlib.util import find_spec
        spec = find_spec(name)
        run_module = spec.loader.exec_module
        def exec_module(module):
            run_module(module)
            from PySide6.QtCore import QTimer
            from PySide6.QtWidgets import QApplication
            show = module.MainWindow.showMaximized
            def probed_show(window):
                paused.append(not gc.isenabled())
                show(window)
                def look_then_quit():
                    collecting.append(gc.isenabled())
                    QApplication.quit()
                # Two turns of the event loop: run_app's own timer goes first.
                QTimer.singleShot(0, lambda: QTimer.singleShot(0, look_then_quit))
            module.MainWindow.showMaximized = probed_show
        spec.loader.exec_module = exec_module
        return spec
paused, collecting = [], []
sys.meta_path.insert(0, ProbeTheWindow())
from massage_explorer import cli
assert cli.main([]) == 0
print(" ".join(sorted(sys.modules)))
print(paused, collecting)
"""


def _first_screen() -> tuple[set[str], str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_SCREEN], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    modules, gc_seen = done.stdout.splitlines()
    loaded = set(modules.split())
    assert "massage_explorer.ui.browse.screen" in loaded  # the probe saw the real start-up
    return loaded, gc_seen


def test_first_screen_imports_no_later_screen_nor_kiosk_or_editor_code():
    loaded, _ = _first_screen()
    later = {
        "massage_explorer.ui.details.screen",  # built when a card is opened
        "massage_explorer.ui.compare.screen",
        "massage_explorer.ui.shortlist.screen",
        "massage_explorer.ui.takeaway.pdf",  # printing and QR codes
        "massage_explorer.ui.kiosk.window",
        "massage_explorer.core.settings",  # kiosk and set-pin only
        "massage_explorer.core.pin",  # PIN hashing
        "massage_explorer.ui.editor",
        "massage_explorer.core.schema.dump",  # saving
        "massage_explorer.core.doctor",  # the display check is core.display's
        "logging.handlers",  # a log file, only with no console
        "xml.etree.ElementTree",  # translation shares: the validator's, in the reader process
    }
    assert not later & loaded, sorted(later & loaded)


def test_the_catalog_is_read_and_checked_by_a_child_while_the_window_loads_qt():
    loaded, _ = _first_screen()
    # The window's process never imported PyYAML or the validator: a child process did the
    # reading and checking, and sent the finished catalog.
    reading = {
        "yaml",
        "massage_explorer.core.storage",
        "massage_explorer.core.schema.validator",
        "massage_explorer.core.schema.yaml_nodes",
    }
    assert not reading & loaded, sorted(reading & loaded)


def test_the_cycle_collector_pauses_while_the_window_is_built_and_then_runs_again():
    _, gc_seen = _first_screen()
    assert gc_seen == "[True] [True]"


def test_viewport_of_is_the_scroll_areas_viewport(qtbot):
    for area in (QListView(), QTableView(), QScrollArea()):
        qtbot.addWidget(area)
        assert viewport_of(area) is area.viewport(), type(area).__name__


def test_viewport_of_follows_a_replaced_viewport(qtbot):
    view = QListView()
    qtbot.addWidget(view)
    own = QWidget()
    view.setViewport(own)
    assert viewport_of(view) is own
    enable_kinetic_scrolling(view)
    assert QScroller.hasScroller(own)


def test_the_app_id_matches_the_shipped_desktop_file(qapp):
    from pathlib import Path

    from PySide6.QtGui import QGuiApplication

    from massage_explorer.ui.launch import prepare_application

    prepare_application()
    name = QGuiApplication.desktopFileName()
    assert (Path(__file__).parents[2] / "deploy" / f"{name}.desktop").is_file()
