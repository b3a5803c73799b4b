"""The editor's validation: the catalog's own validator run on the edited catalog, and where each
problem belongs in the form. No Qt.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import Problem
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import parse_catalog

LocationKind = Literal["technique", "benefits", "conditions", "catalog"]

# The validator's prefixes: "technique 'swedish', benefits[1].note [es]: ...",
# "techniques[3], name: ...", "benefits 'sleep', label: ...", "languages: ...", "the catalog: ...".
_FIELD = r"(?:, (?P<field>[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*)(?: \[(?P<language>[A-Za-z-]+)\])?)?"
_REST = r": (?P<rest>.*)\Z"
_PREFIXES: tuple[tuple[LocationKind | None, re.Pattern[str]], ...] = (
    ("technique", re.compile(rf"technique '(?P<id>.*?)'{_FIELD}{_REST}", re.DOTALL)),
    ("technique", re.compile(rf"techniques\[(?P<index>\d+)\]{_FIELD}{_REST}", re.DOTALL)),
    (None, re.compile(rf"(?P<kind>benefits|conditions) '(?P<id>.*?)'{_FIELD}{_REST}", re.DOTALL)),
    (None, re.compile(rf"(?P<kind>benefits|conditions){_REST}", re.DOTALL)),
    ("catalog", re.compile(rf"(?P<field>techniques|languages|schema_version){_REST}", re.DOTALL)),
    ("catalog", re.compile(rf"the catalog{_REST}", re.DOTALL)),
)


@dataclass(frozen=True)
class Location:
    """Where a problem belongs in the editor.

    `kind` and `item_id` name the technique or term (item_id is None for a technique that has no
    id yet: `index` then gives its place in the list). `field` is the validator's path inside it,
    e.g. "benefits[1].evidence", or "" for the item as a whole; `language` is set when the problem
    is about one language of a text ("summary [es]" gives field "summary", language "es").
    """

    kind: LocationKind
    item_id: str | None
    field: str
    language: str | None = None
    index: int | None = None


def check(catalog: Catalog, *, base_dir: Path | None, today: dt.date | None = None) -> list[Problem]:
    """Every problem the validator finds in the catalog as it would be saved, errors and warnings.

    The catalog is dumped and read back exactly as a saved file would be, so the editor, the
    command line and the kiosk can never disagree. Line numbers refer to that dump.
    """
    data = dump_catalog(catalog).encode("utf-8")
    return parse_catalog(data, base_dir=base_dir, today=today).problems


def locate(problem: Problem) -> Location:
    """The item and field a problem is about, read from its message's location prefix."""
    return _parse(problem.message)[0]


def message_text(problem: Problem) -> str:
    """The message without its location prefix, to show next to the field it is about."""
    return _parse(problem.message)[1]


def _parse(message: str) -> tuple[Location, str]:
    for kind, pattern in _PREFIXES:
        match = pattern.match(message)
        if match is None:
            continue
        groups = match.groupdict()
        index = groups.get("index")
        location = Location(
            kind=kind or ("benefits" if groups["kind"] == "benefits" else "conditions"),
            item_id=groups.get("id"),
            field=groups.get("field") or "",
            language=groups.get("language"),
            index=None if index is None else int(index),
        )
        return location, match["rest"]
    # File-level problems (syntax, encoding, the top level) are about the catalog as a whole.
    return Location("catalog", None, ""), message
