"""Render every kiosk screen at every common display offscreen and report what does not fit:
python -m massage_explorer.tools.layoutcheck [--catalog FILE] [--display NAME] [--quick].

For each display (1024x768 up to 3840x2160 at twice the pixels, and two portrait ones), each text size,
each language and both contrasts, it shows the kiosk's welcome screen, browse, details, compare
with two to four columns (and four with only their differences), the shortlist, the take-away
page, the idle countdown, the PIN pad, the staff panel and the red flags, and reports per screen:
- the window larger than its screen (a real screen would cut the rest off);
- a widget given less room than its minimum size hint, or a label or button whose text does not
  fit (a word-wrapped label shorter than its text needs, a one-line label narrower than its text);
- text a widget paints cut with "…" (widgets that cut names say so through `elided_texts()`), and
  a text field's hint cut so;
- a widget reaching past the window's edge, or past a parent's edge outside a scrolled area;
- a touch target smaller than 48 px;
- a list or table left less than 48 px below its headers to show its rows in;
- a comparison showing fewer than two techniques' columns whole side by side (both, where two
  are compared), or a name or button of one cut, or too little height for its answers;
- the clinic's advice neither in view nor a tap away (where it is folded behind a button).
It checks the staff editor the same way at each display, as the kiosk opens it (in English and
the usual look), and one thing more there: that its form does not scroll sideways (staff filling
in a technique would not see the end of its lines). It prints one line per finding and exits 1
when there is any, 0 when there is none.

Each display is checked in a child process on an offscreen screen of its own size (a window on a
larger screen may grow past the display; on a smaller one it is kept within that screen instead),
unless this process already draws on such a screen. A display at twice the pixels gets
QT_SCALE_FACTOR=2 as well, as Qt lays a window out on such a screen: at half the pixels, each
drawn twice as fine.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.pin import hash_pin
from massage_explorer.core.problems import listed
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.pages import smallest_size
from massage_explorer.ui.common.scrolling import viewport_of
from massage_explorer.ui.common.search_field import hint_room
from massage_explorer.ui.compare.headers import ColumnHeader, answers_height
from massage_explorer.ui.compare.table import CompareTable

if TYPE_CHECKING:
    from massage_explorer.ui.kiosk import KioskWindow

PIN = "739184"  # a throwaway PIN, to reach the staff panel; nothing is unlocked outside this run


@dataclass(frozen=True)
class Display:
    """A screen a kiosk may have: its size in Qt's (logical) pixels, and how many device pixels
    each of those is drawn with."""

    name: str
    width: int
    height: int
    scale: int = 1

    @property
    def size(self) -> QSize:
        return QSize(self.width, self.height)


DISPLAYS = (
    Display("1024x768", 1024, 768),
    Display("1280x720", 1280, 720),
    Display("1280x800", 1280, 800),
    Display("1366x768", 1366, 768),
    Display("1920x1080", 1920, 1080),
    Display("2560x1440", 2560, 1440),
    Display("3840x2160@2x", 1920, 1080, scale=2),
    Display("1080x1920", 1080, 1920),
    Display("800x1280", 800, 1280),  # an 8- or 10-inch tablet, upright
)


@dataclass(frozen=True)
class Setting:
    """What a patient may change on the screen itself."""

    text_step: int
    language: str
    high_contrast: bool

    def __str__(self) -> str:
        contrast = " high-contrast" if self.high_contrast else ""
        return f"text {self.text_step + 1} {self.language}{contrast}"


@dataclass(frozen=True)
class Finding:
    display: str
    setting: str
    screen: str
    widget: str
    problem: str

    def __str__(self) -> str:
        return f"{self.display} {self.setting} {self.screen}: {self.widget}: {self.problem}"


def widget_name(widget: QWidget) -> str:
    """How a finding names a widget: its accessible name, else its text, else its object name."""
    label = widget.accessibleName()
    if not label and isinstance(widget, (QLabel, QAbstractButton)):
        label = widget.text()
    label = " ".join(label.split())
    if len(label) > 40:
        label = label[:39] + "…"
    kind = type(widget).__name__
    name = widget.objectName()
    return f"{kind} {label!r}" if label else f"{kind} #{name}" if name else kind


def _viewport_around(widget: QWidget, window: QWidget) -> QWidget | None:
    """The viewport of the scrolled area the widget is content of, if it is."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent.objectName() == (
            "qt_scrollarea_viewport"
        ):
            return parent
        parent = parent.parentWidget()
    return None


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    """Whether the widget is scrolled content: inside a scrolled area's viewport."""
    return _viewport_around(widget, window) is not None


