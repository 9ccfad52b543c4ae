"""``keep_session_s <= 0`` turns the lookup's SARFT session reuse off: printing must
open a fresh session, never pick up the one the lookup already closed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.flows.collect import CollectFlow
from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_collect import collect_kit


class _FrozenClock:
    """No time passes between the lookup and the print: a closed session still looks
    'fresh' to a zero keep time, which is how the old bug showed."""

    def __init__(self) -> None:
        self.at = dt.datetime.now(dt.UTC)

    def now(self) -> dt.datetime:
        return self.at

    async def sleep(self, seconds: float) -> None:
        return None


async def test_no_kept_session_prints_over_a_fresh_one(sim: SimCluster, tmp_path: Path) -> None:
    async with collect_kit(sim, tmp_path) as kit:
        flow = CollectFlow(
            kit.connect,
            kit.flow.sarft,
            kit.printer,
            kit.journal,
            kiosk_id=kit.settings.kiosk_id,
            guard=kit.flow.guard,
            clock=_FrozenClock(),
            sarft_attempts=1,  # a reused closed session would fail the only attempt
            keep_session_s=0,
        )
        booking = kit.booking(2)
        preview = await flow.lookup(booking.booking_id)
        result = await flow.print_tickets(preview)
        assert result.complete and booking.print_state == "printed"
        # the lookup's session was closed; printing opened its own
        assert len(kit.sarft_sessions) == 2
        await flow.release()
