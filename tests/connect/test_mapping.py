"""The client's answers in the kiosk's own types carry everything Connect's wire models
read from the simulator's real replies: a whole purchase, field by field."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
from pydantic import BaseModel

from kiosk import domain
from kiosk.connect import models as wire
from kiosk.connect import wire as json_wire
from kiosk.connect.client import ConnectClient, _odata_items, new_user_session_id
from kiosk.sim.world import SimWorld
from tests.helpers.sessions import bookable_session


def _record(client: ConnectClient) -> list[Any]:
    """The body of every reply the client reads, as JSON, in order."""
    bodies: list[Any] = []

    async def hook(response: httpx.Response) -> None:
        await response.aread()
        bodies.append(json_wire.loads(response.content.decode("utf-8-sig")))

    client._http.event_hooks["response"].append(hook)
    return bodies


def _same(read: Any, mapped: Any, where: str) -> None:
    """``mapped`` (domain) holds every field ``read`` (wire) has, with the same value;
    lists become tuples, nested models their domain types."""
    if isinstance(read, BaseModel):
        assert dataclasses.is_dataclass(mapped) and not isinstance(mapped, type), where
        assert type(mapped).__module__.startswith("kiosk.domain"), where
        names = set(type(read).model_fields)
        assert names == {f.name for f in dataclasses.fields(mapped)}, where
        for name in sorted(names):
            _same(getattr(read, name), getattr(mapped, name), f"{where}.{name}")
    elif isinstance(read, list):
        assert isinstance(mapped, tuple) and len(mapped) == len(read), where
        for i, (r, m) in enumerate(zip(read, mapped, strict=True)):
            _same(r, m, f"{where}[{i}]")
    else:
        assert read == mapped and type(read) is type(mapped), where


async def test_a_purchase_maps_every_field(client: ConnectClient, sim_world: SimWorld) -> None:
    replies = _record(client)

    cinemas = await client.get_cinemas()
    read_cinemas = [wire.Cinema.model_validate(c) for c in _odata_items(replies[-1], "")]
    assert len(cinemas) == len(read_cinemas) >= 2
    for read_cinema, cinema in zip(read_cinemas, cinemas, strict=True):
        _same(read_cinema, cinema, "Cinema")

    films = await client.get_now_showing_scheduled_films()
    read_films = [wire.ScheduledFilm.model_validate(f) for f in _odata_items(replies[-1], "")]
    assert len(films) == len(read_films) >= 8
    assert any(s.attributes for f in films for s in f.sessions)
    for read_film, film in zip(read_films, films, strict=True):
        _same(read_film, film, "Film")

    sessions = await client.get_sessions()
    read_sessions = [wire.Session.model_validate(s) for s in _odata_items(replies[-1], "")]
    assert sessions and len(sessions) == len(read_sessions)
    assert any(s.attribute_names for s in sessions)
    for read_session, mapped_session in zip(read_sessions, sessions, strict=True):
        _same(read_session, mapped_session, "Session")

    session = bookable_session(sim_world.store, screen=2)  # a hall with sofas
    ticket_types = await client.get_tickets_for_session(session.session_id)
    read_types = [wire.TicketType.model_validate(t) for t in replies[-1]["Tickets"]]
    for read_type, ticket_type in zip(read_types, ticket_types, strict=True):
        _same(read_type, ticket_type, "TicketType")

    plan = await client.get_session_seat_plan(session.session_id)
    _same(wire.SeatPlan.model_validate(replies[-1]["SeatLayoutData"]), plan, "SeatPlan")
    assert any(seat.group for _a, _r, seat in plan.seats())

    area, _row, seat = next(
        (a, r, s) for a, r, s in plan.seats() if s.is_free and not s.is_sofa and s.status == 0
    )
    standard = next(t for t in ticket_types if t.area_category_code == area.area_category_code)
    usid = new_user_session_id()
    order = await client.add_tickets(
        usid,
        session.session_id,
        [domain.TicketLine(standard.ticket_type_code, 1, standard.price_fen)],
        [
            domain.SeatChoice(
                area.area_category_code,
                seat.position.area_number,
                seat.position.row_index,
                seat.position.column_index,
            )
        ],
    )
    _same(wire.Order.model_validate(replies[-1]["Order"]), order, "Order")
    assert order.total_fen >= standard.price_fen and not order.complete_called

    held = await client.get_order(usid)
    _same(wire.Order.model_validate(replies[-1]["Order"]), held, "Order")
    assert held.sessions and held.sessions[0].tickets

    await client.start_external_payment(usid)
    completed = await client.complete_order(usid, order.total_fen)
    _same(wire.CompleteResult.model_validate(replies[-1]), completed, "CompletedOrder")

    booked = await client.query_order_booking_status(usid)
    _same(wire.OrderSummary.model_validate(replies[-1]["OrderSummary"]), booked, "BookedOrder")
    assert booked.booking_number == completed.booking_number

    booking = await client.get_single_booking(booking_id=completed.booking_id)
    _same(wire.Booking.model_validate(replies[-1]["Booking"]), booking, "Booking")
    assert booking.tickets and not booking.collected
    assert (await client.get_order(usid)).complete_called


async def test_an_order_connect_no_longer_has_is_one_completion_was_asked_for(
    client: ConnectClient,
) -> None:
    order = await client.get_order(new_user_session_id())
    assert isinstance(order, domain.Order) and order.complete_called
