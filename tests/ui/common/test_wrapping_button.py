"""A button whose label wraps where it is narrower than its label on one line: the red-flags line
at the foot of every patient screen. Qt's own buttons keep one line and cut the rest: at the
largest text on an 800 px wide screen, "⚠ Warning signs: when to stop and get help" lost "help"."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from massage_explorer.tools.layoutcheck import text_problems
from massage_explorer.ui.common.buttons import WrappingButton
from tests.ui.helpers import settle

LABEL = "⚠ Warning signs: when to stop and get help"


def _in_window(qtbot, width: int) -> tuple[QWidget, WrappingButton]:
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    button = WrappingButton()
    button.setText(LABEL)
    column.addWidget(button)
    column.addStretch(1)
    window.resize(width, 400)
    window.show()
    settle()
    return window, button


def _inked_rows(image: QImage, background: QColor) -> list[int]:
    """The rows of the image where something other than the background is painted."""
    return [
        y
        for y in range(image.height())
        if any(image.pixelColor(x, y) != background for x in range(6, image.width() - 6))
    ]


def test_on_one_line_where_it_fits_it_is_as_tall_as_any_button(qtbot) -> None:
    plain = QPushButton(LABEL)
    _, button = _in_window(qtbot, plain.sizeHint().width() + 60)
    assert button.height() == plain.sizeHint().height()
    assert text_problems(button) == []


def test_narrower_than_its_label_it_wraps_and_grows_instead_of_cutting(qtbot) -> None:
    one_line = QPushButton(LABEL).sizeHint()
    _, button = _in_window(qtbot, one_line.width() * 2 // 3)
    assert button.width() < one_line.width()
    assert button.height() > one_line.height()
    assert button.height() >= 2 * button.fontMetrics().lineSpacing()  # two lines
    assert text_problems(button) == []
    # Both lines are painted: ink in the top and in the bottom half of the label's room.
    image = button.grab().toImage()
    middle = image.pixelColor(image.width() - 8, image.height() // 2)  # the background, right
    inked = _inked_rows(image, middle)
    assert any(y < image.height() // 2 for y in inked) and any(y > image.height() // 2 for y in inked)


def test_never_narrower_than_its_longest_word(qtbot) -> None:
    _, button = _in_window(qtbot, 40)
    longest = max(button.fontMetrics().horizontalAdvance(word) for word in LABEL.split())
    assert button.minimumSizeHint().width() > longest
    assert button.width() >= button.minimumSizeHint().width()
