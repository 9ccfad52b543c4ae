"""The purchase flow against the Connect and payment simulators: the patron's paths."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.purchase import (
    InvalidSelection,
    PaymentClosed,
    PaymentDeclined,
    PaymentTimedOut,
    PriceChanged,
    PurchaseCancelled,
    PurchaseState,
    SalesClosed,
    SeatKey,
    SeatsTaken,
    Snapshot,
    TooLateToCancel,
)
from kiosk.flows.purchase_ledger import out_refund_no_for
from kiosk.journal.models import OUT_TRADE_NO
from tests.flows.helpers_purchase import (
    Kit,
    RecordingIssuer,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path) as ready:
        yield ready


async def test_happy_path_books_pays_and_hands_over(kit: Kit) -> None:
    issuer = RecordingIssuer()
    flow = kit.flow(issuer)
    states: list[PurchaseState] = []
    flow.observe(lambda s: states.append(s.state))
    await flow.start(kit.session())
    seats = free_seats(flow, 2)
    hold = await flow.choose({standard_code(flow): 2}, seats)
    assert kit.store.orders[hold.txn_id].state == "locked"
    request = await flow.pay()
    assert request.code_url.startswith("weixin://")
    assert request.amount_fen == hold.total_fen == kit.store.orders[hold.txn_id].total_fen
    kit.pay(request.out_trade_no)
    purchase = await flow.wait_for_payment()

    booking = kit.store.bookings[purchase.booking_id]
    assert booking.user_session_id == hold.txn_id
    assert booking.total_fen == hold.total_fen
    assert issuer.issued == [(purchase.booking_id, purchase.booking_number, hold.txn_id)]
    # the printed tickets will say what was sold: the type's name and the session's format
    (labels,) = issuer.labels
    assert labels is not None and labels.types and all(name for _, name in labels.types)
    assert labels.attributes == tuple(flow.offer.session.all_attributes)
    assert purchase.all_printed
    assert flow.state is PurchaseState.COMPLETED
    assert states[-1] is PurchaseState.COMPLETED
    txn = await kit.journal.transaction(hold.txn_id)
    assert txn is not None and txn.terminal and txn.state == "COMPLETED"
    assert txn.summary[OUT_TRADE_NO] == request.out_trade_no
    assert txn.summary["booking_id"] == purchase.booking_id
    await assert_invariant(kit)


async def test_every_outside_call_has_its_intent_before_its_result(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    await flow.wait_for_payment()
    steps = await kit.journal.steps(hold.txn_id)
    intents = [s.step for s in steps if s.phase == "intent"]
    assert intents == ["add_tickets", "payment_create", "start_external_payment", "complete_order"]
    for intent in (s for s in steps if s.phase == "intent"):
        [answer] = [s for s in steps if s.intent_id == intent.id]
        assert answer.seq > intent.seq and answer.outcome == "ok"
    assert await kit.journal.unanswered(hold.txn_id) == []


async def test_printing_failure_shows_the_pickup_code(kit: Kit) -> None:
    flow = kit.flow(RecordingIssuer(fail=True))
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    purchase = await flow.wait_for_payment()
    assert not purchase.all_printed
    assert purchase.pickup_code == purchase.booking_id
    assert kit.store.bookings[purchase.booking_id].print_state == "unprinted"
    assert flow.state is PurchaseState.COMPLETED
    await assert_invariant(kit)


async def test_empty_or_mismatched_selection_never_reaches_connect(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session(screen=7))
    code = standard_code(flow)
    premium = free_seats(flow, 1, area=2)
    with pytest.raises(InvalidSelection):
        await flow.choose({code: 1}, [])
    with pytest.raises(InvalidSelection):
        await flow.choose({code: 2}, free_seats(flow, 1))
    with pytest.raises(InvalidSelection):  # a premium seat for a standard ticket
        await flow.choose({code: 1}, premium)
    with pytest.raises(InvalidSelection):
        await flow.choose({code: 1}, [SeatKey(9, 9, 9)])
    with pytest.raises(InvalidSelection):
        await flow.choose({"9999": 1}, free_seats(flow, 1))
    assert kit.store.orders == {}
    assert await kit.journal.open_transactions() == []


async def test_result_8_reloads_the_seat_plan_and_lets_the_patron_choose_again(kit: Kit) -> None:
    rival, flow = kit.flow(), kit.flow()
    session = kit.session()
    await rival.start(session)
    await flow.start(session)
    seats = free_seats(flow, 2)
    await rival.choose({standard_code(rival): 1}, seats[:1])  # someone is faster
    with pytest.raises(SeatsTaken) as caught:
        await flow.choose({standard_code(flow): 2}, seats)
    plan = caught.value.seat_plan
    assert plan is not None
    taken = {
        (a.number, s.position.row_index, s.position.column_index): s.is_free
        for a, _r, s in plan.seats()
    }
    assert taken[(seats[0].area_number, seats[0].row_index, seats[0].column_index)] is False
    assert flow.state is PurchaseState.CHOOSING
    hold = await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
    assert kit.store.orders[hold.txn_id].state == "locked"
    await flow.cancel()
    await rival.cancel()
    await assert_invariant(kit)


async def test_result_8_after_the_sale_cutoff_says_sales_closed(kit: Kit) -> None:
    flow = kit.flow()
    session = kit.session()
    await flow.start(session)
    seats = free_seats(flow, 1)
    code = standard_code(flow)
    kit.clock.at = session.showtime + dt.timedelta(minutes=10)
    kit.faults("connect.AddTickets=code:8:times:1")
    # Inside the cutoff window Connect answers 8: seats, not sales.
    with pytest.raises(SeatsTaken):
        await flow.choose({code: 1}, seats)
    kit.clock.at = session.showtime + dt.timedelta(minutes=25)
    with pytest.raises(SalesClosed):
        await flow.choose({code: 1}, seats)
    assert kit.store.orders == {}  # past the cutoff nothing is even sent
    await assert_invariant(kit)


async def test_result_8_past_the_cutoff_is_sales_closed(kit: Kit) -> None:
    flow = kit.flow()
    session = kit.session()
    await flow.start(session)
    seats = free_seats(flow, 1)
    code = standard_code(flow)
    kit.clock.at = session.showtime + dt.timedelta(minutes=19)
    (on_the_wire,) = kit.world.faults.add(["connect.AddTickets=latency:150:times:1"])

    async def cutoff_passes() -> None:
        # once Connect has taken AddTickets (its one latency used) and before it answers:
        # a fixed sleep raced the flow's own calls before it on a loaded machine. The fault
        # book has no event to wait on; a 1 ms poll is well inside the 150 ms.
        while not on_the_wire.exhausted:  # noqa: ASYNC110
            await asyncio.sleep(0.001)
        kit.clock.advance(120)  # the cutoff passes while AddTickets is on the wire

    passing = asyncio.create_task(cutoff_passes())
    with pytest.raises(SalesClosed):
        await flow.choose({code: 1}, seats)
    assert on_the_wire.exhausted, "refused before AddTickets was sent, not by Connect's 8"
    await passing
    assert flow.state is PurchaseState.CHOOSING
    await assert_invariant(kit)


async def test_price_change_is_refused_by_connect_and_ticket_types_reloaded(kit: Kit) -> None:
    flow = kit.flow()
    session = kit.session()
    await flow.start(session)
    code = standard_code(flow)
    ticket_type = kit.store.sessions[session.session_id].ticket_type(code)
    assert ticket_type is not None
    ticket_type.price_fen += 500
    with pytest.raises(PriceChanged) as caught:
        await flow.choose({code: 1}, free_seats(flow, 1))
    assert caught.value.ticket_types is not None
    new_price = next(t.price_fen for t in caught.value.ticket_types if t.ticket_type_code == code)
    assert new_price == ticket_type.price_fen
    hold = await flow.choose({code: 1}, free_seats(flow, 1))
    assert hold.total_fen == ticket_type.price_fen
    await flow.cancel()
    await assert_invariant(kit)


async def test_area_mismatch_from_connect_cancels_and_explains(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session(screen=7))
    code = standard_code(flow)
    seat = free_seats(flow, 1)
    # The cinema re-zoned the hall after the plan was fetched: Connect refuses with 4.
    for hall_seat in kit.store.halls[("0200", 7)].all_seats():
        hall_seat.area_category_code = "0000000003" if hall_seat.area_number == 1 else "0000000001"
    with pytest.raises(PriceChanged):
        await flow.choose({code: 1}, seat)
    await assert_invariant(kit)


async def test_hold_expiry_without_payment_cancels_and_closes(kit: Kit) -> None:
    flow = kit.flow()
    ticks: list[Snapshot] = []
    flow.observe(ticks.append)
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    with pytest.raises(PaymentTimedOut):
        await flow.wait_for_payment()
    assert flow.state is PurchaseState.CANCELLED
    assert kit.store.payments[request.out_trade_no].state == "CLOSED"
    assert kit.store.orders[hold.txn_id].state == "cancelled"
    countdown = [t.seconds_left for t in ticks if t.state is PurchaseState.AWAITING_PAYMENT]
    assert countdown == sorted(countdown, reverse=True) and len(countdown) > 3
    await assert_invariant(kit)


async def test_patron_cancels_while_waiting(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
    await flow.pay()
    pressed: list[asyncio.Task[None]] = []

    def press_cancel_on_first_tick(snapshot: Snapshot) -> None:
        if snapshot.state is PurchaseState.AWAITING_PAYMENT and not pressed:
            pressed.append(asyncio.ensure_future(flow.cancel()))

    flow.observe(press_cancel_on_first_tick)
    with pytest.raises(PurchaseCancelled):
        await flow.wait_for_payment()
    await pressed[0]
    assert kit.store.orders[hold.txn_id].state == "cancelled"
    assert flow.state is PurchaseState.CANCELLED
    await assert_invariant(kit)


async def test_patron_cancels_before_paying_screen(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    await flow.cancel()
    assert kit.store.orders[hold.txn_id].state == "cancelled"
    assert kit.store.payments == {}
    await assert_invariant(kit)


async def test_cancel_after_booking_is_too_late(kit: Kit) -> None:
    gate = asyncio.Event()

    class SlowIssuer(RecordingIssuer):
        async def issue(self, booking_id: str, booking_number: int, txn_id: str, labels=None):  # type: ignore[no-untyped-def]
            await gate.wait()
            return await super().issue(booking_id, booking_number, txn_id, labels)

    flow = kit.flow(SlowIssuer())
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    booked = asyncio.Event()
    flow.observe(lambda snapshot: booked.set() if snapshot.state is PurchaseState.BOOKED else None)
    waiting = asyncio.create_task(flow.wait_for_payment())
    await booked.wait()
    with pytest.raises(TooLateToCancel):
        await flow.cancel()
    gate.set()
    await waiting
    await assert_invariant(kit)


async def test_payment_declined_releases_the_seats(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    kit.faults("payment.create=code:403")
    with pytest.raises(PaymentDeclined):
        await flow.pay()
    assert kit.store.orders[hold.txn_id].state == "cancelled"
    assert flow.state is PurchaseState.CANCELLED
    await assert_invariant(kit)


async def test_payment_closed_by_the_provider_cancels_the_order(kit: Kit) -> None:
    from kiosk.sim.payment_server import close_order

    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    close_order(kit.store, request.out_trade_no)
    with pytest.raises(PaymentClosed):
        await flow.wait_for_payment()
    assert kit.store.orders[hold.txn_id].state == "cancelled"
    await assert_invariant(kit)


async def test_payment_after_the_hold_expired_is_refunded(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    kit.clock.at = hold.expires_at + dt.timedelta(seconds=1)  # kiosk stalled; Connect let go
    with pytest.raises(PaymentTimedOut):
        await flow.wait_for_payment()
    payment = kit.store.payments[request.out_trade_no]
    assert (payment.state, payment.refunded_fen) == ("REFUNDED", hold.total_fen)
    assert flow.state is PurchaseState.REFUNDED
    assert not [b for b in kit.store.bookings.values() if b.user_session_id == hold.txn_id]
    await assert_invariant(kit)


async def test_refund_is_never_made_twice(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    kit.clock.at = hold.expires_at + dt.timedelta(seconds=1)
    with pytest.raises(PaymentTimedOut):
        await flow.wait_for_payment()
    # Asking again under the purchase's refund number (say, after a lost answer) is free.
    again = await kit.payment.refund(
        request.out_trade_no, out_refund_no_for(hold.txn_id), hold.total_fen
    )
    assert again.refunded_fen == hold.total_fen
    assert list(kit.store.payments[request.out_trade_no].refunds) == [f"R{hold.txn_id}"]
    await assert_invariant(kit)
