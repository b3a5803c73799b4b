"""Random damage to a real catalog: whatever happens to the file, the check ends in a verdict, never an
exception; every problem is said where it is; and libyaml and pure-Python PyYAML agree.

CI runs FUZZ_CASES cases (300 by default); `FUZZ_CASES=20000 bash .ci/test tests/core/schema/test_fuzz.py`
runs more. A failure names its case: its number is the seed that makes it again.
"""

from __future__ import annotations

import os
import random
import re

import pytest

from massage_explorer.cli import main
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import parse_catalog
from tests.core.helpers import LOADERS, TODAY

CASES = int(os.environ.get("FUZZ_CASES", "300"))
# The bundled catalog, cut to its first three techniques to keep each case quick.
_BUNDLED = bundled_catalog_path().read_text(encoding="utf-8")
BASE = _BUNDLED[: [m.start() for m in re.finditer(r"(?m)^  - id: ", _BUNDLED)][3]]

# Pieces that broke a check before, or could: YAML's special characters and forms, hostile values.
SNIPPETS = [
    "\t", "\x00", "\x07", "\ufeff", "\u2028", "'", '"', ":", ": ", "- ", "? ", "[", "]", "{", "}",
    "&a ", "*a", "!!python/object:os.system ", "!tag ", "|", ">", "#", "%YAML 1.1\n", "---\n", "...\n",
    "9" * 5000, "1:30", "0o17", "010", "yes", "null", "~", "2025-13-45", '"\\ud800"', '"\\U0001F600"',
    "[" * 300 + "]" * 300, "x" * 20000, "é" * 300 + ".png", "../../etc/passwd", "a\\0.png",
    "\n    image: " + "a" * 300 + ".svg", "\n  - id: swedish-massage", "\n    benefits: []",
]  # fmt: skip


def mutate(text: str, rng: random.Random) -> str:
    """`text` with one to four random changes."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        at = rng.randrange(len(text) + 1)
        line = rng.randrange(len(lines))
        kind = rng.randrange(7)
        if kind == 0:  # a piece dropped in anywhere
            text = text[:at] + rng.choice(SNIPPETS) + text[at:]
        elif kind == 1:  # characters deleted
            text = text[:at] + text[at + rng.randint(1, 40) :]
        elif kind == 2:  # a line deleted
            del lines[line]
            text = "\n".join(lines)
        elif kind == 3:  # a line repeated
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif kind == 4:  # indentation changed
            lines[line] = " " * rng.randint(0, 9) + lines[line].lstrip()
            text = "\n".join(lines)
        elif kind == 5:  # two lines swapped
            other = rng.randrange(len(lines))
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        else:  # a value replaced
            value = ": " + rng.choice(SNIPPETS)
            lines[line] = re.sub(r": .*", lambda _, v=value: v, lines[line], count=1)
            text = "\n".join(lines)
    return text


FORMAT = re.compile(r"f(:\d+:\d+)?: (error|warning): .")


@pytest.mark.parametrize("seed", range(CASES))
def test_damaged_catalogs_get_a_located_verdict_from_both_loaders(seed):
    text = mutate(BASE, random.Random(seed))
    data = text.encode("utf-8", "surrogatepass")
    verdicts = []
    for loader in LOADERS:
        result = parse_catalog(data, today=TODAY, loader=loader.values[0])  # never raises
        assert result.ok == (not result.errors), seed
        for problem in result.problems:
            assert FORMAT.match(problem.format("f")), (seed, problem)
            # Whole-file problems (encoding, syntax without a place) only when nothing is located.
            assert problem.line > 0 or problem.location is None, (seed, problem)
        verdicts.append(result.ok)
    assert len(set(verdicts)) == 1, (seed, "libyaml and pure-Python PyYAML disagree")


@pytest.mark.parametrize("seed", range(0, CASES, 25))
def test_the_command_line_gives_an_exit_status_never_a_traceback(seed, tmp_path, capsys):
    path = tmp_path / "techniques.yaml"
    path.write_bytes(mutate(BASE, random.Random(seed)).encode("utf-8", "surrogatepass"))
    assert main(["validate", str(path)]) in (0, 1, 2), seed
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for line in err.splitlines():
        assert line.startswith(f"{path}:") and (": error: " in line or ": warning: " in line), (seed, line)
