"""The comparison's headers: the question column on the left, and each technique's name with its
Details, Save and Remove buttons on top, all word-wrapped and kept in place as the table scrolls."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRect,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QGradient,  # noqa: F401 (for its enum classes, below)
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHeaderView,
    QPushButton,
    QWidget,
)

from massage_explorer.ui.common.buttons import MIN_TARGET, big_button
from massage_explorer.ui.common.scrolling import viewport_of
from massage_explorer.ui.common.text_layout import draw_wrapped
from massage_explorer.ui.compare.text_sizes import PADDING, wrapped_height

# QGradient above: importing a class by name makes PySide6 set up its enum classes, and the first
# `QPainter.fillRect` of a process (the headers' backgrounds, the table's corner) needs
# QGradient's five, for its overloads that take a gradient preset: 2-5 ms. Imported here, they are
# paid when this screen is built in the idle time after start-up (shell.PREPARE_MS), not by the
# patient's first comparison.

QUESTION_CHARS = 22  # width of the question column, in average characters
CELL_CHARS = 12  # a technique's column is never narrower than this, in average characters


GAP = 8  # between the buttons under a name

# Below the names, the first question and this many lines of each answer: less is not a comparison.
ANSWER_LINES = 3


def answers_height(font: QFont) -> int:
    """The height of the table below its names that makes a comparison of use: a question and
    ANSWER_LINES of its answers in `font`."""
    return (ANSWER_LINES + 1) * QFontMetrics(font).lineSpacing() + 2 * PADDING


_names: dict[tuple[str, str, int], tuple[str, ...]] = {}  # (font key, name, width) -> lines
_SPACES = re.compile(r"[^\S\u00a0]+")  # white space but the no-break space, which holds the arrow on
# Qt counts positions in a text in UTF-16 code units. Looked up with the module (built in the idle
# time after start-up), not at the first name measured: a patient's first comparison.
_UTF16 = codecs.lookup("utf-16-le")


def name_lines(font: QFont, text: str, width: int) -> tuple[str, ...]:
    """`text` wrapped to `width` px, whole: a name is never cut short.

    Words break at spaces when they can, anywhere when a single word is wider than the line.
    """
    key = (font.key(), text, width)
    found = _names.get(key)
    if found is not None:
        return found
    if len(_names) > 1024:
        _names.clear()
    text = _SPACES.sub(" ", text).strip()  # a line break in a name would be drawn as a box
    units, _ = _UTF16.encode(text)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        start, end = line.textStart(), line.textStart() + line.textLength()
        lines.append(_UTF16.decode(units[2 * start : 2 * end], "replace")[0].rstrip())
    layout.endLayout()
    _names[key] = result = tuple(lines)
    return result


class _WrappedHeader(QHeaderView):
    """A header whose sections show their text bold and word-wrapped, as plain text."""

    def text(self, section: int) -> str:
        model = self.model()
        if model is None:
            return ""
        return str(model.headerData(section, self.orientation()) or "")

    def header_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        painter.save()
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Window))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        if self.orientation() == Qt.Orientation.Horizontal:  # a firm line under the names
            painter.setPen(QPen(text, 2))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        # Headings in the text colour: a grey pen here made the questions look disabled.
        painter.setPen(text)
        painter.setFont(self.header_font())
        self.paint_text(painter, rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), logicalIndex)
        painter.restore()

    def paint_text(self, painter: QPainter, rect: QRect, section: int) -> None:
        draw_wrapped(painter, rect, self.text(section))


class QuestionHeader(_WrappedHeader):
    """The vertical header: each row's question, word-wrapped in a column of fixed width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setHighlightSections(False)

    def fixed_width(self) -> int:
        """QUESTION_CHARS wide, but never more than a third of a narrow table (a portrait
        screen at a large text size), so that a technique's column fits beside it."""
        average = QFontMetrics(self.header_font()).averageCharWidth()
        table = self.parentWidget()
        third = table.width() // 3 if table is not None else 0
        narrowest = average * QUESTION_CHARS // 2
        return max(narrowest, min(average * QUESTION_CHARS, third)) + 2 * PADDING

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        width = self.fixed_width()
        if self.isHidden():  # the questions are in the cells (CompareTable): they size the rows
            return QSize(width, MIN_TARGET)
        return QSize(width, wrapped_height(self.header_font(), self.text(logicalIndex), width))

    def sizeHint(self) -> QSize:
        # Only the width matters to the table; the base class would measure every section.
        return QSize(self.fixed_width(), QFontMetrics(self.header_font()).height() + 2 * PADDING)


