"""Patient explorer figures: start-up of the app and the kiosk vs a PySide6 hello-world, keystroke
filtering, peak memory.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_bench.py [--runs 7]
     ... bench/ui_bench.py --startup [--runs 7]                 start-up figures and timelines only
                      (with the Python enum classes PySide6 makes before each first paint)
     ... bench/ui_bench.py --startup-against /tmp/before --runs 7   the same, an older copy in turns
or, for the keystroke and chip figures against an older copy of the package, taking turns:
     git archive HEAD massage_explorer resources techniques.yaml | tar -x -C /tmp/before
     QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_bench.py --keystrokes-against /tmp/before --runs 5
add --like-bundled for the keystrokes on techniques written like the bundled ones (long texts, two
languages) instead of generated ones.
Prints figures; asserts nothing (speed is never a test verdict).
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every child reports two moments and its memory, then quits: when its window is first painted,
# when the screen it first shows is complete (for the app the same paint, which draws the first
# cards; for the kiosk, when the patient session behind the welcome screen is built and a touch
# can start it), its peak RSS and that of any process it started and waited for. Qt is imported
# only when the probe is made: the app must import it on its own schedule.
_PAINT_PROBE = """
import resource, sys, time
def _first_paint_probe(complete=lambda: True):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "painted"):
                self.painted = None
                QTimer.singleShot(0, self.report)
            return False
        def report(self):
            if self.painted is None:
                self.painted = time.time()
            if not complete():
                QTimer.singleShot(1, self.report)
                return
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            print(f"{self.painted!r} {time.time()!r} {own} {children}", flush=True)
            QApplication.instance().exit(0)
    return FirstPaint()
"""

HELLO = (
    _PAINT_PROBE
    + """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Hello")
probe = _first_paint_probe(); label.installEventFilter(probe)
label.resize(1920, 1080); label.show()
app.exec()
"""
)

# For scale, not a target: about the least a card-list window can be. A main window with a title,
# 8 buttons in a bar, 22 more below, a search field and a list view whose delegate draws 8 rows of
# text; no style sheet, no catalog, no translations.
BARE_LIST = (
    _PAINT_PROBE
    + """
from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit, QListView, QMainWindow,
    QPushButton, QStyledItemDelegate, QVBoxLayout, QWidget)
