"""Read and check the catalog in a child process while the app imports Qt. No Qt.

Start-up has two long, independent steps: importing PySide6 and the screens (about 120 ms), and
importing PyYAML and the validator and checking the catalog (about 35 ms). Both hold Python's
global lock, so a thread would not overlap them; a forked child does, on any machine with a
second core. The child runs the same `load_catalog` as everything else (one validator), and
sends back its `LoadResult`. Whatever goes wrong in the child (no fork on this system, a crash,
a result that does not arrive whole) costs only time: the parent then reads the file itself,
exactly as it would have without the child.

Forking is only safe before any other thread exists, so `start` forks only while the process has
one thread and Qt (which starts threads of its own) is not yet loaded; otherwise, and where there
is no fork, it does nothing and `result()` reads in-process.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from massage_explorer.core.problems import LoadResult


def _may_fork() -> bool:
    # macOS system libraries do not promise to work in a forked child that does not exec; a
    # kiosk there reads the catalog in-process, as Windows does (no fork at all).
    if not hasattr(os, "fork") or sys.platform == "darwin" or "PySide6.QtCore" in sys.modules:
        return False
    threading = sys.modules.get("threading")  # not imported: then no thread was started either
    return threading is None or threading.active_count() == 1


class PendingLoad:
    """A catalog file being read and checked; `result()` waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.forked = False
        self._pid = 0
        self._pipe = -1

    @classmethod
    def start(cls, path: Path) -> PendingLoad:
        pending = cls(path)
        if not _may_fork():
            return pending
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return pending
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _load_and_send(path, write_end)
        os.close(write_end)
        pending.forked, pending._pid, pending._pipe = True, pid, read_end
        return pending

    def result(self) -> LoadResult:
        """The checked catalog, as `load_catalog(path)` gives it; raises OSError as it does."""
        received = self._receive() if self._pid else None
        if received is not None:
            return received
        from massage_explorer.core.storage import load_catalog  # PyYAML and the validator, only now

        return load_catalog(self.path)

    def _receive(self) -> LoadResult | None:
        with open(self._pipe, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if status != 0 or not data:
            return None
        try:
            # Our own child, started from this very process image, wrote it a moment ago.
            received = pickle.loads(data)
        except Exception:  # a partial write; the caller reads the file itself
            return None
        return received if isinstance(received, LoadResult) else None


def _load_and_send(path: Path, pipe: int) -> None:
    """In the child: check the catalog, send the result, and leave without running any of the
    parent's exit handlers or flushing its buffers."""
    status = 1
    try:
        from massage_explorer.core.storage import load_catalog

        data = pickle.dumps(load_catalog(path), protocol=pickle.HIGHEST_PROTOCOL)
        with open(pipe, "wb") as out:
            out.write(data)
        status = 0
    except BaseException:  # any failure here only means that the parent reads the file itself
        pass
    finally:
        os._exit(status)
