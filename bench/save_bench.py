"""Saving one edited field of a 5,000-technique catalog, as ratios to a raw `yaml.load` of the file.

Candidates (issue 18: saves that keep the file as people wrote it):
- splice: `storage.catalog_bytes` with the file as read, which splices the edit into the text at the
  positions the YAML parser gives each node, then reads the result back through the validator
  (what the editor's Save does now); "splice only" is the same without the read-back. Both pause
  Python's cycle collector while the node tree exists, as every load does (bench/README.md).
- ruamel: a round trip through ruamel.yaml (load with comments, change the field, dump), set up to
  keep quotes, indentation and long lines as the file has them. Measured when ruamel.yaml is
  installed (`pip install -e '.[bench]'`); --ruamel-rounds 0 leaves it out.
- dump: `dump_catalog`, the whole catalog written out again (what Save did before; it drops every
  comment).
- whole tree: Save as it was before the splice composed only the techniques it changes
  (`lazy_nodes`): the whole file's node tree composed.

The catalog is loader_bench's generator with a comment before every tenth technique. Every round
times each candidate once, interleaved with the baseline, so machine load hits all alike; each
prints its median, its ratio to the baseline's median and how many lines of the file it changed,
and, from one more run of each under tracemalloc, the most memory its Python objects took at once.
The baseline is a plain `yaml.load`, Python's cycle collector on; a second column gives the ratio
to the same load with the collector paused (as every load of ours pauses it: bench/README.md).

Run: .venv/bin/python bench/save_bench.py [--techniques 5000] [--rounds 5] [--ruamel-rounds 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import os
import re
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from unittest import mock

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loader_bench import generate

from massage_explorer.core.catalog import Catalog, Text
from massage_explorer.core.schema import splice as splicing
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.schema.splice import splice
from massage_explorer.core.storage import OnDisk, catalog_bytes, parse_catalog

T = TypeVar("T")
NEW_SUMMARY = "Slow strokes that help you rest, changed by the benchmark."


def commented(count: int) -> str:
    """The generated catalog with a comment line before every tenth technique."""
    text = generate(count)
    return re.sub(
        r"(?m)^  - id: technique-(\d*0)$", r"  # Group \1, checked by hand.\n  - id: technique-\1", text
    )


def edited(catalog: Catalog, index: int) -> Catalog:
    techniques = list(catalog.techniques)
    techniques[index] = dataclasses.replace(techniques[index], summary=Text.plain(NEW_SUMMARY))
    return dataclasses.replace(catalog, techniques=tuple(techniques))


def paused(action: Callable[[], T]) -> T:
    """`action` with Python's cycle collector paused, as Save and every load pause it."""
    gc.disable()
    try:
        return action()
    finally:
        gc.enable()


def ruamel_save(text: str, index: int) -> str:
    from ruamel.yaml import YAML

    parser = YAML()
    parser.preserve_quotes = True
    parser.width = 2**31 - 1
    parser.indent(mapping=2, sequence=4, offset=2)
    document = parser.load(text)
    document["techniques"][index]["summary"] = NEW_SUMMARY
    out = io.StringIO()
    parser.dump(document, out)
    return out.getvalue()


def changed_lines(before: str, after: str) -> int:
    """Lines removed plus lines added (as multisets: difflib takes hours on a rewritten file)."""
    old, new = Counter(before.splitlines()), Counter(after.splitlines())
    return (old - new).total() + (new - old).total()


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def traced_peak(action: Callable[[], object]) -> float:
    """The most memory, in MB, Python objects made by `action` took at once (tracemalloc, in a
    run of its own: tracing slows it down). libyaml's own buffers are not counted."""
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def whole_tree(action: Callable[[], T]) -> T:
    """`action` with the splice composing the whole file's node tree, as before lazy_nodes."""
    with mock.patch.object(splicing, "compose_lazily", return_value=None):
        return action()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--techniques", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ruamel-rounds", type=int, default=None, help="default: --rounds")
    args = parser.parse_args()
    if not getattr(yaml, "__with_libyaml__", False):
        raise SystemExit("libyaml is not available: the baseline would not be the C parser")
    try:
        import ruamel.yaml  # noqa: F401
    except ImportError:
        ruamel_rounds = 0
        print("ruamel.yaml is not installed: its round trip is left out (pip install -e '.[bench]')")
    else:
        ruamel_rounds = args.rounds if args.ruamel_rounds is None else args.ruamel_rounds

    text = commented(args.techniques)
    data = text.encode("utf-8")
    before = parse_catalog(data).catalog
    assert before is not None and len(before) == args.techniques
    after = edited(before, args.techniques // 2)
    base = OnDisk(data, before)

    def raw_load() -> object:
        return yaml.load(text, Loader=yaml.CSafeLoader)

    load = os.getloadavg()
    print(
        f"{args.techniques:,} techniques, {len(data) / 1e6:.1f} MB, {text.count(chr(10)):,} lines; "
        f"{args.rounds} rounds; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"{os.cpu_count()} cores"
    )

    candidates: dict[str, Callable[[], str]] = {
        "splice + read back (Save)": lambda: catalog_bytes(after, base).decode("utf-8"),
        "splice only": lambda: paused(lambda: splice(text, before, after)),
        "Save, whole tree (before)": lambda: whole_tree(lambda: catalog_bytes(after, base).decode("utf-8")),
        "dump (before issue 18)": lambda: dump_catalog(after),
        "ruamel.yaml round trip": lambda: ruamel_save(text, args.techniques // 2),
    }
    baselines = ["yaml.load (baseline)", "yaml.load, collector paused"]
    loads = dict(zip(baselines, (raw_load, lambda: paused(raw_load)), strict=True))
    times: dict[str, list[float]] = {name: [] for name in [*baselines, *candidates]}
    outputs: dict[str, str] = {}
    for round_ in range(args.rounds):
        for name, action in candidates.items():
            if name.startswith("ruamel") and round_ >= ruamel_rounds:
                continue
            for baseline_name, run in loads.items():
                seconds, _ = timed(run)
                times[baseline_name].append(seconds)
            seconds, output = timed(action)
            times[name].append(seconds)
            outputs[name] = str(output)
    peaks = {name: traced_peak(action) for name, action in (loads | candidates).items() if times[name]}

    baseline, quick = (statistics.median(times[name]) for name in baselines)
    print(
        f"\n{'':28} {'median':>10} {'ratio':>7} {'vs paused':>10} {'peak':>9} {'rounds':>7} "
        f"{'lines changed':>14}"
    )
    for name in [*baselines, *candidates]:
        if not times[name]:
            continue
        median = statistics.median(times[name])
        lines = ""
        if name in outputs:
            lines = f"{changed_lines(text, outputs[name]):,}"
            if parse_catalog(outputs[name].encode("utf-8")).catalog != after:
                lines += "  (does not read back!)"
        print(
            f"{name:28} {median * 1000:8.0f} ms {median / baseline:7.2f} {median / quick:10.2f} "
            f"{peaks[name]:6.0f} MB {len(times[name]):7} {lines:>14}"
        )


if __name__ == "__main__":
    main()
