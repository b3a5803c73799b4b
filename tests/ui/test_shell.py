"""The whole patient app, end to end, by clicks, by keys, and through a catalog reload."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication

from massage_explorer.core.catalog import Range
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shell import MainWindow
from tests import factories as f
from tests.ui.helpers import OFFSCREEN_NOISE, card_point, settle, tap, tap_chip, toggle_point

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def window(qtbot, qapp):
    apply_theme(qapp, high_contrast=False, scale=1.0)
    state = SessionState()
    catalog = f.catalog(
        f.technique("gentle"),
        f.technique("firm-one", pressure=Range(3, 4)),
        f.technique("middle", pressure=Range(2, 3)),
    )
    win = MainWindow(catalog, state)
    qtbot.addWidget(win)
    # Inside the 800x800 offscreen screen: a press on a flickable list is held back a frame and
    # then handed to whatever is under that point of the screen, and there is nothing beyond it.
    win.resize(790, 790)
    with qtbot.waitExposed(win):
        win.show()
    return win


def click(qtbot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_filter_details_save_shortlist_compare_by_clicks(window, qtbot):
    browse, state = window.browse, window.state
    tap_chip(browse.pressure_chips, "4")  # "Deep"
    assert browse.proxy.rowCount() == 1
    tap(browse.view, card_point(browse.view, "firm-one"))
    assert window.stack.currentWidget() is window.built("details")
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is browse
    tap(browse.view, toggle_point(browse.view, "firm-one"))
    click(qtbot, browse.clear_button)
    tap(browse.view, toggle_point(browse.view, "gentle"))
    assert window.top_bar.shortlist_button.text() == "Shortlist (2)"
    assert not window.top_bar.compare_button.isVisible()

    click(qtbot, window.top_bar.shortlist_button)
    shortlist = window.get_screen("shortlist")
    assert window.stack.currentWidget() is shortlist
    assert window.footer.isHidden()  # the page shows the full guidance itself
    click(qtbot, shortlist.compare_button)
    assert window.stack.currentWidget() is window.built("compare")
    assert state.compare == ["firm-one", "gentle"]
    assert window.top_bar.compare_button.isVisible() and window.top_bar.compare_button.text() == "Compare (2)"

    window.go_back()
    assert window.stack.currentWidget() is shortlist
    window.go_back()
    assert window.stack.currentWidget() is browse
    assert window.footer.isVisible()


def test_keyboard_only(window, qtbot):
    browse, state = window.browse, window.state
    browse.search.setFocus()
    qtbot.keyClicks(browse.search, "middle")
    assert browse.proxy.rowCount() == 1
    for _ in range(30):
        if window.focusWidget() is browse.view:
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is browse.view
    qtbot.keyClick(browse.view, Qt.Key.Key_Space)
    assert state.shortlist == ["middle"]
    qtbot.keyClick(browse.view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.built("details")
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is browse
    # Backspace in the search box edits the text; it is not "back".
    browse.search.setFocus()
    qtbot.keyClick(browse.search, Qt.Key.Key_Backspace)
    assert browse.search.text() == "middl"
    for _ in range(40):
        if window.focusWidget() is window.top_bar.shortlist_button:
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is window.top_bar.shortlist_button
    qtbot.keyClick(window.top_bar.shortlist_button, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.get_screen("shortlist")
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Backspace)
    assert window.stack.currentWidget() is browse


def test_text_size_and_contrast_follow_the_buttons(window, qtbot, qapp):
    browse = window.browse
    before = browse.view.visualRect(browse.proxy.index(0, 0)).height()
    click(qtbot, window.top_bar.size_group.button(2))
    assert window.state.text_step == 2
    qtbot.waitUntil(lambda: browse.view.visualRect(browse.proxy.index(0, 0)).height() > before)
    assert qapp.font().pointSizeF() == pytest.approx(24.0)
    click(qtbot, window.top_bar.contrast_button)
    assert window.state.high_contrast
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert not window.browse.view.grab().isNull()


def test_reloading_the_catalog_keeps_what_still_exists(window):
    state = window.state
    for technique_id in ("gentle", "middle"):
        state.toggle_shortlist(technique_id)
    state.set_condition("disc")
    window.set_catalog(f.catalog(f.technique("middle"), f.technique("new"), conditions=()))
    assert state.shortlist == ["middle"]
    assert state.condition is None  # the condition left the catalog
    assert window.browse.proxy.rowCount() == 2
    assert window.browse.panel.condition_heading.isHidden()


def test_top_bar_controls_are_named_and_touch_sized(window):
    bar = window.top_bar.shortlist_button.parentWidget()
    for button in bar.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.accessibleName() and button.accessibleDescription()
            assert button.height() >= MIN_TARGET and button.width() >= MIN_TARGET
    assert window.footer.text() == "Check with your doctor first."
    assert window.footer.isVisible()


def test_run_app_shows_the_window(qtbot, monkeypatch, qapp):
    from massage_explorer.ui import launch as app_module

    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda self: len(shown) - 1)
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: shown.append(self))
    assert app_module.run_app(f.catalog()) == 0
    assert shown and shown[0].browse.proxy.rowCount() == 2
    qtbot.addWidget(shown[0])


def test_a_reloaded_catalog_with_another_language_gets_its_button(window, qtbot):
    assert not window.top_bar.language_buttons["en"].isVisibleTo(window)  # one language: no switch
    both = f.catalog(f.technique("gentle"), languages=("en", "es"))
    window.set_catalog(both)
    buttons = window.top_bar.language_buttons
    assert set(buttons) == {"en", "es"} and buttons["es"].isVisibleTo(window)
    click(qtbot, buttons["es"])
    assert window.state.language == "es" and window.top_bar.language_buttons["es"].isChecked()


def test_a_new_screen_reaches_the_shell_through_one_registry_line(window, monkeypatch):
    # What docs/architecture.md promises a new screen: a package with make_screen, one line in
    # SCREENS; the shell then builds it, and hands it the catalog, the next patient and the language.
    import sys
    import types

    from massage_explorer.ui import shell
    from massage_explorer.ui.common.screen import Screen

    calls = []

    class Info(Screen):
        def set_catalog(self, catalog):
            calls.append("catalog")

        def reset(self):
            calls.append("reset")

        def retranslate(self):
            calls.append("language")

    package = types.ModuleType("clinic_info")
    package.make_screen = lambda context: Info()
    monkeypatch.setitem(sys.modules, "clinic_info", package)
    monkeypatch.setitem(shell.SCREENS, "info", "clinic_info")
    info = window.go_to("info")
    assert isinstance(info, Info) and window.stack.currentWidget() is info and calls == ["catalog"]
    window.set_catalog(window.catalog)
    window.state.set_language("es")
    window.reset_session()
    assert calls[1:] == ["catalog", "language", "language", "reset"]
    window.go_back()
    assert window.stack.currentWidget() is window.browse


def test_the_screens_a_patient_opens_next_are_built_while_the_window_waits(window, qtbot, monkeypatch):
    """Built in the idle time after start-up, one per turn of the event loop: a first tap on a
    card or on Compare no longer waits for its screen to be made. Nothing shown changes."""
    from massage_explorer.ui import shell

    assert window.built("compare") is None  # not at start-up itself
    window.browse.search.setFocus()
    focused = QApplication.focusWidget()
    window._prepare.start(0)
    qtbot.waitUntil(lambda: all(window.built(name) is not None for name in shell.SCREENS), timeout=3000)
    assert not window._prepare.isActive()
    assert window.stack.currentWidget() is window.browse
    assert QApplication.focusWidget() is focused
    window.state.set_compare(["gentle", "firm-one"])
    window.show_compare()
    assert window.stack.currentWidget() is window.built("compare")


def test_a_screen_is_shown_at_its_own_height_not_resized_after(window, qtbot):
    """Compare has no footer (it gives the clinic's advice itself), browse has one: each is shown
    at the height it keeps, so what it lays out as it is shown is laid out once (shown at the
    last screen's height and then resized, the comparison measured every row again)."""
    from PySide6.QtCore import QEvent, QObject, QSize

    from massage_explorer.ui import shell

    window._prepare.start(0)
    qtbot.waitUntil(lambda: all(window.built(name) is not None for name in shell.SCREENS), timeout=3000)
    sizes: list[QSize] = []

    class Sizes(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Resize:
                sizes.append(event.size())  # type: ignore[attr-defined]
            return False

    watcher = Sizes()
    for name in ("compare", "browse"):
        screen = window.built(name)
        assert screen is not None
        screen.installEventFilter(watcher)
        sizes.clear()
        if name == "compare":
            window.state.set_compare(["gentle", "firm-one"])
            window.show_compare()
        else:
            window.go_back()
        settle()
        assert window.stack.currentWidget() is screen
        assert window.footer.isVisible() is (name == "browse")
        assert all(size == screen.size() for size in sizes), (name, sizes, screen.size())
        assert screen.size() == window.stack.size()
