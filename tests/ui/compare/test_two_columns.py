"""At the largest text, two techniques compared are side by side, not one above a sideways scroll.

On 1280x800, 1280x720 and 1024x768 kiosk screens, at the largest text size, the comparison of two
techniques showed one column: at half the width each name with its Save and Remove buttons (two
rows of them) was taller than the table left for the answers, and the second technique was a
sideways scroll away. Each display is checked in a process of its own, on an offscreen screen of
its size, as the layout checker does: on the tests' own screen a window may be kept smaller.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from massage_explorer.tools.layoutcheck import DISPLAYS, on_a_screen_of

# For each language: what the comparison of two, three and four shows at the largest text.
_CHILD = """
import json, sys
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from massage_explorer.tools import layoutcheck
from massage_explorer.ui.compare import CompareView
from massage_explorer.ui.compare.headers import answers_height
app = QApplication(sys.argv[:1])
display = next(d for d in layoutcheck.DISPLAYS if d.name == sys.argv[1])
catalog = load_catalog(bundled_catalog_path()).catalog
seen = {}
for language in ("en", "es"):
    setting = layoutcheck.Setting(text_step=2, language=language, high_contrast=False)
    for screen, window in layoutcheck.visit(catalog, display, setting):
        if not screen.startswith("compare"):
            continue
        view = window.session.stack.currentWidget()
        assert isinstance(view, CompareView)
        table, header = view.table, view.header
        room = table.viewport().width()
        whole = []
        for column in range(header.count()):
            left = header.sectionViewportPosition(column)
            if left >= 0 and left + header.sectionSize(column) <= room:
                whole.append(column)
        buttons_inside = all(
            header.viewport().rect().contains(button.geometry())
            for column in whole
            for button in header.buttons[column]
            if button.isVisibleTo(header)
        )
        names_whole = all(header.sectionSizeFromContents(c).height() <= header.height() for c in whole)
        line = QFontMetrics(table.font()).lineSpacing()
        seen[f"{language} {screen}"] = {
            "columns": header.count(),
            "whole": len(whole),
            "buttons_inside": buttons_inside,
            "names_whole": names_whole,
            "rows": table.viewport().height(),
            "two_lines": answers_height(table.font()) - line,
            "one_line": answers_height(table.font()) - 2 * line,
            "saves": [header.buttons[c].save.accessibleName() for c in whole],
            "smallest": min(
                min(b.width(), b.height()) for c in whole for b in header.buttons[c] if b.isVisibleTo(header)
            ),
        }
print(json.dumps(seen))
"""


@pytest.mark.parametrize("name", ["1280x800", "1280x720", "1024x768"])
def test_two_techniques_stand_side_by_side_at_the_largest_text(name) -> None:
    display = next(d for d in DISPLAYS if d.name == name)
    with on_a_screen_of(display) as env:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, name], env=env, capture_output=True, text=True, check=True
        )
    seen = json.loads(done.stdout.splitlines()[-1])
    # Two, three and four compared, and four with "Show only differences" on and a line counting
    # the rows it hides (above the table, that line took what a second column needed).
    assert len(seen) == 8, seen.keys()
    for shown, what in seen.items():
        # Two compared: both whole, names and buttons too, and the first question with two lines
        # of each answer below them. Three or four: two at a time, with at least a line of each.
        wanted = 2
        assert what["whole"] >= wanted, (name, shown, what)
        assert what["names_whole"] and what["buttons_inside"], (name, shown, what)
        assert what["smallest"] >= 48, (name, shown, what)  # still a touch target
        least = what["two_lines"] if what["whole"] == what["columns"] else what["one_line"]
        assert what["rows"] >= least, (name, shown, what)
    for language in ("en", "es"):
        two = seen[f"{language} compare-2"]
        assert two["columns"] == two["whole"] == 2, (name, language, two)
        assert all(two["saves"]), (name, language, two)  # each Save names its technique
