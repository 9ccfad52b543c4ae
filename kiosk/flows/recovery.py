"""Recovery: drive every unfinished transaction to a terminal state, or say why not.

Runs at every start before the first patron and as ``kiosk recover``. Each kind
of transaction has a :class:`Recoverer`; :func:`recover_all` runs them over the
journal's open transactions (both in :mod:`kiosk.flows.recovery_base`, which
needs no purchase). Purchase recovery lives here and registers itself with
:func:`register_recoverer`; the collect flow's recoverers need the caller's own
printer, so the caller passes them to :func:`recover_all`.

A purchase is settled from what the outside world says, not from where the
kiosk stopped: Connect tells whether a booking exists (GetOrder, then
QueryOrderBookingStatus polled as seed §2.2 asks), the payment provider tells
whether money was taken; the journal says which calls may have happened. Then:

- booking and matching payment, no refund begun → COMPLETED (the pickup code is
  in the journal; staff find it by the payment's out_trade_no);
- booking but no matching payment, or a refund already begun → RefundBooking,
  refund the payment → REFUNDED;
- no booking → CancelOrder, close or refund the payment → CANCELLED or REFUNDED;
  CancelOrder refused after a CompleteOrder (56) and a booking shows up after all
  → RefundBooking and refund the payment → REFUNDED (seed §2.2 ⑰).

A purchase may hold more than one payment order: a QR per provider
(``payment_create`` intents, each with its order number and provider) and each
payment code the patron had scanned (``payment_code`` intents, each with its own
order number and wallet). "The payment" above is the one the flow accepted (the
summary's ``out_trade_no`` once COMPLETING, else the first provider's QR); every
other one is made to keep nothing: a QR closed, a code still waiting for its
patron (or never answered) reversed, anything paid refunded; a booked purchase is
COMPLETED only once they are.

The settling itself is :class:`~kiosk.flows.purchase.settle.Settlement`, the routine
the live flow runs after payment too; recovery decides from the journal what to ask
it, and never makes a booking itself.

Whatever a service will not answer or refuses stays open as NEEDS_STAFF with
the facts, and the next recovery tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kiosk.domain.payment import PaymentState, PaymentStatus
from kiosk.errors import Family, KioskError
from kiosk.flows.journaled import CallOutcome
from kiosk.flows.ports import Clock, CodePaymentsPort, ConnectPort, JournalPort, PaymentPort
from kiosk.flows.purchase.model import PurchaseConfig
from kiosk.flows.purchase.settle import Settlement, Trade, Unsettled
from kiosk.flows.purchase_ledger import (
    ADD_TICKETS,
    COMPLETE_ORDER,
    PAYMENT_CODE,
    PAYMENT_CREATE,
    PAYMENT_REFUND,
    PAYMENT_SEEN,
    REFUND_BOOKING,
    TERMINAL_STATES,
    WALLET,
    Booked,
    Ledger,
    PurchaseState,
    out_trade_no_for,
    payment_facts,
    provider_for,
    qr_provider_for,
)

# the run over the journal, apart for the commands that recover no purchase; named
# here too, where recovery has always been imported from
from kiosk.flows.recovery_base import Outcome as Outcome
from kiosk.flows.recovery_base import Recoverer as Recoverer
from kiosk.flows.recovery_base import RecoveryReport as RecoveryReport
from kiosk.flows.recovery_base import recover_all as recover_all
from kiosk.journal.models import BOOKING_ID, BOOKING_NUMBER, OUT_TRADE_NO, Kind, Step, Transaction
from kiosk.journal.summaries import PurchaseFacts, PurchaseSummary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecoveryContext:
    """What a recoverer factory may build from: shared adapters, and the purchase's
    knobs as the composition root read them from the settings."""

    purchase: PurchaseConfig
    journal: JournalPort
    connect: ConnectPort
    payment: PaymentPort
    clock: Clock
    # the other providers of payment_providers by name (wechatpay, alipay, simulator):
    # their QRs and payment codes
    wallets: Mapping[str, PaymentPort] = field(default_factory=dict)


RecovererFactory = Callable[[RecoveryContext], Recoverer]
_factories: dict[str, RecovererFactory] = {}


def register_recoverer(kind: Kind, factory: RecovererFactory) -> None:
    """Plug in the recoverer of a kind (the collect flow calls this at import)."""
    _factories[kind] = factory


def recoverers_for(context: RecoveryContext) -> list[Recoverer]:
    return [factory(context) for factory in _factories.values()]


@dataclass
class PurchaseRecoverer:
    """Settles open purchase transactions (see the module docstring for the rules)."""

    journal: JournalPort
    connect: ConnectPort
    payment: PaymentPort
    clock: Clock
    config: PurchaseConfig = field(default_factory=PurchaseConfig)
    kind: Kind = "purchase"
    wallets: Mapping[str, PaymentPort] = field(default_factory=dict)

    @classmethod
    def from_context(cls, context: RecoveryContext) -> PurchaseRecoverer:
        return cls(
            context.journal,
            context.connect,
            context.payment,
            context.clock,
            context.purchase,
            wallets=context.wallets,
        )

    async def recover(self, txn: Transaction) -> Outcome:
        ledger = Ledger(self.journal, txn.id)
        steps = await self.journal.steps(txn.id)
        try:
            state, facts = await self._settle(ledger, txn, steps)
        except Unsettled as exc:
            staff = _staff_facts(txn)
            await ledger.state(
                PurchaseState.NEEDS_STAFF, {"staff_reason": str(exc), "staff_facts": staff}
            )
            return Outcome(
                txn.id, txn.kind, PurchaseState.NEEDS_STAFF.value, False, str(exc), staff
            )
        await ledger.state(state, {"recovered": True, **facts})
        log.info("recovered purchase %s as %s", txn.id, state.value)
        return Outcome(txn.id, txn.kind, state.value, state in TERMINAL_STATES, "", facts)

    async def _settle(
        self, ledger: Ledger, txn: Transaction, steps: Sequence[Step]
    ) -> tuple[PurchaseState, PurchaseFacts]:
        settlement = Settlement(
            ledger,
            self.connect,
            self.clock,
            self.config,
            PurchaseSummary.read(txn.summary).total_fen,
            self._trades(txn, steps),
        )
        # A refund of the accepted payment begun means no sale; one of a second payment
        # (a QR paid as well as the code that won) does not.
        accepted = _accepted_number(txn, steps)
        refunding = (
            txn.state == PurchaseState.REFUNDING.value
            or _tried(steps, REFUND_BOOKING)
            or any(
                s.phase == "intent"
                and s.step == PAYMENT_REFUND
                and s.details.get(OUT_TRADE_NO, accepted) == accepted
                for s in steps
            )
        )
        booked = await self._booking(settlement, txn, steps)
        if booked is not None and not refunding:
            paid = await self._payment(ledger, txn, steps)
            if (
                paid is not None
                and paid.state is PaymentStatus.PAID
                and paid.refunded_fen == 0
                and paid.amount_fen == settlement.total_fen
            ):
                # Sold and paid: the patron keeps the seats and collects with the code,
                # and no other order of the purchase keeps money.
                await settlement.keep(paid.out_trade_no)
                return PurchaseState.COMPLETED, _booked_facts(booked)
        undone = await settlement.undo(
            booked,
            order_open=_tried(steps, ADD_TICKETS),
            complete_tried=_tried(steps, COMPLETE_ORDER),
        )
        return undone.state, _booked_facts(undone.booked) if undone.booked else {}

    async def _booking(
        self, settlement: Settlement, txn: Transaction, steps: Sequence[Step]
    ) -> Booked | None:
        """The booking this order became, if any. Only a CompleteOrder makes one."""
        summary = PurchaseSummary.read(txn.summary)
        if summary.booking_number is not None:
            return Booked(summary.booking_id, summary.booking_number)
        known = _booked_in_steps(steps)
        if known is not None:
            return known
        if not _tried(steps, COMPLETE_ORDER):
            return None
        return await settlement.booking(patron_waiting=False)

    async def _payment(
        self, ledger: Ledger, txn: Transaction, steps: Sequence[Step]
    ) -> PaymentState | None:
        """The payment the flow accepted for the booking: a payment code's when the
        summary names one, else the QR's."""
        accepted = _accepted_number(txn, steps)
        codes = dict(_code_trades(steps))
        qrs = dict(_qr_trades(txn, steps))
        provider: PaymentPort
        if accepted in codes:
            number, provider = accepted, self._code_provider(accepted, codes[accepted])
        elif accepted in qrs:
            number, provider = accepted, self._qr_provider(accepted, qrs[accepted])
        else:
            return None
        try:
            seen = await provider.query(number)
        except KioskError as exc:
            if exc.family is not Family.PAYMENT:
                raise
            if exc.not_found:
                return None
            raise Unsettled(f"payment query failed: {exc}") from exc
        facts = payment_facts(seen)
        if number != out_trade_no_for(txn.id):
            facts = {OUT_TRADE_NO: number, **facts}
        await ledger.seen(PAYMENT_SEEN, facts)
        return seen

    def _trades(self, txn: Transaction, steps: Sequence[Step]) -> list[Trade]:
        """Every payment order the journal says the purchase made: each provider's QR,
        then each payment code's (its reverse waits out WeChat's 15 s from its charge)."""
        qrs = [
            Trade(number, wallet, qr_provider_for(wallet, self.payment, self.wallets))
            for number, wallet in _qr_trades(txn, steps)
        ]
        charged = [s.at for s in steps if s.phase == "intent" and s.step == PAYMENT_CODE]
        codes = [
            Trade(
                number,
                wallet,
                provider_for(wallet, self.payment, self.wallets),
                code=True,
                before_reverse=self._not_before(at),
            )
            for (number, wallet), at in zip(_code_trades(steps), charged, strict=True)
        ]
        return [*qrs, *codes]

    def _qr_provider(self, number: str, wallet: str) -> PaymentPort:
        provider = qr_provider_for(wallet, self.payment, self.wallets)
        if provider is None:
            raise Unsettled(f"payment {number} was made with {wallet}, not configured now")
        return provider

    def _code_provider(self, number: str, wallet: str) -> CodePaymentsPort:
        provider = provider_for(wallet, self.payment, self.wallets)
        if provider is None:
            raise Unsettled(f"code payment {number} was made with {wallet}, not configured now")
        return provider

    def _not_before(self, charged_at: dt.datetime) -> Callable[[], Any]:
        """Wait out what is left of WeChat's 15 s before reversing a code charged then."""

        async def wait() -> None:
            limit = self.config.code_reverse_after_s
            left = (charged_at - self.clock.now()).total_seconds() + limit
            if left > 0:
                await self.clock.sleep(min(left, limit))

        return wait


