"""Recovery of interrupted collections: a real ``kiosk collect`` killed with SIGKILL
between apply and confirm, and crashes inside the flow, each finished without any
ticket printed twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from kiosk.cli.recover import recover_with_settings
from kiosk.flows.collect import STEP_APPLY, STEP_CONFIRM, STEP_PRINT, CollectState
from kiosk.flows.collect_errors import PartialPrint
from kiosk.flows.collect_recovery import collect_recoverers
from kiosk.flows.recovery import recover_all
from kiosk.flows.reprint import StaffReprint
from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_collect import Kit, collect_kit, env_for, settings_for
from tests.helpers.journal import open_intents
from tests.helpers.printed import printed_pngs


def _pngs(sim: SimCluster, tmp_path: Path) -> list[Path]:
    return printed_pngs(sim, tmp_path / "printed")  # the cluster fixture prints there


async def _wait_for(predicate, timeout_s: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("the collection never reached the point to kill it")
        await asyncio.sleep(0.02)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("fault", "killed_in", "printed_before_kill"),
    [
        ("sarft.confirm=hang", STEP_CONFIRM, 3),  # every ticket out, 0x07 sent, no answer
        ("sarft.apply=hang", STEP_APPLY, 0),  # 0x05 sent, no answer, nothing printed
    ],
)
async def test_kill_9_of_kiosk_collect_then_recovery_prints_each_ticket_once_and_confirms(
    sim: SimCluster, tmp_path: Path, fault: str, killed_in: str, printed_before_kill: int
) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk", sarft_reply_timeout_s=60.0)
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) == 3)
    sim.world.faults.add([fault])
    env = {**os.environ, **env_for(config), "KIOSK_SARFT_REPLY_TIMEOUT_S": "60"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        "collect",
        booking.booking_id,
        "--number",
        str(booking.booking_number),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await _wait_for(lambda: killed_in in open_intents(config.journal_path))
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    assert process.returncode == -signal.SIGKILL
    assert booking.print_state != "printed"
    assert len(_pngs(sim, tmp_path)) == printed_before_kill
    sim.world.faults.clear()

    async with collect_kit(sim, tmp_path) as kit:
        report = await recover_all(
            kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners
        )

    [outcome] = report.outcomes
    assert (outcome.state, outcome.terminal) == ("collected", True)
    assert booking.print_state == "printed"
    pngs = _pngs(sim, tmp_path)
    assert len(pngs) == 3  # one per seat, whoever printed it
    assert len(kit.virtual_printer.printed) == 3


async def _crash_while_printing_the_second_ticket(kit: Kit) -> str:
    """Cancel the flow while ticket 2's status is outstanding: its intent stays open."""
    booking = kit.booking(3)
    preview = await kit.flow.lookup(booking.booking_id)

    def hang_after_first(printed: int, total: int) -> None:
        if printed == 1:
            kit.faults("printer.print=hang")

    task = asyncio.create_task(kit.flow.print_tickets(preview, hang_after_first))
    await _wait_for(lambda: open_intents(kit.settings.journal_path) == [STEP_PRINT])
    await _wait_for(lambda: len(kit.virtual_printer.jobs) == 1)
    await asyncio.sleep(0.1)  # the second job has reached the (hung) printer
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    kit.sim.world.faults.clear()
    return booking.booking_id


async def test_a_crash_mid_ticket_leaves_that_ticket_for_staff_and_prints_the_rest(
    sim: SimCluster, tmp_path: Path
) -> None:
    async with collect_kit(sim, tmp_path) as kit:
        booking_id = await _crash_while_printing_the_second_ticket(kit)
    booking = sim.world.store.bookings[booking_id]
    assert len(_pngs(sim, tmp_path)) == 1

    async with collect_kit(sim, tmp_path) as kit:
        report = await recover_all(
            kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners
        )
        [outcome] = report.outcomes
        assert (outcome.state, outcome.terminal) == (CollectState.AWAITING_STAFF, False)
        assert len(_pngs(sim, tmp_path)) == 2  # the third ticket; the second is in doubt
        assert booking.print_state == "applied"
        [doubt] = await kit.flow.in_doubt_codes(booking_id)

        # staff find the tray empty for it: it prints, and only then is 0x07 sent
        result = await StaffReprint(kit.flow).finish_booking(
            booking_id, actor="staff-3", reason="not in the tray after restart"
        )
        assert result.complete and booking.print_state == "printed"
        printed = await kit.journal.printed_for_booking(booking_id)
        assert doubt in {p.ticket_code for p in printed}
    assert len(_pngs(sim, tmp_path)) == 3


async def test_recovery_closes_a_collection_that_never_applied(
    sim: SimCluster, tmp_path: Path
) -> None:
    async with collect_kit(sim, tmp_path) as kit:
        booking = kit.booking(2)
        preview = await kit.flow.lookup(booking.booking_id)
        kit.faults("printer.status=latency:5000")
        task = asyncio.create_task(kit.flow.print_tickets(preview))
        # the print run begins its transaction, then stops at the slow status read
        for _ in range(750):
            if await kit.journal.open_transactions():
                break
            await asyncio.sleep(0.02)
        else:
            raise AssertionError("the print run never began")
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        kit.sim.world.faults.clear()
        report = await recover_all(
            kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners
        )
        [outcome] = report.outcomes
        assert (outcome.state, outcome.terminal) == (CollectState.ABANDONED, True)
        assert booking.print_state == "unprinted" and _pngs(sim, tmp_path) == []
        # the patron may simply try again
        result = await kit.flow.print_tickets(await kit.flow.lookup(booking.booking_id))
        assert result.complete


async def test_recovery_leaves_a_paper_out_for_staff(sim: SimCluster, tmp_path: Path) -> None:
    async with collect_kit(sim, tmp_path) as kit:
        booking = kit.booking(3)
        preview = await kit.flow.lookup(booking.booking_id)
        kit.faults("printer.print=paper_out_after:1")
        with pytest.raises(PartialPrint):
            await kit.flow.print_tickets(preview)
        kit.sim.world.faults.clear()
        report = await recover_all(
            kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners
        )
        [outcome] = report.outcomes
        assert (outcome.state, outcome.terminal) == (CollectState.AWAITING_STAFF, False)
        assert len(_pngs(sim, tmp_path)) == 1  # recovery printed nothing into an empty tray


async def test_kiosk_recover_finishes_a_collection_through_the_registered_recoverer(
    sim: SimCluster, tmp_path: Path
) -> None:
    async with collect_kit(sim, tmp_path) as kit:
        booking = kit.booking(2)
        preview = await kit.flow.lookup(booking.booking_id)
        kit.faults("sarft.confirm=hang")
        task = asyncio.create_task(kit.flow.print_tickets(preview))
        await _wait_for(lambda: STEP_CONFIRM in open_intents(kit.settings.journal_path))
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        kit.sim.world.faults.clear()
        config = kit.settings

    report = await recover_with_settings(config)

    assert [(o.kind, o.state, o.terminal) for o in report.outcomes] == [
        ("collect", "collected", True)
    ]
    assert booking.print_state == "printed" and len(_pngs(sim, tmp_path)) == 2
