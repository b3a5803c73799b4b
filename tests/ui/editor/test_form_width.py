"""The editor's form fits the width it has: at 1024x768 (and an old 1152x864 desk screen) the form
above the preview has some 480-600 px beside the list, and English and Spanish side by side, a
caution's level and the labels beside a claim's fields needed more: the form scrolled sideways."""

from __future__ import annotations

import pytest

from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.editor.field_widgets import LANGUAGE_COLUMN_PX
from tests.ui.helpers import run_on_a_screen

# What the form shows at each screen of the editor as the layout check visits it, in a process on
# a screen of the display's size (the tests' own is 800x800, and the editor fits its screen).
_CHILD = """
import json, sys
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.tools.layoutcheck import Display, visit_editor
from massage_explorer.ui.editor.field_widgets import TextEditor
app = QApplication(sys.argv[:1])
width, height = (int(n) for n in sys.argv[1].split("x"))
seen = {}
for screen, editor in visit_editor(bundled_catalog_path(), Display(sys.argv[1], width, height)):
    form = editor.forms.currentWidget()
    shown = lambda kind: [w for w in form.findChildren(kind) if w.isVisibleTo(editor)]
    texts = shown(TextEditor)
    boxes = [box for text in texts for box in text.editors.values()]
    fields = [*shown(QComboBox), *shown(QCheckBox), *boxes]
    seen[screen] = {
        "sideways": editor.form_scroll.horizontalScrollBar().maximum(),
        "form_width": form.width(),
        "room": editor.form_scroll.viewport().width(),
        "boxes": [box.width() for box in boxes],
        "lowest": min(field.height() for field in fields),
        # For each of a technique's texts, whether its boxes are on one line (across the form).
        "side_by_side": [len({box.mapTo(form, QPoint(0, 0)).y() for box in text.editors.values()}) == 1
                         for text in getattr(form, "texts", {}).values()],
    }
print(json.dumps(seen))
"""


def _form_at(display: str) -> dict[str, dict]:
    return run_on_a_screen(_CHILD, display, display)


@pytest.mark.parametrize("display", ["1024x768", "1152x864"])
def test_every_form_fits_its_width_without_scrolling_sideways(display):
    seen = _form_at(display)
    assert set(seen) == {"editor", "editor-benefit", "editor-condition", "editor-saving"}
    for screen, form in seen.items():
        assert form["sideways"] == 0, (screen, form)
        assert form["form_width"] == form["room"], screen
        # Each language's box at least its readable width, each field a touch target's height.
        assert min(form["boxes"]) >= LANGUAGE_COLUMN_PX, (screen, form["boxes"])
        assert form["lowest"] >= MIN_TARGET, screen


def test_a_wide_form_keeps_the_languages_side_by_side():
    technique = _form_at("1920x1080")["editor"]
    assert technique["sideways"] == 0
    assert technique["side_by_side"] and all(technique["side_by_side"])
