"""The text a take-away QR code carries: the fullest form of the handout that a phone can read off
the screen, shortened in a fixed order that keeps safety last. No Qt (segno is pure Python).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

import segno

from massage_explorer.core.handout import (
    MAX_BENEFITS,
    Handout,
    HandoutCaution,
    HandoutLabels,
    HandoutTechnique,
)
from massage_explorer.core.present import QT_TRANSLATE_NOOP, Words

# A phone reads a code off a glossy, fingerprinted touch screen best when it is not too dense, so
# the code keeps medium error correction up to version 20 (97 modules across) and only goes up to
# MAX_QR_VERSION with low error correction, to keep every included technique's cautions in it
# (four bundled techniques with their caution names need ~1,210 bytes; version 25-L holds 1,273).
# The screen sizes the code from the height the take-away page has (ui/takeaway/panel.py). At the
# largest text size on a 1920x1080 screen that page is 656 px high (measured offscreen with the
# bundled catalog; tests/ui/takeaway/test_panel.py checks the code fits); version 25 is 117
# modules plus 2 x 4 quiet-zone modules = 125 modules: 625 px at MIN_MODULE_PX = 5, which fits
# with the panel's 2 x 8 px margins and ~15 px to spare. Version 26 (645 px) would not fit.
# At 5 px on a 22-24" 1080p panel a module is ~1.4 mm: 3-4 pixels of a phone's 1080p camera
# preview at 30-40 cm, well above what decoders need.
MAX_QR_VERSION = 25
# The smallest code a page asks for, however short: below it the red flags alone would not fit.
MIN_QR_VERSION = 10
MAX_MEDIUM_VERSION = 20
MIN_MODULE_PX = 5
QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
MAX_FALLBACK_CHARS = 400  # fits a version-40 code in any script (at most 4 UTF-8 bytes a letter)


_SHORTENED_PAPER = QT_TRANSLATE_NOOP(
    "takeaway", "Some details are left out of the code; the printout has more."
)
_SHORTENED_DESK = QT_TRANSLATE_NOOP(
    "takeaway", "Some details are left out of the code. Ask at the front desk for the full list."
)


class Detail(enum.IntEnum):
    """How much of each technique goes into the QR code, from everything to the essentials.

    Safety goes last: every technique in the code keeps the names of the conditions to take
    care with and their levels, whatever else is cut; the clinic's red flags are never cut.
    """

    FULL = 0
    SHORT_GUIDANCE = 1  # the clinic's advice in fewer words; nothing is left out yet
    NO_QUESTIONS = 2
    CAUTION_NAMES = 3  # which conditions need care, without the advice itself
    ONE_BENEFIT = 4  # the one with the strongest evidence
    ESSENTIALS = 5  # name, pressure, session length and the caution names


def _section(heading: str, items: Sequence[str]) -> list[str]:
    return [f"{heading}:", *(f"- {item}" for item in items)] if items else []


def _named(caution: HandoutCaution) -> str:
    """'Blood clots — ✖ Avoid': the condition with how serious its caution is."""
    return f"{caution.condition} — {caution.level}" if caution.level else caution.condition


def _names_by_level(cautions: Sequence[HandoutCaution]) -> list[str]:
    """'✖ Avoid: Blood clots; Fever': the condition names under each level, the most serious
    first (the order they come in), each level's words said once."""
    groups: dict[str, list[str]] = {}
    for caution in cautions:
        groups.setdefault(caution.level, []).append(caution.condition)
    return [f"{level}: " + "; ".join(names) if level else "; ".join(names) for level, names in groups.items()]


def red_flag_lines(handout: Handout) -> list[str]:
    """The red flags as lines of text: the title, then each group's heading and its signs."""
    if not handout.red_flags:
        return []
    lines = [handout.red_flags_title]
    for group in handout.red_flags:
        lines += _section(group.heading.rstrip(":"), group.signs)
    return lines


def _technique_lines(item: HandoutTechnique, labels: HandoutLabels, detail: Detail) -> list[str]:
    lines = [item.name, f"{labels.pressure}: {item.pressure}", f"{labels.session}: {item.session}"]
    benefits = {Detail.ONE_BENEFIT: 1, Detail.ESSENTIALS: 0}.get(detail, MAX_BENEFITS)
    lines += _section(labels.benefits, item.benefits[:benefits])
    if detail < Detail.CAUTION_NAMES:
        lines += _section(labels.cautions, [f"{_named(c)}: {c.note}" for c in item.cautions])
    elif item.cautions:
        lines += _section(labels.cautions, _names_by_level(item.cautions))
    if detail < Detail.NO_QUESTIONS:
        lines += _section(labels.questions, item.questions)
    return lines


