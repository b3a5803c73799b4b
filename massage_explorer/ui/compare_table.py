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
    Slot,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QHeaderView,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from massage_explorer.ui.compare_model import MARKED_ROLE
from massage_explorer.ui.widgets import MIN_TARGET, big_button, enable_kinetic_scrolling

PADDING = 14
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
QUESTION_CHARS = 22  # width of the question column, in average characters
FOCUS_WIDTH = 3


_heights: dict[tuple[str, str, int], int] = {}  # (font key, text, width) -> height


def forget_heights() -> None:
    """Drop the measured heights (the benchmark measures a first, uncached opening)."""
    _heights.clear()


def wrapped_height(font: QFont, text: str, width: int) -> int:
    """Height of `text` wrapped to `width` pixels, padding included."""
    # Layout asks for the same few cells' heights many times; measuring text is the slow part.
    key = (font.key(), text, width)
    height = _heights.get(key)
    if height is None:
        if len(_heights) > 4096:
            _heights.clear()
        inner = max(width - 2 * PADDING, 10)
        rect = QFontMetrics(font).boundingRect(QRect(0, 0, inner, 1_000_000), WRAP, text)
        height = _heights[key] = rect.height() + 2 * PADDING
    return height


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
        painter.drawText(rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), WRAP, text)
        if index.data(MARKED_ROLE):
            # The cell already says "Applies to you"; a thick frame makes it easy to spot too.
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), FOCUS_WIDTH))
            painter.drawRect(rect.adjusted(5, 5, -5, -5))
        if has_focus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), FOCUS_WIDTH))
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
        painter.restore()


class PickerDelegate(CellDelegate):
    """A technique to pick, painted as a card: the name in bold, the summary below."""

    GAP = 6

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        body = QFont(option.font)
        bold = QFont(body)
        bold.setBold(True)
        return bold, body

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = option.widget
        width = view.viewport().width() - 2 * self.GAP if view else option.rect.width()  # type: ignore[attr-defined]
        name, _, summary = str(index.data() or "").partition("\n")
        bold, body = self._fonts(option)
        height = wrapped_height(bold, name, width) + wrapped_height(body, summary, width)
        return QSize(width, max(height - PADDING, MIN_TARGET) + self.GAP)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect.adjusted(0, 0, 0, -self.GAP)
        palette: QPalette = option.palette
        name, _, summary = str(index.data() or "").partition("\n")
        bold, body = self._fonts(option)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
        painter.setPen(QPen(palette.color(role), FOCUS_WIDTH if focused else 2))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 10, 10)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setFont(bold)
        name_height = wrapped_height(bold, name, rect.width())
        painter.drawText(rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), WRAP, name)
        painter.setFont(body)
        below = rect.adjusted(PADDING, name_height - PADDING // 2, -PADDING, -PADDING)
        painter.drawText(below, WRAP, summary)
        painter.restore()


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
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Window))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        if self.orientation() == Qt.Orientation.Horizontal:  # a firm line under the names
            painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 2))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setFont(self.header_font())
        text_rect = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        painter.drawText(text_rect, WRAP, self.text(logicalIndex))
        painter.restore()


