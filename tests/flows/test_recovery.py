"""Recovery of purchases interrupted in-process, and the plug-in point for other flows."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.owners import TransactionOwners
from kiosk.flows.purchase import PurchaseError, TicketsNotIssued
from kiosk.flows.recovery import Outcome, recover_all
from kiosk.journal.models import Transaction
from tests.flows.helpers_purchase import (
    Kit,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    # Long enough that only a hang fault times out: each test expects one outcome, and
    # at 0.1 s a loaded machine made a plain GetOrder time out (undecidable, not settled)
    async with running_kit(tmp_path, timeout_s=1.0) as ready:
        yield ready


async def _interrupt_at_complete_order(kit: Kit, rule: str) -> str:
    """Pay, then abandon the flow task while CompleteOrder hangs (a crash, in-process)."""
    kit.faults(rule, "connect.GetOrder=hang")
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    task = asyncio.create_task(flow.wait_for_payment())
    for _ in range(200):
        steps = await kit.journal.steps(hold.txn_id)
        if any(s.step == "complete_order" and s.phase == "result" for s in steps):
            break
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises((asyncio.CancelledError, PurchaseError)):
        await task
    kit.world.faults.clear()
    kit.owners = TransactionOwners()  # a crash: the next process starts with no owners
    return hold.txn_id


async def test_booked_and_paid_is_completed_with_the_pickup_code(kit: Kit) -> None:
    txn_id = await _interrupt_at_complete_order(kit, "connect.CompleteOrder=drop_response:times:1")
    report = await kit.recover()
    [outcome] = report.outcomes
    assert (outcome.txn_id, outcome.state, outcome.terminal) == (txn_id, "COMPLETED", True)
    [booking] = [b for b in kit.store.bookings.values() if b.user_session_id == txn_id]
    assert outcome.facts["booking_id"] == booking.booking_id and not booking.refunded
    await assert_invariant(kit)


async def test_never_booked_is_cancelled_and_refunded(kit: Kit) -> None:
    txn_id = await _interrupt_at_complete_order(kit, "connect.CompleteOrder=code:1")
    report = await kit.recover()
    assert [(o.txn_id, o.state) for o in report.outcomes] == [(txn_id, "REFUNDED")]
    assert kit.store.payments[txn_id].state == "REFUNDED"
    await assert_invariant(kit)


async def test_undecidable_stays_open_for_staff_with_the_facts(kit: Kit) -> None:
    txn_id = await _interrupt_at_complete_order(kit, "connect.CompleteOrder=code:1")
    kit.faults("payment.*=http500")
    report = await kit.recover()
    [outcome] = report.needs_staff
    assert outcome.state == "NEEDS_STAFF" and not report.all_terminal
    assert outcome.facts["out_trade_no"] == txn_id and outcome.facts["total_fen"] > 0
    txn = await kit.journal.transaction(txn_id)
    assert txn is not None and not txn.terminal and txn.summary["staff_reason"]
    kit.world.faults.clear()
    assert (await kit.recover()).all_terminal  # the next start settles it
    await assert_invariant(kit)


async def test_other_kinds_plug_in_and_unknown_kinds_go_to_staff(kit: Kit) -> None:
    await kit.journal.begin("collect", "c1", "PRINTING")
    await kit.journal.begin("reprint", "r1", "PRINTING")

    class CollectRecoverer:
        kind = "collect"

        async def recover(self, txn: Transaction) -> Outcome:
            await kit.journal.set_state(txn.id, "DONE", terminal=True)
            return Outcome(txn.id, "collect", "DONE", True)

    report = await recover_all(
        kit.journal, [kit.recoverer(), CollectRecoverer()], owners=kit.owners
    )
    assert {(o.txn_id, o.terminal) for o in report.outcomes} == {("c1", True), ("r1", False)}
    assert report.needs_staff[0].reason == "no recoverer for reprint"


async def test_booking_the_polls_missed_is_refunded_when_cancel_is_refused(kit: Kit) -> None:
    """Seed §2.2 2.2.2.2 b in recovery: CompleteOrder made a booking but every answer was
    lost, QueryOrderBookingStatus says 47 through all polls, CancelOrder answers 56
    ("payments processed"): RefundBooking, then the patron's refund, ends REFUNDED."""
    txn_id = await _interrupt_at_complete_order(kit, "connect.CompleteOrder=drop_response:times:1")
    kit.faults(f"connect.QueryOrderBookingStatus=code:47:times:{kit.config.booking_status_polls}")
    report = await kit.recover()
    assert [(o.txn_id, o.state, o.terminal) for o in report.outcomes] == [
        (txn_id, "REFUNDED", True)
    ]
    [booking] = [b for b in kit.store.bookings.values() if b.user_session_id == txn_id]
    assert booking.refunded
    payment = kit.store.payments[txn_id]
    assert (payment.state, payment.refunded_fen) == ("REFUNDED", payment.amount_fen)
    steps = [s.step for s in await kit.journal.steps(txn_id) if s.phase == "intent"]
    assert steps.index("refund_booking") > steps.index("cancel_order")
    await assert_invariant(kit)


async def _after_complete_order(kit: Kit, txn_id: str) -> list[tuple[str, str, str | None]]:
    """The calls and reads a purchase made once its (last) CompleteOrder was answered."""
    steps = await kit.journal.steps(txn_id)
    last = max(i for i, s in enumerate(steps) if s.step == "complete_order")
    return [(s.step, s.phase, s.outcome) for s in steps[last + 1 :]]


async def test_the_flow_and_recovery_settle_a_lost_booking_the_same_way(kit: Kit) -> None:
    """A crash changes who finishes a purchase, never how: CompleteOrder made a booking
    whose answer was lost, the polls miss it and CancelOrder is refused (56). The live
    flow and a recovery taking over at that point make the same calls to the same end."""
    missed = f"connect.QueryOrderBookingStatus=code:47:times:{kit.config.booking_status_polls}"
    kit.faults("connect.CompleteOrder=drop_response:times:1", missed)
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    with pytest.raises(TicketsNotIssued) as raised:
        await flow.wait_for_payment()
    assert raised.value.refunded
    live = await kit.journal.transaction(hold.txn_id)
    assert live is not None and live.state == "REFUNDED"

    txn_id = await _interrupt_at_complete_order(kit, "connect.CompleteOrder=drop_response:times:1")
    kit.faults(missed)
    report = await kit.recover()
    assert [(o.txn_id, o.state) for o in report.outcomes] == [(txn_id, "REFUNDED")]

    by_flow = await _after_complete_order(kit, hold.txn_id)
    assert [s for s, phase, _ in by_flow if phase == "intent"] == [
        "cancel_order",
        "refund_booking",
        "payment_refund",
    ]
    assert await _after_complete_order(kit, txn_id) == by_flow
    await assert_invariant(kit)
