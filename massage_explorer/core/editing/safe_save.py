"""Saving from the editor without overwriting a change someone else made to the file. No Qt."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.editing.ids import EditError
from massage_explorer.core.editing.lock import LockFile
from massage_explorer.core.storage import OnDisk, atomic_write, catalog_bytes


class ChangedOnDisk(EditError):
    """The file was changed, moved or deleted since the editor opened it."""

    def __init__(self, path: Path, message: str = "") -> None:
        changed = (
            f"{path.name} was changed or removed on disk after you opened it (by another editor or by hand). "
            "Your edits were not saved over it: save them as a copy, then compare the two files"
        )
        super().__init__(message or changed)
        self.path = path


class LockLost(ChangedOnDisk):
    """Another editor took over this editor's lock (staff there said this computer was off), so the
    file is theirs to save now."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"Someone else took over editing {path.name} after you opened it. "
            "Your edits were not saved over theirs: save them as a copy, then compare the two files",
        )


@dataclass(frozen=True)
class FileStamp:
    """What a file was when the editor read it: modification time, size and a hash of its bytes."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path | str) -> FileStamp:
        """The stamp of the file as it is now; OSError if it cannot be read."""
        with Path(path).open("rb") as file:
            # The time from the open file, so it belongs to the bytes read even if a save races us.
            mtime_ns = os.fstat(file.fileno()).st_mtime_ns
            data = file.read()
        return cls.of_bytes(data, mtime_ns)

    @classmethod
    def of_bytes(cls, data: bytes, mtime_ns: int) -> FileStamp:
        """The stamp of a file holding `data`, modified at `mtime_ns`."""
        return cls(mtime_ns, len(data), hashlib.sha256(data).hexdigest())

    def changed(self, path: Path | str) -> bool:
        """True when the file on disk is not the one stamped, or is gone.

        The bytes decide, not the time: a file saved again unchanged is safe to overwrite, and
        some file systems keep times too coarsely to see two quick edits.
        """
        try:
            now = FileStamp.of(path)
        except OSError:
            return True
        return (now.size, now.sha256) != (self.size, self.sha256)


def save_checked(
    catalog: Catalog,
    path: Path | str,
    opened: FileStamp | None,
    base: OnDisk | None = None,
    *,
    lock: LockFile | None = None,
) -> FileStamp:
    """Save atomically with a backup, unless the file changed since `opened`; returns the new stamp.

    `opened` None means the editor started from no file, so the path must still be free; to
    replace an existing file on purpose (Save As), pass `FileStamp.of(path)` taken just before.
    `base`: the file the catalog was edited from, so that only the edits change in it
    (`storage.catalog_bytes`); without it the whole catalog is written out.
    `lock`: the editor's lock of `path`, which must still name this editor just before the file is
    replaced.
    Raises ChangedOnDisk when the file is not the one the editor opened, LockLost (one of those)
    when another editor took the lock over; the file, its backup and the folder are then as they
    were.
    """
    return save_bytes_checked(catalog_bytes(catalog, base), path, opened, lock=lock)


def save_bytes_checked(
    data: bytes, path: Path | str, opened: FileStamp | None, *, lock: LockFile | None = None
) -> FileStamp:
    """`save_checked` for a file's bytes as they are (a version restored from the history)."""
    path = Path(path)

    def still_as_opened() -> None:
        # Checked after the dump and the write, just before the rename: an edit made by hand while
        # we were saving is seen too, not only one made before Save was pressed. What is left: a
        # take-over and a whole save by the other editor between these looks and our rename
        # (the backup's hard link, or its copy where there are none).
        if lock is not None and not lock.still_held():
            raise LockLost(path)
        stale = path.exists() if opened is None else opened.changed(path)
        if stale:
            raise ChangedOnDisk(path)

    atomic_write(path, data, before_replace=still_as_opened)
    # The stamp of the bytes we wrote, not of a fresh read: an edit landing right after the rename
    # then counts as a change at the next save instead of passing for ours.
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError:
        mtime_ns = 0
    return FileStamp.of_bytes(data, mtime_ns)


def save_copy_path(path: Path | str) -> Path:
    """A free name next to `path`: 'techniques (copy).yaml', then 'techniques (copy 2).yaml', ..."""
    path = Path(path)
    candidate = path.with_name(f"{path.stem} (copy){path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} (copy {number}){path.suffix}")
        number += 1
    return candidate
