"""The collect flow prints the booking number on each ticket it hands out (the usher and
the service desk find the booking by it), through the simulators and the virtual printer."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_collect import Kit, collect_kit


@pytest.fixture
async def kit(sim: SimCluster, tmp_path: Path):  # type: ignore[no-untyped-def]
    async with collect_kit(sim, tmp_path) as kit:
        yield kit


async def test_a_collected_ticket_shows_its_booking_number(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    await kit.flow.print_tickets(preview)
    jobs = [job for job in kit.virtual_printer.jobs if job.printed]
    assert len(jobs) == 2
    for job in jobs:
        assert f"订单号 {booking.booking_number}" in [line.strip() for line in job.lines]


async def test_a_ticket_printed_at_the_end_of_a_purchase_shows_its_booking_number(
    kit: Kit,
) -> None:
    booking = kit.booking(2)
    issued = await kit.flow.issue(booking.booking_id, booking.booking_number, "sale-7")
    assert issued.complete
    lines = [line.strip() for job in kit.virtual_printer.jobs if job.printed for line in job.lines]
    assert f"订单号 {booking.booking_number}" in lines
