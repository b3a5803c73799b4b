"""The editor's questions to staff: confirmations, the unsaved-changes guard, the image picker.

Every box shows plain text only (technique names are catalog data) and names its buttons by
what they do, so a tap on "Delete" never means something else.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget

from massage_explorer.ui.common.buttons import MIN_TARGET

Role = QMessageBox.ButtonRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[tuple[str, str, QMessageBox.ButtonRole]],
    *,
    details: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> str:
    """Show a box with the given (key, label, role) buttons; returns the key of the one pressed.

    Closing the box with Escape or the window's close button answers with the reject role's key.
    """
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("editorQuestion")
    if details:
        box.setInformativeText(details)
    buttons: dict[QPushButton, str] = {}
    escape = ""
    for key, label, role in choices:
        button = box.addButton(label, role)
        button.setMinimumSize(MIN_TARGET, MIN_TARGET)
        button.setAccessibleName(label.replace("&", ""))
        buttons[button] = key
        if role in (Role.RejectRole, Role.NoRole) and not escape:
            box.setEscapeButton(button)
            escape = key
    box.setDefaultButton(next(iter(buttons)))
    box.exec()
    clicked = box.clickedButton()
    return next((key for button, key in buttons.items() if button is clicked), escape)


def tell(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    ask(parent, title, text, [("ok", _tr("OK"), Role.AcceptRole)], icon=icon)


def confirm_delete_technique(parent: QWidget | None, name: str) -> bool:
    answer = ask(
        parent,
        _tr("Delete technique"),
        _tr("Delete “{name}” from the catalog?").format(name=name),
        [("delete", _tr("Delete “{name}”").format(name=name), Role.DestructiveRole),
         ("cancel", _tr("Cancel"), Role.RejectRole)],
        details=_tr("You can undo this until you close the editor."),
        icon=QMessageBox.Icon.Warning,
    )  # fmt: skip
    return answer == "delete"


def confirm_delete_unused_term(parent: QWidget | None, label: str) -> bool:
    answer = ask(
        parent,
        _tr("Delete"),
        _tr("Delete “{label}”? No technique uses it.").format(label=label),
        [("delete", _tr("Delete"), Role.DestructiveRole), ("cancel", _tr("Cancel"), Role.RejectRole)],
    )
    return answer == "delete"


def confirm_remove_used_term(parent: QWidget | None, label: str, places: Sequence[str]) -> bool:
    """A used term: list where, then offer to remove it from those techniques too."""
    answer = ask(
        parent,
        _tr("This is still in use"),
        _tr("“{label}” is used in {n} place(s):").format(label=label, n=len(places))
        + "\n\n"
        + "\n".join(f"• {place}" for place in places),
        [("remove", _tr("Remove it from those techniques too"), Role.DestructiveRole),
         ("cancel", _tr("Cancel"), Role.RejectRole)],
        details=_tr("Removing it deletes those benefit claims, cautions and ticks as well."),
        icon=QMessageBox.Icon.Warning,
    )  # fmt: skip
    return answer == "remove"


def ask_unsaved(parent: QWidget | None) -> str:
    """'save', 'discard' or 'cancel'."""
    return ask(
        parent,
        _tr("Unsaved changes"),
        _tr("The catalog has changes that are not saved."),
        [("save", _tr("Save"), Role.AcceptRole),
         ("discard", _tr("Discard changes"), Role.DestructiveRole),
         ("cancel", _tr("Cancel"), Role.RejectRole)],
        icon=QMessageBox.Icon.Warning,
    )  # fmt: skip


def ask_changed_on_disk(parent: QWidget | None, path: Path, *, taken_over: bool = False) -> str:
    """'reload', 'copy' or 'cancel'. `taken_over`: another editor took this one's lock over (so the
    file may change under it at any moment), rather than the file having changed already."""
    if taken_over:
        # (Not "from another computer": a lock file deleted by hand lets a second editor on this
        # one take it too.)
        text = _tr("Someone else took over editing {name} after you opened it. "
                   "Saving now could overwrite their changes.")  # fmt: skip
    else:
        text = _tr("Someone else changed {name} after you opened it. Saving now would overwrite "
                   "their changes.")  # fmt: skip
    return ask(
        parent,
        _tr("The file changed on disk"),
        text.format(name=path.name),
        [("copy", _tr("Save as a copy"), Role.AcceptRole),
         ("reload", _tr("Reload from disk"), Role.DestructiveRole),
         ("cancel", _tr("Cancel"), Role.RejectRole)],
        details=_tr("Save as a copy keeps both versions. Reload from disk loses your edits."),
        icon=QMessageBox.Icon.Warning,
    )  # fmt: skip


def confirm_reload(parent: QWidget | None) -> bool:
    answer = ask(
        parent,
        _tr("Reload from disk"),
        _tr("Reloading loses every edit you made since the last save. Reload anyway?"),
        [("reload", _tr("Reload and lose my edits"), Role.DestructiveRole),
         ("cancel", _tr("Cancel"), Role.RejectRole)],
        icon=QMessageBox.Icon.Warning,
    )  # fmt: skip
    return answer == "reload"


def confirm_restore(parent: QWidget | None, number: int) -> bool:
    answer = ask(
        parent,
        _tr("Restore version #{n}").format(n=number),
        _tr("Restoring loses every edit you made since the last save. Restore anyway?"),
        [("restore", _tr("Restore and lose my edits"), Role.DestructiveRole),
         ("cancel", _tr("Cancel"), Role.RejectRole)],
        icon=QMessageBox.Icon.Warning,
    )  # fmt: skip
    return answer == "restore"


def ask_new_id(parent: QWidget | None, current: str) -> str | None:
    """The new id for a vocabulary term, or None when cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        _tr("Rename id"),
        _tr("New id for “{id}” (lowercase letters, digits and single hyphens):").format(id=current),
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text.strip() if ok and text.strip() and text.strip() != current else None


def choose_image(parent: QWidget | None, folder: Path) -> Path | None:
    """A file chosen by the staff member, starting in the catalog's folder; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        _tr("Choose an image inside the catalog's folder"),
        str(folder),
        _tr("Images (*.png *.jpg *.jpeg *.svg)"),
    )
    return Path(name) if name else None
