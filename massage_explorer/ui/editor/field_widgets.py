"""Form building blocks: a titled section with its problem message, and a TEXT in every language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.catalog import Text
from massage_explorer.core.languages import staff_title
from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.labels import plain_label, set_style_property

MULTILINE_HEIGHT = 120  # px: three or four lines of body text
# px: the least width a language's box of a text has, some 25 characters of body text; where
# its languages do not have that much each side by side, they go one above another.
LANGUAGE_COLUMN_PX = 250
COLUMN_SPACING = 12  # px between languages side by side
WARNING_SIGN = "⚠"


class _UndoKeysToStack(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the editor's undo stack instead of a field's own undo.

    A field keeping its own undo history would fight the stack: one Ctrl+Z must undo one step,
    the same step the Undo button would.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            if any(event.matches(key) for key in keys):
                event.ignore()
                return True
        return False


_UNDO_FILTER: _UndoKeysToStack | None = None


def route_undo_keys(widget: QWidget) -> None:
    global _UNDO_FILTER
    if _UNDO_FILTER is None:
        _UNDO_FILTER = _UndoKeysToStack()
    widget.installEventFilter(_UNDO_FILTER)
    if isinstance(widget, QPlainTextEdit):
        widget.setUndoRedoEnabled(False)


def line_edit(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(accessible_name)
    edit.setMinimumHeight(MIN_TARGET)
    route_undo_keys(edit)
    return edit


def text_area(accessible_name: str, parent: QWidget | None = None) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(accessible_name)
    edit.setMinimumHeight(MULTILINE_HEIGHT)
    edit.setTabChangesFocus(True)  # keyboard users leave the box with Tab, as in every other field
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    route_undo_keys(edit)
    return edit


class Section(QWidget):
    """A field's title, an optional hint, the control(s), and a message line for its problem."""

    def __init__(self, title: str, body: QWidget, *, hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.body = body
        self.title_label = plain_label(title, self, role="fieldTitle")
        self.hint_label = plain_label(hint, self, role="muted")
        self.hint_label.setVisible(bool(hint))
        self.message = plain_label("", self, role="fieldProblem")
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(body)
        layout.addWidget(self.message)

    def set_problems(self, messages: list[str]) -> None:
        """Show the validator's messages for this field under it; [] clears them."""
        text = "\n".join(f"{WARNING_SIGN} {m}" for m in messages)
        if text == self.message.text():
            return
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setAccessibleName(text)
        self.title_label.setText(f"{self.title}  {WARNING_SIGN}" if messages else self.title)
        set_style_property(self.body, "problem", bool(messages))


class TextEditor(QWidget):
    """One TEXT: a box per catalog language, each headed 'English (en)' and so on; side by side
    where each box has at least `LANGUAGE_COLUMN_PX` that way, else one above another.

    Side by side in the 480 px a 1024x768 screen leaves the form, English and Spanish had 235 px
    each: the form was wider than its room and scrolled sideways (and a third language would
    need more still). One above another, each box is as wide as the form."""

    edited = Signal(str, str)  # language, new value

    def __init__(self, name: str, *, multiline: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.multiline = multiline
        self.languages: tuple[str, ...] = ()
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(COLUMN_SPACING)
        self._grid.setVerticalSpacing(2)
        self._cells: list[QWidget] = []  # a language's header above its box, one per language
        self.side_by_side = True

    def set_languages(self, languages: tuple[str, ...]) -> None:
        if languages == self.languages:
            return
        for widget in self._cells:
            widget.setParent(None)
            widget.deleteLater()
        self.editors, self._cells = {}, []
        self.languages = languages
        for language in languages:
            cell = QWidget(self)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            title = staff_title(language)
            if len(languages) > 1:
                column.addWidget(plain_label(title, cell, role="muted"))
            spoken = f"{self.name}, {title}" if len(languages) > 1 else self.name
            editor: QLineEdit | QPlainTextEdit
            if self.multiline:
                editor = text_area(spoken, cell)
                editor.textChanged.connect(self._emit_for(editor, language))
            else:
                editor = line_edit(spoken, cell)
                editor.textEdited.connect(self._emit_for(editor, language))
            column.addWidget(editor)
            self.editors[language] = editor
            self._cells.append(cell)
        self._place(self._fits_side_by_side(self.width()), force=True)

    def _fits_side_by_side(self, width: int) -> bool:
        # Side by side until laid out, as its size hint is: a dialog sized by that hint before
        # it is shown (the red flags) was made for the languages one above another, 300 px taller.
        laid_out = self.testAttribute(Qt.WidgetAttribute.WA_Resized)
        return not laid_out or width >= self.sizeHint().width()

    def _place(self, side_by_side: bool, *, force: bool = False) -> None:
        """Each language's box beside the last, or below it."""
        if side_by_side == self.side_by_side and not force:
            return
        self.side_by_side = side_by_side
        for cell in self._cells:
            self._grid.removeWidget(cell)
        for index, cell in enumerate(self._cells):
            self._grid.addWidget(cell, *((0, index) if side_by_side else (index, 0)))
        for column in range(self._grid.columnCount()):  # those of languages gone too
            in_use = column < len(self._cells) if side_by_side else column == 0
            self._grid.setColumnStretch(column, int(in_use))
        # Below one another, a language's box is kept apart from the next language's header.
        self._grid.setVerticalSpacing(2 if side_by_side else 10)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """As wide as its languages need side by side."""
        count = max(len(self._cells), 1)
        width = count * LANGUAGE_COLUMN_PX + (count - 1) * COLUMN_SPACING
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """One box's width, whatever the arrangement now: a narrower room puts them one above
        another (a minimum of all of them side by side would keep them so, and the form wide)."""
        return QSize(LANGUAGE_COLUMN_PX, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(self._fits_side_by_side(event.size().width()))

    def _emit_for(self, editor: QLineEdit | QPlainTextEdit, language: str) -> Callable[..., None]:
        def emit(*_: object) -> None:
            value = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            self.edited.emit(language, value)

        return emit

    def values(self) -> dict[str, str]:
        """What each language's box holds now."""
        return {
            language: editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            for language, editor in self.editors.items()
        }

    def set_text_values(self, values: dict[str, str]) -> None:
        """Show these values, by language (a box with none is left empty)."""
        pairs = tuple(values.items())
        self.set_text(Text(pairs) if pairs else None)

    def set_text(self, text: Text | None) -> None:
        """Show `text` (None: every box empty); a box already showing its value is left alone,
        so the cursor of the box being typed in does not jump."""
        values = dict(text.pairs) if text is not None else {}
        for language, editor in self.editors.items():
            value = values.get(language, "")
            current = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            if current == value:
                continue
            was = editor.blockSignals(True)
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value)
            else:
                editor.setText(value)
                editor.setCursorPosition(0)  # show the start of a long text, not its end
            editor.blockSignals(was)

    def first_editor(self) -> QWidget | None:
        return next(iter(self.editors.values()), None)


def focus_widget_of(widget: QWidget) -> QWidget:
    """The widget keyboard focus goes to when a problem in `widget` is opened."""
    if isinstance(widget, TextEditor):
        return widget.first_editor() or widget
    focusable = [w for w in widget.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    return focusable[0] if focusable and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus else widget
