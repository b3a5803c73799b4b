"""The patient app by keyboard alone: every Tab stop named and showing its focus, whatever takes the
focus scrolled into view, and an overlay that keeps the keyboard to itself."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QPushButton, QWidget

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.compare.table import CompareTable
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shell import MainWindow
from tests.ui.helpers import OFFSCREEN_NOISE, settle

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def window(qtbot, qapp):
    apply_theme(qapp, high_contrast=False, scale=1.0)
    catalog = load_catalog(bundled_catalog_path()).catalog
    win = MainWindow(catalog, SessionState())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    with qtbot.waitExposed(win):
        win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def ids(window: MainWindow) -> list[str]:
    return [t.id for t in window.catalog.techniques]


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    """A key pressed where the focus is; returns where the focus is then."""
    qtbot.keyClick(focus(), key, modifier)
    return focus()


def tab_stops(qtbot, limit: int = 60) -> list[QWidget]:
    """Every widget Tab stops on, once round from where the focus is."""
    stops: list[QWidget] = []
    for _ in range(limit):
        widget = press(qtbot, Qt.Key.Key_Tab)
        if widget in stops:
            return stops
        stops.append(widget)
    raise AssertionError("Tab never came round")


def shows_focus(widget: QWidget) -> bool:
    """Whether the widget looks different with the focus than without it."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    focused = widget.grab().toImage()
    widget.clearFocus()
    settle()
    plain = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    return focused != plain


def in_view(widget: QWidget, area: QAbstractScrollArea) -> bool:
    """Whether all of `widget` is inside the part of `area` that shows (its viewport, or the
    header strip above it for the comparison's buttons)."""
    shown = QRect(
        area.viewport().mapTo(area.window(), area.viewport().rect().topLeft()), area.viewport().size()
    )
    if isinstance(area, CompareTable):
        header = area.horizontalHeader()
        shown = shown.united(QRect(header.mapTo(area.window(), header.rect().topLeft()), header.size()))
    place = QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())
    return shown.contains(place)


def screens(window: MainWindow):
    def compare() -> None:
        window.state.set_compare(ids(window)[:4])
        window.show_compare()

    def takeaway() -> None:
        for technique_id in ids(window)[:3]:
            window.state.toggle_shortlist(technique_id)
        window.show_shortlist()
        window.get_screen("shortlist").show_takeaway()  # type: ignore[attr-defined]

    yield "browse", window.show_browse
    yield "details", lambda: window.show_details(ids(window)[0])
    yield "compare", compare
    yield "shortlist", window.show_shortlist
    yield "take-away", takeaway
    yield "warning signs", window.show_red_flags


def test_every_tab_stop_on_every_screen_is_named_and_shows_its_focus(window, qtbot):
    problems = []
    for name, show in screens(window):
        show()
        settle()
        for stop in tab_stops(qtbot):
            what = f"{name}: {type(stop).__name__} '{stop.accessibleName()}'"
            if not stop.accessibleName().strip():
                problems.append(f"{what} has no accessible name")
            if not shows_focus(stop):
                problems.append(f"{what} does not show that it has the focus")
    assert problems == []


