"""What the list buttons do: add, duplicate, delete, move and rename, each one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from massage_explorer.core import editing
from massage_explorer.core.catalog import Catalog
from massage_explorer.ui.editor import dialogs
from massage_explorer.ui.editor.document import BENEFITS, TECHNIQUES, EditorDocument, Selection

_FIELD_WORDS = {"benefits": "benefit claim", "good_for": "good for", "cautions": "caution"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def usage_places(catalog: Catalog, used: list[editing.Usage]) -> list[str]:
    """'Swedish massage (swedish): benefit claim' for each use, for the delete question."""
    places = []
    for usage in used:
        technique = catalog.technique(usage.technique_id)
        name = technique.name.default if technique is not None else usage.technique_id
        what = _FIELD_WORDS.get(usage.field.partition("[")[0], usage.field)
        places.append(f"{name} ({usage.technique_id}): {_tr(what)}")
    return places


class ItemActions:
    """Runs a sidebar button for the current item of a kind; refusals are explained, never silent."""

    def __init__(self, document: EditorDocument, parent: QWidget) -> None:
        self.document = document
        self.parent = parent
        self.last_message = ""

    def run(self, kind: str, action: str, item_id: str | None) -> None:
        try:
            if action == "add":
                self._add(kind)
            elif item_id is None:
                return
            elif action == "duplicate":
                catalog, new_id = editing.duplicate_technique(self.document.catalog, item_id)
                self._edit(catalog, _tr("Duplicate technique"), Selection(kind, new_id))
            elif action == "delete":
                self._delete(kind, item_id)
            elif action in ("up", "down"):
                self._move(kind, item_id, -1 if action == "up" else 1)
            elif action == "rename":
                self._rename(kind, item_id)
        except editing.EditError as exc:
            dialogs.tell(self.parent, _tr("This cannot be done"), str(exc), warning=True)

    def _edit(self, catalog: Catalog, text: str, selection: Selection) -> None:
        self.document.edit(catalog, text, selection)

    def _add(self, kind: str) -> None:
        catalog = self.document.catalog
        if kind == TECHNIQUES:
            current = self.document.selection
            at = None
            if current.kind == TECHNIQUES and current.item_id and catalog.technique(current.item_id):
                at = [t.id for t in catalog.techniques].index(current.item_id) + 1
            catalog, new_id = editing.add_technique(catalog, at=at)
            self._edit(catalog, _tr("Add technique"), Selection(kind, new_id, "name"))
        else:
            catalog, new_id = editing.add_term(catalog, kind)  # type: ignore[arg-type]
            what = _tr("Add benefit") if kind == BENEFITS else _tr("Add condition")
            self._edit(catalog, what, Selection(kind, new_id, "label"))

    def _delete(self, kind: str, item_id: str) -> None:
        catalog = self.document.catalog
        if kind == TECHNIQUES:
            technique = catalog.technique(item_id)
            name = technique.name.default if technique else item_id
            if not dialogs.confirm_delete_technique(self.parent, name):
                return
            ids = [t.id for t in catalog.techniques]
            after = editing.delete_technique(catalog, item_id)
            index = min(ids.index(item_id), len(after.techniques) - 1)
            selection = Selection(kind, after.techniques[index].id)
            self._edit(after, _tr("Delete “{name}”").format(name=name), selection)
            return
        terms = catalog.benefits if kind == BENEFITS else catalog.conditions
        term = next(t for t in terms if t.id == item_id)
        used = editing.usages(catalog, kind, item_id)  # type: ignore[arg-type]
        if used:
            places = usage_places(catalog, used)
            if not dialogs.confirm_remove_used_term(self.parent, term.label.default, places):
                return
            after = editing.delete_term(catalog, kind, item_id, remove_references=True)  # type: ignore[arg-type]
        else:
            if not dialogs.confirm_delete_unused_term(self.parent, term.label.default):
                return
            after = editing.delete_term(catalog, kind, item_id)  # type: ignore[arg-type]
        remaining = after.benefits if kind == BENEFITS else after.conditions
        index = min([t.id for t in terms].index(item_id), len(remaining) - 1)
        selection = Selection(kind, remaining[index].id if remaining else None)
        self._edit(after, _tr("Delete “{label}”").format(label=term.label.default), selection)

    def _move(self, kind: str, item_id: str, delta: int) -> None:
        catalog = self.document.catalog
        if kind == TECHNIQUES:
            after = editing.move_technique(catalog, item_id, delta)
        else:
            after = editing.move_term(catalog, kind, item_id, delta)  # type: ignore[arg-type]
        self._edit(after, _tr("Move up") if delta < 0 else _tr("Move down"), Selection(kind, item_id))

    def _rename(self, kind: str, item_id: str) -> None:
        new_id = dialogs.ask_new_id(self.parent, item_id)
        if new_id is None:
            return
        catalog = self.document.catalog
        used = editing.usages(catalog, kind, item_id)  # type: ignore[arg-type]
        after = editing.rename_term(catalog, kind, item_id, new_id)  # type: ignore[arg-type]
        self._edit(after, _tr("Rename “{old}” to “{new}”").format(old=item_id, new=new_id),
                   Selection(kind, new_id))  # fmt: skip
        n = len({u.technique_id for u in used})
        self.last_message = _tr("Renamed “{old}” to “{new}”; updated {uses} in {n} technique(s).").format(
            old=item_id, new=new_id, uses=len(used), n=n
        )
