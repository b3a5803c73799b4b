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


def bundled_is_installed() -> bool:
    """Whether the bundled catalog is the installed package's copy (replaced by every update, and
    often not writable), not a source checkout's: staff then edit a copy of their own."""
    return _data_root() == _PACKAGE / "data"


def copy_bundled_catalog(folder: Path) -> Path:
    """Copy the bundled catalog, with its resources folder (its pictures), into `folder` (made if
    needed) to start a clinic's own; returns the copy's path. Refuses, with FileExistsError, to
    overwrite a catalog or resources folder already there; OSError for a folder it cannot write."""
    import shutil

    folder = Path(folder).expanduser()
    catalog, resources = folder / "techniques.yaml", folder / "resources"
    for path in (catalog, resources):
        if path.exists():
            raise FileExistsError(f"{path}: already there; choose an empty folder, or edit that catalog")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(resources_path(), resources)
    shutil.copyfile(bundled_catalog_path(), catalog)
    return catalog


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
