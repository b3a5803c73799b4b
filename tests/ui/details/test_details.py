"""The details screen, driven by clicks and keys on its real widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QScroller, QWidget

from massage_explorer.core.catalog import BenefitClaim, Caution, CautionLevel, Evidence
from massage_explorer.ui.details.columns import COLUMN_CHARS, BalancedColumns
from massage_explorer.ui.details.content import SECTION_SPACING, ContentBuilder, years_before
from massage_explorer.ui.details.picture import MAX_HEIGHT, MAX_WIDTH
from massage_explorer.ui.details.screen import MAX_CONTENT_WIDTH, DetailView
from massage_explorer.ui.session import SessionState
from tests import factories as f
from tests.ui.helpers import settle

# The offscreen platform warns whenever a shown top-level window's minimum size changes.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

HTML = '<h1>Big</h1><img src="file:///etc/hostname"><a href="http://example.com">link</a>'
OPTIONAL_HEADINGS = (
    "What it feels like",
    "What it may help with",
    "Who should be careful",
    "What to expect after",
    "Questions to ask your therapist",
)


@pytest.fixture
def state() -> SessionState:
    return SessionState()


@pytest.fixture
def view(qtbot, state: SessionState) -> Iterator[DetailView]:
    widget = DetailView(state)
    qtbot.addWidget(widget)
    widget.set_catalog(f.catalog(*(f.technique(i) for i in ("gentle", "a", "b", "c", "d"))))
    widget.show_technique("gentle")
    widget.resize(1600, 1000)
    with qtbot.waitExposed(widget):
        widget.show()
    yield widget


def show(view: DetailView, *techniques) -> None:
    view.set_catalog(f.catalog(*techniques))
    view.show_technique(techniques[0].id)


def texts(view: DetailView) -> list[str]:
    assert view.content is not None
    return [label.text() for label in view.content.findChildren(QLabel)]


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_back_button_goes_back(qtbot, view) -> None:
    assert view.back_button.height() >= 48
    with qtbot.waitSignal(view.backRequested):
        click(qtbot, view.back_button)


def test_save_toggle_changes_the_shortlist(qtbot, view, state) -> None:
    assert view.save_button.text() == "☆ Save to my list"
    assert not view.save_button.isChecked()
    click(qtbot, view.save_button)
    assert state.shortlist == ["gentle"]
    assert view.save_button.text() == "★ Saved"
    assert view.save_button.isChecked()  # filled, as on the cards; read out as "checked"
    click(qtbot, view.save_button)
    assert state.shortlist == []
    assert not view.save_button.isChecked()
    state.toggle_shortlist("gentle")  # saved elsewhere (a card, the comparison)
    assert view.save_button.isChecked()


def test_add_to_compare_then_see_the_comparison(qtbot, view, state) -> None:
    state.set_compare(["a"])
    click(qtbot, view.compare_button)
    assert state.compare == ["a", "gentle"]
    assert not view.compare_button.isEnabled()
    assert view.compare_button.text() == "✓ In the comparison"
    with qtbot.waitSignal(view.compareRequested):
        click(qtbot, view.see_compare_button)


def test_add_to_compare_is_disabled_with_a_reason_at_four(view, state) -> None:
    state.set_compare(["a", "b", "c", "d"])
    assert not view.compare_button.isEnabled()
    assert view.compare_reason.isVisible()
    assert "4" in view.compare_reason.text()
    assert view.compare_button.accessibleDescription() == view.compare_reason.text()
    state.remove_from_compare("d")
    assert view.compare_button.isEnabled() and not view.compare_reason.isVisible()


def test_the_reason_compare_is_full_is_not_cut_off(qtbot, view, state) -> None:
    reason = view.compare_reason
    for width in (1920, 1000):
        view.resize(width, 1000)
        state.set_compare(["a", "b", "c", "d"])
        qtbot.waitUntil(reason.isVisible)
        qtbot.waitUntil(lambda: reason.height() >= reason.heightForWidth(reason.width()))
        lines = round(reason.height() / reason.fontMetrics().lineSpacing())
        assert reason.fontMetrics().horizontalAdvance(reason.text()) <= lines * reason.width()
        state.set_compare([])


def test_everything_about_the_technique_is_shown(view) -> None:
    shown = texts(view)
    assert "Gentle" in shown and "A short summary of gentle." in shown
    assert "What it is." in shown and "A second paragraph." in shown  # paragraphs
    assert "Slow, warm strokes." in shown
    assert "▂\u2009▄\u2009·\u2009·  Light to medium" in shown  # rising bars for the levels used
    assert "30 to 60 minutes" in shown
    assert "Low evidence ●●○○ — may help" in shown
    assert "It may ease pain for a short time." in shown
    assert "A review, 2015." in shown
    assert "Not studied ○○○○ — reported by patients, not studied" in shown
    assert "Taking blood thinners" in shown and "Ask for light pressure." in shown
    assert "You may feel sleepy." in shown
    assert "• Have you treated backs like mine?" in shown
    assert "Tell your therapist if the pressure is too much." in view.guidance.text()
    assert view.guidance.isVisible()


def test_old_reviews_say_they_may_be_out_of_date(view) -> None:
    today = dt.date.today()
    claims = (
        BenefitClaim("pain", Evidence.LOW, reviewed=years_before(today, 5) - dt.timedelta(days=1)),
        BenefitClaim("sleep", Evidence.LOW, reviewed=years_before(today, 1)),
    )
    show(view, f.technique("dated", benefits=claims))
    stale = [t for t in texts(view) if "May be out of date" in t]
    assert len(stale) == 1
    assert stale[0].startswith("⚠ May be out of date")
    assert sum("Evidence last checked on" in t for t in texts(view)) == 1


def test_the_patients_condition_is_marked_and_listed_first(view, state) -> None:
    cautions = (Caution("disc", f.t("Gently near the disc.")), Caution("thinners", f.t("Light.")))
    show(view, f.technique("careful", cautions=cautions))
    state.set_condition("thinners")
    marks = view.content.findChildren(QLabel, "appliesToYou")
    assert [m.text() for m in marks] == ["⚠ Applies to you"]
    shown = texts(view)
    assert shown.index("Taking blood thinners") < shown.index("Herniated disc")
    assert shown.index("⚠ Applies to you") == shown.index("Taking blood thinners") + 1


def test_each_caution_says_how_serious_in_words_the_most_serious_first(view, state) -> None:
    cautions = (
        Caution("disc", f.t("Gently near the disc."), CautionLevel.ADAPT),
        Caution("thinners", f.t("Not with thinners."), CautionLevel.AVOID),
    )
    show(view, f.technique("careful", cautions=cautions))
    levels = [label.text() for label in view.content.findChildren(QLabel, "cautionLevel")]
    assert levels == ["✖ Avoid: do not book this massage", "ℹ Tell your therapist: it can be adjusted"]
    shown = texts(view)
    assert shown.index("Taking blood thinners") < shown.index("Herniated disc")
    # The patient's condition first, whatever its level.
    state.set_condition("disc")
    levels = [label.text() for label in view.content.findChildren(QLabel, "cautionLevel")]
    assert levels[0] == "ℹ Tell your therapist: it can be adjusted"


def test_the_year_of_the_newest_source_is_shown(view) -> None:
    newest = view.content.findChild(QLabel, "newestSource")
    assert newest is not None and newest.text() == "Newest source: 2015"
    show(view, f.technique("unsourced", benefits=(BenefitClaim("calm", Evidence.UNTESTED),)))
    assert view.content.findChild(QLabel, "newestSource") is None


def test_benefits_and_cautions_have_equal_weight(view) -> None:
    headings = {
        label.text(): label
        for label in view.content.findChildren(QLabel)
        if label.property("role") == "heading"
    }
    benefits, cautions = headings["What it may help with"], headings["Who should be careful"]
    assert benefits.font() == cautions.font()
    assert benefits.y() == cautions.y()  # side by side
    assert abs(benefits.parentWidget().width() - cautions.parentWidget().width()) <= 1
    cards = [
        frame.frameShape() for frame in view.content.findChildren(QFrame) if frame.property("role") == "card"
    ]
    assert len(set(cards)) == 1


def test_who_should_be_careful_is_on_screen_on_arrival(qtbot, view) -> None:
    long_read = "\n\n".join(["A long paragraph about how the therapist works, sentence after sentence."] * 12)
    show(view, f.technique("wordy", description=f.t(long_read), feels_like=f.t(long_read)))
    qtbot.waitUntil(lambda: view.content is not None and view.content.isVisible())
    viewport = view.scroll_area.viewport()
    assert view.scroll_area.verticalScrollBar().value() == 0
    assert view.scroll_area.verticalScrollBar().maximum() > 0  # the page does scroll
    caution = next(
        label for label in view.content.findChildren(QLabel) if label.text() == "Ask for light pressure."
    )
    bottom = caution.mapTo(viewport, caution.rect().bottomLeft())
    assert viewport.rect().contains(bottom)  # not below the fold, behind the long description


def test_catalog_html_is_shown_literally(view) -> None:
    claim = BenefitClaim("pain", Evidence.LOW, f.t(HTML), (f.t(HTML),))
    show(
        view,
        f.technique(
            "tricky",
            name=f.t(HTML),
            description=f.t(HTML),
            benefits=(claim,),
            cautions=(Caution("disc", f.t(HTML)),),
        ),
    )
    literal = [label for label in view.content.findChildren(QLabel) if label.text() == HTML]
    assert len(literal) == 5  # name, description, note, source, caution
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert label.toolTip() == ""
        assert not label.openExternalLinks()


def test_only_required_fields_leave_no_empty_sections(view) -> None:
    bare = f.technique(
        "bare",
        feels_like=None,
        benefits=(),
        cautions=(),
        after_session=None,
        questions_to_ask=(),
        good_for=(),
    )
    show(view, bare)
    shown = texts(view)
    # Cautions are never silently absent: the section stays and says none are listed.
    assert not (set(OPTIONAL_HEADINGS) - {"Who should be careful"}) & set(shown)
    assert "Who should be careful" in shown
    assert any(text.startswith("No specific cautions are listed") for text in shown)
    assert all(text.strip() for text in shown)
    assert not [w for w in view.content.findChildren(QFrame) if w.property("role") == "card"]
    sections = [w for w in view.content.findChildren(QWidget) if w.property("role") == "section"]
    assert all(len(s.findChildren(QLabel)) >= 2 for s in sections)  # a heading and something


def test_a_300_character_name_wraps_within_the_readable_width(qtbot, view) -> None:
    view.resize(1920, 1080)
    show(view, f.technique("long", name=f.t(("Long name " * 30)[:300])))
    settle()
    title = next(lb for lb in view.content.findChildren(QLabel) if lb.property("role") == "title")
    assert title.wordWrap()
    assert title.height() >= 2 * title.fontMetrics().height()
    assert view.content.width() <= MAX_CONTENT_WIDTH


@pytest.mark.parametrize("size", [(1920, 1080), (900, 800)])
def test_words_too_long_for_a_line_break_inside_and_nothing_is_cut_off(qtbot, view, size) -> None:
    name = "Unbrokenname" * 25  # 300 characters, no space: a mistake, or a language without spaces
    address = "https://example.org/" + "reference" * 20  # a citation's web address
    claim = BenefitClaim("pain", Evidence.LOW, f.t("Short note."), (f.t(address),))
    view.resize(*size)
    show(view, f.technique("long", name=f.t(name), benefits=(claim,)))
    settle()
    viewport = view.scroll_area.viewport()
    assert view.content.width() <= viewport.width()  # the page is no wider than the screen
    for text in (name, address):
        label = next(lb for lb in view.content.findChildren(QLabel) if lb.text() == text)
        metrics = label.fontMetrics()
        lines = metrics.horizontalAdvance(text) / label.contentsRect().width()
        assert label.height() >= lines * metrics.lineSpacing()  # every line has its room
        right = label.mapTo(viewport, label.rect().topRight()).x()
        assert right <= viewport.width()
    view.grab()


def test_touch_and_accessibility(qtbot, view, state) -> None:
    state.set_compare(["a"])
    assert QScroller.hasScroller(view.scroll_area.viewport())
    buttons = [b for b in view.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) == 4
    for button in buttons:
        assert button.width() >= 48 and button.height() >= 48, button.text()
        assert button.accessibleName() and button.accessibleDescription(), button.text()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_tab_reaches_back_and_escape_goes_back(qtbot, view) -> None:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.compare_button.setFocus()
    for _ in range(6):
        if view.back_button.hasFocus():
            break
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    assert view.back_button.hasFocus()
    with qtbot.waitSignal(view.backRequested):
        qtbot.keyClick(view.back_button, Qt.Key.Key_Escape)
    with qtbot.waitSignal(view.backRequested):
        qtbot.keyClick(view.save_button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)


def test_a_technique_that_left_the_catalog_says_so(view) -> None:
    view.show_technique("gone")
    assert isinstance(view.content, QLabel)
    assert view.content.text() == "This technique is no longer in the list."
    assert not view.save_button.isVisible()


def test_bigger_text_applies_to_every_label(qtbot, view) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    bigger = app.font()
    bigger.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(bigger)
    try:
        qtbot.waitUntil(lambda: view.back_button.font().pointSizeF() == bigger.pointSizeF())
        labels = view.findChildren(QLabel)
        assert labels
        for label in labels:
            assert label.font().pointSizeF() == bigger.pointSizeF(), label.text()
        bold = [lb for lb in labels if lb.text() == "Less back pain"]
        assert bold and bold[0].font().bold()
    finally:
        app.setFont(font)


def test_a_picture_from_the_catalogs_folder_is_shown_and_named(qtbot, view, tmp_path) -> None:
    from PySide6.QtGui import QColor, QImage

    photo = QImage(800, 400, QImage.Format.Format_RGB32)
    photo.fill(QColor("teal"))
    assert photo.save(str(tmp_path / "hands.png"))
    view.image_folder = tmp_path
    show(view, f.technique("pictured", image="hands.png", image_alt=f.t("Hands on a back.")))
    pictures = view.content.findChildren(QLabel, "picture")
    assert len(pictures) == 1
    shown = pictures[0].pixmap()
    assert not shown.isNull() and (shown.width(), shown.height()) == (MAX_WIDTH, MAX_WIDTH // 2)  # fits
    assert shown.height() <= MAX_HEIGHT
    assert pictures[0].accessibleName() == "Picture: Pictured"
    assert pictures[0].accessibleDescription() == "Hands on a back."  # what it shows, for a screen reader


def test_a_picture_that_cannot_be_shown_leaves_no_empty_box(view, tmp_path) -> None:
    (tmp_path / "inside").mkdir()
    (tmp_path / "secret.png").write_bytes(b"")  # outside the catalog's folder below
    (tmp_path / "inside" / "broken.png").write_bytes(b"not a picture")
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">{}</svg>'
    (tmp_path / "inside" / "plain.svg").write_text(svg.format('<rect width="40" height="40"/>'))
    # Qt's SVG renderer would read the file this names: a link from data, never followed.
    (tmp_path / "inside" / "linked.svg").write_text(svg.format('<image href="../secret.png"/>'))
    view.image_folder = tmp_path / "inside"
    for image, shown in (
        ("plain.svg", 1),
        ("linked.svg", 0),
        ("broken.png", 0),
        ("missing.png", 0),
        ("../secret.png", 0),
    ):
        show(view, f.technique("pictured", image=image))
        assert len(view.content.findChildren(QLabel, "picture")) == shown, image


def test_the_window_gives_details_the_catalogs_folder(qtbot, tmp_path) -> None:
    from massage_explorer.ui.common.screen import ShellOptions
    from massage_explorer.ui.shell import MainWindow

    # As run_app and the kiosk make it: with the catalog file, whose folder holds the pictures.
    options = ShellOptions(catalog_path=tmp_path / "techniques.yaml")
    window = MainWindow(f.catalog(f.technique("gentle")), SessionState(), options)
    qtbot.addWidget(window)
    window.show_details("gentle")
    assert window.built("details") is not None and window.built("details").image_folder == tmp_path


def test_citations_are_gathered_at_the_end_under_each_benefit(view) -> None:
    shown = texts(view)
    assert shown.index("What it is") < shown.index("Sources") < shown.index("A review, 2015.")
    assert shown[shown.index("A review, 2015.") - 1] == "Less back pain"  # under its benefit
    cards = [w for w in view.content.findChildren(QFrame) if w.property("role") == "card"]
    in_cards = [label.text() for card in cards for label in card.findChildren(QLabel)]
    assert "A review, 2015." not in in_cards
    assert "Sources: at the end of this page" in in_cards


def count_pages(monkeypatch) -> list[str]:
    """The techniques whose page is made, in order."""
    made: list[str] = []
    build = ContentBuilder.build

    def counted(self, technique):
        made.append(technique.id)
        return build(self, technique)

    monkeypatch.setattr(ContentBuilder, "build", counted)
    return made


def test_a_hidden_page_is_made_again_when_shown_not_at_each_change(view, state, monkeypatch) -> None:
    cautions = (Caution("disc", f.t("Gently near the disc.")), Caution("thinners", f.t("Light.")))
    show(view, f.technique("careful", cautions=cautions))
    made = count_pages(monkeypatch)
    view.hide()
    state.set_condition("disc")
    state.set_condition("thinners")
    view.retranslate()
    assert made == []
    view.show()
    assert made == ["careful"]
    marks = view.content.findChildren(QLabel, "appliesToYou")
    assert [m.text() for m in marks] == ["⚠ Applies to you"]
    shown = texts(view)
    assert shown.index("Taking blood thinners") < shown.index("Herniated disc")
    # On screen, a change shows at once.
    state.set_condition("disc")
    assert made == ["careful", "careful"]
    assert texts(view).index("Herniated disc") < texts(view).index("Taking blood thinners")


def test_a_reset_forgets_the_technique_and_its_page(view, monkeypatch) -> None:
    made = count_pages(monkeypatch)
    view.hide()  # as in a session's end: the list or the welcome screen is shown first
    view.reset()
    assert view.technique_id is None and view.content is None
    assert view.scroll_area.widget() is None
    assert made == []


def test_a_larger_text_restyles_a_shown_page_and_lets_go_of_a_hidden_one(qtbot, monkeypatch) -> None:
    from massage_explorer.ui.shell import MainWindow

    window = MainWindow(f.catalog(f.technique("gentle")), SessionState())
    qtbot.addWidget(window)
    window.resize(1200, 900)
    with qtbot.waitExposed(window):
        window.show()
    window.show_details("gentle")
    details = window.built("details")
    page = details.content
    label = page.findChildren(QLabel)[0]
    font_before = label.font().pointSizeF()
    made = count_pages(monkeypatch)
    window.state.set_text_step(2)  # read on screen: restyled where it is, not made again
    settle()
    assert details.content is page and made == []
    assert label.font().pointSizeF() > font_before
    # Not on screen: let go of, and made when shown again (as Back from the comparison does).
    window.go_back()
    window.state.set_high_contrast(True)
    assert details.content is None and made == []
    window.go_to("details")
    assert made == ["gentle"] and details.technique_id == "gentle"
    assert details.content is not None and details.content.isVisible()


def _heading(view: DetailView, text: str) -> QLabel:
    assert view.content is not None
    found = [label for label in view.content.findChildren(QLabel) if label.text() == text]
    assert len(found) == 1, text
    return found[0]


def _x_in_content(view: DetailView, widget: QWidget) -> int:
    assert view.content is not None
    return widget.mapTo(view.content, widget.rect().topLeft()).x()


@pytest.mark.parametrize("cautions", [1, 12])
def test_the_reading_goes_under_the_column_that_ends_first(qtbot, view, cautions) -> None:
    # Under the cautions always, the reading left half of a portrait screen empty beside it
    # where a technique lists more cautions than benefits (most of the bundled ones).
    long = "Tell your therapist before you start; ask for light pressure and stop if it hurts. " * 2
    listed = tuple(Caution("thinners", f.t(long)) for _ in range(cautions))
    show(view, f.technique("gentle", cautions=listed))
    view.resize(1080, 1700)
    settle()
    assert view.content is not None
    half = view.content.width() // 2
    benefits, careful = _heading(view, "What it may help with"), _heading(view, "Who should be careful")
    what = _heading(view, "What it is")
    assert _x_in_content(view, benefits) < half <= _x_in_content(view, careful)  # side by side
    reading_on_left = _x_in_content(view, what) < half
    assert reading_on_left is (cautions > 1)
    # Either way it starts right under the column it is in, above the other's end.

    def place(label: QLabel) -> QRect:  # the column (or the reading) the heading heads
        column = label.parentWidget()
        while column.parentWidget() is not view.content:
            column = column.parentWidget()
        return column.geometry()

    reading, left, right = place(what), place(benefits), place(careful)
    above, beside = (left, right) if reading_on_left else (right, left)
    assert reading.top() == above.bottom() + 1 + SECTION_SPACING
    assert reading.top() < beside.bottom()


def test_where_halves_would_be_too_narrow_the_columns_go_one_under_the_other(qtbot, view) -> None:
    # 1024x768 at the largest text gave halves of 265 px: "En qué le / puede / ayudar".
    assert view.content is not None
    narrowest = view.content.fontMetrics().averageCharWidth() * COLUMN_CHARS
    view.resize(2 * narrowest, 1600)  # the page is narrower than the window: halves too narrow
    settle()
    benefits, careful = _heading(view, "What it may help with"), _heading(view, "Who should be careful")
    what = _heading(view, "What it is")
    assert _x_in_content(view, benefits) == _x_in_content(view, careful) == _x_in_content(view, what)

    def top(label: QLabel) -> int:
        return label.mapTo(view.content, label.rect().topLeft()).y()

    assert top(benefits) < top(careful) < top(what)  # in the order they were made, and read
    view.resize(6 * narrowest, 1600)
    settle()
    assert _x_in_content(view, benefits) < _x_in_content(view, careful)  # side by side again


def test_a_column_deleted_on_its_own_leaves_the_others_laid_out(qtbot, view) -> None:
    # Qt takes a deleted child's item out of its layout; a layout that would not give it up kept
    # pointing at the deleted widget, and the next layout pass crashed.
    benefits, careful = _heading(view, "What it may help with"), _heading(view, "Who should be careful")
    assert view.content is not None
    outer = view.content.layout()
    layouts = [outer.itemAt(i).layout() for i in range(outer.count())]
    columns = next(layout for layout in layouts if isinstance(layout, BalancedColumns))
    assert columns.count() == 3
    column = columns.itemAt(0).widget()
    assert column.isAncestorOf(benefits)
    column.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone now, as a turn later
    settle()
    assert not shiboken6.isValid(column)
    assert columns.count() == 2  # its item taken out with it
    assert all(columns.itemAt(i).widget() is not None for i in range(2))
    view.resize(view.width() + 40, view.height())
    settle()
    what = _heading(view, "What it is")
    assert what.isVisible() and careful.isVisible()
    assert what.mapTo(view.content, what.rect().topLeft()).y() >= 0
