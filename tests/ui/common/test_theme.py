"""A patient's text size and contrast: on their window, in its colours and sizes, and nowhere else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from massage_explorer.ui.common.theme import (
    BODY_PT,
    HIGH_CONTRAST,
    LIGHT,
    apply_look,
    apply_theme,
    clear_theme,
    current_colours,
)
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shell import MainWindow
from tests import factories as f
from tests.ui.helpers import EventsOf, settle


def test_clearing_the_theme_gives_qts_own_font_and_palette_back_even_after_a_patients_look(qtbot, qapp):
    """(First in this file: it fails, without its fix, only where no theme was set before it.)
    A window's look (a patient's text size and contrast, or the usual one when a kiosk session
    ends) sets the application's font and palette too; clearing the theme undoes that whether or
    not apply_theme came first. Left at 16 pt, the next test laid its windows out in a size it
    never chose, and passed or failed with the order the tests ran in."""
    font, palette = qapp.font(), qapp.palette()
    label = QLabel("Gentle")
    qtbot.addWidget(label)
    apply_look(label, high_contrast=True, scale=1.5)
    assert qapp.font() != font and qapp.palette() != palette
    clear_theme(qapp)
    assert qapp.font() == font
    assert qapp.palette() == palette


@pytest.fixture
def window(qtbot, qapp):
    font = qapp.font()
    apply_theme(qapp, high_contrast=False, scale=1.0)  # as at start-up
    win = MainWindow(f.catalog(), SessionState())
    qtbot.addWidget(win)
    win.resize(1200, 900)
    with qtbot.waitExposed(win):
        win.show()
    yield win
    clear_theme(qapp)
    qapp.setFont(font)


def background(widget) -> QColor:
    return widget.grab().toImage().pixelColor(2, 2)


def test_larger_text_and_contrast_reach_the_patients_window(window, qapp) -> None:
    title = window.top_bar.title
    button = window.top_bar.contrast_button
    usual = (title.font().pointSizeF(), button.font().pointSizeF())
    window.state.set_text_step(2)
    settle()
    assert button.font().pointSizeF() == pytest.approx(BODY_PT * 1.5)
    assert title.font().pointSizeF() > usual[0]
    window.state.set_high_contrast(True)
    settle()
    assert background(window.browse) == QColor(HIGH_CONTRAST.window)
    assert current_colours() == HIGH_CONTRAST  # the focus ring the delegates draw follows it
    assert qapp.palette().window().color() == QColor(HIGH_CONTRAST.window)
    # And back to the usual look, as a reset or the buttons bring it.
    window.state.set_text_step(0)
    window.state.set_high_contrast(False)
    settle()
    assert (title.font().pointSizeF(), button.font().pointSizeF()) == usual
    assert background(window.browse) == QColor(LIGHT.window)
    assert current_colours() == LIGHT


def test_a_patients_look_restyles_their_window_and_nothing_else(window, qtbot) -> None:
    # Qt restyles every widget of the application for a new application style sheet, shown or
    # not (~0.5 ms each: 0.1-0.3 s a tap); a window's own sheet restyles that window alone.
    elsewhere = QLabel("another window")
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    inside = window.top_bar.contrast_button
    seen = {"elsewhere": EventsOf(QEvent.Type.StyleChange), "inside": EventsOf(QEvent.Type.StyleChange)}
    elsewhere.installEventFilter(seen["elsewhere"])
    inside.installEventFilter(seen["inside"])
    window.state.set_text_step(1)
    window.state.set_high_contrast(True)
    settle()
    assert seen["inside"].count > 0
    assert seen["elsewhere"].count == 0


@pytest.mark.parametrize("high_contrast", [False, True])
def test_a_scroll_bar_shows_its_track_not_a_bare_handle(qtbot, qapp, high_contrast) -> None:
    # A handle alone, on the window's colour, beside the filter panel read as a divider.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    apply_theme(qapp, high_contrast=high_contrast, scale=1.0)
    try:
        colours = HIGH_CONTRAST if high_contrast else LIGHT
        area = QScrollArea()
        qtbot.addWidget(area)
        tall = QLabel("\n".join(f"line {n}" for n in range(200)))
        area.setWidget(tall)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        area.resize(300, 300)
        area.show()
        settle()
        bar = area.verticalScrollBar()
        image = bar.grab().toImage()
        middle = bar.width() // 2
        below_handle = image.pixelColor(middle, image.height() - 40)  # the track, past the handle
        edge = image.pixelColor(0, image.height() // 2)  # its outline
        assert below_handle == QColor(colours.base)
        assert edge == QColor(colours.border)
        assert QColor(colours.base) != QColor(colours.window) or high_contrast  # (both black in HC)
    finally:
        clear_theme(qapp)
