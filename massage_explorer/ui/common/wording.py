"""Patient-facing words for grades, pressure and session length, hedged to the evidence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from massage_explorer.core.catalog import Evidence, Pressure, Range


def evidence_label(evidence: Evidence) -> str:
    """'Moderate evidence', 'Not studied', ... (words, never colour alone)."""
    return {
        Evidence.HIGH: QCoreApplication.translate("wording", "High evidence"),
        Evidence.MODERATE: QCoreApplication.translate("wording", "Moderate evidence"),
        Evidence.LOW: QCoreApplication.translate("wording", "Low evidence"),
        Evidence.VERY_LOW: QCoreApplication.translate("wording", "Very low evidence"),
        Evidence.UNTESTED: QCoreApplication.translate("wording", "Not studied"),
    }[evidence]


def evidence_dots(evidence: Evidence) -> str:
    """Four dots, filled by strength: high ●●●●, untested ○○○○."""
    return "●" * evidence.strength + "○" * (4 - evidence.strength)


def hedge(evidence: Evidence) -> str:
    """How sure the wording may sound for a claim of this grade."""
    return {
        Evidence.HIGH: QCoreApplication.translate("wording", "helps"),
        Evidence.MODERATE: QCoreApplication.translate("wording", "probably helps"),
        Evidence.LOW: QCoreApplication.translate("wording", "may help"),
        Evidence.VERY_LOW: QCoreApplication.translate("wording", "might help, but we are very unsure"),
        Evidence.UNTESTED: QCoreApplication.translate("wording", "reported by patients, not studied"),
    }[evidence]


def pressure_word(level: Pressure) -> str:
    return {
        Pressure.LIGHT: QCoreApplication.translate("wording", "Light"),
        Pressure.MEDIUM: QCoreApplication.translate("wording", "Medium"),
        Pressure.FIRM: QCoreApplication.translate("wording", "Firm"),
        Pressure.DEEP: QCoreApplication.translate("wording", "Deep"),
    }[level]


def pressure_text(pressure: Range) -> str:
    """'Light' or 'Light to firm'."""
    low = pressure_word(Pressure(pressure.low))
    if pressure.is_single:
        return low
    return QCoreApplication.translate("wording", "{low} to {high}").format(
        low=low, high=pressure_word(Pressure(pressure.high)).lower()
    )


# One bar per level, rising like the cards' painted scale: firmer is taller.
_BARS = "▂▄▆█"


def pressure_scale(pressure: Range) -> str:
    """A four-step text scale of rising bars, shown for the levels the technique uses and a dot
    for the others: "· · ▆ █" (firm to deep) looks firmer than "▂ ▄ ▆ ·" (light to firm). Equal
    squares ("□□■■" against "■■■□") made deep tissue look the gentler of the two."""
    return "\u2009".join(  # thin spaces: four steps, not one block
        bar if pressure.low <= level <= pressure.high else "·"
        for level, bar in zip(Pressure, _BARS, strict=True)
    )


def minutes_text(minutes: Range) -> str:
    if minutes.is_single:
        return QCoreApplication.translate("wording", "{n} minutes").format(n=minutes.low)
    return QCoreApplication.translate("wording", "{low} to {high} minutes").format(
        low=minutes.low, high=minutes.high
    )
