"""Connect's wire models turned into the kiosk's domain types, and its requests back.

The one place that knows both: :class:`~kiosk.connect.client.ConnectClient` parses
each answer with :mod:`kiosk.connect.models` (lenient where servers vary) and
hands the rest of the kiosk only what these functions return.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk import domain

if TYPE_CHECKING:
    # The models (and pydantic under them) load with the first answer, on a thread
    # while its request is on the wire (kiosk.connect.client); a command that reads
    # nothing from Connect before its first request pays nothing for them at start.
    from kiosk.connect import models as wire


def cinema(m: wire.Cinema) -> domain.Cinema:
    return domain.Cinema(
        cinema_id=m.cinema_id,
        name=m.name,
        national_id=m.national_id,
        name_alt=m.name_alt,
        phone=m.phone,
        email=m.email,
        address=m.address,
        city=m.city,
    )


def session(m: wire.Session) -> domain.Session:
    return domain.Session(
        session_id=m.session_id,
        showtime=m.showtime,
        cinema_id=m.cinema_id,
        film_id=m.film_id,
        screen_number=m.screen_number,
        screen_name=m.screen_name,
        seats_available=m.seats_available,
        attributes=tuple(m.attributes),
        attribute_names=tuple(m.attribute_names),
    )


def film(m: wire.ScheduledFilm) -> domain.Film:
    return domain.Film(
        film_id=m.film_id,
        title=m.title,
        title_alt=m.title_alt,
        short_code=m.short_code,
        rating=m.rating,
        synopsis=m.synopsis,
        run_time_min=m.run_time_min,
        sessions=tuple(session(s) for s in m.sessions),
    )


def ticket_type(m: wire.TicketType) -> domain.TicketType:
    return domain.TicketType(
        ticket_type_code=m.ticket_type_code,
        area_category_code=m.area_category_code,
        description=m.description,
        price_fen=m.price_fen,
        description_alt=m.description_alt,
        resale_price_fen=m.resale_price_fen,
        cinema_id=m.cinema_id,
        price_group_code=m.price_group_code,
    )


def _position(m: wire.SeatPosition) -> domain.SeatPosition:
    return domain.SeatPosition(m.area_number, m.row_index, m.column_index)


def _seat(m: wire.Seat) -> domain.Seat:
    return domain.Seat(
        seat_id=m.seat_id,
        position=_position(m.position),
        status=m.status,
        style=m.style,
        group=None if m.group is None else tuple(_position(p) for p in m.group),
    )


def _area(m: wire.SeatArea) -> domain.SeatArea:
    return domain.SeatArea(
        number=m.number,
        area_category_code=m.area_category_code,
        row_count=m.row_count,
        column_count=m.column_count,
        description=m.description,
        description_alt=m.description_alt,
        top=m.top,
        left=m.left,
        rows=tuple(
            domain.SeatRow(row.physical_name, tuple(_seat(s) for s in row.seats)) for row in m.rows
        ),
    )


def seat_plan(m: wire.SeatPlan) -> domain.SeatPlan:
    return domain.SeatPlan(tuple(_area(a) for a in m.areas))


def _order_session(m: wire.OrderSession) -> domain.OrderSession:
    return domain.OrderSession(
        session_id=m.session_id,
        cinema_id=m.cinema_id,
        film_title=m.film_title,
        showing_at=m.showing_at,
        tickets=tuple(
            domain.OrderTicket(
                ticket_type_code=t.ticket_type_code,
                description=t.description,
                price_fen=t.price_fen,
                row_name=t.row_name,
                seat_number=t.seat_number,
            )
            for t in m.tickets
        ),
    )


def order(m: wire.Order) -> domain.Order:
    return domain.Order(
        user_session_id=m.user_session_id,
        cinema_id=m.cinema_id,
        total_fen=m.total_fen,
        booking_fee_fen=m.booking_fee_fen,
        ticket_count=m.ticket_count,
        last_updated=m.last_updated,
        sessions=None if m.sessions is None else tuple(_order_session(s) for s in m.sessions),
    )


def completed_order(m: wire.CompleteResult) -> domain.CompletedOrder:
    return domain.CompletedOrder(m.booking_id, m.booking_number, m.trans_number)


def booked_order(m: wire.OrderSummary) -> domain.BookedOrder:
    return domain.BookedOrder(
        booking_id=m.booking_id,
        booking_number=m.booking_number,
        cinema_id=m.cinema_id,
        total_fen=m.total_fen,
        user_session_id=m.user_session_id,
    )


def booking(m: wire.Booking) -> domain.Booking:
    return domain.Booking(
        booking_id=m.booking_id,
        booking_number=m.booking_number,
        booked_at=m.booked_at,
        cinema_id=m.cinema_id,
        cinema_name=m.cinema_name,
        total_fen=m.total_fen,
        user_session_id=m.user_session_id,
        masked_card_number=m.masked_card_number,
        trans_number=m.trans_number,
        cancelled_status=m.cancelled_status,
        tickets=tuple(
            domain.BookingTicket(
                sequence=t.sequence,
                price_fen=t.price_fen,
                ticket_type_code=t.ticket_type_code,
                description=t.description,
                film_title=t.film_title,
                film_title_alt=t.film_title_alt,
                session_id=t.session_id,
                session_at=t.session_at,
                collect_status=t.collect_status,
                refunded_status=t.refunded_status,
            )
            for t in m.tickets
        ),
    )


def ticket_request(line: domain.TicketLine) -> dict[str, Any]:
    """One of AddTickets' ``TicketTypes``, validated by the wire model on its way out."""
    from kiosk.connect import models as wire

    return wire.TicketRequest(
        ticket_type_code=line.ticket_type_code,
        qty=line.qty,
        price_fen=line.price_fen,
        booking_fee_override_fen=line.booking_fee_override_fen,
    ).model_dump(by_alias=True)


def seat_request(choice: domain.SeatChoice) -> dict[str, Any]:
    """One of AddTickets' ``SelectedSeats``."""
    from kiosk.connect import models as wire

    return wire.SeatRequest(
        area_category_code=choice.area_category_code,
        area_number=choice.area_number,
        row_index=choice.row_index,
        column_index=choice.column_index,
    ).model_dump(by_alias=True)
