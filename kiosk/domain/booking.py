"""What a purchase asks for and gets: the order with its held seats, and the booking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.values import (
    AreaCategoryCode,
    BookingId,
    BookingNumber,
    CinemaId,
    Fen,
    SessionId,
    TicketTypeCode,
    UserSessionId,
)


@dataclass(frozen=True, slots=True)
class TicketLine:
    """Tickets of one type wanted, at the price the session lists for it."""

    ticket_type_code: TicketTypeCode
    qty: int
    price_fen: Fen
    booking_fee_override_fen: Fen | None = None

    def __post_init__(self) -> None:
        if self.qty < 1 or self.price_fen < 0:
            raise ValueError(f"a ticket line needs qty >= 1 and a price >= 0: {self}")


@dataclass(frozen=True, slots=True)
class SeatChoice:
    """One seat wanted, in the plan's own coordinates, with its area category (which
    must be the one of the ticket type it is sold with)."""

    area_category_code: AreaCategoryCode
    area_number: int
    row_index: int
    column_index: int


@dataclass(frozen=True, slots=True)
class OrderTicket:
    ticket_type_code: TicketTypeCode | None = None
    description: str | None = None
    price_fen: Fen | None = None
    row_name: str | None = None
    seat_number: str | None = None


@dataclass(frozen=True, slots=True)
class OrderSession:
    session_id: SessionId
    cinema_id: CinemaId | None = None
    film_title: str | None = None
    showing_at: dt.datetime | None = None
    tickets: tuple[OrderTicket, ...] = ()


@dataclass(frozen=True, slots=True)
class Order:
    """An order with its seats held, not yet a booking. ``cinema_id`` is None once
    completion has been asked for, successful or not (VISTA's GetOrder says so)."""

    user_session_id: UserSessionId | None = None
    cinema_id: CinemaId | None = None
    total_fen: Fen = 0
    booking_fee_fen: Fen = 0
    ticket_count: int = 0
    last_updated: dt.datetime | None = None
    sessions: tuple[OrderSession, ...] | None = None

    @property
    def complete_called(self) -> bool:
        return self.cinema_id is None


@dataclass(frozen=True, slots=True)
class CompletedOrder:
    """The booking an order became: ``booking_id`` is its 取票码."""

    booking_id: BookingId
    booking_number: BookingNumber
    trans_number: int


@dataclass(frozen=True, slots=True)
class BookedOrder:
    """The booking an order is found to have made, asked after a lost completion."""

    booking_id: BookingId
    booking_number: BookingNumber
    cinema_id: CinemaId | None = None
    total_fen: Fen = 0
    user_session_id: UserSessionId | None = None


@dataclass(frozen=True, slots=True)
class BookingTicket:
    """One ticket of a booking, as the backend records it. ``collect_status`` and
    ``refunded_status``: 1 yes, 0 no, 2 unknown."""

    sequence: int
    price_fen: Fen
    ticket_type_code: TicketTypeCode | None = None
    description: str | None = None
    film_title: str | None = None
    film_title_alt: str | None = None
    session_id: SessionId | None = None
    session_at: dt.datetime | None = None
    collect_status: int = 2
    refunded_status: int = 2

    @property
    def collected(self) -> bool:
        return self.collect_status == 1

    @property
    def refunded(self) -> bool:
        return self.refunded_status == 1


@dataclass(frozen=True, slots=True)
class Booking:
    """A booking after the sale, looked up by its 取票码 or number."""

    booking_id: BookingId
    booking_number: BookingNumber
    booked_at: dt.datetime | None = None
    cinema_id: CinemaId | None = None
    cinema_name: str | None = None
    total_fen: Fen = 0
    user_session_id: UserSessionId | None = None
    masked_card_number: str | None = None
    trans_number: int | None = None
    cancelled_status: int = 0
    tickets: tuple[BookingTicket, ...] = ()

    @property
    def collected(self) -> bool:
        return bool(self.tickets) and all(t.collected for t in self.tickets)

    @property
    def refunded(self) -> bool:
        return bool(self.tickets) and all(t.refunded for t in self.tickets)
