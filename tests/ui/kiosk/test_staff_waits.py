"""What staff wait for on a kiosk (the PIN's slow check, the editor reading a large catalog) runs
on a thread: the kiosk keeps answering and says what it is doing, and nothing it was for happens
if staff went back meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from massage_explorer.core import editing
from massage_explorer.core import pin as staff_pin
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.ui.editor import EditorWindow
from massage_explorer.ui.kiosk.pinpad import PinPad
from massage_explorer.ui.kiosk.window import KioskWindow
from tests.ui.helpers import HeldOnItsThread
from tests.ui.kiosk.test_kiosk import PIN, enter, long_press, make_kiosk

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pad_opened(qtbot) -> tuple[KioskWindow, PinPad]:
    """A kiosk on its welcome screen with the PIN pad opened by a long press on its title."""
    kiosk = make_kiosk(qtbot)
    long_press(qtbot, kiosk.welcome.title)
    return kiosk, kiosk.pinpad


def test_the_pin_is_checked_on_a_thread_the_keys_waiting_for_the_answer(qtbot, qapp, monkeypatch):
    kiosk, pad = pad_opened(qtbot)
    seen: dict[str, object] = {}

    def during() -> None:
        seen["message"] = pad.message.text()
        click(qtbot, pad.digit_buttons["5"])  # typed during the check: not kept
        click(qtbot, pad.ok_button)  # a second OK: no second check
        seen["dots"] = pad.dots.text()

    check = HeldOnItsThread(monkeypatch, staff_pin, "verify_pin", during)
    enter(qtbot, kiosk, PIN)
    assert check.off_the_window
    assert seen == {"message": "Checking the PIN…", "dots": " "}
    assert pad.pages.currentIndex() == 1 and pad.message.text() == ""
    kiosk.staff_quit()


def test_a_pad_closed_during_the_check_does_not_unlock_even_opened_again(qtbot, qapp, monkeypatch):
    kiosk, pad = pad_opened(qtbot)

    def during() -> None:
        click(qtbot, pad.cancel_button)
        kiosk.open_pinpad()  # someone else's long press

    check = HeldOnItsThread(monkeypatch, staff_pin, "verify_pin", during)
    enter(qtbot, kiosk, PIN)
    assert check.off_the_window
    assert pad.isVisible() and pad.pages.currentIndex() == 0
    assert pad.message.text() == ""  # a fresh pad: not the other person's "Checking…"
    kiosk.staff_quit()


def kiosk_on_a_file(qtbot, tmp_path: Path) -> KioskWindow:
    path = tmp_path / "techniques.yaml"
    kiosk = make_kiosk(qtbot, catalog_path=path)
    path.write_text(dump_catalog(kiosk.catalog), encoding="utf-8")
    long_press(qtbot, kiosk.welcome.title)
    enter(qtbot, kiosk, PIN)
    assert kiosk.pinpad.unlocked
    return kiosk


def test_the_editor_reads_the_catalog_on_a_thread_the_pad_saying_so(qtbot, qapp, tmp_path, monkeypatch):
    kiosk = kiosk_on_a_file(qtbot, tmp_path)
    pad = kiosk.pinpad
    seen: dict[str, object] = {}

    def during() -> None:
        seen.update(
            busy=pad.busy_label.text() if pad.busy_label.isVisible() else "",
            edit=pad.edit_button.isEnabled(),
            quit=pad.quit_button.isEnabled(),
            back=pad.back_button.isEnabled(),
        )

    read = HeldOnItsThread(monkeypatch, editing, "read_for_editing", during)
    click(qtbot, pad.edit_button)
    assert read.off_the_window
    assert seen == {"busy": "Opening the catalog…", "edit": False, "quit": False, "back": True}
    editor = kiosk.editor
    assert isinstance(editor, EditorWindow) and editor.isVisible() and not pad.isVisible()
    assert [w for w in qapp.topLevelWidgets() if isinstance(w, EditorWindow) and w.isVisible()] == [editor]
    editor.close()
    assert not pad.busy_label.isVisible() and pad.edit_button.isEnabled() and pad.quit_button.isEnabled()
    kiosk.staff_quit()


def test_back_to_the_kiosk_during_the_read_opens_no_editor(qtbot, qapp, tmp_path, monkeypatch):
    kiosk = kiosk_on_a_file(qtbot, tmp_path)
    pad = kiosk.pinpad

    read = HeldOnItsThread(monkeypatch, editing, "read_for_editing", lambda: click(qtbot, pad.back_button))
    click(qtbot, pad.edit_button)
    assert read.off_the_window
    assert kiosk.editor is None and not pad.isVisible()
    assert not editing.lock_path(tmp_path / "techniques.yaml").exists()  # no editor holds the file
    # Staff come back: the pad is as before, and the editor opens.
    monkeypatch.undo()
    long_press(qtbot, kiosk.welcome.title)
    enter(qtbot, kiosk, PIN)
    assert not pad.busy_label.isVisible() and pad.edit_button.isEnabled()
    click(qtbot, pad.edit_button)
    assert kiosk.editor is not None and kiosk.editor.isVisible()
    kiosk.editor.close()
    kiosk.staff_quit()


def test_back_and_the_pin_again_during_the_read_open_the_editor_only_on_edit_again(
    qtbot, qapp, tmp_path, monkeypatch
):
    """Staff who go back to the kiosk during a long read and open the pad again find it as new
    (Edit on): the read does not open the editor by itself, and Edit pressed again is served by
    the read under way, not a second one."""
    kiosk = kiosk_on_a_file(qtbot, tmp_path)
    pad = kiosk.pinpad
    seen: dict[str, object] = {}

    def during() -> None:
        click(qtbot, pad.back_button)
        long_press(qtbot, kiosk.welcome.title)
        enter(qtbot, kiosk, PIN)
        seen.update(unlocked=pad.unlocked, busy=pad.busy_label.isVisible(), edit=pad.edit_button.isEnabled())

    read = HeldOnItsThread(monkeypatch, editing, "read_for_editing", during)
    click(qtbot, pad.edit_button)
    assert read.off_the_window
    assert seen == {"unlocked": True, "busy": False, "edit": True}
    assert kiosk.editor is None and pad.unlocked  # the read ended; nothing opened by itself

    def again() -> None:
        click(qtbot, pad.back_button)
        long_press(qtbot, kiosk.welcome.title)
        enter(qtbot, kiosk, PIN)
        click(qtbot, pad.edit_button)  # asked again on the pad opened anew
        seen.update(busy=pad.busy_label.isVisible(), edit=pad.edit_button.isEnabled())

    monkeypatch.undo()
    read = HeldOnItsThread(monkeypatch, editing, "read_for_editing", again)
    click(qtbot, pad.edit_button)
    assert read.off_the_window  # one read served both presses
    assert seen["busy"] and not seen["edit"]
    assert kiosk.editor is not None and kiosk.editor.isVisible()
    kiosk.editor.close()
    kiosk.staff_quit()


def test_a_pad_opened_again_during_a_check_says_it_is_still_checking(qtbot, qapp, monkeypatch):
    kiosk, pad = pad_opened(qtbot)
    seen: dict[str, str] = {}

    def during() -> None:
        click(qtbot, pad.cancel_button)
        kiosk.open_pinpad()
        seen["message"] = pad.message.text()

    HeldOnItsThread(monkeypatch, staff_pin, "verify_pin", during)
    enter(qtbot, kiosk, PIN)
    assert seen == {"message": "Checking the PIN…"}  # why the keys wait a moment
    assert pad.message.text() == ""  # then the fresh pad is as any other
    kiosk.staff_quit()
