"""Every command's --help, --version, the --language choices, `doctor`'s exit status and its
Qt-backed checks, and the one line (exit 2) where no display can be had."""

from __future__ import annotations

import os

import pytest

from massage_explorer import __version__
from massage_explorer.cli import _parser, main
from massage_explorer.core.pin import hash_pin
from tests.core.helpers import VALID, run_cli

COMMANDS = ["validate", "set-pin", "edit", "init", "report", "history", "doctor"]


def test_the_commands_tested_here_are_all_there_are():
    subparsers = next(a for a in _parser()._actions if a.dest == "command")
    assert sorted(subparsers.choices) == sorted(COMMANDS)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=lambda c: c[0] if c else "app")
def test_every_command_has_help_that_exits_0(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: massage-explorer {' '.join(command)}".rstrip())
    if command in (["set-pin"], ["doctor"]):
        assert "--config FILE" in out and "kiosk settings file (default: " in out


def test_version_is_the_packages(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out == f"massage-explorer {__version__}\n"


@pytest.mark.parametrize("code", ["fr", "sp", "EN"])
def test_an_unknown_language_is_refused_naming_the_choices(code, capsys):
    with pytest.raises(SystemExit) as done:
        main(["--language", code])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --language: invalid choice: '{code}' (choose from 'en', 'es')" in err


# -- doctor ----------------------------------------------------------------------------------------
@pytest.fixture
def good(tmp_path, monkeypatch):
    """Settings the doctor finds nothing wrong with, with a display and the printer it names."""
    import massage_explorer.ui.doctor_checks as checks

    monkeypatch.setattr(checks, "printer_names", lambda: ["Front desk"])
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    catalog = tmp_path / "techniques.yaml"
    catalog.write_text(VALID)
    ini = tmp_path / "kiosk.ini"
    ini.write_text(f"[kiosk]\ncatalog = {catalog}\nprinter = Front desk\npin_hash = {hash_pin('246813')}\n")
    return ini


def test_the_doctor_exits_0_on_a_good_installation(good, capsys):
    assert main(["doctor", "--config", str(good)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith("ok: ") for line in lines[:-1]), lines
    assert lines[-1] == "doctor: no problems found"
    assert "ok: fonts: the installed fonts show every character of the catalog" in "\n".join(lines)


def test_the_doctor_exits_1_naming_how_many_problems(good, capsys):
    good.write_text(good.read_text().replace("Front desk", "Back room"))
    assert main(["doctor", "--config", str(good)]) == 1
    out = capsys.readouterr().out
    assert "problem: printer: 'Back room' is not known to the system (it knows: 'Front desk')" in out
    assert out.endswith("doctor: 1 problem (above)\n")


def test_the_doctors_font_check_finds_what_no_font_shows():
    from massage_explorer.ui.doctor_checks import uncovered_characters

    # A private-use character no font has; Latin letters every font the app uses has.
    assert uncovered_characters("aé€\U000f0000") == ["\U000f0000"]


def test_the_doctors_printer_check_asks_the_system():
    from massage_explorer.ui.doctor_checks import printer_names

    assert all(isinstance(name, str) for name in printer_names())


# -- no display --------------------------------------------------------------------------------------
def _no_display_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET")}
    env.pop("QT_QPA_PLATFORM", None)
    env["XDG_RUNTIME_DIR"] = "/nonexistent"
    return env


@pytest.mark.parametrize(
    ("args", "what"),
    [([], "the patient app"), (["--kiosk"], "the kiosk"), (["edit"], "the editor")],
)
def test_no_display_is_one_line_naming_what_to_run_instead_and_exit_2(args, what):
    done = run_cli(*args, env=_no_display_env())
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"massage-explorer: no display to show {what} on (neither DISPLAY nor")
    assert "runs under cage" in done.stderr and "QT_QPA_PLATFORM=offscreen" in done.stderr


def test_commands_that_show_no_window_need_no_display(tmp_path):
    env = _no_display_env()
    assert run_cli("validate", env=env).returncode in (0, 1)  # the bundled catalog's warnings aside
    doctor = run_cli("doctor", "--config", str(tmp_path / "none.ini"), env=env)
    assert "problem: display: none (neither DISPLAY nor WAYLAND_DISPLAY is set)" in doctor.stdout


def test_the_editor_lock_age_in_edit_help_is_the_settings_default(capsys):
    from massage_explorer.core.settings import DEFAULT_EDITOR_LOCK_HOURS

    with pytest.raises(SystemExit):
        main(["edit", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert f"default {DEFAULT_EDITOR_LOCK_HOURS}, as editor_lock_hours" in out


@pytest.mark.parametrize("hours", ["0", "337", "٣", "12.5"])
def test_edit_refuses_a_lock_age_out_of_range(hours, capsys):
    with pytest.raises(SystemExit) as done:
        main(["edit", "--lock-hours", hours])
    assert done.value.code == 2
    assert "use a whole number of hours, 1 to 336" in capsys.readouterr().err


def test_init_copies_the_bundled_catalog_with_its_pictures(tmp_path, capsys):
    from massage_explorer.core.paths import bundled_catalog_path, resources_path
    from massage_explorer.core.storage import load_catalog

    folder = tmp_path / "clinic" / "catalog"
    assert main(["init", str(folder)]) == 0
    copy = folder / "techniques.yaml"
    assert copy.read_bytes() == bundled_catalog_path().read_bytes()
    pictures = sorted(p.relative_to(resources_path()) for p in resources_path().rglob("*") if p.is_file())
    assert pictures and sorted(p.relative_to(folder / "resources") for p in (folder / "resources").rglob("*")
                               if p.is_file()) == pictures  # fmt: skip
    assert load_catalog(copy).catalog is not None  # its pictures are found beside it
    out = capsys.readouterr().out
    assert f"massage-explorer edit {copy}" in out


def test_init_never_overwrites_a_catalog(tmp_path, capsys):
    (tmp_path / "techniques.yaml").write_text("# ours\n")
    assert main(["init", str(tmp_path)]) == 1
    assert (tmp_path / "techniques.yaml").read_text() == "# ours\n"
    assert "already there" in capsys.readouterr().err
    assert not (tmp_path / "resources").exists()
