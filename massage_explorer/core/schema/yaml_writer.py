"""New values written the way the file around them writes its own: the quoting, block or flow
style of the same field in a neighbouring item, and the file's indentation. No Qt.

Values are the plain data of `schema.dump` (dicts, lists, strings, numbers, dates). Each is
written by PyYAML's emitter, one scalar or flow list at a time, so whatever it writes reads back
as the same value; this module only chooses the style and places the lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from massage_explorer.core.schema.dump import Block, EscapingDumper, Flow, as_data
from massage_explorer.core.schema.yaml_layout import (
    column,
    content_end,
    dash_before,
    is_block,
    line_end,
    line_start,
)

Templates = Sequence[Node]  # the same value elsewhere in the file, nearest first
_MAX_TEMPLATES = 8
_WIDE = 2**31 - 1  # never wrap, as the dump does, unless the file folds the field ('>')


class _Styled(str):
    """A string to be written in a given scalar style (None: plain if YAML allows it)."""

    style: str | None = None


class _Dumper(EscapingDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


class _FlowMapping(dict[str, Any]):
    """A short mapping kept on one line: `{en: Sleep, es: Sueño}`."""


def _is_flow_mapping(value: dict[str, Any], templates: Templates) -> bool:
    """A mapping of one-line values where the file writes the same mapping on one line."""
    if any(isinstance(item, (dict, list, tuple)) or "\n" in str(item) for item in value.values()):
        return False
    first = next((node for node in templates if isinstance(node, MappingNode)), None)
    return first is not None and bool(first.flow_style)


def _represent_styled(dumper: yaml.SafeDumper, data: _Styled) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=data.style)


def _represent_flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(_Styled, _represent_styled)
_Dumper.add_representer(Flow, _represent_flow)
_Dumper.add_representer(
    _FlowMapping, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)
_Dumper.add_representer(Block, lambda d, v: d.represent_str(str(v)))


def _styled(value: str, style: str | None) -> _Styled:
    styled = _Styled(value)
    styled.style = style
    return styled


def child_templates(templates: Templates, key: str) -> list[Node]:
    """The templates of `key` in templates that are mappings; a one-string text (a scalar)
    stays a template for each language of the same text written as a mapping."""
    found: list[Node] = []
    for node in templates:
        if isinstance(node, MappingNode):
            found += [value for k, value in node.value if isinstance(k, ScalarNode) and k.value == key]
        elif isinstance(node, ScalarNode):
            found.append(node)
    return found[:_MAX_TEMPLATES]


def item_templates(templates: Templates) -> list[Node]:
    found: list[Node] = []
    for node in templates:
        if isinstance(node, SequenceNode):
            found += node.value[:2]
        elif isinstance(node, ScalarNode):
            found.append(node)
    return found[:_MAX_TEMPLATES]


def _scalar_style(templates: Templates) -> tuple[str | None, ScalarNode | None]:
    for node in templates:
        if isinstance(node, ScalarNode) and node.tag.endswith(":str"):
            return (node.style or None), node
    for node in templates:  # a text written per language: its languages' style
        if isinstance(node, MappingNode) and node.value and isinstance(node.value[0][1], ScalarNode):
            return (node.value[0][1].style or None), node.value[0][1]
    return None, None


class Writer:
    """Writes values into one text, in its indentation, line breaks and styles."""

    def __init__(self, text: str, root: Node, default_language: str) -> None:
        self.text = text
        self.default_language = default_language
        self.newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
        self.step = 2  # how much deeper a mapping's keys are than the key it is under
        self.list_indent = 2  # how much deeper a list's '-' is than the key it is under
        if isinstance(root, MappingNode):
            for _, value in root.value:
                if isinstance(value, MappingNode) and not value.flow_style and value.value:
                    self.step = max(1, column(text, value.start_mark.index))
                    break
            for _, value in root.value:
                if isinstance(value, SequenceNode) and not value.flow_style and value.value:
                    self.list_indent = column(text, dash_before(text, value.value[0]))
                    break

    def join(self, lines: list[str]) -> str:
        return self.newline.join(lines) + self.newline

    # -- one value after "key: " or "- " ---------------------------------------------------------

    def inline(self, value: Any, templates: Templates, col: int) -> str | None:
        """`value` as written after the '-' or key at column `col` (continuation lines indented in
        full), or None when it is a list or mapping to be written over lines of its own."""
        value = as_data(value)
        if isinstance(value, dict):
            if not value:
                return "{}"
            return self._flow_mapping(value, templates) if _is_flow_mapping(value, templates) else None
        if isinstance(value, (list, tuple)):
            if not value:
                return "[]"
            return self._flow(value, templates) if self._is_flow(value, templates) else None
        if isinstance(value, str):
            if templates and isinstance(templates[0], MappingNode) and is_block(templates[0]):
                return None  # a text the file writes per language, even in one language
            return self._scalar(value, templates, col)
        return self._emit(value, col)

    def _is_flow(self, value: Sequence[Any], templates: Templates) -> bool:
        if any(isinstance(item, (dict, list, tuple)) for item in value):
            return False
        for node in templates:
            if isinstance(node, SequenceNode):
                return bool(node.flow_style)
        return isinstance(value, Flow)

    def _flow(self, value: Sequence[Any], templates: Templates) -> str:
        style, _ = _scalar_style(item_templates(templates))
        quoted = style if style in ('"', "'") else None
        items = [_styled(item, quoted) if isinstance(item, str) else item for item in value]
        return self._emit(Flow(items), 0)

    def _flow_mapping(self, value: dict[str, Any], templates: Templates) -> str:
        style, _ = _scalar_style(templates)
        quoted = style if style in ('"', "'") else None
        items = {k: _styled(v, quoted) if isinstance(v, str) else v for k, v in value.items()}
        return self._emit(_FlowMapping(items), 0)

    def _scalar(self, value: str, templates: Templates, col: int) -> str:
        style, template = _scalar_style(templates)
        width, step = _WIDE, self.step
        if template is not None and template.style in ("|", ">"):
            step = self._block_indent(template) or step
        if style == ">" and template is not None:
            width = max(self._longest_line(template) - col - self.step, 20)
        elif "\n" in value and style != ">":
            style = "|"  # as the dump writes text of several lines
        elif style == "|":
            style = None
        if style in ("|", ">") and value.endswith("\n\n"):
            style = '"'  # a block keeping its trailing blank lines cannot be spliced safely
        return self._emit(_styled(value, style), col, width, step)

    def _block_indent(self, node: ScalarNode) -> int | None:
        """How much deeper a block scalar's lines are than its key (or '-'), if from 1 to 9."""
        text, start = self.text, node.start_mark.index
        header = text[line_start(text, start) : start]
        parent = len(header) - len(header.lstrip(" "))
        rest = header.lstrip(" ")
        while rest.startswith("- ") and rest[2:].strip():  # a key after a list's '- '
            parent += 2 + len(rest[2:]) - len(rest[2:].lstrip(" "))
            rest = rest[2:].lstrip(" ")
        at = line_end(text, start)
        while at < node.end_mark.index:
            line = text[at : line_end(text, at)]
            if line.strip():
                step = len(line) - len(line.lstrip(" ")) - parent
                return step if 1 <= step <= 9 else None
            at += len(line)
        return None

    def _longest_line(self, node: ScalarNode) -> int:
        start = line_start(self.text, node.start_mark.index)
        lines = self.text[start : content_end(self.text, node)].splitlines()
        return max((len(line.rstrip()) for line in lines), default=80)

    def _emit(self, value: Any, col: int, width: int = _WIDE, step: int | None = None) -> str:
        out: str = yaml.dump(
            {"k": value},
            Dumper=_Dumper,
            allow_unicode=True,
            default_flow_style=False,
            sort_keys=False,
            width=width,
            indent=step or self.step,
        )
        lines = out[3:].rstrip("\n").split("\n")
        # Continuation lines (a block scalar's) are at `step` for a key at column 0: move them
        # under `col`. An indentation indicator stays right, being relative to the key.
        return self.newline.join([lines[0]] + [" " * col + line if line else line for line in lines[1:]])

    # -- lines of their own ----------------------------------------------------------------------

    def entry(self, key: str, value: Any, templates: Templates, col: int) -> list[str]:
        """The lines of `key: value` with the key at column `col`. The key is written as it is,
        not through the emitter: keys are field names, ids and language codes, which the
        validator has checked before any save (no quoting, no hidden line break)."""
        inline = self.inline(value, templates, col)
        if inline is not None:
            return [f"{' ' * col}{key}: {inline}"]
        return [f"{' ' * col}{key}:", *self.block(value, templates, col)]

    def item(self, value: Any, templates: Templates, col: int) -> list[str]:
        """The lines of a list item, its '-' at column `col`."""
        value = as_data(value)
        inline = self.inline(value, templates, col)
        if inline is not None:
            return [f"{' ' * col}- {inline}"]
        if isinstance(value, str):
            value = {self.default_language: value}
        if isinstance(value, dict):
            lines = self.mapping(value, templates, col + 2)
            lines[0] = f"{' ' * col}- {lines[0].lstrip(' ')}"
            return lines
        raise ValueError("a list in a list is not part of a catalog")

    def block(self, value: Any, templates: Templates, parent_col: int) -> list[str]:
        """A list or mapping over lines of its own, under a key at column `parent_col`."""
        value = as_data(value)
        if isinstance(value, str):
            value = {self.default_language: value}
        if isinstance(value, dict):
            return self.mapping(value, templates, parent_col + self.step)
        col = parent_col + self.list_indent
        below = item_templates(templates)
        return [line for item in value for line in self.item(item, below, col)]

    def mapping(self, value: dict[str, Any], templates: Templates, col: int) -> list[str]:
        return [
            line
            for key, item in value.items()
            for line in self.entry(key, item, child_templates(templates, key), col)
        ]
