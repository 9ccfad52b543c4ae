"""The purchase flow: seats, money and a booking, as a journaled asyncio state machine.

It follows seed §2.2 exactly (validate, AddTickets, on Result 8 check the sale
cutoff and reload the seat plan; StartExternalPayment, CompleteOrder, and on any
non-zero or lost reply GetOrder, a second CompleteOrder, QueryOrderBookingStatus
polling, CancelOrder, RefundBooking) with the QR payment around it: the order is
paid before CompleteOrder, and the payment is refunded whenever no tickets could
be issued. Abandoning, timing out or losing the seat hold cancels the order and
closes the payment.

Each provider of ``payment_providers`` shows its own QR (its own order, journaled
before it is created), asked after about every ``payment_poll_s``: the first paid
wins, every other is closed at once, and one paid as well is refunded.

While the QR is shown the patron may instead hold the phone's payment code (付款码)
to the scanner (:meth:`PurchaseFlow.pay_with_code`): the code goes to its wallet
under an order number of its own, journaled (never the code) before it is charged.
One waiting for the patron's password is asked after every ``code_poll_s`` and
reversed at ``code_wait_s`` (never sooner than ``code_reverse_after_s`` after it was
charged, WeChat's advice); one paid wins and the QR is closed, refunded if it was
paid too; one refused or reversed leaves the QR payable.

Every call with an effect outside the kiosk is written to the journal as an
intent (committed) before it is made and as a result after it
(:mod:`kiosk.flows.purchase_ledger`, which also holds the money steps the flow
shares with recovery), so :mod:`kiosk.flows.recovery` can finish any
transaction a crash interrupted. The patron-facing errors are in
:mod:`kiosk.flows.purchase_errors`.
The UI, ``kiosk buy`` and the tests drive the same :class:`PurchaseFlow`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kiosk.connect.client import new_user_session_id
from kiosk.connect.errors import (
    ConnectError,
    InvalidRequestData,
    SeatsUnavailable,
    SessionUnavailable,
    SoldOut,
    TicketsNotOnSale,
)
from kiosk.connect.models import (
    Order,
    Seat,
    SeatArea,
    SeatPlan,
    SeatRequest,
    SeatRow,
    Session,
    TicketRequest,
    TicketType,
)
from kiosk.flows.catalog import Catalog
from kiosk.flows.owners import TransactionOwners
from kiosk.flows.ports import (
    Clock,
    ConnectPort,
    IssueResult,
    JournalPort,
    PrinterStatusPort,
    TicketIssuer,
)
from kiosk.flows.purchase_errors import (
    InvalidSelection,
    NeedsStaff,
    PaymentClosed,
    PaymentCodeBusy,
    PaymentCodeDeclined,
    PaymentCodeInvalid,
    PaymentCodeNotAccepted,
    PaymentDeclined,
    PaymentTimedOut,
    PriceChanged,
    PrinterUnavailable,
    PurchaseCancelled,
    PurchaseError,
    SalesClosed,
    SeatsTaken,
    ServiceUnavailable,
    TicketsNotIssued,
    TooLateToCancel,
)
from kiosk.flows.purchase_ledger import (
    ADD_TICKETS,
    COMPLETE_ORDER,
    GET_ORDER,
    MAX_CODE_ATTEMPTS,
    PAYMENT_CLOSE,
    PAYMENT_CODE,
    PAYMENT_CREATE,
    PAYMENT_SEEN,
    START_PAYMENT,
    TERMINAL_STATES,
    WALLET,
    Booked,
    Ledger,
    PurchaseState,
    cancel_order,
    code_trade_no,
    out_trade_no_for,
    payment_facts,
    poll_booking_status,
    provider_for,
    qr_trade_no,
    refund_booking,
    settle_code_payment,
    settle_payment,
)
from kiosk.flows.ticket_labels import TicketLabels
from kiosk.journal.models import BOOKING_ID, BOOKING_NUMBER, OUT_TRADE_NO
from kiosk.logs import correlation
from kiosk.payment.base import (
    CodePayments,
    PaymentError,
    PaymentNotFound,
    PaymentOrder,
    PaymentProvider,
    PaymentRejected,
    PaymentState,
    PaymentStatus,
)
from kiosk.payment.codes import wallet_for_code
from kiosk.printing.status import PrinterError, PrinterStatus
from kiosk.settings import Settings

__all__ = [
    "Hold",
    "InvalidSelection",
    "NeedsStaff",
    "Offer",
    "PaymentClosed",
    "PaymentCodeBusy",
    "PaymentCodeDeclined",
    "PaymentCodeInvalid",
    "PaymentCodeNotAccepted",
    "PaymentDeclined",
    "PaymentQr",
    "PaymentRequest",
    "PaymentTimedOut",
    "PriceChanged",
    "PrinterUnavailable",
    "Purchase",
    "PurchaseCancelled",
    "PurchaseConfig",
    "PurchaseDeps",
    "PurchaseError",
    "PurchaseFlow",
    "PurchaseState",
    "SalesClosed",
    "SeatKey",
    "SeatsTaken",
    "ServiceUnavailable",
    "Snapshot",
    "TicketsNotIssued",
    "TooLateToCancel",
]

log = logging.getLogger(__name__)

T = TypeVar("T")


# ---- what the flow hands the UI ------------------------------------------------------


@dataclass(frozen=True)
class SeatKey:
    """A seat by its logical position (what AddTickets takes)."""

    area_number: int
    row_index: int
    column_index: int


@dataclass(frozen=True)
class Offer:
    """What a session sells right now: fetched fresh, in parallel, before choosing."""

    session: Session
    ticket_types: list[TicketType]
    seat_plan: SeatPlan


@dataclass(frozen=True)
class Hold:
    """Seats locked by AddTickets: pay ``total_fen`` before ``expires_at``."""

    txn_id: str
    total_fen: int
    expires_at: dt.datetime
    seat_labels: list[str]


@dataclass(frozen=True)
class PaymentQr:
    """One provider's QR: ``wallet`` names the provider (wechatpay, alipay, simulator)."""

    wallet: str
    out_trade_no: str
    code_url: str


@dataclass(frozen=True)
class PaymentRequest:
    """The QRs to show side by side, one per provider that made one, in the order of
    ``payment_providers``, for ``amount_fen``, payable until ``pay_by``.
    ``out_trade_no`` and ``code_url`` are the first one's."""

    out_trade_no: str
    code_url: str
    amount_fen: int
    pay_by: dt.datetime
    hold_expires_at: dt.datetime
    qrs: tuple[PaymentQr, ...] = ()


@dataclass(frozen=True)
class Purchase:
    """A completed purchase. When ``issue`` is not complete, show ``pickup_code``."""

    txn_id: str
    booking_id: str  # 取票码
    booking_number: int
    total_fen: int
    issue: IssueResult | None

    @property
    def pickup_code(self) -> str:
        return self.booking_id

    @property
    def all_printed(self) -> bool:
        return self.issue is not None and self.issue.complete


