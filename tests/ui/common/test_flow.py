"""The wrapping row of controls (top bar, screen headers, the take-away's buttons)."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.labels import plain_label
from tests.ui.helpers import settle


def _nested_row(qtbot, *labels: str) -> tuple[QWidget, QVBoxLayout, FlowLayout, list[QPushButton]]:
    """A window whose column holds a flow layout of buttons, as a screen's head does."""
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    row = FlowLayout(spacing=10)
    buttons = [QPushButton(label) for label in labels]
    for button in buttons:
        row.addWidget(button)
    column.addLayout(row)
    column.addStretch(1)
    return window, column, row, buttons


def test_the_row_wraps_when_the_window_is_narrower_than_its_buttons(qtbot) -> None:
    window, _column, _row, buttons = _nested_row(qtbot, "Compare (2)", "Shortlist (1)", "Start over")
    window.resize(800, 300)
    window.show()
    settle()
    assert len({b.y() for b in buttons}) == 1  # one line
    widest = max(b.sizeHint().width() for b in buttons)
    window.resize(widest + 30, 300)
    settle()
    assert len({b.y() for b in buttons}) == 3  # one button a line
    assert all(b.width() >= b.sizeHint().width() for b in buttons)


def test_items_whose_python_side_was_marked_deleted_are_made_again(qtbot) -> None:
    """PySide6 marked every item of a nested flow layout as deleted in a random-input run of the
    kiosk; the next layout pass raised inside Qt and the process crashed. It records the items as
    children of the layout around the row too, and marking that one marks them all, as seen. The
    layout now makes such items again for their widgets, and drops one whose widget is gone."""
    window, column, row, buttons = _nested_row(qtbot, "Back", "Show only differences", "Gone")
    window.resize(600, 300)
    window.show()
    settle()
    before = [b.geometry() for b in buttons[:2]]
    items = list(row._items)
    shiboken6.invalidate(column)
    assert not any(shiboken6.isValid(item) for item in items)  # as the kiosk's crash began
    shiboken6.delete(buttons[2])
    assert row.heightForWidth(600) > 0
    window.resize(601, 300)  # a layout pass over every item
    settle()
    assert row.count() == 2
    assert [row.itemAt(i).widget() for i in range(2)] == buttons[:2]
    assert [b.geometry().topLeft() for b in buttons[:2]] == [g.topLeft() for g in before]


def _titled_row(qtbot, *labels: str) -> tuple[QWidget, FlowLayout, QLabel, list[QPushButton]]:
    """The top bar's arrangement: an expanding, word-wrapping title, then buttons."""
    window = QWidget()
    qtbot.addWidget(window)
    row = FlowLayout(window, spacing=10)
    row.setContentsMargins(0, 0, 0, 0)
    title = QLabel()
    title.setWordWrap(True)
    title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    title.setText("Massage Explorer")  # (QLabel sets its height-for-width policy with its text)
    row.addWidget(title)
    row.squeeze(title)
    buttons = [QPushButton(label) for label in labels]
    for button in buttons:
        row.addWidget(button)
    window.show()
    return window, row, title, buttons


def _lines(widgets: list[QWidget]) -> int:
    return len({w.geometry().center().y() for w in widgets})


def test_a_squeezed_title_wraps_its_words_where_that_keeps_the_buttons_on_its_line(qtbot) -> None:
    window, row, title, buttons = _titled_row(qtbot, "Shortlist (2)", "Start over")
    one_line = row.sizeHint().width()
    narrowest = title.minimumSizeHint().width() + sum(b.sizeHint().width() for b in buttons) + 20
    assert narrowest < one_line - 40  # "Explorer" alone is much narrower than the whole title
    window.resize(one_line, 400)
    settle()
    assert _lines([title, *buttons]) == 1
    assert title.height() < 2 * title.fontMetrics().lineSpacing()  # the title on one line
    window.resize(narrowest, 400)
    settle()
    assert _lines([title, *buttons]) == 1  # the buttons stay beside the title...
    assert title.height() >= 2 * title.fontMetrics().lineSpacing()  # ...which takes two lines
    assert all(b.width() >= b.sizeHint().width() for b in buttons)
    assert not any(title.geometry().intersects(b.geometry()) for b in buttons)


