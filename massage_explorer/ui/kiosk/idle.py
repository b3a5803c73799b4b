"""Notice when nobody has touched the kiosk, and ask "Are you still there?" before wiping the session."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.overlay import Overlay

# Input that shows a person is there. Mouse moves count: a finger resting and sliding is one.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletRelease,
    }
)
# Of those, the ones that end what a person did: a finger, button or pen lifted, a key, a turn of
# the wheel. Only these emit `activity`: what answers it may take something off the screen (the
# countdown hides), and the kiosk's filter, which calls `saw`, sees a finger come down before Qt
# picks the widget under it.
# Hidden then, the countdown let the whole touch fall to the card beneath it, which opened or
# was saved. Not even a move counts: Qt moves its mouse onto a finger before it presses there.
FINISHING_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TabletRelease,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` after `seconds` without input anywhere in the application, and `activity`
    when a person finishes an input (see FINISHING_EVENTS: a touch or click when it is lifted).

    It is told of each input by the kiosk's one application-wide event filter (`lock_down` in
    ui/kiosk/window.py), which calls `saw`: Qt calls such a filter for every event of every
    widget, thousands when a page opens, and each call into Python costs microseconds, so the
    kiosk has one, not one per concern.

    One single-shot timer is restarted by each input event, so an idle kiosk has no timer
    ticking: the CPU is woken once, when the time is up, not polled.
    """

    idle = Signal()
    activity = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seconds = seconds
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(seconds * 1000)
        self._timer.timeout.connect(self.idle)
        self._watching = False

    @property
    def seconds(self) -> int:
        """The patients' idle time, as the kiosk's settings give it."""
        return self._seconds

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self, seconds: int | None = None) -> None:
        """Start the clock, for `seconds` (staff at the editor get longer than a patient) or
        the patients' idle time. Only input reported through `saw` restarts it: a kiosk starts
        it with its lockdown filter in place (`KioskWindow._start_idle_clock`), or an active
        patient would be taken for nobody."""
        self._watching = True
        self._timer.setInterval((self._seconds if seconds is None else seconds) * 1000)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._watching = False

    def saw(self, kind: QEvent.Type) -> None:
        """An event of `kind` reached the application: a person's input restarts the clock."""
        if self._watching and kind in INPUT_EVENTS:
            self._timer.start()
            if kind in FINISHING_EVENTS:
                self.activity.emit()


class CountdownOverlay(Overlay):
    """A full-window "Are you still there?" with the seconds left and one big button to stay."""

    stayed = Signal()
    expired = Signal()

    def __init__(self, seconds: int, parent: QWidget | None = None) -> None:
        super().__init__("countdown", parent)
        self.total = seconds
        self.remaining = seconds
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.tick)
        self.question = plain_label("", role="hero")
        self.texts(self.question.setText, lambda: self.tr("Are you still there?"))
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds_label = plain_label("", role="title")
        self.seconds_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = plain_label("", role="body")
        self.texts(
            self.explain.setText,
            lambda: self.tr("To keep your choices private, this screen will start over for the next person."),
        )
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stay_button = big_button("")
        self.texts.button(self.stay_button, lambda: self.tr("I'm still here"))
        self.stay_button.setMinimumHeight(96)
        self.stay_button.setProperty("role", "primary")
        self.texts(self.stay_button.setAccessibleDescription, lambda: self.tr("Keep going where you were."))
        self.stay_button.clicked.connect(self.stay)
        for widget in (self.question, self.seconds_label, self.explain, self.stay_button):
            self.column.addWidget(widget)

    def begin(self) -> None:
        self.remaining = self.total
        self._show_remaining()
        self.present()
        self.stay_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._tick.start()

    def cancel(self) -> None:
        self._tick.stop()
        self.hide()

    def dismiss(self) -> None:
        self.stay()

    @property
    def counting(self) -> bool:
        return self._tick.isActive()

    @Slot()
    def stay(self) -> None:
        if self.counting:
            self.cancel()
            self.stayed.emit()

    @Slot()
    def tick(self) -> None:
        """One second less to go (the timer calls this each second)."""
        self.remaining -= 1
        if self.remaining <= 0:
            self.cancel()
            self.expired.emit()
        else:
            self._show_remaining()

    def _show_remaining(self) -> None:
        self.seconds_label.setText(
            self.tr("Starting over in 1 second")
            if self.remaining == 1
            else self.tr("Starting over in {n} seconds").format(n=self.remaining)
        )
