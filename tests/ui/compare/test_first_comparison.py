"""The patient app's first comparison pays nothing the idle time after start-up could pay.

Its speed is measured by bench/compare_bench.py, never asserted as a time; this guards the design
that keeps it there, in a process of its own (the test run's own process set all this up long ago).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# The app's window on four techniques, its screens built in the idle time (at once, here), then
# the first comparison opened: what it made and imported (the Python enum classes PySide6 made for
# it, by name; how many widgets it made; the modules it imported).
_FIRST_COMPARISON = """
import enum, json, sys
from PySide6.QtWidgets import QApplication
from massage_explorer.ui import shell
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.session import SessionState
from tests import factories as f

app = QApplication(sys.argv[:1])
apply_theme(app, high_contrast=False, scale=1.0)
techniques = [f.technique(f"t{n}", name=f.t(f"Technique {n}")) for n in range(4)]
state = SessionState()
shell.PREPARE_MS = 0
window = shell.MainWindow(f.catalog(*techniques), state)
window.resize(1600, 900)
window.show()
while window.built("shortlist") is None:
    app.processEvents()
# (Before the count: listing the widgets makes PySide6 set up the classes of any not met yet.)
widgets, modules = len(QApplication.allWidgets()), set(sys.modules)
made = []
create = enum.EnumType._create_
def counted(cls, *args, **kwargs):
    enum_class = create(cls, *args, **kwargs)
    made.append(enum_class)
    return enum_class
enum.EnumType._create_ = counted
state.set_compare([t.id for t in techniques])
window.show_compare()
app.processEvents()
assert window.built("compare").header.count() == 4  # the comparison was really shown
print(json.dumps({
    "enum classes": [e.__qualname__ for e in made],
    "widgets": len(QApplication.allWidgets()) - widgets,
    "modules": sorted(set(sys.modules) - modules),
}))
"""


def first_comparison() -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    command = [sys.executable, "-c", _FIRST_COMPARISON]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    made: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return made


def test_the_first_comparison_sets_up_no_qt_enum_classes_and_makes_and_imports_nothing():
    # Each enum class is a few hundred microseconds to a few ms, paid once per process: the five
    # QGradient ones (for `QPainter.fillRect`) were 2-5 ms of the patient's first comparison. Each
    # column's three buttons, made and styled, were a sixth of it; the UTF-16 codec the header's
    # names are measured with was imported at the first name (about 1 ms).
    assert first_comparison() == {"enum classes": [], "widgets": 0, "modules": []}
