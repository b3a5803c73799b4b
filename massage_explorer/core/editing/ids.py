"""The error editing operations raise, and the id rules they share (valid, unique, fresh). No Qt."""

from __future__ import annotations

from collections.abc import Collection

from massage_explorer.core.schema.field_reader import SLUG


class EditError(ValueError):
    """An edit that cannot be made; the message is written for the staff member who tried it."""


def require_new_id(new_id: str, taken: Collection[str], what: str) -> None:
    """Refuse an id that is not a slug or that another item of the same list already has."""
    if not SLUG.match(new_id):
        raise EditError(
            f"'{new_id}' cannot be the id of a {what}: use lowercase letters, digits and single "
            "hyphens, e.g. 'deep-tissue'"
        )
    if new_id in taken:
        raise EditError(f"Another {what} already has the id '{new_id}'; choose a different one")


def fresh_id(base: str, taken: Collection[str]) -> str:
    """`base` if it is free, else `base-2`, `base-3`, ...; `base` must already be a slug."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def move_index(length: int, index: int, delta: int) -> int:
    """Where an item at `index` lands when moved by `delta`, kept inside the list."""
    return max(0, min(length - 1, index + delta))
