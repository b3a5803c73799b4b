"""Problems found in a catalog or settings file: what is wrong, where in the file, and which item,
field and language it is about. No Qt."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from massage_explorer.core.catalog import Catalog


class Severity(enum.Enum):
    """An error keeps a catalog from loading; a warning is shown but does not."""

    ERROR = "error"
    WARNING = "warning"


class ItemKind(enum.Enum):
    """What a problem is about: the file as a whole, one item of a list, or a kiosk setting."""

    CATALOG = "catalog"
    TECHNIQUE = "technique"
    BENEFIT = "benefit"
    CONDITION = "condition"
    SETTINGS = "settings"


# How each list is named in the file, and so in messages ("benefits 'sleep', label").
_LIST_NAMES = {
    ItemKind.TECHNIQUE: "techniques",
    ItemKind.BENEFIT: "benefits",
    ItemKind.CONDITION: "conditions",
}


@dataclass(frozen=True, slots=True)
class Location:
    """Where in the catalog a problem is, as data: the editor places a problem on its field from
    this, and the command line prints it as the message's prefix (`str(location)`).

    `item` is the id of the technique or term; None for a whole list, or for a technique with no
    usable id, whose place in the list is then `index`. `field` is the path inside the item
    ("benefits[1].evidence"), "" for the item itself; for the catalog as a whole it names a
    top-level field ("languages") and for settings a key. `language` is set when the problem is
    about one language of a text.
    """

    kind: ItemKind = ItemKind.CATALOG
    item: str | None = None
    index: int | None = None
    field: str = ""
    language: str | None = None

    # Made by the constructor, not dataclasses.replace: the validator makes some 200,000 of these
    # for a catalog of 5,000 techniques, and replace() took four times as long.
    def at(self, name: str) -> Location:
        """The field `name` inside this one: 'benefits' then 'note' gives 'benefits.note'."""
        field = f"{self.field}.{name}" if self.field else name
        return Location(self.kind, self.item, self.index, field, self.language)

    def item_at(self, index: int) -> Location:
        """The `index`-th entry of the list this field holds: 'benefits[2]'."""
        return Location(self.kind, self.item, self.index, f"{self.field}[{index}]", self.language)

    def in_language(self, language: str) -> Location:
        return Location(self.kind, self.item, self.index, self.field, language)

    @property
    def top_field(self) -> str:
        """The item's own field the problem is in: 'benefits' for 'benefits[1].note'."""
        return self.field.partition(".")[0].partition("[")[0]

    def __str__(self) -> str:
        if self.kind is ItemKind.CATALOG:
            where = self.field or "the catalog"
        elif self.kind is ItemKind.SETTINGS:
            where = f"[kiosk] {self.field}" if self.field else "the settings"
        else:
            where = _LIST_NAMES[self.kind]
            if self.item is not None:
                singular = "technique" if self.kind is ItemKind.TECHNIQUE else where
                item = self.item if len(self.item) <= 60 else self.item[:59] + "…"  # a long id, cut
                where = f"{singular} '{item}'"
            elif self.index is not None:
                where += f"[{self.index}]"
            if self.field:
                where += f", {self.field}"
        return f"{where} [{self.language}]" if self.language else where


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: what (`text`, with the fix), where in it (1-based line and
    column; 0 when unknown) and which part of the catalog (`location`; None for the file as a
    whole, such as a YAML syntax error)."""

    severity: Severity
    text: str
    line: int = 0
    column: int = 0
    location: Location | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def message(self) -> str:
        """The text after its location: "technique 'swedish', summary [es]: is empty; …"."""
        return f"{self.location}: {self.text}" if self.location is not None else self.text

    def format(self, filename: str) -> str:
        """'FILE:LINE:COL: error: message', the form editors and CI logs understand."""
        where = filename
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity.value}: {self.message}"


@dataclass(frozen=True)
class LoadResult:
    """What reading a catalog gave: the catalog (None when it has errors) and every problem."""

    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    # Errors and warnings found but not kept in `problems` (a file with hundreds of thousands of
    # them keeps the first KEPT_PROBLEMS of each: `keep_first`), whether it loads or not.
    left_out: tuple[int, int] = (0, 0)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def error_count(self) -> int:
        """Every error found, kept in `problems` or not."""
        return sum(p.is_error for p in self.problems) + self.left_out[0]

    @property
    def warning_count(self) -> int:
        """Every warning found, kept in `problems` or not."""
        return sum(not p.is_error for p in self.problems) + self.left_out[1]

    @property
    def ok(self) -> bool:
        return self.catalog is not None


# Problems a message box, the kiosk's PIN pad or the log lists; `validate` prints more.
SHOWN_PROBLEMS = 20
# Errors, and warnings, a file's reading keeps in full: more than anyone lists (validate prints
# 100). The rest are counted. 490,000 kept whole took 190 MB, their messages most of it; a file
# that loads can hold as many warnings (12,000 techniques, each text missing in nine languages).
KEPT_PROBLEMS = 1_000


def keep_first(problems: list[Problem], kept: int) -> tuple[list[Problem], int, int]:
    """The first `kept` errors and the first `kept` warnings of `problems` in file order (line,
    column; as found where those are the same), in that order, and how many errors and warnings
    that leaves out. Kept so again with more problems after them, they are still the first ones of
    all: a problem left out had `kept` of its kind before it, and those stay."""
    ordered = sorted(problems, key=lambda p: (p.line, p.column))
    errors = warnings = 0
    firsts = []
    for problem in ordered:
        if problem.is_error:
            errors += 1
            if errors <= kept:
                firsts.append(problem)
        else:
            warnings += 1
            if warnings <= kept:
                firsts.append(problem)
    return firsts, max(errors - kept, 0), max(warnings - kept, 0)


def listed(
    problems: Sequence[Problem],
    filename: str,
    limit: int = SHOWN_PROBLEMS,
    left_out: tuple[int, int] = (0, 0),
) -> list[str]:
    """The problems as `Problem.format` writes them, errors first and then warnings, each in file
    order, at most `limit` of them, and a line counting the rest, with the errors and warnings
    `left_out` of `problems` (LoadResult.left_out). A wrong file (a broken export) can hold
    hundreds of thousands: listed whole, 490,000 made a message of 138 million characters that
    stopped the window for minutes, and as many lines of log."""
    ordered = [p for p in problems if p.is_error] + [p for p in problems if not p.is_error]
    lines = [problem.format(filename) for problem in ordered[:limit]]
    left = ordered[limit:]
    if left or any(left_out):
        lines.append(f"{filename}: {not_shown(left, left_out)}")
    return lines


def errors_listed(result: LoadResult, filename: str, limit: int = SHOWN_PROBLEMS) -> list[str]:
    """`listed` of a result's errors alone (what staff are told of a refused file), the errors
    its reading did not keep counted too."""
    return listed(result.errors, filename, limit, left_out=(result.left_out[0], 0))


def not_shown(left: Sequence[Problem], left_out: tuple[int, int] = (0, 0)) -> str:
    """The line that counts the problems a list leaves out: `left`, and the errors and warnings
    `left_out` of it before."""
    errors = sum(p.is_error for p in left) + left_out[0]
    count = len(left) + left_out[0] + left_out[1]
    counts = f"{_count(errors, 'error')}, {_count(count - errors, 'warning')}"
    return f"… and {count:,} more not shown ({counts}); fix these first"


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class CatalogProblems(Exception):
    """Raised when a catalog cannot be used; carries every problem found, and says the first
    SHOWN_PROBLEMS (`listed`)."""

    def __init__(self, filename: str, problems: list[Problem], left_out: tuple[int, int] = (0, 0)) -> None:
        self.filename = filename
        self.problems = problems
        self.left_out = left_out
        super().__init__("\n".join(listed(problems, filename, left_out=left_out)))
