"""The take-away page opens with the keyboard's focus on Print where the page shows Print, and on
Back where Print is below the fold: Enter never prints what the patient cannot see, and the focus
ring is always on screen. Print and Save as PDF come straight under the page's heading, so every
supported display shows them at every text size; they were below the fold at 1024x768 and on
most 720-800 px tall screens at the larger text sizes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from massage_explorer.tools.layoutcheck import DISPLAYS, Display, Setting, visit
from massage_explorer.ui.common.scrolling import in_view
from massage_explorer.ui.shortlist import ShortlistScreen


def _display(name: str) -> Display:
    return next(d for d in DISPLAYS if d.name == name)


@pytest.mark.parametrize(
    ("shown", "step", "language", "on_print"),
    [
        (_display("1920x1080"), 0, "en", True),
        (_display("1024x768"), 2, "es", True),
        (_display("1280x720"), 2, "en", True),
        # Smaller than any kiosk's screen (at 1024x480 the compact top bar leaves Print in view).
        (Display("1024x440", 1024, 440), 2, "es", False),
    ],
    ids=str,
)
def test_the_focus_lands_on_a_control_in_view(qapp, bundled, shown, step, language, on_print) -> None:
    display = shown.name
    seen = False
    for screen, window in visit(bundled, shown, Setting(step, language, False)):
        if screen != "take-away":
            continue
        seen = True
        page = window.session.stack.currentWidget()
        assert isinstance(page, ShortlistScreen) and page.on_takeaway_page()
        focus = QApplication.focusWidget()
        assert focus is not None and in_view(focus)
        assert (focus is page.takeaway.print_button) is on_print, (display, focus)
        if not on_print:
            assert not in_view(page.takeaway.print_button)  # below the fold, a flick away
            assert focus is page.back_button
    assert seen


@pytest.mark.parametrize("display", [d.name for d in DISPLAYS])
@pytest.mark.parametrize("language", ["en", "es"])
def test_print_and_save_are_in_view_on_every_display_at_every_text_size(
    qapp, bundled, display, language
) -> None:
    shown = _display(display)
    seen = 0
    for step in (0, 1, 2):
        for screen, window in visit(bundled, shown, Setting(step, language, False)):
            if screen == "take-away":
                seen += 1
                panel = window.session.stack.currentWidget().takeaway
                assert in_view(panel.print_button) and in_view(panel.pdf_button), (display, step)
    assert seen == 3


@pytest.mark.parametrize("language", ["en", "es"])
def test_what_a_save_says_is_scrolled_into_view_on_a_short_screen(qapp, bundled, language) -> None:
    # Under the buttons, at the largest text on 1280x720, the message with the code to ask for at
    # the front desk fell below the fold.
    from tests.ui.helpers import settle

    seen = 0
    for screen, window in visit(
        bundled, next(d for d in DISPLAYS if d.name == "1280x720"), Setting(2, language, False)
    ):
        if screen == "take-away":
            seen += 1
            panel = window.session.stack.currentWidget().takeaway
            panel._say(panel.tr("Saved for the front desk. Ask there for list {code}.").format(code="7K2M"))
            settle()
            assert in_view(panel.message)
    assert seen == 1
