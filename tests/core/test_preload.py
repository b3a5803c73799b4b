"""The catalog read in a child process at start-up: the same result as reading it in-process,
and nothing lost when the child cannot help.

Each case runs in a fresh interpreter: a child is only forked while the process has one thread
and no Qt, which a pytest process (with pytest-qt loaded) is not.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from massage_explorer.core.paths import bundled_catalog_path
from tests.core.helpers import VALID, variant

_COMPARE = """
import os, sys, threading
from pathlib import Path
from massage_explorer.core import preload
from massage_explorer.core.preload import PendingLoad
{setup}
pending = PendingLoad.start(Path(sys.argv[1]))
try:
    got = pending.result()
except OSError as exc:
    got = type(exc).__name__
from massage_explorer.core.storage import load_catalog
try:
    want = load_catalog(sys.argv[1])
except OSError as exc:
    want = type(exc).__name__
assert got == want, (got, want)
print("forked" if pending.forked else "in-process", len(got.problems) if not isinstance(got, str) else got)
"""


def _start(path, setup: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-c", _COMPARE.format(setup=setup), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_child_reads_the_bundled_catalog_as_reading_it_here_would():
    assert _start(bundled_catalog_path()).startswith("forked ")


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (VALID, "0"),
        (variant("evidence: low", "evidence: strong"), "1"),  # an error, located: no catalog
        ("schema_version: 1\ntechniques: [\n", "1"),  # a YAML syntax error
    ],
    ids=["valid", "invalid value", "broken YAML"],
)
def test_the_child_gives_the_same_catalog_and_located_problems(tmp_path, text, problems):
    path = tmp_path / "techniques.yaml"
    path.write_text(text, encoding="utf-8")
    assert _start(path) == f"forked {problems}"


def test_a_file_that_cannot_be_read_raises_as_reading_it_here_does(tmp_path):
    assert _start(tmp_path / "missing.yaml") == "forked FileNotFoundError"


@pytest.mark.parametrize(
    "child",
    [
        "lambda path, pipe: os._exit(3)",  # dies without a word
        "lambda path, pipe: (os.write(pipe, b'\\x80\\x05half a pickle'), os._exit(0))",
        "lambda path, pipe: (os.write(pipe, __import__('pickle').dumps('not a result')), os._exit(0))",
    ],
    ids=["dies", "sends a broken result", "sends something else"],
)
def test_a_child_that_fails_costs_only_time(tmp_path, child):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert _start(path, setup=f"preload._load_and_send = {child}") == "forked 0"


@pytest.mark.parametrize(
    "setup",
    [
        "import PySide6.QtCore",  # Qt starts threads of its own
        "stop = threading.Event(); threading.Thread(target=stop.wait, daemon=True).start()",
    ],
    ids=["Qt loaded", "a thread running"],
)
def test_no_child_is_forked_once_forking_is_unsafe(tmp_path, setup):
    path = tmp_path / "techniques.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert _start(path, setup=setup) == "in-process 0"