def _on_screen(widget: QWidget, window: QWidget) -> bool:
    """Shown and not covered: visible up to the window, and either in sight or scrolled out of
    it in an area that is in sight (a patient flicks to it: a button below the fold is checked as
    closely as one above it)."""
    if not widget.isVisibleTo(window):
        return False
    if not widget.visibleRegion().isEmpty():
        return True
    viewport = _viewport_around(widget, window)
    return viewport is not None and _in_sight(viewport, window)


def _in_sight(viewport: QWidget, window: QWidget) -> bool:
    """Whether a scrolled area's viewport shows on the window: what a finger at its middle
    touches is in it, not an overlay over it. (Its own visible region is empty: the content a
    scroll area holds paints all of it.)"""
    if not viewport.isVisibleTo(window):
        return False
    touched = window.childAt(viewport.mapTo(window, viewport.rect().center()))
    return touched is not None and (touched is viewport or viewport.isAncestorOf(touched))


def text_problems(widget: QWidget) -> list[str]:
    """What of the widget's own text does not fit in it."""
    problems: list[str] = []
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        room = widget.contentsRect()
        if widget.minimumSizeHint().width() > widget.width():
            problems.append(
                f"narrower than its longest word: {widget.width()} < {widget.minimumSizeHint().width()} px"
            )
        elif widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height():
                problems.append(f"text cut: needs {needed} px of height, has {widget.height()}")
        else:
            needed = max(widget.fontMetrics().horizontalAdvance(line) for line in widget.text().split("\n"))
            if needed > room.width() + 1:
                problems.append(f"text cut: needs {needed} px of width, has {room.width()}")
    elif isinstance(widget, QAbstractButton) and widget.text() and widget.hasHeightForWidth():
        # A button whose label wraps (WrappingButton): its longest word across, its lines down.
        if widget.minimumSizeHint().width() > widget.width() + 1:
            needed = widget.minimumSizeHint().width()
            problems.append(f"narrower than its longest word: {widget.width()} < {needed} px")
        elif widget.heightForWidth(widget.width()) > widget.height():
            needed = widget.heightForWidth(widget.width())
            problems.append(f"text cut: needs {needed} px of height, has {widget.height()}")
    elif isinstance(widget, QAbstractButton) and widget.text():
        hint = widget.sizeHint()
        if hint.width() > widget.width() + 1:
            problems.append(f"text cut: needs {hint.width()} px of width, has {widget.width()}")
    elif isinstance(widget, QLineEdit) and not widget.text() and widget.placeholderText():
        needed = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
        if needed > hint_room(widget):
            problems.append(f"hint cut: needs {needed} px of width, has {hint_room(widget)}")
    elided = getattr(widget, "elided_texts", None)
    if callable(elided):
        problems.extend(f"text cut with …: {text!r}" for text in elided())
    return problems


