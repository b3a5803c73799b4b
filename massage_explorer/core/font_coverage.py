"""Catalog text that no installed font shows: which characters to ask the fonts about, where the
first unshown one is written in the catalog's file, and the warning that says both. No Qt: the
fonts are asked by the caller (massage_explorer.ui.doctor_checks), for `validate` and at start-up.

It stays cheap at any catalog size: the characters are collected once from the whole catalog,
Latin-1 is never asked about, and the file is read again for a position only when a character is
missing, which a catalog in English and Spanish never has."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from massage_explorer.core.catalog import Catalog, Text
from massage_explorer.core.problems import ItemKind, Location, Problem, Severity
from massage_explorer.core.schema.limits import MAX_BYTES

if TYPE_CHECKING:
    from yaml.nodes import Node

MAX_NAMED = 20  # characters named in the warning; the count says how many more
FONT_PACKAGES = "fonts-noto-core fonts-noto-cjk"  # Debian's: most scripts, and Chinese, Japanese, Korean
_VOCABULARIES = {"benefits": ItemKind.BENEFIT, "conditions": ItemKind.CONDITION}

Uncovered = Callable[[Iterable[str]], Iterable[str]]


def characters_to_ask(catalog: Catalog) -> set[str]:
    """The characters patients may read in the catalog, beyond Latin-1, spaces and invisible
    controls left out. Latin-1 (ASCII, accents, ¿ ¡ ñ) is in WGL4, the least any Western screen
    font has, so the fonts are never asked about it."""
    text = "".join(patient_strings(catalog))
    try:
        text.encode("latin-1")  # a quick pass in C; a set of every character is not needed then
    except UnicodeEncodeError:
        return {ch for ch in set(text) if ord(ch) > 0xFF and _visible(ch)}
    return set()


def _visible(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Cs")


def patient_strings(catalog: Catalog) -> Iterator[str]:
    """Every string of every Text in the catalog (what core.doctor.catalog_characters reads),
    each dataclass's field names looked up once per class: a 5,000-technique catalog holds
    hundreds of thousands of values."""
    names: dict[type, tuple[str, ...]] = {}
    stack: list[object] = [catalog]
    while stack:
        value = stack.pop()
        if isinstance(value, Text):
            yield from (text for _, text in value.pairs)
        elif isinstance(value, tuple):
            stack.extend(value)
        elif not isinstance(value, str):
            kind = type(value)
            own = names.get(kind)
            if own is None:
                own = names[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else ()
            stack.extend(getattr(value, name) for name in own)


def font_warning(catalog: Catalog, uncovered: Uncovered, path: Path | None = None) -> Problem | None:
    """A warning naming the catalog's characters that no installed font shows (`uncovered` asks
    the fonts), placed at the first of them in the file at `path`; None when every one shows."""
    asked = characters_to_ask(catalog)
    missing = sorted(uncovered(asked)) if asked else []
    if not missing:
        return None
    line = column = 0
    where: Location | None = None
    if path is not None:
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)  # one past the limit: decode refuses it whole
        except OSError:
            pass  # the warning still names the characters; only the place is unknown
        else:
            line, column, where = first_place(data, missing, catalog.languages)
    return Problem(Severity.WARNING, unshown_text(missing, placed=line > 0), line, column, where)


def unshown_text(missing: list[str], *, placed: bool = True) -> str:
    """What the warning says: the characters by name, what patients see, what to do. `placed`: the
    warning's position is where the first of them is written."""
    named = ", ".join(_named(ch) for ch in missing[:MAX_NAMED])
    if len(missing) > MAX_NAMED:
        named += f" and {len(missing) - MAX_NAMED} more"
    install = f"(on Debian: apt-get install {FONT_PACKAGES}) or correct the text"
    if len(missing) == 1:
        which = "this character" if placed else "1 character of the catalog"
        return (
            f"no installed font shows {which}: {named}; patients see an empty box for it: install a "
            f"font that has it {install}"
        )
    first = " (the first of them in the file is here)" if placed else ""
    return (
        f"no installed font shows {len(missing)} characters of the catalog{first}: {named}; patients "
        f"see an empty box for each: install fonts that have them {install}"
    )


