"""The check after a pause in typing runs off the window's thread, and only its newest result shows."""

from __future__ import annotations

import threading

import pytest

from massage_explorer.core import editing
from tests.ui.editor.conftest import rename_first

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
