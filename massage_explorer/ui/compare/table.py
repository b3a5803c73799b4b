"""The comparison table view: word-wrapped cells, question rows and technique columns that stay put."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from massage_explorer.ui.common.buttons import MIN_TARGET
from massage_explorer.ui.common.scrolling import enable_kinetic_scrolling, viewport_of
from massage_explorer.ui.common.text_layout import draw_wrapped
from massage_explorer.ui.compare.headers import ColumnHeader, QuestionHeader, answers_height
from massage_explorer.ui.compare.model import MARKED_ROLE
from massage_explorer.ui.compare.text_sizes import PADDING, wrapped_height

FOCUS_WIDTH = 3


def _question_in_cell(option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> str:
    """The row's question when the cell carries it (CompareTable.questions_in_cells), else ""."""
    view = option.widget
    if not isinstance(view, CompareTable) or not view.questions_in_cells:
        return ""
    return str(index.model().headerData(index.row(), Qt.Orientation.Vertical) or "")


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class CellDelegate(QStyledItemDelegate):
    """Paints a cell's plain text word-wrapped with room around it and a thick focus frame; where
    the question column has no room, the row's question in bold above the answer."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        text = str(index.data() or "")
        height = wrapped_height(option.font, text, width)
        question = _question_in_cell(option, index)
        if question:  # the two share one padding between them
            height += wrapped_height(_bold(option.font), question, width) - PADDING
        return QSize(width, max(height, MIN_TARGET))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The cell's text is all the model gives (no font, colour or alignment of its own), so the
        # view's option is used as it comes, without initStyleOption asking the model for each of
        # its roles: the style draws the cell's panel, and the text is drawn below.
        opt = QStyleOptionViewItem(option)
        rect: QRect = opt.rect
        has_focus = bool(opt.state & QStyle.StateFlag.State_HasFocus)
        text = str(index.data() or "")
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        palette: QPalette = opt.palette
        painter.save()
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        room = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        question = _question_in_cell(opt, index)
        if question:
            bold = _bold(opt.font)
            painter.setFont(bold)
            draw_wrapped(painter, room, question)
            room.setTop(room.top() + wrapped_height(bold, question, rect.width()) - PADDING)
        painter.setFont(opt.font)
        draw_wrapped(painter, room, text)
        if index.data(MARKED_ROLE):
            # The cell already says "Applies to you"; a thick frame makes it easy to spot too.
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), FOCUS_WIDTH))
            painter.drawRect(rect.adjusted(5, 5, -5, -5))
        if has_focus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), FOCUS_WIDTH))
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
        painter.restore()


def name_table_parts(table: QTableView) -> None:
    """Accessible names of the headers and the empty corner; again after a language change."""
    table.verticalHeader().setAccessibleName(QCoreApplication.translate("compare", "Questions"))
    table.horizontalHeader().setAccessibleName(QCoreApplication.translate("compare", "Techniques compared"))
    corner = table.findChild(QAbstractButton)
    if corner is not None:
        corner.setAccessibleName(QCoreApplication.translate("compare", "Questions and techniques"))
        corner.setAccessibleDescription(QCoreApplication.translate("compare", "Not a control."))


class CompareTable(QTableView):
    """The comparison: questions down the left, techniques across the top.

    Where two techniques' columns cannot fit beside the question column with their names and
    buttons above the answers' height (headers.answers_height: a short screen, a large text), the
    question column goes and each cell shows its row's question above its answer: the columns
    get the table's whole width, and scrolling sideways keeps the questions.
    """

    questionsMoved = Signal(bool)  # True: the questions went into the cells

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The height the screen gives the table back while the questions are in the cells (it
        # hides its title): not counted when asking whether they fit beside again, or the two
        # would take turns.
        self.given_back = 0
        # Its headers, kept here too, not only by Qt (make_compare_table): see GuidedLayout's
        # `_area` in ui/common/guided.py. Held by no Python attribute, the question header's
        # Python object went with the collector once its own viewport was what PySide6 last got
        # it from (focusProxy()); Qt deleted the header with it, and the table crashed on its
        # next use of the header.
        self.headers: tuple[QuestionHeader, ColumnHeader] | None = None

    @property
    def questions_in_cells(self) -> bool:
        """The question column is hidden: each cell carries its row's question."""
        return self.verticalHeader().isHidden()

    def least_height(self, width: int) -> int:
        """The least height that makes the comparison of use `width` px wide: the names in their
        brief form, with the questions in the cells, and the answers' height below them (0 with
        nothing to compare). Measured in the form the table takes where it is short, not the one
        it has now, so that its last form does not decide where the clinic's advice goes."""
        header = self.horizontalHeader()
        if not isinstance(header, ColumnHeader) or header.count() == 0:
            return 0
        frame = 2 * self.frameWidth()
        room = width - frame - self.verticalScrollBar().sizeHint().width()
        names = header.brief_height_for_room(room)
        scroll_bar = self.horizontalScrollBar().sizeHint().height()
        return frame + names + answers_height(self.font()) + scroll_bar

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.place_questions()
        super().resizeEvent(event)

    def place_questions(self) -> None:
        """Questions in their own column, or in the cells when two techniques' columns would not
        fit beside them (ColumnHeader.fits_beside_questions)."""
        header, questions = self.horizontalHeader(), self.verticalHeader()
        if not isinstance(header, ColumnHeader) or not isinstance(questions, QuestionHeader):
            return
        frame = 2 * self.frameWidth()
        room = self.width() - frame - self.verticalScrollBar().sizeHint().width()
        height = self.height() - frame - self.horizontalScrollBar().sizeHint().height()
        if self.questions_in_cells:
            height -= self.given_back
        inline = not header.fits_beside_questions(room - questions.fixed_width(), height)
        if inline == self.questions_in_cells:
            return
        header.names_open = inline
        questions.setHidden(inline)
        header.fit_columns()
        header.updateGeometry()
        header.place_buttons()
        self.questionsMoved.emit(inline)
        self.scheduleDelayedItemsLayout()  # every row's height changes
        viewport_of(self).update()


def make_compare_table(parent: QWidget | None = None) -> CompareTable:
    """A read-only table with wrapped cells, both headers and kinetic scrolling."""
    table = CompareTable(parent)
    table.headers = (QuestionHeader(table), ColumnHeader(table))
    table.setVerticalHeader(table.headers[0])
    table.setHorizontalHeader(table.headers[1])
    table.setItemDelegate(CellDelegate(table))
    table.setWordWrap(True)
    table.setCornerButtonEnabled(False)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Sideways only when the columns do not all fit (ColumnHeader.fit_columns).
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    # Down, the bar is always there. Shown only when needed, it came once the rows had been
    # measured at the full width and overflowed, narrowed every column, and had every cell measured
    # again: a first comparison laid out twice. A dozen questions nearly always need it, and the
    # columns keep their width when "only differences" hides rows.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    enable_kinetic_scrolling(table)
    # The empty corner above the questions would otherwise look like a blank button. (A style
    # sheet on the table would do it too, but would stop the table following the app's font.)
    corner = table.findChild(QAbstractButton)
    if corner is not None:
        corner.installEventFilter(_CornerPainter(corner))
    name_table_parts(table)
    return table


class _CornerPainter(QObject):
    """Paints the table's unused corner button in the window colour."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            painter = QPainter(watched)
            painter.fillRect(watched.rect(), watched.palette().color(QPalette.ColorRole.Window))
            painter.end()
            return True
        return False
