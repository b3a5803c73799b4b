"""Start-up stays lean: the first screen is built from what it shows, nothing else.

The start-up target is measured by bench/ui_bench.py, never asserted as a time; these tests
guard the design that meets it, which a stray import or eager screen would quietly undo.
"""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QListView, QScrollArea, QScroller, QTableView, QWidget

from massage_explorer.ui.widgets import enable_kinetic_scrolling, viewport_of

# What `massage-explorer` has imported when its first window is on screen.
_FIRST_SCREEN = """
import sys
from massage_explorer import cli
from massage_explorer.ui import app as ui_app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
_show = ui_app.MainWindow.showMaximized
def show(window):
    _show(window)
    QTimer.singleShot(0, QApplication.quit)
ui_app.MainWindow.showMaximized = show
assert cli.main([]) == 0
print(" ".join(sorted(sys.modules)))
"""


def test_first_screen_imports_no_later_screen_nor_kiosk_or_editor_code():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_SCREEN], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "massage_explorer.ui.browse" in loaded  # the probe saw the real start-up
    later = {
        "massage_explorer.ui.detail",  # built when a card is opened
        "massage_explorer.ui.compare",
        "massage_explorer.ui.shortlist",
        "massage_explorer.ui.takeaway_pdf",  # printing and QR codes
        "massage_explorer.ui.kiosk",
        "massage_explorer.kiosk_config",  # PIN hashing: kiosk and set-pin only
        "massage_explorer.ui.editor",
        "massage_explorer.dump",  # saving
    }
    assert not later & loaded, sorted(later & loaded)


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
