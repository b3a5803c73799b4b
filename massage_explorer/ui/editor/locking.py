"""One editor per catalog: the core's lock file beside it, and what the editor says about it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from massage_explorer.core.editing import LockFile, lock_path

__all__ = ["CatalogLock", "lock_path"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


class CatalogLock(LockFile):
    """Holds `<catalog>.lock` while the editor is open; `held` is False when someone else has it."""

    def banner_text(self) -> str:
        """Why the editor is read-only, for its banner."""
        if self.file_read_only:
            return _tr(
                "Read-only: {name} is a read-only file, so nothing can be saved to it. Make it "
                "writable, then open it again, or use Save as… to save a copy."
            ).format(name=self.catalog.name)
        if self.lock_unreadable:
            return _tr(
                "Read-only: the lock file {path} is there but could not be read, so someone else may "
                "be editing this catalog. Ask who made it to close their editor; if nobody is "
                "editing, delete that file (or let its owner do it), then open this one again."
            ).format(path=self.path)
        if self.folder_read_only:
            return _tr("Read-only: this folder cannot be written to, so nothing can be saved here.")
        return _tr(
            "Read-only: this catalog is being edited elsewhere by {owner}. You can look, "
            "but not change or save it. Close that editor, then open this one again."
        ).format(owner=self.owner)

    def takeover_text(self) -> str:
        """One line saying whose stale lock this editor took over; empty when there was none."""
        if not self.took_over:
            return ""
        return _tr("Took over a stale lock: {previous}.").format(previous=self.took_over)