def test_the_details_page_scrolls_by_keyboard_down_to_its_cautions(window, qtbot):
    window.show_details(ids(window)[0])
    settle()
    details = window.get_screen("details")
    area = details.scroll_area  # type: ignore[attr-defined]
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    assert area in tab_stops(qtbot)
    assert area.accessibleName() == f"About {window.catalog.techniques[0].name.default}"
    area.setFocus(Qt.FocusReason.TabFocusReason)
    # Page by page from the top, every caution is seen whole at some point: a page leaves a line
    # of the last one in view, so none is cut off at the foot and again at the top.
    cautions = [label for label in details.content.findChildren(QLabel) if label.text()[:1] in "✖⚕ℹ"]
    assert len(cautions) > 5 and not in_view(cautions[-1], area)  # further down than a page
    seen: set[int] = set()
    while bar.value() < bar.maximum():
        seen.update(i for i, label in enumerate(cautions) if in_view(label, area))
        assert press(qtbot, Qt.Key.Key_PageDown) is area
    seen.update(i for i, label in enumerate(cautions) if in_view(label, area))
    assert seen == set(range(len(cautions)))
    for key in (Qt.Key.Key_Home, Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_End):
        before = bar.value()
        press(qtbot, key)
        assert bar.value() != before, key
    assert bar.value() == bar.maximum()
    press(qtbot, Qt.Key.Key_PageUp)
    assert bar.value() < bar.maximum()
    press(qtbot, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, Qt.Key.Key_Up)
    assert 0 < bar.value() < bar.maximum()
    press(qtbot, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_tab_scrolls_the_compare_columns_it_reaches_into_view(window, qtbot):
    window.state.set_text_step(2)  # four columns fit 1280x800 at the usual text, not at the largest
    window.state.set_compare(ids(window)[:4])
    window.show_compare()
    settle()
    table = window.get_screen("compare").findChild(CompareTable)
    assert table.horizontalScrollBar().maximum() > 0  # two of the four in view at a time
    reached = []
    for _ in range(40):
        widget = press(qtbot, Qt.Key.Key_Tab)
        if isinstance(widget, QPushButton) and table.isAncestorOf(widget):
            reached.append(widget.accessibleName())
            assert in_view(widget, table), widget.accessibleName()
    # Save and Remove of each of the four columns, and Read more where the names do not open
    # the details themselves (the brief header of a short table).
    header = table.horizontalHeader()
    shown = {b.accessibleName() for column in header.buttons[:4] for b in column if not b.isHidden()}
    assert len(shown) == (8 if table.questions_in_cells else 12)
    assert set(reached) == shown
    for _ in range(40):  # and back again
        widget = press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        if isinstance(widget, QPushButton) and table.isAncestorOf(widget):
            assert in_view(widget, table), widget.accessibleName()


def test_tab_scrolls_the_filter_panel_to_the_chips_it_reaches(window, qtbot):
    window.resize(1280, 720)
    window.state.set_text_step(2)  # the panel scrolls
    settle()
    panel = window.browse.panel
    bar = panel.verticalScrollBar()
    assert bar.maximum() > 0
    grids = (panel.condition_chips, panel.benefit_chips, panel.pressure_chips)
    for backwards in (False, True):
        bar.setValue(0 if backwards else bar.maximum())  # a patient flicked the panel away
        key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
        window.browse.view.setFocus(Qt.FocusReason.TabFocusReason)
        for _ in range(20):
            widget = press(qtbot, key)
            if widget in grids:
                chip = widget.visualRect(widget.currentIndex())
                chip.moveTopLeft(widget.viewport().mapTo(window, chip.topLeft()))
                shown = QRect(
                    panel.viewport().mapTo(window, panel.viewport().rect().topLeft()), panel.viewport().size()
                )
                assert shown.contains(chip), widget.accessibleName()
            if widget is panel.search:
                assert in_view(widget, panel)
    assert panel.focusPolicy() == Qt.FocusPolicy.NoFocus  # its controls are the stops, not it


def test_the_warning_signs_keep_the_keyboard_until_closed(window, qtbot):
    window.state.toggle_shortlist(ids(window)[0])  # so that "Start over" would ask
    line = window.red_flags_line
    line.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Space)
    panel = window._red_flags
    assert panel is not None and panel.isVisible()
    for key, modifier in (
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier),
    ):
        for _ in range(5):
            assert panel.isAncestorOf(press(qtbot, key, modifier))
    press(qtbot, Qt.Key.Key_Space)  # on Close, the only control here
    assert not panel.isVisible()
    assert window._confirm is None  # "Start over" beneath was never reached
    assert focus() is line  # back where the patient was
    press(qtbot, Qt.Key.Key_Space)
    assert panel.isVisible()
    press(qtbot, Qt.Key.Key_Backspace)  # no "back" behind it either
    assert panel.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    assert not panel.isVisible() and focus() is line


def test_start_over_asks_with_the_keyboard_kept_to_its_two_answers(window, qtbot):
    window.state.toggle_shortlist(ids(window)[0])
    start_over = window.top_bar.start_over_button
    start_over.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Space)
    confirm = window._confirm
    assert confirm is not None and confirm.isVisible()
    assert focus() is confirm.no_button  # the safe answer first
    seen = {press(qtbot, Qt.Key.Key_Tab) for _ in range(6)}
    assert seen == {confirm.no_button, confirm.yes_button}
    press(qtbot, Qt.Key.Key_Escape)  # as "No"
    assert not confirm.isVisible()
    assert window.state.shortlist and focus() is start_over


@pytest.mark.parametrize("before", ["nothing", "hidden since", "deleted since"])
def test_the_keyboard_leaves_a_closed_overlay_whatever_had_the_focus_before(window, qtbot, before):
    """Where the focus cannot go back (nothing had it when the overlay came up, or that control
    was hidden or deleted meanwhile), it went round the hidden overlay's own controls and stayed
    there: Tab reached nothing on screen, and Escape and Backspace did nothing."""
    window.state.toggle_shortlist(ids(window)[0])
    start_over = window.top_bar.start_over_button
    if before == "nothing":
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()
    else:
        start_over.setFocus(Qt.FocusReason.TabFocusReason)
    window.ask_start_over()
    confirm = window._confirm
    assert confirm is not None and confirm.isVisible()
    if before == "hidden since":
        start_over.hide()
    elif before == "deleted since":
        shiboken6.delete(start_over)
    confirm.no_button.click()
    assert not confirm.isVisible()
    reached = press(qtbot, Qt.Key.Key_Tab)
    assert reached is not None and reached.isVisible() and not confirm.isAncestorOf(reached)
    window.show_shortlist()
    press(qtbot, Qt.Key.Key_Escape)  # the window's way back works again
    assert window.stack.currentWidget() is window.browse


def test_arriving_on_the_shortlist_puts_the_focus_on_back(qapp, bundled) -> None:
    # Details and compare did; the shortlist left it on the screen itself, where no ring shows.
    from PySide6.QtWidgets import QApplication

    from massage_explorer.tools.layoutcheck import Display, Setting, visit
    from massage_explorer.ui.shortlist import ShortlistScreen

    seen = 0
    for screen, window in visit(bundled, Display("1366x768", 1366, 768), Setting(0, "en", False)):
        if screen == "shortlist":
            seen += 1
            page = window.session.stack.currentWidget()
            assert isinstance(page, ShortlistScreen)
            assert QApplication.focusWidget() is page.back_button
    assert seen == 1
