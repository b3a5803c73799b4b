"""Where the kiosk's settings are looked for when no --config is given, on each platform."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

from massage_explorer.core.paths import default_config_path


def test_on_windows_the_settings_are_the_machines_in_programdata(monkeypatch):
    monkeypatch.setenv("PROGRAMDATA", r"D:\ProgramData")
    assert PureWindowsPath(default_config_path("win32")) == PureWindowsPath(
        r"D:\ProgramData\massage-explorer\kiosk.ini"
    )
    monkeypatch.delenv("PROGRAMDATA")
    monkeypatch.delenv("ALLUSERSPROFILE", raising=False)
    assert PureWindowsPath(default_config_path("win32")) == PureWindowsPath(
        r"C:\ProgramData\massage-explorer\kiosk.ini"
    )


def test_elsewhere_they_are_the_users_in_the_xdg_config_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert default_config_path("linux") == tmp_path / "config" / "massage-explorer" / "kiosk.ini"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_config_path("linux") == Path(tmp_path) / ".config" / "massage-explorer" / "kiosk.ini"
