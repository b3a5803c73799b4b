"""Kiosk settings (an INI file) and the staff PIN: salted scrypt hash, and a lockout after wrong
tries that a restart does not undo. No Qt."""

from __future__ import annotations

import codecs
import configparser
import contextlib
import os
import re
import stat
from dataclasses import dataclass, field, fields
from pathlib import Path

from massage_explorer.core.languages import KNOWN
from massage_explorer.core.paths import default_config_path
from massage_explorer.core.problems import ItemKind, Location, Problem, Severity

SECTION = "kiosk"
DEFAULT_IDLE_SECONDS = 60
DEFAULT_COUNTDOWN_SECONDS = 20
DEFAULT_LONG_PRESS_SECONDS = 2.5
DEFAULT_EDITOR_LOCK_HOURS = 12


class ConfigError(Exception):
    """A settings file that cannot be used: "FILE:LINE:COL: error: [kiosk] key: what; the fix"
    ("FILE: error: …" when no one line is at fault), one line per mistake (`messages`), in the
    order of the file. `unreadable`: the file could not be read."""

    def __init__(self, *messages: str, unreadable: bool = False) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
        self.unreadable = unreadable


def _error(path: Path, text: str, line: int = 0, column: int = 0, key: str = "") -> ConfigError:
    location = Location(ItemKind.SETTINGS, field=key) if key else None
    return ConfigError(Problem(Severity.ERROR, text, line, column, location).format(str(path)))


@dataclass(frozen=True)
class KioskConfig:
    """What staff set for a kiosk; every field has a safe default except the PIN (none)."""

    path: Path | None = None
    catalog: Path | None = None
    idle_seconds: int = DEFAULT_IDLE_SECONDS
    countdown_seconds: int = DEFAULT_COUNTDOWN_SECONDS
    # How long staff hold the title to reach the PIN pad: long enough that no patient does by chance.
    long_press_seconds: float = DEFAULT_LONG_PRESS_SECONDS
    language: str = "en"
    pdf_folder: Path | None = None
    printer: str = ""
    pin_hash: str = field(default="", repr=False)
    # After how long an editor's lock from another computer counts as left behind (a crash there).
    editor_lock_hours: int = DEFAULT_EDITOR_LOCK_HOURS

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)


# The keys [kiosk] may hold: one for each setting above.
KEYS = tuple(f.name for f in fields(KioskConfig) if f.name != "path")


# -- reading the file, with the line each key is on -------------------------------------------------
_HEADER = re.compile(r"\[(?P<name>.+)\]")  # configparser's own patterns, so lines are found as it reads
_OPTION = re.compile(r"(?P<key>.*?)\s*[=:]\s*(?P<value>.*)$")


@dataclass
class _Entry:
    """One 'key = value' of the text: `line` its 0-based index, `end` past its continuation lines."""

    section: str
    key: str  # folded to lower case, as configparser does: PIN_HASH is pin_hash
    line: int
    end: int
    column: int  # 1-based, of the value
    key_column: int = 1


def _entries(lines: list[str]) -> list[_Entry]:
    found: list[_Entry] = []
    section: str | None = None
    current: _Entry | None = None
    indent = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        level = len(line) - len(line.lstrip())
        if current is not None and level > indent:  # an indented line continues the value
            current.end = index + 1
            continue
        indent, current = level, None
        if header := _HEADER.match(stripped):
            section = header["name"]
        elif section is not None and (option := _OPTION.match(stripped)):
            key = option["key"].rstrip().lower()
            current = _Entry(section, key, index, index + 1, level + option.start("value") + 1, level + 1)
            found.append(current)
    return found


def _find(entries: list[_Entry], key: str, section: str = SECTION) -> _Entry | None:
    """The first `key` of `section`; for [kiosk], one it inherits from [DEFAULT] too."""
    for wanted in (section, configparser.DEFAULTSECT):
        match = next((e for e in entries if e.section == wanted and e.key == key), None)
        if match is not None:
            return match
    return None


