"""Load + validate of a generated 5,000-technique catalog, as a ratio to a bare libyaml parse.

Run: python bench/loader_bench.py [--techniques N] [--repeat R]
Both timings are taken in this one process, interleaved, so machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from massage_explorer.core.storage import load_catalog

WORDS = [
    "slow",
    "gentle",
    "strokes",
    "warm",
    "hands",
    "back",
    "neck",
    "shoulders",
    "pressure",
    "muscles",
    "rest",
    "breathe",
    "calm",
    "ease",
    "sore",
    "tight",
    "knots",
    "relax",
    "firm",
    "light",
    "oil",
    "table",
    "session",
    "therapist",
    "feel",
    "help",
    "sleep",
    "pain",
    "stretch",
]
BENEFITS = ["back-pain", "sleep", "anxiety", "daily-function", "blood-pressure", "inflammation"]
CONDITIONS = ["herniated-disc", "sciatica", "osteoporosis", "pregnancy", "blood-thinners"]
GRADES = ["high", "moderate", "low", "very-low", "untested"]
PRESSURES = ["light", "medium", "firm", "deep"]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ["schema_version: 1", "languages: [en]", "benefits:"]
    out += [f"  {b}:\n    label: {b.replace('-', ' ').title()}" for b in BENEFITS]
    out.append("conditions:")
    out += [f"  {c}:\n    label: {c.replace('-', ' ').title()}" for c in CONDITIONS]
    out.append("techniques:")
    for i in range(count):
        low = rng.randrange(4)
        out.append(
            f"  - id: technique-{i}\n"
            f"    name: {sentence(rng, 2)[:-1]} {i}\n"
            f"    summary: {sentence(rng, 10)}\n"
            f"    description: |\n      {sentence(rng, 12)} {sentence(rng, 9)}\n\n      {sentence(rng, 11)}\n"
            f"    pressure: [{PRESSURES[low]}, {PRESSURES[rng.randrange(low, 4)]}]\n"
            f"    session_minutes: [{30 + 15 * rng.randrange(3)}, 90]\n"
            f"    feels_like: {sentence(rng, 9)}\n"
            f"    benefits:\n"
            + "".join(
                f"      - benefit: {b}\n        evidence: {rng.choice(GRADES)}\n"
                f'        note: {sentence(rng, 10)}\n        sources: ["Source {i}-{b}, 2020."]\n'
                f"        reviewed: 2024-0{rng.randrange(1, 10)}-1{rng.randrange(10)}\n"
                for b in rng.sample(BENEFITS, 2)
            )
            + f"    good_for: [{rng.choice(CONDITIONS)}]\n"
            f"    cautions:\n      - condition: {rng.choice(CONDITIONS)}\n        level: adapt\n"
            f"        note: {sentence(rng, 10)}\n"
            f"    after_session: {sentence(rng, 10)}\n"
            f"    questions_to_ask:\n      - {sentence(rng, 8)[:-1]}?\n"
        )
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--techniques", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if not getattr(yaml, "__with_libyaml__", False):
        raise SystemExit("libyaml is not available: the baseline would not be the C parser")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalog.yaml"
        path.write_text(generate(args.techniques), encoding="utf-8")
        result = load_catalog(path)
        assert result.catalog is not None and len(result.catalog) == args.techniques, result.errors[:3]

        raw, ours = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
            raw.append(time.perf_counter() - start)
            start = time.perf_counter()
            load_catalog(path)
            ours.append(time.perf_counter() - start)

    raw_ms, ours_ms = statistics.median(raw) * 1000, statistics.median(ours) * 1000
    print(f"catalog: {args.techniques} techniques, {len(result.warnings)} warnings")
    print(f"yaml.load(CSafeLoader), baseline: {raw_ms:8.1f} ms (median of {args.repeat})")
    print(f"load_catalog (parse + validate):  {ours_ms:8.1f} ms (median of {args.repeat})")
    print(f"ratio: {ours_ms / raw_ms:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
