"""Where the validator's problems go: under fields of the shown item, and what Save may do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.languages import staff_title
from massage_explorer.core.problems import ItemKind, Problem
from massage_explorer.ui.editor.document import BENEFITS, CONDITIONS, TECHNIQUES, Selection
from massage_explorer.ui.editor.problems_panel import plural

_KIND_OF_LOCATION = {
    ItemKind.TECHNIQUE: TECHNIQUES,
    ItemKind.BENEFIT: BENEFITS,
    ItemKind.CONDITION: CONDITIONS,
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def target(problem: Problem, catalog: Catalog) -> Selection | None:
    """The item and field a problem is about, or None for the catalog as a whole."""
    location = problem.location
    if location is None:
        return None
    kind = _KIND_OF_LOCATION.get(location.kind)
    item_id = location.item
    if item_id is None and location.index is not None and location.index < len(catalog.techniques):
        item_id = catalog.techniques[location.index].id
    if kind is None or item_id is None:
        return None
    return Selection(kind, item_id, location.field)


def inline_message(problem: Problem) -> str:
    """'Error, English (en): is empty; …': the severity in words and the language it is about."""
    language = problem.location.language if problem.location else None
    where = _tr("Error") if problem.is_error else _tr("Warning")
    if language:
        where += f", {staff_title(language)}"
    return f"{where}: {problem.text}"


def inline_problems(problems: list[Problem], catalog: Catalog, shown: Selection) -> dict[str, list[str]]:
    """The messages for the shown item by top-level field ('benefits[1].note' counts as 'benefits')."""
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        where = target(problem, catalog)
        if (
            where is None
            or problem.location is None
            or (where.kind, where.item_id) != (shown.kind, shown.item_id)
        ):
            continue
        by_field.setdefault(problem.location.top_field, []).append(inline_message(problem))
    return by_field


def save_state(
    problems: list[Problem], *, read_only: bool, left_out: tuple[int, int] = (0, 0)
) -> tuple[bool, str]:
    """Whether Save is allowed, and the reason shown beside the button; `left_out`: the errors
    and warnings counted but not in `problems` (LoadResult.left_out)."""
    if read_only:
        return False, _tr("Read-only: saving is off")
    errors = sum(p.is_error for p in problems) + left_out[0]
    if errors:
        return False, _tr("Fix {errors} before saving").format(
            errors=plural(errors, _tr("error"), _tr("errors"))
        )
    if problems or left_out[1]:
        words = plural(len(problems) + left_out[1], _tr("warning"), _tr("warnings"))
        return True, _tr("{w}; saving is allowed").format(w=words)
    return True, ""
