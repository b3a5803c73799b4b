"""Kiosk settings and the staff PIN: hashed with salt, never a default, locked after wrong tries
(also across a restart); a settings file the kiosk cannot use gets a located message."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from massage_explorer.core import pin as staff_pin
from massage_explorer.core.pin import (
    FIRST_LOCK_SECONDS,
    LONGEST_LOCK_SECONDS,
    MAX_TRIES,
    PinGate,
    hash_pin,
    lockout_path,
    verify_pin,
)
from massage_explorer.core.settings import ConfigError, load_config, save_pin


@pytest.fixture
def cheap_hashes(monkeypatch):
    """For tests of the lockout's counting, not of the hash: scrypt at a cost of microseconds
    (verify_pin takes the cost from the stored hash, so checks are cheap too)."""
    monkeypatch.setattr(staff_pin, "SCRYPT_COST", (2, 1, 1))


def test_hash_is_salted_scrypt_at_the_kiosk_cost_and_verifies():
    first, second = hash_pin("246813"), hash_pin("246813")
    n, r, p = staff_pin.SCRYPT_COST
    assert first.startswith(f"scrypt${n}${r}${p}$") and "246813" not in first
    assert first != second  # a fresh salt each time
    assert verify_pin("246813", first) and verify_pin("246813", second)
    assert not verify_pin("246814", first)


def test_a_hash_stored_at_an_older_cost_and_length_still_verifies(monkeypatch):
    monkeypatch.setattr(staff_pin, "SCRYPT_COST", (2**14, 8, 1))  # what set-pin used to write
    old = hash_pin("2468")
    monkeypatch.undo()
    assert old.startswith("scrypt$16384$8$1$")
    assert verify_pin("2468", old) and not verify_pin("2469", old)


@pytest.mark.parametrize("stored", ["", "plain-text-pin", "md5$abc$def", "scrypt$x$8$1$AAAA$BBBB"])
def test_malformed_hash_never_unlocks(stored):
    assert not verify_pin("1234", stored)


def test_no_pin_set_means_nothing_unlocks():
    gate = PinGate("")
    assert not gate.configured
    for pin in ("", "0000", "1234"):
        assert not gate.check(pin)


def test_lockout_after_five_wrong_tries_grows(cheap_hashes):
    now = [1000.0]
    gate = PinGate(hash_pin("2468"), clock=lambda: now[0])
    for _ in range(MAX_TRIES - 1):
        assert not gate.check("0000")
    assert gate.tries_left() == 1
    assert not gate.check("0000")
    assert gate.seconds_locked() == FIRST_LOCK_SECONDS
    assert not gate.check("2468")  # even the right PIN waits out the lock
    now[0] += FIRST_LOCK_SECONDS
    for _ in range(MAX_TRIES):
        gate.check("1111")
    assert gate.seconds_locked() == 2 * FIRST_LOCK_SECONDS
    now[0] += 2 * FIRST_LOCK_SECONDS
    assert gate.check("2468")
    assert gate.tries_left() == MAX_TRIES


def test_a_lock_never_lasts_longer_than_the_longest(cheap_hashes):
    now = [1000.0]
    gate = PinGate(hash_pin("246813"), clock=lambda: now[0])
    locks = []
    for _ in range(10):
        for _ in range(MAX_TRIES):
            gate.check("000000")
        locks.append(gate.seconds_locked())
        now[0] += locks[-1]
    assert locks[:3] == [FIRST_LOCK_SECONDS, 2 * FIRST_LOCK_SECONDS, 4 * FIRST_LOCK_SECONDS]
    assert max(locks) == locks[-1] == LONGEST_LOCK_SECONDS


# -- the lockout outlasts a restart ---------------------------------------------------------------------
def test_a_restart_does_not_give_fresh_tries(tmp_path, cheap_hashes):
    state, pin_hash, now = tmp_path / "kiosk.ini.lockout", hash_pin("246813"), [1_700_000_000.0]
    gate = PinGate(pin_hash, clock=lambda: now[0], state=state)
    for _ in range(MAX_TRIES - 2):
        assert not gate.check("000000")
    assert PinGate(pin_hash, clock=lambda: now[0], state=state).tries_left() == 2
    gate = PinGate(pin_hash, clock=lambda: now[0], state=state)
    for _ in range(2):
        assert not gate.check("000000")
    now[0] += 10
    restarted = PinGate(pin_hash, clock=lambda: now[0], state=state)
    assert restarted.seconds_locked() == FIRST_LOCK_SECONDS - 10
    assert not restarted.check("246813")  # still locked, even for the right PIN
    # The next lock is longer, also after a restart.
    now[0] += FIRST_LOCK_SECONDS
    restarted = PinGate(pin_hash, clock=lambda: now[0], state=state)
    for _ in range(MAX_TRIES):
        restarted.check("111111")
    assert PinGate(pin_hash, clock=lambda: now[0], state=state).seconds_locked() == 2 * FIRST_LOCK_SECONDS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.ini.lockout"]  # no temporary left


def test_the_right_pin_after_the_lock_clears_the_saved_state(tmp_path, cheap_hashes):
    state, pin_hash, now = tmp_path / "kiosk.ini.lockout", hash_pin("246813"), [1_700_000_000.0]
    gate = PinGate(pin_hash, clock=lambda: now[0], state=state)
    for _ in range(MAX_TRIES):
        gate.check("000000")
    now[0] += FIRST_LOCK_SECONDS
    assert PinGate(pin_hash, clock=lambda: now[0], state=state).check("246813")
    assert not state.exists()
    fresh = PinGate(pin_hash, clock=lambda: now[0], state=state)
    assert fresh.tries_left() == MAX_TRIES and fresh.seconds_locked() == 0
    for _ in range(MAX_TRIES):
        fresh.check("000000")
    assert fresh.seconds_locked() == FIRST_LOCK_SECONDS  # the first lock again, not a doubled one


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"[]",
        b"\xff\xfe{",
        b"[" * 5000,
        b'{"wrong": "3", "lockouts": 0, "locked_until": 0}',
        b'{"wrong": 99, "lockouts": 0, "locked_until": 0}',
        b'{"wrong": 1, "lockouts": -2, "locked_until": 0}',
        b'{"wrong": 1, "lockouts": 0, "locked_until": NaN}',
        b'{"wrong": 1, "lockouts": 0}',
    ],
)
def test_a_garbled_lockout_file_counts_as_none_and_is_written_anew(tmp_path, cheap_hashes, content):
    state = tmp_path / "kiosk.ini.lockout"
    state.write_bytes(content)
    gate = PinGate(hash_pin("246813"), state=state)
    assert gate.tries_left() == MAX_TRIES and gate.seconds_locked() == 0
    assert not gate.check("000000")
    assert json.loads(state.read_text())["wrong"] == 1


def test_a_clock_put_back_does_not_stretch_a_lock_past_the_longest(tmp_path, cheap_hashes):
    state, now = tmp_path / "kiosk.ini.lockout", [1_700_000_000.0]
    state.write_text(json.dumps({"wrong": 0, "lockouts": 3, "locked_until": now[0] + 30 * 86400}))
    gate = PinGate(hash_pin("246813"), clock=lambda: now[0], state=state)
    assert gate.seconds_locked() == LONGEST_LOCK_SECONDS
    now[0] += 600
    assert gate.seconds_locked() == LONGEST_LOCK_SECONDS - 600  # it runs out; it does not slide
    now[0] -= 86400  # put back once more, while the kiosk runs
    assert gate.seconds_locked() == LONGEST_LOCK_SECONDS


def test_a_lockout_file_that_cannot_be_written_does_not_stop_the_pad(tmp_path, cheap_hashes, caplog):
    state = tmp_path / "kiosk.ini.lockout"
    state.mkdir()  # neither readable nor replaceable as a file
    gate = PinGate(hash_pin("246813"), state=state)
    with caplog.at_level(logging.WARNING):
        for _ in range(MAX_TRIES):
            assert not gate.check("000000")
    assert gate.seconds_locked() == FIRST_LOCK_SECONDS  # held in memory while this kiosk runs
    assert "cannot keep the PIN lockout" in caplog.text


def test_the_lockout_is_kept_beside_the_settings_or_in_the_state_folder(tmp_path, monkeypatch):
    config = tmp_path / "etc" / "kiosk.ini"
    config.parent.mkdir()
    assert lockout_path(config) == tmp_path / "etc" / "kiosk.ini.lockout"
    # A settings folder the kiosk's user may not write to (root's /etc/massage-explorer): its own.
    writable = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: writable(p, mode) and Path(p) != config.parent)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert lockout_path(config) == tmp_path / "state" / "massage-explorer" / "kiosk.ini.lockout"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert lockout_path(config) == tmp_path / "home" / ".local/state/massage-explorer/kiosk.ini.lockout"


def test_a_lockout_that_cannot_be_written_beside_the_settings_goes_to_the_state_folder(
    tmp_path, cheap_hashes, caplog
):
    # os.access said the settings folder was writable (Windows permissions, which it does not
    # read; a read-only mount), but the file cannot be written there.
    beside = tmp_path / "etc" / "kiosk.ini.lockout"
    beside.mkdir(parents=True)  # cannot be replaced by a file
    fallback = tmp_path / "state" / "massage-explorer" / "kiosk.ini.lockout"
    gate = PinGate(hash_pin("246813"), state=beside, fallback=fallback)
    with caplog.at_level(logging.WARNING):
        for _ in range(MAX_TRIES):
            assert not gate.check("000000")
    assert f"keeping it in {fallback}" in caplog.text
    assert json.loads(fallback.read_text())["lockouts"] == 1
    # A restart reads both places: the lock is still there.
    again = PinGate(hash_pin("246813"), state=beside, fallback=fallback)
    assert again.seconds_locked() == FIRST_LOCK_SECONDS


def test_the_stricter_of_two_saved_lockouts_counts_and_a_success_clears_both(tmp_path, cheap_hashes):
    now = 1_700_000_000.0
    beside, fallback = tmp_path / "kiosk.ini.lockout", tmp_path / "state" / "kiosk.ini.lockout"
    fallback.parent.mkdir()
    beside.write_text(json.dumps({"wrong": 2, "lockouts": 0, "locked_until": 0}))
    fallback.write_text(json.dumps({"wrong": 0, "lockouts": 2, "locked_until": now + 90}))
    gate = PinGate(hash_pin("246813"), clock=lambda: now + 100, state=beside, fallback=fallback)
    assert gate.seconds_locked() == 0 and gate.tries_left() == MAX_TRIES  # the lock ran out
    assert gate.check("246813")
    assert not beside.exists() and not fallback.exists()


def test_the_state_folder_is_made_when_first_needed(tmp_path, cheap_hashes):
    state = tmp_path / "state" / "massage-explorer" / "kiosk.ini.lockout"
    assert not PinGate(hash_pin("246813"), state=state).check("000000")
    assert json.loads(state.read_text())["wrong"] == 1


# -- the settings file ----------------------------------------------------------------------------------
def test_settings_with_defaults_and_pin_round_trip(tmp_path):
    path = tmp_path / "kiosk.ini"
    assert load_config(path).idle_seconds == 60 and not load_config(path).has_pin
    path.write_text("[kiosk]\nidle_seconds = 90\npdf_folder = ~/handouts\nprinter = Front desk\n")
    save_pin(path, "975310")
    config = load_config(path)
    assert config.idle_seconds == 90 and config.printer == "Front desk"
    assert config.pdf_folder is not None and config.pdf_folder.name == "handouts"
    assert verify_pin("975310", config.pin_hash)
    assert "975310" not in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o644  # as it was
    path.chmod(0o640)
    save_pin(path, "975311")
    assert path.stat().st_mode & 0o777 == 0o640  # as the README's install -m 0640 makes it
    new = tmp_path / "new" / "kiosk.ini"
    save_pin(new, "975310")
    assert new.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root gives files away")
def test_set_pin_by_root_leaves_the_file_to_its_owner_and_group(tmp_path, cheap_hashes):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\n")
    os.chown(path, 0, 65534)  # root's, read by the kiosk's group
    path.chmod(0o640)
    save_pin(path, "975310")
    status = path.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (0, 65534, 0o640)
    os.chown(path, 65534, 65534)  # someone else's altogether: still theirs after root's set-pin
    path.chmod(0o600)
    save_pin(path, "975311")
    status = path.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (65534, 65534, 0o600)
    assert verify_pin("975311", load_config(path).pin_hash)


@pytest.mark.parametrize(
    "pin",
    ["", "1234", "12345", "12ab56", "\uff11\uff12\uff13\uff14\uff15\uff16", "123456\n", "1234567890123"],
)
def test_a_new_pin_must_be_6_to_12_digits(tmp_path, pin):
    with pytest.raises(ConfigError, match="6 to 12 digits"):
        save_pin(tmp_path / "kiosk.ini", pin)
    assert not (tmp_path / "kiosk.ini").exists()


def test_bad_setting_names_file_line_key_and_fix(tmp_path):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\n# how long\nidle_seconds = soon\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value) == (
        f"{path}:3:16: error: [kiosk] idle_seconds: 'soon' is not allowed: "
        "use a whole number of seconds, 5 to 3600, in the digits 0-9"
    )


@pytest.mark.parametrize(
    ("line", "column", "key"),
    [
        ("idle_seconds = ²", 16, "idle_seconds"),  # str.isdigit says yes, int() says no
        ("countdown_seconds = ٣٠", 21, "countdown_seconds"),  # Arabic-Indic 30: int() takes it
        ("IDLE_SECONDS=\uff11\uff10", 14, "idle_seconds"),  # full-width 10, and the key in capitals
        ("long_press_seconds = ٢", 22, "long_press_seconds"),  # float() takes it
        ("long_press_seconds = 1_0", 22, "long_press_seconds"),
        ("long_press_seconds = nan", 22, "long_press_seconds"),
        pytest.param("idle_seconds = " + "9" * 5000, 16, "idle_seconds", id="more digits than int() reads"),
    ],
)
def test_numbers_must_be_written_in_the_digits_0_to_9(tmp_path, line, column, key):
    path = tmp_path / "kiosk.ini"
    path.write_text(f"# kiosk\n[kiosk]\nprinter = Front desk\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}:4:{column}: error: [kiosk] {key}: ")
    assert str(raised.value).endswith(("in the digits 0-9", "such as 2.5"))


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("printer = Front desk\n", ":1:1", "a setting before any section: put [kiosk] above it"),
        ("[kiosk]\nprinter\n", ":2:1", "is not 'key = value', a [section] or a # comment"),
        ("[kiosk]\n\n[kiosk]\n", ":3:1", "the section [kiosk] is there twice"),
        ("[kiosk]\nprinter = a\n\nPrinter = b\n", ":4:1", "[kiosk] printer: is set twice (also on line 2)"),
        ("[kiosk]\npin_hash = a\nPIN_HASH = b\n", ":3:1", "[kiosk] pin_hash: is set twice (also on line 2): "
         "keep one, or run set-pin, which keeps one"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_ini_names_the_line(tmp_path, text, where, message):
    path = tmp_path / "kiosk.ini"
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}{where}: error: {message}")


def test_a_file_that_is_not_utf8_names_the_line_and_byte(tmp_path):
    path = tmp_path / "kiosk.ini"
    path.write_bytes(b"[kiosk]\nprinter = Caf\xe9 desk\n")
    for action in (load_config, lambda p: save_pin(p, "246813")):
        with pytest.raises(ConfigError) as raised:
            action(path)
        assert (
            str(raised.value) == f"{path}:2:14: error: is not UTF-8 text (byte 0xe9): save the file as UTF-8"
        )
        assert not raised.value.unreadable
    assert path.read_bytes() == b"[kiosk]\nprinter = Caf\xe9 desk\n"


def test_a_byte_order_mark_is_not_an_error(tmp_path):
    path = tmp_path / "kiosk.ini"
    path.write_bytes(b"\xef\xbb\xbf[kiosk]\nidle_seconds = 90\n")
    assert load_config(path).idle_seconds == 90


def test_a_settings_path_that_cannot_be_read(tmp_path, monkeypatch):
    folder = tmp_path / "kiosk.ini"
    folder.mkdir()
    for action in (load_config, lambda p: save_pin(p, "246813")):
        with pytest.raises(ConfigError) as raised:
            action(folder)
        assert str(raised.value) == (
            f"{folder}: error: is a folder, not a settings file: give the file's own path (--config FILE)"
        )
        assert raised.value.unreadable
    under_a_file = tmp_path / "notes.txt" / "kiosk.ini"
    under_a_file.parent.write_text("")
    with pytest.raises(ConfigError, match=r"notes.txt/kiosk.ini: error: cannot read the settings file \("):
        load_config(under_a_file)
    # Root reads any file, so a file that may not be read is simulated.
    secret = tmp_path / "secret.ini"
    secret.write_text("[kiosk]\n")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ConfigError) as raised:
        load_config(secret)
    assert str(raised.value) == (
        f"{secret}: error: cannot read the settings file (Permission denied): "
        "check that the user running this may read it"
    )
    assert raised.value.unreadable


def _refused(path: Path, text: str) -> ConfigError:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert not raised.value.unreadable
    return raised.value


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("idle_secs = 90", "[kiosk] idle_secs: is not a setting: did you mean idle_seconds?"),
        ("  Langauge = es", "[kiosk] langauge: is not a setting: did you mean language?"),
        ("pin_hsh = scrypt$1", "[kiosk] pin_hsh: is not a setting: did you mean pin_hash?"),
        ("pin = 246813", "[kiosk] pin: is not a setting: a PIN is never written here; "
         "set-pin stores its hash as pin_hash"),
        ("volume = 3", "[kiosk] volume: is not a setting: the settings are catalog, idle_seconds, "
         "countdown_seconds, long_press_seconds, language, pdf_folder, printer, pin_hash, "
         "editor_lock_hours"),
    ],
)  # fmt: skip
def test_an_unknown_key_is_an_error_at_its_line_with_the_nearest_setting(tmp_path, line, message):
    path = tmp_path / "kiosk.ini"
    column = len(line) - len(line.lstrip()) + 1
    error = _refused(path, f"[kiosk]\n{line}\nprinter = Front desk\n")
    assert str(error) == f"{path}:2:{column}: error: {message}"


def test_an_unknown_key_in_default_counts_too(tmp_path):
    path = tmp_path / "kiosk.ini"
    error = _refused(path, "[DEFAULT]\ncountdown_secs = 30\n[kiosk]\n")
    assert (
        str(error)
        == f"{path}:2:1: error: [kiosk] countdown_secs: is not a setting: did you mean countdown_seconds?"
    )


@pytest.mark.parametrize(
    ("header", "fix"),
    [("[Kiosk]", "did you mean [kiosk]?"), ("[printing]", "every setting goes under [kiosk]")],
)
def test_an_unknown_section_is_an_error_not_a_silently_ignored_block(tmp_path, header, fix):
    # Section names are case-sensitive: under [Kiosk] the PIN and every other setting would be
    # dropped without a word, so it is refused like an unknown key.
    path = tmp_path / "kiosk.ini"
    error = _refused(path, f"# kiosk\n{header}\npin_hash = scrypt$x\n")
    assert str(error) == f"{path}:2:1: error: {header} is not a section of the settings: {fix}"


@pytest.mark.parametrize("code", ["sp", "ES", "english", "fr"])
def test_the_language_must_be_one_the_app_knows(tmp_path, code):
    path = tmp_path / "kiosk.ini"
    error = _refused(path, f"[kiosk]\nlanguage = {code}\n")
    assert str(error) == (
        f"{path}:2:12: error: [kiosk] language: {code!r} is not allowed: use en (English) or es (Spanish)"
    )
    path.write_text("[kiosk]\nlanguage = es\n")
    assert load_config(path).language == "es"


@pytest.mark.parametrize(
    ("line", "column"),
    [("idle_seconds = 4", 16), ("countdown_seconds = 3601", 21), ("long_press_seconds = 0.5", 22),
     ("long_press_seconds = 11", 22), ("editor_lock_hours = 0", 21), ("editor_lock_hours = 337", 21)],
)  # fmt: skip
def test_numbers_out_of_range_are_errors(tmp_path, line, column):
    path = tmp_path / "kiosk.ini"
    error = _refused(path, f"[kiosk]\n{line}\n")
    assert str(error).startswith(f"{path}:2:{column}: error: [kiosk] {line.split()[0]}: ")
    assert str(error).endswith(
        ("5 to 3600, in the digits 0-9", "1 to 10, such as 2.5", "1 to 336, in the digits 0-9")
    )


def test_every_mistake_is_named_at_once_in_the_order_of_the_file(tmp_path):
    path = tmp_path / "kiosk.ini"
    error = _refused(path, "[kiosk]\nlanguage = sp\nidle_secs = 90\nlong_press_seconds = 0\n[extra]\n")
    assert [message.split(": error: ")[0] for message in error.messages] == [
        f"{path}:2:12",
        f"{path}:3:1",
        f"{path}:4:22",
        f"{path}:5:1",
    ]
    assert str(error) == "\n".join(error.messages)


def test_set_pin_refuses_a_file_with_an_unknown_key(tmp_path):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\nidle_secs = 90\n")
    with pytest.raises(ConfigError, match="did you mean idle_seconds"):
        save_pin(path, "246813")
    assert path.read_text() == "[kiosk]\nidle_secs = 90\n"


# -- set-pin edits the file -----------------------------------------------------------------------------
def test_set_pin_keeps_comments_and_replaces_an_old_hash(tmp_path, cheap_hashes):
    path = tmp_path / "kiosk.ini"
    path.write_text("# Front desk kiosk\n[kiosk]\n# printer by the door\nprinter = Front desk\n")
    save_pin(path, "135790")
    save_pin(path, "246813")
    text = path.read_text()
    assert "# Front desk kiosk" in text and "# printer by the door" in text
    assert text.count("pin_hash") == 1
    config = load_config(path)
    assert config.printer == "Front desk" and verify_pin("246813", config.pin_hash)


def test_set_pin_replaces_a_pin_hash_key_in_any_case_and_mends_a_duplicate(tmp_path, cheap_hashes):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\n# the PIN\nPIN_HASH = old\nprinter = Front desk\n")
    save_pin(path, "246813")
    lines = path.read_text().splitlines()
    assert lines[:2] == ["[kiosk]", "# the PIN"] and lines[3] == "printer = Front desk"
    assert lines[2].startswith("pin_hash = scrypt$") and len(lines) == 4
    assert verify_pin("246813", load_config(path).pin_hash)
    # The file an older set-pin left: two keys, which the kiosk refuses. set-pin keeps one.
    path.write_text("[kiosk]\nPin_Hash: old\n  continued\nprinter = Front desk\npin_hash = older\n")
    save_pin(path, "135790")
    lines = path.read_text().splitlines()
    assert len(lines) == 3 and lines[0] == "[kiosk]" and lines[2] == "printer = Front desk"
    assert verify_pin("135790", load_config(path).pin_hash)


def test_set_pin_adds_its_line_where_it_continues_no_other_value(tmp_path, cheap_hashes):
    path = tmp_path / "kiosk.ini"
    path.write_text(
        "[kiosk]\n  printer = Front desk\n  language = es\n# next\n[DEFAULT]\nidle_seconds = 90\n"
    )
    save_pin(path, "246813")
    config = load_config(path)
    assert config.printer == "Front desk" and config.language == "es" and config.idle_seconds == 90
    assert verify_pin("246813", config.pin_hash)
    assert path.read_text().splitlines()[3].startswith("pin_hash = ")
    path.write_text("# no section yet\n")
    save_pin(path, "246813")
    assert path.read_text().splitlines()[:3] == ["# no section yet", "", "[kiosk]"]


def test_set_pin_changes_nothing_in_a_file_the_kiosk_would_refuse(tmp_path):
    path = tmp_path / "kiosk.ini"
    text = "[kiosk]\nPIN_HASH = old\nidle_seconds = ²\n"
    path.write_text(text)
    with pytest.raises(
        ConfigError, match=rf"^{path}:3:16: error: \[kiosk\] idle_seconds: '²' is not allowed"
    ):
        save_pin(path, "246813")
    assert path.read_text() == text


def test_the_long_press_to_the_pin_pad_is_a_setting(tmp_path):
    path = tmp_path / "kiosk.ini"
    assert load_config(path).long_press_seconds == 2.5  # long enough that no patient does it by chance
    path.write_text("[kiosk]\nlong_press_seconds = 4\n")
    assert load_config(path).long_press_seconds == 4.0
    for wrong in ("0.2", "11", "soon"):
        path.write_text(f"[kiosk]\nlong_press_seconds = {wrong}\n")
        with pytest.raises(ConfigError, match=r"long_press_seconds: .*1 to 10"):
            load_config(path)


def test_the_editor_lock_age_is_a_setting(tmp_path):
    path = tmp_path / "kiosk.ini"
    assert load_config(path).editor_lock_hours == 12
    path.write_text("[kiosk]\neditor_lock_hours = 48\n")
    assert load_config(path).editor_lock_hours == 48