class ColumnButtons(NamedTuple):
    """The buttons under one technique's name, in tab order."""

    more: QPushButton
    save: QPushButton
    remove: QPushButton


class ColumnHeader(_WrappedHeader):
    """The sticky horizontal header: each technique's name, then Read more, Save and Remove."""

    detailsClicked = Signal(int)
    saveClicked = Signal(int)
    removeClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setSectionsClickable(True)  # tapping a name opens its details
        self.setHighlightSections(False)
        # The buttons of every column ever shown, by position (each connected for its column's
        # number), and of the columns shown now: a comparison that changes names them again and
        # hides the rest, making new ones only for a column it never had.
        self._columns: list[ColumnButtons] = []
        self.buttons: list[ColumnButtons] = []
        self._widths = {"more": 0, "save": 0, "remove": 0, "compact": 0}  # measured button widths
        # Set by CompareTable where the table is short: the name itself opens the details (it
        # says so with an arrow), and Save and Remove share one row without Read more.
        self.names_open = False
        self.sectionResized.connect(self.place_buttons)
        self.geometriesChanged.connect(self.place_buttons)
        if parent is not None:  # the table: its height decides how tall the names may run
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def set_names(self, names: list[str]) -> None:
        """Name the buttons of each column; the view owns the names through its model."""
        self.make_columns(len(names))
        for unused in self._columns[len(names) :]:
            for button in unused:
                button.hide()
        self.buttons = self._columns[: len(names)]
        for column, (buttons, name) in enumerate(zip(self.buttons, names, strict=True)):
            buttons.more.setText(self.tr("Read more"))
            buttons.more.setAccessibleName(self.tr("Read more about {name}").format(name=name))
            buttons.more.setAccessibleDescription(self.tr("Opens everything about this technique."))
            buttons.remove.setAccessibleName(self.tr("Remove {name} from the comparison").format(name=name))
            buttons.remove.setAccessibleDescription(self.tr("Takes this column out of the comparison."))
            self.set_saved(column, False, name, buttons.save)
        self._measure()
        self.fit_columns()
        self.updateGeometry()
        self.place_buttons()

    def make_columns(self, count: int) -> None:
        """Make the buttons of `count` columns, if not made yet: hidden until placed. The screen
        makes those of the most it compares when it is built, in the idle time after start-up, so
        that a patient's first comparison makes no widget."""
        while len(self._columns) < count:
            column = len(self._columns)
            more, save, remove = big_button(""), big_button(""), big_button(self._remove_text(False))
            save.setCheckable(True)  # a screen reader says whether it is on
            more.clicked.connect(lambda _=False, c=column: self.detailsClicked.emit(c))
            save.clicked.connect(lambda _=False, c=column: self.saveClicked.emit(c))
            remove.clicked.connect(lambda _=False, c=column: self.removeClicked.emit(c))
            buttons = ColumnButtons(more, save, remove)
            for button in buttons:
                button.setProperty("role", "column")  # compact: see the theme
                button.setParent(viewport_of(self))
                button.hide()
                button.ensurePolished()  # the style sheet's padding counts in the widths measured
            self._columns.append(buttons)

    def _remove_text(self, compact: bool) -> str:
        return self.tr("✕") if compact else self.tr("✕ Remove")

    def _measure(self) -> None:
        """Each button's width, for both labels of Save and Remove; all columns show the same words."""
        if not self.buttons:
            return
        first = self.buttons[0]
        save_text, saved = first.save.text(), first.save.isChecked()
        widths = []
        for text in (self.tr("★ Saved"), self.tr("☆ Save")):
            first.save.setText(text)
            widths.append(first.save.sizeHint().width())
        first.save.setText(save_text)
        first.save.setChecked(saved)
        self._widths["save"] = max(widths)  # saving never moves the buttons around
        for key, compact in (("compact", True), ("remove", False)):
            first.remove.setText(self._remove_text(compact))
            self._widths[key] = first.remove.sizeHint().width()
        self._widths["more"] = first.more.sizeHint().width()
        for buttons in self.buttons:
            buttons.save.setMinimumWidth(self._widths["save"])

    def set_saved(self, column: int, saved: bool, name: str, button: QPushButton | None = None) -> None:
        """Show whether the technique of `column` is on the patient's shortlist."""
        save = button if button is not None else self.buttons[column].save
        save.setChecked(saved)
        save.setText(self.tr("★ Saved") if saved else self.tr("☆ Save"))
        if saved:
            save.setAccessibleName(self.tr("Saved: {name}").format(name=name))
            save.setAccessibleDescription(self.tr("On your list. Tap to take it off your list."))
        else:
            save.setAccessibleName(self.tr("Save {name}").format(name=name))
            save.setAccessibleDescription(self.tr("Keeps this technique on your list to show the therapist."))

    def name_lines(self, section: int) -> tuple[str, ...]:
        """The name as painted: wrapped to the column, whole."""
        width = max(self.sectionSize(section) - 2 * PADDING, 10)
        return name_lines(self.header_font(), self._painted_name(section, self.names_open), width)

    def _painted_name(self, section: int, brief: bool) -> str:
        # The arrow held to the last word: on a line of its own it read as a stray mark.
        return f"{self.text(section)}\u00a0\u203a" if brief else self.text(section)

    def paint_text(self, painter: QPainter, rect: QRect, section: int) -> None:
        step = QFontMetrics(painter.font()).lineSpacing()
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine
        for i, line in enumerate(self.name_lines(section)):
            painter.drawText(rect.adjusted(0, i * step, 0, 0), flags, line)

    def _rows(self, width: int, names: tuple[str, ...]) -> list[list[tuple[str, int]]]:
        """The buttons in rows, as many side by side as fit the column: (name, width) each."""
        room = max(width - 2 * PADDING, MIN_TARGET)
        rows: list[list[tuple[str, int]]] = [[]]
        used = 0
        for name in names:
            wanted = min(max(self._widths[name], MIN_TARGET), room)
            if rows[-1] and used + GAP + wanted > room:
                rows.append([])
                used = 0
            used += (GAP if rows[-1] else 0) + wanted
            rows[-1].append((name, wanted))
        if len(rows) > 1:  # rows of buttons fill the column: a tidy block and bigger targets
            for row in rows:
                extra = (room - sum(w for _, w in row) - GAP * (len(row) - 1)) // len(row)
                row[:] = [(n, w + extra) for n, w in row]
        return rows

    def _layout(self, width: int, brief: bool) -> tuple[bool, list[list[tuple[str, int]]]]:
        """Words on every button, unless a bare "✕" for Remove saves a whole row of buttons.
        Brief: Save and Remove only, the name standing in for Read more."""
        if brief:
            return False, self._rows(width, ("save", "remove"))
        full = self._rows(width, ("more", "save", "remove"))
        # A bare "✕" goes beside Read more, not beside Saved, where it could pass for "unsave".
        compact = self._rows(width, ("more", "compact", "save"))
        return (True, compact) if len(compact) < len(full) else (False, full)

    def _line_height(self) -> int:
        if not self.buttons:
            return 0
        return max(MIN_TARGET, *(b.sizeHint().height() for b in self.buttons[0]))

    def _buttons_height(self, width: int, brief: bool) -> int:
        if not self.buttons:
            return 0
        count = len(self._layout(width, brief)[1])
        return count * self._line_height() + (count - 1) * GAP

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        width = max(self.sectionSize(logicalIndex), 4 * PADDING)
        lines = len(self.name_lines(logicalIndex)) or 1
        text = lines * QFontMetrics(self.header_font()).lineSpacing() + 2 * PADDING
        return QSize(width, text + self._buttons_height(width, self.names_open))

    def sizeHint(self) -> QSize:
        heights = [self.sectionSizeFromContents(i).height() for i in range(self.count())]
        empty = QFontMetrics(self.header_font()).height() + 2 * PADDING
        return QSize(super().sizeHint().width(), max(heights, default=empty))

    @Slot()
    def place_buttons(self) -> None:
        line_height = self._line_height()
        for column, buttons in enumerate(self.buttons):
            if column >= self.count():
                for button in buttons:
                    button.hide()
                continue
            width = self.sectionSize(column)
            compact, rows = self._layout(width, self.names_open)
            buttons.remove.setText(self._remove_text(compact))
            buttons.more.setVisible(not self.names_open)
            y = self.height() - self._buttons_height(width, self.names_open) - PADDING // 2
            for row in rows:
                x = self.sectionViewportPosition(column) + PADDING
                for name, button_width in row:
                    button = {"more": buttons.more, "save": buttons.save}.get(name, buttons.remove)
                    button.setGeometry(x, y, button_width, line_height)
                    button.show()
                    x += button_width + GAP
                y += line_height + GAP

    def minimum_column_width(self) -> int:
        """The narrowest a technique's column may be: its widest button alone on its row, the
        longest word of any name, and CELL_CHARS of the cells' text."""
        words = (word for i in range(self.count()) for word in self.text(i).split())
        bold = QFontMetrics(self.header_font())
        longest = max((bold.horizontalAdvance(word) for word in words), default=0)
        buttons = max(self._widths["more"], self._widths["save"], self._widths["compact"], MIN_TARGET)
        cells = QFontMetrics(self.font()).averageCharWidth() * CELL_CHARS
        return max(buttons, cells, min(longest, 2 * cells)) + 2 * PADDING

    def fit_columns(self) -> None:
        """Columns share the width when they fit it; otherwise as many as fit are shown side by
        side and the table scrolls sideways, the questions staying where they are. A column is
        wide enough for its buttons and words, and for its name to leave the answers' height of
        the table in view (long names get fewer, wider columns rather than a header that hides
        the answers); a second column may leave a line less of it."""
        count, room = self.count(), self.width()
        if count == 0 or room <= 0:
            return
        narrowest = self.minimum_column_width()
        table = self.parentWidget()
        # The header, and the answers' height (answers_height) of the table below it, above the
        # sideways scroll bar (shown whenever not every column fits: where all do, it takes no
        # room, and counting it anyway left two techniques one column at 1280x720 in Spanish).
        # A table too short for any header and the answers (budget under 0) gets one column:
        # the fewest names, and the most of the answers it can show.
        budget, bar = None, 0
        if isinstance(table, QAbstractScrollArea):
            budget = table.height() - 2 * table.frameWidth() - answers_height(self.font())
            bar = table.horizontalScrollBar().sizeHint().height()
        # Two columns rather than one where the second costs at most a line of the answers:
        # comparing needs two techniques in view more than a third line of each answer. Of three
        # or four, two where they leave the first question and a line of each answer above the
        # sideways scroll bar (a 1024x768 screen at the largest text): one at a time is no
        # comparison, and the rest of each answer is a flick away.
        line = QFontMetrics(self.font()).lineSpacing()
        shown = count
        while shown > 1 and (
            room // shown < narrowest
            or (
                budget is not None
                and self._height_at(room // shown, self.names_open) > budget + self._spare(shown, bar, line)
            )
        ):
            shown -= 1
        if shown == count:
            if self.sectionResizeMode(0) != QHeaderView.ResizeMode.Stretch:
                self.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
                self.place_buttons()
            return
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for section in range(count):
            self.resizeSection(section, max(narrowest, room // shown))

    def _spare(self, shown: int, bar: int, line: int) -> int:
        """What `shown` columns of the header may take beyond the answers' height of the table:
        less the sideways scroll bar where not all columns are shown, and a line of the answers
        more where two are all there is, two lines where they are two of three or four."""
        if shown != 2:
            return -bar if shown < self.count() else 0
        return line if shown == self.count() else 2 * line - bar

    def fits_beside_questions(self, room: int, table_height: int) -> bool:
        """Whether, with `room` px beside the question column, two techniques' columns (one, if
        only one is compared) fit their buttons and words side by side and leave a table
        `table_height` px tall the answers' height (answers_height) below the names. Where they
        do not, the questions go into the cells: comparing needs two columns in view more than
        it needs the questions apart."""
        if self.count() == 0:
            return True
        width = room // min(self.count(), 2)
        tall = self._height_at(width, brief=False)
        return width >= self.minimum_column_width() and tall + answers_height(self.font()) <= table_height

    def brief_height_for_room(self, room: int) -> int:
        """The header's height in its brief form (CompareTable.place_questions) with two columns
        sharing `room` px (one where two do not fit), whatever the table's height is now: what a
        comparison needs at least. More columns are shown only where the table is tall enough
        for their taller names as well (fit_columns)."""
        if self.count() == 0:
            return 0
        narrowest = self.minimum_column_width()
        shown = min(self.count(), 2)
        if room // shown < narrowest:
            shown = 1
        return self._height_at(max(room // shown, narrowest), brief=True)

    def _height_at(self, width: int, brief: bool) -> int:
        """The header's height were every column `width` px wide."""
        line = QFontMetrics(self.header_font()).lineSpacing()
        names = max(
            len(name_lines(self.header_font(), self._painted_name(i, brief), width - 2 * PADDING))
            for i in range(self.count())
        )
        return names * line + 2 * PADDING + self._buttons_height(width, brief)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()
        self.place_buttons()
