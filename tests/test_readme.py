"""Every `massage-explorer` command the README shows in a shell block, run as written from the
repository's top folder: those that show no window as they are, those that open one with --help
appended (which still checks every option before it). FILE and F become temporary files."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.helpers import VALID

ROOT = Path(__file__).resolve().parents[1]
PROGRAM = ".venv/bin/massage-explorer"
WINDOWLESS = {"validate", "doctor", "set-pin", "--version", "--help"}


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE):
        for line in block.splitlines():
            command = line.split(" #", 1)[0].strip()
            if command.startswith(PROGRAM):
                commands.append(command)
    return commands


COMMANDS = readme_commands()


def test_the_readme_shows_the_commands():
    assert len(COMMANDS) >= 10
    words = {word for command in COMMANDS for word in command.split()}
    assert {"validate", "set-pin", "edit", "doctor", "--version", "--kiosk"} <= words


def _as_run(command: str, tmp_path: Path) -> list[str]:
    """The command with [optional parts] given, FILE/F as temporary files, COMMAND as each one."""
    catalog = tmp_path / "techniques.yaml"
    catalog.write_text(VALID)
    words = []
    for word in shlex.split(re.sub(r"\[([^\]]*)\]", r"\1", command)):
        if word in ("...", "FILE"):
            words.append(str(catalog))
        elif word == "F":
            words.append(str(tmp_path / "kiosk.ini"))
        else:
            words.append(word)
    return words


@pytest.mark.parametrize("command", COMMANDS)
def test_each_readme_command_runs_as_written(command, tmp_path):
    args = _as_run(command, tmp_path)
    if "COMMAND" in args:
        args[args.index("COMMAND")] = "validate"
    if not WINDOWLESS & set(args):  # the app, the kiosk, the editor: their options, not a window
        args.append("--help")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [str(ROOT / args[0]), *args[1:]],
        cwd=ROOT,
        input="246813\n246813\n",  # set-pin's two questions
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    if ("validate" in args and "--strict" not in args) or "set-pin" in args or "--help" in args:
        assert done.returncode == 0, output
    else:  # --strict fails on a warning; the doctor on this machine's own findings (no printer …)
        assert done.returncode in (0, 1), output


def test_readme_commands_run_with_the_interpreter_too():
    done = subprocess.run(
        [sys.executable, "-m", "massage_explorer", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith("massage-explorer ")
