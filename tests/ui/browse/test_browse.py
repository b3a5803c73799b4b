"""The browse screen driven like a patient would: taps on cards and chips, fingers, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLineEdit,
    QScroller,
    QStyleOptionViewItem,
    QWidget,
)

from massage_explorer.core import filters
from massage_explorer.core.catalog import BenefitClaim, Evidence, Range, Term, Text
from massage_explorer.ui.browse.screen import BrowseScreen
from massage_explorer.ui.cards.delegate import CardDelegate
from massage_explorer.ui.cards.model import CARD_ROLE, ID_ROLE, TechniqueListModel
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.theme import apply_theme
from massage_explorer.ui.session import SessionState
from massage_explorer.ui.shell import MainWindow
from tests import factories as f
from tests.ui.helpers import (
    OFFSCREEN_NOISE,
    card_point,
    chip_point,
    settle,
    tap,
    tap_chip,
    toggle_point,
    touch_tap,
)

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def make_browse(qtbot):
    def make(catalog=None, size=(1600, 900)):
        state = SessionState()
        model = TechniqueListModel(state)
        model.set_catalog(catalog or f.catalog())
        screen = BrowseScreen(state, model)
        qtbot.addWidget(screen)
        screen.resize(*size)
        with qtbot.waitExposed(screen):
            screen.show()
        return screen, state

    return make


def test_tap_on_card_opens_it_and_tap_on_save_toggles_it(make_browse, qtbot):
    # Inside the offscreen screen: the flickable list hands a press on to what is there on screen.
    screen, state = make_browse(size=(790, 790))
    with qtbot.waitSignal(screen.openRequested) as opened:
        tap(screen.view, card_point(screen.view, "firm-one"))
    assert opened.args == ["firm-one"]
    tap(screen.view, toggle_point(screen.view, "gentle"))
    assert state.shortlist == ["gentle"]
    tap(screen.view, toggle_point(screen.view, "gentle"))
    assert state.shortlist == []


def test_save_toggle_is_a_big_target(make_browse):
    screen, _ = make_browse()
    index = screen.proxy.index(0, 0)
    rect = screen.view.card_delegate.toggle_rect(screen.view.visualRect(index), index)
    assert rect.width() >= MIN_TARGET and rect.height() >= MIN_TARGET


def test_touch_only_filter_save_and_open(make_browse, qtbot):
    screen, state = make_browse(size=(790, 790))  # inside the 800x800 offscreen screen
    pressure = screen.pressure_chips
    touch_tap(pressure.viewport(), chip_point(pressure, "4"))
    qtbot.waitUntil(lambda: pressure.chips.chosen() == {"4"})
    assert screen.proxy.rowCount() == 1
    touch_tap(screen.view.viewport(), toggle_point(screen.view, "firm-one"))
    # The flick recogniser may hold the synthesised press back for a moment.
    qtbot.waitUntil(lambda: state.shortlist == ["firm-one"])
    with qtbot.waitSignal(screen.openRequested) as opened:
        touch_tap(screen.view.viewport(), card_point(screen.view, "firm-one"))
    assert opened.args == ["firm-one"]


def test_every_view_scrolls_by_flicking(make_browse):
    screen, _ = make_browse()
    assert QScroller.hasScroller(screen.view.viewport())
    assert QScroller.hasScroller(screen.panel.viewport())


def test_empty_result_says_which_filter_to_remove(make_browse, qtbot):
    screen, _ = make_browse()
    tap_chip(screen.benefit_chips, "sleep")  # nothing in the default catalog claims sleep
    assert screen.results.currentIndex() == 1
    message = screen.empty.text()
    assert "No technique matches this filter." in message
    assert "'Better sleep'" in message
    tap_chip(screen.benefit_chips, "sleep")
    tap_chip(screen.pressure_chips, "4")
    screen.search.setText("gentle")
    message = screen.empty.text()
    assert "No technique matches all 2 filters." in message
    assert "Try removing" in message and "Clear filters" in message
    qtbot.mouseClick(screen.clear_button, Qt.MouseButton.LeftButton)
    assert screen.results.currentIndex() == 0
    assert screen.proxy.rowCount() == 2 and screen.search.text() == ""
    assert not screen.clear_button.isEnabled()


def test_condition_chip_sets_the_state_and_second_tap_clears_it(make_browse):
    screen, state = make_browse()
    tap_chip(screen.condition_chips, "thinners")
    assert state.condition == "thinners"
    card = screen.proxy.index(0, 0).data(CARD_ROLE)
    # The level of the caution in words (the factory's caution has none: "ask your doctor").
    assert card.caution == "⚠ Caution for Taking blood thinners: ⚕ Ask your doctor first"
    tap_chip(screen.condition_chips, "disc")
    assert state.condition == "disc"
    assert screen.condition_chips.chips.chosen() == {"disc"}
    tap_chip(screen.condition_chips, "disc")
    assert state.condition is None
    assert screen.condition_chips.chips.chosen() == set()


def test_keyboard_space_saves_and_enter_opens(make_browse, qtbot):
    screen, state = make_browse()
    screen.view.setFocus()
    qtbot.keyClick(screen.view, Qt.Key.Key_Down)
    qtbot.keyClick(screen.view, Qt.Key.Key_Space)
    assert state.shortlist == ["firm-one"]
    with qtbot.waitSignal(screen.openRequested) as opened:
        qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    assert opened.args == ["firm-one"]


def test_typing_filters_as_you_type(make_browse, qtbot):
    screen, _ = make_browse()
    qtbot.keyClicks(screen.search, "FIRM ONE")
    assert screen.proxy.rowCount() == 1
    assert screen.status.text() == "Showing 1 of 2 techniques"


def test_a_card_shows_the_benefit_it_was_found_by(make_browse, qtbot):
    extra = tuple(Term(k, Text.plain(k.title())) for k in ("mood", "stiffness"))
    claims = tuple(
        BenefitClaim(benefit, grade)
        for benefit, grade in (
            ("pain", Evidence.MODERATE),
            ("calm", Evidence.LOW),
            ("mood", Evidence.LOW),
            ("stiffness", Evidence.LOW),
            ("sleep", Evidence.VERY_LOW),  # the weakest: no room for it on the card
        )
    )
    screen, _ = make_browse(f.catalog(f.technique("rich", benefits=claims), benefits=f.BENEFITS + extra))

    def card():
        return screen.proxy.index(0, 0).data(CARD_ROLE)

    assert [b.label for b in card().benefits] == ["Less back pain", "Feeling calmer", "Mood"]
    assert card().more_benefits == 2
    assert "+2 more in the details" in card().spoken()
    tap_chip(screen.benefit_chips, "sleep")
    assert screen.proxy.rowCount() == 1
    assert [b.label for b in card().benefits] == ["Better sleep", "Less back pain", "Feeling calmer"]
    assert card().more_benefits == 2
    screen.view.grab()  # painted with the line that says more are in the details
    tap_chip(screen.benefit_chips, "sleep")
    assert card().benefits[0].label == "Less back pain"  # chosen nothing: strongest first again


def test_the_search_finds_words_of_either_language_whichever_is_on_screen(make_browse):
    # A patient who reads Spanish first may type Spanish on the English screen, and the reverse.
    soft = f.technique("soft", name=Text.of({"en": "Gentle strokes", "es": "Caricias suaves"}))
    screen, state = make_browse(f.catalog(soft, f.technique("other"), languages=("en", "es")))
    screen.search.setText("SUAVES")
    assert screen.proxy.rowCount() == 1
    state.set_language("es")
    assert screen.proxy.rowCount() == 1
    state.toggle_shortlist("soft")  # a data change that is not a text change keeps the results
    assert screen.proxy.rowCount() == 1
    screen.search.setText("gentle stroke")  # English words, a singular for the plural
    assert screen.proxy.rowCount() == 1
    screen.search.setText("caricias duras")
    assert screen.proxy.rowCount() == 0


def test_one_technique_catalog(make_browse):
    screen, _ = make_browse(f.catalog(f.technique("only")))
    assert screen.proxy.rowCount() == 1
    assert screen.status.text() == "1 technique"
    assert screen.view.grab().width() > 0
    screen.search.setText("nothing like it")  # filtered away: the count says so
    assert screen.proxy.rowCount() == 0
    assert screen.status.text() == "Showing 0 of 1 technique"


def test_long_name_wraps_and_the_card_grows(make_browse):
    long_name = " ".join(["Extraordinarily"] * 19)[:300]
    no_spaces = "x" * 300
    screen, _ = make_browse(
        f.catalog(
            f.technique("short"),
            f.technique("long", name=Text.plain(long_name)),
            f.technique("unbroken", name=Text.plain(no_spaces), summary=Text.plain(no_spaces)),
        )
    )
    view = screen.view
    heights = [view.visualRect(screen.proxy.index(r, 0)).height() for r in range(3)]
    assert heights[1] > heights[0] + 40 and heights[2] > heights[0] + 40
    geometry = view.card_delegate._layout(
        screen.proxy.index(1, 0).data(CARD_ROLE),
        view.visualRect(screen.proxy.index(1, 0)).width(),
        view.font(),
    )
    name_layout = geometry.texts[1][1]
    assert name_layout.text() == long_name  # the whole name, not elided
    assert name_layout.lineCount() > 1
    assert name_layout.boundingRect().height() < heights[1]


def test_a_narrow_card_gives_its_words_the_whole_width(make_browse, qtbot):
    """Portrait at the largest text: beside the Save toggle a card had room for a word or two a
    line, and "Neuromuscular" broke in the middle. There the name and text go across the card
    and the toggle sits under the name; a tap on it still saves."""
    name = "Masaje neuromuscular"
    summary = "Un masaje que aplica presión breve y cambiante en los puntos sensibles de sus músculos."
    catalog = f.catalog(f.technique("nm", name=Text.plain(name), summary=Text.plain(summary)))
    screen, state = make_browse(catalog, size=(900, 790))
    view = screen.view
    index = screen.proxy.index(0, 0)
    wide = view.card_delegate._layout(index.data(CARD_ROLE), view.visualRect(index).width(), view.font())
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    screen.resize(640, 790)
    settle()
    rect = view.visualRect(index)
    geometry = view.card_delegate._layout(index.data(CARD_ROLE), rect.width(), font)
    texts = {layout.text(): (point, layout) for point, layout, _ in geometry.texts}
    name_at, name_layout = texts[name]
    lines = [
        name[line.textStart() : line.textStart() + line.textLength()]
        for line in map(name_layout.lineAt, range(name_layout.lineCount()))
    ]
    assert [line.strip() for line in lines] == ["Masaje", "neuromuscular"]  # whole words
    summary_at, summary_layout = texts[summary]
    toggle = geometry.toggle
    assert name_at.y() + name_layout.boundingRect().height() <= toggle.top() < summary_at.y()
    # The text runs across the card: from the toggle's left edge to as far from the right edge.
    assert summary_at.x() == toggle.left()
    assert summary_layout.lineAt(0).width() == rect.width() - 2 * toggle.left()
    assert wide.toggle.top() < texts_of(wide)[name].y() + 1  # wide: the toggle beside the name
    tap(view, view.card_delegate.toggle_rect(rect, index).center())
    assert state.shortlist == ["nm"]


def texts_of(geometry) -> dict[str, QPointF]:
    return {layout.text(): point for point, layout, _ in geometry.texts}


def test_html_in_data_renders_literally(make_browse):
    raw = '<h1>Big</h1><img src=x><a href="http://example.com">link</a>'
    screen, _ = make_browse(f.catalog(f.technique("html", name=Text.plain(raw))))
    index = screen.proxy.index(0, 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == raw
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith(raw)
    image = screen.grab()
    assert not image.isNull()


def test_missing_optional_fields_leave_no_empty_boxes(make_browse):
    bare = f.technique(
        "bare",
        benefits=(),
        cautions=(),
        good_for=(),
        feels_like=None,
        after_session=None,
        questions_to_ask=(),
        pressure=Range(2, 2),
    )
    screen, _ = make_browse(f.catalog(bare, benefits=(), conditions=()))
    geometry = screen.view.card_delegate._layout(
        screen.proxy.index(0, 0).data(CARD_ROLE), 1200, screen.view.font()
    )
    texts = [layout.text() for _, layout, _ in geometry.texts]
    assert not any("Reported to help with" in t for t in texts)
    assert geometry.boxes == []
    assert screen.panel.benefit_heading.isHidden() and screen.panel.condition_heading.isHidden()


def test_every_control_is_touch_sized_and_named(make_browse):
    screen, _ = make_browse()
    chips = [screen.condition_chips, screen.benefit_chips, screen.pressure_chips]
    controls: list[QWidget] = [*screen.findChildren(QAbstractButton), screen.search, screen.view, *chips]
    for control in controls:
        if not control.isVisible():
            continue
        assert control.accessibleName(), control
        assert control.accessibleDescription(), control.accessibleName()
        assert control.height() >= MIN_TARGET, control.accessibleName()
        assert control.width() >= MIN_TARGET, control.accessibleName()
    assert isinstance(screen.search, QLineEdit)
    for grid in chips:  # and every chip in them
        for row in range(grid.chips.rowCount()):
            rect = grid.visualRect(grid.chips.index(row, 0))
            assert rect.width() >= MIN_TARGET and rect.height() >= MIN_TARGET, grid.chips.chips()[row]


def test_tab_reaches_filters_then_cards(make_browse, qtbot):
    screen, _ = make_browse()
    screen.search.setFocus()
    seen = []
    for _ in range(40):
        qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Tab)
        seen.append(screen.focusWidget())
        if screen.focusWidget() is screen.view:
            break
    chips = [screen.condition_chips, screen.benefit_chips, screen.pressure_chips]
    assert [grid for grid in seen if grid in chips] == chips  # in reading order
    assert screen.view in seen
    assert screen.view.currentIndex().isValid()  # focus lands on the first card


def test_bigger_text_makes_cards_taller(make_browse, qtbot):
    screen, _ = make_browse()
    before = screen.view.visualRect(screen.proxy.index(0, 0)).height()
    font = screen.view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    screen.view.setFont(font)
    qtbot.waitUntil(lambda: screen.view.visualRect(screen.proxy.index(0, 0)).height() > before * 1.2)
    assert screen.view.visualRect(screen.proxy.index(0, 0)).topLeft() != QPoint(-1, -1)


def test_tap_after_scrolling_hits_the_card_under_the_finger(make_browse, qtbot):
    many = f.catalog(*(f.technique(f"t{i}") for i in range(12)))
    screen, state = make_browse(many, size=(790, 790))
    bar = screen.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # scrolled with the scroll bar, not by flicking
    settle()
    visible = [
        r
        for r in range(screen.proxy.rowCount())
        if screen.view.viewport().rect().contains(screen.view.visualRect(screen.proxy.index(r, 0)))
    ]
    assert visible and visible[0] > 0
    target = screen.proxy.index(visible[0], 0).data(Qt.ItemDataRole.UserRole + 1)
    before = bar.value()
    touch_tap(screen.view.viewport(), toggle_point(screen.view, target))
    qtbot.waitUntil(lambda: state.shortlist == [target])
    assert bar.value() == before


def test_cards_are_measured_once_on_screen_not_while_the_window_is_built(qapp, qtbot, monkeypatch):
    # Start-up builds the window before it has its size: text measured then would be thrown
    # away. Once shown, every card has its full height, none the stand-in.
    measured = []
    real_layout = CardDelegate._layout

    def layout(self, card, width, base):
        measured.append(width)
        return real_layout(self, card, width, base)

    monkeypatch.setattr(CardDelegate, "_layout", layout)
    apply_theme(qapp, high_contrast=False, scale=1.0)  # as at start-up: its polish lays views out
    window = MainWindow(f.catalog(), SessionState())
    qtbot.addWidget(window)
    window.resize(1600, 900)
    assert measured == []
    screen = window.browse
    view, delegate = screen.view, screen.view.card_delegate
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: view.visualRect(screen.proxy.index(0, 0)).height() > MIN_TARGET * 2)
    assert measured
    for row in range(screen.proxy.rowCount()):
        index = screen.proxy.index(row, 0)
        option = QStyleOptionViewItem()
        option.rect = view.visualRect(index)
        assert option.rect.height() == delegate.sizeHint(option, index).height() > MIN_TARGET * 2


def test_only_the_current_card_carries_the_focus_ring_and_only_while_the_list_has_focus(
    qapp, make_browse, qtbot
):
    apply_theme(qapp, high_contrast=False, scale=1.0)
    screen, _ = make_browse()
    view = screen.view
    ring = view.palette().highlight().color().rgb()

    def ring_on(row: int) -> bool:
        # Left edge of the card, halfway down: inside the frame, where the ring is drawn.
        rect = view.visualRect(screen.proxy.index(row, 0))
        image = view.viewport().grab().toImage()
        return image.pixel(rect.left() + 5, rect.center().y()) == ring

    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(screen.proxy.index(1, 0))
    assert ring_on(1)
    assert not ring_on(0)
    screen.search.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(screen.search.hasFocus)
    assert not ring_on(1)


def test_a_chip_reached_by_keyboard_is_scrolled_into_view(make_browse, qtbot):
    many = tuple(Term(f"b{i}", Text.plain(f"Benefit number {i}")) for i in range(24))
    screen, _ = make_browse(f.catalog(benefits=many), size=(1200, 600))  # more chips than fit
    grid, area = screen.benefit_chips, screen.panel
    grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(grid.hasFocus)
    for _ in range(grid.chips.rowCount()):
        qtbot.keyClick(grid, Qt.Key.Key_Down)
        chip = grid.visualRect(grid.currentIndex())
        top_left = grid.viewport().mapTo(area.viewport(), chip.topLeft())
        assert area.viewport().rect().contains(QRect(top_left, chip.size())), grid.currentIndex().row()


def long_catalog(count: int):
    return f.catalog(*(f.technique(f"t{i:03}", name=f.t(f"Technique {i}")) for i in range(count)))


def test_a_long_list_shows_its_first_cards_before_the_rest_are_laid_out(make_browse, qapp):
    screen, _ = make_browse(long_catalog(300))
    view, proxy = screen.view, screen.proxy
    top = QPoint(40, 40)
    for change in (lambda: screen.search.setText("technique 1"), lambda: screen.search.setText("")):
        change()
        for _ in range(100):  # one batch of cards per pass of the event loop, as a patient's
            qapp.processEvents()
            if view.indexAt(top).isValid():
                break
        assert view.indexAt(top).row() == 0
        # The first cards are on screen and tappable while later ones still wait for their turn.
        assert view.visualRect(proxy.index(proxy.rowCount() - 1, 0)).isEmpty()


def test_saving_a_card_far_down_a_long_list_keeps_the_patients_place(make_browse, qtbot):
    screen, state = make_browse(long_catalog(300))
    view, proxy = screen.view, screen.proxy
    last = proxy.index(proxy.rowCount() - 1, 0)
    qtbot.waitUntil(lambda: not view.visualRect(last).isEmpty())  # every card laid out
    top = QPoint(40, 40)
    view.scrollTo(proxy.index(250, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    shown = view.indexAt(top).row()
    assert shown >= 245
    technique_id = proxy.index(shown, 0).data(ID_ROLE)
    view.setFocus()
    view.setCurrentIndex(proxy.index(shown, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)  # (a mouse click is taken by the flick gesture here)
    assert state.shortlist == [technique_id]
    settle()
    assert view.indexAt(top).row() == shown
    assert proxy.index(shown, 0).data(CARD_ROLE).saved


def test_the_status_says_often_chosen_first_only_when_some_technique_is(make_browse):
    screen, _ = make_browse()  # both techniques are often chosen for a disc, none for thinners
    tap_chip(screen.condition_chips, "disc")
    assert screen.status.text() == "All 2 techniques"
    assert screen.order.text() == "Techniques often chosen for Herniated disc come first."
    assert screen.order.isVisibleTo(screen)
    tap_chip(screen.condition_chips, "thinners")
    assert screen.status.text() == "All 2 techniques"
    assert screen.order.isHidden()


def test_the_choices_hiding_techniques_are_said_in_words(make_browse):
    screen, _ = make_browse()
    assert screen.choices.isHidden()
    tap_chip(screen.benefit_chips, "pain")
    tap_chip(screen.pressure_chips, "1")
    screen.search.setText("gentle")
    assert screen.choices.isVisibleTo(screen)
    assert screen.choices.text() == "Your choices: Less back pain, light pressure, \u201cgentle\u201d"
    screen.clear_filters()
    assert screen.choices.isHidden()


def test_a_search_still_finds_the_right_cards_after_the_list_is_reordered(make_browse):
    # What the search looks in is kept per technique, not per row: a condition reorders the rows.
    soft = f.technique("soft", name=Text.of({"en": "Gentle strokes", "es": "Caricias suaves"}), good_for=())
    screen, state = make_browse(f.catalog(f.technique("other", good_for=()), soft, f.technique("disc-one")))
    screen.search.setText("caricias")
    assert [screen.proxy.index(r, 0).data(ID_ROLE) for r in range(screen.proxy.rowCount())] == ["soft"]
    state.set_condition("disc")  # "disc-one" is chosen for it: it moves to the top
    assert [screen.proxy.index(r, 0).data(ID_ROLE) for r in range(screen.proxy.rowCount())] == ["soft"]


def test_the_search_is_prepared_after_the_cards_are_painted_not_on_the_first_key(qapp, qtbot, monkeypatch):
    # Made on the first keystroke, every technique's search text kept a patient waiting for
    # ~0.3 s at 5,000 techniques; made before the first paint, it would delay that instead.
    events = []
    real_paint, real_search_text = CardDelegate.paint, filters.search_text

    def paint(self, painter, option, index):
        events.append("paint")
        real_paint(self, painter, option, index)

    def search_text(technique, catalog, terms=None):
        events.append("search text")
        return real_search_text(technique, catalog, terms)

    monkeypatch.setattr(CardDelegate, "paint", paint)
    monkeypatch.setattr(filters, "search_text", search_text)
    window = MainWindow(long_catalog(40), SessionState())
    qtbot.addWidget(window)
    window.resize(1600, 900)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: events.count("search text") == 40)
    assert events.index("paint") < events.index("search text")
    window.browse.search.setText("technique 3")
    assert events.count("search text") == 40  # none made again for the keystroke
    assert window.browse.proxy.rowCount() == 13  # 3, 13, 23 and 30-39


def test_typing_keeps_the_patients_place_and_card(make_browse, qtbot):
    screen, _ = make_browse(long_catalog(300))
    view, proxy = screen.view, screen.proxy
    qtbot.waitUntil(lambda: not view.visualRect(proxy.index(proxy.rowCount() - 1, 0)).isEmpty())
    top = QPoint(40, 40)
    view.scrollTo(proxy.index(250, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    shown = view.indexAt(top).row()
    view.setCurrentIndex(proxy.index(shown, 0))
    current = view.current_id()
    screen.search.setText("techniq")  # every technique still: the list stays where it was
    settle()
    assert view.indexAt(top).row() == shown and view.current_id() == current
    screen.search.setText("technique 2")  # fewer techniques: the current card stays current
    settle()
    assert proxy.rowCount() < 300 and view.current_id() == current


def _app_of_300(qapp, qtbot, state: SessionState) -> tuple[MainWindow, list]:
    """The patient app, shown at 1600x900, on 300 techniques t0..t299 (their cards laid out in
    batches after it shows)."""
    apply_theme(qapp, high_contrast=False, scale=1.0)
    techniques = [f.technique(f"t{n}", name=f.t(f"Technique {n}")) for n in range(300)]
    window = MainWindow(f.catalog(*techniques), state)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    with qtbot.waitExposed(window):
        window.show()
    return window, techniques


def test_a_list_behind_another_screen_makes_no_cards_until_it_is_shown_again(qapp, qtbot, monkeypatch):
    # A patient opens the comparison while the list still lays its cards out in batches (at
    # 5,000 techniques, for seconds after start-up): making cards behind the comparison took its
    # first turn. They are made once the list is shown again, each at its full height.
    made = []
    real_make = TechniqueListModel._make_card

    def make_card(self, technique, wanted):
        made.append(technique.id)
        return real_make(self, technique, wanted)

    monkeypatch.setattr(TechniqueListModel, "_make_card", make_card)
    window, techniques = _app_of_300(qapp, qtbot, SessionState())
    screen = window.browse
    view = screen.view
    qtbot.waitUntil(lambda: view.visualRect(screen.proxy.index(0, 0)).height() > MIN_TARGET * 2)
    assert len(made) < len(techniques)  # still laying out
    window.show_compare()
    before = set(made)
    made.clear()
    qtbot.wait(200)
    assert made == []
    window.go_to("browse")
    last = screen.proxy.index(len(techniques) - 1, 0)
    qtbot.waitUntil(lambda: view.visualRect(last).height() > MIN_TARGET * 2)
    assert sorted(made) == sorted(t.id for t in techniques if t.id not in before)  # each once
    delegate = view.card_delegate
    for row in range(len(techniques)):
        index = screen.proxy.index(row, 0)
        option = QStyleOptionViewItem()
        option.rect = view.visualRect(index)
        assert option.rect.height() == delegate.sizeHint(option, index).height() > MIN_TARGET * 2


def test_coming_back_from_the_comparison_the_list_is_where_the_patient_left_it(qapp, qtbot):
    # Shown again, the list was laid out anew from its first card and the patient, scrolled down
    # to the cards they were comparing, found the top of the list instead: the comparison's
    # screen gave the hidden list another height for a moment, and Qt tells such a size on showing
    # with no old size, which read as a new width.
    state = SessionState()
    window, techniques = _app_of_300(qapp, qtbot, state)
    screen = window.browse
    view = screen.view
    last = screen.proxy.index(len(techniques) - 1, 0)
    qtbot.waitUntil(lambda: view.visualRect(last).height() > MIN_TARGET * 2)
    view.scrollTo(screen.proxy.index(200, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    top = view.indexAt(QPoint(view.spacing() + 1, view.spacing() + 1)).row()
    assert top >= 195
    state.set_compare(["t200", "t201"])
    window.show_compare()
    qtbot.wait(50)
    window.go_to("browse")
    qtbot.wait(50)
    assert view.indexAt(QPoint(view.spacing() + 1, view.spacing() + 1)).row() == top
