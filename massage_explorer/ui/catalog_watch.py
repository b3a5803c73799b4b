"""Live reload: follow the catalog file, apply a valid new version, keep the last good one otherwise.

A new version is read and checked in a thread of its own, so a large or hostile file never holds
up the window: the patient keeps scrolling while it is checked, and the result is swapped in by
the event loop in one step. The thread touches no Qt object (a window may close while it works):
it leaves its result in a plain box the watcher's timer looks into.

Each read remembers the file's techniques (core.schema.validator.TechniqueMemo), so the next
version reads only the techniques staff changed: at 5,000 techniques that halves a reload. The
watcher can read the file once in the background soon after start-up for that alone ("prime").
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import SHOWN_PROBLEMS, LoadResult, Problem, Severity, listed, not_shown
from massage_explorer.ui.common.background import window_first
from massage_explorer.ui.common.heap import give_back_free_memory

if TYPE_CHECKING:  # imported with PyYAML at the first read, not while the app starts
    from massage_explorer.core.schema.validator import TechniqueMemo

log = logging.getLogger(__name__)
POLL_MS = 2000  # for network shares that send no change events
# A new version is read once it has stayed unchanged this long, looked at twice (_quiet_ms). One
# saved by the editor (a whole file renamed in, the file seen kept as its backup) is taken as
# whole at once; the short wait covers the steps around the rename. Any other may be half
# written, with the writer paused mid-file: a copy onto a share or an editor that overwrites the
# file, a file where there was none, a copy that deletes the file and writes a new one (another
# inode, as a rename gives). Half a catalog is often valid YAML, with techniques or their
# cautions missing. It waits longer.
SETTLE_MS = 250
OTHER_WRITE_MS = 2000
COLLECT_MS = 15  # how often a finished check is looked for: within a frame of it finishing
_FREE_SLICE = 20  # techniques of a copy freed at a time
PRIME_MS = 10_000  # after start-up, when the kiosk and app read their file once to remember it

Stamp = tuple[int, int, int, int]


def _stamp(path: Path) -> Stamp | None:
    """What changes whenever the file does. The change time too: an edit in place that keeps the
    size and puts the modification time back (as some tools do) still changes it."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def _now_the_backup(path: Path, seen: Stamp | None) -> bool:
    """Whether the version seen is now the catalog's backup, as the editor's save leaves it
    (storage.atomic_write links it there, then renames the whole new file in). Where the backup is
    a copy instead (a share without hard links), it is not the same file: the longer wait."""
    if seen is None:
        return False
    from massage_explorer.core.storage import BACKUP_SUFFIX  # (with PyYAML: not while the app starts)

    backup = _stamp(path.with_name(path.name + BACKUP_SUFFIX))
    # The link changes the change time; the rest is the file seen as it was.
    return backup is not None and (backup[0], backup[2], backup[3]) == (seen[0], seen[2], seen[3])


def _unreadable(path: Path, reason: str) -> LoadResult:
    """A version that cannot be read at all, said to staff as a problem of the file as a whole."""
    return LoadResult(None, [Problem(Severity.ERROR, f"cannot read the catalog file: {reason}")])


