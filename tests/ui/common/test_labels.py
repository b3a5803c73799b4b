"""Catalog text on screen: plain text, wrapped inside words too long for a line, in one pass."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont

from massage_explorer.ui.common.labels import catalog_label
from massage_explorer.ui.common.text_layout import BREAK_EVERY, LONG_RUN, ZERO_WIDTH_SPACE, breakable, wrapped


def test_a_long_run_gets_a_break_opportunity_every_few_characters_and_nothing_else_changes():
    word = "https://example.org/" + "reference" * 20
    text = f"See {word} and the short words around it."
    broken = breakable(text)
    assert broken.replace(ZERO_WIDTH_SPACE, "") == text  # nothing visible is added or lost
    for run in re.findall(r"\S+", broken):
        assert all(len(part) <= BREAK_EVERY for part in run.split(ZERO_WIDTH_SPACE)), run
    assert breakable("Short words, as a patient reads them.") == "Short words, as a patient reads them."
    assert breakable("x" * (LONG_RUN - 1)) == "x" * (LONG_RUN - 1)  # an ordinary long word keeps its shape


def test_a_huge_word_is_laid_out_within_the_line_from_the_broken_text(qapp):
    # Laying out a word of this size without break opportunities took Qt seconds (its search for a
    # break grew with the square of the word); with them it is one pass.
    font = QFont()
    font.setPointSizeF(16)
    layout, height = wrapped("w" * 20_000, font, 600)
    assert ZERO_WIDTH_SPACE in layout.text()
    assert layout.lineCount() > 20 and height > 0
    for i in range(layout.lineCount()):
        assert layout.lineAt(i).naturalTextWidth() <= 600


def test_the_label_still_holds_the_text_as_written(qapp):
    label = catalog_label("w" * 500)
    assert label.text() == "w" * 500  # what a screen reader reads, and what copying gives


def test_a_labels_height_follows_its_text_font_and_margins(qtbot):
    """Heights are remembered by width between layout passes, and never outlive what they were
    measured for: a longer text, a larger font (the patient's text size comes by the window's
    style sheet) or other margins give the height of what is shown now."""
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    label = catalog_label("A few words.", window)
    with qtbot.waitExposed(window):
        window.show()  # a style sheet reaches the widgets on screen
    one_line = label.heightForWidth(300)
    assert label.heightForWidth(300) == one_line
    label.setText("A few words. " * 12)
    three_or_more = label.heightForWidth(300)
    assert three_or_more >= 3 * one_line - 2
    window.setStyleSheet("QLabel { font-size: 32pt; }")
    larger = label.heightForWidth(300)
    assert larger > three_or_more
    label.setContentsMargins(0, 20, 0, 20)
    assert label.heightForWidth(300) == larger + 40
    label.setContentsMargins(0, 0, 0, 0)
    window.setStyleSheet("")
    label.setText("A few words.")
    assert label.heightForWidth(300) == one_line
