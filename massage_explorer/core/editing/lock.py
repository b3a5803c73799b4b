"""One editor per catalog: a small JSON lock file beside it, taken over when its owner is gone. No Qt.

The lock file says who holds it: user, computer, process and since when. It is stale, and taken
over, when it holds no lock (empty or damaged), when its process is gone from this computer, or
when it comes from another computer (a shared folder, where its process cannot be checked) and is
older than `stale_after` (the editor_lock_hours setting). A lock file that is there but cannot be
read (another user's, made private by their umask) may be anyone's: it counts as held, and is
never taken over. A younger one from another computer is taken over
only when staff confirm that computer is off (`take_over`). The lock only keeps two editors from
working at once; a save still never overwrites a change it has not seen (safe_save checks the file
itself).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from massage_explorer.core.storage import is_read_only

STALE_AFTER = dt.timedelta(hours=12)
APP = "Massage Explorer catalog editor"
SETTLE_SECONDS = 0.1  # lets a racing editor's write land before we read back whose lock it is
_MAX_BYTES = 4096
# Stands for a lock file that exists but cannot be read: longer than any read of one returns.
_UNREADABLE = b"\0" * (_MAX_BYTES + 2)


def lock_path(catalog: Path) -> Path:
    """The lock file of a catalog: `<catalog>.lock` beside it."""
    return catalog.with_name(catalog.name + ".lock")


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as its file says. `token` tells apart holders that share everything else."""

    user: str
    host: str
    pid: int
    since: dt.datetime  # with its time zone
    app: str = APP
    boot: str = ""  # the computer's boot id where it has one (Linux): a restart ends every lock
    token: str = ""

    @classmethod
    def me(cls) -> LockOwner:
        """This process, now."""
        now = dt.datetime.now().astimezone().replace(microsecond=0)
        return cls(_user(), socket.gethostname(), os.getpid(), now, APP, _boot_id(), secrets.token_hex(8))

    def to_bytes(self) -> bytes:
        fields = {
            "user": self.user,
            "host": self.host,
            "pid": self.pid,
            "since": self.since.isoformat(timespec="seconds"),
            "app": self.app,
            "boot": self.boot,
            "token": self.token,
        }
        return (json.dumps(fields, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> LockOwner | None:
        """The owner a lock file names; None when it is empty or not a lock file we can read."""
        try:
            fields = json.loads(data.decode("utf-8"))
            user, host, pid = fields["user"], fields["host"], fields["pid"]
            since = dt.datetime.fromisoformat(fields["since"])
            app, boot, token = (fields.get(key, "") for key in ("app", "boot", "token"))
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            return None
        texts_ok = all(isinstance(v, str) for v in (user, host, app, boot, token)) and user and host
        if not texts_ok or type(pid) is not int or pid <= 0:
            return None
        if since.tzinfo is None:
            since = since.astimezone()  # no zone written: the local time of whoever wrote it
        return cls(user, host, pid, since, app, boot, token)

    def describe(self, now: dt.datetime | None = None) -> str:
        """'Ana on FRONT-DESK since 09:12', with the date when it was not today."""
        since = self.since.astimezone()
        today = (now or dt.datetime.now().astimezone()).date()
        when = f"{since:%H:%M}" if since.date() == today else f"{since:%Y-%m-%d %H:%M}"
        return f"{self.user} on {self.host} since {when}"


class LockFile:
    """Holds `<catalog>.lock` from `acquire` to `release`; `held` is False when someone else has it.

    When refused, `owner` says who has it. When a stale lock was taken over, `took_over` says whose
    it was and why it was stale. `folder_read_only` is True when no lock file can be written here;
    `file_read_only` when the catalog file itself is read-only, so that nothing would be saved over
    it (the lock is then not taken at all). `lock_unreadable` is True when refused by a lock file
    that cannot be read.
    """

    def __init__(self, catalog: Path, *, stale_after: dt.timedelta = STALE_AFTER) -> None:
        self.catalog = Path(catalog)
        self.path = lock_path(self.catalog)
        self.stale_after = stale_after
        self.held = False
        self.owner = ""
        self.took_over = ""
        self.folder_read_only = False
        self.file_read_only = False
        self.lock_unreadable = False
        self._me: LockOwner | None = None
        self._refused_by: bytes | None = None

    def acquire(self) -> bool:
        """True when this editor now holds the lock."""
        if self.held:
            return True
        self.lock_unreadable = False
        self.file_read_only = is_read_only(self.catalog)
        if self.file_read_only:
            return False
        me = LockOwner.me()
        try:
            self.held = self._acquire(me)
        except OSError:
            self.folder_read_only = True  # a lock cannot be written here, so neither can a save
            self.held = False
        self._me = me if self.held else None
        return self.held

    def _acquire(self, me: LockOwner) -> bool:
        for _ in range(3):  # another editor may take or drop the lock between two looks
            if _write_new(self.path, me.to_bytes()):
                return True
            found = _read(self.path)
            if found == b"":
                time.sleep(SETTLE_SECONDS)  # an editor creating the lock writes it just after
                found = _read(self.path)
            if found is None:
                continue  # released meanwhile: try to create it again
            if found == _UNREADABLE:
                # Whose it is cannot be told, so whether its editor still runs cannot either.
                self.lock_unreadable = True
                self.owner = ""
                return False
            previous = LockOwner.from_bytes(found)
            if previous is None:
                whose = "an empty or damaged lock file"
            else:
                why = self._why_stale(previous, me)
                if why is None:
                    self.owner = previous.describe()
                    self._refused_by = found  # what `take_over` may take, once staff confirm
                    return False
                whose = f"{previous.describe()}, {why}"
            if self._take_over(found, me):
                self.took_over = whose
                return True
        self.owner = "another editor"
        return False

    def _why_stale(self, owner: LockOwner, me: LockOwner) -> str | None:
        """Why `owner`'s lock is stale, in words; None while its owner may still be editing."""
        if owner.host.casefold() == me.host.casefold():
            if owner.boot and me.boot and owner.boot != me.boot:
                return "before this computer restarted"
            return None if _running(owner.pid) else "no longer running"
        # Another computer: its process cannot be checked from here, so only age tells.
        if dt.datetime.now(dt.UTC) - owner.since > self.stale_after:
            return f"older than {self.stale_after.total_seconds() / 3600:g} hours"
        return None

    def _take_over(self, found: bytes, me: LockOwner) -> bool:
        """Replace the stale lock `found` by ours; False when another editor got there first."""
        staged = self.path.with_name(f".{self.path.name}.{me.token}.tmp")
        if not _write_new(staged, me.to_bytes()):
            return False
        try:
            if _read(self.path) != found:
                return False  # taken over or released meanwhile: look again
            os.replace(staged, self.path)
        finally:
            with contextlib.suppress(OSError):
                staged.unlink()
        # Two editors recovering at once both replace it; whoever wrote last holds it, and after a
        # moment both read the same file back, so exactly one goes on.
        time.sleep(SETTLE_SECONDS)
        return self._is_mine(me)

    def _is_mine(self, me: LockOwner) -> bool:
        now = LockOwner.from_bytes(_read(self.path) or b"")
        return now is not None and now.token == me.token

    def can_take_over(self) -> bool:
        """Whether staff may take the lock over (`take_over`): it is held by an editor on another
        computer, whose process cannot be checked from here. One on this computer that still runs
        is never taken from (closing it there is the way)."""
        found = _read(self.path)
        owner = LockOwner.from_bytes(found) if found else None
        if self.held or owner is None or self.file_read_only:
            return False
        return owner.host.casefold() != socket.gethostname().casefold()

    def take_over(self) -> bool:
        """Take the lock from the editor on another computer that holds it, once staff have
        confirmed that computer is off or its editor has crashed. True when this editor holds the
        lock now; False when it changed hands meanwhile (look again) or cannot be taken."""
        if self.held:
            return True
        found = _read(self.path)
        owner = LockOwner.from_bytes(found) if found else None
        if found is None or found != self._refused_by or owner is None or not self.can_take_over():
            # Not the lock staff were shown (released, or taken by someone else meanwhile): look
            # again the usual way, which says who holds it now.
            return self.acquire()
        me = LockOwner.me()
        try:
            self.held = self._take_over(found, me)
        except OSError:
            self.folder_read_only = True
            self.held = False
        if self.held:
            self._me = me
            self.took_over = f"{owner.describe()}, taken over after its computer was said to be off"
            self.owner = ""
        return self.held

    def still_held(self) -> bool:
        """Whether the lock file still names this editor (a save asks just before it replaces the
        file). When another editor took it over meanwhile, `held` turns False."""
        if self.held and self._me is not None and self._is_mine(self._me):
            return True
        self.held = False
        self._me = None
        return False

    def release(self) -> None:
        """Remove the lock file, unless it is no longer ours (another computer took it over)."""
        if self.held and self._me is not None and self._is_mine(self._me):
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False
        self._me = None


def _write_new(path: Path, data: bytes) -> bool:
    """Create `path` holding `data`; False when it exists already. Never overwrites."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666)  # readable by other users (umask permitting): they must see who
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return True


def _read(path: Path) -> bytes | None:
    """The lock file's bytes; None when there is none, _UNREADABLE when it cannot be read."""
    try:
        with path.open("rb") as file:
            return file.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        return _UNREADABLE


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # services and containers may have no login name
        return "someone"


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _running(pid: int) -> bool:
    """True when a process `pid` exists on this computer (when unsure, True: the lock is kept)."""
    if sys.platform == "win32":
        # os.kill(pid, 0) would not test a process on Windows: it sends it Ctrl+C.
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists, someone else's
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return not ok or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists and belongs to another user
        return True
    return True
