"""The hidden staff gesture: five taps in the window's top-left corner within 3 s.

It listens to the application's input events (kiosk/ui/widgets/input_events.py)
but counts only events addressed to the kiosk window's own QWindow: the platform
delivers every press and touch there exactly once, in window coordinates, before Qt
hands it on (and perhaps up the parent chain) to the widget under the finger. A
touch that no widget takes comes back as a synthesised mouse press; that copy is
skipped so one tap counts once.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from kiosk.qt import QEvent, QMouseEvent, QObject, QPointF, QRect, Qt, QWidget, Signal
from kiosk.ui.widgets.input_events import input_events

TAPS = 5
WITHIN_S = 3.0
CORNER_PX = 120


def _tap_position(event: QEvent) -> QPointF | None:
    """Where a new press or touch landed in the window, or None for anything else."""
    kind = event.type()
    if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
        if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
            return None
        return event.position()
    if kind == QEvent.Type.TouchBegin:
        points = getattr(event, "points", None)
        if callable(points):
            touched = points()
            if touched:
                position: QPointF = touched[0].position()
                return position
    return None


class CornerTaps(QObject):
    """Emits ``triggered`` on the fifth corner tap within the window of time."""

    triggered = Signal()

    def __init__(
        self,
        window: QWidget,
        *,
        enabled: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._enabled = enabled
        self._clock = clock
        self._taps: deque[float] = deque(maxlen=TAPS)
        events = input_events()
        if events is not None:
            events.listen(self, self._input)

    def _input(self, watched: QObject, event: QEvent) -> None:
        # Every input event of the application passes here: rule out non-taps before
        # anything else (that also keeps the window untouched while it is being destroyed).
        position = _tap_position(event)
        if position is None or watched is not self._window.windowHandle():
            return
        if not QRect(0, 0, CORNER_PX, CORNER_PX).contains(position.toPoint()):
            self._taps.clear()  # a tap elsewhere breaks the sequence
            return
        now = self._clock()
        self._taps.append(now)
        if len(self._taps) == TAPS and now - self._taps[0] <= WITHIN_S:
            self._taps.clear()
            if self._enabled():
                self.triggered.emit()
