"""On a short kiosk screen the comparison keeps room for its answers below the techniques' names:
the first question and three lines of each answer (headers.answers_height), or a line less where
that is what a second column costs. At 1280x720 with four techniques, the table showed the names
and the first question's heading, 51 px of rows.

The clinic's guidance goes beside the table where below it would take that room, and beside it
keeps to a narrow share of the width, scrolling if it must (guided.TABLE_SIDE_SHARE)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from massage_explorer.tools.layoutcheck import DISPLAYS, Display, Setting, visit
from massage_explorer.ui.common.guided import TABLE_SIDE_SHARE, GuidedLayout
from massage_explorer.ui.compare import CompareView
from massage_explorer.ui.compare.headers import answers_height
from massage_explorer.ui.compare.text_sizes import PADDING


def _compare_of_four(bundled, display: str, step: int, language: str):
    shown = next(d for d in DISPLAYS if d.name == display)
    for screen, window in visit(bundled, shown, Setting(step, language, False)):
        if screen == "compare-4":
            view = window.session.stack.currentWidget()
            assert isinstance(view, CompareView)
            yield window, view


@pytest.mark.parametrize("display", ["1024x768", "1280x720", "1366x768", "1280x800"])
@pytest.mark.parametrize("step", [0, 1])
@pytest.mark.parametrize("language", ["en", "es"])
def test_four_techniques_leave_room_for_the_answers(qapp, bundled, display, step, language) -> None:
    seen = 0
    for window, view in _compare_of_four(bundled, display, step, language):
        seen += 1
        # Two techniques side by side at least: at the middle text size, 1024x768 and 1280x720
        # showed one at a time. Two may leave the answers a line less than more would.
        columns = _columns_in_view(view)
        assert columns >= 2, (display, step, language)
        line = QFontMetrics(view.table.font()).lineSpacing()
        least = answers_height(view.table.font()) - (line if columns == 2 else 0)
        rows = view.table.viewport().height()  # below the names, above the sideways scroll bar
        assert rows >= least, (display, step, language)
        assert view.table.horizontalHeader().isVisible()
        layout = view.layout()
        assert isinstance(layout, GuidedLayout)
        if layout.beside:  # the table keeps the width; the guidance takes its narrow share
            assert view.guidance.width() <= window.width() * TABLE_SIDE_SHARE
    assert seen == 1


@pytest.mark.parametrize("display", ["1024x768", "1280x720"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_at_the_largest_text_a_short_screen_still_shows_an_answer(qapp, bundled, display, language) -> None:
    # The top bar takes up to three rows here; the answers get what is left, at least the first
    # question and a line of each answer (it was the heading alone at 1280x720: 58 px).
    seen = 0
    for _, view in _compare_of_four(bundled, display, 2, language):
        seen += 1
        line = QFontMetrics(view.table.font()).lineSpacing()
        assert view.table.viewport().height() >= 2 * line + 2 * PADDING, (display, language)
    assert seen == 1


def _columns_in_view(view: CompareView) -> int:
    return max(1, round(view.table.viewport().width() / view.header.sectionSize(0)))


def test_a_shorter_table_never_shows_more_columns(qapp, bundled) -> None:
    # Where the table had no height left for the answers at all, the header stopped counting
    # heights: at 1024x700 and the largest text, two columns and a header taller than the table.
    shown = {}
    for height in (720, 700):
        display = Display(f"1024x{height}", 1024, height)
        for screen, window in visit(bundled, display, Setting(2, "es", False)):
            if screen == "compare-2":
                view = window.session.stack.currentWidget()
                assert isinstance(view, CompareView)
                shown[height] = _columns_in_view(view)
                assert view.header.height() < view.table.height()
    assert set(shown) == {700, 720} and shown[700] <= shown[720]
