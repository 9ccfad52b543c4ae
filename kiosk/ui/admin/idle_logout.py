"""Staff who walk away are signed out: the PIN pad or admin screen closes by itself.

Not the patron's "Are you still there?": staff have no order to lose, and a
prompt asking to cancel one over the admin screen misleads. Any touch, click or
key while a staff screen shows restarts the clock (``admin_idle_s``).
"""

from __future__ import annotations

from kiosk.qt import QEvent, QObject, QTimer, Signal
from kiosk.ui.widgets.inactivity import ACTIVITY
from kiosk.ui.widgets.input_events import input_events


class StaffIdleLogout(QObject):
    timedOut = Signal()

    def __init__(self, idle_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(round(idle_s * 1000))
        self.timer.timeout.connect(self.timedOut)
        events = input_events()
        if events is not None:
            events.listen(self, self._input)

    def arm(self, on: bool) -> None:
        """Counting while a staff screen shows; stopped otherwise."""
        if on:
            self.timer.start()
        else:
            self.timer.stop()

    def armed(self) -> bool:
        return self.timer.isActive()

    def stop(self) -> None:
        """For good: the window closes."""
        self.arm(False)
        events = input_events()
        if events is not None:
            events.unlisten(self._input)

    def _input(self, watched: QObject, event: QEvent) -> None:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