def _read(path: Path) -> str | None:
    """The settings file's text; None when there is no file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ConfigError(
            f"{path}: error: is a folder, not a settings file: give the file's own path (--config FILE)",
            unreadable=True,
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"{path}: error: cannot read the settings file ({exc.strerror or exc}): check that the "
            "user running this may read it",
            unreadable=True,
        ) from None
    data = data.removeprefix(codecs.BOM_UTF8)  # as some Windows editors save it
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", "replace")) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        text = f"is not UTF-8 text (byte 0x{data[exc.start]:02x}): save the file as UTF-8"
        raise _error(path, text, line, column) from None


def _syntax_error(path: Path, text: str, exc: configparser.Error) -> ConfigError:
    if isinstance(exc, configparser.DuplicateOptionError):
        first = _find(_entries(text.split("\n")), exc.option, exc.section)
        also = f" (also on line {first.line + 1})" if first is not None else ""
        fix = "keep one" + (", or run set-pin, which keeps one" if exc.option == "pin_hash" else "")
        if exc.section == SECTION:
            return _error(path, f"is set twice{also}: {fix}", exc.lineno or 0, 0, exc.option)
        return _error(path, f"[{exc.section}] {exc.option}: is set twice{also}: {fix}", exc.lineno or 0)
    if isinstance(exc, configparser.DuplicateSectionError):
        return _error(path, f"the section [{exc.section}] is there twice: make it one", exc.lineno or 0)
    if isinstance(exc, configparser.MissingSectionHeaderError):
        return _error(path, f"a setting before any section: put [{SECTION}] above it", exc.lineno)
    if isinstance(exc, configparser.ParsingError):
        message = "is not 'key = value', a [section] or a # comment: correct or remove the line"
        return _error(path, message, exc.errors[0][0] if exc.errors else 0)
    return _error(path, f"not a valid settings file: {exc}")


# Digits 0-9 only: str.isdigit() takes '²', int() and float() take '٣'. Four at most (after any
# leading zeros): int() refuses a string of thousands of digits with a ValueError of its own.
_WHOLE = re.compile(r"0*[0-9]{1,4}")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
# "en (English) or es (Spanish)": the languages `language` may name.
_NAMED = [f"{code} ({language.english})" for code, language in KNOWN.items()]
LANGUAGE_CHOICES = " or ".join([", ".join(_NAMED[:-1]), _NAMED[-1]] if len(_NAMED) > 1 else _NAMED)


def _did_you_mean(name: str, known: tuple[str, ...]) -> str:
    import difflib  # only for a misspelt name, not on every kiosk start (about 1 ms)

    close = difflib.get_close_matches(name, known, n=1)
    return close[0] if close else ""


def _unknown_names(
    parser: configparser.ConfigParser, entries: list[_Entry], lines: list[str]
) -> list[Problem]:
    """Sections other than [kiosk] and keys that are not settings. Both are errors, not warnings:
    the kiosk would otherwise run without what they were meant to set and nobody would learn why
    (a misspelt [Kiosk] drops every setting under it, the PIN too)."""
    found = []
    headers = [(i, h["name"]) for i, text in enumerate(lines) if (h := _HEADER.match(text.strip()))]
    for section in parser.sections():
        if section != SECTION:
            line = next((i + 1 for i, name in headers if name == section), 0)
            close = _did_you_mean(section.lower(), (SECTION,))
            fix = f"did you mean [{SECTION}]?" if close else f"every setting goes under [{SECTION}]"
            found.append(
                Problem(Severity.ERROR, f"[{section}] is not a section of the settings: {fix}", line)
            )
    for key in parser.options(SECTION):
        if key in KEYS:
            continue
        close, secret = _did_you_mean(key, KEYS), "pin" in key or "password" in key
        if close and (close == "pin_hash" or not secret):
            text = f"is not a setting: did you mean {close}?"
        elif secret:
            text = "is not a setting: a PIN is never written here; set-pin stores its hash as pin_hash"
        else:
            text = f"is not a setting: the settings are {', '.join(KEYS)}"
        entry = _find(entries, key)
        line, column = (entry.line + 1, entry.key_column) if entry is not None else (0, 0)
        found.append(Problem(Severity.ERROR, text, line, column, Location(ItemKind.SETTINGS, field=key)))
    return found


def _parse(path: Path, text: str) -> KioskConfig:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        raise _syntax_error(path, text, exc) from None
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)
    lines = text.split("\n")
    entries = _entries(lines)
    # Every mistake at once, as for a catalog: staff fix them all in one go.
    found = _unknown_names(parser, entries, lines)

    def get(key: str, default: str = "") -> str:
        return parser.get(SECTION, key, fallback=default).strip()

    def refuse(key: str, rule: str) -> None:
        entry = _find(entries, key)
        line, column = (entry.line + 1, entry.column) if entry is not None else (0, 0)
        location = Location(ItemKind.SETTINGS, field=key)
        found.append(Problem(Severity.ERROR, f"{get(key)!r} is not allowed: {rule}", line, column, location))

    def whole(key: str, default: int, low: int, high: int, unit: str) -> int:
        raw = get(key, str(default))
        if not _WHOLE.fullmatch(raw) or not low <= int(raw) <= high:
            refuse(key, f"use a whole number of {unit}, {low} to {high}, in the digits 0-9")
            return default
        return int(raw)

    def seconds(key: str, default: int) -> int:
        return whole(key, default, 5, 3600, "seconds")

    def optional_path(key: str) -> Path | None:
        value = get(key)
        return Path(value).expanduser() if value else None

    hold = get("long_press_seconds", str(DEFAULT_LONG_PRESS_SECONDS))
    if not _DECIMAL.fullmatch(hold) or not 1.0 <= float(hold) <= 10.0:
        refuse("long_press_seconds", "use a number of seconds, 1 to 10, such as 2.5")
        hold = str(DEFAULT_LONG_PRESS_SECONDS)
    language = get("language") or "en"
    if language not in KNOWN:
        refuse("language", f"use {LANGUAGE_CHOICES}")
    config = KioskConfig(
        path=path,
        catalog=optional_path("catalog"),
        idle_seconds=seconds("idle_seconds", DEFAULT_IDLE_SECONDS),
        countdown_seconds=seconds("countdown_seconds", DEFAULT_COUNTDOWN_SECONDS),
        long_press_seconds=float(hold),
        language=language,
        pdf_folder=optional_path("pdf_folder"),
        printer=get("printer"),
        pin_hash=get("pin_hash"),
        editor_lock_hours=whole("editor_lock_hours", DEFAULT_EDITOR_LOCK_HOURS, 1, 336, "hours"),
    )
    if found:
        found.sort(key=lambda problem: (problem.line, problem.column))
        raise ConfigError(*(problem.format(str(path)) for problem in found))
    return config


def load_config(path: Path | None = None) -> KioskConfig:
    """Settings from `path` (default: the user's config folder); a missing file gives defaults.
    Raises ConfigError, with the line at fault, for a file the kiosk cannot use."""
    path = path or default_config_path()
    text = _read(path)
    return KioskConfig(path=path) if text is None else _parse(path, text)


def save_pin(path: Path, pin: str) -> None:
    """Make the hash of `pin` the settings file's one pin_hash line (replacing every pin_hash of
    [kiosk], in any case), keeping every other line, comments too. Changes nothing, raising
    ConfigError, for a PIN that breaks the rule or a file the kiosk could not use."""
    from massage_explorer.core.pin import PIN_PATTERN, PIN_RULE, hash_pin  # hashing: not for reading

    if not PIN_PATTERN.match(pin):
        raise ConfigError(f"the PIN must be {PIN_RULE}")
    lines = (_read(path) or "").split("\n")
    if lines[-1] == "":
        lines.pop()  # the last line's newline
    old = [e for e in _entries(lines) if e.section == SECTION and e.key == "pin_hash"]
    gone = {index for entry in old for index in range(entry.line, entry.end)}
    # Checked without its PIN lines, which stay comments in place: a message gives the right line.
    _parse(path, "\n".join("#" if i in gone else text for i, text in enumerate(lines)))
    line = f"pin_hash = {hash_pin(pin)}"
    if old:
        first = old[0].line
        indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
        lines = [
            indent + line if i == first else text
            for i, text in enumerate(lines)
            if i not in gone or i == first
        ]
    else:
        headers = (
            i for i, text in enumerate(lines) if (h := _HEADER.match(text.strip())) and h["name"] == SECTION
        )
        at = next(headers, None)
        if at is None:
            lines += ([""] if lines else []) + [f"[{SECTION}]", line]
        else:  # after the section's last entry: an indented key after it would continue its value
            ends = [e.end for e in _entries(lines) if e.section == SECTION]
            lines.insert(max(ends, default=at + 1), line)
    text = "\n".join(lines) + "\n"
    _parse(path, text)  # never write a file the kiosk would refuse
    before = path.stat() if path.is_file() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    from massage_explorer.core.storage import atomic_write  # PyYAML too: only when a PIN is saved

    atomic_write(path, text.encode("utf-8"))
    # A file there was keeps its owner, group and mode: set-pin run by root must not take
    # /etc/massage-explorer/kiosk.ini (root:massage-explorer 0640) away from the kiosk's user, who
    # reads it through its group. Only root may give a file away; anyone else keeps what they can.
    # A new file is for its maker alone: the hash is not the PIN, but no one else needs it.
    if before is not None and hasattr(os, "chown"):
        with contextlib.suppress(OSError):
            os.chown(path, before.st_uid, before.st_gid)
    os.chmod(path, 0o600 if before is None else stat.S_IMODE(before.st_mode))