def size_problems(widget: QWidget) -> list[str]:
    """Room below what the widget's layout says it needs at least."""
    hint = smallest_size(widget)
    policy = widget.sizePolicy()
    ignored = QSizePolicy.Policy.Ignored
    problems: list[str] = []
    if isinstance(widget, (QLabel, QAbstractButton)):
        return problems  # their text is checked more closely: text_problems
    if hint.width() > widget.width() and policy.horizontalPolicy() != ignored:
        problems.append(f"narrower than its minimum: {widget.width()} < {hint.width()} px")
    if (
        hint.height() > widget.height()
        and policy.verticalPolicy() != ignored
        and not widget.hasHeightForWidth()  # its minimum height is for another width
    ):
        problems.append(f"shorter than its minimum: {widget.height()} < {hint.height()} px")
    return problems


def edge_problems(widget: QWidget, window: QWidget) -> list[str]:
    """A widget reaching past the window, or past its parent (not counting scrolled content,
    which is meant to reach past its viewport)."""
    if _scrolled(widget, window):
        return []
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not window.rect().contains(rect):
        return [f"reaches past the window's edge: {_rect(rect)} in {_rect(window.rect())}"]
    parent = widget.parentWidget()
    if parent is not None and parent is not window and not parent.rect().contains(widget.geometry()):
        return [f"cut by its parent: {_rect(widget.geometry())} in {_rect(parent.rect())}"]
    return []


def target_problems(widget: QWidget) -> list[str]:
    if isinstance(widget, QAbstractButton) and (widget.width() < MIN_TARGET or widget.height() < MIN_TARGET):
        return [f"touch target {widget.width()}x{widget.height()} px, below {MIN_TARGET}"]
    return []


def view_problems(widget: QWidget) -> list[str]:
    """A list or table with rows to show and less room for them than a touch target's height
    (its headers took the rest): nothing of it can be read or tapped."""
    if not isinstance(widget, QAbstractItemView):
        return []
    model = widget.model()
    room = viewport_of(widget).height()
    if model is None or model.rowCount() == 0 or room >= MIN_TARGET:
        return []
    return [f"no room for a row: {room} px below its headers, less than {MIN_TARGET}"]


def sideways_problems(area: QAbstractScrollArea) -> list[str]:
    """A scrolled area whose content is wider than the room it shows it in: what is past its
    right edge is seen only by scrolling sideways."""
    more = area.horizontalScrollBar().maximum()
    if more <= 0:
        return []
    return [f"scrolls sideways: its content is {more} px wider than the {area.viewport().width()} px shown"]


def comparison_problems(widget: QWidget) -> list[str]:
    """A comparison that does not compare: fewer than two techniques' columns whole in view at
    once (a patient scrolled sideways to see the second one), a name or a button of one of them
    cut, or less height below the names than the first question and two lines of its answers
    (one line where more than two are compared, two in view)."""
    if not isinstance(widget, CompareTable):
        return []
    header = widget.horizontalHeader()
    if not isinstance(header, ColumnHeader) or header.count() < 2 or not header.isVisible():
        return []
    problems: list[str] = []
    room = viewport_of(widget).width()
    whole = []
    for section in range(header.count()):
        left = header.sectionViewportPosition(section)
        if left >= 0 and left + header.sectionSize(section) <= room:
            whole.append(section)
    wanted = min(header.count(), 2)
    if len(whole) < wanted:
        problems.append(f"{len(whole)} of {header.count()} techniques' columns whole in view, not {wanted}")
    names = viewport_of(header).rect()
    for section in whole:
        needed = header.sectionSizeFromContents(section).height()
        if needed > header.height():
            problems.append(f"column {section + 1}'s name cut: needs {needed} px, has {header.height()}")
        for button in header.buttons[section] if section < len(header.buttons) else ():
            if button.isVisibleTo(header) and not names.contains(button.geometry()):
                problems.append(f"column {section + 1}'s {button.text()!r} cut: {_rect(button.geometry())}")
    # The first question and two lines of its answers; where two of three or four are in view, one line
    # (ColumnHeader.fit_columns: the rest of each answer is a flick away).
    line = widget.fontMetrics().lineSpacing()
    least = answers_height(widget.font()) - (line if len(whole) == header.count() else 2 * line)
    rows = viewport_of(widget).height()
    if rows < least:
        problems.append(f"{rows} px for the answers below the names, less than {least}")
    return problems


