"""Audit cases of the purchase engine: races and lost answers around the money.

Each drives the real flow against the simulators on loopback and checks the
invariant from the simulators' state (what GET /_sim/state answers): the money is
matched by a booking or refunded, no seat lock is left, every transaction ends
terminal, nothing is refunded twice, and the patron is told the truth.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from kiosk.flows.purchase import (
    PaymentTimedOut,
    Purchase,
    PurchaseCancelled,
    PurchaseError,
    PurchaseFlow,
    PurchaseState,
    TicketsNotIssued,
    TooLateToCancel,
)
from kiosk.words import words
from tests.flows.helpers_purchase import (
    Kit,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path, timeout_s=0.5) as ready:
        yield ready


async def _paid_purchase(kit: Kit, flow: PurchaseFlow) -> tuple[str, Purchase | PurchaseError]:
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    try:
        return hold.txn_id, await flow.wait_for_payment()
    except PurchaseError as exc:
        return hold.txn_id, exc


async def test_cancel_pressed_as_the_payment_is_seen_never_books_a_refunded_order(
    kit: Kit,
) -> None:
    """The patron presses cancel in the instant the flow has seen the money but not yet
    started CompleteOrder: one of the two must win, never both (tickets and a refund)."""
    flow = kit.flow()
    pressed: list[asyncio.Future[None]] = []
    original = kit.journal.result

    async def result(
        txn_id: str, step: str, outcome: str, facts: Mapping[str, Any], *rest: Any
    ) -> None:
        if step == "payment_query" and facts.get("state") == "PAID" and not pressed:
            pressed.append(asyncio.ensure_future(flow.cancel()))
            await asyncio.sleep(0.2)  # the journal write is slow; the press is handled
        await original(txn_id, step, outcome, facts, *rest)

    kit.journal.result = result  # type: ignore[method-assign]
    txn_id, outcome = await _paid_purchase(kit, flow)
    try:
        await pressed[0]
    except TooLateToCancel:
        pass
    payment = kit.store.payments[txn_id]
    bookings = [b for b in kit.store.bookings.values() if b.user_session_id == txn_id]
    # The press landed before CompleteOrder: cancelling wins, and it is whole.
    assert isinstance(outcome, PurchaseCancelled), outcome
    assert (payment.state, payment.refunded_fen) == ("REFUNDED", payment.amount_fen)
    assert bookings == [] and kit.store.orders[txn_id].state == "cancelled"
    assert flow.state is PurchaseState.REFUNDED
    await assert_invariant(kit)


async def test_lost_refund_reply_is_asked_again_under_the_same_refund_number(kit: Kit) -> None:
    kit.faults("connect.CompleteOrder=code:1", "payment.refund=drop_response:times:1")
    flow = kit.flow()
    txn_id, outcome = await _paid_purchase(kit, flow)
    assert isinstance(outcome, TicketsNotIssued) and outcome.refunded
    payment = kit.store.payments[txn_id]
    assert payment.refunds == {f"R{txn_id}": payment.amount_fen}
    assert (payment.state, payment.refunded_fen) == ("REFUNDED", payment.amount_fen)
    assert flow.state is PurchaseState.REFUNDED
    await assert_invariant(kit)


async def test_lost_close_reply_at_timeout_still_ends_cancelled(kit: Kit) -> None:
    kit.faults("payment.close=drop_response:times:1")
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    with pytest.raises(PaymentTimedOut):
        await flow.wait_for_payment()
    assert kit.store.payments[request.out_trade_no].state == "CLOSED"
    assert kit.store.orders[hold.txn_id].state == "cancelled"
    assert flow.state is PurchaseState.CANCELLED
    await assert_invariant(kit)


async def test_failed_refund_is_not_reported_to_the_patron_as_done(kit: Kit) -> None:
    kit.faults("connect.CompleteOrder=code:1", "payment.refund=http500")
    flow = kit.flow()
    txn_id, outcome = await _paid_purchase(kit, flow)
    assert isinstance(outcome, TicketsNotIssued) and not outcome.refunded
    assert "has been refunded" not in words(outcome, "en")
    assert "已原路退回" not in words(outcome, "zh")
    assert txn_id in outcome.reference
    assert kit.store.payments[txn_id].state == "PAID"
    assert flow.state is PurchaseState.REFUNDING  # open: recovery finishes it
    kit.world.faults.clear()
    report = await kit.recover()
    assert [(o.txn_id, o.state) for o in report.outcomes] == [(txn_id, "REFUNDED")]
    await assert_invariant(kit)
