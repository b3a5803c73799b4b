"""What an outside check found one patient leaving for the next, each now wiped at the reset:
the clipboard, a language chosen on the welcome screen, a list still gliding, scroll positions
the screens' own resets did not know of, the search field's clear button; and a staff editor left
open over the kiosk, with its file dialogs, is put away behind the PIN with its edits kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDialog, QScroller, QToolButton

from massage_explorer.ui.kiosk.window import EDITOR_IDLE_SECONDS, KioskWindow
from massage_explorer.ui.shell import MainWindow
from tests import factories as f
from tests.ui.helpers import OFFSCREEN_NOISE, settle, touch_device
from tests.ui.kiosk.test_kiosk import PIN, enter, long_press, make_kiosk, start

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def kiosk(qtbot, qapp):
    window = make_kiosk(qtbot)
    yield window
    window.staff_quit()


def test_the_clipboard_is_emptied_for_the_next_patient(kiosk, qtbot):
    session = start(kiosk, qtbot)
    search = session.browse.search
    search.setFocus()
    qtbot.keyClicks(search, "sciatica")
    qtbot.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "sciatica"
    kiosk.end_session()
    again = start(kiosk, qtbot)
    again.browse.search.setFocus()
    qtbot.keyClick(again.browse.search, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert again.browse.search.text() == "" and QGuiApplication.clipboard().text() == ""


def bundled_kiosk(qtbot) -> KioskWindow:
    """A kiosk on the bundled catalog: two languages, and texts as long as real ones."""
    from massage_explorer.core.paths import bundled_catalog_path
    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.core.storage import load_catalog

    kiosk = KioskWindow(load_catalog(bundled_catalog_path()).catalog, KioskConfig(language="en"))
    qtbot.addWidget(kiosk)
    kiosk.resize(790, 790)  # inside the offscreen screen
    with qtbot.waitExposed(kiosk):
        kiosk.show()
    return kiosk


def test_a_language_chosen_on_the_welcome_screen_goes_back_after_the_idle_time(qtbot, qapp):
    kiosk = bundled_kiosk(qtbot)
    qtbot.mouseClick(kiosk.welcome.language_buttons["es"], Qt.MouseButton.LeftButton)
    assert kiosk.state.language == "es" and kiosk.welcome.start_button.text() != "Touch to start"
    assert kiosk.idle.running  # someone chose, and may walk away without starting
    kiosk.idle.idle.emit()
    assert kiosk.state.language == "en" and kiosk.welcome.start_button.text() == "Touch to start"
    assert not kiosk.in_session and not kiosk.idle.running
    kiosk.staff_quit()


def _flick_up(widget, start: QPoint, distance: int = 320) -> None:
    """A finger swept up `distance` px in a tenth of a second, and lifted: the list glides on."""
    QTest.touchEvent(widget, touch_device()).press(0, start, widget).commit()
    for step in range(1, 9):
        QTest.qWait(12)
        at = start - QPoint(0, distance * step // 8)
        QTest.touchEvent(widget, touch_device()).move(0, at, widget).commit()
    QTest.touchEvent(widget, touch_device()).release(0, start - QPoint(0, distance), widget).commit()


def test_a_list_still_gliding_stops_at_the_reset(qtbot, qapp):
    kiosk = make_kiosk(qtbot)
    kiosk.set_catalog(f.catalog(*(f.technique(f"t{i}") for i in range(30))))
    try:
        session = start(kiosk, qtbot)
        settle()
        view = session.browse.view
        viewport = view.viewport()
        _flick_up(viewport, QPoint(viewport.width() // 2, viewport.height() - 20))
        assert QScroller.scroller(viewport).state() == QScroller.State.Scrolling  # still gliding
        kiosk.end_session()  # Start over, tapped at once
        QTest.qWait(400)
        assert QScroller.scroller(viewport).state() == QScroller.State.Inactive
        assert view.verticalScrollBar().value() == 0
        again = start(kiosk, qtbot)
        assert again.browse.view.verticalScrollBar().value() == 0
    finally:
        kiosk.staff_quit()


def _scrolled_areas(session: MainWindow) -> list[QAbstractScrollArea]:
    return [area for area in session.findChildren(QAbstractScrollArea) if area.isVisibleTo(session)]


def test_every_scrolled_area_starts_at_its_beginning_for_the_next_patient(qtbot, qapp):
    kiosk = bundled_kiosk(qtbot)
    try:
        session = start(kiosk, qtbot)
        state = session.state
        chosen = [technique.id for technique in kiosk.catalog.techniques[:4]]
        for technique_id in chosen:
            state.toggle_shortlist(technique_id)
        state.set_compare(chosen)
        state.set_text_step(2)  # the largest text: the take-away page scrolls too
        moved: set[str] = set()
        # Each screen the patient can scroll, flicked as far as it goes, both ways.
        takeaway = session.get_screen("shortlist").show_takeaway
        for show in (session.show_compare, session.show_shortlist, takeaway):
            show()
            settle()
            for area in _scrolled_areas(session):
                for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
                    if bar.maximum() > bar.minimum():
                        bar.setValue(bar.maximum())
                        moved.add(type(area).__name__)
        # The comparison's sideways scroll and the take-away page were left where they were.
        assert {"CompareTable", "TakeawayPage"} <= moved, moved
        kiosk.end_session()
        again = start(kiosk, qtbot)
        for area in again.findChildren(QAbstractScrollArea):
            for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
                assert bar.value() == bar.minimum(), type(area).__name__
    finally:
        kiosk.staff_quit()


def test_the_search_fields_clear_button_is_gone_for_the_next_patient(kiosk, qtbot):
    session = start(kiosk, qtbot)
    search = session.browse.search
    search.setFocus()
    qtbot.keyClicks(search, "back")
    clear_button = next(b for b in search.findChildren(QToolButton))
    qtbot.waitUntil(clear_button.isVisible)
    kiosk.end_session()
    again = start(kiosk, qtbot)
    assert again.browse.search.text() == ""
    qtbot.waitUntil(lambda: not clear_button.isVisible())


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_an_editor_left_alone_is_put_away_with_its_dialog_and_its_edits_kept(qtbot, qapp, tmp_path):
    from massage_explorer.core.schema.dump import dump_catalog

    path = tmp_path / "techniques.yaml"
    kiosk: KioskWindow = make_kiosk(qtbot, catalog_path=path)
    path.write_text(dump_catalog(kiosk.catalog), encoding="utf-8")
    session = start(kiosk, qtbot)
    session.state.toggle_shortlist("gentle")
    long_press(qtbot, session.top_bar.title)
    enter(qtbot, kiosk, PIN)
    qtbot.mouseClick(kiosk.pinpad.edit_button, Qt.MouseButton.LeftButton)
    editor = kiosk.editor
    assert editor is not None and editor.isVisible()
    try:
        # Staff get longer than a patient, and the clock runs.
        assert kiosk.idle.running and kiosk.idle._timer.interval() == EDITOR_IDLE_SECONDS * 1000
        qtbot.waitUntil(lambda: not editor.loading)  # the window built a step at a time
        summary = editor.technique_form.texts["summary"].editors["en"]
        summary.setFocus()
        qtbot.keyClicks(summary, " Edited at the kiosk.")
        assert not editor.document.stack.isClean()

        # Staff open a dialog (a file dialog, say) and walk away: the time runs out while it is open.
        dialog = QDialog(editor)
        QTimer.singleShot(50, kiosk.idle.idle.emit)
        dialog.exec()  # returns only once the dialog is closed
        assert not dialog.isVisible() and QApplication.activeModalWidget() is None
        assert not editor.isVisible() and kiosk.editor is editor
        assert not kiosk.in_session and session.state.shortlist == []  # the patient behind it is gone
        assert kiosk.stack.currentWidget() is kiosk.welcome and not kiosk.idle.running

        # The PIN brings the same editor back, as staff left it.
        long_press(qtbot, kiosk.welcome.title)
        enter(qtbot, kiosk, PIN)
        qtbot.mouseClick(kiosk.pinpad.edit_button, Qt.MouseButton.LeftButton)
        assert kiosk.editor is editor and editor.isVisible() and not kiosk.pinpad.isVisible()
        assert "Edited at the kiosk." in summary.text() and not editor.document.stack.isClean()
    finally:
        editor.document.stack.setClean()  # no unsaved-changes question to wait for at the end
        kiosk.staff_quit()
    assert kiosk.editor is None
