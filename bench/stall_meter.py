"""How long the window's thread stops answering: the longest gap between the ticks of a 5 ms timer
on it, while the meter runs. A tap made in that gap waits until it ends."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

TICK_MS = 5


class StallMeter:
    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def start(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0
        self.timer.start()

    def stop(self) -> float:
        """The longest gap, in seconds, counting the one up to now."""
        self.timer.stop()
        self._tick()
        return self.longest

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
