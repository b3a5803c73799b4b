"""The layout checker finds what a patient would see cut, and the screens it checks fit."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.catalog import Text
from massage_explorer.tools import layoutcheck
from massage_explorer.tools.layoutcheck import (
    DISPLAYS,
    Setting,
    check_setting,
    check_window,
    comparison_problems,
    edge_problems,
    sideways_problems,
    target_problems,
    text_problems,
    view_problems,
    widget_name,
)
from massage_explorer.ui.common.i18n import install_language
from massage_explorer.ui.common.search_field import SearchField
from massage_explorer.ui.common.theme import apply_theme, clear_theme
from massage_explorer.ui.compare import CompareView
from massage_explorer.ui.session import TEXT_STEPS, SessionState
from massage_explorer.ui.shell import MainWindow
from tests import factories as f
from tests.ui.helpers import settle


def _window(*widgets: QWidget) -> QWidget:
    window = QWidget()
    column = QVBoxLayout(window)
    for widget in widgets:
        widget.setMinimumHeight(48)  # a touch target's height, as the app's buttons have
        column.addWidget(widget)
    return window


def test_a_fitting_window_has_no_findings(qtbot) -> None:
    window = _window(QPushButton("Start over"), QLabel("Check with your doctor first."))
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    settle()
    assert list(check_window(window, window.size())) == []


def test_cut_text_small_targets_and_a_window_too_big_are_each_reported(qtbot) -> None:
    cut_button = QPushButton("Show only the differences")
    cut_label = QLabel("Check with your doctor first.")
    small = QPushButton("✕")
    window = _window(cut_button, cut_label, small)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    settle()
    cut_button.setFixedWidth(60)  # as a layout squeezed below its text would leave it
    cut_label.setFixedWidth(40)
    small.setFixedSize(30, 30)
    settle()
    found = set(check_window(window, window.size()))
    assert any(w == "QPushButton 'Show only the differences'" and p.startswith("text cut") for w, p in found)
    label = "QLabel 'Check with your doctor first.'"
    assert any(w == label and p.startswith("narrower than its longest word") for w, p in found)
    assert ("QPushButton '✕'", "touch target 30x30 px, below 48") in found
    findings = list(check_window(window, window.size() / 2))
    assert ("window", f"{window.width()}x{window.height()} px, larger than the screen") in findings


def test_a_table_whose_headers_leave_no_room_for_a_row_is_reported(qtbot) -> None:
    table = QTableWidget(5, 2)
    table.setHorizontalHeaderLabels(["Swedish massage", "Deep tissue"])
    window = _window(table)
    qtbot.addWidget(window)
    window.resize(400, 400)
    window.show()
    settle()
    assert list(view_problems(table)) == []
    table.horizontalHeader().setFixedHeight(200)  # as names and buttons on top of a short table
    table.setFixedHeight(230)
    settle()
    found = [p for w, p in check_window(window, window.size()) if w.startswith("QTableWidget")]
    assert len(found) == 1 and found[0].startswith("no room for a row")


def test_a_comparison_showing_one_technique_at_a_time_is_reported(qtbot) -> None:
    state = SessionState()
    view = CompareView(state)
    qtbot.addWidget(view)
    view.set_catalog(f.catalog(f.technique("alpha"), f.technique("beta")))
    state.set_compare(["alpha", "beta"])
    view.resize(1600, 1000)
    with qtbot.waitExposed(view):
        view.show()
    settle()
    assert comparison_problems(view.table) == []
    # As a short table at a large text left it: the second column a sideways scroll away.
    view.header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    for column in (0, 1):
        view.header.resizeSection(column, view.table.viewport().width())
    settle()
    found = [p for w, p in check_window(view, view.size()) if w.startswith("CompareTable")]
    assert found == ["1 of 2 techniques' columns whole in view, not 2"]


def test_a_search_hint_cut_short_is_reported_and_the_search_field_says_less_instead(qtbot) -> None:
    plain, search = QLineEdit(), SearchField()
    plain.setPlaceholderText("Search by name or word")
    search.set_full_hint("Search by name or word")
    search.set_short_hint("Search")
    for field in (plain, search):
        field.setClearButtonEnabled(True)
    window = _window(plain, search)
    qtbot.addWidget(window)
    window.resize(600, 300)
    window.show()
    settle()
    assert search.placeholderText() == "Search by name or word"
    assert list(check_window(window, window.size())) == []
    window.resize(150, 300)
    settle()
    found = [(w, p) for w, p in check_window(window, window.size()) if "hint" in p]
    assert [w for w, _ in found] == ["QLineEdit"]  # the plain one; the search field fits its hint
    assert search.placeholderText() == "Search"


def test_a_cut_button_scrolled_out_of_sight_is_reported_too(qtbot) -> None:
    """A patient flicks down to it: a button below the fold of a scrolling page is checked as
    closely as one above it (the take-away's Save as PDF was cut there, unseen)."""
    page = QWidget()
    column = QVBoxLayout(page)
    spacer = QLabel("Take your list with you")
    spacer.setMinimumHeight(900)
    cut = QPushButton("Save as PDF")
    column.addWidget(spacer)
    column.addWidget(cut)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    window = _window(area)
    qtbot.addWidget(window)
    window.resize(500, 400)
    window.show()
    settle()
    cut.setFixedWidth(40)
    settle()
    assert cut.visibleRegion().isEmpty()  # out of sight
    found = [p for w, p in check_window(window, window.size()) if w == "QPushButton 'Save as PDF'"]
    assert any(p.startswith("text cut") for p in found), found


def test_a_scrolled_area_wider_inside_than_its_view_is_reported(qtbot) -> None:
    """The rule the editor's form is held to: content that needs a sideways scroll is found,
    content as wide as the view is not."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    content = QWidget()
    content.setMinimumWidth(700)
    area.setWidget(content)
    qtbot.addWidget(area)
    area.resize(500, 300)
    area.show()
    settle()
    (problem,) = sideways_problems(area)
    assert problem.startswith(f"scrolls sideways: its content is {700 - area.viewport().width()} px wider")
    content.setMinimumWidth(0)
    settle()
    assert sideways_problems(area) == []


def test_a_word_wrapped_label_shorter_than_its_lines_is_cut(qtbot) -> None:
    label = QLabel("Tell your therapist if the pressure is too much. " * 4)
    label.setWordWrap(True)
    window = _window(label)
    qtbot.addWidget(window)
    window.resize(400, 600)
    window.show()
    settle()
    label.setFixedHeight(label.fontMetrics().height())
    settle()
    problems = dict(check_window(window, window.size()))
    assert any(problem.startswith("text cut: needs") for problem in problems.values())


# Every display and setting. (3840x2160 at 2x: its own test below.)
MATRIX = [
    (display, Setting(step, language, contrast))
    for display in DISPLAYS
    if display.scale == 1
    for step in (0, 1, 2)
    for language in ("en", "es")
    for contrast in (False, True)
]


@pytest.mark.parametrize(("display", "setting"), MATRIX, ids=[f"{d.name} {s}" for d, s in MATRIX])
def test_every_kiosk_screen_fits(qapp, bundled, display, setting) -> None:
    assert [str(f) for f in check_setting(bundled, display, setting)] == []


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768), (1080, 1920)], ids=str)
def test_the_top_bar_wraps_instead_of_cutting_its_buttons(qapp, bundled, size) -> None:
    """Every text size, both languages, four techniques chosen: the top bar's buttons are whole
    and big enough to touch, and the bar leaves most of the screen to the screen below it."""
    ids = [t.id for t in bundled.techniques]
    try:
        for step, language in itertools.product(range(len(TEXT_STEPS)), ("en", "es")):
            install_language(qapp, language)
            apply_theme(qapp, high_contrast=False, scale=TEXT_STEPS[step])
            state = SessionState(language)
            state.set_text_step(step)
            state.set_compare(ids[:4])
            window = MainWindow(bundled, state)
            window.resize(*size)
            window.show()
            settle()
            bar = window.top_bar
            problems = [
                f"{widget_name(widget)}: {problem}"
                for widget in bar.findChildren(QWidget)
                if widget.isVisible()
                for problem in (
                    *text_problems(widget),
                    *target_problems(widget),
                    *edge_problems(widget, window),
                )
            ]
            assert problems == [], (step, language)
            assert bar.height() <= size[1] // 4, (step, language)
            window.close()
            window.deleteLater()
            settle()
    finally:
        install_language(qapp, "en")
        clear_theme(qapp)


@pytest.mark.slow  # eight child processes, ~35 s
def test_every_display_fits_on_a_screen_of_its_own_size(qapp, capsys) -> None:
    """The command as staff run it: each display in a child process on an offscreen screen of its
    size (3840x2160 drawn at QT_SCALE_FACTOR=2), the smallest and largest text. The matrix above
    runs on the tests' own screen, where a window can be kept smaller, or grow larger, than the
    display it stands for."""
    assert layoutcheck.main(["--quick"]) == 0, capsys.readouterr().out
    assert "layoutcheck: 0 problem(s)" in capsys.readouterr().out


def test_a_child_on_a_screen_of_another_size_refuses_to_check(qapp, capsys, monkeypatch) -> None:
    other = next(d for d in DISPLAYS if not layoutcheck._on_its_screen(qapp, d))
    monkeypatch.setenv(layoutcheck._CHILD, "1")
    assert layoutcheck.main(["--display", other.name, "--quick"]) == 2
    assert f"not {other.name}" in capsys.readouterr().err


def test_each_display_is_checked_on_a_screen_of_its_size(qapp, capsys, monkeypatch) -> None:
    """On a larger screen the kiosk window could grow past a 1024x768 display, and on a smaller
    one it was kept within that screen: the command checks each display on an offscreen screen of
    exactly its size, in a process of its own."""
    here = qapp.primaryScreen().size()
    assert layoutcheck._on_its_screen(qapp, layoutcheck.Display("here", here.width(), here.height()))
    other = next(d for d in DISPLAYS if not layoutcheck._on_its_screen(qapp, d))
    seen: list[tuple[str, str]] = []

    def child(display, _args):
        seen.append((display.name, "child"))
        return [], True

    monkeypatch.setattr(layoutcheck, "_in_child", child)
    assert layoutcheck.main(["--display", other.name, "--quick"]) == 0
    assert seen == [(other.name, "child")]


def test_the_command_reports_and_exits_by_its_findings(qapp, capsys, monkeypatch) -> None:
    found = [layoutcheck.Finding("1280x800", "text 1 en", "browse", "QPushButton 'Start over'", "text cut")]
    monkeypatch.setattr(layoutcheck, "_on_its_screen", lambda *_: True)  # checked here: no child
    monkeypatch.setattr(layoutcheck, "check_display", lambda *_a, **_k: found)
    assert layoutcheck.main(["--display", "1280x800", "--quick"]) == 1
    out = capsys.readouterr().out
    assert "1280x800 text 1 en browse: QPushButton 'Start over': text cut" in out
    assert "layoutcheck: 1 problem(s)" in out
    monkeypatch.setattr(layoutcheck, "check_display", lambda *_a, **_k: [])
    assert layoutcheck.main(["--display", "1280x800"]) == 0


def _long_named(catalog):
    """The bundled catalog with every name as long as the validator allows, with long words."""
    word = "Tiefengewebsmassagebehandlung"  # one word of 29 letters, as German compounds have
    techniques = tuple(
        dataclasses.replace(t, name=Text.plain((f"{word} {t.id} " + "with a very long name " * 5)[:120]))
        for t in catalog.techniques
    )
    return dataclasses.replace(catalog, techniques=techniques)


@pytest.mark.parametrize("display", [d for d in DISPLAYS if d.name in ("1920x1080", "1080x1920")], ids=str)
def test_long_names_and_long_words_fit(qapp, bundled, display) -> None:
    catalog = _long_named(bundled)
    for setting in (Setting(0, "en", False), Setting(2, "es", False)):
        assert [str(f) for f in check_setting(catalog, display, setting)] == []


def test_a_refused_catalog_is_told_with_the_count_of_what_its_reading_left_out(capsys, tmp_path, monkeypatch):
    # A refused file's reading keeps only its first problems of each kind and counts the rest
    # (storage.KEPT_PROBLEMS): the check printed the kept ones alone, as if they were all.
    from massage_explorer.core import storage
    from tests.core.schema.test_many_problems import catalog

    monkeypatch.setattr(storage, "KEPT_PROBLEMS", 3)
    path = tmp_path / "techniques.yaml"
    path.write_text(catalog([30]), encoding="utf-8")
    assert layoutcheck.main(["--catalog", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"{path}:19:5: error: technique 'swedish-0': unknown field 'unknown_0_0'")
    assert lines[-1].startswith(f"{path}: … and ") and "(27 errors, " in lines[-1]
