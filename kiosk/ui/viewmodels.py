"""Plain data the screens render; the flow wiring builds these from domain objects.

No Qt here and no behaviour: a screen is a pure function of its view-model plus
the patron's taps. Money is integer fen; times are aware datetimes (shown in
Asia/Shanghai by the screens).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

SeatCell = tuple[int, int, int]
"""(area_number, row_index, column_index) of a seat as the map draws it, after the plan's
turn (:mod:`kiosk.ui.controllers.plan_turn`), unique in a plan; the seat AddTickets takes
is the flow's :class:`kiosk.flows.purchase.SeatKey` (``flow_seat`` turns one into the other)."""


class SeatStatus(enum.IntEnum):
    """VISTA seat status codes; any other code is shown as unavailable."""

    FREE = 0
    SOLD = 1
    HOUSE = 2
    WHEELCHAIR = 3
    BROKEN = 5
    SPECIAL_HOLD = 7


class SeatStyle(enum.IntEnum):
    """VISTA seat style: 0 a single seat, 1-3 the left/middle/right of a sofa."""

    NORMAL = 0
    SOFA_LEFT = 1
    SOFA_MIDDLE = 2
    SOFA_RIGHT = 3


@dataclass(frozen=True)
class SeatView:
    key: SeatCell
    row_name: str
    seat_id: str
    status: int
    style: int = SeatStyle.NORMAL
    group: tuple[SeatCell, ...] = ()
    """Every seat of the sofa this seat belongs to (itself included); empty if single."""
    area_category_code: str = ""

    @property
    def is_sofa(self) -> bool:
        return self.style != SeatStyle.NORMAL and len(self.group) > 1


@dataclass(frozen=True)
class RowView:
    row_index: int
    physical_name: str
    seats: tuple[SeatView, ...]


@dataclass(frozen=True)
class AreaView:
    """One seating area. Row index 0 is drawn nearest the screen, column 0 on the left."""

    area_number: int
    area_category_code: str
    description: str
    row_count: int
    column_count: int
    rows: tuple[RowView, ...]


@dataclass(frozen=True)
class SeatPlanView:
    areas: tuple[AreaView, ...]
    _index: dict[SeatCell, SeatView] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {seat.key: seat for seat in self.seats()}
        object.__setattr__(self, "_index", index)

    def seats(self) -> Iterator[SeatView]:
        for area in self.areas:
            for row in area.rows:
                yield from row.seats

    def seat(self, key: SeatCell) -> SeatView | None:
        return self._index.get(key)

    def __len__(self) -> int:
        return len(self._index)


@dataclass(frozen=True)
class FilmView:
    film_id: str
    title: str
    run_time_min: int
    attributes: tuple[str, ...] = ()
    """Shown as given: "3D", "IMAX", "原版", "国语"…"""
    next_times: tuple[datetime, ...] = ()
    rating: str = ""
    short_code: str = ""
    """影片广电编码 (VISTA's ShortCode): the poster's name in the cinema's folder."""


@dataclass(frozen=True)
class SessionView:
    session_id: str
    starts_at: datetime
    screen_name: str
    attributes: tuple[str, ...] = ()
    seats_available: int | None = None
    sold_out: bool = False
    on_sale_until: datetime | None = None
    """When the kiosk stops selling it (start + the sale cutoff); None: not known."""
    ends_at: datetime | None = None
    """Start + the film's running time; None: not known."""

    def sale_closed(self, now: datetime) -> bool:
        """Past its sale cutoff: booking it would only end on the error screen."""
        return self.on_sale_until is not None and now >= self.on_sale_until

    def bookable(self, now: datetime) -> bool:
        return not self.sold_out and not self.sale_closed(now)


@dataclass(frozen=True)
class TicketTypeView:
    code: str
    description: str
    area_category_code: str
    price_fen: int
    area_name: str = ""
    """The area category's name ("普通区", "VIP"), shown as a heading when halls have several."""


@dataclass(frozen=True)
class SeatName:
    """A seat's physical names, worded per language on screen ("5排8座" / "Row 5 Seat 8")."""

    row_name: str
    seat_id: str


@dataclass(frozen=True)
class OrderLineView:
    description: str
    quantity: int
    price_fen: int


@dataclass(frozen=True)
class OrderView:
    film_title: str
    starts_at: datetime
    screen_name: str
    seats: tuple[SeatName, ...]
    lines: tuple[OrderLineView, ...]
    booking_fee_fen: int
    total_fen: int


@dataclass(frozen=True)
class PaymentQrView:
    """One provider's QR: ``wallet`` is wechatpay, alipay or simulator."""

    wallet: str
    payload: str


@dataclass(frozen=True)
class PaymentView:
    """The QRs side by side (one per provider, in screen order), the amount, how long
    they stay payable, and what is being paid for."""

    qrs: tuple[PaymentQrView, ...]
    amount_fen: int
    expires_in_s: float
    order: OrderView | None = None


class CodeProblem(enum.Enum):
    """Why a scanned payment code (付款码) took no money; the screen words it."""

    NOT_A_CODE = enum.auto()  # neither wallet's shape: a pickup QR, a barcode
    NOT_TAKEN = enum.auto()  # a wallet this kiosk does not take
    BUSY = enum.auto()  # another code is being charged
    DECLINED = enum.auto()  # refused by the wallet: nothing taken
    NOT_CONFIRMED = enum.auto()  # not confirmed on the phone in time: reversed


class ProgressStep(enum.Enum):
    """What the kiosk is doing after payment; the screen words it for the patron."""

    CONFIRMING_PAYMENT = enum.auto()
    BOOKING = enum.auto()
    FINDING_TICKETS = enum.auto()
    PRINTING = enum.auto()


@dataclass(frozen=True)
class DoneView:
    pickup_code: str
    ticket_count: int


@dataclass(frozen=True)
class PrintStoppedView:
    """Printing stopped part-way: ``printed`` of ``total`` came out; ``in_doubt`` of the
    rest were started and may be part-printed. ``reference`` finds it at the desk."""

    printed: int
    total: int
    reference: str
    in_doubt: int = 0

    @property
    def not_printed(self) -> int:
        return self.total - self.printed


@dataclass(frozen=True)
class CollectTicketView:
    seat: SeatName
    ticket_type: str
    price_fen: int


@dataclass(frozen=True)
class CollectOrderView:
    film_title: str
    starts_at: datetime
    screen_name: str
    tickets: tuple[CollectTicketView, ...]


class CollectProblem(enum.Enum):
    """Why a pickup code was not accepted; each has a plain-words message on screen."""

    TOO_SHORT = enum.auto()
    NOT_FOUND = enum.auto()
    ALREADY_PRINTED = enum.auto()
    REFUNDED = enum.auto()
    TOO_MANY_TRIES = enum.auto()
    KIOSK_PAUSED = enum.auto()  # the kiosk's own limit against guessing holds, for anyone
    NUMBER_NEEDED = enum.auto()  # Connect is down: the booking number proves the code too


class ErrorKind(enum.Enum):
    """Failures a patron can meet; the error screen words each as what happened + what next."""

    NETWORK = enum.auto()
    SESSION_UNAVAILABLE = enum.auto()
    SEATS_EXPIRED = enum.auto()
    PAYMENT_FAILED = enum.auto()
    PAYMENT_REFUNDED = enum.auto()
    PRINTER_OUT_OF_PAPER = enum.auto()
    PRINTER_FAULT = enum.auto()
    PRINTER_BEFORE_PAYMENT = enum.auto()
    UNEXPECTED = enum.auto()
