"""Small building blocks shared by the patient screens: plain-text labels, big buttons, scrolling."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core.languages import native_name

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

MIN_TARGET = 48  # px: the smallest touch target we allow
_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


def wrapped(text: str, font: QFont, width: float, option: QTextOption = _WRAP) -> tuple[QTextLayout, float]:
    """A laid-out plain-text paragraph (never HTML) and its height; long words break anywhere."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


def draw_wrapped(painter: QPainter, rect: QRect, text: str, option: QTextOption = _WRAP) -> None:
    """`text` as plain text in the painter's font at the top of `rect`, wrapped as `wrapped`
    measures it: at spaces, and inside a word too long for the line (a painter's own word wrap
    would run such a word past the edge)."""
    layout, _ = wrapped(text, painter.font(), max(rect.width(), 10), option)
    layout.draw(painter, QPointF(rect.topLeft()))


class CatalogLabel(QLabel):
    """A plain-text label that also breaks a word too long for its line (a web address, a long
    compound word, a name typed without spaces). QLabel breaks only at spaces: such a word made
    the whole page wider than the screen, and its end was cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Text heights by width, for the text, font and alignment they were measured with: a
        # layout pass asks for the hint's width and then the given one, again and again.
        self._measured: tuple[tuple[str, str, int], dict[int, float]] = (("", "", 0), {})

    def _option(self) -> QTextOption:
        option = QTextOption(_WRAP)
        option.setAlignment(self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask)
        return option

    def _text_height(self, width: int) -> float:
        # Only numbers are kept, never a layout: keeping the cards' laid-out text between paints
        # led to a crash inside Qt's list layout that we could not explain, so no layout
        # outlives the call that made it.
        option = self._option()
        key = (self.text(), self.font().key(), option.alignment().value)
        if self._measured[0] != key:
            self._measured = (key, {})
        heights = self._measured[1]
        if width not in heights:
            heights[width] = wrapped(key[0], self.font(), width, option)[1]
        return heights[width]

    def _margins(self) -> tuple[int, int]:
        m = self.contentsMargins()
        return m.left() + m.right(), m.top() + m.bottom()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        across, down = self._margins()
        return math.ceil(self._text_height(max(width - across, 1))) + down

    def minimumSizeHint(self) -> QSize:
        across, down = self._margins()
        metrics = self.fontMetrics()
        narrowest = min(metrics.averageCharWidth() * 10 + across, self.sizeHint().width())
        return QSize(narrowest, metrics.height() + down)

    def sizeHint(self) -> QSize:
        across, _ = self._margins()
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(line) for line in self.text().split("\n")), default=0)
        width = min(longest + 1, metrics.averageCharWidth() * 70) + across  # a comfortable line
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        QFrame.paintEvent(self, event)  # what the style sheet draws around the text
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        draw_wrapped(painter, self.contentsRect(), self.text(), self._option())
        painter.end()


def catalog_label(text: str = "", parent: QWidget | None = None, *, role: str = "") -> QLabel:
    """`plain_label` for catalog text: a word too long for a line breaks inside it."""
    return plain_label(text, parent, role=role, label=CatalogLabel(parent))


def plain_label(
    text: str = "", parent: QWidget | None = None, *, role: str = "", label: QLabel | None = None
) -> QLabel:
    """A word-wrapped label that never interprets its text as HTML (catalog text goes here)."""
    label = label if label is not None else QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setOpenExternalLinks(False)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        label.setProperty("role", role)  # styled by the theme's QSS
    label.setText(text)
    return label


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on, and restyle the widget if it changed.

    Restyling only on a change also keeps start-up from setting up PySide6's QStyle classes
    (~6 ms) for widgets that already look right.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class ToggleButton(QPushButton):
    """A checkable button that shows "on" by a tick as well as by its fill: never by colour
    alone. The tick sits in the top left corner, clear of the label, so nothing moves when it
    comes and the top bar keeps its width."""

    TICK = (9, 11)  # px, smallest and largest: it grows with the text, within the free corner

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.isChecked():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The colour of a checked button's label (the theme sets it as the highlighted text).
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.HighlightedText), 2.5))
        smallest, largest = self.TICK
        size, x = min(max(smallest, self.fontMetrics().height() * 0.4), largest), 6.0
        y = 7.0  # in the top left corner, clear of the label
        painter.drawPolyline(
            [QPointF(x, y + size * 0.55), QPointF(x + size * 0.38, y + size), QPointF(x + size, y)]
        )
        painter.end()


def big_button(
    text: str, accessible_name: str = "", parent: QWidget | None = None, *, toggle: bool = False
) -> QPushButton:
    """A touch-sized push button with an accessible name; `toggle` makes it a ToggleButton."""
    # Not QPushButton(text, parent): matching that call against the (icon, text) constructor
    # makes PySide6 set up QIcon and its ~1,500 theme-icon names, ~2 ms of start-up.
    button = ToggleButton(parent) if toggle else QPushButton(parent)
    button.setCheckable(toggle)
    button.setText(text)
    button.setMinimumSize(MIN_TARGET, MIN_TARGET)
    button.setAccessibleName(accessible_name or text)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def lay_out_in_batches(view: QListView, batch: int = 16) -> None:
    """One item per row, laid out `batch` at a time between events: thousands of items never
    hold up a tap, and the first rows are drawn (and can be tapped) as soon as they are laid out.

    The items flow left to right and wrap, each as wide as the view, so each row is its own
    segment: a list that does not wrap draws nothing until its last batch is done, because Qt
    learns where its one segment ends only then.
    """
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(batch)
    view.setFlow(QListView.Flow.LeftToRight)
    view.setWrapping(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """`area.viewport()`, without PySide6's first-call cost.

    The first `viewport()` call of a process makes PySide6 (6.11) set up the Python classes of
    every QWidget subclass, dialogs and all, to learn the returned widget's type: about 10 ms of
    start-up. Looking the same child up by the name Qt gives it is found directly, and once its
    Python object exists, `viewport()` returns it at no cost. Any other viewport (a custom one,
    or another Qt's name) falls back to `viewport()`.
    """
    found = area.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()


def enable_kinetic_scrolling(area: QAbstractScrollArea) -> None:
    """Flick-to-scroll by finger (touch) and by pressed mouse, as a touch screen reports either."""
    if isinstance(area, QAbstractItemView):
        # Per-pixel scrolling is what makes kinetic flicks smooth in item views.
        area.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        area.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    viewport = viewport_of(area)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)


class Overlay(QFrame):
    """A dimmed full-window backdrop with a centred box: the kiosk's questions and its PIN pad.

    Subclasses fill `self.column`; `present()` covers the parent window and raises it.
    """

    def __init__(
        self, name: str, parent: QWidget | None = None, *, width: tuple[int, int] = (760, 1000)
    ) -> None:
        super().__init__(parent)
        self.texts = Texts()
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.box = QFrame(self)
        self.box.setObjectName(name + "Box")
        self.box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.box.setMinimumWidth(width[0])
        self.box.setMaximumWidth(width[1])
        self.column = QVBoxLayout(self.box)
        self.column.setContentsMargins(48, 40, 48, 40)
        self.column.setSpacing(24)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.texts.refresh()

    def present(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()


class Texts:
    """Remembers how each translatable text of a screen is made, to make it again on a language
    change: `texts(label.setText, lambda: self.tr("Hello"))` sets it now and after each switch."""

    def __init__(self) -> None:
        self._bound: list[tuple[Callable[[str], object], Callable[[], str]]] = []

    def __call__(self, setter: Callable[[str], object], make: Callable[[], str]) -> None:
        setter(make())
        self._bound.append((setter, make))

    def button(self, button: QAbstractButton, make: Callable[[], str]) -> None:
        """A button's label and its accessible name, from one text."""
        self(button.setText, make)
        self(button.setAccessibleName, make)

    def refresh(self) -> None:
        for setter, make in self._bound:
            setter(make())


def language_switch(
    languages: tuple[str, ...], on_pick: Callable[[str], object], *, full_names: bool = False
) -> tuple[QWidget, dict[str, QPushButton]]:
    """EN | ES as two big buttons, each named in its own language; with `full_names` they say
    "English" and "Español" (where there is room, and a reader of Spanish should spot it)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    buttons: dict[str, QPushButton] = {}
    for code in languages:
        name = native_name(code)  # each in its own language: never translated
        label = name if full_names else code.upper()
        button = big_button(label, name, toggle=True)  # "EN" is read out as "English"
        button.setAccessibleDescription(name)
        button.clicked.connect(lambda _=False, c=code: on_pick(c))
        buttons[code] = button
        row.addWidget(button)
    box.setVisible(len(languages) > 1)
    return box, buttons
