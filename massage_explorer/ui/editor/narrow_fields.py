"""Form pieces that fit a narrow form: fields whose labels go above them where beside them they
would be squeezed, and a choice and a check box whose words wrap instead of being cut.

In the 480 px a 1024x768 screen leaves the form, a caution's level ("ask-doctor: only after the
doctor says it is OK", 475 px of text) and the column of labels beside it made the technique's
form 140 px wider than its room, and a condition's "Every technique must give a caution for this
condition" made its form 120 px wider: each scrolled sideways."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.pages import smallest_size

ROW_GAP_PX = 10  # between one field and the next one's label, where labels are above fields


class WrappingCombo(QComboBox):
    """A choice whose chosen text wraps onto more lines, the box growing taller, where the box is
    narrower than that text on one line (Qt's is never narrower than its longest choice, and held
    the form wider than its room). The list it opens shows every choice whole: Qt makes it as
    wide as the longest."""

    _FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The hints follow the choices, which are filled in after the box is shown.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.currentIndexChanged.connect(self.updateGeometry)  # another text, another height

    def _option(self, width: int) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, max(self.height(), super().sizeHint().height()))
        return option

    def _text_room(self, width: int) -> QRect:
        """Where the chosen text is drawn in a box `width` wide."""
        control, field = QStyle.ComplexControl.CC_ComboBox, QStyle.SubControl.SC_ComboBoxEditField
        return self.style().subControlRect(control, self._option(width), field, self)

    def _one_line(self) -> bool:
        return super().sizeHint().width() <= self.width()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        one_line = super().sizeHint()
        if width >= one_line.width():
            return one_line.height()
        frame = 1000 - self._text_room(1000).width()
        room = QRect(0, 0, max(width - frame, 1), 1 << 20)
        metrics = self.fontMetrics()
        lines = metrics.boundingRect(room, self._FLAGS, self.currentText()).height()
        return max(one_line.height(), one_line.height() - metrics.height() + lines)

    def minimumSizeHint(self) -> QSize:
        """The longest word of any choice across; one line down (the layout asks heightForWidth)."""
        metrics = self.fontMetrics()
        words = [word for index in range(self.count()) for word in self.itemText(index).split()]
        longest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        frame = 1000 - self._text_room(1000).width()
        return QSize(longest + frame, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._one_line():
            super().paintEvent(event)  # as any combo box
            return
        painter = QStylePainter(self)
        option = self._option(self.width())
        option.rect = self.rect()
        text, option.currentText = option.currentText, ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)  # the box, no text
        room = self._text_room(self.width())
        self.style().drawItemText(painter, room, int(self._FLAGS), self.palette(), self.isEnabled(), text,
                                  QPalette.ColorRole.ButtonText)  # fmt: skip
        painter.end()


class WrappingCheckBox(QCheckBox):
    """A check box whose words wrap onto more lines, the box growing taller, where it is narrower
    than they are on one line; a tap anywhere on it ticks it."""

    _FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _text_room(self, rect: QRect) -> QRect:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.rect = rect
        return self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        one_line = super().sizeHint()
        if width >= one_line.width():
            return max(one_line.height(), self.minimumHeight())
        frame = 1000 - self._text_room(QRect(0, 0, 1000, one_line.height())).width()
        room = QRect(0, 0, max(width - frame, 1), 1 << 20)
        metrics = self.fontMetrics()
        lines = metrics.boundingRect(room, self._FLAGS, self.text()).height()
        return max(one_line.height(), self.minimumHeight(), one_line.height() - metrics.height() + lines)

    def minimumSizeHint(self) -> QSize:
        """The longest word across, after the box; one line down (the layout asks heightForWidth)."""
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)
        frame = 1000 - self._text_room(QRect(0, 0, 1000, super().sizeHint().height())).width()
        return QSize(longest + frame, super().minimumSizeHint().height())

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        if super().sizeHint().width() <= self.width():
            super().paintEvent(event)  # as any check box
            return
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        text, option.text = option.text, ""
        painter.drawControl(QStyle.ControlElement.CE_CheckBox, option)  # the box, no words
        room = self._text_room(self.rect())
        self.style().drawItemText(painter, room, int(self._FLAGS), self.palette(), self.isEnabled(), text,
                                  QPalette.ColorRole.WindowText)  # fmt: skip
        painter.end()


class FieldRows(QWidget):
    """Fields, each with a label: the labels in a column beside the fields where each field then
    has the width it asks for (its size hint), else each label above its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QLabel, QWidget]] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.beside = True

    def add_row(self, title: str, field: QWidget) -> QLabel:
        label = plain_label(title, self)
        field.setParent(self)
        self._rows.append((label, field))
        self._place(self._fits_beside(self.width()), force=True)
        return label

    def _fits_beside(self, width: int) -> bool:
        if not self._rows or not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            return True  # beside until laid out, as its size hint is
        labels = max(label.sizeHint().width() for label, _ in self._rows)
        fields = max(field.sizeHint().width() for _, field in self._rows)
        return width >= labels + self._grid.horizontalSpacing() + fields

    def _place(self, beside: bool, *, force: bool = False) -> None:
        if beside == self.beside and not force:
            return
        self.beside = beside
        grid = self._grid
        for label, field in self._rows:
            grid.removeWidget(label)
            grid.removeWidget(field)
        for row in range(grid.rowCount()):
            grid.setRowMinimumHeight(row, 0)
        top = Qt.AlignmentFlag.AlignTop
        for index, (label, field) in enumerate(self._rows):
            if beside:
                grid.addWidget(label, index, 0, top)
                grid.addWidget(field, index, 1)
            else:  # label, field, a gap before the next label
                grid.addWidget(label, 3 * index, 0)
                grid.addWidget(field, 3 * index + 1, 0)
                if index < len(self._rows) - 1:
                    grid.setRowMinimumHeight(3 * index + 2, ROW_GAP_PX)
        grid.setColumnStretch(0, 0 if beside else 1)
        grid.setColumnStretch(1, 1 if beside else 0)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        """The widest label's or field's least width: a narrower room puts the labels above."""
        widths = [w.sizeHint().width() if isinstance(w, QLabel) else smallest_size(w).width()
                  for row in self._rows for w in row]  # fmt: skip
        return QSize(max(widths, default=0), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(self._fits_beside(event.size().width()))
