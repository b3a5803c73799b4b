"""Patient explorer figures: startup vs a PySide6 hello-world, keystroke filtering, peak memory.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_bench.py [--runs 7]
or, for the keystroke and chip figures against an older copy of the package, taking turns:
     git archive HEAD massage_explorer resources | tar -x -C /tmp/before
     QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_bench.py --keystrokes-against /tmp/before --runs 5
Prints figures; asserts nothing (speed is never a test verdict).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every child reports the moment its window is first painted, its peak RSS and that of any
# process it started and waited for, then quits. Qt is imported only when the probe is made: the
# app must import it on its own schedule.
_PAINT_PROBE = """
import resource, sys, time
def _first_paint_probe():
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                QTimer.singleShot(0, self.report)
            return False
        def report(self):
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            print(f"{time.time()!r} {own} {children}", flush=True)
            QApplication.instance().quit()
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

# Child code: calls `patch(module)` the moment the app itself imports its window module, through
# an import hook. Importing that module (and with it Qt) here first would change the start-up
# being measured: the catalog is read in a child process only while Qt is not loaded yet.
_WHEN_THE_WINDOW_MODULE_IS_IMPORTED = """
class _PatchWhenImported:
    def find_spec(self, name, path=None, target=None):
        if name != "massage_explorer.ui.launch":
            return None
        sys.meta_path.remove(self)
        from importlib.util import find_spec
        spec = find_spec(name)
        run_module = spec.loader.exec_module
        def exec_module(module):
            run_module(module)
            patch(module)
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, _PatchWhenImported())
"""

# The real `massage-explorer` start-up (cli.main: argument parsing, the catalog read and checked
# in a child process while Qt and the screens are imported, the translator, the catalog watcher,
# the window), with the probe added to the card list.
APP = (
    _PAINT_PROBE
    + """
def patch(ui_app):
    show = ui_app.MainWindow.showMaximized
    def probed_show(window):
        window.probe = _first_paint_probe()
        window.browse.view.viewport().installEventFilter(window.probe)
        show(window)
    ui_app.MainWindow.showMaximized = probed_show
"""
    + _WHEN_THE_WINDOW_MODULE_IS_IMPORTED
    + """
from massage_explorer.cli import main
main([])
"""
)


# Where the app's start-up time goes: the same real start-up, with a timestamp after each step.
BREAKDOWN = (
    """
import sys, time
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
    mark("parse the arguments, start the catalog reader" + (" (a child process)" if pending.forked else ""))
    return pending
PendingLoad.start = classmethod(start_reader)
_result = PendingLoad.result
def result(self):
    mark("import PySide6 and the patient UI modules (the catalog is read meanwhile)")
    value = _result(self)
    mark("wait for the checked catalog")
    return value
PendingLoad.result = result
def patch(ui_app):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    _prepare = ui_app.prepare_application
    def prepare():
        app = _prepare()
        mark("QApplication, palette, font, style sheet")
        return app
    ui_app.prepare_application = prepare
    _init = ui_app.MainWindow.__init__
    def init(self, *args, **kwargs):
        mark("translator")
        _init(self, *args, **kwargs)
        mark("build the main window and browse screen (style sheet polish included)")
    ui_app.MainWindow.__init__ = init
    class Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not marks[-1][0].startswith("show"):
                mark("show, lay out and paint the first frame")
                QTimer.singleShot(0, QApplication.instance().quit)
            return False
    _show = ui_app.MainWindow.showMaximized
    def show(window):
        mark("catalog watcher")
        window.probe = Probe()
        window.browse.view.viewport().installEventFilter(window.probe)
        _show(window)
    ui_app.MainWindow.showMaximized = show
"""
    + _WHEN_THE_WINDOW_MODULE_IS_IMPORTED
    + """
cli.main([])
previous = start
for name, at in marks:
    print(f"{(at - previous) * 1000:7.1f} ms  {name}")
    previous = at
print(f"{(previous - start) * 1000:7.1f} ms  in all (Python's own start-up not included)")
"""
)


_SCREEN = ROOT / "bench" / "kiosk-screen.json"


def _child_env() -> dict[str, str]:
    """Children run offscreen on one 1920x1080 screen, the kiosk's, rather than Qt's 800x800
    default: a maximized window then has the size the clinic's screen gives it."""
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if platform == "offscreen":
        platform = f"offscreen:configfile={_SCREEN}"
    return dict(os.environ, QT_QPA_PLATFORM=platform)


