"""The editor's validation: the catalog's own validator run on the edited catalog. No Qt.

Each problem carries its Location (item, field, language), which the editor uses to put the
message beside the field it is about.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import Problem
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import parse_catalog


def check(catalog: Catalog, *, base_dir: Path | None, today: dt.date | None = None) -> list[Problem]:
    """Every problem the validator finds in the catalog as it would be saved, errors and warnings.

    The catalog is dumped and read back exactly as a saved file would be, so the editor, the
    command line and the kiosk can never disagree. Line numbers refer to that dump.
    """
    data = dump_catalog(catalog).encode("utf-8")
    return parse_catalog(data, base_dir=base_dir, today=today).problems