class Rows(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 8
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"Technique {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None
class Cards(QStyledItemDelegate):
    def sizeHint(self, option, index):
        return QSize(400, 300)
    def paint(self, painter, option, index):
        painter.drawText(option.rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, index.data())
app = QApplication(sys.argv[:1])
window = QMainWindow(); central = QWidget(); column = QVBoxLayout(central); bar = QHBoxLayout()
column.addLayout(bar); bar.addWidget(QLabel("Massage Explorer"))
for i in range(8):
    bar.addWidget(QPushButton(f"Button {i}"))
for i in range(22):
    column.addWidget(QPushButton(f"Chip {i}"))
column.addWidget(QLineEdit())
view = QListView(); view.setModel(Rows(view)); delegate = Cards(view); view.setItemDelegate(delegate)
column.addWidget(view, 1); window.setCentralWidget(central)
probe = _first_paint_probe(); view.viewport().installEventFilter(probe)
window.resize(1920, 1080); window.show()
app.exec()
"""
)

# Child code: `when_imported(name, patch)` calls `patch(module)` the moment the app itself imports
# module `name`, through an import hook. Importing that module (and with it Qt) here first would
# change the start-up being measured: the catalog is read in a child process only while Qt is
# not loaded yet.
_WHEN_IMPORTED = """
import sys
class _PatchWhenImported:
    def __init__(self, name, patch):
        self.name, self.patch = name, patch
    def find_spec(self, name, path=None, target=None):
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        from importlib.util import find_spec
        spec = find_spec(name)
        run_module = spec.loader.exec_module
        def exec_module(module):
            run_module(module)
            self.patch(module)
        spec.loader.exec_module = exec_module
        return spec
def when_imported(name, patch):
    sys.meta_path.insert(0, _PatchWhenImported(name, patch))
"""

# The real `massage-explorer` start-up (cli.main: argument parsing, the catalog read and checked
# in a child process while Qt and the screens are imported, the translator, the window), with the
# probe added to the card list. The first paint of the list draws its first cards (a test checks
# that they are laid out when it paints: tests/ui/test_startup.py), so the first screen is
# complete then.
APP = (
    _PAINT_PROBE
    + _WHEN_IMPORTED
    + """
def patch(shell):
    show = shell.MainWindow.showMaximized
    def probed_show(window):
        window.probe = _first_paint_probe()
        window.browse.view.viewport().installEventFilter(window.probe)
        show(window)
    shell.MainWindow.showMaximized = probed_show
when_imported("massage_explorer.ui.shell", patch)
from massage_explorer.cli import main
main([])
"""
)

# The real `massage-explorer --kiosk --config FILE` start-up, settings naming the bundled catalog
# (written by `_kiosk_settings`), with the probe on the welcome screen: the first thing a patient
# sees. The screen is complete when the session behind it is built (a touch starts it at once).
KIOSK = (
    _PAINT_PROBE
    + _WHEN_IMPORTED
    + """
def patch(kiosk):
    show = kiosk.KioskWindow.showFullScreen
    def probed_show(window):
        # (a kiosk from before the session was built after the first paint has no session_built)
        window.probe = _first_paint_probe(lambda: getattr(window, "session_built", True))
        window.welcome.installEventFilter(window.probe)
        show(window)
    kiosk.KioskWindow.showFullScreen = probed_show
when_imported("massage_explorer.ui.kiosk.window", patch)
from massage_explorer.cli import main
main(["--kiosk", "--config", sys.argv[1]])
"""
)

# Where the start-up time goes: the same real start-up, with a timestamp after each step. Steps
# common to the app and the kiosk; each adds its own below.
_TIMELINE = (
    _WHEN_IMPORTED
    + """
import time
start = time.perf_counter()
marks = []
def mark(name):
    marks.append((name, time.perf_counter()))
import massage_explorer.cli as cli
from massage_explorer.core.preload import PendingLoad
mark("import the CLI (no Qt, no PyYAML)")
_start = PendingLoad.start.__func__
def start_reader(cls, path):
    pending = _start(cls, path)
    mark("parse the arguments (kiosk: read its settings), start the catalog reader"
         + (" (a child process)" if pending.forked else ""))
    return pending
PendingLoad.start = classmethod(start_reader)
_result = PendingLoad.result
def result(self):
    mark("import PySide6 and the UI modules (the catalog is read meanwhile)" if "parse" in marks[-1][0]
         else "(already imported)")
    value = _result(self)
    mark("wait for the checked catalog")
    return value
PendingLoad.result = result
def patch_launch(launch):
    _prepare = launch.prepare_application
    def prepare():
        app = _prepare()
        first = marks[-1][0].startswith("parse")  # the kiosk makes its QApplication before it waits
        mark(("import PySide6 and the kiosk's modules, " if first else "")
             + "QApplication, palette, font, style sheet")
        return app
    launch.prepare_application = prepare
when_imported("massage_explorer.ui.launch", patch_launch)
def paint_probe(done):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    class Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
                self.seen = True
                mark("show, lay out and paint the first frame")
                QTimer.singleShot(0, self.wait)
            return False
        def wait(self):
            if done():
                QApplication.instance().exit(0)
            else:
                QTimer.singleShot(1, self.wait)
    return Probe()
"""
)

BREAKDOWN = (
    _TIMELINE
    + """
def patch(shell):
    mark("import the window's modules (shell, browse screen, cards)")
    _init = shell.MainWindow.__init__
    def init(self, *args, **kwargs):
        mark("translator")
        _init(self, *args, **kwargs)
        mark("build the main window and browse screen")
    shell.MainWindow.__init__ = init
    _show = shell.MainWindow.showMaximized
    def show(window):
        window.probe = paint_probe(lambda: True)
        window.browse.view.viewport().installEventFilter(window.probe)
        _show(window)
    shell.MainWindow.showMaximized = show
when_imported("massage_explorer.ui.shell", patch)
cli.main([])
"""
)

KIOSK_BREAKDOWN = (
    _TIMELINE
    + """
def patch(kiosk):
    _init = kiosk.KioskWindow.__init__
    def init(self, *args, **kwargs):
        mark("translator")
        _init(self, *args, **kwargs)
        mark("build the kiosk window and its welcome screen")
    kiosk.KioskWindow.__init__ = init
    _show = kiosk.KioskWindow.showFullScreen
    def show(window):
        def built():
            done = getattr(window, "session_built", True)  # no session_built: built with the window
            if done:
                mark("then: import the explorer's modules, build the session behind the welcome screen")
            return done
        window.probe = paint_probe(built)
        window.welcome.installEventFilter(window.probe)
        _show(window)
    kiosk.KioskWindow.showFullScreen = show
when_imported("massage_explorer.ui.kiosk.window", patch)
cli.main(["--kiosk", "--config", sys.argv[1]])
"""
)

_TIMELINE_PRINT = """
previous = start
for name, at in marks:
    print(f"{(at - previous) * 1000:7.1f} ms  {name}")
    previous = at
print(f"{(previous - start) * 1000:7.1f} ms  in all (Python's own start-up not included)")
"""


# Put before a child's code: PySide6 makes a Python enum class for each enum of a Qt class the
# first time the program touches that class (the `Qt` namespace's 93 at once). This times each
# one, and at exit prints a second line: when each was made, how long it took (seconds) and its
# name ("Qt.AlignmentFlag"; PySide6 names it after it is made).
_ENUM_CLOCK = """
import atexit, enum, time
_made = []
_create = enum.EnumType._create_
def _timed_create(cls, *args, **kwargs):
    start = time.perf_counter()
    made = _create(cls, *args, **kwargs)
    _made.append((time.time(), time.perf_counter() - start, made))
    return made
enum.EnumType._create_ = _timed_create
atexit.register(lambda: print(" ".join(f"{at!r}:{spent!r}:{made.__qualname__}" for at, spent, made in _made)))
"""


_SCREEN = ROOT / "bench" / "kiosk-screen.json"


def _child_env() -> dict[str, str]:
    """Children run offscreen on one 1920x1080 screen, the kiosk's, rather than Qt's 800x800
    default: a maximized window then has the size the clinic's screen gives it."""
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if platform == "offscreen":
        platform = f"offscreen:configfile={_SCREEN}"
    return dict(os.environ, QT_QPA_PLATFORM=platform)


def _kiosk_settings(folder: Path) -> Path:
    """A kiosk settings file as a clinic writes it, naming the bundled catalog (so the kiosk
    follows that file, as it follows a clinic's own). The PIN lockout is kept beside it."""
    settings = folder / "kiosk.ini"
    settings.write_text(f"[kiosk]\ncatalog = {ROOT / 'techniques.yaml'}\nlanguage = en\n", encoding="utf-8")
    return settings


def _run(code: str, *args: str, tree: Path = ROOT) -> tuple[float, float, int, int]:
    """Seconds from process start to the first paint and to the complete first screen; peak RSS
    of the process and of the children it waited for (KB). `tree`: where the package is imported
    from (this one, or an older copy)."""
    env = dict(_child_env(), PYTHONPATH=str(tree))
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=tree, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]) - start, float(out[1]) - start, int(out[2]), int(out[3])


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def startup(runs: int, against: Path | None = None) -> None:
    """First paint of the app and the kiosk against the hello-world, interleaved; with `against`
    (an older copy of the package), that copy's app and kiosk in the same rounds too."""
    # Start from bytecode, as an installed app does (pip compiles a wheel's modules; any other
    # run writes __pycache__ on first import) and as PySide6 does. With PYTHONDONTWRITEBYTECODE
    # set, as on some CI machines, the app would otherwise compile its source on every start.
    compileall.compile_dir(ROOT / "massage_explorer", quiet=1)
    print(f"load average at start (1, 5, 15 min): {_load()}")
    if against is not None:
        compileall.compile_dir(against / "massage_explorer", quiet=1)
    names = ["hello", "app", "kiosk", "bare"] + (["app before", "kiosk before"] if against else [])
    figures: dict[str, list[tuple[float, float, int, int]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as folder:
        settings = str(_kiosk_settings(Path(folder)))
        for _ in range(runs):  # interleaved, so all see the same machine load
            figures["hello"].append(_run(HELLO))
            figures["app"].append(_run(APP))
            figures["hello"].append(_run(HELLO))
            figures["kiosk"].append(_run(KIOSK, settings))
            figures["bare"].append(_run(BARE_LIST))
            if against is not None:
                figures["app before"].append(_run(APP, tree=against))
                figures["kiosk before"].append(_run(KIOSK, settings, tree=against))
    print(f"load average at end: {_load()}")

    def median(name: str, column: int) -> float:
        return statistics.median(run[column] for run in figures[name])

    hello = median("hello", 0)
    print(f"{runs} rounds, medians; hello-world (QApplication + QLabel, 2 a round): {hello * 1000:.0f} ms")
    shown = [("app", "patient app"), ("kiosk", "kiosk")]
    if against is not None:
        shown += [("app before", f"patient app from {against}"), ("kiosk before", f"kiosk from {against}")]
    for name, what in shown:
        first, complete = median(name, 0), median(name, 1)
        print(
            f"  {what}: first paint {first * 1000:.0f} ms, ratio {first / hello:.2f}x (target <= 1.5x); "
            f"first screen complete {complete * 1000:.0f} ms, {complete / hello:.2f}x"
        )
        print("    per round, first paint: " + ", ".join(f"{r[0] * 1000:.0f}" for r in figures[name]))
    bare = median("bare", 0) / hello
    print(f"  for scale: a bare window with a list of 8 painted rows and 30 buttons: {bare:.2f}x")
    rss_hello, rss_app = median("hello", 2) / 1024, median("app", 2) / 1024
    print(
        f"peak RSS: hello-world {rss_hello:.1f} MB, app {rss_app:.1f} MB, "
        f"difference {rss_app - rss_hello:.1f} MB (target <= 40 MB); the app's catalog reader, a "
        f"child process that has exited before the window shows: {median('app', 3) / 1024:.1f} MB, most "
        "of it pages it shares with the app"
    )


def enum_classes(runs: int) -> None:
    """How many Python enum classes PySide6 makes before each first paint, what they cost, and
    whose they are, medians of `runs` rounds of the hello-world, the app and the kiosk in turns."""
    figures: dict[str, list[dict[str, tuple[int, float]]]] = {"hello-world": [], "app": [], "kiosk": []}
    with tempfile.TemporaryDirectory() as folder:
        settings = str(_kiosk_settings(Path(folder)))
        children: list[tuple[str, str, list[str]]] = [
            ("hello-world", HELLO, []),
            ("app", APP, []),
            ("kiosk", KIOSK, [settings]),
        ]
        for _ in range(runs):
            for name, code, args in children:
                probe, made = subprocess.run(
                    [sys.executable, "-c", _ENUM_CLOCK + code, *args], cwd=ROOT, env=_child_env(),
                    capture_output=True, text=True, check=True,
                ).stdout.splitlines()  # fmt: skip
                painted = float(probe.split()[0])
                owners: dict[str, tuple[int, float]] = {}  # "Qt", "QStyle", ... and "all"
                for record in made.split():
                    at, spent, qualname = record.split(":")
                    if float(at) < painted:
                        for owner in ("all", qualname.rpartition(".")[0] or qualname):
                            count, total = owners.get(owner, (0, 0.0))
                            owners[owner] = (count + 1, total + float(spent))
                figures[name].append(owners)
    print(f"Python enum classes PySide6 made before the first paint (medians of {runs} runs each):")

    def median(rounds: list[dict[str, tuple[int, float]]], owner: str, column: int) -> float:
        return statistics.median(r.get(owner, (0, 0.0))[column] for r in rounds)

    for name, rounds in figures.items():
        largest = sorted((o for o in rounds[0] if o != "all"), key=lambda o: -median(rounds, o, 1))[:4]
        parts = ", ".join(
            f"{o} {median(rounds, o, 0):.0f} ({median(rounds, o, 1) * 1000:.1f} ms)" for o in largest
        )
        all_ms = median(rounds, "all", 1) * 1000
        print(f"  {name}: {median(rounds, 'all', 0):.0f} classes, {all_ms:.1f} ms; most: {parts}")


def _big_catalog(count: int):  # type: ignore[no-untyped-def]
    from massage_explorer.core.catalog import BenefitClaim, Catalog, Evidence, Range, Technique, Term
    from massage_explorer.core.catalog import Text as T

    words = ["gentle", "deep", "stretch", "warm", "stone", "pressure", "calm", "tissue", "flow"]
    benefits = tuple(Term(f"b{i}", T.plain(f"Benefit {w}")) for i, w in enumerate(words))
    conditions = tuple(Term(f"c{i}", T.plain(f"Condition {i}")) for i in range(6))
    grades = list(Evidence)
    techniques = []
    for i in range(count):
        name = " ".join(words[(i * k) % len(words)] for k in (1, 3, 7)).title() + f" {i}"
        low = 1 + i % 4
        techniques.append(
            Technique(
                id=f"t{i}",
                name=T.plain(name),
                summary=T.plain(
                    f"A {words[i % 9]} massage number {i} that uses {words[(i + 4) % 9]} "
                    "strokes over the back and shoulders."
                ),
                description=T.plain("What it is. " * (1 + i % 5)),
                pressure=Range(low, min(4, low + i % 2)),
                session_minutes=Range(30, 60),
                benefits=tuple(BenefitClaim(f"b{(i + k) % 9}", grades[(i + k) % 5]) for k in range(3)),
                good_for=(f"c{i % 6}",),
            )
        )
    return Catalog(techniques=tuple(techniques), benefits=benefits, conditions=conditions)


def breakdown(runs: int) -> None:
    """The step-by-step timelines of the app and the kiosk, medians of `runs` runs each, in turns."""
    steps: dict[str, dict[str, list[float]]] = {"app": {}, "kiosk": {}}
    with tempfile.TemporaryDirectory() as folder:
        settings = str(_kiosk_settings(Path(folder)))
        for _ in range(runs):
            for name, code, args in (("app", BREAKDOWN, []), ("kiosk", KIOSK_BREAKDOWN, [settings])):
                out = subprocess.run(
                    [sys.executable, "-c", code + _TIMELINE_PRINT, *args], cwd=ROOT, env=_child_env(),
                    capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                for line in out.splitlines():
                    ms, _, step = line.strip().partition(" ms  ")
                    steps[name].setdefault(step, []).append(float(ms))
    for name, timeline in steps.items():
        print(f"{name} start-up, step by step (medians of {runs} runs):")
        for step, values in timeline.items():
            print(f"{statistics.median(values):7.1f} ms  {step}")


# Typed in the search field, the first word alone first: the generated techniques' words, or a
# patient's on a catalog like the bundled one (either language).
WORDS_TYPED = ("warm", "deep stone", "gentle", "warm flow", "calm tissue 12")
WORDS_TYPED_LIKE_BUNDLED = ("masaje", "masaje sueco", "back pain", "sciatica", "deep tissue", "embarazo")


def _like_bundled(count: int):  # type: ignore[no-untyped-def]
    """`count` techniques written like the bundled ones: its eight, in both languages, repeated
    under new ids (~4,000 characters of text each, where a generated one has ~200 in English)."""
    from massage_explorer.core.paths import bundled_catalog_path
    from massage_explorer.core.storage import load_catalog

    bundled = load_catalog(bundled_catalog_path()).catalog
    assert bundled is not None
    copies = (dataclasses.replace(t, id=f"{t.id}-{i}") for i in range(count) for t in bundled.techniques)
    return dataclasses.replace(bundled, techniques=tuple(itertools.islice(copies, count)))


def _key_on_screen(browse, text: str) -> float:  # type: ignore[no-untyped-def]
    """ms from typing `text` to the first of its results laid out and painted."""
    start = time.perf_counter()
    browse.search.setText(text)
    browse.view.doItemsLayout()
    browse.view.viewport().repaint()
    return (time.perf_counter() - start) * 1000


def keystrokes(count: int, like_bundled: bool = False) -> dict[str, list[float]]:
    """ms from each change of the filters to its results on screen, at `count` techniques
    (generated, or `like_bundled`): a key typed as the list is first painted, the first keystroke
    a second after start, then 43 (or 53) keystrokes and 48 chip taps. Also the time to make
    every search text of `count` techniques like the bundled ones."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtWidgets import QApplication

    from massage_explorer.core.filters import SearchTexts
    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.ui.common.theme import apply_theme
    from massage_explorer.ui.kiosk.window import KioskWindow
    from massage_explorer.ui.session import SessionState
    from massage_explorer.ui.shell import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, high_contrast=False, scale=1.0)  # type: ignore[arg-type]
    realistic = _like_bundled(count)
    catalog = realistic if like_bundled else _big_catalog(count)
    words = WORDS_TYPED_LIKE_BUNDLED if like_bundled else WORDS_TYPED

    # What a key typed before the app made them waits for, on a clinic's own kind of catalog.
    start = time.perf_counter()
    SearchTexts(realistic).prepare(count)
    bundled_texts = (time.perf_counter() - start) * 1000

    # A key typed the moment the list is first painted: the search texts the app makes in its
    # idle time after that paint are not made yet, so this key waits for all of them.
    window = MainWindow(catalog, SessionState())
    window.resize(1920, 1080)
    window.show()
    app.processEvents()  # the first paint
    at_once = _key_on_screen(window.browse, words[0])
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone, its idle work with it

    window = MainWindow(catalog, SessionState())
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    browse = window.browse
    view, proxy = browse.view, browse.proxy
    first_card = QPoint(40, 40)  # inside the first card, whatever its height

    def settle() -> None:
        """Let the view finish laying out the current results, as between two keystrokes."""
        while proxy.rowCount() and view.visualRect(proxy.index(proxy.rowCount() - 1, 0)).isEmpty():
            app.processEvents()

    # The patient reads the screen for a second before the first key: the app may prepare the
    # search meanwhile, and the first full layout measures every card once.
    idle_until = time.perf_counter() + 1.0
    while time.perf_counter() < idle_until:
        app.processEvents()
    settle()
    missed = []

    def timed(action) -> float:  # type: ignore[no-untyped-def]
        """ms until the first of the new results is laid out and painted on screen.

        The view lays out the first batch of cards at once (what its delayed-layout timer does
        on the next pass of the event loop) and the rest in batches between events.
        """
        settle()
        start = time.perf_counter()
        action()
        view.doItemsLayout()
        view.viewport().repaint()
        shown = (time.perf_counter() - start) * 1000
        if proxy.rowCount() and proxy.index(0, 0) != view.indexAt(first_card):
            missed.append(shown)  # the first card was not on screen: the figure would flatter
        return shown

    first = [timed(lambda: browse.search.setText(words[0]))]
    browse.search.setText("")
    typing = []
    for word in words[1:]:
        for end in range(1, len(word) + 1):
            typing.append(timed(lambda w=word[:end]: browse.search.setText(w)))
        typing.append(timed(lambda: browse.search.setText("")))
    chips = []
    for _ in range(3):
        for grid in (browse.benefit_chips, browse.pressure_chips):
            for chip in grid.chips.chips()[:4]:  # chosen, then unchosen again, as a tap does
                chips.append(timed(lambda grid=grid, key=chip.key: grid.chips.toggle(key)))
                chips.append(timed(lambda grid=grid, key=chip.key: grid.chips.toggle(key)))
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # A kiosk's first patient: the welcome screen shown for 3 s after start, Start touched, a key.
    kiosk = KioskWindow(catalog, KioskConfig())
    kiosk.resize(1920, 1080)
    kiosk.show()
    idle_until = time.perf_counter() + 3.0
    while time.perf_counter() < idle_until:
        app.processEvents()
    kiosk.start_session()
    app.processEvents()
    kiosk_first = _key_on_screen(kiosk.session.browse, words[0])
    kiosk.staff_quit()
    return {
        "search texts, bundled-like": [bundled_texts],
        "first keystroke at once": [at_once],
        "kiosk's first patient's first key": [kiosk_first],
        "first keystroke": first,
        "keystroke": typing,
        "chip tap": chips,
        "missed": missed,
    }


def print_keystrokes(count: int, figures: dict[str, list[float]]) -> None:
    print(f"runs where the first card was not on screen when timed: {len(figures['missed'])} (should be 0)")
    texts = figures["search texts, bundled-like"][0]
    print(f"every search text of {count} techniques like the bundled ones: {texts:.1f} ms")
    print(
        f"first keystroke, typed as the list is first painted: {figures['first keystroke at once'][0]:.1f} ms"
    )
    print(f"first keystroke, 1 s after the window showed: {figures['first keystroke'][0]:.1f} ms")
    kiosk = figures["kiosk's first patient's first key"][0]
    print(f"a kiosk's first patient's first key (3 s on the welcome screen, then Start): {kiosk:.1f} ms")
    for name in ("keystroke", "chip tap"):
        values = sorted(figures[name])
        print(
            f"{name} with {count} techniques: results on screen median {statistics.median(values):.1f} ms, "
            f"p90 {values[int(len(values) * 0.9)]:.1f} ms over {len(values)} (target median <= 16 ms)"
        )


# A child that measures the keystrokes of the package it finds first on its path.
_KEYSTROKES_CHILD = """
import json, sys
sys.path.insert(0, {bench!r})
import ui_bench
print(json.dumps(ui_bench.keystrokes({count}, {like_bundled})))
"""


KEYSTROKE_FIGURES = (
    "search texts, bundled-like",
    "first keystroke at once",
    "kiosk's first patient's first key",
    "first keystroke",
    "keystroke",
    "chip tap",
)


def keystrokes_against(baseline: Path, count: int, rounds: int, like_bundled: bool = False) -> None:
    """The keystroke figures of this tree and of `baseline` (another copy of the package, e.g.
    `git archive <commit> massage_explorer resources techniques.yaml | tar -x -C DIR`), each in its
    own process, taking turns so that both see the same machine load."""
    code = _KEYSTROKES_CHILD.format(bench=str(ROOT / "bench"), count=count, like_bundled=like_bundled)
    medians: dict[str, dict[str, list[float]]] = {"baseline": {}, "this tree": {}}
    print(f"load average at start: {Path('/proc/loadavg').read_text().strip()}")
    for turn in range(rounds):
        trees = [("baseline", baseline), ("this tree", ROOT)]
        for name, tree in trees if turn % 2 == 0 else trees[::-1]:
            # The tree's own directory first on the path: the package is imported from there.
            env = dict(
                os.environ,
                PYTHONPATH=str(tree),
                QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            )
            out = subprocess.run(
                [sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True, check=True
            ).stdout
            figures = json.loads(out.splitlines()[-1])
            for key in KEYSTROKE_FIGURES:
                medians[name].setdefault(key, []).append(statistics.median(figures[key]))
            medians[name].setdefault("missed", []).append(len(figures["missed"]))
    print(f"load average at end: {Path('/proc/loadavg').read_text().strip()}")
    print(f"{count} techniques, {rounds} rounds; the median over rounds of each round's median:")
    for key in KEYSTROKE_FIGURES:
        before = statistics.median(medians["baseline"][key])
        after = statistics.median(medians["this tree"][key])
        rounds_ms = zip(medians["baseline"][key], medians["this tree"][key], strict=True)
        per_round = ", ".join(f"{b:.1f}/{a:.1f}" for b, a in rounds_ms)
        print(f"  {key}: baseline {before:.1f} ms, this tree {after:.1f} ms, ratio {after / before:.2f}")
        print(f"    per round, baseline/this tree: {per_round}")
    missed = {name: sum(figures["missed"]) for name, figures in medians.items()}
    print(f"  first card not on screen when timed: {missed} (should be 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--techniques", type=int, default=5000)
    parser.add_argument(
        "--keystrokes-against",
        type=Path,
        metavar="DIR",
        help="only the keystroke and chip figures, against the package copied into DIR, in turns",
    )
    parser.add_argument(
        "--startup-against",
        type=Path,
        metavar="DIR",
        help="only the start-up figures and timelines, with the package copied into DIR in the same rounds",
    )
    parser.add_argument("--startup", action="store_true", help="only the start-up figures and timelines")
    parser.add_argument(
        "--like-bundled",
        action="store_true",
        help="keystrokes on techniques written like the bundled ones (both languages, long texts)",
    )
    args = parser.parse_args()
    if args.keystrokes_against:
        keystrokes_against(args.keystrokes_against.resolve(), args.techniques, args.runs, args.like_bundled)
        return
    against = args.startup_against.resolve() if args.startup_against else None
    startup(args.runs, against)
    breakdown(args.runs)
    enum_classes(args.runs)
    if args.startup or against:
        return
    print_keystrokes(args.techniques, keystrokes(args.techniques, args.like_bundled))


if __name__ == "__main__":
    main()
