"""A catalog written on one line (flow style): the searches of its lines, and the whole check, by size.

Run: python bench/long_line_bench.py [--rounds 5]
The text is a technique whose name is 5, 10 and 20 MB of words, on one line. For each search of
lines the reader makes (in_slices.line_matches), its time against the baseline of one search along
the whole line (`pattern.finditer`, which is what line_matches did with a line longer than a slice),
in turns, the median of the rounds; then `parse_catalog` at each size, to see that it grows in
proportion; and the look for a tab in the indentation of a syntax error's line. The load average
is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from functools import partial

from massage_explorer.core.schema import yaml_nodes
from massage_explorer.core.schema.in_slices import line_matches
from massage_explorer.core.storage import parse_catalog

# The searches of lines the reader makes: a content line, an entry's line at an indentation, a tab
# in the indentation, a line nested deep (yaml_nodes, yaml_safety).
PATTERNS = [r"\n( *)(?=[^ \r\n#])", r"\n {0,2}(?=[^ \r\n#])", r"\n {0,2}\t", r"\n[ \t?:-]{20}"]
MB = 1024 * 1024


def one_line(size: int) -> str:
    words = "word " * (size // 5)
    return '{schema_version: 1, benefits: {}, conditions: {}, techniques: [{id: a, name: "' + words + '"}]}'


def _all(matches) -> list:
    return list(matches)


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"load {load()}")
    text = one_line(20 * MB)
    for source in PATTERNS:
        pattern = re.compile(source)
        sliced, whole = [], []
        for _ in range(args.rounds):
            sliced.append(timed(partial(_all, line_matches(pattern, text))))
            whole.append(timed(partial(_all, pattern.finditer(text))))
        ratio = statistics.median(s / w for s, w in zip(sliced, whole, strict=True))
        print(
            f"{source!r:28} line_matches {statistics.median(sliced) * 1000:7.2f} ms, "
            f"one search {statistics.median(whole) * 1000:7.2f} ms, ratio {ratio:.3f}"
        )
    # The tab looked for in the indentation of the line a syntax error is on: matched at its
    # start now, against the search along it that it was.
    tab, searched = yaml_nodes._LEADING_TAB, re.compile(r"^[ ]*\t", re.MULTILINE)
    matched, along = [], []
    for _ in range(args.rounds):
        matched.append(timed(partial(tab.match, text, 0, len(text))))
        along.append(timed(partial(searched.search, text, 0, len(text))))
    print(
        f"tab in a syntax error's line: matched {statistics.median(matched) * 1000:.3f} ms, "
        f"searched along it {statistics.median(along) * 1000:.1f} ms"
    )
    for size in (5, 10, 20):
        data = one_line(size * MB).encode()
        seconds = statistics.median(timed(partial(parse_catalog, data)) for _ in range(args.rounds))
        print(f"parse_catalog, {size:2} MB on one line: {seconds:.2f} s ({seconds / size * 1000:.0f} ms/MB)")
    print(f"load {load()}")


if __name__ == "__main__":
    main()
