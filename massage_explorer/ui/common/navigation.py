"""The way back, the same on every screen: a big Back button and the keys that do the same."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

MARGIN = 24  # px around the screens that have a big Back


def keep_full_width(*buttons: QPushButton) -> None:
    """Labels beside these buttons wrap before the buttons' words get cut off."""
    for button in buttons:
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


def label_back_button(button: QPushButton) -> None:
    """The big Back of details and compare: its words, read again after a language change."""
    button.setText(QCoreApplication.translate("back", "← Back"))
    button.setAccessibleName(QCoreApplication.translate("back", "Back"))
    button.setAccessibleDescription(QCoreApplication.translate("back", "Go back to the previous screen."))


def add_back_shortcuts(widget: QWidget, slot: object) -> list[QShortcut]:
    """Escape, Backspace and Alt+Left (the platform's Back) all go back from this screen."""
    keys = [
        QKeySequence(Qt.Key.Key_Escape),
        QKeySequence(Qt.Key.Key_Backspace),
        QKeySequence(QKeySequence.StandardKey.Back),
        QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left),
    ]
    shortcuts = []
    for key in dict.fromkeys(keys):
        shortcut = QShortcut(key, widget)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        shortcuts.append(shortcut)
    return shortcuts
