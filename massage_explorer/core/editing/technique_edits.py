"""Edits of the technique list and of one technique's fields; each returns a new catalog. No Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from massage_explorer.core.catalog import Catalog, Range, Technique, Text
from massage_explorer.core.editing.ids import EditError, fresh_id, move_index, require_new_id

T = TypeVar("T")

NEW_ID = "new-technique"
NEW_NAME = "New technique"
# Worded as instructions so a technique saved before it was written up is obvious on the kiosk.
NEW_SUMMARY = "Write one sentence about this technique."
NEW_DESCRIPTION = "Write what happens in a session and who it suits."
COPY_SUFFIX = " (copy)"


# -- techniques -----------------------------------------------------------------------------------


def add_technique(
    catalog: Catalog, technique_id: str | None = None, *, at: int | None = None
) -> tuple[Catalog, str]:
    """A new placeholder technique at `at` (default: the end); returns the catalog and its id."""
    taken = {t.id for t in catalog.techniques}
    if technique_id is None:
        technique_id = fresh_id(NEW_ID, taken)
    else:
        require_new_id(technique_id, taken, "technique")
    language = catalog.default_language
    technique = Technique(
        id=technique_id,
        name=Text.plain(NEW_NAME, language),
        summary=Text.plain(NEW_SUMMARY, language),
        description=Text.plain(NEW_DESCRIPTION, language),
        pressure=Range(1, 1),
        session_minutes=Range(60, 60),
    )
    return replace(catalog, techniques=list_add(catalog.techniques, technique, at)), technique_id


def duplicate_technique(catalog: Catalog, technique_id: str) -> tuple[Catalog, str]:
    """A copy right after the original, with id '<id>-copy' (or -copy-2, ...) and name '... (copy)'."""
    index = _index(catalog, technique_id)
    original = catalog.techniques[index]
    new_id = fresh_id(f"{technique_id}-copy", {t.id for t in catalog.techniques})
    # Only the default language is marked: it is the name staff see in the editor's list.
    (language, name), *others = original.name.pairs
    twin = replace(original, id=new_id, name=Text(((language, name + COPY_SUFFIX), *others)))
    return replace(catalog, techniques=list_add(catalog.techniques, twin, index + 1)), new_id


def delete_technique(catalog: Catalog, technique_id: str) -> Catalog:
    """The catalog without the technique; the last technique cannot be deleted."""
    index = _index(catalog, technique_id)
    if len(catalog.techniques) == 1:
        raise EditError("The catalog needs at least one technique; add another before deleting this one")
    return replace(catalog, techniques=list_remove(catalog.techniques, index))


def move_technique(catalog: Catalog, technique_id: str, delta: int) -> Catalog:
    """Moved `delta` places (-1 up, +1 down), stopping at the ends; the same catalog if nothing moves."""
    index = _index(catalog, technique_id)
    moved = list_move(catalog.techniques, index, delta)
    return catalog if moved is catalog.techniques else replace(catalog, techniques=moved)


def replace_technique(catalog: Catalog, technique_id: str, new: Technique) -> Catalog:
    """The technique replaced by `new` in the same place; a different `new.id` renames it."""
    index = _index(catalog, technique_id)
    if new.id != technique_id:
        require_new_id(new.id, {t.id for t in catalog.techniques}, "technique")
    techniques = (*catalog.techniques[:index], new, *catalog.techniques[index + 1 :])
    return replace(catalog, techniques=techniques)


def _index(catalog: Catalog, technique_id: str) -> int:
    for index, technique in enumerate(catalog.techniques):
        if technique.id == technique_id:
            return index
    raise EditError(f"There is no technique with the id '{technique_id}'; it may have been deleted")


# -- field helpers for the form ------------------------------------------------------------------


def set_text(
    text: Text | None,
    language: str,
    value: str,
    default_language: str,
    *,
    required: bool = False,
    languages: Sequence[str] = (),
) -> Text | None:
    """`text` with `language` set to `value`; "" removes a translation.

    Clearing the default language of an optional text that has no translations gives None (the
    field is left out). A `required` text keeps the empty value so the validator says what is
    missing. `languages` (the catalog's) orders the pairs as the file will after a reload.
    """
    pairs = dict(text.pairs) if text is not None else {}
    if value:
        pairs[language] = value
    elif language != default_language:
        pairs.pop(language, None)
    elif not required and not pairs.keys() - {default_language}:
        return None
    else:
        pairs[default_language] = ""
    if not pairs:
        return None
    pairs.setdefault(default_language, "")
    rank = {lang: i for i, lang in enumerate(languages)}
    ordered = sorted(pairs, key=lambda lang: (lang != default_language, rank.get(lang, len(rank))))
    return Text(tuple((lang, pairs[lang]) for lang in ordered))


def list_add(items: tuple[T, ...], item: T, at: int | None = None) -> tuple[T, ...]:
    """`items` with `item` inserted at `at` (kept inside the list), or appended when `at` is None."""
    index = len(items) if at is None else max(0, min(len(items), at))
    return (*items[:index], item, *items[index:])


def list_remove(items: tuple[T, ...], index: int) -> tuple[T, ...]:
    """`items` without the one at `index`; IndexError when there is none."""
    if not 0 <= index < len(items):
        raise IndexError(f"no item {index} in a list of {len(items)}")
    return (*items[:index], *items[index + 1 :])


def list_move(items: tuple[T, ...], index: int, delta: int) -> tuple[T, ...]:
    """`items` with the one at `index` moved by `delta`; the same tuple when it cannot move."""
    if not 0 <= index < len(items):
        raise IndexError(f"no item {index} in a list of {len(items)}")
    target = move_index(len(items), index, delta)
    if target == index:
        return items
    rest = list_remove(items, index)
    return list_add(rest, items[index], target)
