"""The Problems list: every error and warning the validator finds in the edited catalog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QListView, QVBoxLayout, QWidget

from massage_explorer.core.problems import Problem
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.editor.field_widgets import WARNING_SIGN
from massage_explorer.ui.editor.list_models import LIST_MINIMUM_PX, PAYLOAD_ROLE, Row, RowsModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe(problem: Problem) -> str:
    """The severity in words (never colour alone), then the validator's message as it is."""
    severity = _tr("Error") if problem.is_error else _tr("Warning")
    return f"{WARNING_SIGN} {severity}: {problem.message}"


# The list shows the first problems, errors first, and counts the rest. Each line wraps, so the
# list lays out every line it holds whenever it is shown or the problems change: 745 lines held up
# the opening of a 5,000-technique catalog's editor ~30 ms, and a wrong file can hold 490,000.
SHOWN_AT_MOST = 200


class ProblemsPanel(QWidget):
    """A heading with the counts and a list; activating a row emits `opened(problem)`."""

    opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []
        self.heading = plain_label("", self, role="heading")
        self.model = RowsModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(_tr("Problems"))
        self.view.setMinimumHeight(LIST_MINIMUM_PX)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setProperty("role", "editorList")
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self.set_problems([])

    def set_problems(self, problems: list[Problem], left_out: tuple[int, int] = (0, 0)) -> None:
        """Show `problems`, and count with them the errors and warnings `left_out` of them (a
        file's reading keeps the first of many: LoadResult.left_out)."""
        self.problems = problems
        errors = sum(p.is_error for p in problems) + left_out[0]
        warnings = len(problems) + left_out[1] - (errors - left_out[0])
        if not problems and not any(left_out):
            self.heading.setText(_tr("Problems: none"))
        else:
            self.heading.setText(
                _tr("Problems: {errors}, {warnings}").format(
                    errors=plural(errors, _tr("error"), _tr("errors")),
                    warnings=plural(warnings, _tr("warning"), _tr("warnings")),
                )
            )
        self.heading.setAccessibleName(self.heading.text())
        # Errors first: they are what stops a save.
        ordered = sorted(problems, key=lambda p: (not p.is_error, p.line, p.column))
        rows = [
            Row(f"{i}:{p.message}", describe(p), payload=p) for i, p in enumerate(ordered[:SHOWN_AT_MOST])
        ]
        left = len(ordered[SHOWN_AT_MOST:]) + sum(left_out)
        if left > 0:
            more = _tr("… and {count} more, listed here as the ones above are fixed").format(
                count=f"{left:,}"
            )
            rows.append(Row("more", more))
        self.model.set_rows(rows)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        problem = index.data(PAYLOAD_ROLE)
        if isinstance(problem, Problem):
            self.opened.emit(problem)
