"""A purchase's journal and the outside calls that settle money and seats.

Every call with an effect outside the kiosk goes through :class:`Ledger`: an
intent committed before it, a result after it (:mod:`kiosk.flows.journaled`, as
every flow journals its calls). The money and seat steps here
(settle the payment, refund a booking, poll the booking status, cancel the
order) are shared by the live flow (:mod:`kiosk.flows.purchase`) and recovery
(:mod:`kiosk.flows.recovery`), so a crash changes who finishes a purchase, never how.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from kiosk.domain.payment import PaymentState, PaymentStatus
from kiosk.errors import ConnectResult, ErrorCode, Family, KioskError
from kiosk.flows.journaled import CallOutcome, JournaledCalls, Verdict
from kiosk.flows.ports import Clock, CodePaymentsPort, ConnectPort, JournalPort, PaymentPort
from kiosk.journal.models import BOOKING_ID, BOOKING_NUMBER, OUT_TRADE_NO
from kiosk.journal.summaries import PurchaseFacts
from kiosk.privacy import mask_code  # a pickup code is never logged whole

log = logging.getLogger(__name__)


class ReverseRefused(KioskError):
    """A payment code's reverse refused (the wallet still busy with its patron): to the
    callers a payment service that could not be reached, so it is asked again from the
    query."""

    error_code = ErrorCode.PAYMENT_UNREACHABLE
    maybe_applied = True


# Journal step names; recovery reads them back.
ADD_TICKETS = "add_tickets"
PAYMENT_CREATE = "payment_create"
START_PAYMENT = "start_external_payment"
COMPLETE_ORDER = "complete_order"
CANCEL_ORDER = "cancel_order"
REFUND_BOOKING = "refund_booking"
PAYMENT_CLOSE = "payment_close"
PAYMENT_REFUND = "payment_refund"
# A payment code (付款码) charged: its own order number and wallet, never the code.
PAYMENT_CODE = "payment_code"
PAYMENT_REVERSE = "payment_reverse"
# Reads recorded as results only (they change nothing outside).
PAYMENT_SEEN = "payment_query"
GET_ORDER = "get_order"
BOOKING_STATUS = "query_booking_status"


class PurchaseState(enum.StrEnum):
    """Where a purchase is. Only COMPLETED, CANCELLED and REFUNDED are terminal.

    NEEDS_STAFF is deliberately *not* terminal: it means the kiosk could not
    find out or put right where the patron's money or seats are (a service
    stayed unreachable, Connect refused a refund). Keeping it open makes every
    start-up recovery try again and keeps it on the admin screen until it is
    settled; a terminal state would let it be forgotten with money in limbo.
    """

    CHOOSING = "CHOOSING"  # ticket types and seat plan shown; nothing journaled yet
    LOCKING = "LOCKING"  # AddTickets about to be / being called
    LOCKED = "LOCKED"  # seats held, no payment yet
    AWAITING_PAYMENT = "AWAITING_PAYMENT"  # QR created and shown, waiting for the patron
    COMPLETING = "COMPLETING"  # paid: StartExternalPayment and CompleteOrder
    VERIFYING = "VERIFYING"  # CompleteOrder failed or was lost: seed §2.2 checks
    BOOKED = "BOOKED"  # booking confirmed, handing over for printing
    CANCELLING = "CANCELLING"  # closing the payment and cancelling the order
    REFUNDING = "REFUNDING"  # no tickets: RefundBooking and/or refunding the payment
    NEEDS_STAFF = "NEEDS_STAFF"
    COMPLETED = "COMPLETED"  # booked, paid and handed over (printed or pickup code shown)
    CANCELLED = "CANCELLED"  # nothing charged, nothing held
    REFUNDED = "REFUNDED"  # charged, then every fen returned; no booking kept


class PurchaseReason(enum.StrEnum):
    """Why a purchase was let go (cancelled, or refunded with no tickets): its summary's
    ``reason``. The values are what the journal has always stored; a failed AddTickets is
    stored with its error's name after a colon (:meth:`journaled`, :meth:`read`)."""

    SEATS_UNAVAILABLE = "seats_unavailable"  # AddTickets said the seats are taken
    UNEXPECTED_TOTAL = "unexpected_total"  # the held order's total is not the offer's
    ADD_TICKETS_FAILED = "add_tickets_failed"
    HOLD_EXPIRED = "hold_expired"  # the seat hold ran out before a payment was made
    PRINTER_NOT_READY = "printer_not_ready"  # checked before any payment was created
    PAYMENT_CREATE_FAILED = "payment_create_failed"
    PAYMENT_CODE_NOT_REVERSED = "payment_code_not_reversed"
    QR_NOT_CLOSED_AFTER_CODE = "qr_not_closed_after_code"
    QR_NOT_CLOSED_AFTER_PAYMENT = "qr_not_closed_after_payment"
    PATRON_CANCELLED = "patron_cancelled"
    PAYMENT_TIMED_OUT = "payment_timed_out"
    PAYMENT_CLOSED = "payment_closed"
    PAYMENT_AMOUNT_MISMATCH = "payment_amount_mismatch"
    PAID_AFTER_HOLD = "paid_after_hold"  # the money came after the seats were let go
    START_EXTERNAL_PAYMENT_FAILED = "start_external_payment_failed"
    BOOKING_NOT_FOUND = "booking_not_found"  # paid, cancelled, and Connect has no booking
    CANCEL_FAILED = "cancel_failed"  # CancelOrder failed, so the booking is refunded
    BOOKING_REFUNDED = "booking_refunded"

    def journaled(self, detail: str = "") -> str:
        """The summary's word: the reason, then ``:detail`` when there is one."""
        return f"{self.value}:{detail}" if detail else self.value

    @classmethod
    def read(cls, text: str) -> tuple[PurchaseReason | None, str]:
        """A journaled reason and its detail; None for a word this kiosk does not know
        (a newer kiosk's, or a hand-edited record), which staff then see as it is."""
        word, _, detail = text.partition(":")
        try:
            return cls(word), detail
        except ValueError:
            return None, text


