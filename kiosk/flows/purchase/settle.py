"""How a paid-for purchase is finished, by its live flow or by recovery after a crash.

:class:`Settlement` holds the seed's path after payment (seed §2.2: CompleteOrder;
on no clear answer GetOrder, CompleteOrder again, QueryOrderBookingStatus polled;
then CancelOrder, or RefundBooking of the booking CancelOrder's refusal reveals) and
the money's end (every payment order of the purchase closed, reversed or refunded,
but the one a kept booking was paid with). :class:`~kiosk.flows.purchase.PurchaseFlow`
runs it with the patron at the screen, :class:`~kiosk.flows.recovery.PurchaseRecoverer`
with what the journal says was tried: a crash changes who finishes, never how.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from kiosk.domain.payment import PaymentStatus
from kiosk.errors import Family, KioskError
from kiosk.flows.ports import Clock, CodePaymentsPort, ConnectPort, PaymentPort
from kiosk.flows.purchase.model import PurchaseConfig
from kiosk.flows.purchase_ledger import (
    COMPLETE_ORDER,
    GET_ORDER,
    Booked,
    Ledger,
    PurchaseReason,
    PurchaseState,
    cancel_order,
    poll_booking_status,
    refund_booking,
    settle_code_payment,
    settle_payment,
)
from kiosk.journal.models import BOOKING_ID, BOOKING_NUMBER
from kiosk.journal.summaries import PurchaseFacts

log = logging.getLogger(__name__)

# The journal's state on the way (the live flow shows VERIFYING and REFUNDING and
# why; recovery writes only where it ends).
StateWriter = Callable[[PurchaseState, PurchaseFacts | None], Awaitable[None]]


class Unsettled(Exception):
    """A service would not say or do what settling needs: the purchase stays open, and
    the next settling (recovery, at every start and periodically) begins again.
    ``money`` when it is a payment order that could not be put right; ``cause`` the
    first payment error then."""

    def __init__(self, reason: str, *, money: bool = False, cause: Exception | None = None):
        super().__init__(reason)
        self.money = money
        self.cause = cause


@dataclass(frozen=True)
class Trade:
    """One payment order of a purchase: a provider's QR or a scanned payment code's.
    ``provider`` None: made with a provider this kiosk is not configured with now."""

    number: str
    wallet: str
    provider: PaymentPort | None
    code: bool = False
    # a code's reverse waits out what is left of WeChat's 15 s (recovery; the live flow
    # has waited already)
    before_reverse: Callable[[], Awaitable[None]] | None = None


async def return_money(
    ledger: Ledger, trades: Sequence[Trade], keep: str = ""
) -> PaymentStatus | None:
    """Every order of the purchase but ``keep`` keeps no money: a QR closed or refunded,
    a payment code's reversed or refunded. REFUNDED when any money was taken and
    returned. Each order is tried even when another fails; then :class:`Unsettled`."""
    statuses: list[PaymentStatus | None] = []
    failures: list[str] = []
    first: KioskError | None = None
    for trade in trades:
        if trade.number == keep:
            continue
        kind = "code payment" if trade.code else "payment"
        if trade.provider is None:
            failures.append(
                f"{kind} {trade.number} was made with {trade.wallet}, not configured now"
            )
            continue
        try:
            if trade.code:
                assert isinstance(trade.provider, CodePaymentsPort)  # it charged the code
                status = await settle_code_payment(
                    ledger, trade.provider, trade.number, before_reverse=trade.before_reverse
                )
            else:
                status = await settle_payment(
                    ledger, trade.provider, ledger.txn_id, out_trade_no=trade.number
                )
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
            first = first or exc
            undo = "reversed" if trade.code else "closed"
            failures.append(f"{kind} {trade.number} could not be {undo} or refunded: {exc}")
            continue
        statuses.append(status)
    if failures:
        raise Unsettled("; ".join(failures), money=True, cause=first)
    if PaymentStatus.REFUNDED in statuses:
        return PaymentStatus.REFUNDED
    return next((s for s in statuses if s is not None), None)


@dataclass(frozen=True)
class Undone:
    """Where a purchase with no sale ended, why (the patron's error says it), and the
    booking refunded, if there was one."""

    state: PurchaseState
    reason: PurchaseReason | None
    booked: Booked | None


@dataclass
class Settlement:
    """One purchase being finished: its ledger, its total and every payment order."""

    ledger: Ledger
    connect: ConnectPort
    clock: Clock
    config: PurchaseConfig
    total_fen: int
    trades: Sequence[Trade]
    on_state: StateWriter | None = None

    async def complete(self) -> Booked | None:
        """One CompleteOrder with the exact order total; None on any failure or lost reply.
        Never called while another is outstanding: each one is awaited to its end."""
        usid = self.ledger.txn_id
        try:
            result = await self.ledger.call(
                COMPLETE_ORDER,
                {"amount_fen": self.total_fen},
                lambda: self.connect.complete_order(usid, self.total_fen),
                lambda r: {BOOKING_ID: r.booking_id, BOOKING_NUMBER: r.booking_number},
            )
        except KioskError as exc:
            if exc.family is not Family.CONNECT:
                raise
            log.warning("CompleteOrder failed: %s", exc)
            return None
        return Booked(result.booking_id, result.booking_number)

    async def booking(self, *, patron_waiting: bool) -> Booked | None:
        """The booking a CompleteOrder without a clear answer made, if any (seed §2.2
        2.2): GetOrder, then QueryOrderBookingStatus polled.

        With its patron waiting, paid, the flow asks GetOrder ``read_attempts`` times,
        completes an order CompleteOrder never reached once more (2.2.1) and polls
        even an order it could not read. Recovery never makes a booking (an order
        CompleteOrder never reached is no booking) and stops at an order it cannot
        read: it runs again at every start."""
        seen = None
        failure: KioskError | None = None
        for attempt in range(1, (self.config.read_attempts if patron_waiting else 1) + 1):
            try:
                seen = await self.connect.get_order(self.ledger.txn_id)
            except KioskError as exc:
                if exc.family is not Family.CONNECT:
                    raise
                log.info("GetOrder %d failed: %s", attempt, exc)
                failure = exc
                continue
            await self.ledger.seen(GET_ORDER, {"complete_called": seen.complete_called})
            break
        if seen is None and not patron_waiting:
            raise Unsettled(f"GetOrder failed: {failure}")
        if seen is not None and not seen.complete_called:
            if not patron_waiting:
                return None  # still an open order: CompleteOrder never took effect
            booked = await self.complete()  # 2.2.1: CompleteOrder again
            if booked is not None:
                return booked
        return await poll_booking_status(
            self.ledger,
            self.connect,
            self.clock,
            self.config.booking_status_polls,
            self.config.booking_status_interval_s,
        )

    async def undo(
        self,
        booked: Booked | None,
        *,
        order_open: bool,
        complete_tried: bool,
        reason: PurchaseReason | None = None,
    ) -> Undone:
        """No sale: the order cancelled (seed §2.2 ⑭⑮⑯), or the booking refunded with
        RefundBooking (one known, or the one CancelOrder's refusal after a CompleteOrder
        reveals, ⑰); then every payment order keeps no money. ``reason`` is why, when
        no booking had to be refunded. Raises :class:`Unsettled` at what would not be
        done; nothing after it is tried."""
        if booked is None and order_open and not await cancel_order(self.ledger, self.connect):
            if complete_tried:
                # Refused (say 56, "payments processed") after a CompleteOrder: the
                # order became a booking the polls missed. Look once more.
                booked = await poll_booking_status(self.ledger, self.connect, self.clock, 1, 0)
            if booked is None:
                raise Unsettled("CancelOrder was refused or not answered and no booking was found")
            await self._state(PurchaseState.REFUNDING, {"reason": PurchaseReason.CANCEL_FAILED})
        if booked is not None:
            try:
                await refund_booking(self.ledger, self.connect, booked, self.total_fen)
            except KioskError as exc:
                if exc.family is not Family.CONNECT:
                    raise
                raise Unsettled(f"RefundBooking of {booked.booking_id} failed: {exc}") from exc
            reason = PurchaseReason.BOOKING_REFUNDED
        if reason is not None:
            await self._state(PurchaseState.REFUNDING, {"reason": reason})
        money = await return_money(self.ledger, self.trades)
        refunded = booked is not None or money is PaymentStatus.REFUNDED
        state = PurchaseState.REFUNDED if refunded else PurchaseState.CANCELLED
        return Undone(state, reason, booked)

    async def keep(self, accepted: str) -> None:
        """The booking stands, paid by ``accepted``: no other order keeps money."""
        await return_money(self.ledger, self.trades, keep=accepted)

    async def _state(self, state: PurchaseState, summary: PurchaseFacts) -> None:
        if self.on_state is not None:
            await self.on_state(state, summary)
