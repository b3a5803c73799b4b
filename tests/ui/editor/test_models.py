"""The editor's models, checked by pytest-qt's model tester and against plain Python."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from massage_explorer.core.filters import fold
from massage_explorer.core.problems import Problem, Severity
from massage_explorer.ui.editor.list_models import ID_ROLE, CheckListModel, Row, RowsModel, SearchProxy
from massage_explorer.ui.editor.problems_panel import SHOWN_AT_MOST, ProblemsPanel
from massage_explorer.ui.editor.sidebar import rows_for
from tests import factories as f


def test_models_pass_the_model_tester(qtmodeltester, qtbot) -> None:
    model = RowsModel()
    model.set_rows(rows_for(f.catalog(), "techniques"))
    qtmodeltester.check(model)
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    proxy.set_query("firm")
    qtmodeltester.check(proxy)
    checks = CheckListModel()
    checks.set_rows([Row("disc", "Herniated disc"), Row("thinners", "Blood thinners")], ["disc"])
    qtmodeltester.check(checks)
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_problems([Problem(Severity.WARNING, "w", 3, 1), Problem(Severity.ERROR, "e", 9, 1)])
    qtmodeltester.check(panel.model)
    assert [panel.model.index(r, 0).data() for r in range(2)] == ["⚠ Error: e", "⚠ Warning: w"]


def test_the_problems_list_shows_the_first_errors_and_counts_the_rest(qtbot) -> None:
    """Each line wraps, so the list lays out all it holds when shown: a 5,000-technique file's
    745 lines held up opening the editor, and a wrong file can hold hundreds of thousands."""
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    warnings = [Problem(Severity.WARNING, f"w{n}", n + 1, 1) for n in range(SHOWN_AT_MOST + 240)]
    errors = [Problem(Severity.ERROR, f"e{n}", 10_000 + n, 1) for n in range(10)]
    panel.set_problems(warnings + errors)
    rows = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert len(rows) == SHOWN_AT_MOST + 1
    assert rows[:11] == [f"⚠ Error: e{n}" for n in range(10)] + ["⚠ Warning: w0"]
    assert rows[SHOWN_AT_MOST - 1] == f"⚠ Warning: w{SHOWN_AT_MOST - 11}"
    assert rows[-1] == "… and 250 more, listed here as the ones above are fixed"
    assert panel.heading.text() == f"Problems: 10 errors, {SHOWN_AT_MOST + 240} warnings"
    opened: list[object] = []
    panel.opened.connect(opened.append)
    panel.view.activated.emit(panel.model.index(len(rows) - 1, 0))  # the count opens nothing
    panel.view.activated.emit(panel.model.index(0, 0))
    assert opened == [errors[0]]


def test_ticking_emits_the_condition_and_keeps_vocabulary_order(qtbot) -> None:
    checks = CheckListModel()
    checks.set_rows([Row("a", "A"), Row("b", "B"), Row("c", "C")], ["c"])
    with qtbot.waitSignal(checks.toggled) as signal:
        checks.setData(checks.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert signal.args == ["a", True]
    assert checks.checked() == ["a", "c"]


def test_same_ids_update_in_place_so_the_selection_survives() -> None:
    model = RowsModel()
    model.set_rows([Row("a", "A"), Row("b", "B")])
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_rows([Row("a", "A, renamed"), Row("b", "B")])
    assert resets == []
    assert model.index(0, 0).data() == "A, renamed"
    model.set_rows([Row("b", "B"), Row("a", "A")])
    assert resets == [1]


words = st.text(alphabet="abcé É-", max_size=8)


@given(st.lists(words, max_size=6), words)
def test_search_never_shows_a_row_without_every_word(names: list[str], query: str) -> None:
    model = RowsModel()
    model.set_rows([Row(str(i), name) for i, name in enumerate(names)])
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    proxy.set_query(query)
    shown = {proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())}
    expected = {str(i) for i, name in enumerate(names) if all(w in fold(name) for w in fold(query).split())}
    assert shown == expected
