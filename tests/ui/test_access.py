"""Every control on every patient screen: touch-sized, named for screen readers, no hover-only text."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QWidget,
)

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.theme import apply_theme, clear_theme
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shell import SCREENS, MainWindow
from tests.ui.helpers import settle


@pytest.fixture
def window(qtbot, qapp):
    font = qapp.font()
    catalog = load_catalog(bundled_catalog_path()).catalog
    apply_theme(qapp, high_contrast=False, scale=1.0)
    win = MainWindow(catalog, SessionState())
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    with qtbot.waitExposed(win):
        win.show()
    ids = [t.id for t in catalog.techniques]
    win.state.set_compare(ids[:3])
    for technique_id in ids[:2]:
        win.state.toggle_shortlist(technique_id)
    yield win
    clear_theme(qapp)
    qapp.setFont(font)


def screens(window: MainWindow):
    ids = [t.id for t in window.catalog.techniques]
    yield "browse", window.show_browse
    yield "details", lambda: window.show_details(ids[0])
    yield "compare", window.show_compare
    yield "shortlist", window.show_shortlist


def test_the_checks_below_visit_every_screen_the_shell_has(window):
    # A screen added to the registry must be added to screens() too, or it goes unchecked.
    assert [name for name, _show in screens(window)] == list(SCREENS)


def visible_controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QAbstractItemView)
    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(root)]


def test_every_control_is_named_described_and_big_enough(window, qtbot):
    problems = []
    for name, show in screens(window):
        show()
        settle()
        for control in visible_controls(window):
            what = (
                f"{name}: {type(control).__name__} {control.objectName() or ''} '{control.accessibleName()}'"
            )
            if not control.accessibleName().strip():
                problems.append(f"{what} has no accessible name")
            if isinstance(control, QAbstractButton) and not control.accessibleDescription().strip():
                problems.append(f"{what} has no accessible description")
            if isinstance(control, (QAbstractButton, QLineEdit)) and (
                control.width() < MIN_TARGET or control.height() < MIN_TARGET
            ):
                problems.append(f"{what} is {control.width()}x{control.height()}, under {MIN_TARGET} px")
    assert problems == []


def test_no_information_lives_only_in_a_tooltip(window, qtbot):
    for _name, show in screens(window):
        show()
        for widget in window.findChildren(QWidget):
            assert not widget.toolTip(), f"{type(widget).__name__} has a tooltip: {widget.toolTip()!r}"


def test_every_scrolling_area_flicks_by_touch(window, qtbot):
    from PySide6.QtWidgets import QScroller

    for name, show in screens(window):
        show()
        for area in window.findChildren(QAbstractScrollArea):
            if area.isVisibleTo(window) and area.verticalScrollBar().maximum() > 0:
                assert QScroller.hasScroller(area.viewport()), f"{name}: {type(area).__name__} is not kinetic"


def test_catalog_labels_are_plain_text(window, qtbot):
    from PySide6.QtCore import Qt

    for _name, show in screens(window):
        show()
        for label in window.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText, f"'{label.text()[:40]}' may be read as HTML"


@pytest.mark.parametrize("step", [0, 1, 2])
def test_no_label_is_cut_off_at_any_text_size_on_a_1080p_screen(window, qtbot, step):
    from PySide6.QtWidgets import QPushButton

    window.setFixedSize(1920, 1080)
    window.state.set_text_step(step)
    problems = []
    for name, show in screens(window):
        show()
        settle()
        for button in window.findChildren(QPushButton):
            if button.isVisibleTo(window) and button.width() < button.sizeHint().width():
                problems.append(
                    f"{name}: '{button.text()}' is {button.width()} px, needs {button.sizeHint().width()}"
                )
    assert problems == []


def test_at_the_largest_text_the_title_steps_down_a_size_and_back(window):
    from massage_explorer.ui.common.theme import BODY_PT
    from massage_explorer.ui.session import TEXT_STEPS

    largest = len(TEXT_STEPS) - 1
    window.state.set_text_step(largest)
    assert window.top_bar.title.font().pointSizeF() == pytest.approx(
        BODY_PT * TEXT_STEPS[largest] * 1.25, abs=0.1
    )
    window.state.set_text_step(0)
    assert window.top_bar.title.font().pointSizeF() == pytest.approx(BODY_PT * TEXT_STEPS[0] * 1.5, abs=0.1)


@pytest.mark.parametrize("high_contrast", [False, True])
def test_chosen_text_size_contrast_and_language_show_a_tick_not_only_a_fill(window, qtbot, high_contrast):
    from PySide6.QtGui import QPalette

    window.state.set_high_contrast(high_contrast)
    window.state.set_language("en")
    settle()
    toggles = [
        *window.top_bar.size_group.buttons(),
        window.top_bar.contrast_button,
        *window.top_bar.language_buttons.values(),
    ]
    chosen = [b for b in toggles if b.isChecked()]
    assert len(chosen) == 2 + high_contrast  # a text size, a language, and contrast when on
    for button in toggles:
        tick = button.palette().color(QPalette.ColorRole.HighlightedText)  # a chosen label's colour
        image = button.grab().toImage()
        corner = [image.pixelColor(x, y) for x in range(5, 17) for y in range(6, 18)]
        ticked = sum(abs(c.lightness() - tick.lightness()) < 40 for c in corner)
        fill = image.pixelColor(button.width() // 2, 5)  # the button's own background
        if button.isChecked():
            assert abs(fill.lightness() - tick.lightness()) > 100, button.accessibleName()  # filled
            assert ticked >= 6, button.accessibleName()  # and ticked
        else:
            assert all(c == corner[0] for c in corner), button.accessibleName()  # plain corner


@pytest.mark.parametrize("step", [0, 1, 2])
def test_a_tick_never_touches_its_label(window, qtbot, step):
    # "✓High contrast", "✓EN": at the largest text the tick met the label's first letter.
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    window.state.set_text_step(step)
    window.state.set_high_contrast(True)
    settle()
    toggles = [window.top_bar.contrast_button, *window.top_bar.language_buttons.values()]
    for button in [*toggles, *window.top_bar.size_group.buttons()]:
        for focused in (False, True):
            if focused:
                button.setFocus()
                settle()
            option = QStyleOptionButton()
            button.initStyleOption(option)
            contents = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
            text_left = contents.center().x() - button.fontMetrics().horizontalAdvance(button.text()) / 2
            assert text_left >= button.tick_rect().right() + 3, (button.text(), step, focused)


def test_the_red_flags_line_is_on_every_screen_and_opens_the_whole_list(window, qtbot):
    """The clinic's red flags: one line at the foot of every patient screen, whatever the screen
    shows (the full guidance too); a tap opens every sign, grouped by what to do; Close goes back."""
    from PySide6.QtCore import Qt

    signs = [flag.sign.default for flag in window.catalog.red_flags]
    assert len(signs) == 6
    for name, show in screens(window):
        show()
        settle()
        line = window.red_flags_line
        assert line.isVisible() and line.height() >= MIN_TARGET, name
        bottom = line.mapTo(window, line.rect().bottomLeft()).y()
        assert bottom <= window.height(), name
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
        panel = window._red_flags
        assert panel is not None and panel.isVisible(), name
        shown = [label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(panel)]
        assert "Get emergency care now if you have:" in shown
        assert "See a doctor before any massage if you have:" in shown
        assert all(f"• {sign}" in shown for sign in signs), name
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
        assert not panel.isVisible()
    # The next patient never finds it open.
    qtbot.mouseClick(window.red_flags_line, Qt.MouseButton.LeftButton)
    window.reset_session()
    assert not window._red_flags.isVisible()


def test_the_red_flags_follow_the_language(window, qtbot):
    from PySide6.QtCore import Qt

    window.state.set_language("es")
    settle()
    assert window.red_flags_line.text() == "⚠ Señales de alarma: cuándo parar y buscar ayuda"
    qtbot.mouseClick(window.red_flags_line, Qt.MouseButton.LeftButton)
    shown = [label.text() for label in window._red_flags.findChildren(QLabel)]
    assert "Busque atención de emergencia ahora si tiene:" in shown
    spanish = [flag.sign.get("es") for flag in window.catalog.red_flags]
    assert all(f"• {sign}" in shown for sign in spanish)
    # On a smaller screen the longer Spanish headings wrap, and every line of them is shown.
    window.resize(1280, 800)
    settle()
    for label in window._red_flags.findChildren(QLabel):
        if label.isVisibleTo(window._red_flags) and label.text():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    window.state.set_language("en")