@dataclass(frozen=True)
class Snapshot:
    """What observers see on every state change and every countdown tick."""

    state: PurchaseState
    txn_id: str | None
    seconds_left: float | None  # of the seat hold, while one exists
    # a payment code being charged: "charging", then "confirm_on_phone" while the
    # patron types a password; None when there is none
    code_payment: str | None = None


Observer = Callable[[Snapshot], None]


@dataclass(frozen=True)
class PurchaseConfig:
    """The flow's knobs; ``from_settings`` reads the installer's settings."""

    cinema_id: str = "0200"
    seat_hold_s: float = 600.0  # Connect's lock lifetime (10 minutes by default)
    # Kept back from the hold for StartExternalPayment and CompleteOrder (80 s timeout
    # in the worst case would not fit; the common case takes well under a second).
    completion_margin_s: float = 30.0
    payment_expires_s: int = 300
    payment_poll_s: float = 2.0
    booking_status_polls: int = 15
    booking_status_interval_s: float = 60.0
    # ATMTimeShowMovieAfterStart: Connect does not publish it, the cinema tells us.
    sale_cutoff_after_start_min: int = 20
    max_tickets: int = 8
    description: str = "Cinema tickets"
    read_attempts: int = 3  # our own retries of GetOrder inside the seed's path
    # A payment code waiting for the patron's password: asked after this often, and
    # reversed once this long has passed since it was charged (issue 12: 5 s, 45 s),
    # never sooner than code_reverse_after_s (WeChat: not within 15 s of the charge).
    code_poll_s: float = 5.0
    code_wait_s: float = 45.0
    code_reverse_after_s: float = 15.0

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> PurchaseConfig:
        values: dict[str, Any] = {
            "cinema_id": settings.cinema_id,
            "seat_hold_s": settings.seat_hold_s,
            "sale_cutoff_after_start_min": settings.sale_cutoff_min,
            "max_tickets": settings.max_tickets,
            "payment_expires_s": settings.payment_expires_s,
            "booking_status_polls": settings.booking_status_polls,
            "booking_status_interval_s": settings.booking_status_interval_s,
        }
        values.update(overrides)
        return cls(**values)


# ---- the flow ------------------------------------------------------------------------


@dataclass
class PurchaseDeps:
    """The ports one purchase uses; ``issuer`` None means no printer (``kiosk buy``).
    ``printer`` is asked right before the payment is created (the issuer prints on it)."""

    connect: ConnectPort
    payment: PaymentProvider
    journal: JournalPort
    clock: Clock
    catalog: Catalog
    issuer: TicketIssuer | None = None
    new_id: Callable[[], str] = new_user_session_id
    # who works which transaction in this process: recovery passes over ours
    owners: TransactionOwners = field(default_factory=TransactionOwners)
    printer: PrinterStatusPort | None = None
    # the other providers of payment_providers by name, in screen order after
    # ``payment``: each shows its own QR beside payment's, and charges its wallet's
    # payment codes (``payment`` takes its own wallet's when it is one)
    wallets: Mapping[str, PaymentProvider] = field(default_factory=dict)

    def qr_providers(self) -> list[tuple[str, PaymentProvider]]:
        """Every provider that shows a QR, by name, in screen order."""
        first = (str(getattr(self.payment, "name", "")), self.payment)
        return [first, *((n, p) for n, p in self.wallets.items() if p is not self.payment)]


@dataclass
class _Qr:
    """One provider's order for the purchase's QR."""

    wallet: str
    provider: PaymentProvider
    out_trade_no: str
    # the order as created (its QR on screen); None when the create got no clear answer
    created: PaymentOrder | None = None
    # still payable as far as the flow knows: created, not yet seen closed
    open: bool = False


@dataclass
class _Order:
    """The purchase in hand once AddTickets answered."""

    ledger: Ledger
    session: Session
    total_fen: int
    hold_expires_at: dt.datetime
    seat_labels: list[str]
    # one order per provider, in screen order, once pay() has asked for them
    qrs: list[_Qr] = field(default_factory=list)
    payment_begun: bool = False
    # what the printed tickets say of type and format
    ticket_labels: TicketLabels = field(default_factory=TicketLabels)
    # every payment code's order (number, wallet), in the order they were charged
    code_trades: list[tuple[str, str]] = field(default_factory=list)
    # the order accepted for the booking (number, wallet): a payment code's or a QR's
    # other than the first provider's; None: the first provider's QR
    accepted: tuple[str, str] | None = None

    def shown(self) -> list[_Qr]:
        """The QRs the patron was shown (their orders created)."""
        return [qr for qr in self.qrs if qr.created is not None]


@dataclass
class _CodeAttempt:
    """A scanned payment code on its way to the wait loop, which charges it."""

    wallet: str
    code: str  # a bearer credential: charged once, then dropped; never logged
    done: asyncio.Future[None]

    def fail(self, error: BaseException) -> None:
        self.code = ""
        if not self.done.done():
            self.done.set_exception(error)

    def succeed(self) -> None:
        self.code = ""
        if not self.done.done():
            self.done.set_result(None)


def _ticket_labels(offer: Offer, requests: Sequence[TicketRequest]) -> TicketLabels:
    """Each ticket's type name as VISTA gives it for the kiosk, and the session's
    attributes, for the printed ticket."""
    names = {t.ticket_type_code: t.description for t in offer.ticket_types}
    return TicketLabels.of(
        ((r.price_fen, names.get(r.ticket_type_code, "")) for r in requests for _ in range(r.qty)),
        offer.session.all_attributes,
    )


@dataclass
class _Wait:
    cancel_requested: asyncio.Event = field(default_factory=asyncio.Event)
    started: bool = False
    running: bool = False
    # set when the wait has ended (abandoned, or moved on to CompleteOrder): a cancel
    # pressed during it returns only then, so nobody takes the purchase for settled
    # while its abandon is still running
    ended: asyncio.Event = field(default_factory=asyncio.Event)
    # a scanned payment code for the loop to charge (one at a time), and the wake-up
    code: _CodeAttempt | None = None
    code_arrived: asyncio.Event = field(default_factory=asyncio.Event)
    code_running: bool = False
    code_state: str | None = None  # what observers are told (Snapshot.code_payment)


