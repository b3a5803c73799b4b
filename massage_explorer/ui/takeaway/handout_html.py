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
    cautions = [f"<b>{_e(c.condition)}:</b> {_e(c.note)}" for c in item.cautions]
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
            techniques.setdefault(caution.condition, []).append(item.name)
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
        _list(handout.labels.guidance, [_e(line) for line in handout.guidance], points),
        f'<p align="center" style="margin-top: {points * 0.5:.1f}pt; margin-bottom: 0;">{QR_MARK}</p>',
        f'<p align="center" style="font-size: {caption:.1f}pt; margin: 0;">{_e(scan)}</p>',
        *(_technique_html(item, handout, layout) for item in handout.techniques),
    ]
    if layout.brief:
        parts.append(_brief_cautions_and_questions(handout, points))
    return f"<html><body>{''.join(parts)}</body></html>"
