"""A mm:ss countdown that turns to the warning colour before it runs out.

Time is measured against a monotonic deadline, not by counting ticks, so a busy
event loop can delay the display but never make the hold look longer than it is.
"""

from __future__ import annotations

import math
import time

from kiosk.qt import QLabel, QTimer, QWidget, Signal
from kiosk.ui.theme import set_style_property

# The issue asks for a warning at least 20 s before a seat hold or payment expires.
DEFAULT_WARN_S = 30.0
TICK_MS = 200


def mm_ss(seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class Countdown(QLabel):
    warning = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget | None = None, warn_s: float = DEFAULT_WARN_S) -> None:
        super().__init__(parent)
        self._warn_s = warn_s
        self._deadline = 0.0
        self._warned = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.setProperty("role", "countdown")
        self.setProperty("warning", False)
        self.setText(mm_ss(0))

    def start(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self._warned = False
        set_style_property(self, "warning", False)
        self._timer.start()
        self._tick()

    def stop(self) -> None:
        self._timer.stop()

    def remaining(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    def is_running(self) -> bool:
        return self._timer.isActive()

    def is_warning(self) -> bool:
        return self._warned

    def _tick(self) -> None:
        left = self.remaining()
        self.setText(mm_ss(left))
        if not self._warned and left <= self._warn_s:
            self._warned = True
            set_style_property(self, "warning", True)
            self.warning.emit()
        if left <= 0:
            self._timer.stop()
            self.expired.emit()
