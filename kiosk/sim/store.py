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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from kiosk.chinatime import CHINA_TIME

if TYPE_CHECKING:
    from kiosk.sim.wallet import WalletTrade

UTC = dt.UTC
CHINA = CHINA_TIME

KIOSK_CHANNEL = "KIOSK"

SeatCoords = tuple[int, int, int]  # (AreaNumber, RowIndex, ColumnIndex)

# VISTA result codes the rules answer with (seed §3.13)
INVALID_REQUEST, SEATS_UNAVAILABLE, PAYMENT_MISMATCH = 4, 8, 27
REFUND_FAILED, NO_BOOKING, PAID_ALREADY = 39, 47, 56
NOT_UNIQUE, NO_ORDER, REFUNDED_ALREADY, MARKED_SOLD_OUT = 61, 62, 63, 67

# Seat Status values of seed §3.4
FREE, SOLD, HOUSE, WHEELCHAIR, BROKEN, SPECIAL_HOLD = 0, 1, 2, 3, 5, 7
# SeatStyle values: 0 normal, 1/2/3 sofa left/middle/right
SOFA_STYLES = (1, 2, 3)

PrintState = Literal["unprinted", "applied", "printed"]


@dataclass
class SimCinema:
    cinema_id: str
    national_id: str
    name: str
    name_en: str
    phone: str
    email: str | None
    address: str
    city: str


@dataclass
class SimFilm:
    film_id: str  # ScheduledFilmId, e.g. HO00012501
    title: str
    title_en: str
    short_code: str  # 影片广电编码 (12 digits)
    run_time_min: int
    rating: str
    synopsis: str


@dataclass
class SimSeat:
    area_number: int
    area_category_code: str
    row_index: int
    column_index: int
    row_name: str  # PhysicalName, e.g. "7"
    seat_id: str  # seat Id, e.g. "10"
    status: int = FREE  # the hall's own status: free, house, wheelchair, broken, special hold
    style: int = 0  # 0 normal, 1/2/3 sofa
    group: tuple[SeatCoords, ...] = ()  # every seat of this sofa, itself included

    @property
    def key(self) -> SeatCoords:
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
    seats: list[SimSeat] = field(default_factory=list)


@dataclass
class Hall:
    screen_number: int
    name: str
    name_en: str
    screen_code: str  # 影厅广电编码
    areas: list[Area] = field(default_factory=list)

    def seat(self, key: SeatCoords) -> SimSeat | None:
        for area in self.areas:
            if area.number == key[0]:
                for seat in area.seats:
                    if seat.key == key:
                        return seat
        return None

    def all_seats(self) -> list[SimSeat]:
        return [seat for area in self.areas for seat in area.seats]


@dataclass
class SimTicketType:
    code: str  # TicketTypeCode
    description: str
    description_en: str
    area_category_code: str
    price_fen: int
    service_fee_fen: int = 0  # 网络代售服务费 printed on the ticket
    # Sales channels that may sell it. The simulated token is the kiosk's, so Connect
    # answers with the KIOSK channel's types, as a real token sees its own channel's.
    channels: tuple[str, ...] = ("KIOSK", "RSP")

    @property
    def on_kiosk(self) -> bool:
        return KIOSK_CHANNEL in self.channels


@dataclass
class SimSession:
    session_id: str
    cinema_id: str
    film_id: str
    screen_number: int
    showtime: dt.datetime  # aware
    attributes: list[str]
    ticket_types: list[SimTicketType]
    sale_cutoff_min: int = 20  # ATMTimeShowMovieAfterStart: minutes after start selling stops
    marked_sold_out: bool = False  # ResponseCode 67
    private: bool = False  # 包场: ResponseCode 67
    sold: set[SeatCoords] = field(default_factory=set)

    def ticket_type(self, code: str) -> SimTicketType | None:
        return next((t for t in self.ticket_types if t.code == code), None)


@dataclass
class OrderLine:
    ticket_type_code: str
    price_fen: int
    seat: SeatCoords


@dataclass
class SimOrder:
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
    booking_fee_fen: int = 0

    @property
    def live(self) -> bool:
        return self.state in ("locked", "payment_started")


@dataclass
class SimBookingTicket:
    seat: SeatCoords
    seat_label: str  # e.g. 7排10座
    ticket_type_code: str
    ticket_description: str
    price_fen: int
    service_fee_fen: int
    ticket_code: str  # 电影票编码, 16 characters
    ticket_info_code: str  # 电影票信息码, the QR content, opaque, <= 180 characters
    sequence: int