def _named(ch: str) -> str:
    """'指 (U+6307 CJK UNIFIED IDEOGRAPH-6307)'; a character with no glyph of its own (private use,
    unassigned, a combining mark) by its code alone."""
    code = f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip()
    return f"{ch} ({code})" if unicodedata.category(ch)[0] in "LNPS" else code


# -- where the first one is written -------------------------------------------------------------------
def first_place(
    data: bytes, characters: Iterable[str], languages: Iterable[str]
) -> tuple[int, int, Location | None]:
    """Where the first of `characters` is written in the catalog file `data`, in a value (never a
    comment): its line, column and field; (0, 0, None) when it is not found."""
    from yaml.nodes import MappingNode

    from massage_explorer.core.schema.yaml_nodes import compose, decode  # PyYAML: only when needed

    text, _ = decode(data)
    root = compose(text)[0] if text is not None else None
    wanted = "".join(re.escape(ch) for ch in sorted(set(characters)))
    if text is None or not isinstance(root, MappingNode) or not wanted:
        return 0, 0, None
    pattern = re.compile(f"[{wanted}]")
    for node, where in _top_items(root):
        found = _first_value(node, where, pattern, frozenset(languages))
        if found is not None:
            break
    else:
        return 0, 0, None
    value, where = found
    start, end = value.start_mark, value.end_mark
    match = pattern.search(text, start.index, end.index)
    if match is None:  # written as an escape ("\uE000"): the value's own start
        return start.line + 1, start.column + 1, where
    at = match.start()
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at), where


def _top_items(root: Node) -> Iterator[tuple[Node, Location]]:
    """The catalog's top-level values, a list's entries each with the item it is."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    for key, value in root.value:
        name = str(key.value)
        if name == "techniques" and isinstance(value, SequenceNode):
            for index, item in enumerate(value.value):
                technique_id = _scalar_at(item, "id")
                place = Location(ItemKind.TECHNIQUE, technique_id, None if technique_id else index)
                yield item, place
        elif name in _VOCABULARIES and isinstance(value, MappingNode):
            for term, entry in value.value:
                yield (
                    entry,
                    Location(_VOCABULARIES[name], str(term.value) if isinstance(term, ScalarNode) else None),
                )
        else:
            yield value, Location().at(name)


def _scalar_at(node: Node, key: str) -> str | None:
    from yaml.nodes import MappingNode, ScalarNode

    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key and isinstance(value, ScalarNode):
                return str(value.value) or None
    return None


def _first_value(
    node: Node, where: Location, pattern: re.Pattern[str], languages: frozenset[str]
) -> tuple[Node, Location] | None:
    """The first value under `node`, in file order, holding one of `pattern`'s characters."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, ScalarNode):
        return (node, where) if pattern.search(node.value) else None
    if isinstance(node, SequenceNode):
        children = [
            (item, where if where.language else where.item_at(i)) for i, item in enumerate(node.value)
        ]
    elif isinstance(node, MappingNode):
        names = [str(key.value) if isinstance(key, ScalarNode) else "" for key, _ in node.value]
        # A TEXT written per language (`en: …`, `ja: …`), or an item's own fields.
        per_language = where.language is None and all(name in languages for name in names)
        children = [
            (value, _inside(where, name, per_language))
            for name, (_, value) in zip(names, node.value, strict=True)
        ]
    else:
        return None
    for child, place in children:
        found = _first_value(child, place, pattern, languages)
        if found is not None:
            return found
    return None


def _inside(where: Location, name: str, per_language: bool) -> Location:
    if where.language:
        return where  # a language's words: `search_words: {es: [lumbalgia]}`
    return where.in_language(name) if per_language else where.at(name)
