"""The shortlist screen: empty state, remove, and when 'Compare these' may be used."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from massage_explorer.ui.cards.model import TechniqueListModel
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shortlist.screen import ShortlistScreen
from tests import factories as f
from tests.ui.helpers import OFFSCREEN_NOISE, card_point, tap, toggle_point, touch_tap

pytestmark = OFFSCREEN_NOISE
IDS = ["one", "two", "three", "four", "five"]


@pytest.fixture
def make_shortlist(qtbot):
    def make(saved=(), size=(1600, 900)):
        state = SessionState()
        techniques = TechniqueListModel(state)
        techniques.set_catalog(f.catalog(*(f.technique(i) for i in IDS)))
        for technique_id in saved:
            state.toggle_shortlist(technique_id)
        screen = ShortlistScreen(state, techniques)
        qtbot.addWidget(screen)
        screen.resize(*size)
        with qtbot.waitExposed(screen):
            screen.show()
        return screen, state

    return make


def test_empty_shortlist_says_how_to_add(make_shortlist):
    screen, _ = make_shortlist()
    assert screen.pages.currentIndex() == 1
    assert screen.empty.text() == "Tap ☆ Save on a technique to add it here."
    assert not screen.compare_button.isVisible()


def test_one_saved_asks_for_one_more(make_shortlist):
    screen, _ = make_shortlist(["two"])
    assert not screen.compare_button.isEnabled()
    assert screen.compare_note.text() == "Pick one more to compare"


def test_compare_these_sends_the_saved_techniques(make_shortlist, qtbot):
    screen, state = make_shortlist(["three", "one"])
    assert screen.compare_button.isEnabled() and not screen.compare_note.isVisible()
    with qtbot.waitSignal(screen.compareRequested):
        qtbot.mouseClick(screen.compare_button, Qt.MouseButton.LeftButton)
    assert state.compare == ["three", "one"]


def test_more_than_four_compares_the_first_four_and_says_so(make_shortlist, qtbot):
    screen, state = make_shortlist(IDS)
    assert screen.compare_button.text() == "Compare the first 4"
    assert "first 4" in screen.compare_note.text()
    qtbot.mouseClick(screen.compare_button, Qt.MouseButton.LeftButton)
    assert state.compare == IDS[:4]


def test_remove_and_open_from_the_cards(make_shortlist, qtbot):
    # Inside the offscreen screen: the flickable list hands a press on to what is there on screen.
    screen, state = make_shortlist(["one", "two"], size=(790, 790))
    assert screen.view.card_delegate.toggle_text(True) == "✕ Remove"
    tap(screen.view, toggle_point(screen.view, "one"))
    # The flick recogniser may hold a press back for a moment before the view sees it.
    qtbot.waitUntil(lambda: state.shortlist == ["two"])
    assert screen.model.rowCount() == 1
    with qtbot.waitSignal(screen.openRequested) as opened:
        tap(screen.view, card_point(screen.view, "two"))
    assert opened.args == ["two"]


def test_touch_remove_and_compare(make_shortlist, qtbot):
    screen, state = make_shortlist(["one", "two", "three"], size=(790, 790))
    touch_tap(screen.view.viewport(), toggle_point(screen.view, "two"))
    # The flick recogniser may hold the synthesised press back for a moment.
    qtbot.waitUntil(lambda: state.shortlist == ["one", "three"])
    with qtbot.waitSignal(screen.compareRequested):
        touch_tap(screen.compare_button, screen.compare_button.rect().center())
    assert state.compare == ["one", "three"]


def test_shows_the_full_guidance(make_shortlist):
    from massage_explorer.ui.common.words import guidance_lines

    screen, _ = make_shortlist()
    text = "\n".join(label.text() for label in screen.findChildren(type(screen.empty)))
    for line in guidance_lines(full=True):
        assert line in text


def test_the_way_back_looks_like_every_other_and_reads_without_its_arrow(make_shortlist):
    screen, _ = make_shortlist(["two"])
    back = screen.back_button
    assert (back.text(), back.accessibleName()) == ("← All techniques", "All techniques")
    screen.show_takeaway()
    assert (back.text(), back.accessibleName()) == ("← Back to my list", "Back to my list")


def test_the_take_away_page_has_one_heading_so_the_code_keeps_the_row(make_shortlist, qtbot):
    # A narrow window: the back button and the list's heading no longer share a row.
    screen, state = make_shortlist(["two", "three"], size=(520, 900))
    assert screen.heading.isVisible()
    screen.show_takeaway()
    assert not screen.heading.isVisible()  # "Take your list with you" names the page
    qtbot.waitUntil(lambda: screen.takeaway_page.geometry().top() < screen.heading.geometry().bottom())
    state.toggle_shortlist("four")  # the list changes while the code is shown: still one heading
    assert not screen.heading.isVisible()
    screen.back()
    assert screen.heading.isVisible() and screen.heading.text() == "My shortlist (3)"
