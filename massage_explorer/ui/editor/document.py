"""The catalog being edited, its undo stack, and the undo command that swaps whole catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from massage_explorer.core.catalog import Catalog

TECHNIQUES, BENEFITS, CONDITIONS = "techniques", "benefits", "conditions"
KINDS = (TECHNIQUES, BENEFITS, CONDITIONS)


@dataclass(frozen=True)
class Selection:
    """What the editor shows: a kind of item, which one, and optionally the field to focus."""

    kind: str = TECHNIQUES
    item_id: str | None = None
    field: str = ""


class CatalogCommand(QUndoCommand):
    """One edit: the catalog before and after, and what to select when either is shown.

    Commands with the same merge key (one text field during one typing burst) fold into one,
    so undo takes back a whole word or sentence, not a keystroke.
    """

    MERGE_ID = 0x4D45

    def __init__(
        self,
        document: EditorDocument,
        text: str,
        after: Catalog,
        selection: Selection,
        merge_key: object = None,
    ) -> None:
        super().__init__(text)
        self.document = document
        self.before, self.after = document.catalog, after
        self.selection_before, self.selection_after = document.selection, selection
        self.merge_key = merge_key

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, CatalogCommand) or other.merge_key != self.merge_key:
            return False
        self.after, self.selection_after = other.after, other.selection_after
        # Typing and then deleting the same letters leaves nothing to undo.
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        self.document.show(self.after, self.selection_after)

    def undo(self) -> None:
        self.document.show(self.before, self.selection_before)


class EditorDocument(QObject):
    """The open catalog file: the current catalog, where it lives and every edit made to it."""

    changed = Signal(object)  # the Selection to show after the catalog changed

    def __init__(self, path: Path, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.catalog = catalog
        self.selection = Selection(TECHNIQUES, catalog.techniques[0].id if catalog.techniques else None)
        self.stack = QUndoStack(self)

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    def edit(self, after: Catalog, text: str, selection: Selection, merge_key: object = None) -> None:
        """Record an edit as an undoable command (nothing happens when nothing changed)."""
        if after == self.catalog:
            self.select(selection)
            return
        self.stack.push(CatalogCommand(self, text, after, selection, merge_key))

    def select(self, selection: Selection) -> None:
        """Remember what is shown, without an undo step (choosing an item is not an edit)."""
        self.selection = selection

    def show(self, catalog: Catalog, selection: Selection) -> None:
        self.catalog = catalog
        self.selection = selection
        self.changed.emit(selection)

    def replace_all(self, catalog: Catalog) -> None:
        """After a reload from disk: a fresh start with no undo history."""
        self.stack.clear()
        keep = self.selection
        exists = {
            TECHNIQUES: catalog.technique,
            BENEFITS: catalog.benefit,
            CONDITIONS: catalog.condition,
        }[keep.kind](keep.item_id or "")
        first = catalog.techniques[0].id if catalog.techniques else None
        self.show(catalog, keep if exists else Selection(TECHNIQUES, first))
        self.stack.setClean()