def advice_problems(widget: QWidget) -> list[str]:
    """A screen that shows the clinic's advice (a GuidedLayout's) with neither the advice in view
    nor, where it is folded away, a button in view that opens it."""
    from massage_explorer.ui.common.guided import GuidedLayout

    layout = widget.layout()
    if not isinstance(layout, GuidedLayout) or not widget.isVisible():
        return []
    if layout.folded:
        button = getattr(widget, "advice_button", None)
        if not isinstance(button, QAbstractButton) or not button.isVisible():
            return ["the clinic's advice folded away with no button in view to open it"]
        return []
    area = layout.itemAt(2)
    shown = area.widget() if area is not None else None
    if shown is None or not shown.isVisible() or shown.height() <= 0:
        return ["the clinic's advice not in view"]
    return []


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


def check_window(window: QWidget, screen: QSize) -> Iterator[tuple[str, str]]:
    """(widget, problem) for everything on `window` that does not fit a `screen` of that size."""
    if window.width() > screen.width() or window.height() > screen.height():
        yield "window", f"{window.width()}x{window.height()} px, larger than the screen"
    minimum = window.minimumSizeHint()
    if minimum.width() > screen.width() or minimum.height() > screen.height():
        yield "window", f"needs at least {minimum.width()}x{minimum.height()} px, more than the screen"
    for widget in window.findChildren(QWidget):
        if not _on_screen(widget, window):
            continue
        for problem in [
            *size_problems(widget),
            *text_problems(widget),
            *edge_problems(widget, window),
            *target_problems(widget),
            *view_problems(widget),
            *comparison_problems(widget),
            *advice_problems(widget),
        ]:
            yield widget_name(widget), problem


def settle(app: QApplication) -> None:
    for _ in range(3):  # delayed item layouts and style polish run from the event loop
        app.processEvents()


def kiosk_screens(catalog: Catalog, setting: Setting) -> Iterator[tuple[str, Callable[[], object]]]:
    """Each screen's name and the steps that bring a KioskWindow to it, in an order that works
    from one to the next."""
    ids = [t.id for t in catalog.techniques]
    if setting.text_step == 0 and not setting.high_contrast:
        # The welcome screen is only ever seen so: ending a session resets text size and
        # contrast before it shows (the language stays as chosen on it).
        yield "welcome", lambda: None
    yield "browse", lambda: _kiosk().start_session()
    if catalog.conditions:
        yield "browse-filtered", functools.partial(_filtered, catalog)
    yield "details", lambda: _kiosk().session.show_details(ids[0])
    for n in (2, 3, 4):
        yield f"compare-{n}", functools.partial(_compare, ids[:n])
    # Four with "Show only differences" on, and a line beside it counting the questions it hides
    # (the four that share the most answers: the first four may share none).
    yield "compare-4-differences", functools.partial(_only_differences, catalog)
    yield "shortlist", lambda: _shortlist(ids[:4])
    yield "take-away", _takeaway
    yield "red-flags", lambda: _kiosk().session.show_red_flags()
    yield "start-over", _start_over
    yield "countdown", _countdown
    yield "pin-pad", _pinpad
    yield "staff-panel", lambda: _kiosk().pinpad.submit()


_current: list[KioskWindow] = []  # the kiosk being checked, for the steps of kiosk_screens


def _kiosk() -> KioskWindow:
    return _current[0]


