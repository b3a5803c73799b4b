"""Catalog -> YAML text: stable, diff-friendly, in the schema's key order. No Qt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from massage_explorer.core.catalog import (
    BenefitClaim,
    Catalog,
    Caution,
    Pressure,
    Range,
    RedFlag,
    Technique,
    Term,
    Text,
)
from massage_explorer.core.schema.technique_reader import TECHNIQUE_FIELDS, TECHNIQUE_TEXTS
from massage_explorer.core.schema.yaml_nodes import HIDDEN_BREAKS


class Block(str):
    """Multi-line text, written as a '|' block so each line diffs on its own."""


class Flow(list[Any]):
    """A short list (a range, the languages) kept on one line."""


class EscapingDumper(yaml.SafeDumper):
    """A string holding a hidden line break (yaml_nodes.HIDDEN_BREAKS, which the reader refuses
    written as they are) is written in double quotes, whatever style it asked for, where the
    emitter writes them as the escapes \\N, \\L and \\P: a '|' block or plain text would carry
    the character as it is."""

    def represent_scalar(self, tag: str, value: str, style: str | None = None) -> yaml.ScalarNode:
        if any(c in value for c in HIDDEN_BREAKS):  # three searches in C, not a loop a character
            style = '"'
        return super().represent_scalar(tag, value, style)


class _Dumper(EscapingDumper):
    """The pure-Python emitter on purpose: its output is the same on every machine."""

    def ignore_aliases(self, data: Any) -> bool:
        # Shared objects (a duplicated technique shares its texts) must be written out in full:
        # the loader refuses anchors and aliases.
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write YAML by hand.
        super().increase_indent(flow, False)


def _represent_block(dumper: yaml.SafeDumper, data: Block) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style="|")


def _represent_flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(Block, _represent_block)
_Dumper.add_representer(Flow, _represent_flow)


def _string(value: str) -> str:
    return Block(value) if "\n" in value else value


def _text(text: Text) -> Any:
    if len(text.pairs) == 1:
        return _string(text.default)
    return {language: _string(value) for language, value in text.pairs}


def _range(value: Range, word: bool) -> Any:
    def show(v: int) -> Any:
        return Pressure(v).word if word else v

    return show(value.low) if value.is_single else Flow([show(value.low), show(value.high)])


def _term(term: Term) -> dict[str, Any]:
    entry: dict[str, Any] = {"label": _text(term.label)}
    if term.description is not None:
        entry["description"] = _text(term.description)
    if term.search_words:
        entry["search_words"] = {language: Flow(words) for language, words in term.search_words}
    return entry


def _caution(caution: Caution) -> dict[str, Any]:
    return {"condition": caution.condition, "level": caution.level.value, "note": _text(caution.note)}


def _red_flag(flag: RedFlag) -> dict[str, Any]:
    return {"sign": _text(flag.sign), "urgency": flag.urgency.value}


def _claim(claim: BenefitClaim) -> dict[str, Any]:
    entry: dict[str, Any] = {"benefit": claim.benefit, "evidence": claim.evidence.value}
    if claim.note is not None:
        entry["note"] = _text(claim.note)
    if claim.sources:
        entry["sources"] = [_text(s) for s in claim.sources]
    if claim.reviewed is not None:
        entry["reviewed"] = claim.reviewed
    return entry


# How each of a technique's fields that is not a text is written; None when it is left out.
_WRITE: dict[str, Callable[[Technique], Any]] = {
    "id": lambda t: t.id,
    "pressure": lambda t: _range(t.pressure, word=True),
    "session_minutes": lambda t: _range(t.session_minutes, word=False),
    "benefits": lambda t: [_claim(c) for c in t.benefits],  # written even when empty: it is required
    "good_for": lambda t: list(t.good_for) or None,
    "cautions": lambda t: [_caution(c) for c in t.cautions] or None,
    "questions_to_ask": lambda t: [_text(q) for q in t.questions_to_ask] or None,
    "image": lambda t: t.image,
}


def technique_data(t: Technique) -> dict[str, Any]:
    """The technique as the dump writes it: its fields in the schema's order, optional ones only
    when they are there."""
    entry: dict[str, Any] = {}
    for key in TECHNIQUE_FIELDS:
        if key in TECHNIQUE_TEXTS:
            text: Text | None = getattr(t, key)
            if text is not None:
                entry[key] = _text(text)
            continue
        value = _WRITE[key](t)
        if value is not None:
            entry[key] = value
    return entry


def as_data(value: Any) -> Any:
    """A technique as its data (see `document_data`); any other value as it is."""
    return technique_data(value) if isinstance(value, Technique) else value


def document_data(catalog: Catalog) -> dict[str, Any]:
    """The catalog as the plain values the dump writes, in the file's order, except that the
    techniques stay Technique objects (`as_data` turns one into its values): comparing two
    catalogs' documents then costs next to nothing for the techniques that did not change."""
    document: dict[str, Any] = {
        "schema_version": catalog.schema_version,
        "languages": Flow(catalog.languages),
    }
    if catalog.red_flags:
        document["red_flags"] = [_red_flag(flag) for flag in catalog.red_flags]
    if catalog.required_cautions:
        document["required_cautions"] = Flow(catalog.required_cautions)
    document |= {
        "benefits": {term.id: _term(term) for term in catalog.benefits},
        "conditions": {term.id: _term(term) for term in catalog.conditions},
        "techniques": catalog.techniques,
    }
    return document


def dump_catalog(catalog: Catalog) -> str:
    """The catalog as YAML text that `load_catalog` reads back to an equal catalog."""
    if catalog.techniques:
        # In parts, so that the editor's check can read one technique's part alone (and quicker:
        # PyYAML's emitter slows down on one large document).
        parts = (dump_technique(t, first=i == 0) for i, t in enumerate(catalog.techniques))
        return dump_head(catalog) + "".join(parts)
    return _space_out(_yaml(document_data(catalog) | {"techniques": []}))


def dump_head(catalog: Catalog) -> str:
    """The start of `dump_catalog`'s text, up to and including its `techniques:` line, when the
    catalog has techniques: the dump is this, then `dump_technique` of each technique in turn."""
    document = document_data(catalog)
    del document["techniques"]
    return _space_out(_yaml(document) + "techniques:\n")


def dump_technique(technique: Technique, *, first: bool) -> str:
    """A technique's lines in `dump_catalog`'s text (after a blank line, unless it is the first)."""
    lines = _yaml({"techniques": [technique_data(technique)]})
    return ("" if first else "\n") + lines.partition("\n")[2]


def _yaml(document: dict[str, Any]) -> str:
    text: str = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**31 - 1,  # never fold a line: one value, one line, one diff
        indent=2,
    )
    return text


_SECTIONS = ("red_flags:", "required_cautions:", "benefits:", "conditions:", "techniques:")


def _space_out(body: str) -> str:
    """A blank line between top-level sections and between techniques, for reading and diffs.

    Only keys at column 0 and technique items at column 2 are matched: text in '|' blocks is always
    indented deeper, so it is never touched.
    """
    lines = body.splitlines(keepends=True)
    out: list[str] = []
    for index, line in enumerate(lines):
        top_key = line.startswith(
            ("red_flags:", "required_cautions:", "benefits:", "conditions:", "techniques:")
        )
        next_technique = line.startswith("  - id: ") and not lines[index - 1].startswith("techniques:")
        if top_key or next_technique:
            out.append("\n")
        out.append(line)
    return "".join(out)
