"""The client against the simulator over real loopback: every operation and business rule."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from kiosk.connect.client import ConnectClient, new_user_session_id
from kiosk.connect.errors import (
    BookingDoesNotExist,
    ConnectAuthError,
    InvalidRequestData,
    OrderCannotBeUniquelyIdentified,
    OrderDoesNotExist,
    OrderHasBeenRefunded,
    PaymentsProcessed,
    PaymentTotalMismatch,
    RefundBookingFailed,
    SeatsUnavailable,
    SoldOut,
)
from kiosk.domain import SeatChoice, SeatPlan, TicketLine, TicketType
from kiosk.logs import correlation
from kiosk.sim.cluster import SimCluster
from kiosk.sim.store import SimStore
from kiosk.sim.world import SimWorld
from tests.helpers.sessions import bookable_session


def _store(world: SimWorld) -> SimStore:
    return world.store


async def _free_seats(
    client: ConnectClient, session_id: str, count: int, category: str = "0000000001"
) -> tuple[SeatPlan, list[SeatChoice]]:
    plan = await client.get_session_seat_plan(session_id)
    seats = [
        SeatChoice(
            area_category_code=area.area_category_code,
            area_number=seat.position.area_number,
            row_index=seat.position.row_index,
            column_index=seat.position.column_index,
        )
        for area, _row, seat in plan.seats()
        if seat.is_free and not seat.is_sofa and area.area_category_code == category
    ]
    return plan, seats[:count]


async def _standard(
    client: ConnectClient, session_id: str, category: str = "0000000001"
) -> TicketType:
    tickets = await client.get_tickets_for_session(session_id)
    return next(
        t
        for t in tickets
        if t.area_category_code == category and t.ticket_type_code.endswith("010")
    )


async def _lock(
    client: ConnectClient, session_id: str, count: int = 2, usid: str | None = None
) -> tuple[str, int, list[SeatChoice]]:
    usid = usid or new_user_session_id()
    ticket = await _standard(client, session_id)
    _plan, seats = await _free_seats(client, session_id, count)
    order = await client.add_tickets(
        usid,
        session_id,
        [
            TicketLine(
                ticket_type_code=ticket.ticket_type_code, qty=count, price_fen=ticket.price_fen
            )
        ],
        seats,
    )
    assert order.total_fen == ticket.price_fen * count
    return usid, order.total_fen, seats


async def test_catalogue(client: ConnectClient, sim_world: SimWorld) -> None:
    cinemas = await client.get_cinemas()
    assert {c.cinema_id for c in cinemas} == {"0200", "0201"}
    assert any("沃思达" in c.name for c in cinemas)
    films = await client.get_now_showing_scheduled_films()
    assert len(films) >= 8
    sessions = [s for f in films for s in f.sessions]
    assert sessions and all(s.showtime.tzinfo == dt.UTC for s in sessions)
    assert {"0201"} & {s.cinema_id for s in sessions} == set()
    assert any("3D" in s.attributes for s in sessions)
    assert all(f.title for f in films) and films[0].run_time_min


async def test_sessions_filter_by_cinema_and_time(
    client: ConnectClient, sim_world: SimWorld
) -> None:
    after = sim_world.store.clock() + dt.timedelta(days=1)
    sessions = await client.get_sessions(after=after)
    assert sessions and all(s.showtime > after and s.cinema_id == "0200" for s in sessions)
    other = await client.get_sessions("0201")
    assert other and all(s.cinema_id == "0201" for s in other)


async def test_token_header_is_lowercase_on_the_wire(connect_sim: SimCluster) -> None:
    info = connect_sim.info()["connect"]
    seen: list[list[bytes]] = []

    async def hook(request: httpx.Request) -> None:
        seen.append([name for name, _ in request.headers.raw])

    async with ConnectClient(info["url"], info["token"]) as client:
        client._http.event_hooks["request"].append(hook)
        with correlation("tx-42"):
            await client.get_cinemas()
    assert b"connectapitoken" in seen[0] and b"correlationId" in seen[0]
    # the simulator, like the strict gateway in the wild, refuses other casings
    async with httpx.AsyncClient() as raw:
        response = await raw.get(
            f"{info['url']}/OData.svc/Cinemas", headers={"ConnectApiToken": info["token"]}
        )
    assert response.status_code == 403


async def test_wrong_token_is_an_auth_error(connect_sim: SimCluster) -> None:
    async with ConnectClient(connect_sim.info()["connect"]["url"], "wrong") as client:
        with pytest.raises(ConnectAuthError):
            await client.get_cinemas()


async def test_both_service_spellings(connect_sim: SimCluster, sim_world: SimWorld) -> None:
    info = connect_sim.info()["connect"]
    session = bookable_session(sim_world.store)
    async with ConnectClient(
        info["url"],
        info["token"],
        ticketing_service="RestTicketing.svc",
        booking_service="RestBooking.svc",
    ) as client:
        usid, total, _ = await _lock(client, session.session_id)
        result = await client.complete_order(usid, total)
        booking = await client.get_single_booking(booking_id=result.booking_id)
        assert booking.total_fen == total


async def test_full_purchase(client: ConnectClient, sim_world: SimWorld) -> None:
    store = sim_world.store
    session = bookable_session(store)
    usid, total, seats = await _lock(client, session.session_id)
    plan = await client.get_session_seat_plan(session.session_id)
    locked = {(s.position.row_index, s.position.column_index): s.status for _, _, s in plan.seats()}
    assert all(locked[(s.row_index, s.column_index)] == 1 for s in seats)
    order = await client.get_order(usid)
    assert not order.complete_called and order.sessions and len(order.sessions[0].tickets) == 2
    await client.start_external_payment(usid)
    result = await client.complete_order(usid, total)
    assert result.booking_id.startswith("W") and result.booking_number > 0
    assert store.bookings[result.booking_id].user_session_id == usid
    assert (await client.get_order(usid)).complete_called
    summary = await client.query_order_booking_status(usid)
    assert (summary.booking_id, summary.booking_number, summary.total_fen) == (
        result.booking_id,
        result.booking_number,
        total,
    )
    booking = await client.get_single_booking(booking_number=result.booking_number)
    assert booking.booking_id == result.booking_id and len(booking.tickets) == 2
    assert not booking.collected and not booking.refunded
    with pytest.raises(PaymentsProcessed):
        await client.cancel_order(usid)
    with pytest.raises(PaymentsProcessed):
        await client.complete_order(usid, total)
    await client.refund_booking(result.booking_number, total)
    assert (await client.get_single_booking(booking_id=result.booking_id)).refunded
    assert not session.sold & {(s.area_number, s.row_index, s.column_index) for s in seats}
    with pytest.raises(OrderHasBeenRefunded):
        await client.refund_booking(result.booking_number, total)


async def test_wrong_price_gives_the_seed_message(
    client: ConnectClient, sim_world: SimWorld
) -> None:
    session = bookable_session(sim_world.store)
    ticket = await _standard(client, session.session_id)
    _plan, seats = await _free_seats(client, session.session_id, 1)
    with pytest.raises(InvalidRequestData) as info:
        await client.add_tickets(
            new_user_session_id(),
            session.session_id,
            [
                TicketLine(
                    ticket_type_code=ticket.ticket_type_code, qty=1, price_fen=ticket.price_fen + 1
                )
            ],
            seats,
        )
    assert info.value.description == (
        f"Ticket type {ticket.ticket_type_code} could not be added to the order because ticket "
        f"price overrides are not allowed. Either provide the correct price in cents, "
        f"{ticket.price_fen}, or enable the AllowTicketPriceOverride security behaviour "
        "for your profile."
    )


async def test_area_category_must_match(client: ConnectClient, sim_world: SimWorld) -> None:
    session = bookable_session(sim_world.store, screen=7)
    tickets = await client.get_tickets_for_session(session.session_id)
    assert len({t.area_category_code for t in tickets}) == 2
    premium = await _standard(client, session.session_id, "0000000003")
    standard = await _standard(client, session.session_id)
    assert premium.price_fen > standard.price_fen
    _plan, seats = await _free_seats(client, session.session_id, 1)
    with pytest.raises(InvalidRequestData):
        await client.add_tickets(
            new_user_session_id(),
            session.session_id,
            [
                TicketLine(
                    ticket_type_code=premium.ticket_type_code, qty=1, price_fen=premium.price_fen
                )
            ],
            seats,
        )
    _plan, vip = await _free_seats(client, session.session_id, 1, "0000000003")
    order = await client.add_tickets(
        new_user_session_id(),
        session.session_id,
        [TicketLine(ticket_type_code=premium.ticket_type_code, qty=1, price_fen=premium.price_fen)],
        vip,
    )
    assert order.total_fen == premium.price_fen


async def test_taken_seats_and_lock_expiry(client: ConnectClient, sim_world: SimWorld) -> None:
    store = sim_world.store
    session = bookable_session(store)
    _usid, _total, seats = await _lock(client, session.session_id, 1)
    ticket = await _standard(client, session.session_id)
    line = [TicketLine(ticket_type_code=ticket.ticket_type_code, qty=1, price_fen=ticket.price_fen)]
    with pytest.raises(SeatsUnavailable):
        await client.add_tickets(new_user_session_id(), session.session_id, line, seats)
    base = store.clock()
    store.clock = lambda: base + dt.timedelta(seconds=store.seat_hold_s + 1)
    order = await client.add_tickets(new_user_session_id(), session.session_id, line, seats)
    assert order.total_fen == ticket.price_fen


async def test_cancel_releases_seats(client: ConnectClient, sim_world: SimWorld) -> None:
    session = bookable_session(sim_world.store)
    usid, _total, seats = await _lock(client, session.session_id, 2)
    await client.cancel_order(usid)
    assert (await client.get_order(usid)).complete_called  # nothing left to continue
    _usid, _total, again = await _lock(client, session.session_id, 2)
    assert again == seats  # the first free seats are the released ones
    with pytest.raises(OrderDoesNotExist):
        await client.start_external_payment(usid)


async def test_sale_cutoff(client: ConnectClient, sim_world: SimWorld) -> None:
    store = sim_world.store
    session = bookable_session(store)
    ticket = await _standard(client, session.session_id)
    _plan, seats = await _free_seats(client, session.session_id, 1)
    store.clock = lambda: session.showtime + dt.timedelta(minutes=session.sale_cutoff_min)
    with pytest.raises(SeatsUnavailable):
        await client.add_tickets(
            new_user_session_id(),
            session.session_id,
            [
                TicketLine(
                    ticket_type_code=ticket.ticket_type_code, qty=1, price_fen=ticket.price_fen
                )
            ],
            seats,
        )


async def test_auto_allocation_when_no_seats_are_sent(
    client: ConnectClient, sim_world: SimWorld
) -> None:
    session = bookable_session(sim_world.store)
    ticket = await _standard(client, session.session_id)
    line = [TicketLine(ticket_type_code=ticket.ticket_type_code, qty=2, price_fen=ticket.price_fen)]
    with pytest.raises(ValueError):
        await client.add_tickets(new_user_session_id(), session.session_id, line, [])
    usid = new_user_session_id()
    order = await client.add_tickets(usid, session.session_id, line, [], auto_allocate=True)
    assert order.ticket_count == 2
    assert len(sim_world.store.orders[usid].lines) == 2


async def test_sofa_is_sold_whole(client: ConnectClient, sim_world: SimWorld) -> None:
    session = bookable_session(sim_world.store, screen=2)
    plan = await client.get_session_seat_plan(session.session_id)
    sofa = [(a, s) for a, _r, s in plan.seats() if s.is_sofa]
    assert sofa and all(s.group and len(s.group) == 2 for _a, s in sofa)
    area, left = sofa[0]
    ticket = await _standard(client, session.session_id)
    half = [
        SeatChoice(
            area_category_code=area.area_category_code,
            area_number=left.position.area_number,
            row_index=left.position.row_index,
            column_index=left.position.column_index,
        )
    ]
    with pytest.raises(SeatsUnavailable):
        await client.add_tickets(
            new_user_session_id(),
            session.session_id,
            [
                TicketLine(
                    ticket_type_code=ticket.ticket_type_code, qty=1, price_fen=ticket.price_fen
                )
            ],
            half,
        )
    assert left.group is not None
    whole = [
        SeatChoice(
            area_category_code=area.area_category_code,
            area_number=p.area_number,
            row_index=p.row_index,
            column_index=p.column_index,
        )
        for p in left.group
    ]
    order = await client.add_tickets(
        new_user_session_id(),
        session.session_id,
        [TicketLine(ticket_type_code=ticket.ticket_type_code, qty=2, price_fen=ticket.price_fen)],
        whole,
    )
    assert order.ticket_count == 2


async def test_seat_plan_codes(client: ConnectClient, sim_world: SimWorld) -> None:
    store = sim_world.store
    marked = next(s for s in store.sessions.values() if s.marked_sold_out)
    private = next(s for s in store.sessions.values() if s.private)
    for session in (marked, private):
        with pytest.raises(SoldOut):
            await client.get_session_seat_plan(session.session_id)
    with pytest.raises(InvalidRequestData):
        await client.get_session_seat_plan("99999")
    with pytest.raises(InvalidRequestData):
        await client.get_tickets_for_session("99999")
    # The session sold seat by seat: every free seat of its hall sold (the demo's online
    # bookings also sell a few seats elsewhere, so "any seat sold" is not enough).
    really = next(
        s
        for s in store.sessions.values()
        if not s.marked_sold_out
        and all(seat.key in s.sold for seat in store.hall_for(s).all_seats() if seat.status == 0)
    )
    plan = await client.get_session_seat_plan(really.session_id)
    assert plan.seats() and not any(s.is_free for _a, _r, s in plan.seats())


async def test_seat_plan_geometry(client: ConnectClient, sim_world: SimWorld) -> None:
    session = bookable_session(sim_world.store, screen=1)
    plan = await client.get_session_seat_plan(session.session_id)
    seats = {
        (s.position.row_index, s.position.column_index): (row.physical_name, s.seat_id)
        for _a, row, s in plan.seats()
    }
    assert (0, 0) not in seats  # an aisle, like the seed's hall
    assert seats[(0, 1)] == ("7", "10") and seats[(0, 2)] == ("7", "9")
    assert len(seats) == 77
    big = bookable_session(sim_world.store, screen=3)
    assert len((await client.get_session_seat_plan(big.session_id)).seats()) >= 400
    statuses = {
        s.status
        for _a, _r, s in (
            await client.get_session_seat_plan(
                bookable_session(sim_world.store, screen=2).session_id
            )
        ).seats()
    }
    assert {0, 2, 3, 5} <= statuses


async def test_payment_must_match_total(client: ConnectClient, sim_world: SimWorld) -> None:
    session = bookable_session(sim_world.store)
    usid, total, _ = await _lock(client, session.session_id)
    with pytest.raises(PaymentTotalMismatch):
        await client.complete_order(usid, total - 1)
    assert (await client.complete_order(usid, total)).booking_number


async def test_booking_status_codes(client: ConnectClient, sim_world: SimWorld) -> None:
    with pytest.raises(BookingDoesNotExist):
        await client.query_order_booking_status(new_user_session_id())
    client.client_id = ""
    with pytest.raises(InvalidRequestData):
        await client.query_order_booking_status(new_user_session_id())
    client.client_id = "127.0.0.1"
    store = sim_world.store
    online = next(b for b in store.bookings.values() if b.online)
    session = store.sessions[online.session_id]
    for _ in range(2):
        store.create_booking(session, [], user_session_id="twice")
    with pytest.raises(OrderCannotBeUniquelyIdentified):
        await client.query_order_booking_status("twice")


async def test_online_bookings_and_refund_rules(client: ConnectClient, sim_world: SimWorld) -> None:
    store = sim_world.store
    online = [b for b in store.bookings.values() if b.online]
    assert len(online) >= 5 and all(2 <= len(b.tickets) <= 4 for b in online)
    first, second = online[0], online[1]
    booking = await client.get_single_booking(booking_id=first.booking_id)
    assert booking.booking_number == first.booking_number and booking.total_fen == first.total_fen
    with pytest.raises(BookingDoesNotExist):
        await client.get_single_booking(booking_id="WNOSUCH")
    with pytest.raises(RefundBookingFailed):
        await client.refund_booking(first.booking_number, first.total_fen - 100)
    first.print_state = "printed"
    assert (await client.get_single_booking(booking_id=first.booking_id)).collected
    with pytest.raises(RefundBookingFailed):
        await client.refund_booking(first.booking_number, first.total_fen)
    await client.refund_booking(
        second.booking_number, second.total_fen, booking_id=second.booking_id
    )
    assert second.refunded
