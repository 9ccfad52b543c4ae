"""The simulators' shared store: one cinema world that every simulator reads and changes.

The Connect simulator sells from it, the SARFT simulator collects from it, the
payment simulator keeps its orders in it, and ``GET /_sim/state`` shows it. All
simulators of a process run on one asyncio loop, so plain objects suffice.
Business rules live here, not in the HTTP/TCP layers, so every wire speaks the
same truth.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

UTC = dt.UTC
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")

SeatKey = tuple[int, int, int]  # (AreaNumber, RowIndex, ColumnIndex)

# Seat Status values of seed §3.4
FREE, SOLD, HOUSE, WHEELCHAIR, BROKEN, SPECIAL_HOLD = 0, 1, 2, 3, 5, 7
# SeatStyle values: 0 normal, 1/2/3 sofa left/middle/right
SOFA_STYLES = (1, 2, 3)

PrintState = Literal["unprinted", "applied", "printed"]


@dataclass
class Cinema:
    cinema_id: str
    national_id: str
    name: str
    name_en: str
    phone: str
    email: str | None
    address: str
    city: str


@dataclass
class Film:
    film_id: str  # ScheduledFilmId, e.g. HO00012501
    title: str
    title_en: str
    short_code: str  # 影片广电编码 (12 digits)
    run_time_min: int
    rating: str
    synopsis: str


@dataclass
class Seat:
    area_number: int
    area_category_code: str
    row_index: int
    column_index: int
    row_name: str  # PhysicalName, e.g. "7"
    seat_id: str  # seat Id, e.g. "10"
    status: int = FREE  # the hall's own status: free, house, wheelchair, broken, special hold
    style: int = 0  # 0 normal, 1/2/3 sofa
    group: tuple[SeatKey, ...] = ()  # every seat of this sofa, itself included

    @property
    def key(self) -> SeatKey:
        return (self.area_number, self.row_index, self.column_index)

    @property
    def label(self) -> str:
        return f"{self.row_name}排{self.seat_id}座"


@dataclass
class Area:
    number: int
    area_category_code: str
    description: str
    description_en: str
    row_count: int
    column_count: int
    top: int = 0  # first logical row of this area in the hall grid
    seats: list[Seat] = field(default_factory=list)


@dataclass
class Hall:
    screen_number: int
    name: str
    name_en: str
    screen_code: str  # 影厅广电编码
    areas: list[Area] = field(default_factory=list)

    def seat(self, key: SeatKey) -> Seat | None:
        for area in self.areas:
            if area.number == key[0]:
                for seat in area.seats:
                    if seat.key == key:
                        return seat
        return None

    def all_seats(self) -> list[Seat]:
        return [seat for area in self.areas for seat in area.seats]


@dataclass
class TicketType:
    code: str  # TicketTypeCode
    description: str
    description_en: str
    area_category_code: str
    price_fen: int
    service_fee_fen: int = 0  # 网络代售服务费 printed on the ticket


@dataclass
class Session:
    session_id: str
    cinema_id: str
    film_id: str
    screen_number: int
    showtime: dt.datetime  # aware
    attributes: list[str]
    ticket_types: list[TicketType]
    sale_cutoff_min: int = 20  # ATMTimeShowMovieAfterStart: minutes after start selling stops
    marked_sold_out: bool = False  # ResponseCode 67
    private: bool = False  # 包场: ResponseCode 67
    sold: set[SeatKey] = field(default_factory=set)

    def ticket_type(self, code: str) -> TicketType | None:
        return next((t for t in self.ticket_types if t.code == code), None)


@dataclass
class OrderLine:
    ticket_type_code: str
    price_fen: int
    seat: SeatKey


@dataclass
class Order:
    user_session_id: str
    cinema_id: str
    session_id: str
    lines: list[OrderLine]
    total_fen: int
    created_at: dt.datetime
    expires_at: dt.datetime
    # locked -> payment_started -> completed | cancelled | expired
    state: str = "locked"
    booking_id: str | None = None


@dataclass
class BookingTicket:
    seat: SeatKey
    seat_label: str  # e.g. 7排10座
    ticket_type_code: str
    ticket_description: str
    price_fen: int
    service_fee_fen: int
    ticket_code: str  # 电影票编码, 16 characters
    ticket_info_code: str  # 电影票信息码, the QR content, opaque, <= 180 characters
    sequence: int


@dataclass
class Booking:
    booking_id: str  # VistaBookingId, 取票码, e.g. WQNX8JL
    booking_number: int  # VistaBookingNumber, e.g. 111972
    trans_number: int  # VistaTransNumber
    cinema_id: str
    session_id: str
    user_session_id: str | None
    tickets: list[BookingTicket]
    total_fen: int
    booked_at: dt.datetime
    card_number_masked: str = ""
    card_type: str = ""
    tender_category: str = ""
    print_state: PrintState = "unprinted"
    refunded: bool = False
    online: bool = False  # a demo booking bought "online" before the kiosk started

    @property
    def print_no(self) -> str:
        return f"{self.booking_number:016d}"


@dataclass
class Payment:
    out_trade_no: str
    amount_fen: int
    description: str
    code_url: str
    created_at: dt.datetime
    expires_at: dt.datetime
    state: str = "PENDING"  # PENDING, PAID, CLOSED, REFUNDED
    refunded_fen: int = 0
    refunds: dict[str, int] = field(default_factory=dict)  # out_refund_no -> amount
    paid_at: dt.datetime | None = None


class StoreError(Exception):
    """A business rule refused the operation; ``code`` is the VISTA result code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _utcnow() -> dt.datetime:
    return dt.datetime.now(UTC)


