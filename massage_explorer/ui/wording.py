"""Patient-facing words for grades, pressure and session length, hedged to the evidence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from massage_explorer.catalog import Evidence, Pressure, Range


def _tr(text: str) -> str:
    return QCoreApplication.translate("wording", text)


def evidence_label(evidence: Evidence) -> str:
    """'Moderate evidence', 'Not studied', ... (words, never colour alone)."""
    return {
        Evidence.HIGH: _tr("High evidence"),
        Evidence.MODERATE: _tr("Moderate evidence"),
        Evidence.LOW: _tr("Low evidence"),
        Evidence.VERY_LOW: _tr("Very low evidence"),
        Evidence.UNTESTED: _tr("Not studied"),
    }[evidence]


def evidence_dots(evidence: Evidence) -> str:
    """Four dots, filled by strength: high ●●●●, untested ○○○○."""
    return "●" * evidence.strength + "○" * (4 - evidence.strength)


def hedge(evidence: Evidence) -> str:
    """How sure the wording may sound for a claim of this grade."""
    return {
        Evidence.HIGH: _tr("helps"),
        Evidence.MODERATE: _tr("probably helps"),
        Evidence.LOW: _tr("may help"),
        Evidence.VERY_LOW: _tr("might help, but we are very unsure"),
        Evidence.UNTESTED: _tr("reported by patients, not studied"),
    }[evidence]


def pressure_word(level: Pressure) -> str:
    return {
        Pressure.LIGHT: _tr("Light"),
        Pressure.MEDIUM: _tr("Medium"),
        Pressure.FIRM: _tr("Firm"),
        Pressure.DEEP: _tr("Deep"),
    }[level]


def pressure_text(pressure: Range) -> str:
    """'Light' or 'Light to firm'."""
    low = pressure_word(Pressure(pressure.low))
    if pressure.is_single:
        return low
    return _tr("{low} to {high}").format(low=low, high=pressure_word(Pressure(pressure.high)).lower())


def pressure_scale(pressure: Range) -> str:
    """A four-step text bar: filled squares for the levels the technique uses."""
    return "".join("■" if pressure.low <= level <= pressure.high else "□" for level in Pressure)


def minutes_text(minutes: Range) -> str:
    if minutes.is_single:
        return _tr("{n} minutes").format(n=minutes.low)
    return _tr("{low} to {high} minutes").format(low=minutes.low, high=minutes.high)
