"""How the checks that once grew with the square of their input grow now, at 1x, 4x and 16x input.

- Suggestions: a catalog whose every technique refers to a benefit that is not defined, among as
  many defined ones up to the 1,000 a vocabulary may hold (each unknown id was compared with
  every known one). Baseline: the same
  catalog with every reference defined, checked in the same round.
- Long words: the details page of a technique whose description is one word with no space
  (Qt searched the whole word again for every line). Baseline: the same number of characters as
  ordinary words, laid out in the same round.

Each size is measured interleaved with its baseline, median of --runs rounds; for a check that is
linear the 4x and 16x columns read about 4 and 16.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/scaling_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from massage_explorer.core.catalog import BenefitClaim, Catalog, Evidence, Range, Technique, Text
from massage_explorer.core.schema.limits import MAX_SUGGESTIONS
from massage_explorer.core.storage import parse_catalog
from massage_explorer.ui.details.screen import DetailView
from massage_explorer.ui.session import SessionState


def references(techniques: int, *, defined: bool) -> bytes:
    # As many benefits as techniques, up to the 1,000 a vocabulary may hold; each technique refers
    # to one, or to an id next to one.
    terms = "".join(f"  benefit-{i}:\n    label: Benefit number {i}\n" for i in range(min(techniques, 1000)))
    suffix = "" if defined else "x"
    entries = "".join(
        f"  - id: t-{i}\n    name: Technique {i}\n    summary: S.\n    description: D.\n"
        f"    pressure: light\n    session_minutes: 30\n"
        f"    benefits:\n      - benefit: benefit-{i % 1000}{suffix}\n        evidence: low\n"
        f"    after_session: Rest.\n"
        for i in range(techniques)
    )
    text = f"schema_version: 1\nbenefits:\n{terms}conditions: {{}}\ntechniques:\n{entries}"
    return text.encode()


def one_word(characters: int, *, spaced: bool) -> Catalog:
    text = ("wordy12 " * (characters // 8 + 1))[:characters] if spaced else "w" * characters
    technique = Technique(
        id="long",
        name=Text.plain("A technique"),
        summary=Text.plain("A summary."),
        description=Text.plain(text),
        pressure=Range(1, 2),
        session_minutes=Range(30, 60),
        benefits=(BenefitClaim("pain", Evidence.LOW),),
    )
    return Catalog(techniques=(technique,))


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def table(title: str, rows: list[tuple[int, float, float]], unit: str) -> None:
    base = rows[0][1]
    print(f"\n{title}")
    print(f"  {'input':>10}  {'median':>10}  {'vs 1x':>6}  {'baseline':>10}  {'vs baseline':>11}")
    for size, value, baseline in rows:
        print(
            f"  {size:>10,} {unit}  {value * 1000:8.1f} ms  {value / base:6.1f}  "
            f"{baseline * 1000:8.1f} ms  {value / baseline:10.2f}x"
        )


def suggestions(runs: int, base: int) -> None:
    rows = []
    for size in (base, 4 * base, 16 * base):
        unknown, defined = references(size, defined=False), references(size, defined=True)
        assert sum("did you mean" in p.message for p in parse_catalog(unknown).problems) >= MAX_SUGGESTIONS
        times, baselines = [], []
        for _ in range(runs):  # interleaved: both see the same machine load
            times.append(timed(lambda data=unknown: parse_catalog(data)))
            baselines.append(timed(lambda data=defined: parse_catalog(data)))
        rows.append((size, statistics.median(times), statistics.median(baselines)))
    table("validate: every technique refers to an undefined benefit (baseline: all defined)", rows, "ids")


def long_words(runs: int, base: int) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    view = DetailView(SessionState())
    view.resize(1920, 1080)
    view.show()

    def show(catalog: Catalog) -> None:
        view.set_catalog(catalog)
        view.show_technique("long")
        app.processEvents()
        view.grab()  # laid out and painted, as a patient would see it

    rows = []
    for size in (base, 4 * base, 16 * base):
        word, words = one_word(size, spaced=False), one_word(size, spaced=True)
        times, baselines = [], []
        for _ in range(runs):
            times.append(timed(lambda c=word: show(c)))
            baselines.append(timed(lambda c=words: show(c)))
        rows.append((size, statistics.median(times), statistics.median(baselines)))
    table("details page: a description that is one word (baseline: the same length in words)", rows, "chars")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ids", type=int, default=250, help="techniques at 1x for suggestions")
    parser.add_argument("--chars", type=int, default=4000, help="word length at 1x for the details page")
    args = parser.parse_args()
    QApplication(sys.argv[:1])
    load = os.getloadavg()
    print(
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores; {args.runs} rounds"
    )
    suggestions(args.runs, args.ids)
    long_words(args.runs, args.chars)


if __name__ == "__main__":
    main()
