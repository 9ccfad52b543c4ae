"""The kiosk's own words for what it sells: films, sessions, seats, orders and bookings.

Flows, their ports and the UI speak these types only; each ticketing backend's
adapter (today :mod:`kiosk.connect`, VISTA Connect) maps its wire models into
them at its edge, so a second backend is one more adapter package. They are
frozen dataclasses of plain values: money is integer fen (:data:`Fen`), time an
aware UTC ``datetime``, ids the backend's own text.
"""

from kiosk.domain.booking import (
    BookedOrder,
    Booking,
    BookingTicket,
    CompletedOrder,
    Order,
    OrderSession,
    OrderTicket,
    SeatChoice,
    TicketLine,
)
from kiosk.domain.catalog import (
    Cinema,
    Film,
    Seat,
    SeatArea,
    SeatPlan,
    SeatPosition,
    SeatRow,
    SeatStatus,
    Session,
    TicketType,
)
from kiosk.domain.tickets import TicketRecord
from kiosk.domain.values import (
    AreaCategoryCode,
    BookingId,
    BookingNumber,
    CinemaId,
    Fen,
    FilmId,
    SessionId,
    TicketTypeCode,
    UserSessionId,
    new_user_session_id,
)

__all__ = [
    "AreaCategoryCode",
    "BookedOrder",
    "Booking",
    "BookingId",
    "BookingNumber",
    "BookingTicket",
    "Cinema",
    "CinemaId",
    "CompletedOrder",
    "Fen",
    "Film",
    "FilmId",
    "Order",
    "OrderSession",
    "OrderTicket",
    "Seat",
    "SeatArea",
    "SeatChoice",
    "SeatPlan",
    "SeatPosition",
    "SeatRow",
    "SeatStatus",
    "Session",
    "SessionId",
    "TicketLine",
    "TicketRecord",
    "TicketType",
    "TicketTypeCode",
    "UserSessionId",
    "new_user_session_id",
]