def test_a_squeezed_title_keeps_one_line_where_the_row_wraps_anyway(qtbot) -> None:
    # Squeezed, the title would take "OK" onto its line and wrap, and "Start over" would still go
    # onto a second line: the title is left whole, with "OK" on the second line instead.
    window, _row, title, buttons = _titled_row(qtbot, "Shortlist (2)", "OK", "Start over")
    shortlist, ok, start_over = buttons
    ok.setFixedWidth(30)  # narrower than the room the title gives up by wrapping
    width = title.sizeHint().width() + 10 + shortlist.sizeHint().width() + 5
    squeezed = title.minimumSizeHint().width() + 10 + shortlist.sizeHint().width() + 10 + ok.width()
    assert squeezed <= width  # "OK" would fit beside a wrapped title
    window.resize(width, 600)
    settle()
    assert _lines([title, shortlist]) == 1 and _lines([ok, start_over]) == 1
    assert ok.y() > shortlist.y()
    assert title.height() < 2 * title.fontMetrics().lineSpacing()


def test_with_wrap_right_the_lines_after_the_first_keep_to_the_right(qtbot) -> None:
    # The top bar and the details' buttons: a second line under the buttons the title (or a gap)
    # pushed right on the first, not under the title, where it read as something else.
    window = QWidget()
    qtbot.addWidget(window)
    row = FlowLayout(window, spacing=10, wrap_right=True)
    row.setContentsMargins(0, 0, 0, 0)
    title = QLabel("Massage Explorer")
    title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    row.addWidget(title)
    buttons = [QPushButton(label) for label in ("Shortlist (2)", "High contrast", "Start over")]
    for button in buttons:
        row.addWidget(button)
    width = (
        title.sizeHint().width() + 10 + buttons[0].sizeHint().width() + 10 + buttons[1].sizeHint().width() + 5
    )
    window.resize(width, 300)
    window.show()
    settle()
    first, second = buttons[:2], buttons[2:]
    assert len({b.y() for b in first}) == 1 and second[0].y() > first[0].y()  # two lines
    assert first[-1].geometry().right() == window.width() - 1  # the title pushed them right...
    assert second[-1].geometry().right() == window.width() - 1  # ...and the next line keeps there
    assert title.x() == 0


def test_a_squeezed_note_goes_onto_a_line_of_its_own_where_beside_it_would_be_taller(qtbot) -> None:
    # The compare screen's note on its limit, squeezed beside Back, the toggle and the advice
    # button at 1024x768 and the largest text, wrapped into five lines: a line of its own below
    # them took a fifth of that height, and left the table two columns instead of one.
    window = QWidget()
    qtbot.addWidget(window)
    row = FlowLayout(window, spacing=10)
    row.setContentsMargins(0, 0, 0, 0)
    buttons = [QPushButton(label) for label in ("Back", "Show only differences", "Advice")]
    for button in buttons:
        row.addWidget(button)
    note = plain_label()
    note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    note.setText("Up to 4 at once: remove one to add another.")  # (its height-for-width policy)
    row.addWidget(note)
    row.squeeze(note)
    window.show()
    # Room beside the buttons for a few characters a line: the note's words one or two a line.
    width = sum(b.sizeHint().width() for b in buttons) + 30 + note.minimumSizeHint().width() + 10
    window.resize(width, 600)
    settle()
    assert note.y() > max(b.geometry().bottom() for b in buttons)  # on a line of its own
    assert note.height() <= 2 * note.fontMetrics().lineSpacing() + 4
    assert row.heightForWidth(width) < 4 * note.fontMetrics().lineSpacing()
