"""The staff PIN: a salted scrypt hash that costs a guesser time, and a lockout after wrong tries
that survives a restart of the kiosk. No Qt."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_log = logging.getLogger(__name__)
PIN_RULE = "6 to 12 digits"  # for a new PIN; a stored hash of a shorter one still verifies
PIN_PATTERN = re.compile(r"[0-9]{6,12}\Z")
# scrypt's n, r, p. n=2**14, r=8 take 16 MiB; p=5 runs that 5 times over in the same memory (peak
# RSS the same as p=1). Timed with time.perf_counter on the 2-core test machine (AMD EPYC, shared),
# medians of 21-31 runs: p=5 217-251 ms (fastest 194-209), p=1 37-53 ms (fastest 36-41). So about
# 0.2 s a check: one core needs ~56 hours to try every 6-digit PIN. Tests that need only *a* hash
# lower it (verify_pin takes the cost from the stored hash).
SCRYPT_COST = (2**14, 8, 5)
_DKLEN = 32
MAX_TRIES = 5
FIRST_LOCK_SECONDS = 30
# A lock doubles each time but never passes an hour: at 5 guesses an hour, trying every 6-digit PIN
# still takes 23 years, and a patient pressing buttons cannot lock staff out for a day.
LONGEST_LOCK_SECONDS = 3600


# -- the PIN ------------------------------------------------------------------------------------------


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """'scrypt$N$r$p$salt$hash' with a fresh random salt; the PIN itself is never stored."""
    n, r, p = SCRYPT_COST
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=_DKLEN)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash, at the cost it was made with; False for a
    malformed hash (never unlocks)."""
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


# -- the lockout --------------------------------------------------------------------------------------
def lockout_path(config: Path) -> Path:
    """Where the PIN lockout of the kiosk set up by `config` is kept, so that a restart does not
    give fresh tries: beside the settings (kiosk.ini.lockout) when the kiosk's user may write
    there, else in that user's state folder ($XDG_STATE_HOME or ~/.local/state)/massage-explorer/."""
    beside = config.with_name(config.name + ".lockout")
    if os.access(config.parent, os.W_OK) and (not beside.exists() or os.access(beside, os.W_OK)):
        return beside
    return state_lockout_path(config)


def state_lockout_path(config: Path) -> Path:
    """The lockout in the kiosk user's own state folder: $XDG_STATE_HOME (or ~/.local/state) on
    Linux, %LOCALAPPDATA% on Windows, under massage-explorer/."""
    if sys.platform == "win32":
        state = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "massage-explorer" / (config.name + ".lockout")


def _strictness(saved: tuple[int, int, float]) -> tuple[float, int, int]:
    wrong, lockouts, until = saved
    return until, lockouts, wrong


_MAX_DOUBLINGS = 16  # past the longest lock anyway; keeps 2**n small for a garbled count


def _load_lock(path: Path, now: float) -> tuple[int, int, float]:
    """(wrong tries, lockouts, locked until) as saved; none for a missing, unreadable or garbled
    file. A lock ending later than the longest lock from now (the clock was put back) ends then."""
    try:
        with path.open("rb") as file:
            data = json.loads(file.read(4096))
        wrong, lockouts, until = data["wrong"], data["lockouts"], float(data["locked_until"])
        if not (isinstance(wrong, int) and isinstance(lockouts, int) and math.isfinite(until)):
            raise ValueError(data)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return 0, 0, 0.0
    if not (0 <= wrong < MAX_TRIES and lockouts >= 0):
        return 0, 0, 0.0
    return wrong, min(lockouts, _MAX_DOUBLINGS), min(until, now + LONGEST_LOCK_SECONDS)


def _replace(path: Path, data: bytes) -> None:
    """Write whole or not at all: a temporary file renamed over `path` (no backup; a lost write
    costs only a lockout's progress)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class PinGate:
    """Checks PINs; after MAX_TRIES wrong ones it locks for 30 s, then twice as long each time
    (an hour at most). With a `state` file the count and the lock outlast a restart."""

    def __init__(
        self,
        pin_hash: str,
        clock: Callable[[], float] = time.time,
        state: Path | None = None,
        fallback: Path | None = None,
    ) -> None:
        self._hash = pin_hash
        # Wall-clock time: a monotonic clock starts again with the machine, and so would the lock.
        self._clock = clock
        self._state = state
        # Where the lockout goes when `state` cannot be written after all (a folder os.access
        # calls writable but is not: Windows permissions, a read-only mount). Both are read: the
        # stricter counts, so switching between them gives no fresh tries.
        self._fallback = fallback if fallback != state else None
        saved = [_load_lock(path, clock()) for path in (state, self._fallback) if path is not None]
        self._wrong, self._lockouts, self._locked_until = max(saved, default=(0, 0, 0.0), key=_strictness)

    @property
    def configured(self) -> bool:
        return bool(self._hash)

    def seconds_locked(self) -> int:
        """Whole seconds until another try is allowed; 0 when it is allowed now."""
        now = self._clock()
        self._locked_until = min(self._locked_until, now + LONGEST_LOCK_SECONDS)  # clock put back
        return max(0, int(self._locked_until - now + 0.999))

    def tries_left(self) -> int:
        return MAX_TRIES - self._wrong

    def check(self, pin: str) -> bool:
        """True to unlock. Always False with no PIN set, and while locked (without checking)."""
        if not self._hash or self.seconds_locked():
            return False
        # Counted as wrong before the slow check, so that cutting the power during it saves no try.
        self._wrong += 1
        if self._wrong >= MAX_TRIES:
            lock = FIRST_LOCK_SECONDS * 2**self._lockouts
            self._locked_until = self._clock() + min(lock, LONGEST_LOCK_SECONDS)
            self._lockouts = min(self._lockouts + 1, _MAX_DOUBLINGS)
            self._wrong = 0
        self._save()
        if not verify_pin(pin, self._hash):
            return False
        self._wrong, self._lockouts, self._locked_until = 0, 0, 0.0
        self._save()
        return True

    def _save(self) -> None:
        if self._state is None:
            return
        data = {"wrong": self._wrong, "lockouts": self._lockouts, "locked_until": self._locked_until}
        try:
            self._write(self._state, data)
        except OSError as exc:
            if self._fallback is not None:
                with contextlib.suppress(OSError):
                    self._write(self._fallback, data)
                    _log.warning(
                        "cannot keep the PIN lockout in %s (%s): keeping it in %s",
                        self._state, exc.strerror or exc, self._fallback,
                    )  # fmt: skip
                    self._state, self._fallback = self._fallback, None
                    return
            # The lock still holds until this kiosk stops.
            _log.warning("cannot keep the PIN lockout in %s: %s", self._state, exc.strerror or exc)
            return
        if self._fallback is not None and not (self._wrong or self._lockouts):
            with contextlib.suppress(OSError):
                self._fallback.unlink(missing_ok=True)  # a success clears an older lock there too

    def _write(self, path: Path, data: dict[str, float]) -> None:
        if not (self._wrong or self._lockouts):
            path.unlink(missing_ok=True)
        else:
            _replace(path, json.dumps(data).encode())
