"""How long opening a 4-column comparison takes on a 5,000-technique catalog; prints figures.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/compare_bench.py [--runs 20] [--size 5000]
[--app-rounds 5]

Run it in turns with an older copy of the code (`git archive <commit> massage_explorer resources
techniques.yaml bench | tar -x -C DIR`, then the same command in DIR with PYTHONPATH=DIR).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from massage_explorer.core.catalog import (
    BenefitClaim,
    Catalog,
    Caution,
    Evidence,
    Range,
    Technique,
    Term,
    Text,
)
from massage_explorer.ui.compare.screen import CompareView
from massage_explorer.ui.compare.text_sizes import forget_heights
from massage_explorer.ui.session import SessionState

WIDTH, HEIGHT = 1920, 1080
BENEFITS = tuple(Term(f"benefit-{i}", Text.plain(f"Benefit number {i}")) for i in range(10))
CONDITIONS = tuple(Term(f"condition-{i}", Text.plain(f"Condition number {i}")) for i in range(8))
SENTENCE = "Slow strokes along the back ease tight muscles and help you relax. "


def generated_catalog(size: int) -> Catalog:
    """`size` techniques with realistic amounts of text, claims and cautions."""
    evidence = list(Evidence)
    techniques = []
    for n in range(size):
        claims = tuple(
            BenefitClaim(
                BENEFITS[(n + k) % len(BENEFITS)].id,
                evidence[(n + k) % len(evidence)],
                Text.plain(SENTENCE * 2),
                (Text.plain("A review of trials, 2019."),),
                dt.date(2016 + n % 9, 1 + n % 12, 1),
            )
            for k in range(1 + n % 5)
        )
        cautions = tuple(
            Caution(CONDITIONS[(n + k) % len(CONDITIONS)].id, Text.plain(SENTENCE)) for k in range(n % 6)
        )
        techniques.append(
            Technique(
                id=f"technique-{n}",
                name=Text.plain(f"Technique number {n}"),
                summary=Text.plain(SENTENCE),
                description=Text.plain(f"{SENTENCE * 3}\n\n{SENTENCE * 2}"),
                pressure=Range(1 + n % 2, 2 + n % 3),
                session_minutes=Range(30, 30 + 15 * (n % 5)),
                feels_like=Text.plain(SENTENCE) if n % 3 else None,
                benefits=claims,
                cautions=cautions,
                after_session=Text.plain(SENTENCE) if n % 2 else None,
                questions_to_ask=tuple(Text.plain(f"Question {q}?") for q in range(n % 4)),
            )
        )
    return Catalog(tuple(techniques), BENEFITS, CONDITIONS)


def settle(app: QApplication, widget: QWidget) -> None:
    """Show, then let the event loop lay out and paint the window once."""
    widget.show()
    app.processEvents()


def open_compare(app: QApplication, catalog: Catalog, ids: list[str]) -> Callable[[], QWidget]:
    def run() -> QWidget:
        forget_heights()  # a patient's first look at these four is not cached
        state = SessionState()
        view = CompareView(state)
        view.resize(WIDTH, HEIGHT)
        view.set_catalog(catalog)
        state.set_compare(ids)
        settle(app, view)
        return view

    return run


def empty_table(app: QApplication) -> Callable[[], QWidget]:
    def run() -> QWidget:
        view = QTableView()
        view.setModel(QStandardItemModel(view))
        view.resize(WIDTH, HEIGHT)
        settle(app, view)
        return view

    return run


def median_ms(app: QApplication, run: Callable[[], QWidget], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        widget = run()
        times.append((time.perf_counter() - start) * 1000)
        widget.close()
        widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return statistics.median(times)


def first_in_app(size: int, prepared: bool, chosen: bool = False) -> float:
    """In a fresh process: the patient app's window on a catalog of `size`, left alone 2.5 s
    (with its screens prepared meanwhile, or not), then the first comparison opened: ms. The four
    techniques are chosen in the timed step, or (`chosen`) before the wait, as a patient chooses
    them on the list and then taps Compare: the timed step is then the tap alone."""
    from PySide6.QtCore import QEventLoop, QTimer

    from massage_explorer.ui.common.theme import apply_theme
    from massage_explorer.ui.shell import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app, high_contrast=False, scale=1.0)
    catalog = generated_catalog(size)
    ids = [catalog.techniques[i].id for i in (1, size // 3, size // 2, size - 2)]
    state = SessionState()
    window = MainWindow(catalog, state)
    window.resize(WIDTH, HEIGHT)
    settle(app, window)
    if not prepared:
        window._prepare.stop()
    if chosen:
        state.set_compare(ids)
    loop = QEventLoop()
    QTimer.singleShot(2500, loop.quit)
    loop.exec()
    start = time.perf_counter()
    if not chosen:
        state.set_compare(ids)
    window.show_compare()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


FIRST_IN_APP = ("prepared", "straight", "chosen")  # see first_in_app


def first_in_app_rounds(size: int, rounds: int) -> dict[str, float]:
    """Medians of `rounds` rounds of fresh processes, one of each way in turns: screens prepared,
    and not, with the four chosen in the timed step; screens prepared, the four chosen before."""
    import subprocess

    times: dict[str, list[float]] = {way: [] for way in FIRST_IN_APP}
    for _ in range(rounds):
        for way in FIRST_IN_APP:
            out = subprocess.run(
                [sys.executable, __file__, "--size", str(size), "--first-in-app", way],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            times[way].append(float(out.split()[-1]))
    return {way: statistics.median(found) for way, found in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--first-in-app", choices=FIRST_IN_APP, help=argparse.SUPPRESS)
    parser.add_argument("--app-rounds", type=int, default=5)
    args = parser.parse_args()
    if args.first_in_app:
        way = args.first_in_app
        print(f"{first_in_app(args.size, way != 'straight', chosen=way == 'chosen'):.1f}")
        return
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    try:
        from massage_explorer.ui.common.theme import apply_theme

        apply_theme(app, high_contrast=False, scale=1.0)
    except ImportError:
        font = app.font()
        font.setPointSize(16)
        app.setFont(font)
    catalog = generated_catalog(args.size)
    # Four from across the catalog, so lookups are not all at the start.
    ids = [catalog.techniques[i].id for i in (1, args.size // 3, args.size // 2, args.size - 2)]
    empty_table(app)()  # Qt's own first-use costs (fonts, the style sheet), paid by any table
    # The app's first comparison of the process: its classes' first use included, as a patient
    # opening compare for the first time since the kiosk started meets it.
    start = time.perf_counter()
    first = open_compare(app, catalog, ids)()
    first_ms = (time.perf_counter() - start) * 1000
    first.close()
    baseline = median_ms(app, empty_table(app), args.runs)
    compare = median_ms(app, open_compare(app, catalog, ids), args.runs)
    print(f"catalog: {args.size} techniques; median of {args.runs} runs at {WIDTH}x{HEIGHT}")
    print(f"baseline (empty QTableView shown and painted): {baseline:6.1f} ms")
    print(f"open 4-column compare (build, set_compare, lay out, paint): {compare:6.1f} ms")
    print(f"ratio to baseline: {compare / baseline:5.1f}x")
    print(f"the first comparison of the process: {first_ms:6.1f} ms")
    load = os.getloadavg()[0]
    found = first_in_app_rounds(args.size, args.app_rounds)
    print(f"the patient app's first comparison, {args.app_rounds} rounds of processes in turns "
          f"(load {load:.2f} to {os.getloadavg()[0]:.2f}), the four chosen in the timed step: "
          f"{found['prepared']:.1f} ms with its screens prepared after start-up, "
          f"{found['straight']:.1f} ms built on the tap; the four chosen on the list first, "
          f"then Compare tapped: {found['chosen']:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
