"""Where the bundled catalog and resources live, in a source checkout and in an installed wheel."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # massage_explorer/


def _data_root() -> Path:
    # An installed wheel carries them under massage_explorer/data/; a checkout keeps them at the top.
    packaged = _PACKAGE / "data"
    if (packaged / "techniques.yaml").is_file():
        return packaged
    return _PACKAGE.parent


def bundled_catalog_path() -> Path:
    return _data_root() / "techniques.yaml"


def resources_path() -> Path:
    return _data_root() / "resources"


def default_config_path(platform: str = sys.platform) -> Path:
    """The kiosk settings file when no --config is given. On Windows the machine's, in
    %PROGRAMDATA%\\massage-explorer\\kiosk.ini: the kiosk account reads it and only administrators
    change it, so set-pin run by an administrator writes the file the kiosk reads (a per-user
    %APPDATA% would be two different files). Elsewhere the user's,
    $XDG_CONFIG_HOME/massage-explorer/kiosk.ini (~/.config when unset)."""
    if platform == "win32":
        base = os.environ.get("PROGRAMDATA") or os.environ.get("ALLUSERSPROFILE") or r"C:\ProgramData"
        return Path(base) / "massage-explorer" / "kiosk.ini"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "massage-explorer" / "kiosk.ini"
