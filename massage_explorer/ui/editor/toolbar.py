"""The editor's top bar: Undo, Redo, Save and the rest, then the name for the history, the reason
Save is off, a status line and the file; while a save or a read runs, the buttons are off and a
moving bar takes the name field's place, its stage in words beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtGui import QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.flow import FlowLayout
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.search_field import hint_room


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


class _Words(QLabel):
    """One of the top bar's lines of words: out of the row while it says nothing, so that the
    next one does not start after a gap."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def sizeHint(self) -> QSize:
        """On one line where the row has room (the row wraps it where it has not): a word-wrapped
        QLabel asks for a narrow block instead, and a short message took two lines."""
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right() + 1
        return QSize(width, self.heightForWidth(width))


class TopBar(QWidget):
    """Buttons big enough for the kiosk's touch screen; every message is plain text in words."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topbar")
        self.undo_button = big_button(_tr("↶ Undo"), _tr("Undo"), self)
        self.redo_button = big_button(_tr("↷ Redo"), _tr("Redo"), self)
        self.save_button = big_button(_tr("Save"), _tr("Save"), self)
        self.save_button.setProperty("role", "primary")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        # Catalog-wide: the signs shown on every patient screen, handout and QR code.
        self.red_flags_button = big_button(_tr("⚠ Red flags…"), _tr("Red flags"), self)
        self.red_flags_button.setAccessibleDescription(
            _tr("Edit the signs that mean: stop and get help now, shown on every patient screen.")
        )
        # For the medical director: the claims, grades, sources and cautions on paper, to sign.
        self.report_button = big_button(_tr("Review report…"), _tr("Review report"), self)
        self.report_button.setAccessibleDescription(
            _tr("Save a PDF of every claim, grade, source and caution, for the medical director to sign.")
        )
        self.open_button = big_button(_tr("Open…"), _tr("Open another catalog"), self)
        self.open_button.setShortcut(QKeySequence.StandardKey.Open)
        self.save_as_button = big_button(_tr("Save as…"), _tr("Save as another file"), self)
        self.save_as_button.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.history_button = big_button(_tr("History…"), _tr("History"), self)
        self.history_button.setAccessibleDescription(
            _tr("Every saved version: when, who and what changed; restore any of them.")
        )
        # Recorded with each save beside the computer's user name; typed once per session.
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(_tr("Your name (for the history)"))
        self.name_edit.setAccessibleName(_tr("Your name, recorded with each save"))
        self.name_edit.setMaxLength(80)
        # As wide as its hint (`_fit_name_hint`), not the whole line it may wrap onto.
        self.name_edit.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.save_reason = plain_label("", role="saveReason", label=_Words(self))
        self.status = plain_label("", role="muted", label=_Words(self))
        self.status.setAccessibleName(_tr("Status"))
        self._status_before = ""  # shown again when a save is over
        self.file_label = plain_label(str(path), role="muted", label=_Words(self))
        self.file_label.setAccessibleName(_tr("Catalog file"))
        # While saving: how far it is, in words beside a bar that moves (its length is unknown).
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(_tr("Saving"))
        self.progress.setFixedWidth(160)
        self.progress.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.progress.hide()
        self.buttons: tuple[QPushButton, ...] = (
            self.open_button,
            self.save_as_button,
            self.undo_button,
            self.redo_button,
            self.save_button,
            self.red_flags_button,
            self.report_button,
            self.history_button,
        )
        # The buttons, then the words, each on as many lines as the window's width needs: on a
        # 1366 px screen (a laptop, a kiosk's) one row of everything cut every button's label.
        controls = FlowLayout(spacing=8)
        for button in self.buttons:
            controls.addWidget(button)
        words = FlowLayout(spacing=24, line_spacing=2)
        for widget in (self.name_edit, self.progress, self.save_reason, self.status, self.file_label):
            words.addWidget(widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(6)
        column.addLayout(controls)
        column.addLayout(words)

    def hasHeightForWidth(self) -> bool:
        # Its height is set for the width it has (resizeEvent). Told that its height depends on
        # its width, Qt makes the window at least as tall as the bar needs at the window's
        # narrowest: three lines of buttons, and a window taller than a 1280x720 screen.
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a line's words, the progress bar shown
            self._fit_height()
        return super().event(event)

    def _fit_height(self) -> None:
        layout = self.layout()
        if layout is not None:
            self.setMinimumHeight(layout.totalHeightForWidth(self.width()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_name_hint()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_name_hint()
        super().showEvent(event)

    def _fit_name_hint(self) -> None:
        """The name field wide enough for its whole hint, "Your name (for the history)", in the
        font and style it has now, and the progress bar as tall as it."""
        edit = self.name_edit
        edit.ensurePolished()
        needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        edit.setMinimumWidth(edit.width() - hint_room(edit) + needed)  # less its margins and frame
        # The bar that takes its place during a save as tall: the bar's row, and so the window's
        # layout below it, stays as it is (laying out the whole window again after a save
        # held up a kiosk's editor 90 ms).
        self.progress.setFixedHeight(edit.sizeHint().height())

    def set_save_state(self, enabled: bool, reason: str) -> None:
        self.save_button.setEnabled(enabled)
        self.save_reason.setText(reason)
        self.save_reason.setAccessibleName(reason)
        self.save_button.setAccessibleDescription(reason)

    def show_busy(self, stage: str) -> None:
        """A save (or a read of the file) under way at `stage` ("" when it is over): every button
        off meanwhile, as the catalog must not change under it; whoever shows the window turns
        them on again after."""
        busy = bool(stage)
        if busy and not self.progress.isVisible():
            self._status_before = self.status.text()
        elif not busy and self.progress.isVisible():
            stage = self._status_before
        self.progress.setVisible(busy)
        self.name_edit.setVisible(not busy)  # the bar in its place: the rows stay as tall
        if busy:
            for button in self.buttons:
                button.setEnabled(False)
        self.status.setText(stage)
        self.status.setAccessibleName(stage or _tr("Status"))
        self.progress.setAccessibleName(stage or _tr("Saving"))  # what a screen reader says of the bar
