"""The top bar on the kiosk's screens: the room it leaves for the screen below matters most on
the short displays. Before the title could wrap and the text-size and language buttons kept to
64 px (they were 88), the bar took two lines (156 px) on every screen 1024-1366 px wide, and three
(228 px) in Spanish at 1024x768 with four techniques chosen."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from massage_explorer.tools.layoutcheck import DISPLAYS, Setting, visit
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.theme import BODY_PT
from massage_explorer.ui.session import TEXT_STEPS
from massage_explorer.ui.top_bar import TopBar
from tests.ui.helpers import settle


def _bars(bundled, display: str, step: int, language: str):
    """The top bar on the list of techniques and on a comparison of four (Compare shown too)."""
    shown = next(d for d in DISPLAYS if d.name == display)
    for screen, window in visit(bundled, shown, Setting(step, language, False)):
        if screen in ("browse", "compare-4"):
            bar = window.findChild(TopBar)
            assert bar is not None
            yield screen, bar


def _lines(bar: TopBar) -> int:
    """The lines the bar's items are on: items are centred in their line (a pixel either way),
    and each line's middle is a button's height and more below the last's. (Their tops do not
    tell: a title of one line in a compact bar's line of 48 px buttons starts 11 px lower.)"""
    row = bar.layout()
    widgets = [row.itemAt(i).widget() for i in range(row.count())]
    middles = sorted(w.geometry().center().y() for w in widgets if isinstance(w, QWidget) and w.isVisible())
    return 1 + sum(1 for above, below in itertools.pairwise(middles) if below - above >= MIN_TARGET // 2)


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


@pytest.mark.parametrize("display", ["1024x768", "1366x768", "1280x720"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_on_a_short_screen_at_the_largest_text_the_bar_is_compact(qapp, bundled, display, language) -> None:
    # At 1024x768 in Spanish it took 186 px of 768: two lines of 64 px buttons beside a title on
    # two lines, 94 px high. Now buttons 48 px high, and the title in smaller letters beside them.
    seen = 0
    for _, bar in _bars(bundled, display, 2, language):
        seen += 1
        assert bar.compact
        # Two lines, their spacing, the margins and the border; the title's two lines may be a
        # pixel or two higher than a button.
        assert bar.height() <= 2 * MIN_TARGET + 8 + 2 * 4 + 2 + 2
        _all_in_view(bar)
        controls = [w for w in bar.findChildren(QAbstractButton) if w.isVisible()]
        assert all(c.height() >= c.sizeHint().height() for c in controls)  # their words whole
        # The title stays, for staff to hold (the PIN pad), no higher than the buttons beside it.
        assert bar.title.isVisible() and bar.title.height() <= MIN_TARGET + 2
    assert seen == 2


@pytest.mark.parametrize(
    ("display", "step"), [("1280x800", 2), ("1920x1080", 2), ("1080x1920", 2), ("1024x768", 1)]
)
def test_elsewhere_the_bar_keeps_its_size(qapp, bundled, display, step) -> None:
    seen = 0
    for _, bar in _bars(bundled, display, step, "es"):
        seen += 1
        assert not bar.compact
        assert all(b.height() >= 64 for b in bar.findChildren(QAbstractButton) if b.isVisible())
    assert seen == 2


def test_a_smaller_text_chosen_on_a_short_screen_brings_the_bar_back_to_its_size(
    qapp, qtbot, bundled
) -> None:
    seen = 0
    for screen, bar in _bars(bundled, "1024x768", 2, "es"):
        if screen != "compare-4":
            continue
        seen += 1
        assert bar.compact and bar.title.height() <= MIN_TARGET + 2
        assert bar.title.font().pointSizeF() == pytest.approx(BODY_PT, abs=0.1)
        assert bar.start_over_button.height() == MIN_TARGET
        # The middle size: the smallest is the application's own look, which this harness set
        # at the largest text for every window it makes.
        qtbot.mouseClick(bar.size_group.button(1), Qt.MouseButton.LeftButton)
        settle()
        assert not bar.compact
        assert bar.title.font().pointSizeF() == pytest.approx(BODY_PT * TEXT_STEPS[1] * 1.5, abs=0.1)
        assert all(b.height() >= 64 for b in bar.findChildren(QAbstractButton) if b.isVisible())
        _all_in_view(bar)
    assert seen == 1
