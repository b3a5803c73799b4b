"""The compare screen, driven by clicks on its real widgets; its table model checked by machine."""

from __future__ import annotations

import gc
import weakref
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QScroller, QWidget

from massage_explorer.core.catalog import BenefitClaim, Catalog, Caution, Evidence, Term
from massage_explorer.ui.common.scrolling import viewport_of
from massage_explorer.ui.common.theme import apply_theme, clear_theme
from massage_explorer.ui.compare.model import MARKED_ROLE, CompareModel, DifferencesProxy
from massage_explorer.ui.compare.picker import PickerModel
from massage_explorer.ui.compare.screen import CompareView
from massage_explorer.ui.compare.table import CellDelegate, make_compare_table
from massage_explorer.ui.compare.text_sizes import PADDING, wrapped_height
from massage_explorer.ui.session import TEXT_STEPS, SessionState
from tests import factories as f
from tests.ui.helpers import settle

# The offscreen platform warns whenever a shown top-level window's minimum size changes.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

HTML = '<h1>Big</h1><img src="file:///etc/hostname"><a href="http://example.com">link</a>'


def sample() -> Catalog:
    """Three techniques that agree on some rows, and one more to add."""
    return f.catalog(
        f.technique(
            "alpha",
            benefits=(BenefitClaim("pain", Evidence.MODERATE), BenefitClaim("calm", Evidence.UNTESTED)),
            cautions=(f.Caution("disc", f.t("Go gently near the disc.")),),
        ),
        f.technique(
            "beta",
            benefits=(BenefitClaim("pain", Evidence.MODERATE), BenefitClaim("sleep", Evidence.LOW)),
            cautions=(Caution("thinners", f.t("Ask for light pressure.")),),
        ),
        f.technique(
            "gamma",
            benefits=(BenefitClaim("pain", Evidence.MODERATE),),
            cautions=(
                Caution("thinners", f.t("Light pressure only.")),
                Caution("disc", f.t("Not over the spine.")),
            ),
        ),
        f.technique("delta"),
    )


@pytest.fixture
def state() -> SessionState:
    return SessionState()


@pytest.fixture
def view(qtbot, state: SessionState) -> Iterator[CompareView]:
    widget = CompareView(state)
    qtbot.addWidget(widget)
    widget.set_catalog(sample())
    widget.resize(1600, 1000)
    with qtbot.waitExposed(widget):
        widget.show()
    yield widget


def shown_rows(view: CompareView) -> dict[str, list[str]]:
    """What the table shows: question -> the cells, left to right."""
    model = view.table.model()
    return {
        model.headerData(r, Qt.Orientation.Vertical): [
            model.index(r, c).data() for c in range(model.columnCount())
        ]
        for r in range(model.rowCount())
    }


_touch: list[QPointingDevice] = []


def touch_tap(widget: QWidget, pos: QPoint) -> None:
    """A finger down and up; the offscreen screen is 800x800 and drops touches outside it."""
    if not _touch:
        _touch.append(QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen))
    QTest.touchEvent(widget, _touch[0]).press(0, pos, widget).commit()
    QTest.touchEvent(widget, _touch[0]).release(0, pos, widget).commit()


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_models_pass_the_model_tester(qtmodeltester, state: SessionState) -> None:
    catalog = sample()
    model = CompareModel()
    model.set_content(catalog, catalog.techniques[:3], "en", "disc")
    qtmodeltester.check(model)
    proxy = DifferencesProxy()
    proxy.setSourceModel(model)
    proxy.set_only_differences(True)
    qtmodeltester.check(proxy)
    picker = PickerModel()
    picker.set_techniques(catalog.techniques, "en")
    qtmodeltester.check(picker)


