"""Live reload: follow the catalog file, apply a valid new version, keep the last good one otherwise."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from massage_explorer.core.catalog import Catalog

log = logging.getLogger(__name__)
POLL_MS = 2000  # for network shares that send no change events
SETTLE_MS = 250  # editors write in several steps; look once they are done


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


class CatalogWatcher(QObject):
    """Watches one catalog file and reports each new version once: applied or refused.

    A QFileSystemWatcher on the file alone loses its watch when the file is replaced by a rename
    (how every safe editor saves), so the folder is watched too and the file re-added. Network
    shares may send no events at all: a cheap stat every POLL_MS catches those.
    """

    reloaded = Signal(object)  # the new Catalog
    rejected = Signal(object)  # the LoadResult with its problems; the old catalog stays

    def __init__(
        self,
        path: Path,
        current: Catalog,
        *,
        poll_ms: int = POLL_MS,
        use_events: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.current = current
        self._seen = _stamp(path)
        self._events: QFileSystemWatcher | None = None
        if use_events:
            self._events = QFileSystemWatcher(self)
            self._events.addPath(str(path.parent))
            self._watch_file()
            self._events.fileChanged.connect(self._soon)
            self._events.directoryChanged.connect(self._soon)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.check)
        self._poll.start()

    def _watch_file(self) -> None:
        if self._events is not None and str(self.path) not in self._events.files() and self.path.exists():
            self._events.addPath(str(self.path))

    @Slot()
    def _soon(self) -> None:
        self._settle.start()

    @Slot()
    def check(self) -> None:
        """Look at the file now; act only if it is not the version already seen."""
        self._watch_file()  # after a rename the old watch is gone
        stamp = _stamp(self.path)
        if stamp is None or stamp == self._seen:
            return
        self._seen = stamp
        # PyYAML and the validator: imported at the first change, not while the app starts.
        from massage_explorer.core.storage import load_catalog

        try:
            result = load_catalog(self.path)
        except OSError as exc:
            log.warning("catalog %s could not be read: %s", self.path, exc)
            return
        if result.catalog is None:
            for problem in result.errors:
                log.warning("catalog update refused: %s", problem.format(str(self.path)))
            self.rejected.emit(result)
            return
        if result.catalog != self.current:
            self.current = result.catalog
            log.info("catalog %s reloaded: %d techniques", self.path, len(result.catalog))
            self.reloaded.emit(result.catalog)

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
