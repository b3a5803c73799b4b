"""`massage-explorer doctor`: an installation checked as its kiosk user would run it, one small
check at a time; and whether a window can be shown at all. No Qt: the two checks that need it (the
printers the system knows, the characters no font shows) are handed in by the command line, from
massage_explorer.ui.doctor_checks. Whether there is a display is core.display's answer, which
the app asks on every start without importing this module."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from massage_explorer.core.display import display_missing

if TYPE_CHECKING:
    from massage_explorer.core.catalog import Catalog
    from massage_explorer.core.problems import LoadResult
    from massage_explorer.core.settings import KioskConfig

SERVICE = "massage-explorer-kiosk"
MAX_DETAILS = 10  # a catalog's errors listed under its line; `validate` lists them all
MAX_CHARACTERS = 20  # characters named when the fonts lack some
QT_FIX = "install what Qt needs (the apt-get line in the README)"


class Status(enum.Enum):
    """A problem fails the doctor; what cannot be checked from here does not."""

    OK = "ok"
    PROBLEM = "problem"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True)
class Finding:
    """One check's outcome: `text` says what was found and, for a problem, what to do about it;
    `details` are the located messages behind it ("FILE:LINE:COL: error: …")."""

    status: Status
    subject: str
    text: str
    details: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return [f"{self.status.value}: {self.subject}: {self.text}", *(f"    {d}" for d in self.details)]


def _ok(subject: str, text: str) -> Finding:
    return Finding(Status.OK, subject, text)


def _problem(subject: str, text: str, details: Sequence[str] = ()) -> Finding:
    return Finding(Status.PROBLEM, subject, text, tuple(details))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container)
        return "this user"


# -- a display ------------------------------------------------------------------------------------
def check_display(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Finding:
    reason = display_missing(env, platform)
    if not reason:
        names = ("WAYLAND_DISPLAY", "DISPLAY", "QT_QPA_PLATFORM")
        return _ok(
            "display", f"available ({', '.join(f'{n}={env[n]}' for n in names if env.get(n)) or platform})"
        )
    # Over SSH, or through sudo (which drops SSH_* but sets SUDO_USER), there is none to expect.
    if any(env.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "SUDO_USER")):
        text = (
            f"none in this session ({reason}), as usual over SSH or sudo; the kiosk's service gives it "
            f"one under cage: 'systemctl status {SERVICE}' shows whether it runs, "
            f"'journalctl -u {SERVICE}' why it stopped"
        )
        return Finding(Status.NOT_CHECKED, "display", text)
    return _problem("display", f"none ({reason}): start the kiosk under cage, as its service does (README)")


# -- the settings, the catalog and its backup --------------------------------------------------------
def check_settings(path: Path) -> tuple[Finding, KioskConfig | None]:
    """The settings as the kiosk reads them; a missing file gives the defaults."""
    from massage_explorer.core.settings import ConfigError, load_config

    try:
        config = load_config(path)
    except ConfigError as exc:
        if exc.unreadable:
            return _problem("settings", str(exc)), None
        return _problem(
            "settings", f"{path} has {_plural(len(exc.messages), 'mistake')}:", exc.messages
        ), None
    if not os.path.exists(path):  # load_config read no file
        return _ok("settings", f"no settings file at {path}, defaults used"), config
    return _ok("settings", f"{path} is valid"), config


def _load(path: Path) -> LoadResult | str:
    """The checked catalog, or why the file cannot be read."""
    from massage_explorer.core.storage import load_catalog

    try:
        return load_catalog(path)
    except OSError as exc:
        return exc.strerror or str(exc)


def check_catalog(path: Path, *, named: bool) -> tuple[Finding, Catalog | None]:
    """The catalog the settings name (`named`), else the bundled one; and the catalog, if valid."""
    result = _load(path)
    if isinstance(result, str):
        where = "the catalog = line of the settings" if named else "the installation"
        return _problem("catalog", f"cannot read {path} ({result}): check {where}"), None
    if result.catalog is None:
        errors = result.errors
        more = result.error_count - MAX_DETAILS
        details = [problem.format(str(path)) for problem in errors[:MAX_DETAILS]] + (
            [f"… and {more} more: massage-explorer validate {path}"] if more > 0 else []
        )
        return _problem("catalog", f"{path} has {_plural(result.error_count, 'error')}:", details), None
    text = f"{path} is valid, {_plural(len(result.catalog), 'technique')}"
    if result.warning_count:  # (a file of many keeps the first: the count is of them all)
        text += f", {_plural(result.warning_count, 'warning')} (massage-explorer validate {path})"
    return _ok("catalog", text), result.catalog


def check_backup(path: Path) -> tuple[Finding, Catalog | None]:
    """The backup the last save kept beside the catalog `path`, which a kiosk shows while the
    catalog has errors; and its catalog, if valid."""
    from massage_explorer.core.storage import BACKUP_SUFFIX

    backup = path.with_name(path.name + BACKUP_SUFFIX)
    if not os.path.exists(backup):
        return _ok("catalog backup", f"none yet at {backup} (each save in the editor keeps one)"), None
    saved = _load(backup)
    if isinstance(saved, str) or saved.catalog is None:
        why = (
            f"cannot be read ({saved})"
            if isinstance(saved, str)
            else f"has {_plural(saved.error_count, 'error')}"
        )
        text = f"{backup} {why}, so a kiosk has nothing to fall back on: copy a valid catalog over it"
        return _problem("catalog backup", text), None
    return _ok("catalog backup", f"{backup} is valid; a kiosk falls back on it"), saved.catalog


# -- what the settings name ----------------------------------------------------------------------------
def check_pin(config: KioskConfig) -> Finding:
    fix = f"run massage-explorer set-pin --config {config.path}"
    if not config.has_pin:
        return _problem("staff PIN", f"none is set, so nothing unlocks the PIN pad: {fix}")
    if not config.pin_hash.startswith("scrypt$") or config.pin_hash.count("$") != 5:
        return _problem(
            "staff PIN", f"pin_hash is not one set-pin writes, so nothing unlocks the PIN pad: {fix}"
        )
    return _ok("staff PIN", "set")


def check_printer(name: str, known: Callable[[], Sequence[str]]) -> Finding:
    """`known`: the names of the printers the system knows (asked only when a printer is set)."""
    if not name:
        return _ok("printer", "printing is off (no printer in the settings)")
    try:
        names = list(known())
    except (ImportError, OSError, RuntimeError) as exc:
        return _problem("printer", f"cannot be checked ({exc}): {QT_FIX}")
    if name in names:
        return _ok("printer", f"{name!r} is known to the system")
    listed = ", ".join(repr(n) for n in names) or "none"
    text = (
        f"{name!r} is not known to the system (it knows: {listed}): add it to CUPS (lpadmin, or "
        "http://localhost:631) or correct printer = in the settings; 'lpstat -p' lists the printers"
    )
    return _problem("printer", text)


def check_pdf_folder(folder: Path | None) -> Finding:
    """The kiosk saves take-away PDFs there as this user: it must exist and take a new file."""
    if folder is None:
        return _ok("PDF folder", "saving PDFs is off (no pdf_folder in the settings)")
    user = _user()
    if not folder.exists():
        return _problem("PDF folder", f"{folder} does not exist: create it (install -d -o {user} {folder})")
    if not folder.is_dir():
        return _problem("PDF folder", f"{folder} is not a folder: correct pdf_folder = in the settings")
    if not os.access(folder, os.W_OK | os.X_OK):
        return _problem(
            "PDF folder", f"{user} may not write in {folder}: give it the folder (chown {user} {folder})"
        )
    import tempfile

    try:  # what os.access cannot tell: a read-only or full disk, a network share's own rules
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".massage-explorer-doctor-"):
            pass
    except OSError as exc:
        return _problem(
            "PDF folder", f"cannot create a file in {folder} ({exc.strerror or exc}): make it writable"
        )
    return _ok("PDF folder", f"{folder} takes new files from {user}")


# -- fonts ---------------------------------------------------------------------------------------------
def _texts(value: object) -> Iterator[str]:
    from massage_explorer.core.catalog import Text

    if isinstance(value, Text):
        yield from (text for _, text in value.pairs)
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for each in fields(value):
            yield from _texts(getattr(value, each.name))


def catalog_characters(catalog: Catalog) -> set[str]:
    """Every character a patient may read in the catalog, spaces and invisible controls left out."""
    import unicodedata

    found = set().union(*_texts(catalog))
    return {ch for ch in found if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Cs")}


def check_fonts(characters: Iterable[str], uncovered: Callable[[Iterable[str]], Iterable[str]]) -> Finding:
    """`uncovered`: those of the characters that no installed font shows."""
    import unicodedata

    characters = set(characters)
    try:
        missing = sorted(uncovered(characters))
    except (ImportError, OSError, RuntimeError) as exc:
        return _problem("fonts", f"cannot be checked ({exc}): {QT_FIX}")
    if not missing:
        return _ok(
            "fonts", f"the installed fonts show every character of the catalog ({len(characters)} different)"
        )
    named = ", ".join(
        f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip() for ch in missing[:MAX_CHARACTERS]
    )
    if len(missing) > MAX_CHARACTERS:
        named += f" and {len(missing) - MAX_CHARACTERS} more"
    text = (
        f"no installed font shows {_plural(len(missing), 'character')} of the catalog ({named}), which "
        "patients see as empty boxes: install a font that has them (e.g. fonts-noto-core) or correct the text"
    )
    return _problem("fonts", text)


# -- all of it -------------------------------------------------------------------------------------------
def examine(
    config_path: Path,
    *,
    printers: Callable[[], Sequence[str]],
    uncovered: Callable[[Iterable[str]], Iterable[str]],
    env: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
) -> list[Finding]:
    """Every check, in the order a kiosk meets them."""
    from massage_explorer.core.paths import bundled_catalog_path

    settings, config = check_settings(config_path)
    findings = [settings]
    catalog = None
    if config is None:
        skipped = "catalog, staff PIN, printer, PDF folder, fonts"
        findings.append(
            Finding(Status.NOT_CHECKED, skipped, "they are named in the settings: correct those first")
        )
    else:
        path = config.catalog or bundled_catalog_path()
        (found, catalog), (kept, backup) = check_catalog(path, named=bool(config.catalog)), check_backup(path)
        catalog = catalog or backup  # what the kiosk shows
        findings += [found, kept, check_pin(config), check_printer(config.printer, printers)]
        findings.append(check_pdf_folder(config.pdf_folder))
    findings.append(check_display(env, platform))
    if catalog is not None:
        findings.append(check_fonts(catalog_characters(catalog), uncovered))
    return findings
