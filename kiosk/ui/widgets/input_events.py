"""The application's one event filter for touches, clicks, keys and the wheel.

The idle prompt, the staff sign-out and the staff gesture each need to see every
input event of the application, wherever it lands. An application event filter
sees every event of every object instead: building a screen is a few thousand
(polish, layout, move, resize, paint, timers), each crossing from Qt into Python
once per filter, a few microseconds a crossing, with ``QEvent.type()`` making a
Python enum on top. Three filters cost a screen change 20-30 ms, more than a
frame. So the application has one filter, which lets anything but an input event
go at the cost of an ``isinstance``, and hands input events to its listeners.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.qt import (
    QCoreApplication,
    QEvent,
    QKeyEvent,
    QMouseEvent,
    QObject,
    QTouchEvent,
    QWheelEvent,
)

Listener = Callable[[QObject, QEvent], None]

# The classes of every event a listener looks at (ACTIVITY in inactivity.py, the
# gesture's presses and touches): a listener still checks the event's type itself.
_INPUT = (QMouseEvent, QTouchEvent, QKeyEvent, QWheelEvent)
_NAME = "kiosk-input-events"


class InputEvents(QObject):
    """Installed once on the application; listeners come and go with their owners."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_NAME)
        self._listeners: list[Listener] = []
        app.installEventFilter(self)

    def listen(self, owner: QObject, listener: Listener) -> None:
        """Call ``listener(watched, event)`` for every input event until ``unlisten``
        or until ``owner`` is destroyed (as Qt drops a destroyed object's filter)."""
        self._listeners.append(listener)
        owner.destroyed.connect(lambda: self.unlisten(listener))

    def unlisten(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, _INPUT):
            for listener in tuple(self._listeners):
                listener(watched, event)
        return False


def input_events() -> InputEvents | None:
    """The application's filter, installed on first use; None without an application."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    found = app.findChild(InputEvents, _NAME)
    return found if isinstance(found, InputEvents) else InputEvents(app)
