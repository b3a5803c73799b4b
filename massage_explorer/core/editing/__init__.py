"""Pure edits of a catalog for the staff editor: each takes a Catalog and returns a new one. No Qt.

The editor keeps the catalog before and after each call for undo, so nothing here mutates. Every
edit that cannot be made raises `EditError` with a message for staff. The editor imports
everything from this package: technique edits, vocabulary edits, the check, safe saving (which
changes only what was edited in the file), the lock and reading a file to edit it.
"""

from massage_explorer.core.editing.check import IncrementalCheck, check
from massage_explorer.core.editing.ids import EditError
from massage_explorer.core.editing.lock import LockFile, LockOwner, lock_path
from massage_explorer.core.editing.opening import Opened, read_for_editing
from massage_explorer.core.editing.red_flag_edits import red_flag_lines, with_red_flags
from massage_explorer.core.editing.safe_save import (
    ChangedOnDisk,
    FileStamp,
    LockLost,
    save_bytes_checked,
    save_checked,
    save_copy_path,
)
from massage_explorer.core.editing.technique_edits import (
    NEW_DESCRIPTION,
    NEW_NAME,
    NEW_SUMMARY,
    add_technique,
    delete_technique,
    duplicate_technique,
    list_add,
    list_move,
    list_remove,
    move_technique,
    replace_technique,
    set_text,
)
from massage_explorer.core.editing.term_edits import (
    Kind,
    TermInUse,
    Usage,
    add_term,
    delete_term,
    move_term,
    rename_term,
    set_required,
    update_term,
    usages,
)
from massage_explorer.core.storage import OnDisk, catalog_bytes

__all__ = [
    "NEW_DESCRIPTION",
    "NEW_NAME",
    "NEW_SUMMARY",
    "ChangedOnDisk",
    "EditError",
    "FileStamp",
    "IncrementalCheck",
    "Kind",
    "LockFile",
    "LockLost",
    "LockOwner",
    "OnDisk",
    "Opened",
    "TermInUse",
    "Usage",
    "add_technique",
    "add_term",
    "catalog_bytes",
    "check",
    "delete_technique",
    "delete_term",
    "duplicate_technique",
    "list_add",
    "list_move",
    "list_remove",
    "lock_path",
    "move_technique",
    "move_term",
    "read_for_editing",
    "red_flag_lines",
    "rename_term",
    "replace_technique",
    "save_bytes_checked",
    "save_checked",
    "save_copy_path",
    "set_required",
    "set_text",
    "update_term",
    "usages",
    "with_red_flags",
]
