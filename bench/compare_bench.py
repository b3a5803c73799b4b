"""How long opening a 4-column comparison takes on a 5,000-technique catalog; prints figures.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/compare_bench.py [--runs 20] [--size 5000]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--size", type=int, default=5000)
    args = parser.parse_args()
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
    open_compare(app, catalog, ids)()  # warm up: imports, fonts, style sheet
    empty_table(app)()
    baseline = median_ms(app, empty_table(app), args.runs)
    compare = median_ms(app, open_compare(app, catalog, ids), args.runs)
    print(f"catalog: {args.size} techniques; median of {args.runs} runs at {WIDTH}x{HEIGHT}")
    print(f"baseline (empty QTableView shown and painted): {baseline:6.1f} ms")
    print(f"open 4-column compare (build, set_compare, lay out, paint): {compare:6.1f} ms")
    print(f"ratio to baseline: {compare / baseline:5.1f}x")


if __name__ == "__main__":
    main()
