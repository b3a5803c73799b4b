"""One editor per catalog: a lock file next to it, recovered when the editor that left it is gone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


def lock_path(catalog: Path) -> Path:
    return catalog.with_name(catalog.name + ".lock")


class CatalogLock:
    """Holds `<catalog>.lock` while the editor is open; `held` is False when someone else has it."""

    def __init__(self, catalog: Path) -> None:
        self.path = lock_path(catalog)
        self._lock = QLockFile(str(self.path))
        # Never stale by age: an editor may stay open all day. A lock whose process is gone (or
        # whose pid now belongs to another program) is still recognised as stale by QLockFile.
        self._lock.setStaleLockTime(0)
        self.held = False
        self.owner = ""
        self.folder_read_only = False

    def acquire(self) -> bool:
        if self.held:
            return True
        self.held = self._lock.tryLock(0)
        if not self.held and self._lock.error() == QLockFile.LockError.LockFailedError:
            # tryLock already removes a lock whose owner is gone; a second try covers the race
            # with another editor recovering the same stale lock at the same moment.
            self.held = self._lock.tryLock(100)
        if not self.held:
            self.owner = self._describe_owner()
        return self.held

    def _describe_owner(self) -> str:
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) == 3 and info[0]:
            pid, host, app = info
            return f"{app or 'another program'} (process {pid} on {host or 'this computer'})"
        self.folder_read_only = self._lock.error() == QLockFile.LockError.PermissionError
        return "another editor"

    def release(self) -> None:
        if self.held:
            self._lock.unlock()
            self.held = False
