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
)
from PySide6.QtGui import (
    QPainter,
    QPalette,
    QPen,
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
from massage_explorer.ui.common.scrolling import enable_kinetic_scrolling
from massage_explorer.ui.common.text_layout import draw_wrapped
from massage_explorer.ui.compare.headers import ColumnHeader, QuestionHeader
from massage_explorer.ui.compare.model import MARKED_ROLE
from massage_explorer.ui.compare.text_sizes import PADDING, wrapped_height

FOCUS_WIDTH = 3


class CellDelegate(QStyledItemDelegate):
    """Paints a cell's plain text word-wrapped with room around it and a thick focus frame."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        text = str(index.data() or "")
        return QSize(width, max(wrapped_height(option.font, text, width), MIN_TARGET))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect
        has_focus = bool(opt.state & QStyle.StateFlag.State_HasFocus)
        text = opt.text
        opt.text = ""
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        palette: QPalette = opt.palette
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        draw_wrapped(painter, rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), text)
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


def make_compare_table(parent: QWidget | None = None) -> QTableView:
    """A read-only table with wrapped cells, both headers and kinetic scrolling."""
    table = QTableView(parent)
    table.setVerticalHeader(QuestionHeader(table))
    table.setHorizontalHeader(ColumnHeader(table))
    table.setItemDelegate(CellDelegate(table))
    table.setWordWrap(True)
    table.setCornerButtonEnabled(False)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Sideways only when the columns do not all fit (ColumnHeader.fit_columns).
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
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
