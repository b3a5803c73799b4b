"""Problems found in a catalog file, each located at a line and column. No Qt."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from massage_explorer.core.catalog import Catalog


class Severity(enum.Enum):
    """An error keeps a catalog from loading; a warning is shown but does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalog, with where it is (1-based line and column; 0 when unknown)."""

    severity: Severity
    message: str
    line: int = 0
    column: int = 0

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return self.catalog is not None


class CatalogProblems(Exception):
    """Raised when a catalog cannot be used; carries every problem found."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(p.format(filename) for p in problems))