@dataclass
class SimStore:
    cinemas: dict[str, Cinema] = field(default_factory=dict)
    films: dict[str, Film] = field(default_factory=dict)
    halls: dict[tuple[str, int], Hall] = field(default_factory=dict)  # (cinema, screen)
    sessions: dict[str, Session] = field(default_factory=dict)  # session ids are unique here
    orders: dict[str, Order] = field(default_factory=dict)
    bookings: dict[str, Booking] = field(default_factory=dict)  # by booking id
    payments: dict[str, Payment] = field(default_factory=dict)
    seat_hold_s: float = 600.0
    clock: Callable[[], dt.datetime] = _utcnow
    rng: random.Random = field(default_factory=random.Random)
    _booking_numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(111972))
    _trans_numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(375975))

    # ---- look-ups -------------------------------------------------------------

    def hall_for(self, session: Session) -> Hall:
        return self.halls[(session.cinema_id, session.screen_number)]

    def booking_by_number(self, number: int) -> Booking | None:
        return next((b for b in self.bookings.values() if b.booking_number == number), None)

    def locked_seats(self, session_id: str, exclude: str | None = None) -> dict[SeatKey, str]:
        """Seats held by live orders of a session, mapped to the holding UserSessionId."""
        self.expire_orders()
        held: dict[SeatKey, str] = {}
        for order in self.orders.values():
            if order.session_id != session_id or order.user_session_id == exclude:
                continue
            if order.state in ("locked", "payment_started"):
                for line in order.lines:
                    held[line.seat] = order.user_session_id
        return held

    def seat_status(self, session: Session, seat: Seat) -> int:
        """The status a seat plan shows now: sold and locked seats read as sold."""
        if seat.key in session.sold or seat.key in self.locked_seats(session.session_id):
            return SOLD
        return seat.status

    def sales_closed(self, session: Session) -> bool:
        cutoff = session.showtime + dt.timedelta(minutes=session.sale_cutoff_min)
        return self.clock() >= cutoff

    # ---- orders ---------------------------------------------------------------

    def expire_orders(self) -> list[Order]:
        """Orders past their hold are cleaned up like CancelOrder (their seats freed)."""
        now = self.clock()
        expired = []
        for order in self.orders.values():
            if order.state in ("locked", "payment_started") and order.expires_at <= now:
                order.state = "expired"
                expired.append(order)
        return expired

    def new_booking_id(self) -> str:
        alphabet = string.ascii_uppercase + string.digits
        while True:
            candidate = "W" + "".join(self.rng.choice(alphabet) for _ in range(6))
            if candidate not in self.bookings:
                return candidate

    def make_ticket_code(self, booking_number: int, sequence: int) -> str:
        """A 16-character 电影票编码 like the cinema's ticketing system prints."""
        return f"{booking_number:010d}{sequence:02d}{self.rng.randrange(10**4):04d}"

    def make_ticket_info_code(self, cinema: Cinema, session: Session, ticket_code: str) -> str:
        """An opaque 电影票信息码 of realistic length (the real one is encrypted with the
        cinema's USB key; the kiosk must treat it as opaque and print it verbatim)."""
        payload = f"{cinema.national_id}|{session.session_id}|{ticket_code}|{self.rng.random()}"
        digest = hashlib.sha512(payload.encode()).hexdigest().upper()
        body = "".join(digest[i : i + 8] for i in range(0, 96, 8))
        code = f"SARFT1|{cinema.national_id}|{ticket_code}|{body}"
        return code[:180]

    def create_booking(
        self,
        session: Session,
        lines: list[OrderLine],
        *,
        user_session_id: str | None,
        card_number_masked: str = "",
        card_type: str = "",
        tender_category: str = "",
        online: bool = False,
        booking_id: str | None = None,
    ) -> Booking:
        hall = self.hall_for(session)
        cinema = self.cinemas[session.cinema_id]
        number = next(self._booking_numbers)
        tickets = []
        for sequence, line in enumerate(lines, start=1):
            seat = hall.seat(line.seat)
            ticket_type = session.ticket_type(line.ticket_type_code)
            assert seat is not None and ticket_type is not None
            code = self.make_ticket_code(number, sequence)
            tickets.append(
                BookingTicket(
                    seat=line.seat,
                    seat_label=seat.label,
                    ticket_type_code=ticket_type.code,
                    ticket_description=ticket_type.description,
                    price_fen=line.price_fen,
                    service_fee_fen=ticket_type.service_fee_fen,
                    ticket_code=code,
                    ticket_info_code=self.make_ticket_info_code(cinema, session, code),
                    sequence=sequence,
                )
            )
            session.sold.add(line.seat)
        booking = Booking(
            booking_id=booking_id or self.new_booking_id(),
            booking_number=number,
            trans_number=next(self._trans_numbers),
            cinema_id=session.cinema_id,
            session_id=session.session_id,
            user_session_id=user_session_id,
            tickets=tickets,
            total_fen=sum(line.price_fen for line in lines),
            booked_at=self.clock(),
            card_number_masked=card_number_masked,
            card_type=card_type,
            tender_category=tender_category,
            online=online,
        )
        self.bookings[booking.booking_id] = booking
        return booking

    def refund_booking(self, booking: Booking) -> None:
        """A refund frees the seats and makes the booking uncollectable."""
        if booking.refunded:
            return
        booking.refunded = True
        session = self.sessions.get(booking.session_id)
        if session is not None:
            for ticket in booking.tickets:
                session.sold.discard(ticket.seat)

    # ---- the whole world as JSON, for GET /_sim/state ---------------------------

    def state_json(self) -> dict[str, Any]:
        self.expire_orders()
        return {
            "orders": {
                usid: {
                    "state": o.state,
                    "cinema_id": o.cinema_id,
                    "session_id": o.session_id,
                    "seats": [list(line.seat) for line in o.lines],
                    "total": o.total_fen,
                    "expires_at": o.expires_at.isoformat(),
                    "booking_id": o.booking_id,
                }
                for usid, o in self.orders.items()
            },
            "seat_locks": [
                {"session_id": o.session_id, "user_session_id": o.user_session_id,
                 "seat": list(line.seat)}
                for o in self.orders.values()
                if o.state in ("locked", "payment_started")
                for line in o.lines
            ],
            "bookings": {
                b.booking_id: {
                    "booking_id": b.booking_id,
                    "booking_number": b.booking_number,
                    "print_no": b.print_no,
                    "session_id": b.session_id,
                    "user_session_id": b.user_session_id,
                    "tickets": [
                        {"seat": t.seat_label, "ticket_code": t.ticket_code,
                         "price": t.price_fen, "service_fee": t.service_fee_fen}
                        for t in b.tickets
                    ],
                    "total": b.total_fen,
                    "refunded": b.refunded,
                    "print_state": b.print_state,
                    "online": b.online,
                }
                for b in self.bookings.values()
            },
            "payments": {
                p.out_trade_no: {
                    "state": p.state,
                    "amount": p.amount_fen,
                    "refunded_amount": p.refunded_fen,
                    "expires_at": p.expires_at.isoformat(),
                }
                for p in self.payments.values()
            },
        }