def _filtered(catalog: Catalog) -> None:
    """Browse with a chip of each row chosen and a condition: the heading then says what is shown
    and why some come first, and the choices in words (the longest it gets)."""
    session = _kiosk().session
    browse = session.browse
    browse.pressure_chips.chips.toggle(browse.pressure_chips.chips.chips()[0].key)
    if catalog.benefits:
        browse.benefit_chips.chips.toggle(catalog.benefits[0].id)
    # The condition with the longest name that some technique is often chosen for.
    suited = [c for c in catalog.conditions if any(c.id in t.good_for for t in catalog.techniques)]
    longest = max(suited or catalog.conditions, key=lambda c: len(c.label.default))
    session.state.set_condition(longest.id)


def _compare(ids: list[str]) -> None:
    session = _kiosk().session
    session.state.set_compare(ids)
    session.show_compare()


_ALIKE: dict[int, list[str]] = {}  # for each catalog checked: its four most alike (see below)


def _only_differences(catalog: Catalog) -> None:
    """The comparison of the four of the first eight techniques that share the most answers, with
    only their differences shown: found once in each process (a display's), by trying them all."""
    from massage_explorer.ui.compare import CompareView

    session = _kiosk().session
    view = session.stack.currentWidget()
    assert isinstance(view, CompareView)
    view.differences_button.setChecked(True)
    if id(catalog) not in _ALIKE:
        hidden: dict[tuple[str, ...], int] = {}
        for four in itertools.combinations([t.id for t in catalog.techniques[:8]], 4):
            session.state.set_compare(list(four))
            hidden[four] = view.proxy.hidden_count()
        best, _ = max(hidden.items(), key=lambda item: item[1])
        _ALIKE[id(catalog)] = list(best)
    session.state.set_compare(_ALIKE[id(catalog)])


def _shortlist(ids: list[str]) -> None:
    session = _kiosk().session
    for technique_id in ids:
        if technique_id not in session.state.shortlist:
            session.state.toggle_shortlist(technique_id)
    session.show_shortlist()


def _takeaway() -> None:
    from massage_explorer.ui.shortlist import ShortlistScreen

    screen = _kiosk().session.get_screen("shortlist")
    assert isinstance(screen, ShortlistScreen)
    screen.show_takeaway()


def _start_over() -> None:
    session = _kiosk().session
    if session._red_flags is not None:
        session._red_flags.hide()
    session.ask_start_over()


def _countdown() -> None:
    kiosk = _kiosk()
    if kiosk.session._confirm is not None:
        kiosk.session._confirm.hide()
    kiosk.idle.idle.emit()
    for _ in range(7):
        kiosk.countdown.tick()


def _pinpad() -> None:
    kiosk = _kiosk()
    kiosk.countdown.stay()
    kiosk.open_pinpad()
    for digit in PIN:
        kiosk.pinpad.digit_buttons[digit].click()


def visit(catalog: Catalog, display: Display, setting: Setting) -> Iterator[tuple[str, QWidget]]:
    """Bring one kiosk, at one display and setting, to each screen in turn: (name, window)."""
    from massage_explorer.ui.common.i18n import install_language
    from massage_explorer.ui.common.theme import apply_theme
    from massage_explorer.ui.kiosk import KioskWindow
    from massage_explorer.ui.session import TEXT_STEPS

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, setting.language)
    # The theme first, as the kiosk's start-up sets it: every widget is built in it.
    apply_theme(app, high_contrast=setting.high_contrast, scale=TEXT_STEPS[setting.text_step])
    # A printer and a PDF folder: the take-away then shows both of its buttons, its widest. The
    # folder is never written to: nothing here saves.
    config = KioskConfig(
        pin_hash=hash_pin(PIN),
        printer="Front desk",
        pdf_folder=Path(tempfile.gettempdir()),
        language=setting.language,
    )
    kiosk = KioskWindow(catalog, config)
    _current[:] = [kiosk]
    try:
        kiosk.resize(display.size)
        kiosk.show()
        kiosk.state.set_text_step(setting.text_step)
        kiosk.state.set_high_contrast(setting.high_contrast)
        for screen, prepare in kiosk_screens(catalog, setting):
            prepare()
            kiosk.resize(display.size)  # a screen that made the window grow must not blame the next
            settle(app)
            yield screen, kiosk
    finally:
        kiosk.idle.stop()
        kiosk._may_close = True
        kiosk.close()
        kiosk.deleteLater()
        _current.clear()
        # Gone now, not at the next turn of an event loop this tool never runs: every widget
        # left alive would be re-polished by each later change of text size.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        apply_theme(app, high_contrast=False, scale=TEXT_STEPS[0])
        install_language(app, "en")