TERMINAL_STATES = frozenset(
    {PurchaseState.COMPLETED, PurchaseState.CANCELLED, PurchaseState.REFUNDED}
)


@dataclass(frozen=True)
class Booked:
    booking_id: str
    booking_number: int


def out_trade_no_for(user_session_id: str) -> str:
    """The payment order is keyed by the UserSessionId: one order, one payment."""
    return user_session_id


def out_refund_no_for(user_session_id: str) -> str:
    """One refund number per purchase, so asking again can never refund twice.

    A payment code's order has its own: ``R`` and that order's number."""
    return f"R{user_session_id}"


# Journal key of the wallet (wechatpay, alipay) a payment code was charged through.
WALLET: Final = "wallet"
# Payment codes one purchase may try (a wallet refuses a second code on one order
# number, so each has its own, and the numbering leaves room for nine).
MAX_CODE_ATTEMPTS = 9


def code_trade_no(user_session_id: str, attempt: int) -> str:
    """The order number of the purchase's ``attempt``-th payment code (1-9).

    WeChat takes at most 32 characters and a UserSessionId already has 32 (lower-case
    hex): the first 30 of it, ``C`` (never in a UserSessionId) and the attempt. The
    journal keeps each number with its transaction; :func:`purchase_of` reads one back."""
    if not 1 <= attempt <= MAX_CODE_ATTEMPTS:
        raise ValueError(f"attempt must be 1-{MAX_CODE_ATTEMPTS}")
    return f"{user_session_id[:30]}C{attempt}"


def qr_trade_no(user_session_id: str, position: int) -> str:
    """The order number of the purchase's QR at ``position`` (1 for the first provider of
    ``payment_providers``, which keeps the UserSessionId itself, as when there was one).

    One number per provider: the payment simulator keeps every protocol's orders in one
    store, and staff and reconciliation tell each QR of a purchase apart by it. The
    first 30 characters of the UserSessionId, ``Q`` (never in one) and the position:
    WeChat takes at most 32."""
    if position == 1:
        return out_trade_no_for(user_session_id)
    if not 2 <= position <= 9:
        raise ValueError("position must be 1-9")
    return f"{user_session_id[:30]}Q{position}"


def qr_provider_for(
    wallet: str, payment: PaymentPort, wallets: Mapping[str, PaymentPort]
) -> PaymentPort | None:
    """The provider a QR of ``wallet`` was made with: ``payment`` when it is that one (or
    the journal named none, as before there could be several), else the one of
    ``wallets`` by that name."""
    if not wallet or getattr(payment, "name", None) == wallet:
        return payment
    return wallets.get(wallet)


def provider_for(
    wallet: str, payment: PaymentPort, wallets: Mapping[str, PaymentPort]
) -> CodePaymentsPort | None:
    """The provider that charges ``wallet``'s payment codes here, if any: one the kiosk
    holds by that name, or the QR provider itself when it is that wallet."""
    candidate: object = wallets.get(wallet)
    if candidate is None and getattr(payment, "name", None) == wallet:
        candidate = payment
    return candidate if isinstance(candidate, CodePaymentsPort) else None


# ---- journaled calls -----------------------------------------------------------------


