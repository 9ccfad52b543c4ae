"""What a purchase is made of: the offer, the hold, the payment request and the
completed purchase the flow hands the UI, its config and ports, and the order in hand.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kiosk.domain import (
    SeatPlan,
    Session,
    TicketType,
    new_user_session_id,
)
from kiosk.domain.payment import PaymentOrder
from kiosk.flows.catalog import Catalog
from kiosk.flows.owners import TransactionOwners
from kiosk.flows.ports import (
    Clock,
    ConnectPort,
    IssueResult,
    JournalPort,
    PaymentPort,
    PrinterStatusPort,
    TicketIssuer,
)
from kiosk.flows.purchase_ledger import (
    Ledger,
    PurchaseState,
)
from kiosk.flows.ticket_labels import TicketLabels

log = logging.getLogger(__name__)


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
    """The flow's knobs; the composition root reads them from the installer's settings
    (:func:`kiosk.services.purchase_config`)."""

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


# ---- the flow ------------------------------------------------------------------------


@dataclass
class PurchaseDeps:
    """The ports one purchase uses; ``issuer`` None means no printer (``kiosk buy``).
    ``printer`` is asked right before the payment is created (the issuer prints on it)."""

    connect: ConnectPort
    payment: PaymentPort
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
    wallets: Mapping[str, PaymentPort] = field(default_factory=dict)

    def qr_providers(self) -> list[tuple[str, PaymentPort]]:
        """Every provider that shows a QR, by name, in screen order."""
        first = (str(getattr(self.payment, "name", "")), self.payment)
        return [first, *((n, p) for n, p in self.wallets.items() if p is not self.payment)]


@dataclass
class QrOrder:
    """One provider's order for the purchase's QR."""

    wallet: str
    provider: PaymentPort
    out_trade_no: str
    # the order as created (its QR on screen); None when the create got no clear answer
    created: PaymentOrder | None = None
    # still payable as far as the flow knows: created, not yet seen closed
    open: bool = False


@dataclass
class HeldOrder:
    """The purchase in hand once AddTickets answered."""

    ledger: Ledger
    session: Session
    total_fen: int
    hold_expires_at: dt.datetime
    seat_labels: list[str]
    # one order per provider, in screen order, once pay() has asked for them
    qrs: list[QrOrder] = field(default_factory=list)
    payment_begun: bool = False
    # what the printed tickets say of type and format
    ticket_labels: TicketLabels = field(default_factory=TicketLabels)
    # every payment code's order (number, wallet), in the order they were charged
    code_trades: list[tuple[str, str]] = field(default_factory=list)
    # the order accepted for the booking (number, wallet): a payment code's or a QR's
    # other than the first provider's; None: the first provider's QR
    accepted: tuple[str, str] | None = None

    def shown(self) -> list[QrOrder]:
        """The QRs the patron was shown (their orders created)."""
        return [qr for qr in self.qrs if qr.created is not None]
