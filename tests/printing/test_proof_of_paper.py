"""A ticket counts as printed only when the printer says it is on paper (issue 13).

Against the virtual printer printing at its profile's speed over TCP: a status
byte is answered at once while the ticket before it is still printing, so only
the in-sequence answers (``GS ( H`` fn 48, ``GS r 1``, an ASB block after the job)
prove paper. A stop mid-ticket leaves that ticket in doubt and clears the rest of
it from the printer; a confirmation that never comes leaves it in doubt too; an
idle connection the printer closed is reopened before anyone says "unknown".
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.printing.device import PrinterDevice
from kiosk.printing.escpos import EncodedJob
from kiosk.printing.printer import TicketPrinter, _encode_ticket
from kiosk.printing.profiles import load_profile
from kiosk.printing.status import PrintInterrupted
from kiosk.printing.ticket import TicketFace
from kiosk.sim.printer_server import PrinterServer, start_printer
from kiosk.sim.world import SimWorld
from tests.printing.conftest import face


@contextlib.asynccontextmanager
async def pair(
    world: SimWorld, tmp_path: Path, profile: str, **server: float
) -> AsyncIterator[tuple[PrinterServer, TicketPrinter]]:
    """The virtual printer playing ``profile`` and the kiosk's printer on it."""
    sim = await start_printer(world, out_dir=tmp_path / "printed", profile=profile, **server)
    printer = TicketPrinter(
        PrinterDevice(sim.info()["url"], 1.0), load_profile(profile), kiosk_id="K01"
    )
    try:
        yield sim, printer
    finally:
        await printer.close()
        await sim.close()


def faces(n: int) -> list[TicketFace]:
    return [face(ticket_code=f"T{i:015d}", seat_name=f"7排{i + 1}座") for i in range(n)]


PROOF_PROFILES = ["virtual", "snbc-bk-t680", "custom-vkp80iii"]  # GS ( H, GS r 1, ASB


@pytest.mark.parametrize("profile", PROOF_PROFILES)
async def test_a_ticket_counts_only_once_it_is_on_paper(
    world: SimWorld, tmp_path: Path, profile: str
) -> None:
    """The old kiosk called three tickets printed in 0.14 s: the status after each job
    is answered before the job has printed. Now each counts when it is out."""
    async with pair(world, tmp_path, profile) as (sim, printer):
        out_when_counted: list[int] = []

        def counted(index: int) -> None:
            out_when_counted.append(len(sim.printed))

        started = time.monotonic()
        result = await printer.print_tickets(faces(2), counted)
        elapsed = time.monotonic() - started
    assert result.printed == (0, 1)
    # each ticket was whole on paper when the kiosk counted it
    assert out_when_counted == [1, 2]
    nominal = sum(j.length_mm for j in encoded(profile)) / load_profile(profile).print_speed_mm_s
    assert elapsed >= 0.8 * nominal, (elapsed, nominal)


def encoded(profile: str) -> list[EncodedJob]:
    return [job for f in faces(2) for job in _encode_ticket(f, load_profile(profile))]


@pytest.mark.parametrize("profile", PROOF_PROFILES)
async def test_paper_running_out_mid_ticket_leaves_it_in_doubt_and_nothing_comes_out_later(
    world: SimWorld, tmp_path: Path, profile: str
) -> None:
    async with pair(world, tmp_path, profile) as (sim, printer):
        first = encoded(profile)[0]
        # the roll ends half-way through the second ticket
        world.faults.add([f"printer.print=paper_out_after_mm:{int(first.length_mm * 1.5)}"])
        with pytest.raises(PrintInterrupted) as stopped:
            await printer.print_tickets(faces(3))
        assert stopped.value.printed == (0,)
        assert stopped.value.in_doubt == 1  # part of it is in the tray: staff look
        assert stopped.value.status.paper_out
        assert [job.partial for job in sim.jobs if job.path] == [False, True]
        # a new roll: the rest of ticket 2 (its QR code) must not come out now, or a
        # staff reprint would make two
        world.faults.clear()
        status = await printer.status()
        assert status.ready
        await _settle()
        assert len([job for job in sim.jobs if job.path]) == 2, sim.jobs


async def _settle(seconds: float = 1.0) -> None:
    """Give the printer time to print anything it still held."""
    await asyncio.sleep(seconds)


async def test_a_confirmation_that_never_comes_leaves_the_ticket_in_doubt(
    world: SimWorld, tmp_path: Path
) -> None:
    """A printer slowed to a crawl (hot head, weak supply) past twice the nominal time
    plus the margin: the ticket is in doubt, never printed."""
    async with pair(world, tmp_path, "virtual") as (_sim, printer):
        world.faults.add(["printer.print=slow:20"])
        started = time.monotonic()
        with pytest.raises(PrintInterrupted) as stopped:
            await printer.print_tickets(faces(2))
        waited = time.monotonic() - started
    assert (stopped.value.printed, stopped.value.in_doubt) == ((), 0)
    assert 2.5 < waited < 6.0, waited  # 2 x 144 mm / 350 mm/s + 2 s margin, then gave up


