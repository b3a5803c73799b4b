"""Touch-sized buttons that Enter activates: big ones, toggles that show "on" by a tick too, and the
language switch."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from massage_explorer.core.languages import native_name

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent, QMouseEvent, QPaintEvent


MIN_TARGET = 48  # px: the smallest touch target we allow
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # the main keyboard's, and the keypad's
# How far a finger may slide and still tap (the flickable areas start a flick past it too): Qt's
# own default for a flick, kept by name so that buttons and areas agree.
TAP_SLOP_M = 0.005


def tap_slop_px(widget: QWidget) -> float:
    """TAP_SLOP_M on the screen `widget` is on, and never under Qt's drag distance (a screen
    that reports no size of its own gives a tiny or zero figure)."""
    screen = widget.screen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 0.0
    return max(TAP_SLOP_M / 0.0254 * dpi, QGuiApplication.styleHints().startDragDistance())


class PushButton(QPushButton):
    """A push button that Enter activates as Space does, and that a swipe does not press.

    Qt's own buttons take Enter only as a dialog's default button, and the patient screens are
    no dialog, so Enter went past the button to the screen behind it (on the welcome screen it
    started a session from the language switch). Every button of ours is one of these (see
    `big_button`), checkable ones too, so one place gives all of them the key.

    Qt clicks a button whenever the finger lifts on it, however far it slid on the way: a
    sideways swipe along the comparison's "✕" (in a header, outside any flickable area) removed
    the technique. Here a press that slides further than a tap (`tap_slop_px`) lets go of the
    button, and nothing is clicked until the next press.
    """

    _pressed_at: QPointF | None = None
    _slid = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at, self._slid = event.globalPosition(), False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._slid:
            return  # the button stays up, even if the finger comes back over it
        start = self._pressed_at
        if start is not None and (event.globalPosition() - start).manhattanLength() > tap_slop_px(self):
            self._slid = True
            self.setDown(False)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = None
        super().mouseReleaseEvent(event)  # not down after a slide: Qt clicks nothing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in ENTER_KEYS:
            super().keyPressEvent(event)
            return
        event.accept()
        # One click per press: a key held down would otherwise switch a toggle on and off.
        if not event.isAutoRepeat():
            self.click()


class ToggleButton(PushButton):
    """A checkable button that shows "on" by a tick as well as by its fill: never by colour
    alone. The tick sits in the top left corner, in room the theme keeps for it: the label sits
    4 px right of the middle (the button no wider than others), so that the tick never touches
    it, and nothing moves when it comes."""

    TICK = (9, 11)  # px, smallest and largest: it grows with the text, within the free corner

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.isChecked():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The colour of a checked button's label (the theme sets it as the highlighted text).
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.HighlightedText), 2.5))
        tick = self.tick_rect()
        x, y, size = tick.x(), tick.y(), tick.width()
        painter.drawPolyline(
            [QPointF(x, y + size * 0.55), QPointF(x + size * 0.38, y + size), QPointF(x + size, y)]
        )
        painter.end()

    def tick_rect(self) -> QRectF:
        """Where the tick goes: in the top left corner, its size growing with the text."""
        smallest, largest = self.TICK
        size = min(max(smallest, self.fontMetrics().height() * 0.4), largest)
        return QRectF(6.0, 7.0, size, size)


def width_with(button: QPushButton, text: str) -> int:
    """How wide `button` wants to be with `text` for its label: its width now, less its own
    label's, plus that of `text` (the style's border and padding stay)."""
    metrics = button.fontMetrics()
    return (
        button.sizeHint().width() - metrics.horizontalAdvance(button.text()) + metrics.horizontalAdvance(text)
    )


class WrappingButton(PushButton):
    """A push button whose label wraps onto more lines, the button growing taller, where it is
    narrower than its label on one line. Qt's buttons keep their label on one line, and a label
    wider than its button is cut: the red-flags line at the largest text on an 800 px wide
    screen. A label on one line is painted as Qt paints it; wrapped lines are left-aligned."""

    _FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _frame(self) -> QSize:
        """The room the style keeps around the label (border and padding), across and down."""
        # Imported here, where a label wraps: PySide6 makes QStyle and its enums on import, some
        # 8 ms the kiosk's first paint does not otherwise pay.
        from PySide6.QtWidgets import QStyle, QStyleOptionButton

        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, 1000, 1000)
        inner = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        return QSize(1000 - inner.width(), 1000 - inner.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        one_line = super().sizeHint()
        if width >= one_line.width():
            return one_line.height()
        frame = self._frame()
        room = QRect(0, 0, max(width - frame.width(), 1), 1 << 20)
        lines = self.fontMetrics().boundingRect(room, self._FLAGS, self.text()).height()
        return max(one_line.height(), lines + frame.height())

    def minimumSizeHint(self) -> QSize:
        """The longest word across; the height of one line (the layout asks heightForWidth)."""
        metrics = self.fontMetrics()
        longest = max(self.text().split(), key=metrics.horizontalAdvance, default="")
        return QSize(max(width_with(self, longest), MIN_TARGET), super().sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if super().sizeHint().width() <= self.width():
            super().paintEvent(event)  # one line: as any button
            return
        from PySide6.QtWidgets import QStyle, QStyleOptionButton, QStylePainter  # (as in _frame)

        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        text, option.text = option.text, ""
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)  # the button, no label
        room = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(room, self._FLAGS, text)
        painter.end()


def big_button(
    text: str,
    accessible_name: str = "",
    parent: QWidget | None = None,
    *,
    toggle: bool = False,
    kind: type[PushButton] | None = None,
) -> QPushButton:
    """A touch-sized push button with an accessible name; `toggle` makes it a ToggleButton, and
    `kind` one of another subclass of PushButton."""
    # Not PushButton(text, parent): matching that call against the (icon, text) constructor
    # makes PySide6 set up QIcon and its ~1,500 theme-icon names, ~2 ms of start-up.
    button = (kind or (ToggleButton if toggle else PushButton))(parent)
    button.setCheckable(toggle)
    button.setText(text)
    button.setMinimumSize(MIN_TARGET, MIN_TARGET)
    button.setAccessibleName(accessible_name or text)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


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
        # "wide": room for the tick on both sides, the label stays in the middle. "code": as
        # narrow as "EN" allows (64 px), where other buttons are 88 px at least.
        button.setProperty("role", "wide" if full_names else "code")
        button.setAccessibleDescription(name)
        button.clicked.connect(lambda _=False, c=code: on_pick(c))
        buttons[code] = button
        row.addWidget(button)
    if len(languages) < 2:
        box.hide()  # (shown with its parent otherwise: a parentless show would open a window)
    return box, buttons