class QuestionHeader(_WrappedHeader):
    """The vertical header: each row's question, word-wrapped in a column of fixed width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setHighlightSections(False)

    def fixed_width(self) -> int:
        return QFontMetrics(self.header_font()).averageCharWidth() * QUESTION_CHARS + 2 * PADDING

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        width = self.fixed_width()
        return QSize(width, wrapped_height(self.header_font(), self.text(logicalIndex), width))

    def sizeHint(self) -> QSize:
        # Only the width matters to the table; the base class would measure every section.
        return QSize(self.fixed_width(), QFontMetrics(self.header_font()).height() + 2 * PADDING)


class ColumnHeader(_WrappedHeader):
    """The sticky horizontal header: each technique's name, a Read more and a Remove button."""

    detailsClicked = Signal(int)
    removeClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setSectionsClickable(True)  # tapping a name opens its details
        self.setHighlightSections(False)
        self.buttons: list[tuple[QPushButton, QPushButton]] = []
        self._rows: list[QWidget] = []
        self.sectionResized.connect(self.place_buttons)
        self.geometriesChanged.connect(self.place_buttons)

    def set_names(self, names: list[str]) -> None:
        """Make one pair of buttons per column; the view owns the names through its model."""
        for row in self._rows:
            row.hide()  # deleteLater waits for the event loop; a stale row must not show
            row.deleteLater()
        self._rows, self.buttons = [], []
        for column, name in enumerate(names):
            row = QWidget(self.viewport())
            layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, row)
            layout.setContentsMargins(0, 0, 0, 0)
            more = big_button(self.tr("Read more"), self.tr("Read more about {name}").format(name=name))
            more.setAccessibleDescription(self.tr("Opens everything about this technique."))
            remove = big_button(
                self.tr("✕ Remove"), self.tr("Remove {name} from the comparison").format(name=name)
            )
            remove.setAccessibleDescription(self.tr("Takes this column out of the comparison."))
            more.clicked.connect(lambda _=False, c=column: self.detailsClicked.emit(c))
            remove.clicked.connect(lambda _=False, c=column: self.removeClicked.emit(c))
            layout.addWidget(more)
            layout.addWidget(remove)
            layout.addStretch(1)
            row.show()
            self._rows.append(row)
            self.buttons.append((more, remove))
        self.updateGeometry()
        self.place_buttons()

    def _buttons_fit_in_a_line(self, width: int) -> bool:
        if not self.buttons:
            return True
        more, remove = self.buttons[0]
        return more.sizeHint().width() + remove.sizeHint().width() + 12 <= width - 2 * PADDING

    def _buttons_height(self, width: int) -> int:
        if not self.buttons:
            return 0
        more, remove = self.buttons[0]
        heights = [more.sizeHint().height(), remove.sizeHint().height(), MIN_TARGET]
        if self._buttons_fit_in_a_line(width):
            return max(heights)
        return 2 * max(heights) + 12

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        width = max(self.sectionSize(logicalIndex), 4 * PADDING)
        text = wrapped_height(self.header_font(), self.text(logicalIndex), width)
        return QSize(width, text + self._buttons_height(width))

    def sizeHint(self) -> QSize:
        heights = [self.sectionSizeFromContents(i).height() for i in range(self.count())]
        empty = QFontMetrics(self.header_font()).height() + 2 * PADDING
        return QSize(super().sizeHint().width(), max(heights, default=empty))

    @Slot()
    def place_buttons(self) -> None:
        for column, row in enumerate(self._rows):
            if column >= self.count():
                row.hide()
                continue
            width = self.sectionSize(column)
            height = self._buttons_height(width)
            layout = row.layout()
            if isinstance(layout, QBoxLayout):
                layout.setDirection(
                    QBoxLayout.Direction.LeftToRight
                    if self._buttons_fit_in_a_line(width)
                    else QBoxLayout.Direction.TopToBottom
                )
            x = self.sectionViewportPosition(column) + PADDING
            y = self.height() - height - PADDING // 2
            row.setGeometry(x, y, max(width - 2 * PADDING, 0), height)
            row.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place_buttons()


def make_compare_table(parent: QWidget | None = None) -> QTableView:
    """A read-only table with wrapped cells, both headers and kinetic scrolling."""
    table = QTableView(parent)
    questions, columns = QuestionHeader(table), ColumnHeader(table)
    questions.setAccessibleName(QCoreApplication.translate("compare", "Questions"))
    columns.setAccessibleName(QCoreApplication.translate("compare", "Techniques compared"))
    table.setVerticalHeader(questions)
    table.setHorizontalHeader(columns)
    table.setItemDelegate(CellDelegate(table))
    table.setWordWrap(True)
    table.setCornerButtonEnabled(False)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    enable_kinetic_scrolling(table)
    # The empty corner above the questions would otherwise look like a blank button. (A style
    # sheet on the table would do it too, but would stop the table following the app's font.)
    corner = table.findChild(QAbstractButton)
    if corner is not None:
        corner.setAccessibleName(QCoreApplication.translate("compare", "Questions and techniques"))
        corner.setAccessibleDescription(QCoreApplication.translate("compare", "Not a control."))
        corner.installEventFilter(_CornerPainter(corner))
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
