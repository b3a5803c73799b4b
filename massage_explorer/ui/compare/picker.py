"""The picker: every technique not yet compared, as a card to tap, with a way back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QFont,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.catalog import Technique
from massage_explorer.ui.common.buttons import MIN_TARGET, big_button
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.scrolling import enable_kinetic_scrolling, lay_out_in_batches
from massage_explorer.ui.common.text_layout import draw_wrapped
from massage_explorer.ui.compare.model import ID_ROLE, AnyIndex
from massage_explorer.ui.compare.table import FOCUS_WIDTH, CellDelegate
from massage_explorer.ui.compare.text_sizes import PADDING, wrapped_height


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
        draw_wrapped(painter, rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), name)
        painter.setFont(body)
        below = rect.adjusted(PADDING, name_height - PADDING // 2, -PADDING, -PADDING)
        draw_wrapped(painter, below, summary)
        painter.restore()


class PickerModel(QAbstractListModel):
    """The techniques a patient can still add to the comparison: name, then the summary."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, str]] = []

    def set_techniques(self, techniques: Sequence[Technique], language: str) -> None:
        self.beginResetModel()
        self._items = [(t.id, f"{t.name.get(language)}\n{t.summary.get(language)}") for t in techniques]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        technique_id, text = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == ID_ROLE:
            return technique_id
        return None


class PickerPage(QWidget):
    """The list of techniques to add, its heading, a note when none are left, and the way back."""

    picked = Signal(str)  # a technique's id
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PickerModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(PickerDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        lay_out_in_batches(self.list)  # thousands of techniques
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        enable_kinetic_scrolling(self.list)
        self.list.clicked.connect(self._pick)
        self.list.activated.connect(self._pick)
        self.title = plain_label("", self, role="heading")
        self.empty = plain_label("", self, role="body")
        self.cancel = big_button("", parent=self)
        self.cancel.clicked.connect(self.cancelled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Choose a technique to add"))
        self.empty.setText(self.tr("There are no more techniques to add."))
        self.list.setAccessibleName(self.tr("Techniques you can add"))
        self.list.setAccessibleDescription(self.tr("Tap a technique to add it to the comparison."))
        self.cancel.setText(self.tr("← Back to the comparison"))
        self.cancel.setAccessibleName(self.tr("Back to the comparison"))
        self.cancel.setAccessibleDescription(self.tr("Closes this list without adding."))

    def fill(self, techniques: Sequence[Technique], language: str) -> None:
        self.model.set_techniques(techniques, language)
        self.empty.setVisible(not techniques)
        self.list.scrollToTop()

    @Slot(QModelIndex)
    def _pick(self, index: QModelIndex) -> None:
        if index.isValid():
            self.picked.emit(str(index.data(ID_ROLE)))
