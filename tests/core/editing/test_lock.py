"""The editor's lock file: who holds it, in words; stale ones taken over, live ones respected."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from massage_explorer.core.editing import LockFile, LockOwner, lock_path


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "techniques.yaml"
    path.write_text("schema_version: 1\n")
    return path


def write_lock(catalog: Path, **fields: object) -> Path:
    lock = lock_path(catalog)
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    values = {"user": "Ana", "host": "FRONT-DESK", "pid": 4242, "since": now.isoformat(), "app": "x"}
    values.update(fields)
    lock.write_text(json.dumps(values))
    return lock


def since(hours_ago: float) -> str:
    moment = dt.datetime.now().astimezone().replace(second=0, microsecond=0) - dt.timedelta(hours=hours_ago)
    return moment.isoformat()


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def holder(lock: Path) -> dict[str, object]:
    return json.loads(lock.read_text(encoding="utf-8"))


def test_a_free_lock_is_taken_and_says_who_holds_it(catalog):
    lock = LockFile(catalog)
    assert lock.acquire() and lock.held
    written = holder(lock_path(catalog))
    assert written["pid"] == os.getpid() and written["host"] == socket.gethostname()
    assert dt.datetime.fromisoformat(str(written["since"])).tzinfo is not None
    assert lock.took_over == "" and not lock.folder_read_only
    lock.release()
    assert not lock_path(catalog).exists()


@pytest.mark.parametrize(
    "content", [b"", b"\x00\xff garbage", b"[1, 2]", b'{"user": "Ana"}', b"12345\nhost\n"]
)
def test_an_empty_or_damaged_lock_is_taken_over(catalog, content):
    lock_path(catalog).write_bytes(content)
    lock = LockFile(catalog)
    assert lock.acquire()
    assert lock.took_over == "an empty or damaged lock file"
    assert holder(lock_path(catalog))["pid"] == os.getpid()


def test_a_lock_of_a_dead_process_on_this_computer_is_taken_over(catalog):
    left = write_lock(catalog, host=socket.gethostname(), pid=dead_pid(), since=since(0.5))
    previous = LockOwner.from_bytes(left.read_bytes())
    assert previous is not None
    lock = LockFile(catalog)
    assert lock.acquire()
    assert lock.took_over == f"{previous.describe()}, no longer running"
    assert previous.describe().startswith(f"Ana on {socket.gethostname()} since ")
    assert holder(left)["pid"] == os.getpid()


def test_a_lock_from_another_computer_is_taken_over_only_when_old(catalog):
    write_lock(catalog, since=since(13))
    lock = LockFile(catalog)
    assert lock.acquire()
    assert lock.took_over.startswith("Ana on FRONT-DESK since ")
    assert lock.took_over.endswith(", older than 12 hours")


def test_the_age_limit_is_a_parameter(catalog):
    write_lock(catalog, since=since(2))
    assert not LockFile(catalog).acquire()
    assert LockFile(catalog, stale_after=dt.timedelta(hours=1)).acquire()


def test_a_recent_lock_from_another_computer_is_respected(catalog):
    write_lock(catalog, since=since(1))
    before = lock_path(catalog).read_bytes()
    lock = LockFile(catalog)
    assert not lock.acquire() and not lock.held
    assert lock.owner.startswith("Ana on FRONT-DESK since ")
    assert not lock.folder_read_only
    lock.release()  # not ours: left alone
    assert lock_path(catalog).read_bytes() == before


def test_a_live_lock_of_another_editor_in_this_process_is_respected(catalog):
    first, second = LockFile(catalog), LockFile(catalog)
    assert first.acquire()
    assert not second.acquire()
    assert second.owner.startswith(f"{holder(lock_path(catalog))['user']} on {socket.gethostname()} since ")
    second.release()
    assert lock_path(catalog).exists()  # still the first editor's
    first.release()
    assert LockFile(catalog).acquire()


def test_a_lock_from_before_a_restart_is_taken_over(catalog):
    mine = LockOwner.me()
    if not mine.boot:
        pytest.skip("no boot id on this system")
    write_lock(catalog, host=mine.host, pid=os.getpid(), boot="an-earlier-boot")
    lock = LockFile(catalog)
    assert lock.acquire()
    assert lock.took_over.endswith(", before this computer restarted")


def test_release_leaves_a_lock_another_computer_took_over(catalog):
    lock = LockFile(catalog)
    assert lock.acquire()
    theirs = write_lock(catalog, since=since(0))
    lock.release()
    assert theirs.exists() and holder(theirs)["user"] == "Ana"


def test_a_folder_that_cannot_be_written_is_reported(catalog, monkeypatch):
    real_open = os.open

    def refuse_in_the_catalog_folder(path, *args, **kwargs):
        if Path(path).parent == catalog.parent:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_in_the_catalog_folder)
    lock = LockFile(catalog)
    assert not lock.acquire()
    assert lock.folder_read_only


def test_two_editors_recovering_the_same_stale_lock_leave_one_holder(catalog, monkeypatch):
    # Both judged the same garbage lock stale; the second replaces it just after the first did,
    # before the first reads back whose it is. Only the second may go on.
    from massage_explorer.core.editing import lock as lock_module

    lock_path(catalog).write_bytes(b"garbage")
    first, second = LockFile(catalog), LockFile(catalog)
    real_sleep = lock_module.time.sleep
    raced: list[bool] = []

    def second_replaces_it_meanwhile(seconds: float) -> None:
        if not raced:
            raced.append(True)
            lock_path(catalog).write_bytes(b"garbage")  # the file the second editor judged
            assert second.acquire()
        real_sleep(seconds)

    monkeypatch.setattr(lock_module.time, "sleep", second_replaces_it_meanwhile)
    assert not first.acquire()
    assert first.owner.startswith(f"{holder(lock_path(catalog))['user']} on {socket.gethostname()} since ")
    assert second.held and second.took_over == "an empty or damaged lock file"
    second.release()
    assert not lock_path(catalog).exists()  # it was the second editor's


def test_an_owner_is_described_in_words(catalog):
    owner = LockOwner("Ana", "FRONT-DESK", 1, dt.datetime(2026, 3, 2, 9, 12).astimezone())
    assert owner.describe(now=dt.datetime(2026, 3, 2, 17, 0).astimezone()) == "Ana on FRONT-DESK since 09:12"
    assert owner.describe(now=dt.datetime(2026, 3, 3, 8, 0).astimezone()) == (
        "Ana on FRONT-DESK since 2026-03-02 09:12"
    )
    assert LockOwner.from_bytes(owner.to_bytes()) == owner


def test_staff_may_take_over_a_recent_lock_from_another_computer_they_say_is_off(catalog):
    left = write_lock(catalog, since=since(1))
    previous = LockOwner.from_bytes(left.read_bytes())
    assert previous is not None
    lock = LockFile(catalog)
    assert not lock.acquire()
    assert lock.can_take_over()
    assert lock.take_over() and lock.held
    assert holder(left)["pid"] == os.getpid()
    assert lock.took_over == f"{previous.describe()}, taken over after its computer was said to be off"
    lock.release()
    assert not left.exists()


def test_a_running_editor_on_this_computer_is_never_taken_over(catalog):
    first, second = LockFile(catalog), LockFile(catalog)
    assert first.acquire()
    assert not second.acquire()
    assert not second.can_take_over()
    assert not second.take_over() and not second.held
    assert holder(lock_path(catalog))["token"] == first._me.token if first._me else False
    first.release()


def test_a_lock_that_changed_hands_before_the_take_over_is_not_taken(catalog):
    write_lock(catalog, since=since(1))
    lock = LockFile(catalog)
    assert not lock.acquire()
    write_lock(catalog, user="Bea", host="BACK-OFFICE", since=since(0))  # Bea opened it meanwhile
    assert not lock.take_over()  # staff confirmed Ana's computer is off, not Bea's
    assert lock.owner.startswith("Bea on BACK-OFFICE since ")
    assert holder(lock_path(catalog))["user"] == "Bea"


def test_a_read_only_catalog_file_is_not_locked_for_editing(catalog):
    catalog.chmod(0o444)
    lock = LockFile(catalog)
    assert not lock.acquire()
    assert lock.file_read_only and not lock.folder_read_only and not lock.can_take_over()
    assert not lock_path(catalog).exists()  # nobody else is kept out of a file no one saves here
    catalog.chmod(0o644)
    assert lock.acquire() and not lock.file_read_only  # writable again: the editor may have it
    lock.release()


def refuse_reading_the_lock(monkeypatch: pytest.MonkeyPatch, catalog: Path) -> None:
    """The lock file is there but this user may not read it (another user's, made 0600 by a umask
    of 077). Root reads any file, so there the refusal is made up."""
    if os.geteuid() != 0:
        lock_path(catalog).chmod(0)
        return
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):
        if self == lock_path(catalog):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)


def test_a_lock_that_cannot_be_read_is_held_never_taken_over(catalog, monkeypatch):
    theirs = write_lock(catalog, host=socket.gethostname(), pid=dead_pid())  # stale, were it readable
    before = theirs.read_bytes()
    refuse_reading_the_lock(monkeypatch, catalog)
    lock = LockFile(catalog)
    assert not lock.acquire() and not lock.held
    assert lock.lock_unreadable and lock.took_over == "" and not lock.folder_read_only
    assert not lock.can_take_over() and not lock.take_over()
    monkeypatch.undo()
    assert theirs.read_bytes() == before  # still theirs, whoever they are
