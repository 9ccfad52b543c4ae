"""The systemd watchdog's pings, sent by a timer on the Qt event loop.

A thread would keep pinging while the loop is stuck; a ``QTimer`` fires only while
the loop turns, so a hung screen, a blocking call on the loop or a deadlock stops the
pings and systemd restarts the kiosk (:mod:`kiosk.supervision`).
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.qt import QObject, Qt, QTimer


def start_watchdog(ping: Callable[[], None], interval_s: float, parent: QObject | None) -> QTimer:
    """Call ``ping`` now and every ``interval_s`` while the Qt loop runs."""
    timer = QTimer(parent)
    timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire 5 % late
    timer.setInterval(max(1, round(interval_s * 1000)))
    timer.timeout.connect(ping)
    ping()
    timer.start()
    return timer
