"""The fault matrix: every Connect and payment call the purchase makes, failing every way.

Each case drives one purchase with the fault in place (plus, for calls only the
seed's failure path makes, a trigger that leads there), then runs recovery with
the services healthy again. After every case the invariant holds, read from the
simulators' state: the money is matched by a booking or refunded, no seat lock
is left, every transaction is terminal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.purchase import PurchaseError, PurchaseState, TicketsNotIssued
from tests.flows.helpers_purchase import (
    FAST,
    Kit,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)

pytestmark = pytest.mark.slow

MATRIX = dataclasses.replace(FAST, booking_status_polls=3, payment_poll_s=60.0)
KINDS = ["hang", "drop_request", "http500", "malformed", "drop_response"]

# Non-zero codes each call can answer that the flow must handle (seed §3.13).
CONNECT_CODES = {
    "AddTickets": [1, 4, 5, 51],
    "StartExternalPayment": [1, 45],
    "CompleteOrder": [1, 11, 14, 27],
    "GetOrder": [1, 62],
    "QueryOrderBookingStatus": [47, 61],
    "CancelOrder": [1, 56],
    # 63 (already refunded) is not a fault to inject: it is Connect saying the work is done.
    "RefundBooking": [1, 39],
}
PAYMENT_CODES = {"create": [409, 500], "query": [404, 500], "close": [409], "refund": [409, 500]}

# Calls only a failure path makes, and the fault that leads the purchase there.
TRIGGERS = {
    "GetOrder": ["connect.CompleteOrder=code:1"],
    "QueryOrderBookingStatus": ["connect.CompleteOrder=code:1"],
    "CancelOrder": ["connect.CompleteOrder=code:1"],
    # The booking is made but its answer lost, the status polls miss it, CancelOrder is
    # refused (the order is completed): RefundBooking is the seed's way out.
    "RefundBooking": [
        "connect.CompleteOrder=drop_response:times:1",
        "connect.GetOrder=code:1",
        "connect.QueryOrderBookingStatus=code:47:times:3",
    ],
    "refund": ["connect.CompleteOrder=code:1"],
}
UNPAID = {"close"}  # reached when the patron never pays


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for op, codes in CONNECT_CODES.items():
        for kind in [*KINDS, *(f"code:{c}" for c in codes)]:
            cases.append(("connect", op, kind))
    for op, codes in PAYMENT_CODES.items():
        for kind in [*KINDS, *(f"code:{c}" for c in codes)]:
            cases.append(("payment", op, kind))
    return cases


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path, MATRIX, timeout_s=0.5) as ready:
        yield ready


async def purchase_under_faults(kit: Kit, pays: bool) -> PurchaseError | None:
    """One patron's purchase; the error they were shown, if any."""
    flow = kit.flow()
    try:
        await flow.start(kit.session())
        await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
        request = await flow.pay()
        if pays:
            kit.pay(request.out_trade_no)
        await flow.wait_for_payment()
    except PurchaseError as exc:
        return exc
    assert flow.state is PurchaseState.COMPLETED
    return None


def _patron_was_told_the_truth(kit: Kit, error: PurchaseError | None) -> None:
    """What the flow told the patron holds before any recovery runs: tickets mean a
    live, paid booking; "your payment has been refunded" means every fen is back."""
    payments = list(kit.store.payments.values())
    if error is None:
        [payment] = payments
        assert (payment.state, payment.refunded_fen) == ("PAID", 0)
        [booking] = [
            b for b in kit.store.bookings.values() if b.user_session_id == payment.out_trade_no
        ]
        assert not booking.refunded and booking.total_fen == payment.amount_fen
    elif isinstance(error, TicketsNotIssued) and error.refunded:
        [payment] = payments
        assert (payment.state, payment.refunded_fen) == ("REFUNDED", payment.amount_fen)
        assert not [
            b
            for b in kit.store.bookings.values()
            if b.user_session_id == payment.out_trade_no and not b.refunded
        ]


@pytest.mark.parametrize(("service", "op", "kind"), _cases())
async def test_fault_then_recovery_keeps_the_invariant(
    kit: Kit, service: str, op: str, kind: str
) -> None:
    kit.faults(*TRIGGERS.get(op, []), f"{service}.{op}={kind}")
    error = await purchase_under_faults(kit, pays=op not in UNPAID)
    _patron_was_told_the_truth(kit, error)
    kit.world.faults.clear()
    report = await kit.recover()
    assert report.all_terminal, report.needs_staff
    await assert_invariant(kit)


async def test_lost_complete_order_reply_is_found_by_polling(kit: Kit) -> None:
    kit.faults("connect.CompleteOrder=drop_response:times:1")
    assert await purchase_under_faults(kit, pays=True) is None
    [booking] = [b for b in kit.store.bookings.values() if not b.online]
    assert not booking.refunded
    await assert_invariant(kit)


async def test_second_complete_order_succeeds_when_the_first_failed(kit: Kit) -> None:
    kit.faults("connect.CompleteOrder=code:11:times:1")
    assert await purchase_under_faults(kit, pays=True) is None
    await assert_invariant(kit)


async def test_booking_never_found_cancels_and_refunds(kit: Kit) -> None:
    kit.faults("connect.CompleteOrder=code:1")
    error = await purchase_under_faults(kit, pays=True)
    assert error is not None and type(error).__name__ == "TicketsNotIssued"
    assert [p.state for p in kit.store.payments.values()] == ["REFUNDED"]
    await assert_invariant(kit)


async def test_status_is_polled_the_configured_number_of_times(kit: Kit) -> None:
    kit.faults("connect.CompleteOrder=code:1")
    await purchase_under_faults(kit, pays=True)
    [txn] = [t for t in await kit.journal.latest() if t.kind == "purchase"]
    steps = await kit.journal.steps(txn.id)
    [polled] = [s for s in steps if s.step == "query_booking_status"]
    assert polled.details == {"found": False, "polls": MATRIX.booking_status_polls}
    intents = [s.step for s in steps if s.phase == "intent"]
    assert intents.count("complete_order") == 2  # the seed's second CompleteOrder
    assert intents.index("cancel_order") > intents.index("complete_order")
    assert "refund_booking" not in intents  # CancelOrder worked: nothing to refund at Connect
