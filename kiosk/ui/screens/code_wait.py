"""The wait after a wrong pickup code, counted down live on the button it holds back.

After a wrong code the kiosk takes the next one only after a short wait (longer
each time), and after too many not for a while (kiosk.flows.pickup_code). While
the wait runs the button says how long is left, second by second, and cannot be
tapped; a scanner's Enter meanwhile is not taken either. The time is measured
against a monotonic deadline, so a busy event loop can delay the display but
never stretch the wait.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from kiosk.qt import QCoreApplication, QObject, QPushButton, QTimer
from kiosk.ui.formatting import unbroken

translate = QCoreApplication.translate

TICK_MS = 250


def wait_text(seconds: float) -> str:
    """How long is left, as a patron reads it: "8 秒" / "60 s", or "9:32" from 100 s."""
    whole = max(0, math.ceil(seconds))
    if whole >= 100:
        return f"{whole // 60}:{whole % 60:02d}"
    return unbroken(translate("CodeWait", "%1 s").replace("%1", str(whole)))  # never "60 / s"


class CodeWait(QObject):
    """Holds ``button`` back until a deadline, showing the time left on it; calls
    ``changed`` on every tick (the screen rewords what depends on the time) and once
    more when the wait is over."""

    def __init__(self, button: QPushButton, changed: Callable[[], None]) -> None:
        super().__init__(button)
        self._button = button
        self._changed = changed
        self._deadline = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        if seconds > 0:
            self._timer.start()
        self._tick()

    def stop(self) -> None:
        self._deadline = 0.0
        self._timer.stop()

    def left(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    def waiting(self) -> bool:
        return self.left() > 0

    def label(self, ready: str) -> str:
        """The button's words: ``ready``, or the time left while waiting."""
        if not self.waiting():
            return ready
        return translate("CodeWait", "Try again in %1").replace("%1", wait_text(self.left()))

    def _tick(self) -> None:
        if not self.waiting():
            self._timer.stop()
        self._changed()