class Ledger(JournaledCalls):
    """The journal of one purchase: every outside call goes through :meth:`call`, judged
    by what Connect's and the payment providers' errors mean."""

    def __init__(self, journal: JournalPort, txn_id: str) -> None:
        super().__init__(journal, txn_id, _verdict)

    async def seen(self, step: str, facts: Mapping[str, Any]) -> None:
        """A read's answer, kept so staff and recovery see what the kiosk knew."""
        await self.note(step, facts)

    async def state(
        self,
        state: PurchaseState,
        summary: PurchaseFacts | None = None,
    ) -> None:
        await self.journal.set_state(
            self.txn_id, state.value, state in TERMINAL_STATES, summary_update=summary
        )


def _verdict(exc: Exception) -> Verdict | None:
    """Connect's result codes and a payment refused are considered refusals; a payment
    error that cannot have applied too; every other of their errors may have happened."""
    if not isinstance(exc, KioskError) or exc.family not in (Family.CONNECT, Family.PAYMENT):
        return None
    facts: dict[str, Any] = {"error": type(exc).__name__}
    if exc.refused:
        if exc.family is Family.CONNECT:
            facts["code"] = exc.result_code
        else:
            facts["reason"] = exc.reason
        return CallOutcome.FAILED, facts
    if exc.family is Family.PAYMENT and not exc.maybe_applied:
        return CallOutcome.FAILED, facts
    return CallOutcome.UNKNOWN, facts


def payment_facts(state: PaymentState) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "state": state.state.value,
        "amount_fen": state.amount_fen,
        "refunded_fen": state.refunded_fen,
    }
    if state.refund_processing:
        # accepted but not yet back with the patron: reconciliation follows it up
        facts["refund_processing"] = True
    return facts


# ---- money: shared by the flow and recovery -------------------------------------------


async def settle_payment(
    ledger: Ledger,
    payment: PaymentPort,
    user_session_id: str,
    attempts: int = 3,
    *,
    out_trade_no: str | None = None,
) -> PaymentStatus | None:
    """Make sure the patron keeps no charge for this order: close it if unpaid, refund
    it in full if paid. Returns the final status (None: the order was never created).

    ``out_trade_no`` names another order of the purchase than its QR: a payment code's
    (see :func:`settle_code_payment`).

    A lost or failed answer is asked again from the top (query first): closing is
    idempotent and the refund always uses the order's one ``out_refund_no``, so a
    retry can never refund twice. Raises the payment error when the provider
    refuses or still cannot say; the caller then leaves the transaction open for
    recovery."""
    number = out_trade_no or out_trade_no_for(user_session_id)
    for attempt in range(1, attempts + 1):
        try:
            return await _settle_payment_once(ledger, payment, number, code=False)
        except KioskError as exc:
            if exc.family is not Family.PAYMENT or exc.refused or attempt == attempts:
                raise
            log.warning("settling the payment failed (%s); asking again", exc)
    raise AssertionError("unreachable: the last attempt returns or raises")


async def settle_code_payment(
    ledger: Ledger,
    payment: CodePaymentsPort,
    out_trade_no: str,
    attempts: int = 3,
    *,
    before_reverse: Callable[[], Awaitable[None]] | None = None,
) -> PaymentStatus | None:
    """:func:`settle_payment` for a payment code's order: one still waiting for the
    patron (or whose charge was never answered) is reversed (WeChat) or cancelled
    (Alipay), never closed, after ``before_reverse`` (recovery waits out WeChat's 15 s
    there); a reverse refused (the wallet still busy with the patron) is asked again."""
    for attempt in range(1, attempts + 1):
        try:
            return await _settle_payment_once(
                ledger, payment, out_trade_no, code=True, before_reverse=before_reverse
            )
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
            if attempt == attempts:
                raise
            log.warning("settling code payment %s failed (%s); asking again", out_trade_no, exc)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _seen_facts(
    ledger: Ledger, out_trade_no: str, facts: Mapping[str, Any], code: bool
) -> dict[str, Any]:
    # the first QR's read is journaled as it always was; any other order's names it
    named = code or out_trade_no != out_trade_no_for(ledger.txn_id)
    return {OUT_TRADE_NO: out_trade_no, **facts} if named else dict(facts)