def visit_editor(catalog_file: Path, display: Display) -> Iterator[tuple[str, QWidget]]:
    """The staff editor on a copy of `catalog_file` (with its pictures), as the kiosk opens it
    from the staff panel, on its screen in the usual look: a technique, a benefit, a condition,
    and a save under way (its controls off, its stage in words beside a moving bar)."""
    import shutil

    from massage_explorer.ui.common.i18n import install_language
    from massage_explorer.ui.common.theme import apply_theme
    from massage_explorer.ui.editor import EditorWindow
    from massage_explorer.ui.editor.document import BENEFITS, CONDITIONS
    from massage_explorer.ui.session import TEXT_STEPS

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "en")
    apply_theme(app, high_contrast=False, scale=TEXT_STEPS[0])  # the usual look, as staff see it
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / catalog_file.name
        shutil.copyfile(catalog_file, path)
        pictures = catalog_file.parent / "resources"
        if pictures.is_dir():
            shutil.copytree(pictures, Path(folder) / "resources")
        editor = EditorWindow(path, other_files=False)
        try:
            editor.resize(display.size)
            editor.show()
            settle(app)
            while editor.loading:  # built a step at a time once painted, as on a kiosk
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            settle(app)
            yield "editor", editor
            catalog = editor.document.catalog
            terms = [("benefit", BENEFITS, catalog.benefits), ("condition", CONDITIONS, catalog.conditions)]
            for tab, (name, kind, items) in enumerate(terms, 1):  # the sidebar's tabs after Techniques
                if items:
                    editor.sidebar.setCurrentIndex(tab)
                    editor.sidebar.selected.emit(kind, items[0].id)
                    settle(app)
                    yield f"editor-{name}", editor
            editor.set_busy("Saving: recording the version in the history…")
            settle(app)
            yield "editor-saving", editor
            editor.set_busy("")
        finally:
            editor.close()
            editor.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def check_editor(catalog_file: Path, display: Display) -> list[Finding]:
    """The staff editor at one display (in English and the usual look: staff's own)."""
    return [
        Finding(display.name, "editor", screen, widget, problem)
        for screen, window in visit_editor(catalog_file, display)
        for widget, problem in [*check_window(window, display.size), *_editor_problems(window)]
    ]


def _editor_problems(window: QWidget) -> Iterator[tuple[str, str]]:
    """What the editor must do beyond fitting its screen: a form that does not scroll sideways."""
    from massage_explorer.ui.editor import EditorWindow

    assert isinstance(window, EditorWindow)
    for problem in sideways_problems(window.form_scroll):
        yield widget_name(window.form_scroll), problem


def check_setting(catalog: Catalog, display: Display, setting: Setting) -> list[Finding]:
    """Every screen of one kiosk at one display and setting."""
    return [
        Finding(display.name, str(setting), screen, widget, problem)
        for screen, window in visit(catalog, display, setting)
        for widget, problem in check_window(window, display.size)
    ]


def settings(catalog: Catalog, quick: bool) -> list[Setting]:
    from massage_explorer.ui.session import TEXT_STEPS

    steps = (0, len(TEXT_STEPS) - 1) if quick else range(len(TEXT_STEPS))
    contrasts = (False,) if quick else (False, True)
    return [Setting(*combo) for combo in itertools.product(steps, catalog.languages, contrasts)]