class CatalogWatcher(QObject):
    """Watches one catalog file and reports each new version once: applied or refused.

    A QFileSystemWatcher on the file alone loses its watch when the file is replaced by a rename
    (how every safe editor saves), so the folder is watched too and the file re-added. Network
    shares may send no events at all: a cheap stat every POLL_MS catches those. A version that
    cannot be read (gone, replaced by a folder, no permission) is refused like one with errors.
    """

    reloaded = Signal(object)  # the new Catalog
    rejected = Signal(object)  # the LoadResult with its problems; the old catalog stays
    # After a refused version, one that holds the catalog shown (the last good file put back):
    # nothing to apply, but the problems said are gone.
    restored = Signal()

    def __init__(
        self,
        path: Path,
        current: Catalog,
        *,
        poll_ms: int = POLL_MS,
        use_events: bool = True,
        prime_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`prime_ms`: read the file once that long after now, only to remember its techniques
        for the first real change (nothing is applied or reported from that read)."""
        super().__init__(parent)
        self.path = path
        self.current = current
        self._refused = False  # the last version read was refused
        self._seen = _stamp(path)
        # A new version seen once, and when: it is read when a later look finds it unchanged
        # after SETTLE_MS where the editor saved it, OTHER_WRITE_MS for any other (see _quiet_ms).
        self._first_look: tuple[Stamp | None, float] | None = None
        self._read_stamp: Stamp | None = None  # the version being read
        self._reading: threading.Thread | None = None
        self._result: list[LoadResult] = []  # where the reading thread leaves what it found
        self._again = False  # the file changed again while a version was being read
        self._stopped = False
        self._priming = False  # the read under way is only to remember the techniques
        self._memo: list[TechniqueMemo] = []  # made by the first read: PyYAML is imported then
        self._collect = QTimer(self)
        self._collect.setInterval(COLLECT_MS)
        self._collect.timeout.connect(self._collect_result)
        self._events: QFileSystemWatcher | None = None
        if use_events:
            self._events = QFileSystemWatcher(self)
            self._events.addPath(str(path.parent))
            self._watch_file()
            self._events.fileChanged.connect(self._soon)
            self._events.directoryChanged.connect(self._soon)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)  # started with the wait each look needs
        self._settle.timeout.connect(self.check)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.check)
        self._poll.start()
        self._prime = QTimer(self)
        self._prime.setSingleShot(True)
        self._prime.timeout.connect(self._read_to_remember)
        if prime_ms is not None:
            self._prime.start(prime_ms)

    @property
    def busy(self) -> bool:
        """A version is being read and checked right now."""
        return self._reading is not None

    def _watch_file(self) -> None:
        if self._events is not None and str(self.path) not in self._events.files() and self.path.exists():
            self._events.addPath(str(self.path))

    @Slot()
    def _soon(self) -> None:
        self._settle.start(SETTLE_MS)  # a look soon; check() decides how long a version waits

    @Slot()
    def check(self) -> None:
        """Look at the file now; read it (in the background) if it is not the version seen and
        has stayed unchanged since it was first looked at, for as long as _quiet_ms asks."""
        if self._stopped:
            return
        self._watch_file()  # after a rename the old watch is gone
        stamp = _stamp(self.path)
        if stamp == self._seen:
            self._first_look = None
            return
        if self._reading is not None:
            self._again = True  # looked at again once the version being read is done
            return
        now = time.monotonic()
        if self._first_look is None or self._first_look[0] != stamp:  # still being written?
            self._first_look = (stamp, now)
            self._settle.start(self._quiet_ms(stamp))
            return
        left = self._quiet_ms(stamp) - (now - self._first_look[1]) * 1000
        if left > 0:  # looked at early (a change event, the poll): wait out the rest
            self._settle.start(math.ceil(left))
            return
        self._first_look = None
        self._seen = stamp
        self._start_reading(stamp)

    def _quiet_ms(self, stamp: Stamp | None) -> int:
        """How long a new version must stay unchanged before it is read: SETTLE_MS where the
        file is gone, or where the editor saved it (the file seen is now its backup: a whole new
        file was renamed in); OTHER_WRITE_MS otherwise. (A rename by another tool waits the longer
        time too: it cannot be told from a copy that deleted the file and is still writing a new
        one, and 2 s late is better than half a catalog.)"""
        if stamp is None:
            return SETTLE_MS
        return SETTLE_MS if _now_the_backup(self.path, self._seen) else OTHER_WRITE_MS

    @Slot()
    def _read_to_remember(self) -> None:
        """Read the file as it is, to remember its techniques; nothing comes of it otherwise."""
        if self._stopped or self._reading is not None or self._memo:
            return
        self._priming = True
        self._start_reading(self._seen)

    def _start_reading(self, stamp: Stamp | None) -> None:
        self._read_stamp = stamp
        box: list[LoadResult] = []
        self._result = box
        self._reading = threading.Thread(
            target=_read,
            args=(self.path, stamp, self.current, box, self._memo),
            name="catalog reload",
            daemon=True,
        )
        self._reading.start()
        self._collect.start()

    @Slot()
    def _collect_result(self) -> None:
        if self._reading is None or self._reading.is_alive():
            return
        self._collect.stop()
        self._reading = None
        if self._priming:
            self._priming = False
            if self._again:
                self._again = False
                self.check()
            return
        if _stamp(self.path) != self._read_stamp:
            # Changed while it was read: what was read may be half a version. Nothing is applied;
            # the file is looked at again, twice, as any new version is.
            self._again = False
            self.check()
            return
        self._apply(self._result[0])

    def _apply(self, result: LoadResult) -> None:
        refused_before, self._refused = self._refused, result.catalog is None
        if result.catalog is None:
            for line in listed(result.errors, str(self.path)):
                log.warning("catalog update refused: %s", line)
            self.rejected.emit(result)
        elif result.catalog is not self.current:
            self.current = result.catalog
            log.info("catalog %s reloaded: %d techniques", self.path, len(result.catalog))
            self.reloaded.emit(result.catalog)
        elif refused_before:
            log.info("catalog %s valid again, as shown", self.path)
            self.restored.emit()
        if self._again:
            self._again = False
            self.check()

    def stop(self) -> None:
        """Stop following the file; a check under way finishes, and its result is dropped."""
        self._stopped = True
        self._poll.stop()
        self._settle.stop()
        self._collect.stop()
        self._prime.stop()
        if self._events is not None:
            self._events.removePaths(self._events.files() + self._events.directories())


def _read(
    path: Path, stamp: Stamp | None, current: Catalog, box: list[LoadResult], memo: list[TechniqueMemo]
) -> None:
    """In the reading thread: read and check the file, compare it with what is shown, and leave
    the result in `box`. `memo` holds the TechniqueMemo of the reads before (made here the first
    time). Plain Python only: nothing here may touch a Qt object."""
    # PyYAML and the validator: imported at the first change, not while the app starts.
    from massage_explorer.core.schema.validator import TechniqueMemo
    from massage_explorer.core.storage import load_catalog

    if not memo:
        memo.append(TechniqueMemo())
    remembered = memo[0]
    remembered.share(current)  # techniques read that equal those shown are taken from there
    with window_first(keep=True):  # the new catalog lives until the next one
        try:
            if stamp is None:
                result = _unreadable(path, "the file is gone")
            else:
                result = load_catalog(path, memo=remembered)
        except OSError as exc:  # also a folder or a pipe in its place: load_catalog reads files only
            result = _unreadable(path, exc.strerror or str(exc))
        except Exception as exc:  # a bug here must not end the thread unheard
            log.exception("catalog %s could not be checked", path)
            result = _unreadable(path, f"it could not be checked ({type(exc).__name__})")
        remembered.share(None)  # the catalog shown may be swapped: its techniques are not kept here
        if result.catalog is not None and result.catalog == current:  # saved again unchanged
            copy = list(result.catalog.techniques)
            result = LoadResult(current, result.problems, result.left_out)
            # The copy just read, let go of a few techniques at a time: freed at once, 5,000 of
            # them held the window up for half a second.
            while copy:
                del copy[-_FREE_SLICE:]
        elif result.catalog is None and (len(result.problems) > SHOWN_PROBLEMS or result.left_out[0]):
            result = _told(result)
    give_back_free_memory()  # what the read freed, before the next read (a save) needs more
    box.append(result)


def _told(refused: LoadResult) -> LoadResult:
    """A refused version's problems as far as staff are told them: the first errors and one
    counting the rest, SHOWN_PROBLEMS in all, so that `listed` tells them whole (one more, and it
    cut off that count and said "… and 1 more"). Let go of here, a few at a time: 490,000 of
    them, given to the window to tell and free, held it up for 0.6 s."""
    errors = refused.errors
    kept = errors
    # (else the rest are warnings, which staff are not told)
    if len(errors) > SHOWN_PROBLEMS or refused.left_out[0]:
        kept = errors[: SHOWN_PROBLEMS - 1]
        left = not_shown(errors[SHOWN_PROBLEMS - 1 :], (refused.left_out[0], 0))
        kept.append(Problem(Severity.ERROR, left))
    problems = refused.problems
    del errors  # (its references would keep each problem the slices below let go of)
    while problems:
        del problems[-_FREE_SLICE * 100 :]
    return LoadResult(None, kept)
