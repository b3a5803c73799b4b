"""Where the app's log goes: the journal under systemd, the terminal, or a file when there is no
console (the Windows `massage-explorer-gui` entry point). No Qt.

What is logged is for staff and IT: reloads, refusals, printing and PDF outcomes, why the kiosk is
out of service. Never what a patient looked at, saved or printed.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

APP_FOLDER = "massage-explorer"
LOG_FILE = "massage-explorer.log"
# A kiosk runs for months: the file is bounded (1 MB and 3 older ones), never grows without end.
MAX_BYTES = 1_000_000
BACKUPS = 3

# syslog(3) priorities, which journald reads from the start of each line on a service's stderr.
_PRIORITY = {
    logging.CRITICAL: 2,
    logging.ERROR: 3,
    logging.WARNING: 4,
    logging.INFO: 6,
    logging.DEBUG: 7,
}


def _priority(levelno: int) -> int:
    return next((p for level, p in sorted(_PRIORITY.items(), reverse=True) if levelno >= level), 7)


class JournalFormatter(logging.Formatter):
    """`<4>name: message`, the priority on every line (a traceback's lines keep the record's
    level), no time: the journal stamps each line itself."""

    def __init__(self) -> None:
        super().__init__("%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{_priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).split("\n"))


PLAIN_FORMAT = "%(levelname)s %(name)s: %(message)s"
FILE_FORMAT = "%(asctime)s " + PLAIN_FORMAT


def log_folder() -> Path:
    """Where the log file goes: %LOCALAPPDATA%\\massage-explorer\\logs on Windows, else
    $XDG_STATE_HOME (or ~/.local/state)/massage-explorer/logs."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / APP_FOLDER / "logs"


def is_journal(stream: TextIO) -> bool:
    """True when `stream` is the journal systemd connected: JOURNAL_STREAM names its device and
    inode. A child whose stderr was redirected elsewhere inherits the variable, not the stream."""
    value = os.environ.get("JOURNAL_STREAM", "")
    device, _, inode = value.partition(":")
    if not (device.isdigit() and inode.isdigit()):
        return False
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):  # no file behind it (a test's StringIO, closed)
        return False
    return (status.st_dev, status.st_ino) == (int(device), int(inode))


_OURS = "_massage_explorer_handler"


def setup_logging(level: int = logging.INFO) -> logging.Handler:
    """Send the log (INFO and up) to the journal, the terminal, or, with no stderr at all, a
    size-bounded file in `log_folder()`. Calling it again replaces the handler it set before."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(old)
        old.close()
    handler = _handler()
    setattr(handler, _OURS, True)
    root.addHandler(handler)
    root.setLevel(level)
    if sys.stderr is None:
        # What the app prints for staff (a catalog's errors, "no display") would be lost: it goes
        # to the log file instead, one record a line.
        sys.stderr = LineLogger(logging.getLogger("massage_explorer"))
    return handler


class LineLogger(io.TextIOBase):
    """A stand-in for a missing stderr: each line written becomes an ERROR record of `logger`."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__()
        self._logger = logger
        self._pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        *lines, self._pending = (self._pending + text).split("\n")
        for line in lines:
            if line.strip():
                self._logger.error("%s", line)
        return len(text)

    def flush(self) -> None:
        if self._pending.strip():
            self._logger.error("%s", self._pending)
        self._pending = ""


def _handler() -> logging.Handler:
    stream = sys.stderr
    # pythonw (massage-explorer-gui.exe): no console to write to (a LineLogger set up before
    # stands for none: writing to it would log again, for ever)
    if stream is None or isinstance(stream, LineLogger):
        from logging.handlers import RotatingFileHandler  # imports sockets: only with no console

        try:
            folder = log_folder()
            folder.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = RotatingFileHandler(
                folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        except OSError:
            return logging.NullHandler()  # nowhere to write; the app runs on regardless
        handler.setFormatter(logging.Formatter(FILE_FORMAT))
        return handler
    handler = StderrHandler()
    handler.setFormatter(JournalFormatter() if is_journal(stream) else logging.Formatter(PLAIN_FORMAT))
    return handler


class StderrHandler(logging.Handler):
    """Writes each record to sys.stderr as it is at that moment: a stream replaced since set-up
    (a redirect, a test's capture) is never written to after it was closed."""

    def emit(self, record: logging.LogRecord) -> None:
        stream = sys.stderr
        if stream is None:
            return
        try:
            stream.write(self.format(record) + "\n")
            stream.flush()
        except Exception:  # logging must never take the kiosk down
            self.handleError(record)
