"""Memory and time of reading a refused catalog file with 490,000 problems, against an older copy.

Run: python bench/many_problems_bench.py --against DIR [--rounds 5] [--mistakes 490000] [--spread N]
(DIR: `git archive <commit> massage_explorer resources techniques.yaml bench | tar -x -C DIR`.)
The file is the 1,000-technique catalog of compare_bench with that many unknown fields in its first
technique (22.9 MB at 490,000, under the 24 MB limit). Each read is a fresh process, this copy and
DIR's in turns; each reports its peak resident memory (VmHWM), the time of `load_catalog` and a
digest of what anyone is told (the problems `listed` at 20 and at 100, and the counts of errors
and warnings), which must be the same. One more round each under tracemalloc gives the peak of
Python's own allocations (slow: tracemalloc records every one). Since the limit on the values of
one entry (limits.MAX_ENTRY_NODES), the file is refused for its first technique's size alone:
against a copy from before it, the two tell differently, and each one's count is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# Run in the child, with the package of one copy first on its path.
CHILD = """
import hashlib, inspect, json, sys, time, tracemalloc
from massage_explorer.core import problems as P
from massage_explorer.core.storage import load_catalog
if sys.argv[2] == "trace":
    tracemalloc.start()
start = time.perf_counter()
result = load_catalog(sys.argv[1])
seconds = time.perf_counter() - start
left = getattr(result, "left_out", (0, 0))
told = []
for limit in (20, 100):
    if "left_out" in inspect.signature(P.listed).parameters:
        told += P.listed(result.problems, "f", limit, left_out=left)
    else:
        told += P.listed(result.problems, "f", limit)
errors = sum(p.is_error for p in result.problems) + left[0]
told.append(f"{errors} errors, {len(result.problems) + sum(left) - errors} problems")
status = open("/proc/self/status").read()
print(json.dumps({
    "seconds": seconds,
    "hwm_mb": int(status.split("VmHWM:")[1].split()[0]) / 1024,
    "traced_mb": tracemalloc.get_traced_memory()[1] / 1e6 if tracemalloc.is_tracing() else None,
    "kept": len(result.problems),
    "digest": hashlib.sha1("\\n".join(told).encode()).hexdigest()[:12],
    "told": told[-2:],
}))
"""


def make_file(path: Path, mistakes: int, spread: int = 0) -> None:
    """The catalog with `mistakes` unknown fields in its first technique, or (`spread`) that many
    in each technique from the first until all are written."""
    sys.path[:0] = [str(HERE), str(REPO)]
    from compare_bench import generated_catalog

    from massage_explorer.core.schema.dump import dump_catalog

    catalog = dump_catalog(generated_catalog(1000))
    each = spread or mistakes
    parts = catalog.split("    pressure:")
    for n in range(-(-mistakes // each)):
        fields = "".join(
            f"    unknown_field_of_the_technique_{i:06d}: 1\n"
            for i in range(n * each, min((n + 1) * each, mistakes))
        )
        parts[n] += fields
    path.write_text("    pressure:".join(parts), encoding="utf-8")


def read(package: Path, path: Path, mode: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(package))
    out = subprocess.run(
        # (run in the copy's folder: `-c` puts the working folder first on the path)
        [sys.executable, "-c", CHILD, str(path), mode],
        env=env,
        cwd=package,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--mistakes", type=int, default=490_000)
    parser.add_argument("--spread", type=int, default=0, help="this many in each technique")
    args = parser.parse_args()
    copies = {"now": REPO, "before": args.against.resolve()}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mistakes.yaml"
        make_file(path, args.mistakes, args.spread)
        print(f"{path.stat().st_size / 1e6:.1f} MB, {args.mistakes:,} unknown fields; load {load()}")
        runs: dict[str, list[dict]] = {name: [] for name in copies}
        for n in range(args.rounds):
            for name, package in copies.items():
                run = read(package, path, "plain")
                runs[name].append(run)
                print(
                    f"round {n + 1} {name}: {run['seconds']:.2f} s, VmHWM {run['hwm_mb']:.0f} MB, "
                    f"digest {run['digest']}"
                )
        traced = {name: read(package, path, "trace") for name, package in copies.items()}
        print(f"load at the end {load()}")
        for name, package in copies.items():
            seconds = statistics.median(r["seconds"] for r in runs[name])
            hwm = statistics.median(r["hwm_mb"] for r in runs[name])
            print(
                f"{name:7} ({package}): median {seconds:.2f} s, VmHWM {hwm:.0f} MB, "
                f"tracemalloc peak {traced[name]['traced_mb']:.0f} MB, "
                f"problems kept {runs[name][0]['kept']:,}; "
                f"{runs[name][0]['told'][0]}"
            )
        for name in copies:
            digests = {r["digest"] for r in runs[name]} | {traced[name]["digest"]}
            same_each = len(digests) == 1
            print(f"{name:7} told the same each round" if same_each else f"{name} DIFFERED: {digests}")
        same = len({runs[name][0]["digest"] for name in copies}) == 1
        print("the same told by both" if same else "told differently by the two copies (see above)")


if __name__ == "__main__":
    main()
