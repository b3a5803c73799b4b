"""Kiosk settings (an INI file) and the staff PIN: salted scrypt hash, lockout after wrong tries. No Qt."""

from __future__ import annotations

import base64
import configparser
import hashlib
import hmac
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from massage_explorer.core.paths import default_config_path

SECTION = "kiosk"
DEFAULT_IDLE_SECONDS = 60
DEFAULT_COUNTDOWN_SECONDS = 20
DEFAULT_LONG_PRESS_SECONDS = 2.5
PIN_PATTERN = re.compile(r"[0-9]{4,12}\Z")
# scrypt cost: about 50 ms per check here, so guessing offline is slow; 16 MiB of memory.
_N, _R, _P, _DKLEN = 2**14, 8, 1, 32
MAX_TRIES = 5
FIRST_LOCK_SECONDS = 30


class ConfigError(Exception):
    """A setting that cannot be used, with the file and the fix."""


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

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)


def _positive(parser: configparser.ConfigParser, key: str, default: int, path: Path) -> int:
    raw = parser.get(SECTION, key, fallback=str(default)).strip()
    if not raw.isdigit() or not 5 <= int(raw) <= 3600:
        raise ConfigError(f"{path}: [{SECTION}] {key} = {raw!r}: use a whole number of seconds, 5 to 3600")
    return int(raw)


def _hold(parser: configparser.ConfigParser, path: Path) -> float:
    raw = parser.get(SECTION, "long_press_seconds", fallback=str(DEFAULT_LONG_PRESS_SECONDS)).strip()
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 1.0 <= value <= 10.0:
        raise ConfigError(
            f"{path}: [{SECTION}] long_press_seconds = {raw!r}: use a number of seconds, 1 to 10"
        )
    return value


def load_config(path: Path | None = None) -> KioskConfig:
    """Settings from `path` (default: the user's config folder); a missing file gives defaults."""
    path = path or default_config_path()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as file:
            parser.read_file(file)
    except FileNotFoundError:
        return KioskConfig(path=path)
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not a valid settings file: {exc}") from None
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)

    def optional_path(key: str) -> Path | None:
        value = parser.get(SECTION, key, fallback="").strip()
        return Path(value).expanduser() if value else None

    return KioskConfig(
        path=path,
        catalog=optional_path("catalog"),
        idle_seconds=_positive(parser, "idle_seconds", DEFAULT_IDLE_SECONDS, path),
        countdown_seconds=_positive(parser, "countdown_seconds", DEFAULT_COUNTDOWN_SECONDS, path),
        long_press_seconds=_hold(parser, path),
        language=parser.get(SECTION, "language", fallback="en").strip() or "en",
        pdf_folder=optional_path("pdf_folder"),
        printer=parser.get(SECTION, "printer", fallback="").strip(),
        pin_hash=parser.get(SECTION, "pin_hash", fallback="").strip(),
    )


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """'scrypt$N$r$p$salt$hash' with a fresh random salt; the PIN itself is never stored."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash; False for a malformed hash (never unlocks)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def save_pin(path: Path, pin: str) -> None:
    """Store the hash of `pin` in the settings file, keeping every other line (comments too)."""
    if not PIN_PATTERN.match(pin):
        raise ConfigError("the PIN must be 4 to 12 digits")
    line = f"pin_hash = {hash_pin(pin)}"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    section = None
    replaced = False
    for index, text in enumerate(lines):
        stripped = text.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
        elif section == SECTION and re.match(r"pin_hash\s*[=:]", stripped):
            lines[index] = line
            replaced = True
    if not replaced:
        if any(text.strip() == f"[{SECTION}]" for text in lines):
            at = next(i for i, text in enumerate(lines) if text.strip() == f"[{SECTION}]")
            lines.insert(at + 1, line)
        else:
            lines += ([""] if lines else []) + [f"[{SECTION}]", line]
    path.parent.mkdir(parents=True, exist_ok=True)
    from massage_explorer.core.storage import atomic_write  # PyYAML too: only when a PIN is saved

    atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
    os.chmod(path, 0o600)  # the hash is not the PIN, but there is no reason to share it


class PinGate:
    """Checks PINs; after MAX_TRIES wrong ones it locks for 30 s, then twice as long each time."""

    def __init__(self, pin_hash: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._hash = pin_hash
        self._clock = clock
        self._wrong = 0
        self._lockouts = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        return bool(self._hash)

    def seconds_locked(self) -> int:
        """Whole seconds until another try is allowed; 0 when it is allowed now."""
        return max(0, int(self._locked_until - self._clock() + 0.999))

    def tries_left(self) -> int:
        return MAX_TRIES - self._wrong

    def check(self, pin: str) -> bool:
        """True to unlock. Always False with no PIN set, and while locked (without checking)."""
        if not self._hash or self.seconds_locked():
            return False
        if verify_pin(pin, self._hash):
            self._wrong = 0
            self._lockouts = 0
            return True
        self._wrong += 1
        if self._wrong >= MAX_TRIES:
            self._locked_until = self._clock() + FIRST_LOCK_SECONDS * 2**self._lockouts
            self._lockouts += 1
            self._wrong = 0
        return False