def _run(code: str) -> tuple[float, int, int]:
    env = _child_env()
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]) - start, int(out[1]), int(out[2])


def startup(runs: int) -> None:
    # Start from bytecode, as an installed app does (pip compiles a wheel's modules; any other
    # run writes __pycache__ on first import) and as PySide6 does. With PYTHONDONTWRITEBYTECODE
    # set, as on some CI machines, the app would otherwise compile its source on every start.
    compileall.compile_dir(ROOT / "massage_explorer", quiet=1)
    hello, app, bare = [], [], []
    for _ in range(runs):  # interleaved, so all see the same machine load
        hello.append(_run(HELLO))
        app.append(_run(APP))
        bare.append(_run(BARE_LIST))
    t_hello = statistics.median(t for t, _, _ in hello)
    t_app = statistics.median(t for t, _, _ in app)
    t_bare = statistics.median(t for t, _, _ in bare)
    rss_hello = statistics.median(r for _, r, _ in hello) / 1024
    rss_app = statistics.median(r for _, r, _ in app) / 1024
    rss_reader = statistics.median(c for _, _, c in app) / 1024
    print(
        f"startup to first paint: hello-world {t_hello * 1000:.0f} ms, "
        f"app {t_app * 1000:.0f} ms, ratio {t_app / t_hello:.2f}x (target <= 1.5x)"
    )
    print(f"for scale: a bare window with a list of 8 painted rows and 30 buttons: {t_bare / t_hello:.2f}x")
    print(
        f"peak RSS: hello-world {rss_hello:.1f} MB, app {rss_app:.1f} MB, "
        f"difference {rss_app - rss_hello:.1f} MB (target <= 40 MB); the app's catalog reader, a "
        f"child process that has exited before the window shows: {rss_reader:.1f} MB, most of it "
        "pages it shares with the app"
    )


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


def breakdown() -> None:
    env = _child_env()
    out = subprocess.run(
        [sys.executable, "-c", BREAKDOWN], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    print("start-up, step by step (one run):")
    print(out, end="")


def keystrokes(count: int) -> dict[str, list[float]]:
    """ms from each change of the filters to its results on screen, at `count` techniques: the
    first keystroke a second after start, then 43 keystrokes and 48 chip taps."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from massage_explorer.ui.common.theme import apply_theme
    from massage_explorer.ui.session import SessionState
    from massage_explorer.ui.shell import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, high_contrast=False, scale=1.0)  # type: ignore[arg-type]
    catalog = _big_catalog(count)
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

    first = [timed(lambda: browse.search.setText("warm"))]
    browse.search.setText("")
    typing = []
    for word in ("deep stone", "gentle", "warm flow", "calm tissue 12"):
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
    return {"first keystroke": first, "keystroke": typing, "chip tap": chips, "missed": missed}


def print_keystrokes(count: int, figures: dict[str, list[float]]) -> None:
    print(f"runs where the first card was not on screen when timed: {len(figures['missed'])} (should be 0)")
    print(f"first keystroke, 1 s after the window showed: {figures['first keystroke'][0]:.1f} ms")
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
print(json.dumps(ui_bench.keystrokes({count})))
"""


def keystrokes_against(baseline: Path, count: int, rounds: int) -> None:
    """The keystroke figures of this tree and of `baseline` (another copy of the package, e.g.
    `git archive <commit> massage_explorer resources | tar -x -C DIR`), each in its own process, taking
    turns so that both see the same machine load."""
    code = _KEYSTROKES_CHILD.format(bench=str(ROOT / "bench"), count=count)
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
            for key in ("first keystroke", "keystroke", "chip tap"):
                medians[name].setdefault(key, []).append(statistics.median(figures[key]))
            medians[name].setdefault("missed", []).append(len(figures["missed"]))
    print(f"load average at end: {Path('/proc/loadavg').read_text().strip()}")
    print(f"{count} techniques, {rounds} rounds; the median over rounds of each round's median:")
    for key in ("first keystroke", "keystroke", "chip tap"):
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
    args = parser.parse_args()
    if args.keystrokes_against:
        keystrokes_against(args.keystrokes_against.resolve(), args.techniques, args.runs)
        return
    startup(args.runs)
    breakdown()
    print_keystrokes(args.techniques, keystrokes(args.techniques))


if __name__ == "__main__":
    main()
