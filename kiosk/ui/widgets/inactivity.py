"""Notices when nobody has touched the kiosk, asks "Are you still there?", then gives up.

An application-wide event filter sees every touch, click and key (the scanner
too) and restarts the idle timer. What idleness means depends on the screen: on
Home nothing happens, on Done the kiosk just goes home, elsewhere the patron is
asked first and has the prompt's countdown to answer.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from kiosk.qt import QEvent, QObject, QTimer, Signal
from kiosk.ui.widgets.input_events import input_events

if TYPE_CHECKING:
    from kiosk.ui.screens.still_there import StillThereScreen

# What counts as someone at the kiosk: a touch, a click, a key (the scanner too).
ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdlePolicy(enum.Enum):
    PROMPT = enum.auto()
    """Ask "Are you still there?" and go home if nobody answers."""
    HOME = enum.auto()
    """Go home without asking (nothing left to lose: the Done or an error screen)."""
    OFF = enum.auto()
    """Never interrupt (Home itself, or while tickets are being issued and printed)."""


class InactivityWatcher(QObject):
    timedOut = Signal()
    promptShown = Signal()

    def __init__(
        self,
        prompt: StillThereScreen,
        idle_s: float,
        answer_s: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._prompt = prompt
        # as the inactivity_prompt_s setting says (its own rule keeps it 5 s or more)
        self._answer_s = answer_s
        self._policy = IdlePolicy.OFF
        self._order = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(round(idle_s * 1000))
        self._idle.timeout.connect(self._on_idle)
        prompt.stayRequested.connect(self._on_stay)
        prompt.leaveRequested.connect(self._on_leave)
        prompt.expired.connect(self._on_leave)
        events = input_events()
        if events is not None:
            events.listen(self, self._input)

    @property
    def answer_s(self) -> float:
        return self._answer_s

    @property
    def policy(self) -> IdlePolicy:
        return self._policy

    def set_policy(self, policy: IdlePolicy, *, order: bool = False) -> None:
        """Called on every screen change; restarts the idle clock. ``order``: leaving
        would cancel a held order, and the prompt says so."""
        self._policy = policy
        self._order = order
        self._prompt.close_prompt()
        if policy is IdlePolicy.OFF:
            self._idle.stop()
        else:
            self._idle.start()

    def stop(self) -> None:
        """For good (the window closes): no more timeouts, and no more watching the
        whole application's events, which would restart the clock of a closed window."""
        self.set_policy(IdlePolicy.OFF)
        events = input_events()
        if events is not None:
            events.unlisten(self._input)

    def is_prompting(self) -> bool:
        return self._prompt.isVisible()

    def _input(self, watched: QObject, event: QEvent) -> None:
        if (
            event.type() in ACTIVITY
            and self._policy is not IdlePolicy.OFF
            and not self._prompt.isVisible()
        ):
            self._idle.start()

    def _on_idle(self) -> None:
        if self._policy is IdlePolicy.HOME:
            self.timedOut.emit()
        elif self._policy is IdlePolicy.PROMPT:
            self._prompt.open_prompt(self._answer_s, order=self._order)
            self.promptShown.emit()

    def _on_stay(self) -> None:
        self._prompt.close_prompt()
        self._idle.start()

    def _on_leave(self) -> None:
        self._prompt.close_prompt()
        self._idle.stop()
        self.timedOut.emit()
