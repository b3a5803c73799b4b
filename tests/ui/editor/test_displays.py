"""The editor on the screens it meets: a desk's 1920x1080, a laptop's 1366x768, a kiosk's 1280x720
or 1024x768, a tablet stood upright (800x1280). Every button's label whole, nothing past the
screen's edge, the form wide enough for two languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from massage_explorer.ui.editor.panes import UPRIGHT_PX, WIDE_PX, Arrangement, arrangement_for
from tests.ui.helpers import run_on_a_screen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_arrangement_follows_the_width():
    assert arrangement_for(1920) is arrangement_for(WIDE_PX) is Arrangement.SIDE_BY_SIDE
    assert arrangement_for(WIDE_PX - 1) is arrangement_for(1024) is Arrangement.FORM_OVER_PREVIEW
    assert arrangement_for(UPRIGHT_PX) is Arrangement.FORM_OVER_PREVIEW
    assert arrangement_for(UPRIGHT_PX - 1) is arrangement_for(800) is Arrangement.ONE_ABOVE_ANOTHER


def test_each_arrangement_puts_the_panes_where_it_says(editor):
    panes = editor.panes
    choose = panes.choose
    vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
    panes.arrange(Arrangement.SIDE_BY_SIDE)
    assert panes.orientation() == horizontal and choose.orientation() == vertical
    assert [panes.widget(i) for i in (0, 2, 3)] == [choose, editor.form_scroll, editor.preview_scroll]
    panes.arrange(Arrangement.FORM_OVER_PREVIEW)
    assert panes.orientation() == horizontal and panes.work.isVisibleTo(editor)
    assert [panes.work.widget(i) for i in range(panes.work.count())] == [
        editor.form_scroll,
        editor.preview_scroll,
    ]
    assert panes.work.orientation() == vertical
    panes.arrange(Arrangement.ONE_ABOVE_ANOTHER)
    assert panes.orientation() == vertical and choose.orientation() == horizontal
    assert not panes.work.isVisibleTo(editor) and panes.work.count() == 0
    assert [panes.widget(i) for i in (0, 2, 3)] == [choose, editor.form_scroll, editor.preview_scroll]
    # Back again, as when a window is made wider: the same widgets, nothing lost.
    panes.arrange(Arrangement.SIDE_BY_SIDE)
    assert [panes.widget(i) for i in (0, 2, 3)] == [choose, editor.form_scroll, editor.preview_scroll]
    assert editor.technique_form.isVisibleTo(editor) and editor.preview.isVisibleTo(editor)


def test_the_status_line_takes_no_room_while_it_says_nothing(editor):
    status = editor.top.status
    status.setText("")
    assert not status.isVisibleTo(editor)
    status.setText("Saved techniques.yaml.")
    assert status.isVisibleTo(editor)


# The staff editor checked as the layout check checks it, on a screen of the display's size (in a
# process of its own: the tests' screen is 800x800, and the editor arranges itself for its screen).
_CHILD = """
import json, sys
from PySide6.QtWidgets import QApplication
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.tools import layoutcheck
app = QApplication(sys.argv[:1])
display = next(d for d in layoutcheck.DISPLAYS if d.name == sys.argv[1])
found = layoutcheck.check_editor(bundled_catalog_path(), display)
print(json.dumps([str(f) for f in found]))
"""


@pytest.mark.parametrize("display", ["1280x720", "1024x768", "800x1280", "1920x1080"])
def test_the_editor_fits_the_display_whole(display):
    """A 1366 px wide editor cut the label of every top-bar and list button, and left the form
    330 px; on an 800 px upright screen it was 953 px wide; on 1280x720 its bottom was cut off."""
    assert run_on_a_screen(_CHILD, display, display) == []


# A child's start: the editor on a copy of the bundled catalog, not yet shown.
_EDITOR = """
import json, sys, tempfile, shutil
from pathlib import Path
from PySide6.QtWidgets import QApplication
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.ui.editor import EditorWindow
app = QApplication(sys.argv[:1])
folder = Path(tempfile.mkdtemp())
shutil.copyfile(bundled_catalog_path(), folder / "techniques.yaml")
shutil.copytree(bundled_catalog_path().parent / "resources", folder / "resources")
editor = EditorWindow(folder / "techniques.yaml")
"""

_RESIZED = (
    _EDITOR
    + """