def check_display(
    catalog: Catalog, display: Display, quick: bool = False, catalog_file: Path | None = None
) -> list[Finding]:
    """Every kiosk screen at `display`, and the staff editor on `catalog_file` when given."""
    found = [
        finding
        for setting in settings(catalog, quick)
        for finding in check_setting(catalog, display, setting)
    ]
    return found + (check_editor(catalog_file, display) if catalog_file is not None else [])


_CHILD = "MASSAGE_EXPLORER_LAYOUTCHECK_CHILD"


def _on_its_screen(app: QApplication, display: Display) -> bool:
    """Whether this process draws on a screen of the display's size and scale. A window on a
    larger screen may grow past the display (a real one of that size keeps it within), and one
    on a smaller screen is kept within that screen instead."""
    screen = app.primaryScreen()
    return screen.size() == display.size and round(screen.devicePixelRatio()) == display.scale


@contextlib.contextmanager
def on_a_screen_of(display: Display) -> Iterator[dict[str, str]]:
    """The environment for a process of its own that draws offscreen on one screen of the
    display's size, at `display.scale` pixels per pixel."""
    with tempfile.TemporaryDirectory() as folder:
        screen = Path(folder) / "screen.json"
        # The offscreen platform's screen, in device pixels; Qt's scale factor makes it the size.
        width, height = display.width * display.scale, display.height * display.scale
        screen.write_text(
            json.dumps({"screens": [{"name": display.name, "x": 0, "y": 0, "width": width, "height": height,
                                     "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}),
            encoding="utf-8",
        )  # fmt: skip
        yield {
            **os.environ,
            "QT_SCALE_FACTOR": str(display.scale),
            "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        }


def _in_child(display: Display, args: argparse.Namespace) -> tuple[list[str], bool]:
    """Check a display in a process of its own, on an offscreen screen of its size drawn at
    `display.scale` pixels per pixel."""
    command = [sys.executable, "-m", "massage_explorer.tools.layoutcheck", "--display", display.name]
    if args.catalog:
        command += ["--catalog", str(args.catalog)]
    if args.quick:
        command.append("--quick")
    with on_a_screen_of(display) as env:
        env[_CHILD] = "1"  # checks where it is, whatever its screen turns out to be: no grandchild
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        return [f"{display.name}: the check failed: {done.stderr.strip()[-2000:]}"], False
    return done.stdout.splitlines()[:-1], done.returncode == 0  # less its summary line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m massage_explorer.tools.layoutcheck",
        description="Render every kiosk screen at every common display offscreen and report what "
        "does not fit. Exit 0 when nothing is found.",
    )
    parser.add_argument("--catalog", type=Path, help="catalog file (default: the bundled one)")
    parser.add_argument(
        "--display",
        action="append",
        choices=[d.name for d in DISPLAYS],
        help="only this display (repeatable)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smallest and largest text only, normal contrast"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = args.catalog or bundled_catalog_path()
    result = load_catalog(path)
    if result.catalog is None:
        # As the kiosk says them: the first, by line, and a count of the rest (those the reading
        # did not keep too).
        for line in listed(result.problems, str(path), left_out=result.left_out):
            print(line, file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    lines: list[str] = []
    for display in DISPLAYS:
        if args.display and display.name not in args.display:
            continue
        if _CHILD in os.environ and not _on_its_screen(app, display):
            screen = app.primaryScreen()
            print(f"layoutcheck: drawn on a {screen.size().width()}x{screen.size().height()} screen at "
                  f"{screen.devicePixelRatio():g}x, not {display.name}", file=sys.stderr)  # fmt: skip
            return 2
        if not _on_its_screen(app, display):
            found, _ = _in_child(display, args)
            lines += found
            continue
        catalog_file = args.catalog or bundled_catalog_path()
        lines += [str(f) for f in check_display(result.catalog, display, args.quick, catalog_file)]
    for line in lines:
        print(line)
    print(f"layoutcheck: {len(lines)} problem(s)")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
