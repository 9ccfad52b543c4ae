"""The cinema's time on the home screen: China time, turned over as each minute begins.

A patron deciding between the 19:30 and the 20:10 wants to know what time it is
now. The clock is drawn in a corner outside every layout (its parent places it),
so its width changing from 9:59 to 10:00, or from one language to the other, never
moves anything a patron is about to touch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kiosk.qt import QEvent, QLabel, Qt, QTimer, QWidget
from kiosk.ui import formatting

# A tick a little after the minute begins: a timer that fires a few ms early
# would otherwise show the minute that is ending for another whole minute.
_LATE_MS = 50


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def ms_to_next_minute(now: dt.datetime) -> int:
    """Milliseconds from ``now`` until just after the next minute begins."""
    into = now.second * 1000 + now.microsecond // 1000
    return 60_000 - into + _LATE_MS


class WallClock(QLabel):
    """``now``: the aware current time (injected, so a test can set the hour)."""

    def __init__(
        self, parent: QWidget | None = None, now: Callable[[], dt.datetime] = _utcnow
    ) -> None:
        super().__init__(parent)
        self._now = now
        self.setProperty("role", "clock")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the time now and wait for the next minute (re-armed each time, so a
        timer held up by a busy moment never drifts the clock off the minute)."""
        now = self._now()
        right = self.geometry().right()
        self.setText(formatting.wall_clock(now))
        self.adjustSize()
        self.move(right - self.width() + 1, self.y())  # grows leftwards, into the margin
        self._timer.start(ms_to_next_minute(now))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
