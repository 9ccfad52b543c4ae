"""Collections and staff reprints journal SARFT's and the printer's calls as purchases
journal Connect's and the wallets' (kiosk.flows.journaled): the same three words,
and a journal an older kiosk wrote in its own words is still recovered."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.flows.collect import STEP_APPLY, STEP_PRINT, CollectState
from kiosk.flows.collect_recovery import collect_recoverers
from kiosk.flows.recovery import recover_all
from kiosk.flows.reprint import STEP_REPRINT, ReprintState, StaffReprint
from kiosk.journal import BOOKING_ID, BOOKING_NUMBER, Journal, Step
from kiosk.sim.cluster import SimCluster
from kiosk.sim.store import SimBooking
from tests.flows.helpers_collect import Kit, collect_kit, settings_for

pytest_plugins = ["tests.helpers.collect_fixtures"]


async def _steps_of(kit: Kit, kind: str) -> list[Step]:
    [txn] = [t for t in await kit.journal.latest() if t.kind == kind]
    return await kit.journal.steps(txn.id)


@pytest.mark.parametrize(
    ("fault", "step", "word", "facts"),
    [
        ("sarft.apply=code:4", STEP_APPLY, "failed", {"code": 4}),  # SARFT refused 0x05
        ("printer.print=paper_out_after:1", STEP_PRINT, "failed", {}),  # nothing came out
        ("printer.print=hang:times:1", STEP_PRINT, "unknown", {}),  # it may be in the tray
    ],
)
async def test_a_collection_answers_its_calls_in_the_purchase_s_words(
    kit: Kit, fault: str, step: str, word: str, facts: dict[str, int]
) -> None:
    booking = kit.booking(3)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults(fault)
    with pytest.raises(Exception):  # noqa: B017 - each fault has its own patron error
        await kit.flow.print_tickets(preview)
    last = (await _steps_of(kit, "collect"))[-1]
    assert (last.step, last.phase, last.outcome, last.details) == (step, "result", word, facts)
    assert last.intent_id is not None


async def test_a_reprint_that_did_not_come_out_is_answered_failed(kit: Kit) -> None:
    booking = kit.booking(2)
    await kit.flow.print_tickets(await kit.flow.lookup(booking.booking_id))
    code = sorted(t.ticket_code for t in booking.tickets)[0]
    kit.faults("printer.print=paper_out_after:0")
    with pytest.raises(Exception):  # noqa: B017 - the printer's refusal, worded for staff
        await StaffReprint(kit.flow).reprint_ticket(
            booking.booking_id, code, actor="staff-2", reason="ticket jammed"
        )
    [txn] = [t for t in await kit.journal.latest() if t.kind == "reprint"]
    assert txn.state == ReprintState.REPRINT_FAILED
    last = (await kit.journal.steps(txn.id))[-1]
    assert (last.step, last.outcome) == (STEP_REPRINT, "failed")


def _crashed_as_an_old_kiosk_left_it(journal: Path, booking: SimBooking, word: str) -> str:
    """A collection an older kiosk journaled in its own words (``in_doubt`` for a print
    interrupted part-way, ``not_printed`` for one that printed nothing), cut off by a
    crash after its second ticket: the first on paper, 0x05 applied. The second's code."""
    first, second, _ = sorted(t.ticket_code for t in booking.tickets)
    with Journal.open(journal) as old:
        old.begin(
            "collect",
            "old-collect",
            CollectState.STARTED,
            {BOOKING_ID: booking.booking_id, BOOKING_NUMBER: booking.booking_number},
        )
        applied = old.intent("old-collect", STEP_APPLY, {"print_no": "x"})
        old.result("old-collect", STEP_APPLY, "ok", intent_id=applied)
        for index, code, answer in [(0, first, "ok"), (1, second, word)]:
            started = old.intent(
                "old-collect", STEP_PRINT, {"ticket_index": index, "ticket_code": code}
            )
            if answer == "ok":
                old.record_printed("old-collect", booking.booking_id, index, code)
            old.result("old-collect", STEP_PRINT, answer, intent_id=started)
    booking.print_state = "applied"
    return second


async def test_recovery_never_prints_again_what_an_old_kiosk_journaled_in_doubt(
    sim: SimCluster, tmp_path: Path
) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) == 3)
    doubt = _crashed_as_an_old_kiosk_left_it(config.journal_path, booking, "in_doubt")

    async with collect_kit(sim, tmp_path) as kit:
        assert await kit.flow.in_doubt_codes(booking.booking_id) == {doubt}
        report = await recover_all(
            kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners
        )
        [outcome] = report.outcomes
        assert (outcome.state, outcome.terminal) == (CollectState.AWAITING_STAFF, False)
        printed = {p.ticket_code for p in await kit.journal.printed_for_booking(booking.booking_id)}
        assert doubt not in printed and len(printed) == 2  # the third ticket, not the doubt
        assert len(kit.virtual_printer.jobs) == 1
        [waiting] = await StaffReprint(kit.flow).outstanding()
        assert waiting.in_doubt == (doubt,)


async def test_recovery_prints_what_an_old_kiosk_journaled_not_printed(
    sim: SimCluster, tmp_path: Path
) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) == 3)
    owed = _crashed_as_an_old_kiosk_left_it(config.journal_path, booking, "not_printed")

    async with collect_kit(sim, tmp_path) as kit:
        assert await kit.flow.in_doubt_codes(booking.booking_id) == set()
        report = await recover_all(
            kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners
        )
        [outcome] = report.outcomes
        assert (outcome.state, outcome.terminal) == (CollectState.COLLECTED, True)
        printed = {p.ticket_code for p in await kit.journal.printed_for_booking(booking.booking_id)}
        assert owed in printed and len(printed) == 3
        assert len(kit.virtual_printer.jobs) == 2  # the two the crash left owed
        assert booking.print_state == "printed"
