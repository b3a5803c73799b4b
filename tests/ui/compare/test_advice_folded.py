"""On a short screen at the largest text the comparison takes the whole width, and the clinic's
advice is one tap away behind a button in its bar.

At 1024x768, the largest text and four techniques, the advice beside the table took 30% of the
width: the table showed two columns, each name over three lines above Save and Remove stacked,
and below them the first question and one line of each answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from massage_explorer.tools.layoutcheck import DISPLAYS, Display, Setting, visit
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.navigation import MARGIN
from massage_explorer.ui.compare import CompareView
from tests.ui.helpers import touch_tap


def _compare(bundled, display: str | Display, step: int, language: str, screen: str = "compare-4"):
    shown = display if isinstance(display, Display) else next(d for d in DISPLAYS if d.name == display)
    for name, window in visit(bundled, shown, Setting(step, language, False)):
        if name == screen:
            view = window.session.stack.currentWidget()
            assert isinstance(view, CompareView)
            yield window, view


def _columns_in_view(view: CompareView) -> int:
    header, room = view.header, view.table.viewport().width()
    return sum(
        1
        for s in range(header.count())
        if header.sectionViewportPosition(s) >= 0
        and header.sectionViewportPosition(s) + header.sectionSize(s) <= room
    )


def _answer_lines_in_view(view: CompareView) -> int:
    """Lines of the first row's answers in view below the names, beyond its question."""
    table = view.table
    line = QFontMetrics(table.font()).lineSpacing()
    first = table.rowViewportPosition(0)
    height = min(table.rowHeight(0), table.viewport().height() - first)
    question = line if table.questions_in_cells else 0
    return max(0, (height - question) // line)


@pytest.mark.parametrize("display", ["1024x768", "1280x720", "1280x800", "1366x768"])
@pytest.mark.parametrize("language", ["es", "en"])
def test_at_the_largest_text_the_table_takes_the_width_and_shows_more(
    qapp, bundled, display, language
) -> None:
    seen = 0
    for window, view in _compare(bundled, display, 2, language):
        seen += 1
        # The advice is not beside the table: the table has the screen's width, less its margins.
        assert not view.guidance.isVisible(), (display, language)
        assert view.table.width() >= window.width() - 2 * MARGIN - 2, (display, language)
        assert _columns_in_view(view) >= 2, (display, language)
        if display == "1024x768":  # three lines of each answer, in columns half as wide again
            # (it was one in Spanish, two in English)
            assert _answer_lines_in_view(view) >= 3, (language, _answer_lines_in_view(view))
        # The advice a tap away: a button in the bar, big enough, named.
        button = view.advice_button
        assert button.isVisible() and button.height() >= MIN_TARGET and button.width() >= MIN_TARGET
        assert button.accessibleName() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert seen == 1


@pytest.mark.parametrize(
    ("language", "columns", "lines"),
    # Below a top bar of 156 px (186 in Spanish, its title on two lines), four techniques showed
    # two columns and four lines of each answer in English, three in Spanish. With the bar
    # compact (112-114 px), English fits a third column, and Spanish two more lines.
    [("en", 3, 3), ("es", 2, 5)],
)
def test_at_1024x768_the_compact_top_bar_leaves_the_comparison_more(
    qapp, bundled, language, columns, lines
) -> None:
    seen = 0
    for window, view in _compare(bundled, "1024x768", 2, language):
        seen += 1
        assert window.session.top_bar.height() <= 116
        assert _columns_in_view(view) >= columns
        assert _answer_lines_in_view(view) >= lines
    assert seen == 1


@pytest.mark.parametrize("screen", ["compare-2", "compare-3", "compare-4-differences"])
def test_two_and_three_and_only_differences_fold_the_advice_too(qapp, bundled, screen) -> None:
    seen = 0
    for window, view in _compare(bundled, "1024x768", 2, "es", screen):
        seen += 1
        assert view.advice_button.isVisible() and not view.guidance.isVisible()
        assert view.table.width() >= window.width() - 2 * MARGIN - 2
        assert _columns_in_view(view) >= 2 and _answer_lines_in_view(view) >= 2, screen
    assert seen == 1


def test_one_tap_shows_the_advice_whole_and_another_or_back_shows_the_table(qapp, qtbot, bundled) -> None:
    for _, view in _compare(bundled, "1024x768", 2, "es"):
        button = view.advice_button
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert view.guidance.isVisible() and not view.table.isVisible()
        area = view.guidance.parentWidget().parentWidget()  # the area it scrolls in
        assert area.width() >= view.width() - 2 * MARGIN - 2  # the table's place: the whole width
        assert view.guidance.text() and button.text() == "✕ Cerrar"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert view.table.isVisible() and not view.guidance.isVisible()
        # Back (or Escape) closes it first, and stays on the comparison.
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        with qtbot.assertNotEmitted(view.backRequested):
            qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
        assert view.table.isVisible() and not button.isChecked()
        # A new patient finds the table, not the advice left open.
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        view.reset()
        assert view.table.isVisible() and not button.isChecked()


def test_the_keyboard_reaches_the_advice_button_after_the_toggle(qapp, bundled) -> None:
    for _, view in _compare(bundled, "1024x768", 2, "en"):
        assert view.differences_button.nextInFocusChain() is view.advice_button


@pytest.mark.parametrize("display", ["1920x1080", "1080x1920"])
@pytest.mark.parametrize("step", [0, 2])
def test_where_there_is_room_the_advice_stays_in_view_without_a_button(qapp, bundled, display, step) -> None:
    for _, view in _compare(bundled, display, step, "es"):
        assert view.guidance.isVisible() and not view.advice_button.isVisible()


def test_closing_the_advice_read_by_keyboard_gives_the_focus_back_to_its_button(qapp, qtbot, bundled) -> None:
    # Read by keyboard (a Tab stop where it scrolls, in Spanish on a screen this short), the advice
    # closed by Escape took the focus with it: Qt gave it to the top bar's first button, out of
    # the comparison.
    for window, view in _compare(bundled, Display("1024x700", 1024, 700), 2, "es"):
        window.activateWindow()
        button = view.advice_button
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
        qtbot.keyClick(button, Qt.Key.Key_Tab)
        area = qapp.focusWidget()
        assert area is not None and area.isAncestorOf(view.guidance)  # reading it
        qtbot.keyClick(area, Qt.Key.Key_Escape)
        assert view.table.isVisible() and not button.isChecked()
        assert qapp.focusWidget() is button


def test_leaving_by_the_top_bar_closes_the_advice(qapp, qtbot, bundled) -> None:
    # Left open, the advice hid the comparison from whoever came back to it later by the top
    # bar's Compare: they found the clinic's advice where the table had been.
    for window, view in _compare(bundled, "1024x768", 2, "es"):
        bar = window.session.top_bar
        touch_tap(view.advice_button, view.advice_button.rect().center())
        assert view.guidance.isVisible() and view.advice_button.isChecked()
        shortlist = bar.shortlist_button
        assert shortlist.mapTo(window, shortlist.rect().bottomRight()).x() < 800  # the touch screen's
        touch_tap(shortlist, shortlist.rect().center())
        assert window.session.stack.currentWidget() is window.session.get_screen("shortlist")
        qtbot.mouseClick(bar.compare_button, Qt.MouseButton.LeftButton)
        assert window.session.stack.currentWidget() is view
        assert view.table.isVisible() and not view.guidance.isVisible()
        assert not view.advice_button.isChecked() and view.advice_button.text() == "ℹ Consejos"


def test_a_window_only_minimised_keeps_the_advice_open(qapp, bundled) -> None:
    for window, view in _compare(bundled, "1024x768", 2, "en"):
        view.advice_button.click()
        window.showMinimized()  # the platform hides the screen too, but nobody left it
        qapp.processEvents()
        window.showNormal()
        qapp.processEvents()
        assert view.advice_button.isChecked() and view.guidance.isVisible()