@dataclass
class SimBooking:
    booking_id: str  # VistaBookingId, 取票码, e.g. WQNX8JL
    booking_number: int  # VistaBookingNumber, e.g. 111972
    trans_number: int  # VistaTransNumber
    cinema_id: str
    session_id: str
    user_session_id: str | None
    tickets: list[SimBookingTicket]
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
    # The protocol that made the order (simulator, wechatpay, alipay) and what that
    # provider keeps beyond this state: its own ids, times and states (kiosk.sim.wallet).
    provider: str = "simulator"
    wallet: WalletTrade | None = None


@dataclass(frozen=True)
class SimTicketLine:
    """One AddTickets ``TicketTypes`` entry as the store reads it."""

    ticket_type_code: str
    qty: int
    price_fen: int
    booking_fee_fen: int | None = None


@dataclass(frozen=True)
class SeatPick:
    """One AddTickets ``SelectedSeats`` entry: the client's area category and position."""

    area_category_code: str
    seat: SeatCoords


class StoreError(Exception):
    """A business rule refused the operation; ``code`` is the VISTA result code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def mask_card_number(number: str) -> str:
    """``123456789012`` -> ``123456..9012``, as GetSingleBooking shows it."""
    digits = number.replace(" ", "")
    if len(digits) <= 10:
        return "*" * len(digits)
    return f"{digits[:6]}..{digits[-4:]}"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(UTC)


@dataclass
class SimStore:
    cinemas: dict[str, SimCinema] = field(default_factory=dict)
    films: dict[str, SimFilm] = field(default_factory=dict)
    halls: dict[tuple[str, int], Hall] = field(default_factory=dict)  # (cinema, screen)
    sessions: dict[str, SimSession] = field(default_factory=dict)  # session ids are unique here
    orders: dict[str, SimOrder] = field(default_factory=dict)
    bookings: dict[str, SimBooking] = field(default_factory=dict)  # by booking id
    payments: dict[str, Payment] = field(default_factory=dict)
    seat_hold_s: float = 600.0
    clock: Callable[[], dt.datetime] = _utcnow
    rng: random.Random = field(default_factory=random.Random)
    _booking_numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(111972))
    _trans_numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(375975))
    # booking number -> booking, as last found: SARFT names a booking by its number three
    # times a collect, and a scan of every booking made a long run slow down with each sale
    _by_number: dict[int, SimBooking] = field(default_factory=dict)
    # the orders still holding seats, by UserSessionId: every request reads them (seat
    # plans, AddTickets, expiry) and a walk of every order ever taken made each sale of a
    # long run slower than the one before, which a real Connect server does not do.
    # Orders only ever leave the live states. Orders given to the store otherwise than
    # through AddTickets (``SimStore(orders=...)``, a test) are indexed when the count
    # of orders no longer matches.
    _live_orders: dict[str, SimOrder] = field(default_factory=dict)
    _orders_indexed: int = 0

    # ---- look-ups -------------------------------------------------------------

    def hall_for(self, session: SimSession) -> Hall:
        return self.halls[(session.cinema_id, session.screen_number)]

    def booking_by_number(self, number: int) -> SimBooking | None:
        known = self._by_number.get(number)
        # still the booking of that id (``bookings`` is also changed from outside: tests)
        if known is not None and self.bookings.get(known.booking_id) is known:
            return known
        found = next((b for b in self.bookings.values() if b.booking_number == number), None)
        if found is not None:
            self._by_number[number] = found
        return found

    def locked_seats(self, session_id: str, exclude: str | None = None) -> dict[SeatCoords, str]:
        """Seats held by live orders of a session, mapped to the holding UserSessionId."""
        held: dict[SeatCoords, str] = {}
        for order in self._live().values():
            if order.session_id != session_id or order.user_session_id == exclude:
                continue
            for line in order.lines:
                held[line.seat] = order.user_session_id
        return held

    def seat_status(
        self, session: SimSession, seat: SimSeat, held: Mapping[SeatCoords, str] | None = None
    ) -> int:
        """The status a seat plan shows now: sold and locked seats read as sold. ``held``:
        the session's :meth:`locked_seats`, read once for a whole plan."""
        if held is None:
            held = self.locked_seats(session.session_id)
        if seat.key in session.sold or seat.key in held:
            return SOLD
        return seat.status

    def sales_closed(self, session: SimSession) -> bool:
        cutoff = session.showtime + dt.timedelta(minutes=session.sale_cutoff_min)
        return self.clock() >= cutoff

    # ---- orders ---------------------------------------------------------------

    def live_order(self, user_session_id: str) -> SimOrder | None:
        self.expire_orders()
        order = self.orders.get(user_session_id)
        return order if order is not None and order.live else None

    def add_tickets(
        self,
        user_session_id: str,
        cinema_id: str,
        session_id: str,
        tickets: list[SimTicketLine],
        seats: list[SeatPick] | None,
        booking_fee_override: int | None = None,
    ) -> SimOrder:
        """Lock seats for tickets (seed §3.5). ``seats`` empty or None: pick seats like
        Connect does (seed §2.2). A live order of the same UserSessionId grows."""
        self.expire_orders()
        session = self.sessions.get(session_id)
        if session is None or session.cinema_id != cinema_id:
            raise StoreError(INVALID_REQUEST, f"Session {session_id} not found at {cinema_id}")
        existing = self.orders.get(user_session_id)
        if existing is not None and existing.state == "completed":
            raise StoreError(PAID_ALREADY, "Payments have already been made for this order")
        if existing is not None and existing.live and existing.session_id != session_id:
            raise StoreError(INVALID_REQUEST, "An order holds tickets of one session only")
        if not tickets or any(t.qty < 1 for t in tickets):
            raise StoreError(INVALID_REQUEST, "TicketTypes must list at least one ticket")
        units: list[SimTicketType] = []
        for line in tickets:
            ticket_type = session.ticket_type(line.ticket_type_code)
            if ticket_type is None or not ticket_type.on_kiosk:
                raise StoreError(
                    INVALID_REQUEST,
                    f"Ticket type {line.ticket_type_code} is not available for this session",
                )
            if line.price_fen != ticket_type.price_fen:
                raise StoreError(
                    INVALID_REQUEST,
                    f"Ticket type {ticket_type.code} could not be added to the order because "
                    "ticket price overrides are not allowed. Either provide the correct price "
                    f"in cents, {ticket_type.price_fen}, or enable the AllowTicketPriceOverride "
                    "security behaviour for your profile.",
                )
            units.extend([ticket_type] * line.qty)
        if session.marked_sold_out or session.private or self.sales_closed(session):
            raise StoreError(SEATS_UNAVAILABLE, "Tickets for this session are not on sale")
        if seats:
            chosen = self._check_seats(session, units, seats)
        else:
            chosen = self._allocate(session, units)
        lines = [
            OrderLine(ticket_type.code, ticket_type.price_fen, key)
            for ticket_type, key in zip(units, chosen, strict=True)
        ]
        fee = booking_fee_override
        if fee is None:
            fee = sum((t.booking_fee_fen or 0) * t.qty for t in tickets)
        now = self.clock()
        if existing is not None and existing.live:
            existing.lines.extend(lines)
            existing.booking_fee_fen += fee
            existing.total_fen = sum(line.price_fen for line in existing.lines)
            existing.total_fen += existing.booking_fee_fen
            return existing
        order = SimOrder(
            user_session_id=user_session_id,
            cinema_id=cinema_id,
            session_id=session_id,
            lines=lines,
            total_fen=sum(line.price_fen for line in lines) + fee,
            created_at=now,
            expires_at=now + dt.timedelta(seconds=self.seat_hold_s),
            booking_fee_fen=fee,
        )
        self.orders[user_session_id] = order
        self._live_orders[user_session_id] = order
        self._orders_indexed = len(self.orders)
        return order

    def _taken(self, session: SimSession) -> set[SeatCoords]:
        """Sold seats and seats held by any live order, the caller's own included."""
        return session.sold | set(self.locked_seats(session.session_id))

    def _check_seats(
        self, session: SimSession, units: list[SimTicketType], picks: list[SeatPick]
    ) -> list[SeatCoords]:
        """Every picked seat must exist in the area category of its ticket type, be free
        (not sold, held, or a house/broken/special seat) and take its whole sofa along."""
        if len(picks) != len(units):
            raise StoreError(
                INVALID_REQUEST, f"{len(units)} tickets need {len(units)} seats, got {len(picks)}"
            )
        hall = self.hall_for(session)
        keys = [pick.seat for pick in picks]
        if len(set(keys)) != len(keys):
            raise StoreError(INVALID_REQUEST, "A seat is selected twice")
        taken = self._taken(session)
        remaining = list(units)
        for pick in picks:
            seat = hall.seat(pick.seat)
            if seat is None or seat.area_category_code != pick.area_category_code:
                raise StoreError(INVALID_REQUEST, f"Seat {list(pick.seat)} is not in this area")
            unit = next(
                (t for t in remaining if t.area_category_code == seat.area_category_code), None
            )
            if unit is None:
                raise StoreError(
                    INVALID_REQUEST,
                    f"Seat {seat.label} is in area category {seat.area_category_code}, "
                    "which none of the ticket types is for",
                )
            remaining.remove(unit)
            if seat.key in taken or seat.status != FREE:
                raise StoreError(SEATS_UNAVAILABLE, f"Seat {seat.label} is not available")
            if seat.group and not set(seat.group) <= set(keys):
                raise StoreError(SEATS_UNAVAILABLE, f"Sofa seat {seat.label} is sold as a whole")
        # The seats are returned in ticket order so each line pairs a seat with its own type.
        ordered: list[SeatCoords] = []
        pool = list(picks)
        for unit in units:
            pick = next(
                p
                for p in pool
                if (seat := hall.seat(p.seat))
                and seat.area_category_code == unit.area_category_code
            )
            pool.remove(pick)
            ordered.append(pick.seat)
        return ordered

    def _allocate(self, session: SimSession, units: list[SimTicketType]) -> list[SeatCoords]:
        """Connect's own choice when no seats are sent: free non-sofa seats of the right
        area, best first (rows from the middle of the area, seats from the centre)."""
        hall = self.hall_for(session)
        taken = self._taken(session)
        chosen: list[SeatCoords] = []
        for unit in units:
            candidates = [
                seat
                for area in hall.areas
                for seat in area.seats
                if seat.area_category_code == unit.area_category_code
                and seat.status == FREE
                and not seat.group
                and seat.key not in taken
                and seat.key not in chosen
            ]
            if not candidates:
                raise StoreError(SEATS_UNAVAILABLE, "Not enough seats available")
            area_rows = {a.number: a.row_count for a in hall.areas}
            area_cols = {a.number: a.column_count for a in hall.areas}
            best = min(
                candidates,
                key=lambda seat: (
                    abs(seat.row_index - area_rows[seat.area_number] / 2),
                    abs(seat.column_index - area_cols[seat.area_number] / 2),
                ),
            )
            chosen.append(best.key)
        return chosen

    def cancel_order(self, user_session_id: str) -> None:
        """Release the seats; cancelling an unknown or finished order is a no-op, but a
        completed one cannot be cancelled (it needs RefundBooking)."""
        self.expire_orders()
        order = self.orders.get(user_session_id)
        if order is None:
            return
        if order.state == "completed":
            raise StoreError(PAID_ALREADY, "Payments have already been made for this order")
        if order.live:
            order.state = "cancelled"

    def start_external_payment(self, user_session_id: str) -> SimOrder:
        order = self.live_order(user_session_id)
        if order is None:
            raise StoreError(NO_ORDER, "Order does not exist")
        order.state = "payment_started"
        return order

    def complete_order(
        self,
        user_session_id: str,
        payment_fen: int,
        *,
        card_number: str,
        card_type: str,
        tender_category: str,
        perform_payment: bool = False,
    ) -> SimBooking:
        """Turn a live order into a booking; the payment must be exactly the order total."""
        self.expire_orders()
        order = self.orders.get(user_session_id)
        if order is not None and order.state == "completed":
            raise StoreError(PAID_ALREADY, "Payments have already been made for this order")
        if order is None or not order.live:
            raise StoreError(NO_ORDER, "Order does not exist")
        if perform_payment:
            raise StoreError(INVALID_REQUEST, "PerformPayment must be false for external payments")
        if payment_fen != order.total_fen:
            raise StoreError(
                PAYMENT_MISMATCH,
                f"Payment total {payment_fen} does not match the order total {order.total_fen}",
            )
        session = self.sessions[order.session_id]
        booking = self.create_booking(
            session,
            order.lines,
            user_session_id=user_session_id,
            card_number_masked=mask_card_number(card_number),
            card_type=card_type,
            tender_category=tender_category,
        )
        booking.total_fen = order.total_fen
        order.state = "completed"
        order.booking_id = booking.booking_id
        return booking

    def booking_for_order(self, user_session_id: str) -> SimBooking:
        """QueryOrderBookingStatus (seed §3.10)."""
        matches = [b for b in self.bookings.values() if b.user_session_id == user_session_id]
        if not matches:
            raise StoreError(NO_BOOKING, "Booking does not exist at Cinema")
        if len(matches) > 1:
            raise StoreError(NOT_UNIQUE, "Order cannot be uniquely identified")
        return matches[0]

    def find_booking(
        self, cinema_id: str, booking_id: str | None, booking_number: int | None
    ) -> SimBooking:
        """GetSingleBooking / RefundBooking look-up: by id, by number, or both agreeing."""
        if not booking_id and not booking_number:
            raise StoreError(INVALID_REQUEST, "BookingId or BookingNumber is required")
        booking = self.bookings.get(booking_id.upper()) if booking_id else None
        if booking_id and booking is None:
            raise StoreError(NO_BOOKING, "Booking does not exist")
        if booking_number:
            by_number = self.booking_by_number(booking_number)
            if by_number is None or (booking is not None and booking is not by_number):
                raise StoreError(NO_BOOKING, "Booking does not exist")
            booking = by_number
        assert booking is not None
        if booking.cinema_id != cinema_id:
            raise StoreError(NO_BOOKING, "Booking does not exist at this cinema")
        return booking

    def refund_online(
        self, booking: SimBooking, amount_fen: int, payment_fen: int, card_type: str
    ) -> None:
        """RefundBooking (seed §3.12): only unprinted bookings, only the full amount, and
        the PaymentInfo of CompleteOrder; a printed ticket is refunded at the box office."""
        if booking.refunded:
            raise StoreError(REFUNDED_ALREADY, "The order has been refunded")
        if booking.print_state != "unprinted":
            raise StoreError(REFUND_FAILED, "Tickets have been printed: refund at the cinema")
        if amount_fen != booking.total_fen or payment_fen != booking.total_fen:
            raise StoreError(
                REFUND_FAILED, f"Refund amount must be the booking total {booking.total_fen}"
            )
        if booking.card_type and card_type != booking.card_type:
            raise StoreError(REFUND_FAILED, "PaymentInfo does not match the booking's payment")
        self.refund_booking(booking)

    def expire_orders(self) -> list[SimOrder]:
        """Orders past their hold are cleaned up like CancelOrder (their seats freed)."""
        if self._orders_indexed != len(self.orders):
            self._live_orders = {k: o for k, o in self.orders.items() if o.live}
            self._orders_indexed = len(self.orders)
        now = self.clock()
        expired = []
        for key, order in list(self._live_orders.items()):
            if not order.live or self.orders.get(key) is not order:
                del self._live_orders[key]  # completed, cancelled or replaced since
            elif order.expires_at <= now:
                order.state = "expired"
                expired.append(order)
                del self._live_orders[key]
        return expired

    def _live(self) -> dict[str, SimOrder]:
        """The orders holding seats now, expired ones let go first."""
        self.expire_orders()
        return self._live_orders

    def new_booking_id(self) -> str:
        alphabet = string.ascii_uppercase + string.digits
        while True:
            candidate = "W" + "".join(self.rng.choice(alphabet) for _ in range(6))
            if candidate not in self.bookings:
                return candidate

    def make_ticket_code(self, booking_number: int, sequence: int) -> str:
        """A 16-character 电影票编码 like the cinema's ticketing system prints."""
        return f"{booking_number:010d}{sequence:02d}{self.rng.randrange(10**4):04d}"

    def make_ticket_info_code(
        self, cinema: SimCinema, session: SimSession, ticket_code: str
    ) -> str:
        """An opaque 电影票信息码 of realistic length (the real one is encrypted with the
        cinema's USB key; the kiosk must treat it as opaque and print it verbatim)."""
        payload = f"{cinema.national_id}|{session.session_id}|{ticket_code}|{self.rng.random()}"
        digest = hashlib.sha512(payload.encode()).hexdigest().upper()
        body = "".join(digest[i : i + 8] for i in range(0, 96, 8))
        code = f"SARFT1|{cinema.national_id}|{ticket_code}|{body}"
        return code[:180]

    def create_booking(
        self,
        session: SimSession,
        lines: list[OrderLine],
        *,
        user_session_id: str | None,
        card_number_masked: str = "",
        card_type: str = "",
        tender_category: str = "",
        online: bool = False,
        booking_id: str | None = None,
    ) -> SimBooking:
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
                SimBookingTicket(
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
        booking = SimBooking(
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
        self._by_number[number] = booking
        return booking

    def refund_booking(self, booking: SimBooking) -> None:
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
                {
                    "session_id": o.session_id,
                    "user_session_id": o.user_session_id,
                    "seat": list(line.seat),
                }
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
                        {
                            "seat": t.seat_label,
                            "ticket_code": t.ticket_code,
                            "price": t.price_fen,
                            "service_fee": t.service_fee_fen,
                        }
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
                    "provider": p.provider,
                }
                for p in self.payments.values()
            },
        }
