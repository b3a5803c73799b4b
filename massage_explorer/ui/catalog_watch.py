"""Live reload: follow the catalog file, apply a valid new version, keep the last good one otherwise.

A new version is read and checked in a thread of its own, so a large or hostile file never holds
up the window: the patient keeps scrolling while it is checked, and the result is swapped in by
the event loop in one step. The thread touches no Qt object (a window may close while it works):
it leaves its result in a plain box the watcher's timer looks into (ui.catalog_read).

Each read remembers the file's techniques (core.schema.validator.TechniqueMemo), so the next
version reads only the techniques staff changed: at 5,000 techniques that halves a reload. The
watcher can read the file once in the background soon after start-up for that alone ("prime").

When a new version is shown. Nothing in a file says its writer is done, and half a catalog is
often valid YAML (a technique without its cautions), so:

- The editor's save is read once it has stayed unchanged for SETTLE_MS (250 ms): it is whole, a
  file written out and renamed in, with the version seen kept as its backup (a hard link). It is
  told by both: the backup is the version seen, and the file in place was last written no later
  than that backup was made (the backup's change time). A file written after the save, deleted
  and written anew or written over even within those 250 ms, is not it.
- Any other version (cp, scp, rsync, a share's copy, a text editor, a rename by another tool, a
  file where there was none) is read once it has stayed unchanged for OTHER_WRITE_MS (2 s).
- If such a version looks cut short (core.cut_short: it does not end with a line break; its last
  technique is a shown one that changed, or that shown ones it lacks followed; it leaves out more
  than half the techniques shown), it is held back, and the log says why, until it has stayed
  unchanged for UNFINISHED_MS (30 s) from when it was first seen; then it is shown: a legitimate
  edit of that kind comes late, never not at all. A change meanwhile drops it; the new version
  starts again from the top.

Meanwhile the last good catalog stays shown; a version with errors is refused at once (it replaces
nothing). Not caught: a writer paused exactly at a line's end inside a technique new in this
version (block copies stop mid-line nearly always). On Windows, where Python gives the creation
time for the change time, the backup alone tells the editor's save: a file written over within
its 250 ms can still be taken for it there.
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
from massage_explorer.core.problems import LoadResult, listed
from massage_explorer.ui.catalog_read import Read, read_version

if TYPE_CHECKING:  # imported with PyYAML at the first read, not while the app starts
    from massage_explorer.core.schema.validator import TechniqueMemo

log = logging.getLogger(__name__)
POLL_MS = 2000  # for network shares that send no change events
# A new version is read once it has stayed unchanged this long, looked at twice (_quiet_ms): the
# editor's save after SETTLE_MS, which covers the steps around its rename; any other after
# OTHER_WRITE_MS; one of those that looks cut short is shown after UNFINISHED_MS (see above).
SETTLE_MS = 250
OTHER_WRITE_MS = 2000
UNFINISHED_MS = 30_000
COLLECT_MS = 15  # how often a finished check is looked for: within a frame of it finishing
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


def _the_editors_save(path: Path, seen: Stamp | None, now: Stamp) -> bool:
    """Whether the file now at `path` (stamp `now`) is the editor's save of the version seen.
    storage.atomic_write writes the new file whole, links the file seen to the backup, then
    renames the new file in: the backup is the version seen, and the new file was last written no
    later than the link changed the backup's change time. A file written after the save (deleted
    and written again, or overwritten) is not it, though the backup still is the version seen.
    Where the backup is a copy instead (a share without hard links), it is not the same file."""
    if seen is None:
        return False
    from massage_explorer.core.storage import BACKUP_SUFFIX  # (with PyYAML: not while the app starts)

    backup = _stamp(path.with_name(path.name + BACKUP_SUFFIX))
    # The link changes the change time; the rest is the file seen as it was.
    if backup is None or (backup[0], backup[2], backup[3]) != (seen[0], seen[2], seen[3]):
        return False
    # (Windows gives the creation time for the change time: there the backup alone tells it.)
    return os.name == "nt" or now[0] <= backup[1]


def _quiet_ms(stamp: Stamp | None, saved: bool) -> int:
    """How long a new version must stay unchanged before it is read: SETTLE_MS where the file is
    gone, or where it is the editor's save (`saved`: a whole new file renamed in); OTHER_WRITE_MS
    otherwise. (A rename by another tool waits the longer time too: it cannot be told from a copy
    that deleted the file and is still writing a new one, and 2 s late is better than half a
    catalog.)"""
    return SETTLE_MS if stamp is None or saved else OTHER_WRITE_MS


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
        self._read_since = 0.0  # when it was first seen
        self._read_saved = False  # it is the editor's save: whole
        self._reading: threading.Thread | None = None
        self._result: list[Read] = []  # where the reading thread leaves what it found
        # A valid version that looks cut short (the version seen), and when it was first seen:
        # shown once it has stayed unchanged for UNFINISHED_MS.
        self._held: tuple[LoadResult, float] | None = None
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
            if self._held is not None:
                self._show_held_when_due()
            return
        if self._held is not None:
            log.info("catalog %s changed again before the version held back was shown", self.path)
            self._held = None
        if self._reading is not None:
            self._again = True  # looked at again once the version being read is done
            return
        now = time.monotonic()
        saved = stamp is not None and _the_editors_save(self.path, self._seen, stamp)
        quiet = _quiet_ms(stamp, saved)
        if self._first_look is None or self._first_look[0] != stamp:  # still being written?
            self._first_look = (stamp, now)
            self._settle.start(quiet)
            return
        left = quiet - (now - self._first_look[1]) * 1000
        if left > 0:  # looked at early (a change event, the poll): wait out the rest
            self._settle.start(math.ceil(left))
            return
        self._read_since = self._first_look[1]
        self._read_saved = saved
        self._first_look = None
        self._seen = stamp
        self._start_reading(stamp)

    def _show_held_when_due(self) -> None:
        """Show the version held back once it has stayed unchanged for UNFINISHED_MS."""
        assert self._held is not None
        result, since = self._held
        left = UNFINISHED_MS - (time.monotonic() - since) * 1000
        if left > 0:
            self._settle.start(math.ceil(left))  # (a change event may have restarted it sooner)
            return
        self._held = None
        log.info(
            "catalog %s unchanged for %d s: the version held back is shown", self.path, UNFINISHED_MS // 1000
        )
        self._apply(result)

    @Slot()
    def _read_to_remember(self) -> None:
        """Read the file as it is, to remember its techniques; nothing comes of it otherwise."""
        if self._stopped or self._reading is not None or self._memo:
            return
        self._priming = True
        self._start_reading(self._seen)

    def _start_reading(self, stamp: Stamp | None) -> None:
        self._read_stamp = stamp
        box: list[Read] = []
        self._result = box
        self._reading = threading.Thread(
            target=read_version,
            args=(self.path, stamp is None, self.current, box, self._memo),
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
        result, doubt = self._result[0]
        if doubt is not None and not self._read_saved:
            log.warning(
                "catalog %s: the new version is held back, since %s; it is shown once it has stayed"
                " unchanged for %d s (a copy may still be writing it)",
                self.path,
                doubt,
                UNFINISHED_MS // 1000,
            )
            self._held = (result, self._read_since)
            self._again = False  # (the file is as read: the look below is the one asked for)
            self._show_held_when_due()
            return
        self._apply(result)

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
        self._held = None
        self._poll.stop()
        self._settle.stop()
        self._collect.stop()
        self._prime.stop()
        if self._events is not None:
            self._events.removePaths(self._events.files() + self._events.directories())
