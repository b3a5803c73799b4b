"""The log's format and place: journal under systemd, plain on a terminal, a file with no console."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from massage_explorer import logs

log = logging.getLogger("massage_explorer.test")


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _stderr_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> io.TextIOWrapper:
    stream = open(tmp_path / "stderr.txt", "w+", encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stderr", stream)
    return stream


def _written(stream: io.TextIOWrapper) -> str:
    stream.flush()
    stream.seek(0)
    return stream.read()


def test_under_systemd_each_line_carries_its_syslog_priority_and_no_time(tmp_path, monkeypatch):
    stream = _stderr_file(tmp_path, monkeypatch)
    status = os.fstat(stream.fileno())
    monkeypatch.setenv("JOURNAL_STREAM", f"{status.st_dev}:{status.st_ino}")
    logs.setup_logging()
    log.warning("catalog update refused: %s", "techniques.yaml:3:5: error: …")
    log.info("catalog reloaded")
    log.debug("not shown at the default level")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("could not be checked")
    lines = _written(stream).splitlines()
    stream.close()
    assert lines[:3] == [
        "<4>massage_explorer.test: catalog update refused: techniques.yaml:3:5: error: …",
        "<6>massage_explorer.test: catalog reloaded",
        "<3>massage_explorer.test: could not be checked",
    ]
    assert lines[3:] and all(line.startswith("<3>") for line in lines[3:])  # the traceback too
    assert lines[-1] == "<3>ValueError: boom"


def test_a_journal_stream_inherited_by_a_redirected_stderr_is_not_the_journal(tmp_path, monkeypatch):
    stream = _stderr_file(tmp_path, monkeypatch)
    monkeypatch.setenv("JOURNAL_STREAM", "8:12345")  # another stream than this stderr
    logs.setup_logging()
    log.warning("hello")
    assert _written(stream) == "WARNING massage_explorer.test: hello\n"
    stream.close()


def test_on_a_terminal_the_format_is_level_name_message(tmp_path, monkeypatch):
    stream = _stderr_file(tmp_path, monkeypatch)
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    logs.setup_logging()
    log.info("take-away printed")
    log.warning("take-away printing failed: %s", "no printer")
    assert _written(stream) == (
        "INFO massage_explorer.test: take-away printed\n"
        "WARNING massage_explorer.test: take-away printing failed: no printer\n"
    )
    stream.close()


def test_setting_up_again_replaces_the_handler_instead_of_doubling_lines(tmp_path, monkeypatch):
    stream = _stderr_file(tmp_path, monkeypatch)
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    logs.setup_logging()
    logs.setup_logging()
    log.warning("once")
    assert _written(stream) == "WARNING massage_explorer.test: once\n"
    stream.close()


def test_the_log_follows_stderr_when_it_is_replaced_after_set_up(tmp_path, monkeypatch):
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    first = _stderr_file(tmp_path, monkeypatch)
    logs.setup_logging()
    first.close()  # e.g. a test's capture, gone
    second = open(tmp_path / "second.txt", "w+", encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stderr", second)
    log.warning("here")
    assert _written(second) == "WARNING massage_explorer.test: here\n"
    second.close()


def test_with_no_stderr_the_log_goes_to_a_size_bounded_file_in_the_log_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)  # massage-explorer-gui.exe: no console
    folder = tmp_path / "state" / "massage-explorer" / "logs"
    monkeypatch.setattr(logs, "log_folder", lambda: folder)
    handler = logs.setup_logging()
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == logs.MAX_BYTES and handler.backupCount == logs.BACKUPS
    log.warning("kiosk out of service: %s", "kiosk.ini: error: cannot read the settings file")
    handler.flush()
    text = (folder / logs.LOG_FILE).read_text(encoding="utf-8")
    message = "kiosk out of service: kiosk.ini: error: cannot read the settings file"
    assert text.endswith(f" WARNING massage_explorer.test: {message}\n")
    assert text[:4].isdigit()  # a file has no journal to stamp its lines: each has its time


def test_the_file_rotates_instead_of_growing_without_end(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    monkeypatch.setattr(logs, "log_folder", lambda: tmp_path)
    logs.setup_logging()
    for n in range(200):
        log.info("catalog reloaded: %d techniques", n)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [logs.LOG_FILE, *(f"{logs.LOG_FILE}.{n}" for n in range(1, logs.BACKUPS + 1))]
    assert all(p.stat().st_size <= 2_000 for p in tmp_path.iterdir())


def test_with_no_stderr_and_no_writable_folder_the_app_still_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(logs, "log_folder", lambda: blocker / "logs")  # under a file: cannot be made
    assert isinstance(logs.setup_logging(), logging.NullHandler)
    log.warning("nowhere to go, and no error either")


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("win32", {"LOCALAPPDATA": r"C:\Users\kiosk\AppData\Local"}, "massage-explorer/logs"),
        ("linux", {"XDG_STATE_HOME": "/var/lib/kiosk/state"}, "/var/lib/kiosk/state/massage-explorer/logs"),
    ],
)
def test_the_log_folder_is_the_platforms_own(monkeypatch, platform, env, expected):
    monkeypatch.setattr(sys, "platform", platform)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    folder = logs.log_folder()
    assert folder.as_posix().endswith(expected)
    assert str(folder).startswith(next(iter(env.values())))


def test_the_state_folder_defaults_to_local_state(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert logs.log_folder() == tmp_path / ".local" / "state" / "massage-explorer" / "logs"


def test_with_no_stderr_what_the_app_prints_for_staff_reaches_the_log_file(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)  # pythonw: print(..., file=sys.stderr) went nowhere
    monkeypatch.setattr(logs, "log_folder", lambda: tmp_path)
    logs.setup_logging()
    print("kiosk.ini:2:1: error: [kiosk] idle_secs: is not a setting", file=sys.stderr)
    sys.stderr.write("no newline yet")
    sys.stderr.flush()
    logs.setup_logging()  # again: the stand-in is no console, so no record loops back into it
    logging.getLogger("massage_explorer").info("catalog reloaded")
    text = (tmp_path / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "ERROR massage_explorer: kiosk.ini:2:1: error: [kiosk] idle_secs: is not a setting" in text
    assert "ERROR massage_explorer: no newline yet" in text and "catalog reloaded" in text
