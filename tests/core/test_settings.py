"""Kiosk settings and the staff PIN: hashed with salt, never a default, locked after wrong tries."""

from __future__ import annotations

import pytest

from massage_explorer.core.settings import (
    FIRST_LOCK_SECONDS,
    MAX_TRIES,
    ConfigError,
    PinGate,
    hash_pin,
    load_config,
    save_pin,
    verify_pin,
)


def test_hash_is_salted_scrypt_and_verifies():
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first.startswith("scrypt$") and "2468" not in first
    assert first != second  # a fresh salt each time
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first)


@pytest.mark.parametrize("stored", ["", "plain-text-pin", "md5$abc$def", "scrypt$x$8$1$AAAA$BBBB"])
def test_malformed_hash_never_unlocks(stored):
    assert not verify_pin("1234", stored)


def test_no_pin_set_means_nothing_unlocks():
    gate = PinGate("")
    assert not gate.configured
    for pin in ("", "0000", "1234"):
        assert not gate.check(pin)


def test_lockout_after_five_wrong_tries_grows():
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


def test_settings_with_defaults_and_pin_round_trip(tmp_path):
    path = tmp_path / "kiosk.ini"
    assert load_config(path).idle_seconds == 60 and not load_config(path).has_pin
    path.write_text("[kiosk]\nidle_seconds = 90\npdf_folder = ~/handouts\nprinter = Front desk\n")
    save_pin(path, "97531")
    config = load_config(path)
    assert config.idle_seconds == 90 and config.printer == "Front desk"
    assert config.pdf_folder is not None and config.pdf_folder.name == "handouts"
    assert verify_pin("97531", config.pin_hash)
    assert "97531" not in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("pin", ["", "123", "12ab", "1234567890123"])
def test_pin_must_be_4_to_12_digits(tmp_path, pin):
    with pytest.raises(ConfigError, match="4 to 12 digits"):
        save_pin(tmp_path / "kiosk.ini", pin)


def test_bad_setting_names_file_key_and_fix(tmp_path):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\nidle_seconds = soon\n")
    with pytest.raises(ConfigError, match=r"kiosk.ini: \[kiosk\] idle_seconds = 'soon': use a whole number"):
        load_config(path)


def test_set_pin_keeps_comments_and_replaces_an_old_hash(tmp_path):
    path = tmp_path / "kiosk.ini"
    path.write_text("# Front desk kiosk\n[kiosk]\n# printer by the door\nprinter = Front desk\n")
    save_pin(path, "1357")
    save_pin(path, "2468")
    text = path.read_text()
    assert "# Front desk kiosk" in text and "# printer by the door" in text
    assert text.count("pin_hash") == 1
    config = load_config(path)
    assert config.printer == "Front desk" and verify_pin("2468", config.pin_hash)


def test_the_long_press_to_the_pin_pad_is_a_setting(tmp_path):
    path = tmp_path / "kiosk.ini"
    assert load_config(path).long_press_seconds == 2.5  # long enough that no patient does it by chance
    path.write_text("[kiosk]\nlong_press_seconds = 4\n")
    assert load_config(path).long_press_seconds == 4.0
    for wrong in ("0.2", "11", "soon"):
        path.write_text(f"[kiosk]\nlong_press_seconds = {wrong}\n")
        with pytest.raises(ConfigError, match=r"long_press_seconds .*1 to 10"):
            load_config(path)