register_recoverer("purchase", PurchaseRecoverer.from_context)


def _tried(steps: Sequence[Step], *names: str) -> bool:
    return any(s.phase == "intent" and s.step in names for s in steps)


def _accepted_number(txn: Transaction, steps: Sequence[Step]) -> str:
    """The order the flow accepted the money of: the payment code's or QR's the summary
    names, else the first provider's QR."""
    named = PurchaseSummary.read(txn.summary).out_trade_no
    known = {n for n, _ in _code_trades(steps)} | {n for n, _ in _qr_trades(txn, steps)}
    return named if named in known else out_trade_no_for(txn.id)


def _qr_trades(txn: Transaction, steps: Sequence[Step]) -> list[tuple[str, str]]:
    """Each provider's QR order (number, provider name: "" when the journal named none,
    as before there could be several), in screen order."""
    found: dict[str, str] = {}
    for s in steps:
        if s.phase == "intent" and s.step == PAYMENT_CREATE:
            number = str(s.details.get(OUT_TRADE_NO) or out_trade_no_for(txn.id))
            found.setdefault(number, str(s.details.get(WALLET, "")))
    return list(found.items())


def _code_trades(steps: Sequence[Step]) -> list[tuple[str, str]]:
    """Each payment code's order (number, wallet), in the order they were charged."""
    return [
        (str(s.details.get(OUT_TRADE_NO, "")), str(s.details.get(WALLET, "")))
        for s in steps
        if s.phase == "intent" and s.step == PAYMENT_CODE
    ]


def _booked_in_steps(steps: Sequence[Step]) -> Booked | None:
    """A booking number any answer recorded (CompleteOrder ok, a status poll)."""
    for step in reversed(steps):
        number = step.details.get(BOOKING_NUMBER) if step.phase == "result" else None
        if step.outcome == CallOutcome.OK and number:
            return Booked(str(step.details.get(BOOKING_ID, "")), int(number))
    return None


def _booked_facts(booked: Booked) -> PurchaseFacts:
    return {BOOKING_ID: booked.booking_id, BOOKING_NUMBER: booked.booking_number}


def _staff_facts(txn: Transaction) -> dict[str, Any]:
    """What staff need to settle it by hand: the order, the payment, the booking."""
    keys = ("session_id", "seats", "total_fen", OUT_TRADE_NO, BOOKING_ID, BOOKING_NUMBER)
    return {"user_session_id": txn.id, **{k: txn.summary[k] for k in keys if k in txn.summary}}