class PurchaseFlow:
    """One patron's purchase, driven step by step by the UI or ``kiosk buy``:

    ``start(session)`` → ``choose(tickets, seats)`` → ``pay()`` → ``wait_for_payment()``,
    with ``cancel()`` at any point before completion. Each step raises a
    :class:`PurchaseError` subclass the patron can be shown.
    """

    def __init__(self, deps: PurchaseDeps, config: PurchaseConfig | None = None) -> None:
        self.deps = deps
        self.config = config or PurchaseConfig()
        self.state = PurchaseState.CHOOSING
        self.offer: Offer | None = None
        self._order: _Order | None = None
        self._wait = _Wait()
        self._observers: list[Observer] = []
        # choose, pay and cancel each run alone: a cancel pressed while the QR is being
        # created waits for it, then closes it, instead of racing it.
        self._step = asyncio.Lock()
        self._cancelled = False

    # ---- observing -----------------------------------------------------------------

    def observe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer`` on every state change and countdown tick; returns an unsubscribe."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer)

    @property
    def txn_id(self) -> str | None:
        return self._order.ledger.txn_id if self._order else None

    def seconds_left(self) -> float | None:
        if self._order is None or self.state in TERMINAL_STATES:
            return None
        left = (self._order.hold_expires_at - self.deps.clock.now()).total_seconds()
        return max(0.0, left)

    def _notify(self) -> None:
        snapshot = Snapshot(self.state, self.txn_id, self.seconds_left(), self._wait.code_state)
        for observer in list(self._observers):
            try:
                observer(snapshot)
            except Exception:
                log.exception("a purchase observer failed")

    async def _set(self, state: PurchaseState, summary: Mapping[str, Any] | None = None) -> None:
        if self._order is not None:
            await self._order.ledger.state(state, summary)
            if state in TERMINAL_STATES or state is PurchaseState.NEEDS_STAFF:
                self._let_go()
        self.state = state
        log.info("purchase -> %s", state.value)
        self._notify()

    def _let_go(self) -> None:
        """This flow is done with its transaction (ended, or left for recovery)."""
        if self._order is not None:
            self.deps.owners.release(self._order.ledger.txn_id, self)

    # ---- 1. what the session sells ---------------------------------------------------

    async def start(self, session: Session) -> Offer:
        """Ticket types and seat plan, fresh and fetched in parallel (seed §2.1)."""
        if self.state is not PurchaseState.CHOOSING or self._order is not None:
            raise RuntimeError("start() begins a purchase; use a new PurchaseFlow")
        if self._sales_closed(session):
            raise SalesClosed(f"session {session.session_id} is past its sale cutoff")
        try:
            ticket_types, seat_plan = await self.deps.catalog.before_lock(session.session_id)
        except SoldOut as exc:
            raise SalesClosed(str(exc)) from exc
        except ConnectError as exc:
            raise ServiceUnavailable(str(exc)) from exc
        self.offer = Offer(session, ticket_types, seat_plan)
        self._notify()
        return self.offer

    async def reload_seats(self) -> SeatPlan:
        """A fresh seat plan (after Result 8, or on the patron's request)."""
        offer = self._require_offer()
        try:
            plan = await self.deps.catalog.seat_plan(offer.session.session_id)
        except ConnectError as exc:
            raise ServiceUnavailable(str(exc)) from exc
        self.offer = Offer(offer.session, offer.ticket_types, plan)
        return plan

    def seat_by_label(self, row_name: str, seat_id: str) -> SeatKey | None:
        """The seat printed as row ``row_name``, seat ``seat_id`` (PhysicalName and Id)."""
        for area, row, seat in self._require_offer().seat_plan.seats():
            if row.physical_name == row_name and seat.seat_id == seat_id:
                return _key(area, seat)
        return None

    # ---- 2. lock the seats (AddTickets) ------------------------------------------------

    async def choose(self, tickets: Mapping[str, int], seats: Sequence[SeatKey]) -> Hold:
        """Lock ``seats`` for ``tickets`` (ticket type code → quantity).

        Every check Connect would make is made here first, so nothing wrong is ever
        sent, above all never an empty seat list (Connect would pick seats itself)."""
        async with self._step:
            return await self._choose(tickets, seats)

    async def _choose(self, tickets: Mapping[str, int], seats: Sequence[SeatKey]) -> Hold:
        offer = self._require_offer()
        if self._cancelled:
            raise PurchaseCancelled()
        if self._order is not None:
            raise RuntimeError("seats are already held; cancel() before choosing again")
        requests, seat_requests, labels = self._validate(offer, tickets, seats)
        txn_id = self.deps.new_id()
        ledger = Ledger(self.deps.journal, txn_id)
        ticket_labels = _ticket_labels(offer, requests)
        # Ours before the journal knows it: no recovery may see it unowned.
        self.deps.owners.claim(txn_id, self)
        with correlation(txn_id):
            # The hold is counted from before the call: Connect's clock starts no earlier.
            hold_expires_at = self.deps.clock.now() + dt.timedelta(seconds=self.config.seat_hold_s)
            await self.deps.journal.begin(
                "purchase",
                txn_id,
                PurchaseState.LOCKING.value,
                {
                    "session_id": offer.session.session_id,
                    "showtime": offer.session.showtime.isoformat(),
                    "seats": labels,
                    "tickets": dict(tickets),
                    "hold_expires_at": hold_expires_at.isoformat(),
                    # the ticket types by name, for staff reading the transaction
                    **ticket_labels.to_summary(),
                },
            )
            self._order = _Order(
                ledger,
                offer.session,
                0,
                hold_expires_at,
                labels,
                ticket_labels=ticket_labels,
            )
            self.state = PurchaseState.LOCKING
            self._notify()
            try:
                order = await ledger.call(
                    ADD_TICKETS,
                    {
                        "session_id": offer.session.session_id,
                        "tickets": [r.model_dump() for r in requests],
                        "seats": [s.model_dump() for s in seat_requests],
                    },
                    lambda: self.deps.connect.add_tickets(
                        txn_id, offer.session.session_id, requests, seat_requests
                    ),
                    lambda o: {"total_fen": o.total_fen, "tickets": o.ticket_count},
                )
            except SeatsUnavailable as exc:
                # Result 8 locks nothing (seed §2.2 ④⑤): close this attempt and say why.
                await self._set(PurchaseState.CANCELLED, {"reason": "seats_unavailable"})
                self._order = None
                self.state = PurchaseState.CHOOSING
                if self._sales_closed(offer.session):
                    raise SalesClosed(str(exc), reference=txn_id) from exc
                plan = await self._reload_quietly()
                raise SeatsTaken(plan, str(exc)) from exc
            except ConnectError as exc:
                # Any other answer, or none: seed §2.2 case 3, CancelOrder.
                await self._release_after_failed_lock(exc)
                raise
            return await self._locked(order, requests)

    async def _locked(self, order: Order, requests: Sequence[TicketRequest]) -> Hold:
        assert self._order is not None
        expected = sum(r.price_fen * r.qty for r in requests)
        if order.total_fen < expected or order.total_fen <= 0:
            # A total we did not agree to would be charged to the patron: refuse it.
            await self._abandon("unexpected_total")
            raise PriceChanged(None, f"order total {order.total_fen}, expected {expected}")
        self._order.total_fen = order.total_fen
        await self._set(PurchaseState.LOCKED, {"total_fen": order.total_fen})
        return Hold(
            self._order.ledger.txn_id,
            order.total_fen,
            self._order.hold_expires_at,
            self._order.seat_labels,
        )

    async def _release_after_failed_lock(self, exc: ConnectError) -> None:
        assert self._order is not None
        offer = self._require_offer()
        await self._abandon(f"add_tickets_failed:{type(exc).__name__}")
        txn_id = self._order.ledger.txn_id
        self._order = None
        if self.state in TERMINAL_STATES:
            self.state = PurchaseState.CHOOSING
        if isinstance(exc, InvalidRequestData):
            types = await self._reload_types_quietly(offer.session.session_id)
            raise PriceChanged(types, str(exc)) from exc
        if isinstance(exc, SessionUnavailable | TicketsNotOnSale | SoldOut):
            raise SalesClosed(str(exc), reference=txn_id) from exc
        raise ServiceUnavailable(str(exc), reference=txn_id) from exc

    def _validate(
        self, offer: Offer, tickets: Mapping[str, int], seats: Sequence[SeatKey]
    ) -> tuple[list[TicketRequest], list[SeatRequest], list[str]]:
        """Seed §2.2 ①: every input checked against the fresh ticket types and seat plan."""
        if self._sales_closed(offer.session):
            raise SalesClosed("past the sale cutoff")
        count = sum(tickets.values())
        if not seats or count == 0:
            raise InvalidSelection("choose at least one seat and one ticket")
        if any(qty < 0 for qty in tickets.values()):
            raise InvalidSelection("ticket quantities cannot be negative")
        if count != len(seats):
            raise InvalidSelection(f"{count} tickets need {count} seats, got {len(seats)}")
        if count > self.config.max_tickets:
            raise InvalidSelection(f"at most {self.config.max_tickets} tickets per purchase")
        if len(set(seats)) != len(seats):
            raise InvalidSelection("a seat is chosen twice")
        types = {t.ticket_type_code: t for t in offer.ticket_types}
        requests: list[TicketRequest] = []
        wanted_areas: list[str] = []
        for code, qty in tickets.items():
            if qty == 0:
                continue
            ticket_type = types.get(code)
            if ticket_type is None:
                raise InvalidSelection(f"ticket type {code} is not sold for this session")
            requests.append(
                TicketRequest(ticket_type_code=code, qty=qty, price_fen=ticket_type.price_fen)
            )
            wanted_areas += [ticket_type.area_category_code] * qty
        by_key = {_key(a, s): (a, r, s) for a, r, s in offer.seat_plan.seats()}
        seat_requests: list[SeatRequest] = []
        labels: list[str] = []
        for key in seats:
            found = by_key.get(key)
            if found is None:
                raise InvalidSelection(f"no seat at {key}")
            area, row, seat = found
            if not seat.is_free:
                raise InvalidSelection(f"seat {_label(row, seat)} is not free")
            if seat.group and not {_pos(p) for p in seat.group} <= set(seats):
                raise InvalidSelection(f"sofa seat {_label(row, seat)} is sold as a whole")
            if area.area_category_code not in wanted_areas:
                raise InvalidSelection(
                    f"seat {_label(row, seat)} is in an area none of the tickets is for"
                )
            wanted_areas.remove(area.area_category_code)
            seat_requests.append(
                SeatRequest(
                    area_category_code=area.area_category_code,
                    area_number=key.area_number,
                    row_index=key.row_index,
                    column_index=key.column_index,
                )
            )
            labels.append(_label(row, seat))
        return requests, seat_requests, labels

    # ---- 3. the QR payment ------------------------------------------------------------

    async def pay(self) -> PaymentRequest:
        """Create the payment for the held seats; show ``code_url`` as a QR."""
        async with self._step:
            return await self._pay()

    async def _pay(self) -> PaymentRequest:
        order = self._require_order(PurchaseState.LOCKED)
        with correlation(order.ledger.txn_id):
            usid = order.ledger.txn_id
            out_trade_no = out_trade_no_for(usid)
            left_s = (order.hold_expires_at - self.deps.clock.now()).total_seconds()
            expires_in_s = int(
                min(self.config.payment_expires_s, left_s - self.config.completion_margin_s)
            )
            if expires_in_s < 1:
                await self._abandon("hold_expired")
                raise PaymentTimedOut("the seat hold ran out before payment", reference=usid)
            status = await self._printer_status()
            if not status.ready:
                # Paid with no way to print, the patron would queue at the counter for
                # tickets (or a refund): let the seats go before any money is asked for.
                log.warning("payment not started: the printer is %s", status.describe())
                await self._abandon("printer_not_ready")
                raise PrinterUnavailable(status, reference=usid)
            await self._set(
                PurchaseState.AWAITING_PAYMENT,
                {OUT_TRADE_NO: out_trade_no, "amount_fen": order.total_fen},
            )
            order.payment_begun = True
            order.qrs = [
                _Qr(name, provider, qr_trade_no(usid, position))
                for position, (name, provider) in enumerate(self.deps.qr_providers(), 1)
            ]
            failures: list[PaymentError] = []
            for qr in order.qrs:
                try:
                    await self._create_qr(order, qr, expires_in_s)
                except PaymentError as exc:
                    # the others may still take the money; this one is settled with them
                    log.warning("no %s QR: %s", qr.wallet or "payment", exc)
                    failures.append(exc)
            shown = order.shown()
            if not shown:
                await self._abandon("payment_create_failed")
                first = failures[0]
                if all(isinstance(f, PaymentRejected) for f in failures):
                    raise PaymentDeclined(str(first), reference=usid) from first
                raise ServiceUnavailable(str(first), reference=usid) from first
            qrs = tuple(
                PaymentQr(qr.wallet, qr.out_trade_no, qr.created.code_url)
                for qr in shown
                if qr.created is not None
            )
            pay_by = min(qr.created.expires_at for qr in shown if qr.created is not None)
            return PaymentRequest(
                qrs[0].out_trade_no,
                qrs[0].code_url,
                order.total_fen,
                min(pay_by, order.hold_expires_at),
                order.hold_expires_at,
                qrs,
            )

    async def _create_qr(self, order: _Order, qr: _Qr, expires_in_s: int) -> None:
        """One provider's order, its intent journaled (with the provider) before it."""
        created = await order.ledger.call(
            PAYMENT_CREATE,
            {
                OUT_TRADE_NO: qr.out_trade_no,
                WALLET: qr.wallet,
                "amount_fen": order.total_fen,
                "expires_in_s": expires_in_s,
            },
            lambda: qr.provider.create(
                qr.out_trade_no, order.total_fen, self.config.description, expires_in_s
            ),
            lambda p: {"expires_at": p.expires_at.isoformat(), "state": p.state.value},
        )
        qr.created, qr.open = created, True

    async def _printer_status(self) -> PrinterStatus:
        """The printer's state now; one that cannot be asked cannot print."""
        if self.deps.printer is None:
            return PrinterStatus.unchecked()  # ``kiosk buy``: nothing is printed here
        try:
            return await self.deps.printer.status()
        except PrinterError as exc:
            return PrinterStatus.no_reply(str(exc))

    async def wait_for_payment(self) -> Purchase:
        """Wait for the patron to pay, then book and hand over for printing.

        Raises :class:`PaymentTimedOut`, :class:`PaymentClosed`, :class:`PurchaseCancelled`,
        :class:`TicketsNotIssued` or :class:`NeedsStaff`."""
        async with self._step:  # a cancel pressed before this wins
            order = self._require_order(PurchaseState.AWAITING_PAYMENT)
            self._wait.started = self._wait.running = True
        with correlation(order.ledger.txn_id):
            try:
                paid = await self._until_paid(order)
                # Still "waiting" until COMPLETING is set: a cancel pressed while the
                # money is being checked is seen by _paid, not run beside it (a cancel
                # running alongside CompleteOrder could refund a booking it makes).
                await self._paid(order, paid)
            except BaseException as exc:
                self._end_code_attempt(exc)
                raise
            finally:
                self._wait.running = False
                self._wait.ended.set()
                self._end_code_attempt(PaymentCodeDeclined("the payment wait has ended"))
            return await self._complete(order)

    # ---- 3b. the patron's payment code (付款码) -----------------------------------------

    async def pay_with_code(self, code: str) -> None:
        """Charge the payment code the scanner read while the QR is shown.

        Returns once it is paid; the purchase then goes on to booking in
        :meth:`wait_for_payment`. Raises :class:`PaymentCodeInvalid` (no WeChat Pay or
        Alipay code), :class:`PaymentCodeNotAccepted` (a wallet this kiosk does not
        take), :class:`PaymentCodeBusy` (another code is being charged) or
        :class:`PaymentCodeDeclined` (refused, or not confirmed in time and reversed:
        nothing taken, the QR still payable); or the purchase's own error when it
        ended meanwhile. The code itself never reaches a log, an error or the journal."""
        wallet = wallet_for_code(code)
        if wallet is None:
            raise PaymentCodeInvalid("not a payment code", reference=self.txn_id or "")
        if self._code_provider(wallet) is None:
            raise PaymentCodeNotAccepted(f"{wallet} is not taken here", reference=self.txn_id or "")
        order = self._order
        if (
            order is None
            or not order.shown()
            or self.state is not PurchaseState.AWAITING_PAYMENT
            or self._cancelled
            or self._wait.ended.is_set()
        ):
            raise PaymentCodeDeclined("no payment is awaited", reference=self.txn_id or "")
        if self._wait.code is not None or self._wait.code_running:
            raise PaymentCodeBusy(reference=order.ledger.txn_id)
        attempt = _CodeAttempt(wallet, code.strip(), asyncio.get_running_loop().create_future())
        self._wait.code = attempt
        self._wait.code_arrived.set()
        await asyncio.shield(attempt.done)

    def _code_provider(self, wallet: str) -> CodePayments | None:
        return provider_for(wallet, self.deps.payment, self.deps.wallets)

    def _end_code_attempt(self, error: BaseException) -> None:
        attempt, self._wait.code = self._wait.code, None
        if attempt is not None:
            if isinstance(error, asyncio.CancelledError):
                attempt.done.cancel()
            else:
                attempt.fail(error)

    def _set_code_state(self, state: str | None) -> None:
        self._wait.code_state = state
        self._notify()

    async def _charge_code(self, order: _Order, attempt: _CodeAttempt) -> PaymentState | None:
        """Charge one scanned code: its paid state when it wins, None when it took
        nothing (the attempt is told why). Raises when the code's money cannot be put
        right (the purchase is then abandoned and left for recovery)."""
        self._wait.code_running = True
        try:
            paid = await self._charge_code_once(order, attempt)
        except BaseException as exc:
            if isinstance(exc, asyncio.CancelledError):
                attempt.done.cancel()
            else:
                attempt.fail(exc)
            raise
        finally:
            self._wait.code_running = False
            self._set_code_state(None)
        return paid

    async def _charge_code_once(self, order: _Order, attempt: _CodeAttempt) -> PaymentState | None:
        usid = order.ledger.txn_id
        provider = self._code_provider(attempt.wallet)
        clock, config = self.deps.clock, self.config
        started = clock.now()
        hold_deadline = order.hold_expires_at - dt.timedelta(seconds=config.completion_margin_s)
        until = min(started + dt.timedelta(seconds=config.code_wait_s), hold_deadline)
        if provider is None or len(order.code_trades) >= MAX_CODE_ATTEMPTS or until <= started:
            attempt.fail(PaymentCodeDeclined("no more codes for this purchase", reference=usid))
            return None
        no = code_trade_no(usid, len(order.code_trades) + 1)
        order.code_trades.append((no, attempt.wallet))
        self._set_code_state("charging")
        code = attempt.code
        attempt.code = ""
        seen: PaymentState | None
        try:
            seen = await order.ledger.call(
                PAYMENT_CODE,
                {OUT_TRADE_NO: no, WALLET: attempt.wallet, "amount_fen": order.total_fen},
                lambda: provider.pay_code(no, order.total_fen, config.description, code),
                payment_facts,
            )
        except PaymentRejected as exc:
            log.info("payment code %s refused by %s: %s", no, attempt.wallet, exc.reason)
            attempt.fail(PaymentCodeDeclined(exc.reason, reference=usid, reason=exc.reason))
            return None
        except PaymentError as exc:
            log.warning("payment code %s: no clear answer (%s); asking after it", no, exc)
            seen = None
        # A lost answer is asked after until WeChat lets it be reversed; a code waiting
        # for its patron until the wait is over, or the patron cancels.
        reverse_at = started + dt.timedelta(seconds=config.code_reverse_after_s)
        asked = 0
        while seen is None or seen.state is PaymentStatus.PENDING:
            # waiting for its patron once the wallet says so with the amount (Alipay
            # reads a trade it has not got yet as pending with none)
            known = seen is not None and seen.amount_fen > 0
            if known:
                self._set_code_state("confirm_on_phone")
            now = clock.now()
            stop = until if known else reverse_at
            if self._wait.cancel_requested.is_set() or now >= min(stop, until):
                break
            await self._sleep_unless_cancelled(
                min(config.code_poll_s, (min(stop, until) - now).total_seconds())
            )
            asked += 1
            try:
                seen = await provider.query(no)
            except PaymentNotFound:
                seen = None
            except PaymentError as exc:
                log.info("code payment %s query %d failed: %s", no, asked, exc)
        if seen is not None and seen.state is PaymentStatus.PAID:
            return await self._code_won(order, attempt, no, seen)
        if seen is not None and seen.state is not PaymentStatus.PENDING:
            # the patron's bank or the patron refused it (PAYERROR): nothing taken
            await order.ledger.seen(PAYMENT_SEEN, {OUT_TRADE_NO: no, **payment_facts(seen)})
            attempt.fail(PaymentCodeDeclined("not paid", reference=usid, reason="not_paid"))
            return None
        return await self._give_up_code(order, attempt, no, provider, reverse_at)

    async def _give_up_code(
        self,
        order: _Order,
        attempt: _CodeAttempt,
        no: str,
        provider: CodePayments,
        reverse_at: dt.datetime,
    ) -> PaymentState | None:
        """Reverse a code that is still waiting (or unanswered) at its deadline, no
        sooner than WeChat allows; one paid at the last moment is taken instead."""
        usid = order.ledger.txn_id
        left = (reverse_at - self.deps.clock.now()).total_seconds()
        if left > 0:
            await self.deps.clock.sleep(left)  # not cut short by a cancel: WeChat's rule
        hold_deadline = order.hold_expires_at - dt.timedelta(
            seconds=self.config.completion_margin_s
        )
        try:
            last = await provider.query(no)
        except PaymentError:
            last = None
        if (
            last is not None
            and last.state is PaymentStatus.PAID
            and not self._wait.cancel_requested.is_set()
            and self.deps.clock.now() < hold_deadline
        ):
            return await self._code_won(order, attempt, no, last)
        try:
            final = await settle_code_payment(order.ledger, provider, no)
        except PaymentError as exc:
            log.error("code payment %s could not be reversed: %s", no, exc)
            error = await self._unsettled(order, "payment_code_not_reversed")
            attempt.fail(error)
            raise error from None
        log.info("code payment %s given up (%s)", no, final.value if final else "never made")
        attempt.fail(PaymentCodeDeclined("timed out", reference=usid, reason="timed_out"))
        return None

    async def _code_won(
        self, order: _Order, attempt: _CodeAttempt, no: str, paid: PaymentState
    ) -> PaymentState:
        """A code payment is in: no QR may take money as well. Each is closed, and
        refunded when it was paid too; if that cannot be done now, nothing is sold."""
        order.accepted = (no, attempt.wallet)
        try:
            await self._close_other_qrs(order, None)
        except PaymentError:
            error = await self._unsettled(order, "qr_not_closed_after_code")
            attempt.fail(error)
            raise error from None
        attempt.succeed()
        return paid

    async def _close_other_qrs(self, order: _Order, winner: _Qr | None) -> None:
        """Every QR but ``winner`` made unpayable at once, refunded (journaled) when it
        was paid as well. Raises :class:`PaymentError` when one the patron was shown
        cannot be closed now; one never shown (its create unanswered) is tried, but no
        phone holds its code, so it waits for the purchase's end."""
        usid = order.ledger.txn_id
        failure: PaymentError | None = None
        for qr in order.qrs:
            if qr is winner:
                continue
            try:
                settled = await settle_payment(
                    order.ledger, qr.provider, usid, out_trade_no=qr.out_trade_no
                )
            except PaymentError as exc:
                log.error("the %s QR could not be closed: %s", qr.wallet or "payment", exc)
                if qr.created is not None:
                    failure = failure or exc
                continue
            qr.open = False
            if settled is PaymentStatus.REFUNDED:
                log.warning("the %s QR was paid as well: refunded", qr.wallet or "payment")
        if failure is not None:
            raise failure

    async def _unsettled(self, order: _Order, reason: str) -> PurchaseError:
        """Money of this purchase cannot be put right now: let everything go (what the
        services will not confirm stays open for recovery) and say so."""
        await self._abandon(reason)
        refunded = self.state in (PurchaseState.CANCELLED, PurchaseState.REFUNDED)
        return TicketsNotIssued(reason, reference=order.ledger.txn_id, refunded=refunded)

    async def _until_paid(self, order: _Order) -> PaymentState:
        """Ask after every QR about every ``payment_poll_s`` (and charge a scanned code as
        it comes) until one is paid: that one wins and every other is closed at once,
        refunded if it was paid as well."""
        usid = order.ledger.txn_id
        margin = dt.timedelta(seconds=self.config.completion_margin_s)
        expiry = min(qr.created.expires_at for qr in order.qrs if qr.created is not None)
        deadline = min(expiry, order.hold_expires_at - margin)
        while True:
            if self._wait.cancel_requested.is_set():
                # Even if the money arrived as they pressed cancel, they asked to cancel:
                # abandoning refunds it.
                await self._abandon("patron_cancelled")
                raise PurchaseCancelled(reference=usid)
            attempt, self._wait.code = self._wait.code, None
            self._wait.code_arrived.clear()
            if attempt is not None:
                by_code = await self._charge_code(order, attempt)
                if by_code is not None:
                    return by_code
                continue
            for qr in [q for q in order.qrs if q.open]:
                try:
                    seen = await qr.provider.query(qr.out_trade_no)
                except PaymentError as exc:
                    log.warning("%s payment query failed: %s", qr.wallet or "payment", exc)
                    continue
                if seen.state is PaymentStatus.PAID:
                    return await self._qr_won(order, qr, seen)
                if seen.state is not PaymentStatus.PENDING:
                    # closed by the provider (its expiry, or someone else): it cannot be
                    # paid now; the others still can
                    await order.ledger.seen(PAYMENT_SEEN, self._qr_facts(order, qr, seen))
                    qr.open = False
            if not any(qr.open for qr in order.qrs):
                expired = self.deps.clock.now() >= expiry
                await self._abandon("payment_timed_out" if expired else "payment_closed")
                if expired:  # the provider closed it at its expiry
                    raise PaymentTimedOut(reference=usid)
                raise PaymentClosed(reference=usid)
            now = self.deps.clock.now()
            if now >= deadline:
                for qr in [q for q in order.qrs if q.open]:
                    seen_at_close = await self._close_or_paid(order, qr)
                    if seen_at_close is not None and seen_at_close.state is PaymentStatus.PAID:
                        return await self._qr_won(order, qr, seen_at_close)
                await self._abandon("payment_timed_out")
                raise PaymentTimedOut(reference=usid)
            self._notify()
            await self._sleep_unless_cancelled(
                min(self.config.payment_poll_s, (deadline - now).total_seconds())
            )

    async def _qr_won(self, order: _Order, qr: _Qr, paid: PaymentState) -> PaymentState:
        """A QR is paid: every other is closed at once (refunded if it was paid too);
        if one the patron was shown cannot be closed now, nothing is sold."""
        if qr is not order.qrs[0]:
            order.accepted = (qr.out_trade_no, qr.wallet)
        try:
            await self._close_other_qrs(order, qr)
        except PaymentError:
            raise await self._unsettled(order, "qr_not_closed_after_payment") from None
        return paid

    def _qr_facts(self, order: _Order, qr: _Qr, seen: PaymentState) -> dict[str, Any]:
        """A QR's read as journaled: the first provider's as it always was, any other's
        naming its order."""
        facts = payment_facts(seen)
        if qr is not order.qrs[0]:
            facts = {OUT_TRADE_NO: qr.out_trade_no, **facts}
        return facts

    async def _close_or_paid(self, order: _Order, qr: _Qr) -> PaymentState | None:
        """Close the QR so it can no longer be paid; the state if it was paid meanwhile."""
        try:
            return await order.ledger.call(
                PAYMENT_CLOSE,
                {OUT_TRADE_NO: qr.out_trade_no},
                lambda: qr.provider.close(qr.out_trade_no),
                payment_facts,
            )
        except PaymentRejected:
            try:
                return await qr.provider.query(qr.out_trade_no)
            except PaymentError:
                return None
        except PaymentError:
            return None

    async def _sleep_unless_cancelled(self, seconds: float) -> None:
        """Sleep, cut short by a cancel or a scanned payment code."""
        sleeper = asyncio.ensure_future(self.deps.clock.sleep(max(0.0, seconds)))
        waiter = asyncio.ensure_future(self._wait.cancel_requested.wait())
        scanned = asyncio.ensure_future(self._wait.code_arrived.wait())
        try:
            await asyncio.wait({sleeper, waiter, scanned}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waiter, scanned):
                task.cancel()

    async def _paid(self, order: _Order, paid: PaymentState) -> None:
        """Accept the payment and move to COMPLETING, or abandon (refunding it) and raise."""
        usid = order.ledger.txn_id
        facts = payment_facts(paid)
        if order.accepted is not None:
            facts = {OUT_TRADE_NO: order.accepted[0], **facts}
        await order.ledger.seen(PAYMENT_SEEN, facts)
        if self._wait.cancel_requested.is_set():
            # Cancel was pressed as the money arrived: they asked to cancel, so refund it.
            await self._abandon("patron_cancelled")
            raise PurchaseCancelled(reference=usid)
        if paid.amount_fen != order.total_fen:
            await self._abandon("payment_amount_mismatch")
            raise TicketsNotIssued("paid amount differs from the order total", reference=usid)
        if self.deps.clock.now() >= order.hold_expires_at:
            # The money came after Connect let the seats go: CompleteOrder cannot succeed.
            await self._abandon("paid_after_hold")
            raise PaymentTimedOut("paid after the seat hold expired: refunded", reference=usid)
        accepted: dict[str, Any] = {}
        if order.accepted is not None:
            # staff and recovery find the booking by the order the patron paid
            accepted = {OUT_TRADE_NO: order.accepted[0], WALLET: order.accepted[1]}
        await self._set(PurchaseState.COMPLETING, accepted or None)

    # ---- 4. CompleteOrder and the seed's recovery path ----------------------------------

    async def _complete(self, order: _Order) -> Purchase:
        usid = order.ledger.txn_id
        connect = self.deps.connect
        try:
            await order.ledger.call(START_PAYMENT, {}, lambda: connect.start_external_payment(usid))
        except ConnectError as exc:
            # CompleteOrder has not been called, so the order can still be cancelled.
            log.warning("StartExternalPayment failed (%s): cancelling and refunding", exc)
            raise await self._not_issued(order, "start_external_payment_failed") from exc
        booked = await self._complete_order(order)
        if booked is None:
            booked = await self._verify(order)
        return await self._hand_over(order, booked)

    async def _complete_order(self, order: _Order) -> Booked | None:
        """One CompleteOrder with the exact order total; None on any failure or lost reply.
        Never called while another is outstanding: each one is awaited to its end."""
        usid = order.ledger.txn_id
        try:
            result = await order.ledger.call(
                COMPLETE_ORDER,
                {"amount_fen": order.total_fen},
                lambda: self.deps.connect.complete_order(usid, order.total_fen),
                lambda r: {BOOKING_ID: r.booking_id, BOOKING_NUMBER: r.booking_number},
            )
        except ConnectError as exc:
            log.warning("CompleteOrder failed: %s", exc)
            return None
        return Booked(result.booking_id, result.booking_number)

    async def _verify(self, order: _Order) -> Booked:
        """Seed §2.2 2.2: GetOrder; CompleteOrder again if it was never called; poll
        QueryOrderBookingStatus; then CancelOrder, or RefundBooking if that fails."""
        await self._set(PurchaseState.VERIFYING)
        connect, clock, config = self.deps.connect, self.deps.clock, self.config
        seen = await self._get_order(order)
        if seen is not None and not seen.complete_called:
            booked = await self._complete_order(order)  # 2.2.1: CompleteOrder again
            if booked is not None:
                return booked
        booked = await poll_booking_status(
            order.ledger,
            connect,
            clock,
            config.booking_status_polls,
            config.booking_status_interval_s,
        )
        if booked is not None:
            return booked
        if await cancel_order(order.ledger, connect):  # ⑭⑮⑯
            raise await self._refund_patron(order, "booking_not_found")
        # ⑰ CancelOrder failed: the order became a booking after all; refund it.
        booked = await poll_booking_status(order.ledger, connect, clock, 1, 0)
        if booked is None:
            raise await self._needs_staff(order, "CancelOrder failed and no booking was found")
        await self._set(PurchaseState.REFUNDING, {"reason": "cancel_failed"})
        try:
            await refund_booking(order.ledger, connect, booked, order.total_fen)
        except ConnectError as exc:
            raise await self._needs_staff(order, f"RefundBooking failed: {exc}") from exc
        raise await self._refund_patron(order, "booking_refunded")

    async def _get_order(self, order: _Order) -> Order | None:
        for attempt in range(1, self.config.read_attempts + 1):
            try:
                seen = await self.deps.connect.get_order(order.ledger.txn_id)
            except ConnectError as exc:
                log.info("GetOrder %d failed: %s", attempt, exc)
                continue
            await order.ledger.seen(GET_ORDER, {"complete_called": seen.complete_called})
            return seen
        return None

    async def _not_issued(self, order: _Order, reason: str) -> PurchaseError:
        """Paid, CompleteOrder never called: cancel the order, refund the patron."""
        await self._set(PurchaseState.CANCELLING, {"reason": reason})
        if not await cancel_order(order.ledger, self.deps.connect):
            return await self._needs_staff(order, "CancelOrder failed after StartExternalPayment")
        return await self._refund_patron(order, reason)

    async def _refund_patron(self, order: _Order, reason: str) -> TicketsNotIssued:
        """No booking stands for this payment: give every fen back; returns the error
        for the caller to raise."""
        usid = order.ledger.txn_id
        await self._set(PurchaseState.REFUNDING, {"reason": reason})
        try:
            final = await self._settle_money(order)
        except PaymentError as exc:
            log.error("refund failed, left for recovery: %s", exc)
            self._let_go()
            return TicketsNotIssued(str(exc), reference=usid, refunded=False)
        refunded = final is PaymentStatus.REFUNDED
        await self._set(PurchaseState.REFUNDED if refunded else PurchaseState.CANCELLED)
        return TicketsNotIssued(reason, reference=usid, refunded=refunded)

    async def _needs_staff(self, order: _Order, reason: str) -> NeedsStaff:
        """Park the purchase for staff; returns the error for the caller to raise."""
        log.error("purchase needs staff: %s", reason)
        await self._set(PurchaseState.NEEDS_STAFF, {"staff_reason": reason})
        return NeedsStaff(reason, reference=order.ledger.txn_id)

    # ---- 5. hand over for printing ------------------------------------------------------

    async def _hand_over(self, order: _Order, booked: Booked) -> Purchase:
        await self._set(
            PurchaseState.BOOKED,
            {BOOKING_ID: booked.booking_id, BOOKING_NUMBER: booked.booking_number},
        )
        issued: IssueResult | None = None
        if self.deps.issuer is not None:
            try:
                issued = await self.deps.issuer.issue(
                    booked.booking_id,
                    booked.booking_number,
                    order.ledger.txn_id,
                    order.ticket_labels,
                )
            except Exception:
                # The booking stands; the patron collects with the pickup code instead.
                log.exception("printing failed; the pickup code is shown instead")
        await self._set(PurchaseState.COMPLETED, {"printed": issued.printed if issued else 0})
        return Purchase(
            order.ledger.txn_id, booked.booking_id, booked.booking_number, order.total_fen, issued
        )

    # ---- cancelling ------------------------------------------------------------------

    async def cancel(self) -> None:
        """The patron gives up. Before payment completes this releases the seats and
        returns any charge; once CompleteOrder has started it raises TooLateToCancel."""
        if self._wait.started:
            # The wait abandons (or has moved on to booking); a cancel returns only
            # once that has finished, so nobody takes a half-released hold for settled.
            if self._wait.running:
                self._cancelled = True
                self._wait.cancel_requested.set()
            await self._wait.ended.wait()
        async with self._step:
            await self._cancel()

    async def _cancel(self) -> None:
        if self._order is None or self.state in TERMINAL_STATES:
            return  # nothing is held
        if self.state in (
            PurchaseState.COMPLETING,
            PurchaseState.VERIFYING,
            PurchaseState.BOOKED,
            PurchaseState.REFUNDING,
        ):
            raise TooLateToCancel(reference=self._order.ledger.txn_id)
        self._cancelled = True
        if self.state is PurchaseState.CANCELLING:
            return  # already being let go (or left for recovery)
        with correlation(self._order.ledger.txn_id):
            await self._abandon("patron_cancelled")

    async def _abandon(self, reason: str) -> None:
        """Close the payment (refund it if it was paid) and cancel the order.

        CompleteOrder was never called on this path, so CancelOrder is safe. What the
        services will not confirm stays open (CANCELLING) for recovery."""
        order = self._order
        assert order is not None
        await self._set(PurchaseState.CANCELLING, {"reason": reason})
        money: PaymentStatus | None = None
        settled = True
        if order.payment_begun:
            try:
                money = await self._settle_money(order)
            except PaymentError as exc:
                log.error("could not settle the payment, left for recovery: %s", exc)
                settled = False
        released = await cancel_order(order.ledger, self.deps.connect)
        if not (settled and released):
            log.error(
                "cancel incomplete (payment settled %s, order released %s)", settled, released
            )
            self._let_go()  # the periodic settling and recovery finish it
            return
        refunded = money is PaymentStatus.REFUNDED
        await self._set(PurchaseState.REFUNDED if refunded else PurchaseState.CANCELLED)

    async def _settle_money(self, order: _Order) -> PaymentStatus | None:
        """No charge kept for this purchase: each provider's QR and every payment code's
        order closed, reversed or refunded. REFUNDED when any money was taken and returned.
        Each is tried even when another fails; the first failure is then raised."""
        usid = order.ledger.txn_id
        statuses: list[PaymentStatus | None] = []
        failure: PaymentError | None = None
        for qr in order.qrs:
            try:
                statuses.append(
                    await settle_payment(
                        order.ledger, qr.provider, usid, out_trade_no=qr.out_trade_no
                    )
                )
            except PaymentError as exc:
                failure = failure or exc
        for no, wallet in order.code_trades:
            provider = self._code_provider(wallet)
            if provider is None:  # cannot happen: the code was charged through it
                continue
            try:
                statuses.append(await settle_code_payment(order.ledger, provider, no))
            except PaymentError as exc:
                failure = failure or exc
        if failure is not None:
            raise failure
        if PaymentStatus.REFUNDED in statuses:
            return PaymentStatus.REFUNDED
        return next((s for s in statuses if s is not None), None)

    # ---- helpers ----------------------------------------------------------------------

    def _sales_closed(self, session: Session) -> bool:
        cutoff = session.showtime + dt.timedelta(minutes=self.config.sale_cutoff_after_start_min)
        return self.deps.clock.now() >= cutoff

    def _require_offer(self) -> Offer:
        if self.offer is None:
            raise RuntimeError("call start() first")
        return self.offer

    def _require_order(self, state: PurchaseState) -> _Order:
        if self._cancelled and self.state is not state:
            raise PurchaseCancelled(reference=self.txn_id or "")
        if self._order is None or self.state is not state:
            raise RuntimeError(f"this step needs state {state.value}, not {self.state.value}")
        return self._order

    async def _reload_quietly(self) -> SeatPlan | None:
        try:
            return await self.reload_seats()
        except PurchaseError:
            return None

    async def _reload_types_quietly(self, session_id: str) -> list[TicketType] | None:
        try:
            types = await self.deps.catalog.ticket_types(session_id, fresh=True)
        except ConnectError:
            return None
        offer = self._require_offer()
        self.offer = Offer(offer.session, types, offer.seat_plan)
        return types


def _key(area: SeatArea, seat: Seat) -> SeatKey:
    return SeatKey(area.number, seat.position.row_index, seat.position.column_index)


def _pos(position: Any) -> SeatKey:
    return SeatKey(position.area_number, position.row_index, position.column_index)


def _label(row: SeatRow, seat: Seat) -> str:
    return f"{row.physical_name}排{seat.seat_id}座"
