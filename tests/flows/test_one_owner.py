"""One owner per transaction (issue 14, items 1-3): a confirm owed for tickets on
paper is sent until SARFT answers; a second process on a data dir is refused at
once; recovery in the running kiosk never acts on a transaction a live flow owns."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from kiosk.datadir_lock import EXIT_BUSY, DataDirBusy, DataDirLock
from kiosk.flows.collect import CollectState
from kiosk.flows.collect_errors import AlreadyCollected
from kiosk.flows.collect_recovery import collect_recoverers
from kiosk.flows.purchase import PurchaseError
from kiosk.flows.recovery import recover_all
from kiosk.services import open_services
from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_collect import (
    collect_kit,
    env_for,
    finished,
    settings_for,
    start_kiosk_command,
)
from tests.flows.helpers_purchase import free_seats, running_kit, standard_code
from tests.helpers.printed import printed_pngs


def _pngs(sim: SimCluster, sim_out: Path) -> int:
    return len(printed_pngs(sim, sim_out))


# ---- 1. a failed 0x07 is owed, and sent once SARFT answers ---------------------------


@pytest.mark.parametrize("fault", ["drop_request", "code:2", "code:9"])
async def test_a_confirm_sarft_did_not_take_is_owed_and_sent_when_it_answers(
    sim: SimCluster, tmp_path: Path, fault: str
) -> None:
    async with collect_kit(sim, tmp_path) as kit:
        booking = kit.booking(2)
        preview = await kit.flow.lookup(booking.booking_id)
        kit.faults(f"sarft.confirm={fault}")
        result = await kit.flow.print_tickets(preview)
        # both tickets are in the patron's hand: they are told so, not "try again"
        assert (result.printed, result.total, result.confirmed) == (2, 2, False)
        txn = await kit.journal.transaction(result.txn_id)
        assert txn is not None and txn.state == CollectState.CONFIRM_OWED and not txn.terminal
        assert booking.print_state == "applied"
        # the same code again is not printed again, here or (once confirmed) elsewhere
        with pytest.raises(AlreadyCollected):
            await kit.flow.lookup(booking.booking_id)

        report = await recover_all(
            kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners
        )
        [outcome] = report.outcomes
        assert (outcome.state, outcome.terminal) == (
            CollectState.CONFIRM_OWED,
            False,
        )  # still refused

        kit.sim.world.faults.clear()
        report = await recover_all(
            kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners
        )
        [outcome] = report.outcomes
        assert (outcome.state, outcome.terminal) == (CollectState.COLLECTED, True)
        assert booking.print_state == "printed"
    assert _pngs(sim, tmp_path / "printed") == 2  # the retry printed nothing


async def test_the_running_kiosks_settling_sends_an_owed_confirm(
    sim: SimCluster, tmp_path: Path
) -> None:
    """Not only at the next start: the periodic settling (which prints nothing and so
    runs beside patrons) sends it."""
    settings = settings_for(sim.info(), tmp_path / "kiosk")
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) == 2)
    async with open_services(settings) as services:
        preview = await services.collect.lookup(booking.booking_id)
        sim.world.faults.add(["sarft.confirm=hang"])
        services.collect._attempts = 1  # one hang is enough to show it
        result = await services.collect.print_tickets(preview)
        assert not result.confirmed and booking.print_state == "applied"
        sim.world.faults.clear()
        report = await services.settle_purchases()
        assert [(o.txn_id, o.state) for o in report.outcomes] == [
            (result.txn_id, CollectState.COLLECTED)
        ]
    assert booking.print_state == "printed"


# ---- 2. one process per data dir -------------------------------------------------------


async def _until(check: object, timeout_s: float = 20.0) -> None:
    assert callable(check)
    for _ in range(int(timeout_s / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.e2e
async def test_recover_beside_a_live_collect_is_refused_and_nothing_prints_twice(
    sim: SimCluster, tmp_path: Path
) -> None:
    """The attack of the issue: ``kiosk recover`` started while ``kiosk collect`` is
    printing 4 tickets slowly re-drove the live collection and printed again."""
    settings = settings_for(sim.info(), tmp_path / "kiosk")
    env = env_for(settings)
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) >= 3)
    sim.world.faults.add(["printer.print=latency:800"])
    collect = await start_kiosk_command(env, "collect", booking.booking_id)
    await _until(lambda: booking.print_state == "applied")
    code, out, err = await finished(await start_kiosk_command(env, "recover"))
    assert code == EXIT_BUSY, out + err
    assert "kiosk recover refused: kiosk collect (pid" in err and "Traceback" not in err
    code, out, err = await finished(collect)
    assert code == 0, err
    assert booking.print_state == "printed"
    assert _pngs(sim, tmp_path / "printed") == len(booking.tickets)


@pytest.mark.e2e
async def test_two_collects_of_one_code_on_one_data_dir_print_it_once(
    sim: SimCluster, tmp_path: Path
) -> None:
    settings = settings_for(sim.info(), tmp_path / "kiosk")
    env = env_for(settings)
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) == 2)
    sim.world.faults.add(["printer.print=latency:300"])
    first, second = await asyncio.gather(
        start_kiosk_command(env, "collect", booking.booking_id),
        start_kiosk_command(env, "collect", booking.booking_id),
    )
    results = sorted([(await finished(first))[0], (await finished(second))[0]])
    # one collects; the other is refused at once, or (if the first was done before
    # it started) told the tickets were collected
    assert results in ([0, EXIT_BUSY], [0, 1])
    assert _pngs(sim, tmp_path / "printed") == 2


def test_the_lock_names_its_holder_and_is_free_once_released(tmp_path: Path) -> None:
    held = DataDirLock.acquire(tmp_path, "kiosk run")
    with pytest.raises(DataDirBusy, match=r"kiosk buy refused: kiosk run \(pid \d+"):
        DataDirLock.acquire(tmp_path, "kiosk buy")
    held.release()
    with DataDirLock.acquire(tmp_path, "kiosk buy") as lock:
        assert lock.held


# ---- 3. recovery in the running kiosk passes over what a live flow owns ---------------


async def test_recovery_beside_a_live_collection_in_the_same_kiosk_prints_nothing(
    sim: SimCluster, tmp_path: Path
) -> None:
    """The admin's "run recovery again" (or the start-up one) while a patron's tickets
    come out: it must not re-drive that collection."""
    settings = settings_for(sim.info(), tmp_path / "kiosk")
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) >= 3)
    async with open_services(settings) as services:
        preview = await services.collect.lookup(booking.booking_id)
        sim.world.faults.add(["printer.print=latency:500"])
        printing = asyncio.create_task(services.collect.print_tickets(preview))
        await _until(lambda: booking.print_state == "applied")
        report = await services.recover()
        assert report.outcomes == []  # the live collection is passed over
        result = await printing
    assert result.complete
    assert _pngs(sim, tmp_path / "printed") == len(booking.tickets)


async def test_a_cancel_pressed_while_waiting_returns_once_the_seats_are_released(
    tmp_path: Path,
) -> None:
    """The kiosk's shutdown and the settling both took a returned cancel for a finished
    one; it returned while the abandon was still running."""
    async with running_kit(tmp_path) as kit:
        flow = kit.flow()
        await flow.start(kit.session())
        hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
        await flow.pay()
        kit.faults("connect.CancelOrder=latency:150")
        waiting = asyncio.ensure_future(flow.wait_for_payment())
        await asyncio.sleep(0.2)
        await flow.cancel()
        assert kit.store.orders[hold.txn_id].state == "cancelled"
        txn = await kit.journal.transaction(hold.txn_id)
        assert txn is not None and txn.terminal
        assert not kit.owners.owned(hold.txn_id)  # done with: recovery may look again
        with pytest.raises(PurchaseError):  # cancelled, or timed out first on the fast clock
            await waiting


@pytest.mark.e2e
async def test_kiosk_collect_says_the_tickets_are_out_and_the_confirm_is_owed(
    sim: SimCluster, tmp_path: Path
) -> None:
    settings = settings_for(sim.info(), tmp_path / "kiosk")
    env = env_for(settings)
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) == 2)
    sim.world.faults.add(["sarft.confirm=code:2"])
    code, out, err = await finished(await start_kiosk_command(env, "collect", booking.booking_id))
    assert code == 4, out + err
    assert "2 of 2 ticket(s) printed, NOT yet confirmed" in out and "Traceback" not in err
    sim.world.faults.clear()
    code, out, err = await finished(await start_kiosk_command(env, "recover"))
    assert code == 0, out + err
    assert booking.print_state == "printed" and _pngs(sim, tmp_path / "printed") == 2