async def test_a_jam_mid_ticket_is_in_doubt_and_its_rest_is_cleared(
    world: SimWorld, tmp_path: Path
) -> None:
    async with pair(world, tmp_path, "virtual") as (sim, printer):
        world.faults.add(["printer.print=jam:times:1"])
        with pytest.raises(PrintInterrupted) as stopped:
            await printer.print_tickets(faces(2))
        assert (stopped.value.printed, stopped.value.in_doubt) == ((), 0)
        assert [job.partial for job in sim.jobs if job.path] == [True]
        await _settle()
        assert len([job for job in sim.jobs if job.path]) == 1  # the rest never came out


async def test_an_idle_connection_the_printer_closed_is_reopened_not_called_unknown(
    world: SimWorld, tmp_path: Path
) -> None:
    async with pair(world, tmp_path, "virtual", idle_close_s=0.3) as (_sim, printer):
        assert (await printer.status()).ready
        await _settle(0.6)  # the printer has closed our idle connection
        assert (await printer.status()).ready
        world.faults.add(["printer.status=eof_when_idle:times:1"])
        await _settle(1.2)
        status = await printer.status()
        assert status.ready and not status.unknown, status.describe()
        result = await printer.print_tickets(faces(1))
        assert result.printed == (0,)


async def test_stale_status_bytes_are_never_taken_for_an_answer(
    world: SimWorld, tmp_path: Path
) -> None:
    """A status reply that came too late for its question (latency past the timeout)
    waits in the stream; the next question must not read it as its own answer."""
    async with pair(world, tmp_path, "virtual") as (_sim, printer):
        world.faults.add(["printer.status=latency:1500:times:1"])
        first = await printer.status()
        assert first.unknown  # no answer within the 1 s timeout
        world.faults.add(["printer.status=cover_open"])
        await _settle(0.8)  # the late "all fine" byte has arrived by now
        second = await printer.status()
        assert second.cover_open, second.describe()


async def test_the_test_page_counts_only_on_paper(world: SimWorld, tmp_path: Path) -> None:
    async with pair(world, tmp_path, "virtual") as (sim, printer):
        world.faults.add(["printer.print=jam:times:1"])
        result = await printer.test_print()
        assert result.printed == ()
        world.faults.clear()
        await printer.device.write(b"\x10\x05\x02")  # staff clear the jam
        result = await printer.test_print()
        assert result.printed == (0,)
        assert len(sim.printed) == 1


@pytest.mark.parametrize("share", [0.1, 0.5, 0.8])
async def test_a_stop_at_any_point_of_a_ticket_leaves_it_in_doubt(
    world: SimWorld, tmp_path: Path, share: float
) -> None:
    """Early (the header out), half-way (no QR yet) or at the very end (QR out, not
    cut): the kiosk cannot see how much is out, so the ticket is in doubt, never
    printed, and nothing more of it comes out after a reload."""
    async with pair(world, tmp_path, "virtual") as (sim, printer):
        first = encoded("virtual")[0]
        world.faults.add(
            [f"printer.print=paper_out_after_mm:{max(1, int(first.length_mm * share))}"]
        )
        with pytest.raises(PrintInterrupted) as stopped:
            await printer.print_tickets(faces(2))
        assert (stopped.value.printed, stopped.value.in_doubt) == ((), 0)
        world.faults.clear()
        assert (await printer.status()).ready
        await _settle()
        assert [job.partial for job in sim.jobs if job.path] == [True]


async def test_the_cover_opened_under_a_ticket_leaves_it_in_doubt(
    world: SimWorld, tmp_path: Path
) -> None:
    async with pair(world, tmp_path, "virtual") as (sim, printer):
        job = asyncio.ensure_future(printer.print_tickets(faces(2)))
        await asyncio.sleep(0.2)  # the first ticket is under the head (about 0.4 s)
        world.faults.add(["printer.status=cover_open"])
        with pytest.raises(PrintInterrupted) as stopped:
            await job
        assert (stopped.value.printed, stopped.value.in_doubt) == ((), 0)
        assert stopped.value.status.cover_open
        world.faults.clear()
        await _settle()
        assert not sim.printed  # the rest of it never came out


async def test_the_proof_of_paper_does_not_wait_for_the_simulators_picture(
    world: SimWorld, tmp_path: Path
) -> None:
    """A printer answers GS ( H when the paper is out; the PNG the simulator draws of it
    is its own business, written after the answer, and there when ``jobs`` is read."""
    async with pair(world, tmp_path, "virtual") as (sim, printer):
        held = threading.Event()
        sim._drawer.submit(held.wait, 10.0)  # the drawing thread is busy elsewhere
        try:
            done = await asyncio.wait_for(printer.print_tickets(faces(1)), 10.0)
            assert done.printed == (0,)
            assert not list((tmp_path / "printed").glob("job-*.png"))
        finally:
            held.set()
        (job,) = sim.jobs
        assert job.printed and job.path is not None and job.path.exists()
