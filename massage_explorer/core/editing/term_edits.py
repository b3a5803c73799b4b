"""Edits of the benefit and condition vocabularies that keep every technique's references whole. No Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from massage_explorer.core.catalog import Catalog, Technique, Term, Text
from massage_explorer.core.editing.ids import EditError, fresh_id, move_index, require_new_id

Kind = Literal["benefits", "conditions"]
_SINGULAR = {"benefits": "benefit", "conditions": "condition"}
_FIELD_WORDS = {"benefits": "benefit claim", "good_for": "good for", "cautions": "caution"}


@dataclass(frozen=True, order=True)
class Usage:
    """Where a term is used: a technique and its field, e.g. ('swedish', 'benefits[2]')."""

    technique_id: str
    field: str


class TermInUse(EditError):
    """A term cannot be deleted while techniques refer to it; `usages` says where."""

    def __init__(self, message: str, usages: list[Usage]) -> None:
        super().__init__(message)
        self.usages = usages


def add_term(catalog: Catalog, kind: Kind, term_id: str | None = None) -> tuple[Catalog, str]:
    """A new term at the end of the vocabulary, labelled 'New benefit' / 'New condition'."""
    terms = _terms(catalog, kind)
    singular = _SINGULAR[kind]
    taken = {term.id for term in terms}
    if term_id is None:
        term_id = fresh_id(f"new-{singular}", taken)
    else:
        require_new_id(term_id, taken, singular)
    term = Term(term_id, Text.plain(f"New {singular}", catalog.default_language))
    return _with_terms(catalog, kind, (*terms, term)), term_id


def update_term(catalog: Catalog, kind: Kind, term_id: str, new: Term) -> Catalog:
    """The term replaced by `new` in place; a different `new.id` renames it everywhere first."""
    if new.id != term_id:
        catalog = rename_term(catalog, kind, term_id, new.id)
    terms = _terms(catalog, kind)
    index = _index(terms, new.id, kind)
    return _with_terms(catalog, kind, (*terms[:index], new, *terms[index + 1 :]))


def usages(catalog: Catalog, kind: Kind, term_id: str) -> list[Usage]:
    """Every place a technique refers to the term, in catalog and file order."""
    found: list[Usage] = []
    for technique in catalog.techniques:
        if kind == "benefits":
            found += [
                Usage(technique.id, f"benefits[{i}]")
                for i, claim in enumerate(technique.benefits)
                if claim.benefit == term_id
            ]
        else:
            if term_id in technique.good_for:
                found.append(Usage(technique.id, "good_for"))
            found += [
                Usage(technique.id, f"cautions[{i}]")
                for i, caution in enumerate(technique.cautions)
                if caution.condition == term_id
            ]
    return found


def rename_term(catalog: Catalog, kind: Kind, old_id: str, new_id: str) -> Catalog:
    """The term under `new_id`, in the same place, and every reference to it updated."""
    terms = _terms(catalog, kind)
    index = _index(terms, old_id, kind)
    if new_id == old_id:
        return catalog
    require_new_id(new_id, {term.id for term in terms}, _SINGULAR[kind])
    terms = (*terms[:index], replace(terms[index], id=new_id), *terms[index + 1 :])

    def rename(ref: str) -> str:
        return new_id if ref == old_id else ref

    return _with_terms(_map_references(catalog, kind, rename), kind, terms)


def delete_term(catalog: Catalog, kind: Kind, term_id: str, *, remove_references: bool = False) -> Catalog:
    """The vocabulary without the term; refused while it is used, unless the uses go too.

    With `remove_references`, the benefit claims, good_for entries and cautions that name the
    term are removed from every technique.
    """
    terms = _terms(catalog, kind)
    index = _index(terms, term_id, kind)
    used = usages(catalog, kind, term_id)
    if used and not remove_references:
        raise TermInUse(_in_use_message(catalog, terms[index], used), used)
    if used:
        catalog = _map_references(catalog, kind, lambda ref: None if ref == term_id else ref)
    if kind == "conditions":  # the clinic's required set names conditions too: not a use to refuse
        catalog = set_required(catalog, term_id, required=False)
    return _with_terms(catalog, kind, (*terms[:index], *terms[index + 1 :]))


def set_required(catalog: Catalog, condition_id: str, *, required: bool) -> Catalog:
    """The catalog with the condition in or out of `required_cautions` (kept in its order)."""
    listed = catalog.required_cautions
    if required and condition_id not in listed:
        return replace(catalog, required_cautions=(*listed, condition_id))
    if not required and condition_id in listed:
        return replace(catalog, required_cautions=tuple(c for c in listed if c != condition_id))
    return catalog


def move_term(catalog: Catalog, kind: Kind, term_id: str, delta: int) -> Catalog:
    """The term moved `delta` places in its vocabulary, stopping at the ends."""
    terms = _terms(catalog, kind)
    index = _index(terms, term_id, kind)
    target = move_index(len(terms), index, delta)
    if target == index:
        return catalog
    rest = [*terms[:index], *terms[index + 1 :]]
    rest.insert(target, terms[index])
    return _with_terms(catalog, kind, tuple(rest))


def _terms(catalog: Catalog, kind: Kind) -> tuple[Term, ...]:
    if kind == "benefits":
        return catalog.benefits
    if kind == "conditions":
        return catalog.conditions
    raise ValueError(f"unknown vocabulary {kind!r}; use 'benefits' or 'conditions'")


def _with_terms(catalog: Catalog, kind: Kind, terms: tuple[Term, ...]) -> Catalog:
    return replace(catalog, benefits=terms) if kind == "benefits" else replace(catalog, conditions=terms)


def _index(terms: tuple[Term, ...], term_id: str, kind: Kind) -> int:
    for index, term in enumerate(terms):
        if term.id == term_id:
            return index
    raise EditError(f"There is no {_SINGULAR[kind]} with the id '{term_id}'; it may have been deleted")


def _map_references(catalog: Catalog, kind: Kind, change: Callable[[str], str | None]) -> Catalog:
    """Each technique with its references to `kind` passed through `change`; None drops one."""

    def edit(t: Technique) -> Technique:
        if kind == "benefits":
            claims = tuple(
                replace(claim, benefit=new)
                for claim in t.benefits
                if (new := change(claim.benefit)) is not None
            )
            return t if claims == t.benefits else replace(t, benefits=claims)
        good_for = tuple(new for ref in t.good_for if (new := change(ref)) is not None)
        cautions = tuple(
            replace(caution, condition=new)
            for caution in t.cautions
            if (new := change(caution.condition)) is not None
        )
        if good_for == t.good_for and cautions == t.cautions:
            return t
        return replace(t, good_for=good_for, cautions=cautions)

    catalog = replace(catalog, techniques=tuple(edit(t) for t in catalog.techniques))
    if kind == "conditions":  # a renamed condition stays in the clinic's required set
        required = tuple(new for ref in catalog.required_cautions if (new := change(ref)) is not None)
        catalog = replace(catalog, required_cautions=required)
    return catalog


def _in_use_message(catalog: Catalog, term: Term, used: list[Usage]) -> str:
    places: dict[str, list[str]] = {}
    for usage in used:
        what = _FIELD_WORDS[usage.field.split("[")[0]]
        places.setdefault(usage.technique_id, []).append(what)
    listed = []
    for technique_id, whats in places.items():
        technique = catalog.technique(technique_id)
        name = technique.name.default if technique is not None else technique_id
        listed.append(f"{name} ({', '.join(dict.fromkeys(whats))})")
    return (
        f"'{term.label.default}' is still used by {len(places)} "
        f"technique{'s' if len(places) != 1 else ''}: {'; '.join(listed)}. "
        "Remove it there first, or delete it together with those entries"
    )