def _compose(
    handout: Handout, techniques: Sequence[HandoutTechnique], detail: Detail, more: str | None = None
) -> str:
    blocks = [[handout.title], red_flag_lines(handout)]
    blocks += [_technique_lines(item, handout.labels, detail) for item in techniques]
    if more:
        blocks.append([more])
    guidance = handout.guidance if detail == Detail.FULL else handout.guidance_short
    blocks.append(_section(handout.labels.guidance, guidance))
    blocks.append([handout.footer])
    return "\n\n".join("\n".join(block) for block in blocks if block)


@dataclass(frozen=True)
class QrPayload:
    """The text a QR code carries, its error-correction level, and whether details were cut."""

    text: str
    level: str
    version: int
    shortened: bool
    detail: Detail  # how much of each technique is in it; the printout never holds less

    @property
    def side_modules(self) -> int:
        """Modules across the code, quiet zone included."""
        return 17 + 4 * self.version + 2 * QUIET_ZONE


def _make(text: str, level: str, version: int | None = None, mask: int | None = None) -> segno.QRCode:
    # make_qr, never make(): make() may choose a Micro QR, which phone cameras do not read.
    # UTF-8 without an ECI marker is what phone readers expect from a plain-text code.
    return segno.make_qr(text, error=level, encoding="utf-8", boost_error=False, version=version, mask=mask)


def _fitting(text: str, max_version: int, detail: Detail) -> QrPayload | None:
    # Medium error correction while the code stays small; beyond that, low correction buys room.
    for level, limit in (("m", min(MAX_MEDIUM_VERSION, max_version)), ("l", max_version)):
        try:
            # A fixed version and mask only answer "does it fit?", and ten times faster.
            _make(text, level, version=limit, mask=0)
        except segno.DataOverflowError:
            continue
        shortened = detail > Detail.SHORT_GUIDANCE
        return QrPayload(text, level, int(_make(text, level).version), shortened, detail)
    return None


def qr_text(handout: Handout, max_version: int = MAX_QR_VERSION, *, paper: bool = True) -> QrPayload:
    """The fullest text of `handout` that fits a QR code of at most `max_version`.

    The clinic's red flags come first and always stay. The guidance is said in fewer words
    first; then the questions go, the caution advice (the condition names stay, under their
    levels), the benefits but the strongest, the rest of them, and last the details of whole
    techniques from the end, leaving their names under a line saying where the rest is: the
    printout, or the front desk when the kiosk has no `paper` (no printer and no PDF folder).
    `shortened` tells the screen to say so.
    """
    for detail in Detail:
        text = _compose(handout, handout.techniques, detail)
        payload = _fitting(text, max_version, detail)
        if payload is not None:
            return payload
    more = handout.labels.more if paper else handout.labels.more_desk
    for count in range(len(handout.techniques) - 1, -1, -1):
        # The techniques left out are still named when there is room, so the phone keeps the
        # whole list; more techniques whole come first, though.
        named = "\n".join([more, *(f"- {item.name}" for item in handout.techniques[count:])])
        for left_out in (named, more):
            text = _compose(handout, handout.techniques[:count], Detail.ESSENTIALS, left_out)
            payload = _fitting(text, max_version, Detail.ESSENTIALS)
            if payload is not None:
                return payload
    # Only an absurdly long translation gets here: a larger code beats none, and some code
    # beats an exception in front of a patient. The red flags stay while they fit at all.
    flags = "\n".join(red_flag_lines(handout))
    for parts in ((handout.title, flags, more), (flags, more), (handout.title, more)):
        text = "\n\n".join(part for part in parts if part)
        try:
            code = _make(text, "l")
        except segno.DataOverflowError:
            continue
        return QrPayload(text, "l", int(code.version), True, Detail.ESSENTIALS)
    text = more[:MAX_FALLBACK_CHARS]
    code = _make(text, "l")
    return QrPayload(text, "l", int(code.version), True, Detail.ESSENTIALS)


def shortened_notice(words: Words, paper: bool = True) -> str:
    """What the screen says under a code that does not hold the whole handout.

    Without `paper` (a kiosk with no printer and no PDF folder) there is no printout to point to.
    """
    if paper:
        return words.translate("takeaway", _SHORTENED_PAPER)
    return words.translate("takeaway", _SHORTENED_DESK)


def qr_matrix(text: str, level: str = "m") -> list[list[bool]]:
    """Dark (True) and light modules of the code for `text`, including the quiet zone."""
    return [[bool(module) for module in row] for row in _make(text, level).matrix_iter(border=QUIET_ZONE)]
