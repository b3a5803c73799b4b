"""A small valid catalog as text, and a way to read the problems of a variant of it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from massage_explorer.core import storage
from massage_explorer.core.problems import Problem
from massage_explorer.core.schema import yaml_nodes
from massage_explorer.core.storage import LoadResult, parse_catalog

TODAY = dt.date(2026, 11, 26)

LOADERS = [pytest.param(yaml.SafeLoader, id="pure")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))

VALID = """\
schema_version: 1
languages: [en]
benefits:
  pain:
    label: Less back pain
  sleep:
    label: Better sleep
conditions:
  disc:
    label: Herniated disc
techniques:
  - id: swedish
    name: Swedish massage
    summary: Long, gliding strokes and kneading.
    description: |
      The therapist uses oil and long strokes.

      It is the most common kind.
    pressure: [light, medium]
    session_minutes: 60
    feels_like: Smooth and slow.
    benefits:
      - benefit: pain
        evidence: low
        note: It may ease back pain for a short time.
        sources: ["Furlan AD et al. Cochrane Database Syst Rev. 2015;(9):CD001929."]
        reviewed: 2025-06-01
    good_for: [disc]
    cautions:
      - condition: disc
        level: adapt
        note: Ask for gentle pressure near the spine.
    after_session: You may feel sleepy.
    questions_to_ask:
      - Have you treated a herniated disc before?
"""


def read(
    text: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader, base_dir: Path | None = None
) -> LoadResult:
    return parse_catalog(text.encode("utf-8"), base_dir=base_dir, today=TODAY, loader=loader)


def variant(old: str, new: str, base: str = VALID) -> str:
    assert old in base, f"{old!r} is not in the base catalog"
    return base.replace(old, new, 1)


def only_error(result: LoadResult) -> Problem:
    assert result.catalog is None
    errors = result.errors
    assert len(errors) == 1, [e.format("f") for e in errors]
    return errors[0]


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line holding `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m massage_explorer ARGS` in a child process, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "massage_explorer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=120,
    )


def refuse_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The kiosk's user may not read `path`. Root reads any file, whatever its mode, so there the
    refusal is the operating system's answer, made up."""
    if os.geteuid() != 0:
        path.chmod(0)
        return
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    """The process's umask is `mask` meanwhile, and the app reads it again (it keeps it once read)."""
    old = os.umask(mask)
    storage._umask.cache_clear()
    try:
        yield
    finally:
        os.umask(old)
        storage._umask.cache_clear()


LOOKALIKE_ENTRIES = {
    # Text that looks like entries to the line scan but is not: each part's nodes are checked,
    # and the file is read whole from the first one that differs. A quoted note carried on to a
    # line that starts like an entry is valid YAML: "It may ease - pain".
    "a quoted note carried on to a line that starts like an entry": (
        "        note: It may ease pain for a short time.\n",
        '        note: "It may ease\n  - pain"\n',
    ),
    "an unclosed bracket in an entry": ("    name: T 1\n", "    name: [T 1\n"),
    "a tag in an entry": ("    name: T 1\n", "    name: !thing T 1\n"),
    "a key with no colon in an entry": ("    name: T 1\n", "    name T 1\n"),
    "a tab indenting an entry's field, past the entries' indentation": (
        "    name: T 1\n",
        "    \tname: T 1\n",
    ),
}


def count_parts_composed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of every part of a catalog's techniques composed from now on, in turn."""
    numbers: list[int] = []
    compose_part = yaml_nodes.TechniqueParts.compose_part

    def counted(self: yaml_nodes.TechniqueParts, number: int, tags: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        numbers.append(number)
        return compose_part(self, number, tags)

    monkeypatch.setattr(yaml_nodes.TechniqueParts, "compose_part", counted)
    return numbers
