"""The check after a pause in typing runs off the window's thread, and only its newest result shows."""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from dataclasses import replace

import pytest

from massage_explorer.core import editing, storage
from massage_explorer.core.catalog import BenefitClaim, Evidence
from massage_explorer.ui.editor import EditorWindow
from tests import factories as f
from tests.ui.editor.conftest import rename_first, write_catalog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_pause_in_typing_checks_in_a_thread_and_shows_the_problem(qtbot, open_editor, catalog_file):
    threads: list[threading.Thread] = []
    editor = open_editor(catalog_file)
    real = editor.background_check.check

    def check(catalog, **kwargs):
        threads.append(threading.current_thread())
        return real(catalog, **kwargs)

    editor.background_check.check = check
    rename_first(editor, "")  # a technique needs a name: an error
    qtbot.waitUntil(lambda: editor.error_count() > 0, timeout=5000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert not editor.save_button.isEnabled()


def test_a_result_for_a_catalog_edited_since_is_dropped(qtbot, open_editor, catalog_file):
    editor = open_editor(catalog_file)
    rename_first(editor, "")
    stale = editor.document.catalog
    rename_first(editor, "Named again")
    editor._checked(stale, editing.check(stale, base_dir=editor.document.base_dir))
    assert editor.error_count() == 0  # the error of a catalog no longer shown is not shown
    editor.background_check.start(editor.document.catalog)
    qtbot.waitUntil(lambda: not editor.background_check.busy, timeout=5000)
    assert editor.error_count() == 0 and editor.save_button.isEnabled()


def test_checks_asked_for_while_one_runs_end_with_the_newest(qtbot):
    from massage_explorer.ui.editor.background_check import BackgroundCheck
    from tests import factories as f

    results = []
    checker = BackgroundCheck(lambda: None)
    checker.checked.connect(lambda catalog, problems: results.append(catalog))
    first, second, third = (f.catalog(f.technique(name)) for name in ("a", "b", "c"))
    checker.start(first)
    checker.start(second)  # waits for the first, then is replaced by the third
    checker.start(third)
    qtbot.waitUntil(lambda: len(results) == 2 and not checker.busy, timeout=5000)
    assert results == [first, third]


def test_the_catalog_being_checked_asked_for_again_is_not_checked_twice(qtbot):
    """Save's check asked for while the first check runs on the same catalog waits for that one."""
    from massage_explorer.ui.editor.background_check import BackgroundCheck
    from tests import factories as f

    results = []
    checker = BackgroundCheck(lambda: None)
    checker.checked.connect(lambda catalog, problems: results.append(catalog))
    first, second = (f.catalog(f.technique(name)) for name in ("a", "b"))
    checker.start(first)
    checker.start(second)
    checker.start(first)  # the newest asked for is the one running: nothing after it
    qtbot.waitUntil(lambda: not checker.busy, timeout=5000)
    assert results == [first]


def _catalog_file_with_a_warning(tmp_path):
    """Twelve techniques; the fourth's evidence was last reviewed long ago (a warning)."""
    techniques = [f.technique(f"t-{i}") for i in range(12)]
    stale = BenefitClaim("pain", Evidence.LOW, reviewed=dt.date(2001, 1, 1))
    techniques[3] = replace(techniques[3], benefits=(stale,))
    return write_catalog(tmp_path / "techniques.yaml", f.catalog(*techniques))


def _count_reads(monkeypatch) -> list[str]:
    """The ids of the techniques the editor's check reads from the dump from now on."""
    check_module = importlib.import_module("massage_explorer.core.editing.check")
    read: list[str] = []
    real = check_module._read_part

    def counted(technique, *args):
        read.append(technique.id)
        return real(technique, *args)

    monkeypatch.setattr(check_module, "_read_part", counted)
    return read


@pytest.fixture
def new_editor(qtbot):
    """Editors made and shown, their first check not waited for (as staff see one on opening)."""
    windows = []

    def open_(path):
        window = EditorWindow(path)
        window.resize(1600, 1000)
        with qtbot.waitExposed(window):
            window.show()
        qtbot.waitUntil(lambda: not window.loading)
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.document.stack.setClean()
        window.close()
        window.deleteLater()


def test_on_opening_the_files_problems_show_at_once_and_the_first_check_reads_only_those(
    qtbot, tmp_path, monkeypatch
):
    path = _catalog_file_with_a_warning(tmp_path)
    read = _count_reads(monkeypatch)
    editor = EditorWindow(path)
    qtbot.addWidget(editor)  # nothing edited: it closes without a question
    # Shown by the window as it is made, before any event is handled: no check has a result yet.
    assert editor.problems_panel.heading.text() == "Problems: 0 errors, 1 warning"
    assert "technique 't-3', benefits[0].reviewed" in editor.problems_panel.problems[0].message
    assert not editor.save_button.isEnabled()  # until the window is built (`loading`)

    editor.run_check()
    catalog = editor.document.catalog
    assert editor.problems == editing.check(catalog, base_dir=editor.document.base_dir)
    assert not editor.loading and editor.save_button.isEnabled()
    assert read == ["t-3"]  # the one the file's read found something in; the rest were measured


def test_opening_a_file_of_many_warnings_counts_them_all_and_checks_each(qtbot, tmp_path, monkeypatch):
    """Reading the file keeps its first warnings and counts the rest: staff see the count of them
    all at once, and the first check finds the ones left out too."""
    techniques = [f.technique(f"t-{i}") for i in range(12)]
    stale = BenefitClaim("pain", Evidence.LOW, reviewed=dt.date(2001, 1, 1))
    for i in (3, 5, 8):
        techniques[i] = replace(techniques[i], benefits=(stale,))
    path = write_catalog(tmp_path / "techniques.yaml", f.catalog(*techniques))
    monkeypatch.setattr(storage, "KEPT_PROBLEMS", 1)
    editor = EditorWindow(path)
    qtbot.addWidget(editor)
    editor.finish_loading()  # built (Save's reason is said once it is), its first check started
    assert len(editor.problems_panel.problems) == 1  # t-3's; t-5's and t-8's counted
    assert editor.problems_panel.heading.text() == "Problems: 0 errors, 3 warnings"
    assert editor.save_reason.text() == "3 warnings; saving is allowed"
    editor.run_check()
    assert editor.problems == editing.check(editor.document.catalog, base_dir=editor.document.base_dir)
    assert [p.location.item for p in editor.problems if p.location] == ["t-3", "t-5", "t-8"]
    assert editor.problems_panel.heading.text() == "Problems: 0 errors, 3 warnings"


def test_an_edit_just_after_opening_is_checked_without_reading_every_technique(
    qtbot, new_editor, tmp_path, monkeypatch
):
    path = _catalog_file_with_a_warning(tmp_path)
    read = _count_reads(monkeypatch)
    editor = new_editor(path)
    rename_first(editor, "")  # at once, the first check maybe still running: a name is required
    qtbot.waitUntil(lambda: editor.error_count() == 1, timeout=5000)  # after the pause, in the thread
    assert editor.problems == editing.check(editor.document.catalog, base_dir=editor.document.base_dir)
    assert sorted(read) == ["t-0", "t-3"]  # the one edited and the one with a warning: not all 12
    assert any(p.location and p.location.item == "t-3" for p in editor.problems)
