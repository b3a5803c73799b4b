"""Filter chips driven as a patient would: taps, a finger, Space; what a screen reader is told."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from massage_explorer.ui.browse.chip_delegate import chip_text
from massage_explorer.ui.browse.chip_grid import ChipGrid
from massage_explorer.ui.browse.chip_model import Chip, ChipModel
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.theme import apply_theme, current_colours
from tests.ui.helpers import OFFSCREEN_NOISE, chip_point, tap_chip, touch_tap

pytestmark = OFFSCREEN_NOISE

LONG = "A very long condition name that goes on and on " * 3
CHIPS = [
    Chip("pain", "Back pain relief", "Techniques reported to ease back pain"),
    Chip("sleep", "Better sleep", "Techniques reported to help sleep"),
    Chip("long", LONG, "A long one"),
    Chip("mood", "Eases anxiety", "Techniques reported to ease anxiety"),
    Chip("odd", "Fifth", "An odd one out, alone on its row"),
]


@pytest.fixture
def make_grid(qtbot, qapp):
    def make(*, exclusive: bool = False, width: int = 560) -> ChipGrid:
        apply_theme(qapp, high_contrast=False, scale=1.0)
        model = ChipModel(exclusive=exclusive)
        model.set_chips(CHIPS)
        holder = QWidget()  # as in the filter panel: a column that gives the grid its height
        grid = ChipGrid(model, holder)
        grid.setAccessibleName("Chips")
        QVBoxLayout(holder).addWidget(grid)
        qtbot.addWidget(holder)
        grid.holder = holder  # qtbot holds it weakly
        holder.resize(width, 700)  # inside the 800x800 offscreen screen, for touches
        with qtbot.waitExposed(holder):
            holder.show()
        qtbot.waitUntil(lambda: grid.visualRect(model.index(0, 0)).width() > MIN_TARGET)
        return grid

    return make


def test_model_passes_the_model_tester(qtmodeltester):
    model = ChipModel()
    model.set_chips(CHIPS, chosen={"sleep"})
    qtmodeltester.check(model)


def test_a_tap_chooses_a_chip_and_a_second_tap_unchooses_it(make_grid, qtbot):
    grid = make_grid()
    with qtbot.waitSignal(grid.chips.toggled) as chosen:
        tap_chip(grid, "sleep")
    assert chosen.args == ["sleep", True]
    tap_chip(grid, "pain")
    assert grid.chips.chosen() == {"sleep", "pain"}
    with qtbot.waitSignal(grid.chips.toggled) as unchosen:
        tap_chip(grid, "sleep")
    assert unchosen.args == ["sleep", False]
    assert grid.chips.chosen() == {"pain"}


def test_a_finger_chooses_a_chip(make_grid, qtbot):
    grid = make_grid()
    touch_tap(grid.viewport(), chip_point(grid, "mood"))
    qtbot.waitUntil(lambda: grid.chips.chosen() == {"mood"})


def test_a_press_on_one_chip_and_a_release_on_another_chooses_nothing(make_grid, qtbot):
    grid = make_grid()
    qtbot.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=chip_point(grid, "pain"))
    qtbot.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=chip_point(grid, "sleep"))
    assert grid.chips.chosen() == set()


def test_a_quick_double_tap_is_two_taps(make_grid, qtbot):
    grid = make_grid()
    # What a screen reports for two quick taps: press, release, double-click, release.
    where, button = chip_point(grid, "pain"), Qt.MouseButton.LeftButton
    with qtbot.waitSignals([grid.chips.toggled, grid.chips.toggled]):
        qtbot.mousePress(grid.viewport(), button, pos=where)
        qtbot.mouseRelease(grid.viewport(), button, pos=where)
        qtbot.mouseDClick(grid.viewport(), button, pos=where)
        qtbot.mouseRelease(grid.viewport(), button, pos=where)
    assert grid.chips.chosen() == set()


def test_an_exclusive_grid_keeps_one_choice_and_a_second_tap_clears_it(make_grid):
    grid = make_grid(exclusive=True)
    tap_chip(grid, "pain")
    tap_chip(grid, "sleep")
    assert grid.chips.chosen() == {"sleep"}
    tap_chip(grid, "sleep")
    assert grid.chips.chosen() == set()


def test_keyboard_tab_in_lands_on_the_first_chip_arrows_move_and_space_toggles(make_grid, qtbot):
    grid = make_grid()
    grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(grid.hasFocus)
    assert grid.currentIndex().row() == 0
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.chips.chosen() == {"pain"}
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.chips.chosen() == {"pain", "sleep"}
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.chips.chosen() == {"pain"}


def test_chips_are_touch_sized_two_to_a_row_equal_in_a_row_and_never_cut_off(make_grid):
    grid = make_grid()
    rects = [grid.visualRect(grid.chips.index(row, 0)) for row in range(len(CHIPS))]
    assert all(r.width() >= MIN_TARGET and r.height() >= MIN_TARGET for r in rects)
    assert rects[0].top() == rects[1].top() and rects[0].left() < rects[1].left()
    assert rects[2].top() > rects[0].bottom()  # the third chip starts the second row
    assert rects[2].height() == rects[3].height()  # its neighbour is as tall as the long one
    assert rects[2].height() > rects[0].height() * 2  # the long label wraps; nothing is cut off
    assert all(grid.viewport().rect().contains(r) for r in rects)
    assert rects[4].top() > rects[2].bottom()  # an odd chip sits alone on the last row
    # The grid is as tall as its chips, so the panel around it scrolls and it never does.
    assert grid.verticalScrollBar().maximum() == 0
    assert grid.height() == grid.heightForWidth(grid.width())


def test_a_chosen_chip_is_ticked_and_filled_and_its_row_grows_if_the_tick_needs_a_line(make_grid, qtbot):
    grid = make_grid()
    pal = QGuiApplication.palette()

    def fill(key: str) -> int:
        rect = grid.rect_of(key).toRect()
        return grid.viewport().grab().toImage().pixel(QPoint(rect.left() + 8, rect.center().y()))

    assert fill("pain") == pal.base().color().rgb()
    tap_chip(grid, "pain")
    assert fill("pain") == pal.highlight().color().rgb()
    # The tick is part of the chip's text, not only a colour.
    assert chip_text("Back pain relief", chosen=True) == "✓ Back pain relief"
    assert chip_text("Back pain relief", chosen=False) == "Back pain relief"


def test_a_screen_reader_gets_each_chip_with_its_description_and_state(make_grid):
    grid = make_grid()
    tap_chip(grid, "sleep")
    view = QAccessible.queryAccessibleInterface(grid)
    assert view is not None and view.text(QAccessible.Text.Name) == "Chips"
    items = {}
    for i in range(view.childCount()):
        child = view.child(i)
        if child is not None:
            items[child.text(QAccessible.Text.Name)] = child
    sleep, pain = items["Better sleep"], items["Back pain relief"]
    assert sleep.text(QAccessible.Text.Description) == "Techniques reported to help sleep"
    assert sleep.state().checkable and sleep.state().checked
    assert pain.state().checkable and not pain.state().checked


def test_the_current_chip_carries_the_focus_ring_only_while_the_grid_has_focus(make_grid, qtbot):
    grid = make_grid()
    grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(grid.hasFocus)
    rect = grid.rect_of("pain").toRect()

    def edge() -> int:  # just inside the chip's frame, where the ring is drawn
        return grid.viewport().grab().toImage().pixel(QPoint(rect.left() + 3, rect.center().y()))

    focus = QColor(current_colours().focus).rgb()
    assert edge() == focus
    grid.clearFocus()
    qtbot.waitUntil(lambda: not grid.hasFocus())
    assert edge() != focus


def test_in_high_contrast_a_chosen_current_chip_gets_a_second_ring_in_the_text_colour(make_grid, qtbot, qapp):
    grid = make_grid()
    apply_theme(qapp, high_contrast=True, scale=1.0)
    tap_chip(grid, "pain")
    pal = QGuiApplication.palette()
    assert pal.highlight().color() == QColor(current_colours().focus)  # why it needs one
    rect = grid.rect_of("pain").toRect()

    def inner_ring() -> int:
        image = grid.viewport().grab().toImage()
        return image.pixel(QPoint(rect.left() + 7, rect.center().y()))

    grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(grid.hasFocus)
    grid.setCurrentIndex(grid.chips.index(0, 0))
    assert inner_ring() == pal.highlightedText().color().rgb()
    grid.clearFocus()
    qtbot.waitUntil(lambda: not grid.hasFocus())
    assert inner_ring() == pal.highlight().color().rgb()  # not focused: only the fill


def test_return_and_enter_toggle_the_current_chip_too(make_grid, qtbot):
    grid = make_grid()
    grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(grid.hasFocus)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert grid.chips.chosen() == {"pain"}
    qtbot.keyClick(grid, Qt.Key.Key_Enter)
    assert grid.chips.chosen() == set()


def test_a_finger_sliding_over_chips_chooses_none(make_grid, qtbot):
    grid = make_grid()
    viewport, button = grid.viewport(), Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, button, pos=chip_point(grid, "pain"))
    qtbot.mouseMove(viewport, chip_point(grid, "sleep"))
    qtbot.mouseMove(viewport, chip_point(grid, "mood"))
    qtbot.mouseRelease(viewport, button, pos=chip_point(grid, "mood"))
    assert grid.chips.chosen() == set()


def test_select_all_chooses_nothing(make_grid, qtbot):
    grid = make_grid()
    grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(grid.hasFocus)
    qtbot.keySequence(grid, QKeySequence.StandardKey.SelectAll)
    assert grid.chips.chosen() == set()


def test_assistive_technology_toggles_a_chip(make_grid, qtbot):
    grid = make_grid(exclusive=True)
    view = QAccessible.queryAccessibleInterface(grid)

    def item(label: str):  # type: ignore[no-untyped-def]
        return next(
            child
            for child in (view.child(i) for i in range(view.childCount()))
            if child is not None and child.text(QAccessible.Text.Name) == label
        )

    toggle = QAccessibleActionInterface.toggleAction()
    pain = item("Back pain relief")
    assert pain.state().focusable and toggle in pain.actionInterface().actionNames()
    with qtbot.waitSignal(grid.chips.toggled) as chosen:
        pain.actionInterface().doAction(toggle)
    assert chosen.args == ["pain", True]
    assert grid.chips.chosen() == {"pain"} and item("Back pain relief").state().checked
    item("Better sleep").actionInterface().doAction(toggle)  # exclusive: it replaces the first
    assert grid.chips.chosen() == {"sleep"}
    assert not item("Back pain relief").state().checked
    item("Better sleep").actionInterface().doAction(toggle)
    assert grid.chips.chosen() == set()


def test_chips_stack_in_one_column_rather_than_break_a_word(make_grid, qapp):
    grid = make_grid(width=330)  # the panel on a small screen at the largest text
    font = grid.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    grid.setFont(font)
    QGuiApplication.processEvents()
    grid.chips.set_chips([Chip("a", "Osteoporosis", "x"), Chip("b", "Medium", "y")])
    QGuiApplication.processEvents()
    first, second = (grid.visualRect(grid.chips.index(row, 0)) for row in range(2))
    assert first.left() == second.left() and second.top() > first.bottom()
    assert first.width() > grid.viewport().width() * 0.8
