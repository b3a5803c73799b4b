"""The editor's check after a pause in typing, run in a thread so that typing never waits for it.

At 5,000 techniques the whole catalog is dumped and read back by the validator, which takes
seconds; on the window's thread every pause froze the editor for that long. Here the check runs
in a thread of its own (plain Python: it touches no Qt object) and the window collects the result
within a frame of it finishing. The check is incremental (`editing.IncrementalCheck`): after the
first, only the techniques edited since are read again, in milliseconds; and the first starts
from what opening the file found (`opened`), so it reads only the techniques the file has problems
in, and an edit's check made just after opening does not wait seconds for a read of them all. A
result for a catalog that has changed since is dropped, and the newest catalog is checked next.
Saving waits for the check of the catalog it saves: nothing is saved unchecked.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from massage_explorer.core import editing
from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import Problem
from massage_explorer.ui.common.background import window_first

COLLECT_MS = 15  # how often a finished check is looked for

log = logging.getLogger(__name__)


class BackgroundCheck(QObject):
    """Checks one catalog at a time off the window's thread; `checked` carries (catalog, problems)."""

    checked = Signal(object, list)
    finished = Signal()  # a check ended, with a result or not

    def __init__(self, base_dir: Callable[[], Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base_dir = base_dir
        self.check = editing.IncrementalCheck()  # what it read is kept for the next check
        self._thread: threading.Thread | None = None
        self._box: list[tuple[Catalog, list[Problem]]] = []
        self._checking: Catalog | None = None  # the catalog the running check reads
        self._next: Catalog | None = None
        self._collect = QTimer(self)
        self._collect.setInterval(COLLECT_MS)
        self._collect.timeout.connect(self._collect_result)

    def opened(
        self, catalog: Catalog, problems: list[Problem], today: dt.date, left_out: tuple[int, int] = (0, 0)
    ) -> None:
        """What the validator found reading the file opened (with `today`; `left_out`, what it
        counted but did not keep): the check starts from it (`IncrementalCheck.opened`)."""
        self.check.opened(catalog, problems, base_dir=self._base_dir(), today=today, left_out=left_out)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, catalog: Catalog) -> None:
        """Check `catalog`; while a check runs, the newest catalog asked for is checked after it
        (none, where that is the catalog being checked: a save asking as the first check runs)."""
        if self._thread is not None:
            self._next = None if catalog is self._checking else catalog
            return
        self._checking = catalog
        box: list[tuple[Catalog, list[Problem]]] = []
        self._box = box
        base_dir = self._base_dir()
        self._thread = threading.Thread(target=self._run, args=(catalog, base_dir, box), daemon=True)
        self._thread.start()
        self._collect.start()

    @Slot()
    def _collect_result(self) -> None:
        if self._thread is None or self._thread.is_alive():
            return
        self._collect.stop()
        self._thread = self._checking = None
        if self._box:
            catalog, problems = self._box[0]
            self.checked.emit(catalog, problems)
        if self._next is not None:
            catalog, self._next = self._next, None
            self.start(catalog)
        self.finished.emit()

    def stop(self) -> None:
        """Drop what is under way (the editor is closing)."""
        self._collect.stop()
        self._next = None

    def _run(self, catalog: Catalog, base_dir: Path, box: list[tuple[Catalog, list[Problem]]]) -> None:
        """In the thread: the same check as `editing.check`, its result left in `box`."""
        try:
            with window_first():
                box.append((catalog, self.check(catalog, base_dir=base_dir)))
        except Exception:  # a bug here must not end the thread unheard: the window checks on save
            log.exception("the editor's check failed")
