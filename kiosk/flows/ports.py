"""The ports the flows talk through: Connect, payment, journal, clock, and ticket issuing.

Flows depend on these Protocols only, so the UI, ``kiosk buy``, recovery and the
tests can hand them real adapters (``ConnectClient``, ``HttpPaymentProvider``,
``AsyncJournal``) or anything else with the same shape. Each Protocol lists just
the calls the flows make, in the kiosk's own types (:mod:`kiosk.domain`): an
adapter maps its backend's wire models into them, so nothing here is VISTA's shape.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from kiosk.domain import (
    BookedOrder,
    CompletedOrder,
    Film,
    Order,
    SeatChoice,
    SeatPlan,
    TicketLine,
    TicketType,
)
from kiosk.domain.payment import PaymentOrder, PaymentState
from kiosk.domain.printer import PrinterStatus
from kiosk.errors import KioskError
from kiosk.flows.ticket_labels import TicketLabels
from kiosk.journal.models import Kind, Step, Transaction


class PaymentPort(Protocol):
    """A QR payment provider (the simulator's, WeChat Pay, Alipay): every operation is
    keyed by the merchant's ``out_trade_no`` and may be repeated safely. The adapters
    (:class:`kiosk.payment.base.PaymentProvider`) fit as they are."""

    async def create(
        self, out_trade_no: str, amount_fen: int, description: str, expires_in_s: int
    ) -> PaymentOrder:
        """Create the order (or return the one already created under this out_trade_no)."""
        ...

    async def query(self, out_trade_no: str) -> PaymentState: ...

    async def close(self, out_trade_no: str) -> PaymentState:
        """Make an unpaid order unpayable; closing a closed order is not an error (an
        order already paid is refused: refund it instead)."""
        ...

    async def refund(self, out_trade_no: str, out_refund_no: str, amount_fen: int) -> PaymentState:
        """Return ``amount_fen``; the same ``out_refund_no`` again refunds nothing more."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...


@runtime_checkable
class CodePaymentsPort(PaymentPort, Protocol):
    """What WeChat Pay and Alipay add (:class:`kiosk.payment.base.CodePayments`): the
    patron's payment code (付款码), read by the kiosk's scanner, charged at once. The
    code is a bearer credential: the flows hand it to the provider and never journal it.
    """

    name: str

    async def pay_code(
        self, out_trade_no: str, amount_fen: int, description: str, auth_code: str
    ) -> PaymentState:
        """PAID, or PENDING while the patron confirms on the phone (then :meth:`query`);
        a refused code raises, with nothing taken and no order left payable."""
        ...

    async def reverse(self, out_trade_no: str) -> PaymentState:
        """Make a code payment take nothing, whatever it came to."""
        ...


class ConnectPort(Protocol):
    """The VISTA Connect operations the purchase flow, recovery and catalog use."""

    async def get_now_showing_scheduled_films(self, cinema_id: str | None = None) -> list[Film]: ...

    async def get_tickets_for_session(
        self, session_id: str, cinema_id: str | None = None
    ) -> list[TicketType]: ...

    async def get_session_seat_plan(
        self, session_id: str, cinema_id: str | None = None
    ) -> SeatPlan: ...

    async def add_tickets(
        self,
        user_session_id: str,
        session_id: str,
        tickets: Sequence[TicketLine],
        seats: Sequence[SeatChoice],
    ) -> Order: ...

    async def get_order(self, user_session_id: str) -> Order: ...

    async def cancel_order(self, user_session_id: str) -> None: ...

    async def start_external_payment(self, user_session_id: str) -> None: ...

    async def complete_order(self, user_session_id: str, payment_fen: int) -> CompletedOrder: ...

    async def query_order_booking_status(self, user_session_id: str) -> BookedOrder: ...

    async def refund_booking(
        self, booking_number: int, amount_fen: int, *, booking_id: str | None = None
    ) -> None: ...


class JournalPort(Protocol):
    """The journal calls the flows make (:class:`kiosk.journal.AsyncJournal` has them all),
    each with :class:`kiosk.journal.Journal`'s own signature (tests/journal/test_journal_api.py)."""

    async def begin(
        self, kind: Kind, txn_id: str, state: str, summary: Mapping[str, Any] | None = None
    ) -> Transaction: ...

    async def set_state(
        self,
        txn_id: str,
        state: str,
        terminal: bool = False,
        summary_update: Mapping[str, Any] | None = None,
    ) -> Transaction: ...

    async def transaction(self, txn_id: str) -> Transaction | None: ...

    async def open_transactions(self) -> list[Transaction]: ...

    async def intent(
        self, txn_id: str, step: str, details: Mapping[str, Any] | None = None
    ) -> int: ...

    async def result(
        self,
        txn_id: str,
        step: str,
        outcome: str,
        details: Mapping[str, Any] | None = None,
        intent_id: int | None = None,
    ) -> int: ...

    async def steps(self, txn_id: str) -> list[Step]: ...


class Clock(Protocol):
    """Wall time and waiting, injected so tests run minutes of polling in milliseconds."""

    def now(self) -> dt.datetime:
        """Aware UTC now."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class PrinterStatusPort(Protocol):
    """The printer's state now (:meth:`kiosk.printing.printer.TicketPrinter.status`)."""

    async def status(self) -> PrinterStatus: ...


@dataclass(frozen=True)
class IssueResult:
    """How printing a completed booking went.

    ``printed`` of ``total`` tickets came out. Anything short of all of them means
    the patron collects the rest later with the pickup code, which the purchase
    flow then shows. ``total`` is 0 when nothing of the booking was started (the
    printer refused before SARFT's apply): any kiosk or the counter can print it.
    Otherwise the rest wait for staff, ``in_doubt`` of them perhaps part-printed.
    ``problem``: why not every ticket came out, in the patron's terms (its code).
    """

    printed: int
    total: int
    problem: KioskError | None = None
    in_doubt: int = 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.printed >= self.total


class TicketIssuer(Protocol):
    """Prints the tickets of a booking the purchase flow just completed (the collect flow).

    ``txn_id`` is the purchase transaction (its UserSessionId), for the journal and
    the logs. The purchase is already paid and booked when this is called: an
    exception here never undoes it, it only makes the flow show the pickup code.
    """

    async def issue(
        self,
        booking_id: str,
        booking_number: int,
        txn_id: str,
        labels: TicketLabels | None = None,
    ) -> IssueResult: ...
