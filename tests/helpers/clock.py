"""The one fake wall clock of the test suite.

The journal (``Journal.open(clock=...)``), the simulators' store (``SimStore(clock=...)``)
and the payment adapters call a clock for "now"; the flows also ``await clock.sleep``.
This clock stands still until a test moves it, so a test says exactly when a QR
expires, a seat hold lapses or a retention period ends, and nothing waits for real.
"""

from __future__ import annotations

import asyncio
import datetime as dt


class FakeClock:
    """Aware wall time that moves only by :meth:`advance`, :meth:`sleep` or setting ``at``."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a fake clock starts at an aware time, as the kiosk's clocks give")
        self.at = start

    def __call__(self) -> dt.datetime:  # the journal's and the simulators' clock
        return self.at

    def now(self) -> dt.datetime:  # the flows' clock
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += dt.timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        """Time passes at once; other tasks still get their turn, as in a real sleep."""
        self.advance(max(0.0, seconds))
        await asyncio.sleep(0)