def test_three_columns_line_up_differences_remove_and_pick_one_more(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta", "gamma"])
    assert view.stack.currentWidget() is view.table_page
    rows = shown_rows(view)
    # One row per benefit id claimed by any column; "—" where a technique does not claim it,
    # said in words too: a bare dash could be read as "not studied" or "does not help".
    dash = "— not listed for this one"
    assert rows["Better sleep: may it help?"] == [dash, "Low evidence ●●○○ — may help", dash]
    assert rows["Feeling calmer: may it help?"] == [
        "Not studied ○○○○ — reported by patients, not studied",
        dash,
        dash,
    ]
    assert rows["Less back pain: may it help?"] == ["Moderate evidence ●●●○ — probably helps"] * 3
    assert "How long?" in rows

    click(qtbot, view.differences_button)
    rows = shown_rows(view)
    assert "How long?" not in rows  # same for all three
    assert "Less back pain: may it help?" not in rows
    assert "Better sleep: may it help?" in rows
    assert "What is it?" in rows
    assert view.differences_button.text().startswith("☑")

    remove_beta = view.header.buttons[1].remove
    assert remove_beta.accessibleName() == "Remove Beta from the comparison"
    click(qtbot, remove_beta)
    assert state.compare == ["alpha", "gamma"]
    assert view.model.columnCount() == 2

    click(qtbot, view.header.buttons[0].remove)
    assert state.compare == ["gamma"]
    assert view.stack.currentWidget() is view.placeholder
    assert view.message.text() == "Pick one more technique to compare"
    assert not view.differences_button.isVisible()


def test_add_from_inside_compare_with_the_picker(qtbot, view, state) -> None:
    state.set_compare(["alpha"])
    click(qtbot, view.placeholder_add_button)
    assert view.stack.currentWidget() is view.picker_page
    picker = view.picker
    names = [picker.model().index(r, 0).data().split("\n")[0] for r in range(picker.model().rowCount())]
    assert names == ["Beta", "Gamma", "Delta"]  # not the one already compared
    index = picker.model().index(2, 0)
    picker.scrollTo(index)
    qtbot.mouseClick(picker.viewport(), Qt.MouseButton.LeftButton, pos=picker.visualRect(index).center())
    qtbot.waitUntil(lambda: state.compare == ["alpha", "delta"])
    assert view.stack.currentWidget() is view.table_page
    assert view.add_button.isVisible()


def test_add_is_refused_with_a_reason_at_four(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta", "gamma", "delta"])
    assert not view.add_button.isEnabled()
    assert not view.add_button.isVisible()  # the reason in its place
    assert view.add_limit.isVisible()
    assert "4" in view.add_limit.text()


def test_condition_is_marked_in_every_column_that_has_a_caution(view, state) -> None:
    state.set_condition("disc")
    state.set_compare(["alpha", "beta", "gamma"])
    cells = shown_rows(view)["Who should be careful?"]
    assert cells[0].startswith("⚠ Applies to you\nHerniated disc · ⚕ Ask your doctor first\nGo gently")
    assert "Applies to you" not in cells[1]
    # Listed first even though the catalog lists it second.
    assert cells[2].startswith(
        "⚠ Applies to you\nHerniated disc · ⚕ Ask your doctor first\nNot over the spine."
    )
    row = list(shown_rows(view)).index("Who should be careful?")
    model = view.table.model()
    assert [model.index(row, c).data(MARKED_ROLE) for c in range(3)] == [True, False, True]


def test_a_hidden_comparison_is_laid_out_when_shown_not_at_each_change(view, state, monkeypatch) -> None:
    """Techniques added from the list, with the comparison behind it, are shown when it is opened;
    meanwhile nothing lays out a table nobody sees."""
    laid_out = []
    refresh = CompareView.refresh

    def counted(self: CompareView) -> None:
        laid_out.append(list(state.compare))
        refresh(self)

    monkeypatch.setattr(CompareView, "refresh", counted)
    view.hide()
    state.set_compare(["alpha"])
    state.set_compare(["alpha", "beta"])
    state.set_condition("disc")
    view.retranslate()
    assert laid_out == []
    view.show()
    assert laid_out == [["alpha", "beta"]]
    cells = shown_rows(view)["Who should be careful?"]
    assert cells[0].startswith("⚠ Applies to you") and "Applies to you" not in cells[1]
    # On screen, a change shows at once.
    state.set_compare(["alpha", "beta", "gamma"])
    assert laid_out == [["alpha", "beta"], ["alpha", "beta", "gamma"]]
    assert view.model.columnCount() == 3


def test_each_cell_is_measured_at_one_width_and_hiding_rows_keeps_the_columns(
    qtbot, view, state, monkeypatch
) -> None:
    """The table's columns have their final width before its rows are measured. With a scroll bar
    shown only once the rows overflowed, the first layout measured every cell at the full width,
    the bar came, every column narrowed and every cell was measured again (a first comparison
    laid out twice); and "only differences" hiding rows took the bar away and widened them."""
    widths: dict[tuple[int, int], set[int]] = {}
    size_hint = CellDelegate.sizeHint

    def measured(self, option, index):  # type: ignore[no-untyped-def]
        widths.setdefault((index.row(), index.column()), set()).add(option.rect.width())
        return size_hint(self, option, index)

    monkeypatch.setattr(CellDelegate, "sizeHint", measured)
    view.resize(1600, 500)  # more rows than fit: the table scrolls
    settle()
    state.set_compare(["alpha", "beta", "gamma"])
    settle()
    assert view.table.verticalScrollBar().maximum() > 0
    assert len(widths) == view.model.rowCount() * 3
    assert all(len(seen) == 1 for seen in widths.values()), widths
    columns = [view.table.columnWidth(c) for c in range(3)]
    click(qtbot, view.differences_button)
    settle()
    assert view.table.model().rowCount() < view.model.rowCount()  # rows that agree are hidden
    assert [view.table.columnWidth(c) for c in range(3)] == columns


def test_tapping_a_name_or_read_more_opens_details(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta"])
    header = view.header
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    with qtbot.waitSignal(view.detailsRequested) as blocker:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 12))
    assert blocker.args == ["beta"]
    with qtbot.waitSignal(view.detailsRequested) as blocker:
        click(qtbot, header.buttons[0].more)
    assert blocker.args == ["alpha"]


def test_column_buttons_follow_their_technique_as_the_comparison_changes(qtbot, view, state) -> None:
    """A column's buttons are made once and named again whenever the comparison changes: after a
    removal and an addition, each column's buttons name and act on the technique shown there,
    and the buttons of a column no longer shown are hidden."""
    state.set_compare(["alpha", "beta", "gamma"])
    click(qtbot, view.header.buttons[0].remove)
    state.set_compare(["beta", "gamma", "delta"])
    settle()
    header = view.header
    assert len(header.buttons) == 3
    names = [view.model.technique_name(c) for c in range(3)]
    for buttons, name in zip(header.buttons, names, strict=True):
        assert buttons.more.accessibleName() == f"Read more about {name}"
        assert buttons.remove.accessibleName() == f"Remove {name} from the comparison"
        assert buttons.save.accessibleName() == f"Save {name}"
        assert all(button.isVisible() for button in (buttons.save, buttons.remove))
    with qtbot.waitSignal(view.detailsRequested) as blocker:
        click(qtbot, header.buttons[2].more)
    assert blocker.args == ["delta"]
    click(qtbot, header.buttons[1].save)
    assert state.shortlist == ["gamma"]
    click(qtbot, header.buttons[2].remove)
    settle()
    assert state.compare == ["beta", "gamma"]
    shown = [b for b in view.header.viewport().findChildren(QPushButton) if b.isVisible()]
    assert sorted(b.accessibleName() for b in shown if b.accessibleName().startswith("Remove")) == [
        f"Remove {names[0]} from the comparison",
        f"Remove {names[1]} from the comparison",
    ]


def test_a_tap_on_a_cell_does_not_change_the_comparison(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta"])
    index = view.table.model().index(0, 1)
    qtbot.mouseClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center()
    )
    assert state.compare == ["alpha", "beta"]


def test_missing_optional_fields_say_not_described(view, state) -> None:
    bare = f.technique(
        "bare", feels_like=None, benefits=(), cautions=(), after_session=None, questions_to_ask=()
    )
    view.set_catalog(f.catalog(bare, f.technique("other")))
    state.set_compare(["bare", "other"])
    rows = shown_rows(view)
    assert rows["How does it feel?"][0] == "Not described"
    assert rows["What happens after?"][0] == "Not described"
    assert rows["Who should be careful?"][0] == "No cautions listed"
    assert all(cell.strip() for cells in rows.values() for cell in cells)


def test_catalog_text_is_plain(view, state) -> None:
    tricky = f.technique("tricky", name=f.t(HTML), summary=f.t(HTML))
    view.set_catalog(f.catalog(tricky, f.technique("other")))
    state.set_compare(["tricky", "other"])
    model = view.table.model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == HTML
    assert shown_rows(view)["What is it?"][0] == HTML
    assert all(w.toolTip() == "" for w in view.findChildren(QPushButton))


def test_long_names_wrap_in_the_header_and_buttons_stay_in_their_column(qtbot, view, state) -> None:
    long_name = ("A very long technique name " * 12)[:300]
    view.set_catalog(f.catalog(f.technique("long", name=f.t(long_name)), f.technique("short")))
    state.set_compare(["long", "short"])
    settle()
    header = view.header
    line = header.fontMetrics().height()
    assert header.height() > 3 * line
    for column, buttons in enumerate(header.buttons):
        left = header.sectionViewportPosition(column)
        right = left + header.sectionSize(column)
        for button in buttons:
            top_left = button.mapTo(header.viewport(), QPoint(0, 0))
            assert left <= top_left.x() and top_left.x() + button.width() <= right
            assert top_left.y() + button.height() <= header.height()


def test_targets_are_big_named_and_described(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta", "gamma"])
    settle()
    buttons = [b for b in view.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 2 + 3 * 3
    for button in buttons:
        assert button.width() >= 48 and button.height() >= 48, button.text()
        assert button.accessibleName() and button.accessibleDescription(), button.text()
    assert view.table.accessibleName() and view.table.accessibleDescription()
    assert QScroller.hasScroller(view.table.viewport())
    assert min(view.table.rowHeight(r) for r in range(view.table.model().rowCount())) >= 48


def test_touch_only_add_remove_and_open(qtbot, view, state) -> None:
    view.resize(790, 790)  # inside the offscreen screen
    state.set_compare(["alpha"])
    touch_tap(view.placeholder_add_button, view.placeholder_add_button.rect().center())
    assert view.stack.currentWidget() is view.picker_page
    index = view.picker.model().index(0, 0)
    touch_tap(view.picker.viewport(), view.picker.visualRect(index).center())
    qtbot.waitUntil(lambda: state.compare == ["alpha", "beta"])
    remove = view.header.buttons[0].remove
    touch_tap(remove, remove.rect().center())
    assert state.compare == ["beta"]
    state.set_compare(["alpha", "beta"])
    header = view.header
    with qtbot.waitSignal(view.detailsRequested) as blocker:
        touch_tap(header.viewport(), QPoint(header.sectionViewportPosition(1) + 20, 12))
    assert blocker.args == ["beta"]


def test_enter_on_a_cell_opens_that_column(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta"])
    view.table.setFocus()
    view.table.setCurrentIndex(view.table.model().index(2, 1))
    with qtbot.waitSignal(view.detailsRequested) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == ["beta"]


def test_bigger_text_makes_rows_taller(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta"])
    before = view.table.rowHeight(0)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    bigger = app.font()
    bigger.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(bigger)
    try:
        state.set_text_step(2)
        qtbot.waitUntil(lambda: view.table.rowHeight(0) > before)
    finally:
        app.setFont(font)


def test_keyboard_remove_keeps_focus_nearby(qtbot, view, state) -> None:
    """Focus stays beside the column removed, and comes to the button again as it names another
    technique, so that a screen reader says the new name."""
    state.set_compare(["alpha", "beta", "gamma"])
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.header.buttons[1].remove.setFocus()
    focus_in: list[str] = []

    class FocusIn(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.FocusIn and isinstance(watched, QPushButton):
                focus_in.append(watched.accessibleName())
            return False

    watcher = FocusIn()
    for buttons in view.header.buttons:
        buttons.remove.installEventFilter(watcher)
    qtbot.keyClick(view.header.buttons[1].remove, Qt.Key.Key_Space)
    assert state.compare == ["alpha", "gamma"]
    assert view.header.buttons[1].remove.hasFocus()  # now "Remove Gamma"
    gamma = view.model.technique_name(1)
    assert focus_in == [f"Remove {gamma} from the comparison"]
    qtbot.keyClick(view.header.buttons[1].remove, Qt.Key.Key_Space)
    assert state.compare == ["alpha"]
    assert view.placeholder_add_button.hasFocus()


def test_escape_closes_the_picker_then_goes_back(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta"])
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.back_button.setFocus()
    click(qtbot, view.add_button)
    assert view.stack.currentWidget() is view.picker_page
    qtbot.keyClick(view.picker, Qt.Key.Key_Escape)
    assert view.stack.currentWidget() is view.table_page
    with qtbot.waitSignal(view.backRequested):
        qtbot.keyClick(view.table, Qt.Key.Key_Escape)


def test_renders_at_kiosk_size(qtbot, view, state, tmp_path) -> None:
    """Not a look test: painting 3 and 4 columns at 1920x1080 must not fail or come out empty."""
    view.resize(1920, 1080)
    state.set_compare(["alpha", "beta", "gamma"])
    click(qtbot, view.differences_button)
    assert view.grab().save(str(tmp_path / "compare3.png"))
    state.set_compare(["alpha", "beta", "gamma", "delta"])
    image = view.grab().toImage()
    assert not image.isNull() and image.width() == 1920


def same_caution_catalog() -> Catalog:
    """Two techniques whose caution rows read exactly the same, word for word."""
    same = (Caution("disc", f.t("Not over the spine.")),)
    return f.catalog(f.technique("alpha", cautions=same), f.technique("beta", cautions=same))


@pytest.mark.parametrize("condition", ["disc", None])
def test_differences_only_never_hides_cautions_and_says_how_many_rows_are_hidden(
    qtbot, view, state, condition
) -> None:
    view.set_catalog(same_caution_catalog())
    state.set_condition(condition)
    state.set_compare(["alpha", "beta"])
    cautions = shown_rows(view)["Who should be careful?"]
    assert cautions[0] == cautions[1]  # the same for both: "only differences" would hide it
    assert not view.hidden_rows.isVisible()
    click(qtbot, view.differences_button)
    rows = shown_rows(view)
    assert "Who should be careful?" in rows
    assert rows["Who should be careful?"][0].startswith("⚠ Applies to you") == (condition == "disc")
    hidden = view.model.rowCount() - len(rows)
    assert hidden > 1
    assert view.hidden_rows.isVisible()
    assert view.hidden_rows.text() == f"{hidden} rows are the same for all and are hidden."
    click(qtbot, view.differences_button)
    assert not view.hidden_rows.isVisible()


def test_the_count_of_hidden_rows_stands_beside_the_toggle_and_comes_back_after_the_picker(
    qtbot, view, state
) -> None:
    """In the bar, beside "Show only differences" (above the table it took the height a second
    column needed on a short screen); hidden with the toggle while a technique is picked."""
    view.set_catalog(same_caution_catalog())
    state.set_compare(["alpha", "beta"])
    click(qtbot, view.differences_button)
    assert view.hidden_rows.isVisibleTo(view) and view.hidden_rows.parentWidget() is view
    view.open_picker()
    assert not view.hidden_rows.isVisibleTo(view) and not view.differences_button.isVisibleTo(view)
    view.close_picker()
    assert view.hidden_rows.isVisibleTo(view) and view.differences_button.isVisibleTo(view)
    assert view.add_button.isVisibleTo(view)


def test_rows_with_a_marked_cell_stay_whatever_the_row(state) -> None:
    catalog = same_caution_catalog()
    model = CompareModel()
    model.set_content(catalog, catalog.techniques, "en", "disc")
    proxy = DifferencesProxy()
    proxy.setSourceModel(model)
    proxy.set_only_differences(True)
    kept = [proxy.headerData(r, Qt.Orientation.Vertical) for r in range(proxy.rowCount())]
    marked = [
        model.headerData(r, Qt.Orientation.Vertical)
        for r in range(model.rowCount())
        if any(model.index(r, c).data(MARKED_ROLE) for c in range(model.columnCount()))
    ]
    assert marked == ["Who should be careful?"]
    assert set(marked) <= set(kept)


def test_one_hidden_row_is_said_in_the_singular(qtbot, view, state) -> None:
    # Everything differs but "How long?" (both 30 to 60 minutes) and the cautions (kept).
    view.set_catalog(
        f.catalog(
            f.technique("alpha"),
            f.technique(
                "beta",
                summary=f.t("Other."),
                feels_like=f.t("Other."),
                pressure=f.Range(3, 4),
                benefits=(BenefitClaim("sleep", Evidence.LOW),),
                after_session=f.t("Other."),
                questions_to_ask=(f.t("Other?"),),
            ),
        )
    )
    state.set_compare(["alpha", "beta"])
    click(qtbot, view.differences_button)
    assert "How long?" not in shown_rows(view)
    assert view.hidden_rows.text() == "1 row is the same for all and is hidden."


def test_save_toggle_in_each_column_follows_the_shortlist(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta", "gamma"])
    settle()
    save = view.header.buttons[1].save
    assert save.text() == "☆ Save" and not save.isChecked()
    assert save.accessibleName() == "Save Beta" and save.accessibleDescription()
    height = view.header.height()
    click(qtbot, save)
    assert state.shortlist == ["beta"]
    save = view.header.buttons[1].save
    assert save.text() == "★ Saved" and save.isChecked()
    assert save.accessibleName() == "Saved: Beta" and save.accessibleDescription()
    assert view.header.height() == height  # "★ Saved" is longer, but nothing moves
    state.toggle_shortlist("alpha")  # saved from another screen
    assert view.header.buttons[0].save.text() == "★ Saved"
    click(qtbot, view.header.buttons[1].save)
    assert state.shortlist == ["alpha"]
    assert view.header.buttons[1].save.text() == "☆ Save" and not view.header.buttons[1].save.isChecked()
    for buttons in view.header.buttons:  # wide columns: one row of buttons keeps the header short
        assert len({b.mapTo(view.header, QPoint(0, 0)).y() for b in buttons}) == 1
        assert all(b.width() >= 48 and b.height() >= 48 for b in buttons)


def test_questions_are_headings_in_the_text_colour(qtbot, view, state) -> None:
    state.set_compare(["alpha", "beta"])
    header = view.table.verticalHeader()
    palette = header.palette()
    # Distinct colours, so the picture shows which role painted the words.
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#0000ff"))
    palette.setColor(QPalette.ColorRole.Mid, QColor("#ff0000"))
    header.setPalette(palette)
    image = header.grab().toImage()
    colours = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    assert colours[QColor("#0000ff").rgb()] > 50
    assert header.header_font().bold()


def test_long_names_wrap_whole_in_the_header_and_long_words_break(qtbot, view, state) -> None:
    # As long as a name may be (the validator's bound): none of it is cut off with "…".
    spaced = ("A very long technique name " * 12)[:120]
    unbroken = "Supercalifragilistic" * 6
    techniques = [f.technique(i, name=f.t(n)) for i, n in (("spaced", spaced), ("unbroken", unbroken))]
    view.set_catalog(f.catalog(*techniques, f.technique("gamma"), f.technique("delta")))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, high_contrast=False, scale=TEXT_STEPS[2])
    try:
        view.resize(1920, 1080)  # the kiosk's screen, at the largest text, with four columns
        state.set_compare(["spaced", "unbroken", "gamma", "delta"])
        settle()
        header = view.header
        metrics = QFontMetrics(header.header_font())
        for column, full in enumerate((spaced, unbroken)):
            lines = header.name_lines(column)
            assert len(lines) > 1
            assert not any(line.endswith("…") for line in lines)
            room = header.sectionSize(column) - 2 * PADDING
            assert all(metrics.horizontalAdvance(line) <= room for line in lines)
            assert "".join(lines).replace(" ", "") == full.replace(" ", "")
            assert view.table.model().headerData(column, Qt.Orientation.Horizontal) == full
            assert view.header.buttons[column].more.accessibleName() == f"Read more about {full}"
        # The header is tall enough for every line of the longest name and its buttons.
        assert header.height() >= max(len(header.name_lines(c)) for c in range(4)) * metrics.lineSpacing()
    finally:
        clear_theme(app)


def test_a_word_longer_than_its_cell_wraps_inside_the_cell(qtbot, view, state) -> None:
    unbroken = "Unbrokenword" * 20  # a URL or a long compound word: no space to break at
    term = Term("long", f.t(unbroken))
    long_one = f.technique(
        "long", benefits=(BenefitClaim("long", Evidence.LOW),), cautions=(Caution("disc", f.t(unbroken)),)
    )
    view.set_catalog(f.catalog(long_one, f.technique("delta"), benefits=(*f.BENEFITS, term)))
    state.set_compare(["long", "delta"])
    settle()
    table, questions = view.table, view.table.verticalHeader()
    model = table.model()

    def lines(text: str, font: QFont, width: int) -> float:
        metrics = QFontMetrics(font)
        return metrics.horizontalAdvance(text) / (width - 2 * PADDING) * metrics.lineSpacing()

    caution_row = next(r for r in range(model.rowCount()) if unbroken in str(model.index(r, 0).data()))
    assert table.rowHeight(caution_row) >= lines(unbroken, table.font(), table.columnWidth(0))
    benefit_row = next(
        r for r in range(model.rowCount()) if unbroken in str(model.headerData(r, Qt.Orientation.Vertical))
    )
    bold = QFont(questions.font())
    bold.setBold(True)
    assert questions.sectionSize(benefit_row) >= lines(unbroken, bold, questions.width())
    view.grab()  # and painted that way


def test_the_picker_shows_its_first_techniques_before_the_rest_are_laid_out(qapp, view, state) -> None:
    many = [f.technique(f"t{i:03}", name=f.t(f"Technique {i}")) for i in range(300)]
    view.set_catalog(f.catalog(*many))
    state.set_compare(["t000", "t001"])
    view.open_picker()
    picker = view.picker
    for _ in range(100):  # one batch per pass of the event loop
        qapp.processEvents()
        if picker.indexAt(QPoint(40, 40)).isValid():
            break
    assert picker.indexAt(QPoint(40, 40)).row() == 0
    last = picker.model().index(picker.model().rowCount() - 1, 0)
    assert picker.visualRect(last).isEmpty()  # still waiting for its batch


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_lines_between_rows_stand_out_in_both_themes(qtbot, view, state, high_contrast) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, high_contrast=high_contrast, scale=1.0)
    try:
        state.set_compare(["alpha", "beta"])
        settle()
        table = view.table
        image = table.viewport().grab().toImage()
        x = table.columnViewportPosition(0) + table.columnWidth(0) // 2
        line = table.rowViewportPosition(0) + table.rowHeight(0) - 1  # where the grid is drawn
        cell = image.pixelColor(x, line - 4)  # just above it: the cell's own background
        assert abs(image.pixelColor(x, line).lightness() - cell.lightness()) > 60
    finally:
        clear_theme(app)


def test_each_caution_says_its_level_in_words_the_most_serious_first(view, state) -> None:
    from massage_explorer.core.catalog import CautionLevel

    cautions = (
        Caution("disc", f.t("Gently near the disc."), CautionLevel.ADAPT),
        Caution("thinners", f.t("Not with thinners."), CautionLevel.AVOID),
    )
    view.set_catalog(f.catalog(f.technique("careful", cautions=cautions), f.technique("other")))
    state.set_compare(["careful", "other"])
    cell = shown_rows(view)["Who should be careful?"][0]
    assert cell == (
        "Taking blood thinners · ✖ Avoid\nNot with thinners.\n\n"
        "Herniated disc · ℹ Tell your therapist\nGently near the disc."
    )


def test_a_table_too_short_for_its_questions_beside_carries_them_in_each_cell(qtbot, view, state) -> None:
    """A short screen with the guidance beside (1280x800 at the largest text): the question
    column goes, each cell starts with its row's question, the name opens the details in place
    of Read more, and a row of the table still shows below the names. Given its room back, the
    table puts the questions beside again."""
    state.set_compare(["alpha", "beta", "gamma"])
    table, header = view.table, view.header
    question = table.model().headerData(0, Qt.Orientation.Vertical)
    assert not table.questions_in_cells and table.verticalHeader().isVisible()

    view.resize(300, 600)  # a portrait sliver: no room for a technique beside the questions
    qtbot.waitUntil(lambda: table.questions_in_cells)
    settle()
    assert table.verticalHeader().isHidden() and not view.title.isVisible()
    assert all(not buttons.more.isVisible() for buttons in header.buttons)
    assert all(buttons.save.isVisible() and buttons.remove.isVisible() for buttons in header.buttons)
    assert header.name_lines(0)[-1].endswith("\u203a")
    # The row has room for the question in bold and the answer below it.
    width = table.columnWidth(0)
    bold = QFont(table.font())
    bold.setBold(True)
    answer = table.model().index(0, 0).data()
    both = wrapped_height(bold, question, width) + wrapped_height(table.font(), answer, width) - PADDING
    assert table.rowHeight(0) >= both > wrapped_height(table.font(), answer, width)
    # With no question column, a screen reader hears the question with each answer.
    spoken = table.model().index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == f"{question}: {answer}"
    # The table's first row is in view below the names, as tall as a touch target at least.
    assert table.viewport().height() >= 48
    assert table.columnViewportPosition(0) == 0  # the technique's column starts at the left edge
    x = header.sectionViewportPosition(0) + PADDING
    with qtbot.waitSignal(view.detailsRequested) as blocker:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x + 5, PADDING + 5))
    assert blocker.args == ["alpha"]

    view.resize(1600, 1000)
    qtbot.waitUntil(lambda: not table.questions_in_cells)
    settle()
    assert table.verticalHeader().isVisible() and view.title.isVisible()
    assert all(buttons.more.isVisible() for buttons in header.buttons)
    assert not header.name_lines(0)[-1].endswith("\u203a")
    assert table.model().index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == answer


def test_every_columns_buttons_are_in_it_when_the_comparison_opens_from_a_details_page(qtbot, qapp) -> None:
    """At 1024x768, Browse -> Details -> Compare: the second column's Save and Remove were left
    where an earlier, narrower layout put them, past the table's edge (no way to save or remove
    that technique), until the comparison was opened again."""
    from massage_explorer.core.paths import bundled_catalog_path
    from massage_explorer.core.storage import load_catalog
    from massage_explorer.ui.shell import MainWindow

    catalog = load_catalog(bundled_catalog_path()).catalog
    apply_theme(qapp, high_contrast=False, scale=TEXT_STEPS[0])
    try:
        state = SessionState("en")
        window = MainWindow(catalog, state)
        qtbot.addWidget(window)
        window.setFixedSize(1024, 768)
        window.show()
        settle()
        ids = [t.id for t in catalog.techniques]
        window.show_details(ids[0])
        settle()
        state.set_compare(ids[:2])
        window.show_compare()
        settle()
        header = window.get_screen("compare").header
        for column, buttons in enumerate(header.buttons):
            left = header.sectionViewportPosition(column)
            right = left + header.sectionSize(column)
            for button in (b for b in buttons if b.isVisible()):
                assert left <= button.x() and button.x() + button.width() <= right, (column, button.text())
    finally:
        clear_theme(qapp)


def test_the_arrow_after_a_brief_name_never_goes_onto_a_line_of_its_own(qtbot, view, state) -> None:
    # "Neuromuscular therapy ›" at 1366x768: the arrow alone on the name's second line.
    from massage_explorer.ui.compare.headers import name_lines

    name = "Neuromuscular therapy"
    view.set_catalog(f.catalog(f.technique("nmt", name=f.t(name)), f.technique("gamma")))
    state.set_compare(["nmt", "gamma"])
    settle()
    header = view.header
    painted = header._painted_name(0, True)
    assert painted.endswith("\u203a")
    font = header.header_font()
    width = QFontMetrics(font).horizontalAdvance(name) + 2  # the name fits a line; the arrow not
    lines = name_lines(font, painted, width)
    assert len(lines) == 2 and lines[-1] != "\u203a" and lines[-1].endswith("\u203a")
    assert "".join(lines).replace("\u00a0", " ").replace(" ", "") == painted.replace("\u00a0", "").replace(
        " ", ""
    )


def test_the_question_header_keeps_its_python_side_whatever_python_last_got_it_from(qtbot) -> None:
    """As the guidance area did (tests/ui/common/test_guided.py): the table's question header,
    made in make_compare_table and held by no Python attribute, lost its Python object to the
    collector once its own viewport was what PySide6 last got it from (focusProxy()), Qt deleted
    the header with it, and the table's next use of its header crashed the process."""
    screen = QWidget()
    qtbot.addWidget(screen)
    table = make_compare_table(screen)
    questions = table.verticalHeader()
    alive = weakref.ref(questions)
    assert viewport_of(questions).focusProxy() is questions
    del questions
    gc.collect()
    assert alive() is not None
    assert type(table.verticalHeader()).__name__ == "QuestionHeader"
