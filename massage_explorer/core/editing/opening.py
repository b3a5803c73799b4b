"""A catalog file as the editor opens it: its bytes, their stamp and what they hold, read together.

Plain Python, so that the editor can read a large file on a thread while its window (or the kiosk's
PIN pad) answers: at 5,000 techniques the read and check take seconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from massage_explorer.core.editing.safe_save import FileStamp
from massage_explorer.core.problems import LoadResult
from massage_explorer.core.storage import OnDisk, parse_catalog, read_catalog_stamped


@dataclass(frozen=True)
class Opened:
    """What opening `path` found. `result.catalog` is None when the file is refused."""

    path: Path
    data: bytes
    stamp: FileStamp
    result: LoadResult
    today: dt.date

    @property
    def on_disk(self) -> OnDisk | None:
        """The bytes and the catalog they hold, which a save splices into; None when refused."""
        catalog = self.result.catalog
        return None if catalog is None else OnDisk(self.data, catalog)


def read_for_editing(path: Path, today: dt.date | None = None) -> Opened:
    """Read and check the catalog file at `path`; OSError if it cannot be read (also when it is
    no regular file). Bad content is never raised: it is in the result's problems."""
    path = Path(path)
    data, mtime_ns = read_catalog_stamped(path)
    today = today or dt.date.today()
    result = parse_catalog(data, base_dir=path.parent, today=today)
    return Opened(path, data, FileStamp.of_bytes(data, mtime_ns), result, today)
