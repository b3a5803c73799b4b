"""Whether a window can be shown at all, known before Qt is loaded: the patient app, the kiosk
and the editor ask at start-up (a plain message instead of Qt's abort), and `doctor` reports it.
No Qt; kept apart from core.doctor so that start-up does not import the doctor's checks."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def display_missing(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str:
    """Why Qt will find no display to show a window on, or "" when it will, as far as can be known
    before trying: Windows and macOS always have one; offscreen, eglfs, vnc… need none."""
    if platform in ("win32", "darwin"):
        return ""
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("WAYLAND_SOCKET"):
        return ""
    requested = [name.split(":")[0].strip() for name in env.get("QT_QPA_PLATFORM", "").split(";")]
    requested = [name for name in requested if name]
    if any(not name.startswith(("xcb", "wayland")) for name in requested):
        return ""
    # A Wayland client with no WAYLAND_DISPLAY connects to wayland-0.
    default = os.path.join(env.get("XDG_RUNTIME_DIR") or "/nonexistent", "wayland-0")
    if any(name.startswith("wayland") for name in requested) and os.path.exists(default):
        return ""
    return "neither DISPLAY nor WAYLAND_DISPLAY is set"


def no_display_message(what: str, reason: str) -> str:
    """One line for a command that needs a window where there is no display: what to run instead."""
    return (
        f"massage-explorer: no display to show {what} on ({reason}). A kiosk runs under cage, as "
        'its service starts it (README, "Running it as a kiosk"); the screenshot tool runs with '
        "QT_QPA_PLATFORM=offscreen; 'massage-explorer doctor' checks an installation from here."
    )
