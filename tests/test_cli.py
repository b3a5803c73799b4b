"""The `validate` command as staff and CI use it: messages on stderr, a summary, exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from massage_explorer.cli import main
from tests.core.helpers import VALID, line_of, run_cli, variant


def test_valid_file_exits_0_with_a_summary(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(VALID)
    done = run_cli("validate", str(path))
    assert done.returncode == 0
    assert done.stdout == f"{path}: valid, 1 technique; 0 errors, 0 warnings\n"
    assert done.stderr == ""


def test_invalid_file_exits_1_with_located_messages_and_no_traceback(tmp_path):
    text = variant("evidence: low", "evidence: strong")
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    done = run_cli("validate", str(path))
    assert done.returncode == 1
    line = line_of(text, "strong")
    assert done.stderr.startswith(f"{path}:{line}:19: error: technique 'swedish', benefits[0].evidence:")
    assert "Traceback" not in done.stderr
    assert done.stdout == f"{path}: invalid; 1 error, 0 warnings\n"


def test_thousands_of_mistakes_print_the_first_hundred_and_how_many_more(tmp_path, capsys):
    # A wrong file or a broken export: the first messages, in file order, are the ones to fix.
    extra = "".join(f"    unknown_{n}: 1\n" for n in range(1, 251))
    path = tmp_path / "many.yaml"
    path.write_text(variant("    feels_like:", extra + "    feels_like:"))
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 101
    assert "unknown field 'unknown_1'" in lines[0] and "unknown field 'unknown_100'" in lines[99]
    assert lines[100] == f"{path}: … and 150 more not shown (150 errors, 0 warnings); fix these first"
    assert out == f"{path}: invalid; 250 errors, 0 warnings\n"


def test_a_hundred_warnings_never_hide_the_error_after_them(tmp_path, capsys):
    # 132 techniques, each with a claim last reviewed 25 years ago (a warning); the last one has
    # an error too, which file order would have printed after the hundredth message.
    stale = VALID.replace("reviewed: 2025-06-01", "reviewed: 2001-06-01")
    entry = stale[stale.index("  - id: swedish") :]
    copies = "".join(entry.replace("id: swedish", f"id: swedish-{n}") for n in range(130))
    last = entry.replace("id: swedish", "id: last").replace("session_minutes: 60", "session_minutes: 0x3C")
    path = tmp_path / "stale.yaml"
    path.write_text(stale + copies + last)
    assert main(["validate", str(path)]) == 1
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert "session_minutes: '0x3C' is a hexadecimal number" in lines[0]  # the error first
    assert lines[-1].endswith("… and 33 more not shown (0 errors, 33 warnings); fix these first")


def test_warnings_pass_unless_strict(tmp_path, capsys):
    path = tmp_path / "warn.yaml"
    path.write_text(variant("reviewed: 2025-06-01", "reviewed: 2001-06-01"))
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "warning: technique 'swedish', benefits[0].reviewed" in err
    assert out.endswith("valid, 1 technique; 0 errors, 1 warning\n")
    assert main(["validate", "--strict", str(path)]) == 1
    assert capsys.readouterr().out.endswith("invalid with --strict; 0 errors, 1 warning\n")


def test_several_files_and_the_worst_exit_code(tmp_path, capsys):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(VALID)
    bad.write_text("- a list\n")
    assert main(["validate", str(good), str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{good}: valid, 1 technique; 0 errors, 0 warnings",
        f"{bad}: invalid; 1 error, 0 warnings",
    ]


def test_missing_file_and_usage_errors_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--no-such-flag"])
    assert exited.value.code == 2


def test_no_file_validates_the_bundled_catalog():
    done = run_cli("validate", "--strict")
    assert done.returncode == 0, done.stderr
    assert "techniques.yaml: valid, " in done.stdout


def test_bad_catalog_for_the_app_prints_messages_not_a_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\ntechniques: [\n")
    done = run_cli("--data", str(path))
    assert done.returncode == 1
    assert f"{path}:3:1: error: YAML syntax:" in done.stderr
    assert "cannot start: the catalog has errors" in done.stderr
    assert "Traceback" not in done.stderr


def test_set_pin_asks_twice_and_stores_only_a_hash(tmp_path, monkeypatch, capsys):
    from massage_explorer.core.pin import verify_pin
    from massage_explorer.core.settings import load_config

    answers = iter(["864213", "864213"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    config = tmp_path / "kiosk.ini"
    assert main(["set-pin", "--config", str(config)]) == 0
    assert verify_pin("864213", load_config(config).pin_hash)
    assert "864213" not in config.read_text()
    assert "the staff PIN is set" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [("864213", "864214", "differ"), ("8642", "8642", "6 to 12 digits"), ("12", "12", "6 to 12 digits")],
)
def test_set_pin_refuses_mismatch_and_short_pins(tmp_path, monkeypatch, capsys, first, second, message):
    answers = iter([first, second])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    config = tmp_path / "kiosk.ini"
    assert main(["set-pin", "--config", str(config)]) == 1
    assert message in capsys.readouterr().err
    assert not config.exists()


def _bad_settings(tmp_path: Path, case: str) -> tuple[Path, str]:
    """A settings file the kiosk cannot use, and the start of the message it must give."""
    path = tmp_path / "kiosk.ini"
    if case == "superscript":
        path.write_text("[kiosk]\nidle_seconds = ²\n", encoding="utf-8")
        return path, f"{path}:2:16: error: [kiosk] idle_seconds: '²' is not allowed: use a whole number"
    if case == "latin-1":
        path.write_bytes(b"[kiosk]\n# caf\xe9\n")
        return path, f"{path}:2:6: error: is not UTF-8 text (byte 0xe9): save the file as UTF-8"
    if case == "two pins":
        path.write_text("[kiosk]\nPIN_HASH = a\npin_hash = b\n")
        return path, f"{path}:3:1: error: [kiosk] pin_hash: is set twice (also on line 2)"
    path.mkdir()
    return path, f"{path}: error: is a folder, not a settings file"


# What a settings file the kiosk cannot use gives: its message and exit 1; exit 2 (as for
# `validate`) when the file cannot be read at all. (The kiosk itself shows it on its
# out-of-service page instead of exiting: tests/ui/kiosk/test_start.py.)
BAD_SETTINGS = [("superscript", 1), ("latin-1", 1), ("two pins", 1), ("folder", 2)]


@pytest.mark.parametrize(("case", "status"), BAD_SETTINGS)
def test_the_doctor_on_bad_settings_says_where(tmp_path, capsys, case, status):
    path, message = _bad_settings(tmp_path, case)
    assert main(["doctor", "--config", str(path)]) == 1
    out = capsys.readouterr().out
    assert message in out and "Traceback" not in out


@pytest.mark.parametrize(("case", "status"), [c for c in BAD_SETTINGS if c[0] != "two pins"])
def test_set_pin_on_bad_settings_says_where_and_changes_nothing(tmp_path, monkeypatch, capsys, case, status):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "864213")
    path, message = _bad_settings(tmp_path, case)
    before = path.read_bytes() if path.is_file() else None
    assert main(["set-pin", "--config", str(path)]) == status
    err = capsys.readouterr().err
    assert err.startswith(message) and err.endswith("\nset-pin: the PIN was not changed\n")
    assert (path.read_bytes() if path.is_file() else None) == before


def test_an_unreadable_settings_file_is_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\n")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads it anyway: make it a path under a file instead
        path = tmp_path / "kiosk.ini" / "kiosk.ini"
    done = run_cli("doctor", "--config", str(path))
    assert done.returncode == 1
    assert f"problem: settings: {path}: error: cannot read the settings file (" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_set_pin_replaces_a_pin_hash_in_capitals_and_the_kiosk_can_read_it(tmp_path, monkeypatch):
    from massage_explorer.core.pin import verify_pin
    from massage_explorer.core.settings import load_config

    monkeypatch.setattr("getpass.getpass", lambda prompt="": "864213")
    path, _ = _bad_settings(tmp_path, "two pins")  # as an older set-pin left it after PIN_HASH
    path.write_text("# front desk\n" + path.read_text())
    assert main(["set-pin", "--config", str(path)]) == 0
    lines = path.read_text().splitlines()
    assert lines[:2] == ["# front desk", "[kiosk]"] and len(lines) == 3
    assert verify_pin("864213", load_config(path).pin_hash)


def test_a_listing_whose_reader_stops_ends_quietly(tmp_path):
    # `massage-explorer history FILE | head`: head reads its lines and goes away.
    import subprocess
    import sys

    from massage_explorer.core import history
    from tests import factories as f

    catalog = tmp_path / "techniques.yaml"
    state = f.catalog(f.technique("a"))
    for n in range(40):  # more than a pipe holds, so the listing cannot all be written anyway
        history.record(catalog, f"# {n}\n".encode(), state, state, note=[f"note {n} " + "x" * 200] * 10)
    process = subprocess.Popen(
        [sys.executable, "-m", "massage_explorer", "history", str(catalog)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the listing is written
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert errors == ""  # no BrokenPipeError, no traceback