async def _settle_payment_once(
    ledger: Ledger,
    payment: PaymentPort,
    out_trade_no: str,
    *,
    code: bool,
    before_reverse: Callable[[], Awaitable[None]] | None = None,
) -> PaymentStatus | None:
    try:
        seen = await payment.query(out_trade_no)
    except KioskError as exc:
        if exc.family is not Family.PAYMENT or not exc.not_found:
            raise
        await ledger.seen(
            PAYMENT_SEEN, _seen_facts(ledger, out_trade_no, {"state": "NOT_FOUND"}, code)
        )
        if not code:
            return None
        seen = None  # a code payment whose answer was lost may still arrive: reverse it
    if seen is not None:
        await ledger.seen(
            PAYMENT_SEEN, _seen_facts(ledger, out_trade_no, payment_facts(seen), code)
        )
    if code and (seen is None or seen.state is PaymentStatus.PENDING):
        assert isinstance(payment, CodePaymentsPort)
        codes = payment
        if before_reverse is not None:
            await before_reverse()
        try:
            seen = await ledger.call(
                PAYMENT_REVERSE,
                {OUT_TRADE_NO: out_trade_no},
                lambda: codes.reverse(out_trade_no),
                payment_facts,
            )
        except KioskError as exc:
            if exc.family is not Family.PAYMENT or not exc.refused:
                raise
            # refused (still busy with the patron): ask again, from the query
            raise ReverseRefused(f"reverse of {out_trade_no} refused: {exc.reason}") from exc
        return seen.state
    assert seen is not None
    if seen.state is PaymentStatus.PENDING:
        try:
            seen = await ledger.call(
                PAYMENT_CLOSE,
                {OUT_TRADE_NO: out_trade_no},
                lambda: payment.close(out_trade_no),
                payment_facts,
            )
        except KioskError as exc:
            if exc.family is not Family.PAYMENT or not exc.refused:
                raise
            # Paid between the query and the close: refund it below.
            seen = await payment.query(out_trade_no)
            await ledger.seen(
                PAYMENT_SEEN, _seen_facts(ledger, out_trade_no, payment_facts(seen), code)
            )
    if seen.state is PaymentStatus.PAID:
        seen = await refund_payment(
            ledger, payment, out_trade_no, seen.amount_fen, out_trade_no=out_trade_no
        )
    return seen.state


async def refund_payment(
    ledger: Ledger,
    payment: PaymentPort,
    user_session_id: str,
    amount_fen: int,
    *,
    out_trade_no: str | None = None,
) -> PaymentState:
    """Refund the whole payment under its order's one refund number (``R`` and the
    order number: the purchase's for its QR, a payment code's own for that code)."""
    out_trade_no = out_trade_no or out_trade_no_for(user_session_id)
    refund_no = out_refund_no_for(out_trade_no)
    return await ledger.call(
        PAYMENT_REFUND,
        {OUT_TRADE_NO: out_trade_no, "out_refund_no": refund_no, "amount_fen": amount_fen},
        lambda: payment.refund(out_trade_no, refund_no, amount_fen),
        payment_facts,
    )


async def refund_booking(
    ledger: Ledger, connect: ConnectPort, booked: Booked, total_fen: int
) -> None:
    """RefundBooking (seed §3.12); a booking already refunded counts as done."""
    try:
        await ledger.call(
            REFUND_BOOKING,
            {
                BOOKING_ID: booked.booking_id,
                BOOKING_NUMBER: booked.booking_number,
                "amount_fen": total_fen,
            },
            lambda: connect.refund_booking(
                booked.booking_number, total_fen, booking_id=booked.booking_id
            ),
        )
    except KioskError as exc:
        if (
            exc.family is not Family.CONNECT
            or exc.result_code != ConnectResult.ORDER_HAS_BEEN_REFUNDED
        ):
            raise
        log.info("booking %s was already refunded", mask_code(booked.booking_id))


async def poll_booking_status(
    ledger: Ledger, connect: ConnectPort, clock: Clock, polls: int, interval_s: float
) -> Booked | None:
    """Seed §2.2 ⑫: QueryOrderBookingStatus ``polls`` times, ``interval_s`` apart; the
    booking if it shows up. Every failure (47, a lost answer) just means "not yet"."""
    for attempt in range(1, polls + 1):
        try:
            summary = await connect.query_order_booking_status(ledger.txn_id)
        except KioskError as exc:
            if exc.family is not Family.CONNECT:
                raise
            log.info("booking status %d/%d: %s", attempt, polls, exc)
        else:
            booked = Booked(summary.booking_id, summary.booking_number)
            await ledger.seen(
                BOOKING_STATUS,
                {
                    BOOKING_ID: booked.booking_id,
                    BOOKING_NUMBER: booked.booking_number,
                    "total_fen": summary.total_fen,
                },
            )
            return booked
        if attempt < polls:
            await clock.sleep(interval_s)
    await ledger.seen(BOOKING_STATUS, {"found": False, "polls": polls})
    return None


async def cancel_order(ledger: Ledger, connect: ConnectPort, attempts: int = 3) -> bool:
    """CancelOrder, asked again when the answer is lost; True once Connect confirms."""
    for _ in range(attempts):
        try:
            await ledger.call(CANCEL_ORDER, {}, lambda: connect.cancel_order(ledger.txn_id))
        except KioskError as exc:
            if exc.family is not Family.CONNECT:
                raise
            if exc.refused:
                return False
            continue
        return True
    return False
