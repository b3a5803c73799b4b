"""The printed handout as HTML that Qt lays out: every piece of catalog text escaped, no links."""

from __future__ import annotations

import html
from dataclasses import dataclass

from massage_explorer.core.handout import Handout, HandoutTechnique
from massage_explorer.core.qr_payload import QrPayload

# Body sizes in points, tried largest first: the handout takes the fewest sheets, then the largest
# type. 10 pt is the floor for older readers; below it another sheet beats smaller print.
BODY_POINTS = (12.0, 11.0, 10.0)
MIN_POINTS = BODY_POINTS[-1]  # nothing on the page is smaller: captions and the footer too
QR_MARK = "{qr-code}"  # where the code goes; replaced by the object below


def _e(text: str) -> str:
    """Catalog and translated text as literal HTML text, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def _list(heading: str, items: list[str], points: float) -> str:
    if not items:
        return ""
    rows = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<h3 style="font-size: {points:.1f}pt; margin-top: {points * 0.4:.1f}pt; margin-bottom: 0;">'
        f"{_e(heading)}</h3>"
        f'<ul style="margin-top: 0; margin-bottom: 0; -qt-list-indent: 1;">{rows}</ul>'
    )


def _technique_html(item: HandoutTechnique, handout: Handout, layout: Layout) -> str:
    labels, points = handout.labels, layout.points
    facts_break = " · " if layout.brief else "<br>"  # the brief form saves a line per technique
    html_text = (
        f'<hr><h2 style="font-size: {points * 1.4:.1f}pt; margin-top: {points * 0.3:.1f}pt; '
        f'margin-bottom: 0;">{_e(item.name)}</h2>'
        f'<p style="margin: 0;"><b>{_e(labels.pressure)}:</b> {_e(item.pressure)}{facts_break}'
        f"<b>{_e(labels.session)}:</b> {_e(item.session)}</p>"
        + _list(labels.benefits, [_e(b) for b in item.benefits], points)
    )
    if layout.brief:
        return html_text  # cautions and questions follow all the techniques, once each
    cautions = [
        f"<b>{_e(c.condition)}</b> — <b>{_e(c.level)}:</b> {_e(c.note)}" if c.level else
        f"<b>{_e(c.condition)}:</b> {_e(c.note)}"
        for c in item.cautions
    ]  # fmt: skip
    return (
        html_text
        + _list(labels.cautions, cautions, points)
        + _list(labels.questions, [_e(q) for q in item.questions], points)
    )


def _brief_cautions_and_questions(handout: Handout, points: float) -> str:
    """Each condition once, naming the techniques it is for unless it is for all of them; then
    what to do about any of them; then every question once."""
    techniques: dict[str, list[str]] = {}
    questions: dict[str, None] = {}
    for item in handout.techniques:
        for caution in item.cautions:
            # The condition with its level, so that the brief form still says how serious.
            named = f"{caution.condition} ({caution.level})" if caution.level else caution.condition
            techniques.setdefault(named, []).append(item.name)
        questions.update(dict.fromkeys(item.questions))
    everyone = len(handout.techniques)
    conditions = [
        _e(condition if len(names) == everyone else f"{condition} ({', '.join(names)})")
        for condition, names in techniques.items()
    ]
    labels = handout.labels
    advice = f'<p style="margin: 0;">{_e(labels.cautions_brief)}</p>' if conditions else ""
    return (
        "<hr>"
        + _list(labels.cautions, conditions, points)
        + advice
        + _list(labels.questions, [_e(q) for q in questions], points)
    )


def _red_flags_html(handout: Handout, points: float) -> str:
    """The clinic's red flags near the top, under their own heading: on every handout, never
    shortened. Plain paragraphs, not a boxed table: the columns break only between blocks the
    pagination can see (ui/takeaway/pagination.py)."""
    if not handout.red_flags:
        return ""
    parts = [
        f'<h2 style="font-size: {points * 1.2:.1f}pt; margin-top: {points * 0.5:.1f}pt; margin-bottom: 0;">'
        f"{_e(handout.red_flags_title)}</h2>"
    ]
    for group in handout.red_flags:
        parts.append(_list(group.heading, [_e(sign) for sign in group.signs], points))
    return "".join(parts)


@dataclass(frozen=True)
class Layout:
    """One way to lay the handout out: a body size, and everything or the brief form.

    The brief form keeps every technique with its benefits, every question and the name of
    every condition to take care with, each once, but not each caution's advice: one paragraph
    under the names says what to do. It exists to get a long shortlist onto one sheet, and is
    used only when the page's QR code holds no caution advice either: the paper never says less
    than its own code.
    """

    points: float
    brief: bool = False


def handout_html(handout: Handout, payload: QrPayload, layout: Layout) -> str:
    """The handout as HTML we build ourselves: every piece of text goes through html.escape."""
    points = layout.points
    scan = handout.labels.scan_short if payload.shortened else handout.labels.scan
    caption = max(MIN_POINTS, points * 0.85)
    parts = [
        f'<h1 style="font-size: {points * 1.6:.1f}pt; margin: 0;">{_e(handout.title)}</h1>',
        _red_flags_html(handout, points),
        _list(handout.labels.guidance, [_e(line) for line in handout.guidance], points),
        f'<p align="center" style="margin-top: {points * 0.5:.1f}pt; margin-bottom: 0;">{QR_MARK}</p>',
        f'<p align="center" style="font-size: {caption:.1f}pt; margin: 0;">{_e(scan)}</p>',
        *(_technique_html(item, handout, layout) for item in handout.techniques),
    ]
    if layout.brief:
        parts.append(_brief_cautions_and_questions(handout, points))
    return f"<html><body>{''.join(parts)}</body></html>"
