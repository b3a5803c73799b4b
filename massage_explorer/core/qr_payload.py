"""The text a take-away QR code carries: the fullest form of the handout that a phone can read off
the screen, shortened in a fixed order that keeps safety last. No Qt (segno is pure Python).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import segno
import segno.encoder
from segno import consts

from massage_explorer.core.handout import (
    MAX_BENEFITS,
    Handout,
    HandoutCaution,
    HandoutLabels,
    HandoutTechnique,
)
from massage_explorer.core.present import QT_TRANSLATE_NOOP, Words

# The largest code on the kiosk's screen: version 20, 97 modules across, the largest a phone
# camera reads reliably. Decoders read any version from a sharp image; the camera is the limit.
# ZXing's maintainer: "past about version 20 it gets hard to read on a camera, although version
# 40 is actually read just fine by the library" (github.com/zxing/zxing/issues/310). With ML Kit,
# the reader behind many Android scanners, a version-25 example was read only after zooming in and
# version 40 not at all (github.com/facundomedica/fast_qr_reader_view/issues/80). ML Kit asks for
# at least 2 camera pixels per module (developers.google.com/ml-kit/vision/barcode-scanning): 97
# modules then take 194 pixels, about a quarter of a 1280x720 frame's short side (the frame ML
# Kit recommends for codes read from farther away), so the code need not fill the frame and the
# phone can be held back, at arm's length. The screen sizes the code to its page
# (ui/takeaway/panel.py). The clinic's red flags and advice come first; a version-20 code holds
# as much of the list as fits after them and says the printout has the rest. With the bundled
# catalog's long caution lists that is the saved techniques' names, not their details (in
# Spanish, from two techniques on, not even the names). docs/architecture.md says why for people.
MAX_SCREEN_VERSION = 20
# The printed handout's code (ui/takeaway/pdf.py), and qr_text's default: up to version 25 with
# low error correction, to keep every included technique's caution names (four bundled
# techniques need ~1,210 bytes; version 25-L holds 1,273). It is read off paper held in the hand,
# at least 0.4 mm a module; the reports above suggest version 20 there too, but the printout's
# choice of its own brief form follows what its code holds, so that limit is left as it was.
MAX_QR_VERSION = 25
# Medium error correction while the code is at most this (a fingerprint or a reflection costs
# some modules); low error correction buys about 30% more text at the same version.
MAX_MEDIUM_VERSION = 20
# The smallest code a page asks for. The fallback in qr_text may still make a larger one: the
# red flags are never cut (with the title and the line pointing to the printout, the bundled
# ones need version 13 with low error correction in English, 15 in Spanish).
MIN_QR_VERSION = 10
# Device (physical) pixels per module, at least (issue 16): whole pixels keep every module edge
# sharp for the camera, and with 4 a pixel the camera smears at a module's edge is a quarter of
# it, not a half or all. A page too small for the code at this size gets a code that holds less,
# never a finer one.
MIN_MODULE_PX = 4
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


_ERROR_LEVELS = {"l": consts.ERROR_LEVEL_L, "m": consts.ERROR_LEVEL_M}
# Data bits each version holds at each level (ISO/IEC 18004, table 7), as segno has them.
_CAPACITY_BITS = cast("dict[int, dict[int | None, int]]", consts.SYMBOL_CAPACITY)


def _make(text: str, level: str, version: int | None = None, mask: int | None = None) -> segno.QRCode:
    # make_qr, never make(): make() may choose a Micro QR, which phone cameras do not read.
    # UTF-8 without an ECI marker is what phone readers expect from a plain-text code.
    return segno.make_qr(text, error=level, encoding="utf-8", boost_error=False, version=version, mask=mask)


def _version(text: str, level: str) -> int:
    """The version `_make(text, level)` chooses, counted from the text's length.

    Making a code to learn its version took 4 to 20 ms (segno builds the data bit by bit in
    Python), and choosing a payload tries up to dozens of texts: 0.1 to 0.5 s for a shortlist.
    A text in byte mode (any handout: it has small letters) takes a 4-bit mode, a character
    count (8 bits up to version 9, 16 beyond) and 8 bits a byte (ISO/IEC 18004, 7.4); the
    smallest version whose capacity holds that is the one segno picks. Texts of digits or
    capitals only are counted by segno itself. Raises DataOverflowError beyond version 40.
    """
    data = text.encode("utf-8")
    if segno.encoder.find_mode(data) != consts.MODE_BYTE:  # type: ignore[no-untyped-call]
        return int(_make(text, level).version)
    error = _ERROR_LEVELS[level]
    for version in range(1, 41):
        ranges = consts.VERSION_RANGE_01_09, consts.VERSION_RANGE_10_26, consts.VERSION_RANGE_27_40
        count = consts.CHAR_COUNT_INDICATOR_LENGTH[consts.MODE_BYTE][ranges[(version > 9) + (version > 26)]]
        if _CAPACITY_BITS[version][error] >= 4 + count + 8 * len(data):
            return version
    raise segno.DataOverflowError(f"{len(data)} bytes do not fit a QR code at level {level}")


def _fitting(text: str, max_version: int, detail: Detail) -> QrPayload | None:
    # Medium error correction while the code stays small; beyond that, low correction buys room.
    for level, limit in (("m", min(MAX_MEDIUM_VERSION, max_version)), ("l", max_version)):
        try:
            version = _version(text, level)
        except segno.DataOverflowError:
            continue
        if version <= limit:
            return QrPayload(text, level, version, detail > Detail.SHORT_GUIDANCE, detail)
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
    # A page too small for the red flags, or an absurdly long translation, gets here: a larger
    # code beats none, and some code beats an exception in front of a patient. The red flags
    # stay while they fit at all.
    flags = "\n".join(red_flag_lines(handout))
    for parts in ((handout.title, flags, more), (flags, more), (handout.title, more)):
        text = "\n\n".join(part for part in parts if part)
        try:
            version = _version(text, "l")
        except segno.DataOverflowError:
            continue
        return QrPayload(text, "l", version, True, Detail.ESSENTIALS)
    text = more[:MAX_FALLBACK_CHARS]
    return QrPayload(text, "l", _version(text, "l"), True, Detail.ESSENTIALS)


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
