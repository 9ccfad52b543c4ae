"""The store's order rules directly, and the demo world's promises."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.sim.demo_data import build_demo_store
from kiosk.sim.store import (
    SeatCoords,
    SeatPick,
    SimOrder,
    SimStore,
    SimTicketLine,
    StoreError,
    mask_card_number,
)
from tests.helpers.sessions import bookable_session

NOW = dt.datetime(2030, 5, 1, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai


def _store() -> SimStore:
    store = build_demo_store(seed=7, now=NOW)
    store.clock = lambda: NOW
    return store


def test_demo_world_is_deterministic() -> None:
    first, second = _store(), _store()
    assert first.state_json() == second.state_json()
    assert len(first.films) >= 8 and {"0200", "0201"} <= set(first.cinemas)
    halls = first.halls.values()
    assert len(halls) >= 4 and max(len(h.all_seats()) for h in halls) >= 400
    assert len(first.halls[("0200", 7)].areas) == 2
    assert any(s.marked_sold_out for s in first.sessions.values())
    assert any(s.private for s in first.sessions.values())
    assert any(first.sales_closed(s) for s in first.sessions.values())
    online = [b for b in first.bookings.values() if b.online]
    assert len(online) >= 5
    assert all(
        len(t.ticket_code) == 16 and len(t.ticket_info_code) <= 180
        for b in online
        for t in b.tickets
    )


def test_order_lifecycle_and_expiry() -> None:
    store = _store()
    session = bookable_session(store)
    ticket = session.ticket_types[0]
    seat = next(s for s in store.hall_for(session).all_seats() if s.status == 0)
    pick = [SeatPick(seat.area_category_code, seat.key)]
    order = store.add_tickets(
        "u1", "0200", session.session_id, [SimTicketLine(ticket.code, 1, ticket.price_fen)], pick
    )
    assert order.total_fen == ticket.price_fen
    with pytest.raises(StoreError) as info:
        store.add_tickets(
            "u2",
            "0200",
            session.session_id,
            [SimTicketLine(ticket.code, 1, ticket.price_fen)],
            pick,
        )
    assert info.value.code == 8
    store.clock = lambda: NOW + dt.timedelta(seconds=store.seat_hold_s)
    assert store.live_order("u1") is None and store.orders["u1"].state == "expired"
    assert store.state_json()["seat_locks"] == []
    with pytest.raises(StoreError) as info:
        store.complete_order(
            "u1",
            order.total_fen,
            card_number="1",
            card_type="CreditCard",
            tender_category="CreditCard",
        )
    assert info.value.code == 62


def test_mask_card_number() -> None:
    assert mask_card_number("123456789012") == "123456..9012"
    assert mask_card_number("1234") == "****"


def _hold(store: SimStore, usid: str, seat_index: int = 0) -> tuple[str, SeatCoords]:
    session = bookable_session(store)
    ticket = session.ticket_types[0]
    seat = [s for s in store.hall_for(session).all_seats() if s.status == 0][seat_index]
    store.add_tickets(
        usid,
        "0200",
        session.session_id,
        [SimTicketLine(ticket.code, 1, ticket.price_fen)],
        [SeatPick(seat.area_category_code, seat.key)],
    )
    return session.session_id, seat.key


def test_held_seats_follow_every_way_an_order_starts_and_ends() -> None:
    store = _store()
    session_id, first = _hold(store, "u1")
    assert store.locked_seats(session_id) == {first: "u1"}
    store.cancel_order("u1")
    assert store.locked_seats(session_id) == {}
    # the same UserSessionId orders again after its cancel: a new order, held again
    again_session, again = _hold(store, "u1", 1)
    assert again_session == session_id and store.locked_seats(session_id) == {again: "u1"}
    store.start_external_payment("u1")
    assert store.locked_seats(session_id) == {again: "u1"}
    order = store.orders["u1"]
    store.complete_order(
        "u1", order.total_fen, card_number="1", card_type="CreditCard", tender_category="CreditCard"
    )
    assert store.locked_seats(session_id) == {}
    # an order a test puts in by hand holds its seats as one taken through AddTickets
    other_session, third = _hold(store, "u2", 2)
    planted = store.orders.pop("u2")
    assert store.locked_seats(other_session) == {}
    store.orders["u3"] = planted
    assert store.locked_seats(other_session) == {third: "u2"}
    store.clock = lambda: NOW + dt.timedelta(seconds=store.seat_hold_s)
    assert store.locked_seats(other_session) == {} and planted.state == "expired"


class _CountedOrder(SimOrder):
    reads = 0

    def __getattribute__(self, name: str) -> object:
        if name in ("state", "session_id", "lines"):
            _CountedOrder.reads += 1
        return super().__getattribute__(name)


def test_a_seat_plan_does_not_walk_every_order_ever_taken() -> None:
    """A kiosk's year of sales must not make each seat plan slower than the last: the
    finished orders stay out of the way of every request (bench/bench_soak.py)."""
    store = _store()
    session_id, seat = _hold(store, "live")
    for i in range(1_000):
        store.orders[f"done{i}"] = _CountedOrder(
            f"done{i}", "0200", session_id, [], 0, NOW, NOW, state="completed"
        )
    assert store.locked_seats(session_id) == {seat: "live"}  # the new orders are indexed
    _CountedOrder.reads = 0
    for _ in range(10):
        assert store.locked_seats(session_id) == {seat: "live"}
        store.expire_orders()
    assert _CountedOrder.reads == 0