editor.show()
seen = []
for width in (1920, 800, 1366, 1600, 1599, 1000, 999, 1920):
    editor.resize(width, 1080)
    for _ in range(3):
        app.processEvents()
    panes = editor.panes
    where = panes.work if panes.work.indexOf(editor.form_scroll) >= 0 else panes
    seen.append([width, panes.arrangement.name, where is panes.work,
                 editor.form_scroll.isVisible() and editor.form_scroll.height() > 0,
                 editor.preview_scroll.isVisible() and editor.preview_scroll.height() > 0,
                 where.indexOf(editor.preview_scroll) >= 0])
editor.close()
print(json.dumps(seen))
"""
)


def test_a_window_made_narrower_and_wider_rearranges_and_keeps_every_pane():
    """Through the real resizes, on a 1920x1080 screen: each width its arrangement, the form and
    the preview shown (with some height) and in the same splitter, back and forth."""
    seen = {width: rest for width, *rest in run_on_a_screen(_RESIZED, "1920x1080")}
    middle = ["FORM_OVER_PREVIEW", True, True, True, True]
    assert seen == {
        1920: ["SIDE_BY_SIDE", False, True, True, True],
        1600: ["SIDE_BY_SIDE", False, True, True, True],
        1599: middle,
        1366: middle,
        1000: middle,
        999: ["ONE_ABOVE_ANOTHER", False, True, True, True],
        800: ["ONE_ABOVE_ANOTHER", False, True, True, True],
    }


_OPENED = (
    _EDITOR
    + """
panes = editor.panes
first, changes = panes.arrangement.name, []
arrange = panes.arrange
def spied(arrangement):
    changed = arrange(arrangement)
    if changed:
        changes.append(arrangement.name)
    return changed
panes.arrange = spied
editor.showMaximized()
for _ in range(5):
    app.processEvents()
editor.close()
print(json.dumps([first, changes, editor.width() > 0]))
"""
)


@pytest.mark.parametrize(
    ("display", "arrangement"),
    [("1920x1080", "SIDE_BY_SIDE"), ("1366x768", "FORM_OVER_PREVIEW"), ("800x1280", "ONE_ABOVE_ANOTHER")],
)
def test_the_editor_is_built_in_its_screens_arrangement_and_keeps_it_while_it_opens(display, arrangement):
    """Each move of the form to another pane restyles every widget in it (25 ms): laid out first
    at a default size, a maximized editor on a 1920x1080 screen moved it twice while it opened."""
    assert run_on_a_screen(_OPENED, display) == [arrangement, [], True]


def test_the_moving_bar_takes_the_name_fields_place_at_its_height(editor, qapp):
    """A save's bar in the name field's place, as tall as it: where the words beside it fit the
    line as before, the window below is not laid out again (doing so when a save started and
    ended held up a kiosk's editor 90 ms)."""
    qapp.processEvents()
    field = editor.top.name_edit
    place, height = field.geometry().topLeft(), field.height()
    editor.set_busy("Saving…")
    qapp.processEvents()
    bar = editor.top.progress
    assert bar.isVisibleTo(editor) and not field.isVisibleTo(editor)
    assert (bar.geometry().topLeft(), bar.height()) == (place, height)
    editor.set_busy("")
    qapp.processEvents()
    assert field.isVisibleTo(editor) and not bar.isVisibleTo(editor)


def test_the_preview_shows_the_page_not_a_missing_technique_first(editor, qapp):
    """Its first page on the turn after the window is built; never "This technique is no longer
    in the list", which the empty page said for 120 ms."""
    detail = editor.preview.detail
    assert detail.isHidden() or detail.technique_id is not None
    qapp.processEvents()
    assert not detail.isHidden() and detail.technique_id == editor.document.catalog.techniques[0].id
