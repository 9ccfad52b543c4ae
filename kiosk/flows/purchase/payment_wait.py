"""The payment wait: each provider's QR asked after, a scanned payment code charged,
the first paid wins and every other order is closed (refunded if paid too).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from kiosk.domain.payment import PaymentState, PaymentStatus
from kiosk.errors import Family, KioskError
from kiosk.flows.ports import CodePaymentsPort
from kiosk.flows.purchase.model import HeldOrder, PurchaseConfig, PurchaseDeps, QrOrder
from kiosk.flows.purchase_errors import (
    PaymentClosed,
    PaymentCodeDeclined,
    PaymentTimedOut,
    PurchaseCancelled,
    PurchaseError,
    TicketsNotIssued,
)
from kiosk.flows.purchase_ledger import (
    MAX_CODE_ATTEMPTS,
    PAYMENT_CLOSE,
    PAYMENT_CODE,
    PAYMENT_SEEN,
    WALLET,
    PurchaseReason,
    PurchaseState,
    code_trade_no,
    payment_facts,
    provider_for,
    settle_code_payment,
    settle_payment,
)
from kiosk.journal.models import OUT_TRADE_NO
from kiosk.journal.summaries import PurchaseFacts

log = logging.getLogger(__name__)


@dataclass
class CodeAttempt:
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


@dataclass
class WaitState:
    cancel_requested: asyncio.Event = field(default_factory=asyncio.Event)
    started: bool = False
    running: bool = False
    # set when the wait has ended (abandoned, or moved on to CompleteOrder): a cancel
    # pressed during it returns only then, so nobody takes the purchase for settled
    # while its abandon is still running
    ended: asyncio.Event = field(default_factory=asyncio.Event)
    # a scanned payment code for the loop to charge (one at a time), and the wake-up
    code: CodeAttempt | None = None
    code_arrived: asyncio.Event = field(default_factory=asyncio.Event)
    code_running: bool = False
    code_state: str | None = None  # what observers are told (Snapshot.code_payment)


class PaymentWait(ABC):
    """The payment wait of :class:`~kiosk.flows.purchase.machine.PurchaseFlow`, apart
    from its steps: the flow gives it its ports, its state, and how to change state
    and let the purchase go."""

    deps: PurchaseDeps
    config: PurchaseConfig
    state: PurchaseState
    _wait: WaitState

    @abstractmethod
    async def _set(self, state: PurchaseState, summary: PurchaseFacts | None = None) -> None:
        """Journal the new state and tell the observers."""

    @abstractmethod
    def _notify(self) -> None:
        """Tell the observers (a countdown tick, a payment code's progress)."""

    @abstractmethod
    async def _abandon(self, reason: PurchaseReason, detail: str = "") -> None:
        """Close every payment (refunding what was paid) and cancel the order."""

    def _code_provider(self, wallet: str) -> CodePaymentsPort | None:
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

    async def _charge_code(self, order: HeldOrder, attempt: CodeAttempt) -> PaymentState | None:
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

    async def _charge_code_once(
        self, order: HeldOrder, attempt: CodeAttempt
    ) -> PaymentState | None:
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
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
            if exc.refused:
                log.info("payment code %s refused by %s: %s", no, attempt.wallet, exc.reason)
                attempt.fail(PaymentCodeDeclined(exc.reason, reference=usid, reason=exc.reason))
                return None
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
            except KioskError as exc:
                if exc.family is not Family.PAYMENT:
                    raise
                if exc.not_found:
                    seen = None
                else:
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
        order: HeldOrder,
        attempt: CodeAttempt,
        no: str,
        provider: CodePaymentsPort,
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
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
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
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
            log.error("code payment %s could not be reversed: %s", no, exc)
            error = await self._unsettled(order, PurchaseReason.PAYMENT_CODE_NOT_REVERSED)
            attempt.fail(error)
            raise error from None
        log.info("code payment %s given up (%s)", no, final.value if final else "never made")
        attempt.fail(PaymentCodeDeclined("timed out", reference=usid, reason="timed_out"))
        return None

    async def _code_won(
        self, order: HeldOrder, attempt: CodeAttempt, no: str, paid: PaymentState
    ) -> PaymentState:
        """A code payment is in: no QR may take money as well. Each is closed, and
        refunded when it was paid too; if that cannot be done now, nothing is sold."""
        order.accepted = (no, attempt.wallet)
        try:
            await self._close_other_qrs(order, None)
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
            error = await self._unsettled(order, PurchaseReason.QR_NOT_CLOSED_AFTER_CODE)
            attempt.fail(error)
            raise error from None
        attempt.succeed()
        return paid

    async def _close_other_qrs(self, order: HeldOrder, winner: QrOrder | None) -> None:
        """Every QR but ``winner`` made unpayable at once, refunded (journaled) when it
        was paid as well. Raises the payment error (family ``payment``) when one the
        patron was shown cannot be closed now; one never shown (its create unanswered)
        is tried, but no phone holds its code, so it waits for the purchase's end."""
        usid = order.ledger.txn_id
        failure: KioskError | None = None
        for qr in order.qrs:
            if qr is winner:
                continue
            try:
                settled = await settle_payment(
                    order.ledger, qr.provider, usid, out_trade_no=qr.out_trade_no
                )
            except KioskError as exc:
                if exc.family is not Family.PAYMENT:
                    raise
                log.error("the %s QR could not be closed: %s", qr.wallet or "payment", exc)
                if qr.created is not None:
                    failure = failure or exc
                continue
            qr.open = False
            if settled is PaymentStatus.REFUNDED:
                log.warning("the %s QR was paid as well: refunded", qr.wallet or "payment")
        if failure is not None:
            raise failure

    async def _unsettled(self, order: HeldOrder, reason: PurchaseReason) -> PurchaseError:
        """Money of this purchase cannot be put right now: let everything go (what the
        services will not confirm stays open for recovery) and say so."""
        await self._abandon(reason)
        refunded = self.state in (PurchaseState.CANCELLED, PurchaseState.REFUNDED)
        return TicketsNotIssued(reason, reference=order.ledger.txn_id, refunded=refunded)

    async def _until_paid(self, order: HeldOrder) -> PaymentState:
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
                await self._abandon(PurchaseReason.PATRON_CANCELLED)
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
                except KioskError as exc:
                    if exc.family is not Family.PAYMENT:
                        raise
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
                await self._abandon(
                    PurchaseReason.PAYMENT_TIMED_OUT if expired else PurchaseReason.PAYMENT_CLOSED
                )
                if expired:  # the provider closed it at its expiry
                    raise PaymentTimedOut(reference=usid)
                raise PaymentClosed(reference=usid)
            now = self.deps.clock.now()
            if now >= deadline:
                for qr in [q for q in order.qrs if q.open]:
                    seen_at_close = await self._close_or_paid(order, qr)
                    if seen_at_close is not None and seen_at_close.state is PaymentStatus.PAID:
                        return await self._qr_won(order, qr, seen_at_close)
                await self._abandon(PurchaseReason.PAYMENT_TIMED_OUT)
                raise PaymentTimedOut(reference=usid)
            self._notify()
            await self._sleep_unless_cancelled(
                min(self.config.payment_poll_s, (deadline - now).total_seconds())
            )

    async def _qr_won(self, order: HeldOrder, qr: QrOrder, paid: PaymentState) -> PaymentState:
        """A QR is paid: every other is closed at once (refunded if it was paid too);
        if one the patron was shown cannot be closed now, nothing is sold."""
        if qr is not order.qrs[0]:
            order.accepted = (qr.out_trade_no, qr.wallet)
        try:
            await self._close_other_qrs(order, qr)
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
            raise await self._unsettled(order, PurchaseReason.QR_NOT_CLOSED_AFTER_PAYMENT) from None
        return paid

    def _qr_facts(self, order: HeldOrder, qr: QrOrder, seen: PaymentState) -> dict[str, Any]:
        """A QR's read as journaled: the first provider's as it always was, any other's
        naming its order."""
        facts = payment_facts(seen)
        if qr is not order.qrs[0]:
            facts = {OUT_TRADE_NO: qr.out_trade_no, **facts}
        return facts

    async def _close_or_paid(self, order: HeldOrder, qr: QrOrder) -> PaymentState | None:
        """Close the QR so it can no longer be paid; the state if it was paid meanwhile."""
        try:
            return await order.ledger.call(
                PAYMENT_CLOSE,
                {OUT_TRADE_NO: qr.out_trade_no},
                lambda: qr.provider.close(qr.out_trade_no),
                payment_facts,
            )
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
            if not exc.refused:
                return None
        try:
            return await qr.provider.query(qr.out_trade_no)
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
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

    async def _paid(self, order: HeldOrder, paid: PaymentState) -> None:
        """Accept the payment and move to COMPLETING, or abandon (refunding it) and raise."""
        usid = order.ledger.txn_id
        facts = payment_facts(paid)
        if order.accepted is not None:
            facts = {OUT_TRADE_NO: order.accepted[0], **facts}
        await order.ledger.seen(PAYMENT_SEEN, facts)
        if self._wait.cancel_requested.is_set():
            # Cancel was pressed as the money arrived: they asked to cancel, so refund it.
            await self._abandon(PurchaseReason.PATRON_CANCELLED)
            raise PurchaseCancelled(reference=usid)
        if paid.amount_fen != order.total_fen:
            await self._abandon(PurchaseReason.PAYMENT_AMOUNT_MISMATCH)
            raise TicketsNotIssued("paid amount differs from the order total", reference=usid)
        if self.deps.clock.now() >= order.hold_expires_at:
            # The money came after Connect let the seats go: CompleteOrder cannot succeed.
            await self._abandon(PurchaseReason.PAID_AFTER_HOLD)
            raise PaymentTimedOut("paid after the seat hold expired: refunded", reference=usid)
        accepted: PurchaseFacts = {}
        if order.accepted is not None:
            # staff and recovery find the booking by the order the patron paid
            accepted = {OUT_TRADE_NO: order.accepted[0], WALLET: order.accepted[1]}
        await self._set(PurchaseState.COMPLETING, accepted or None)
