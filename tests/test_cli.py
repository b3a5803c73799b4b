"""The `validate` command as staff and CI use it: messages on stderr, a summary, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from massage_explorer.cli import main
from tests.core.helpers import VALID, line_of, variant


def run(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "massage_explorer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_valid_file_exits_0_with_a_summary(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(VALID)
    done = run("validate", str(path))
    assert done.returncode == 0
    assert done.stdout == f"{path}: valid, 1 technique; 0 errors, 0 warnings\n"
    assert done.stderr == ""


def test_invalid_file_exits_1_with_located_messages_and_no_traceback(tmp_path):
    text = variant("evidence: low", "evidence: strong")
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    done = run("validate", str(path))
    assert done.returncode == 1
    line = line_of(text, "strong")
    assert done.stderr.startswith(f"{path}:{line}:19: error: technique 'swedish', benefits[0].evidence:")
    assert "Traceback" not in done.stderr
    assert done.stdout == f"{path}: invalid; 1 error, 0 warnings\n"


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
    done = run("validate", "--strict")
    assert done.returncode == 0, done.stderr
    assert "techniques.yaml: valid, " in done.stdout


def test_bad_catalog_for_the_app_prints_messages_not_a_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\ntechniques: [\n")
    done = run("--data", str(path))
    assert done.returncode == 1
    assert f"{path}:3:1: error: YAML syntax:" in done.stderr
    assert "cannot start: the catalog has errors" in done.stderr
    assert "Traceback" not in done.stderr


def test_set_pin_asks_twice_and_stores_only_a_hash(tmp_path, monkeypatch, capsys):
    from massage_explorer.core.settings import load_config, verify_pin

    answers = iter(["8642", "8642"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    config = tmp_path / "kiosk.ini"
    assert main(["set-pin", "--config", str(config)]) == 0
    assert verify_pin("8642", load_config(config).pin_hash)
    assert "8642" not in config.read_text()
    assert "the staff PIN is set" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("first", "second", "message"), [("8642", "8643", "differ"), ("12", "12", "4 to 12 digits")]
)
def test_set_pin_refuses_mismatch_and_short_pins(tmp_path, monkeypatch, capsys, first, second, message):
    answers = iter([first, second])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    config = tmp_path / "kiosk.ini"
    assert main(["set-pin", "--config", str(config)]) == 1
    assert message in capsys.readouterr().err
    assert not config.exists()


def test_a_kiosk_with_a_broken_catalog_and_no_backup_does_not_start(tmp_path, capsys):
    path = tmp_path / "techniques.yaml"
    path.write_text("schema_version: 1\ntechniques: [\n")
    assert main(["--kiosk", "--config", str(tmp_path / "kiosk.ini"), "--data", str(path)]) == 1
    assert "cannot start" in capsys.readouterr().err
