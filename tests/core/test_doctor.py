"""`massage-explorer doctor` on a good installation and on each kind of broken one: one line per
check, each problem with what to do, and a failing verdict only for problems. No Qt: the two
checks that need it (printers, fonts) are handed in, as the command line hands in Qt's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from massage_explorer.core import doctor
from massage_explorer.core.doctor import Finding, Status, examine
from massage_explorer.core.pin import hash_pin
from massage_explorer.core.storage import BACKUP_SUFFIX
from tests.core.helpers import VALID, refuse_reading

DISPLAY = {"WAYLAND_DISPLAY": "wayland-0"}
BROKEN = "schema_version: 1\ntechniques: [\n"


@pytest.fixture
def install(tmp_path: Path) -> Path:
    """A good installation: settings naming a valid catalog (with a valid backup), a PIN, a known
    printer and a PDF folder the user may write in. Returns the settings file."""
    catalog = tmp_path / "srv" / "techniques.yaml"
    catalog.parent.mkdir()
    catalog.write_text(VALID)
    catalog.with_name(catalog.name + BACKUP_SUFFIX).write_text(VALID)
    (tmp_path / "pdfs").mkdir()
    ini = tmp_path / "etc" / "kiosk.ini"
    ini.parent.mkdir()
    ini.write_text(
        f"[kiosk]\ncatalog = {catalog}\nprinter = Front desk\npdf_folder = {tmp_path / 'pdfs'}\n"
        f"pin_hash = {hash_pin('246813', salt=b'0' * 16)}\n"
    )
    return ini


def check(
    ini: Path,
    *,
    printers: tuple[str, ...] = ("Front desk",),
    missing: str = "",
    env: dict[str, str] | None = None,
) -> list[Finding]:
    return examine(
        ini,
        printers=lambda: printers,
        uncovered=lambda characters: [ch for ch in characters if ch in missing],
        env=DISPLAY if env is None else env,
        platform="linux",
    )


def by_subject(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.subject: finding for finding in findings}


def problems(findings: list[Finding]) -> list[str]:
    return [line for f in findings if f.status is Status.PROBLEM for line in f.lines()]


def test_a_good_installation_passes_every_check_one_line_each(install):
    findings = check(install)
    assert [f.subject for f in findings] == [
        "settings", "catalog", "catalog backup", "staff PIN", "printer", "PDF folder", "display", "fonts",
    ]  # fmt: skip
    assert all(f.status is Status.OK for f in findings), problems(findings)
    assert all(len(f.lines()) == 1 for f in findings)
    assert findings[0].lines() == [f"ok: settings: {install} is valid"]
    assert by_subject(findings)["catalog"].text.endswith("is valid, 1 technique")


def test_unreadable_settings_say_so_and_what_to_do_and_skip_what_they_name(install, monkeypatch):
    refuse_reading(monkeypatch, install)
    findings = check(install)
    assert problems(findings) == [
        f"problem: settings: {install}: error: cannot read the settings file (Permission denied): "
        "check that the user running this may read it"
    ]
    skipped = by_subject(findings)["catalog, staff PIN, printer, PDF folder, fonts"]
    assert skipped.status is Status.NOT_CHECKED


def test_invalid_settings_list_each_mistake_at_its_line(install):
    install.write_text(install.read_text() + "idle_secs = 90\nlanguage = sp\n")
    (settings,) = [f for f in check(install) if f.status is Status.PROBLEM]
    assert settings.lines() == [
        f"problem: settings: {install} has 2 mistakes:",
        f"    {install}:6:1: error: [kiosk] idle_secs: is not a setting: did you mean idle_seconds?",
        f"    {install}:7:12: error: [kiosk] language: 'sp' is not allowed: use en (English) or es (Spanish)",
    ]


def test_an_invalid_catalog_lists_its_errors_and_a_valid_backup_is_what_the_kiosk_shows(install):
    catalog = install.parent.parent / "srv" / "techniques.yaml"
    catalog.write_text(BROKEN)
    findings = by_subject(check(install))
    found = findings["catalog"]
    assert found.status is Status.PROBLEM and found.text == f"{catalog} has 1 error:"
    assert found.details[0].startswith(f"{catalog}:")
    assert findings["catalog backup"].status is Status.OK
    assert findings["fonts"].status is Status.OK  # checked against the backup the kiosk shows


def test_an_invalid_backup_is_a_problem_with_the_fix(install):
    catalog = install.parent.parent / "srv" / "techniques.yaml"
    backup = catalog.with_name(catalog.name + BACKUP_SUFFIX)
    backup.write_text(BROKEN)
    assert problems(check(install)) == [
        f"problem: catalog backup: {backup} has 1 error, so a kiosk has nothing to fall back on: "
        "copy a valid catalog over it"
    ]


def test_a_catalog_that_cannot_be_read_names_the_setting_to_check(install, tmp_path):
    install.write_text(install.read_text().replace(str(tmp_path / "srv"), str(tmp_path / "gone")))
    (line,) = problems(check(install))
    assert line.startswith(f"problem: catalog: cannot read {tmp_path / 'gone' / 'techniques.yaml'} (")
    assert line.endswith("): check the catalog = line of the settings")


def test_no_pin_is_a_problem_naming_set_pin(install):
    lines = install.read_text().splitlines()
    install.write_text("\n".join(line for line in lines if "pin_hash" not in line))
    assert problems(check(install)) == [
        "problem: staff PIN: none is set, so nothing unlocks the PIN pad: "
        f"run massage-explorer set-pin --config {install}"
    ]


def test_a_printer_the_system_does_not_know_lists_the_ones_it_does(install):
    (line,) = problems(check(install, printers=("Office", "Back room")))
    assert line.startswith(
        "problem: printer: 'Front desk' is not known to the system (it knows: 'Office', 'Back room'): "
    )
    assert "lpstat -p" in line


def test_a_printer_check_that_fails_is_a_problem_not_a_traceback(install):
    def broken() -> list[str]:
        raise ImportError("libcups.so.2: cannot open shared object file")

    findings = examine(install, printers=broken, uncovered=lambda c: [], env=DISPLAY, platform="linux")
    (line,) = problems(findings)
    assert line.startswith("problem: printer: cannot be checked (libcups.so.2:")


def test_a_pdf_folder_the_user_may_not_write_in(install, tmp_path, monkeypatch):
    folder = tmp_path / "pdfs"
    access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: access(p, mode) and Path(p) != folder)
    (line,) = problems(check(install))
    assert line.startswith(f"problem: PDF folder: {doctor._user()} may not write in {folder}: ")
    assert "chown" in line


def test_a_missing_pdf_folder_says_how_to_create_it(install, tmp_path):
    (tmp_path / "pdfs").rmdir()
    (line,) = problems(check(install))
    assert line.startswith(f"problem: PDF folder: {tmp_path / 'pdfs'} does not exist: create it (install -d")


def test_no_display_is_a_problem_but_only_not_checked_over_ssh(install):
    (line,) = problems(check(install, env={}))
    assert line == (
        "problem: display: none (neither DISPLAY nor WAYLAND_DISPLAY is set): start the kiosk under "
        "cage, as its service does (README)"
    )
    over_ssh = by_subject(check(install, env={"SSH_CONNECTION": "10.0.0.2 5 10.0.0.1 22"}))["display"]
    assert (
        over_ssh.status is Status.NOT_CHECKED and "systemctl status massage-explorer-kiosk" in over_ssh.text
    )


def test_a_character_no_font_shows_is_named_with_the_font_to_install(install):
    assert not problems(check(install, missing="é"))  # the catalog has none
    install.parent.parent.joinpath("srv", "techniques.yaml").write_text(
        VALID.replace("Smooth and slow.", "Smooth and slow, like a café.")
    )
    (line,) = problems(check(install, missing="é"))
    assert line.startswith("problem: fonts: no installed font shows 1 character of the catalog (U+00E9 LATIN")
    assert "fonts-noto-core" in line


def test_every_problem_says_what_to_do(install, tmp_path, monkeypatch):
    """One broken installation with everything wrong at once: each line has a fix after a colon."""
    catalog = tmp_path / "srv" / "techniques.yaml"
    catalog.write_text(BROKEN)
    catalog.with_name(catalog.name + BACKUP_SUFFIX).write_text(BROKEN)
    install.write_text(install.read_text().replace("pin_hash", "# pin_hash"))
    (tmp_path / "pdfs").rmdir()
    findings = check(install, printers=(), env={})
    assert {f.subject for f in findings if f.status is Status.PROBLEM} == {
        "catalog", "catalog backup", "staff PIN", "printer", "PDF folder", "display",
    }  # fmt: skip
    for finding in findings:
        if finding.status is Status.PROBLEM and not finding.details:
            assert ": " in finding.text, finding.text
