"""Starting a kiosk from the command line: it never exits over its settings or catalog (the
out-of-service page waits them out), and the desktop app still says why and exits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from massage_explorer.cli import main
from massage_explorer.core.preload import PendingLoad
from tests.core.helpers import VALID


@pytest.fixture
def started(monkeypatch) -> dict:
    """What the command line hands the kiosk's start-up, which is not run."""
    import massage_explorer.ui.kiosk as kiosk

    seen: dict = {}

    def run_kiosk_when_ready(config_path, data_path, language, **kw):
        seen.update(config_path=config_path, data_path=data_path, language=language, **kw)
        return 0

    monkeypatch.setattr(kiosk, "run_kiosk_when_ready", run_kiosk_when_ready)
    return seen


@pytest.mark.parametrize(
    "settings", ["[kiosk]\nidle_secs = 90\n", "[kiosk]\nlanguage = sp\n", b"[kiosk]\n# caf\xe9\n", None]
)
def test_a_kiosk_with_bad_settings_goes_to_its_start_up_instead_of_exiting(tmp_path, started, settings):
    ini = tmp_path / "kiosk.ini"
    if settings is None:
        ini.mkdir()  # a folder where the file should be
    elif isinstance(settings, bytes):
        ini.write_bytes(settings)
    else:
        ini.write_text(settings)
    assert main(["--kiosk", "--config", str(ini)]) == 0
    assert started["config_path"] == ini and started["pending"] is None  # it reads them itself


def test_good_settings_have_the_catalog_read_while_qt_loads(tmp_path, started):
    catalog = tmp_path / "techniques.yaml"
    catalog.write_text("schema_version: 1\ntechniques: [\n")
    ini = tmp_path / "kiosk.ini"
    ini.write_text(f"[kiosk]\ncatalog = {catalog}\n")
    assert main(["--kiosk", "--config", str(ini), "--language", "es"]) == 0
    pending = started["pending"]
    assert isinstance(pending, PendingLoad) and pending.path == catalog
    assert started["language"] == "es" and started["data_path"] is None
    assert pending.result().errors  # read, with its errors: the kiosk falls back or waits


def test_the_data_option_names_the_catalog_read_first(tmp_path, started):
    data = tmp_path / "other.yaml"
    data.write_text(VALID)
    assert main(["--kiosk", "--config", str(tmp_path / "none.ini"), "--data", str(data)]) == 0
    assert started["data_path"] == data and started["pending"].path == data
    assert started["pending"].result().catalog is not None


def test_the_desktop_app_on_a_catalog_that_cannot_be_read_exits_2(tmp_path, capsys):
    folder = tmp_path / "techniques.yaml"
    folder.mkdir()
    assert main(["--data", str(folder)]) == 2
    assert f"{folder}: error: cannot read the file:" in capsys.readouterr().err


def test_the_desktop_app_on_a_broken_catalog_exits_1(tmp_path, capsys):
    path = tmp_path / "techniques.yaml"
    path.write_text("schema_version: 1\ntechniques: [\n")
    assert main(["--data", str(path)]) == 1
    assert f"{path}: cannot start: the catalog has errors" in capsys.readouterr().err


def _unreadable(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\n")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads any file: a path under a file is unreadable to all
        path = tmp_path / "kiosk.ini" / "kiosk.ini"
    return path


def test_a_kiosk_that_cannot_read_its_settings_keeps_running_and_says_why_once(tmp_path):
    path = _unreadable(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "state")}
    env.pop("JOURNAL_STREAM", None)
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "massage_explorer", "--kiosk", "--config", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
        )
    try:
        deadline = time.monotonic() + 30
        while "checking again every" not in log.read_text() and time.monotonic() < deadline:
            assert kiosk.poll() is None, log.read_text()
            time.sleep(0.1)
        time.sleep(1.5)
        assert kiosk.poll() is None, log.read_text()  # still there: no exit for systemd to restart
    finally:
        kiosk.terminate()
        kiosk.wait(10)
    text = log.read_text()
    assert f"kiosk out of service: {path}: error: cannot read the settings file (" in text
    assert text.count("checking again every 30 seconds") == 1 and "Traceback" not in text
