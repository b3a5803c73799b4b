"""Saving without losing anyone's work: refused with errors, never over a file changed on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from massage_explorer.core import editing, history
from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import LoadResult
from massage_explorer.core.storage import parse_catalog
from massage_explorer.ui.common.worker import run_in_thread
from massage_explorer.ui.editor import dialogs
from massage_explorer.ui.editor.document import EditorDocument


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


class Saver:
    """Saves the document to its file with the stamp taken when it was opened (or last saved)."""

    def __init__(
        self,
        document: EditorDocument,
        stamp: editing.FileStamp,
        on_disk: editing.OnDisk | None,
        parent: QWidget,
        who: Callable[[], str] = lambda: "",
        progress: Callable[[str], None] = lambda stage: None,
        lock: Callable[[], editing.LockFile | None] = lambda: None,
    ) -> None:
        """`on_disk`: the file as opened (its bytes and catalog), which saves splice into.
        `who`: the name staff gave for the history, if any (the computer's user is recorded too).
        `progress`: told each stage of a save in words, while the save waits for it on a thread.
        `lock`: the editor's lock of the file, which a save makes sure is still its own."""
        self.document = document
        self.stamp = stamp
        self.parent = parent
        self.who = who
        self.progress = progress
        self.lock = lock
        self.message = ""
        self.saved = document.catalog  # as the file on disk holds it: what the history compares
        # The file's bytes and the catalog they hold: a save changes only what was edited in them.
        self.on_disk = on_disk
        self._opened = on_disk  # the file as opened: the history's first version

    def save(self) -> bool:
        """True when the edits are on disk in the catalog file (the document is then clean).

        The splice, its read-back through the validator, the atomic write (with its backup and
        the check that nobody changed the file meanwhile) and the history run on a thread: at
        5,000 techniques they take seconds, which the window spends answering and showing how far
        the save is. The caller keeps the catalog from changing meanwhile."""
        document = self.document
        catalog, on_disk, path, stamp, lock = (
            document.catalog,
            self.on_disk,
            document.path,
            self.stamp,
            self.lock(),
        )

        def write() -> tuple[bytes, editing.FileStamp]:
            data = editing.catalog_bytes(catalog, on_disk)
            return data, editing.save_bytes_checked(data, path, stamp, lock=lock)

        self.progress(_tr("Saving: writing {name}…").format(name=path.name))
        try:
            data, self.stamp = run_in_thread(write)
        except editing.ChangedOnDisk as exc:
            return self._changed_on_disk(exc)
        except OSError as exc:
            dialogs.tell(self.parent, _tr("Not saved"),
                         _tr("The catalog could not be written: {reason}").format(
                             reason=exc.strerror or exc), warning=True)  # fmt: skip
            return False
        self.on_disk = editing.OnDisk(data, catalog)
        document.stack.setClean()
        self.message = _tr("Saved {name}.").format(name=document.path.name)
        self.progress(_tr("Saving: recording the version in the history…"))
        self._record(document.catalog)
        return True

    def _record(self, catalog: Catalog, note: tuple[str, ...] = ()) -> None:
        """Add the file as now saved to its history (the file as first opened too, the first time);
        on a thread, as compressing a large catalog takes a while."""
        path, opened, saved, name = self.document.path, self._opened, self.saved, self.who()

        def record() -> None:
            if opened is not None and not history.has_versions(path):
                history.record(path, opened.data, None, opened.catalog, note=("As opened in the editor",))
            history.record(path, path.read_bytes(), saved, catalog, name=name, note=note)

        try:
            run_in_thread(record)
            self._opened = None  # recorded, or a history was there already
        except OSError as exc:
            self.message += " " + _tr("(Its history could not be written: {reason}.)").format(
                reason=exc.strerror or exc
            )
        self.saved = catalog

    def restore(self, number: int) -> bool:
        """Make version `number` of the history the file again, as a new save (and a new version)."""
        document = self.document
        try:
            data = history.version_bytes(document.path, number)
        except history.VersionUnreadable as exc:
            dialogs.tell(self.parent, _tr("Not restored"), str(exc), warning=True)
            self.message = str(exc)
            return False
        path, stamp, lock = document.path, self.stamp, self.lock()

        def read_and_write() -> tuple[LoadResult, editing.FileStamp | None]:
            """On a thread: the version read through the validator and, if it holds, written."""
            result = parse_catalog(data, base_dir=path.parent)
            if result.catalog is None:
                return result, None
            return result, editing.save_bytes_checked(data, path, stamp, lock=lock)

        self.progress(_tr("Restoring version #{number}…").format(number=number))
        try:
            result, written = run_in_thread(read_and_write)
        except editing.ChangedOnDisk as exc:
            return self._changed_on_disk(exc)
        except OSError as exc:
            dialogs.tell(self.parent, _tr("Not restored"), str(exc.strerror or exc), warning=True)
            return False
        if result.catalog is None or written is None:
            dialogs.tell(self.parent, _tr("Not restored"),
                         _tr("That version has errors today (a picture it names may be gone)."),
                         warning=True)  # fmt: skip
            return False
        self.stamp = written
        self.on_disk = editing.OnDisk(data, result.catalog)
        document.replace_all(result.catalog)
        self.message = _tr("Restored version #{number}.").format(number=number)
        self._record(result.catalog, note=(f"Restored version #{number}",))
        return True

    def _changed_on_disk(self, why: editing.ChangedOnDisk) -> bool:
        taken_over = isinstance(why, editing.LockLost)
        choice = dialogs.ask_changed_on_disk(self.parent, self.document.path, taken_over=taken_over)
        if choice == "copy":
            self.save_copy()
        elif choice == "reload":
            self.reload()
        return False

    def save_copy(self) -> Path | None:
        copy = editing.save_copy_path(self.document.path)
        catalog, on_disk = self.document.catalog, self.on_disk
        try:
            run_in_thread(lambda: editing.save_checked(catalog, copy, None, on_disk))
        except (editing.EditError, OSError) as exc:
            dialogs.tell(self.parent, _tr("Not saved"), str(exc), warning=True)
            return None
        self.message = _tr("Your version was saved as {name}; the catalog file was not changed.").format(
            name=copy.name
        )
        dialogs.tell(self.parent, _tr("Saved as a copy"), self.message)
        return copy

    def reload(self) -> bool:
        """Read the file again, after confirmation when there are edits to lose."""
        document = self.document
        if not document.stack.isClean() and not dialogs.confirm_reload(self.parent):
            return False
        path = document.path
        self.progress(_tr("Reading {name}…").format(name=path.name))
        try:
            opened = run_in_thread(lambda: editing.read_for_editing(path), keep=True)
        except OSError as exc:
            dialogs.tell(self.parent, _tr("Cannot reload"), str(exc.strerror or exc), warning=True)
            return False
        result, on_disk = opened.result, opened.on_disk
        if on_disk is None:
            first = result.errors[0].format(document.path.name) if result.errors else ""
            dialogs.tell(self.parent, _tr("Cannot reload"),
                         _tr("The file on disk has errors, so it cannot be opened here; fix it in a "
                             "text editor first.") + "\n\n" + first, warning=True)  # fmt: skip
            return False
        self.stamp = opened.stamp
        self.saved = on_disk.catalog
        self.on_disk = on_disk
        document.replace_all(on_disk.catalog)
        self.message = _tr("Reloaded {name} from disk.").format(name=document.path.name)
        return True
