"""The store's order rules directly, and the demo world's promises."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.sim.demo_data import build_demo_store
from kiosk.sim.store import SeatPick, SimStore, SimTicketLine, StoreError, mask_card_number
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
