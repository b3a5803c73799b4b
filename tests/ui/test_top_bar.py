"""The top bar on the kiosk's screens: the room it leaves for the screen below matters most on
the short displays. Before the title could wrap and the text-size and language buttons kept to
64 px (they were 88), the bar took two lines (156 px) on every screen 1024-1366 px wide, and three
(228 px) in Spanish at 1024x768 with four techniques chosen."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QWidget

from massage_explorer.tools.layoutcheck import DISPLAYS, Setting, visit
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.top_bar import TopBar


def _bars(bundled, display: str, step: int, language: str):
    """The top bar on the list of techniques and on a comparison of four (Compare shown too)."""
    shown = next(d for d in DISPLAYS if d.name == display)
    for screen, window in visit(bundled, shown, Setting(step, language, False)):
        if screen in ("browse", "compare-4"):
            bar = window.findChild(TopBar)
            assert bar is not None
            yield screen, bar


def _lines(bar: TopBar) -> int:
    """The lines the bar's items are on: their tops, each line's more than a button's height
    below the last's (items are centred in their line, a pixel either way)."""
    row = bar.layout()
    widgets = [row.itemAt(i).widget() for i in range(row.count())]
    tops = sorted(w.y() for w in widgets if isinstance(w, QWidget) and w.isVisible())
    return 1 + sum(1 for above, below in itertools.pairwise(tops) if below - above >= MIN_TARGET)


def _all_in_view(bar: TopBar) -> None:
    """Every control whole, apart and touch-sized; the title's words whole on their lines."""
    controls = [w for w in bar.findChildren(QAbstractButton) if w.isVisible()]
    assert len(controls) >= 8
    for control in controls:
        assert control.width() >= MIN_TARGET and control.height() >= MIN_TARGET
        assert control.width() >= control.sizeHint().width(), control.text()
        box = QRect(control.mapTo(bar, QPoint(0, 0)), control.size())
        assert bar.rect().contains(box), control.text()
        assert not box.intersects(bar.title.geometry()), control.text()
    title = bar.title
    assert title.height() >= title.heightForWidth(title.width())


@pytest.mark.parametrize(("display", "language"), [("1366x768", "en"), ("1920x1080", "es")])
def test_one_line_where_the_title_can_wrap_to_make_room(qapp, bundled, display, language) -> None:
    # 1366x768 in English at the usual text; 1920x1080 in Spanish at the largest, where
    # "Comparar (4)" sent the language switch onto a second line.
    step = 0 if display == "1366x768" else 2
    seen = []
    for screen, bar in _bars(bundled, display, step, language):
        seen.append(screen)
        assert _lines(bar) == 1, screen
        _all_in_view(bar)
    assert seen == ["browse", "compare-4"]


@pytest.mark.parametrize("display", ["1024x768", "1080x1920"])
def test_two_lines_on_a_narrow_screen_at_the_largest_text(qapp, bundled, display) -> None:
    # Three before, in Spanish with four techniques chosen.
    seen = 0
    for _, bar in _bars(bundled, display, 2, "es"):
        seen += 1
        assert _lines(bar) == 2
        _all_in_view(bar)
    assert seen == 2
