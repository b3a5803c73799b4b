"""The countdown's words are drawn whole: no line of "Are you still there?" is cut at the bottom
(the descenders of y, g, p), at every text size, on a landscape, a small and a portrait screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from massage_explorer.core.settings import KioskConfig
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.session import TEXT_STEPS
from tests import factories as f
from tests.ui.helpers import OFFSCREEN_NOISE, settle

pytestmark = OFFSCREEN_NOISE


def cut_lines(label: QLabel) -> str:
    """Why `label` is shorter than its text, or "" when its text has the height it needs: one
    line of its font at least, and every line its text wraps into at the label's width."""
    needed = max(label.fontMetrics().height(), label.heightForWidth(label.width()))
    if label.height() >= needed:
        return ""
    return f"{label.text()!r} is {label.height()} px tall and needs {needed} px"


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920)])
def test_the_countdowns_headline_and_lines_have_the_height_their_text_needs(qtbot, qapp, size):
    catalog = f.catalog(f.technique("gentle"), f.technique("middle"), languages=("en", "es"))
    kiosk = KioskWindow(catalog, KioskConfig(pin_hash=""))
    qtbot.addWidget(kiosk)
    kiosk.resize(*size)
    kiosk.show()
    countdown = kiosk.countdown
    problems = []
    for language in ("en", "es"):
        for step in range(len(TEXT_STEPS)):
            # As a patient gets there: a session, the language and text size picked on the top
            # bar, then left alone until the question comes.
            kiosk.start_session()
            kiosk.state.set_language(language)
            kiosk.state.set_text_step(step)
            kiosk.idle.idle.emit()
            settle()
            assert countdown.isVisible()
            headline = countdown.question
            assert headline.fontMetrics().descent() > 0  # the font has descenders to cut
            for label in (headline, countdown.seconds_label, countdown.explain):
                if problem := cut_lines(label):
                    problems.append(f"{language}, text size {step + 1}: {problem}")
            kiosk.end_session()
    kiosk.staff_quit()
    assert not problems, "\n".join(problems)
