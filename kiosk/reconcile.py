"""Daily reconciliation (对账): the providers' bills of a day against the journal.

For one China calendar day, every line of each configured provider's trade bill
(WeChat Pay's ALL bill, Alipay's 业务明细) is matched against the payment orders the
journal knows (each purchase's QR and every payment code it charged), and what the
journal says is checked with what the provider says now and what Connect says of the
booking. A line is **matched** when:

- a payment is the one a COMPLETED purchase's booking stands on, the amount agrees and
  Connect still has the booking unrefunded; or
- a payment of a purchase that sold nothing (or a second payment of one that did) is
  given back whole: by a refund in the same bill, or one the provider reports now;
- a refund belongs to an order the journal knows and sold nothing on, and is done.

Everything else is a **mismatch**, each of a kind finance can act on:

``not_in_journal``  money moved under an order number the journal never issued
``paid_without_booking``  kept by the merchant, no tickets stand on it
``refund_processing``  given back but not arrived yet (a bank card takes days)
``amount_differs``  the bill's amount is not the journal's
``booking_refunded``  money kept, but Connect has refunded or lost the booking
``refunded_with_booking``  money given back although the tickets were issued
``not_in_bill``  the journal saw it paid that day; the bill does not list it
``unverified``  the provider or Connect would not answer a question it needed

A payment seconds before midnight is journaled a moment later, so one may be reported
against the next day (``not_in_bill`` on one, ``not_in_journal`` on neither).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.chinatime import CHINA_TIME
from kiosk.connect.errors import BookingDoesNotExist, ConnectError
from kiosk.flows.collect_ports import BookingLookup
from kiosk.flows.purchase_ledger import (
    PAYMENT_CODE,
    PAYMENT_CREATE,
    PAYMENT_REFUND,
    WALLET,
    PurchaseState,
)
from kiosk.journal.models import OUT_TRADE_NO, Step, Transaction
from kiosk.journal.summaries import PurchaseSummary
from kiosk.payment.base import (
    BillLine,
    PaymentError,
    PaymentNotFound,
    PaymentProvider,
    PaymentState,
    PaymentStatus,
    RefundQueries,
    RefundStatus,
    TradeBills,
)

log = logging.getLogger(__name__)

RECONCILE_ACTION = "reconcile"  # the audit log's action for each run: the last result
LOOKBACK = dt.timedelta(days=7)  # a day's bill may settle a purchase begun a week before


class ReconcileJournal(Protocol):
    async def search(
        self,
        text: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        kind: Any = None,
        limit: int = 200,
    ) -> list[Transaction]: ...

    async def steps(self, txn_id: str) -> list[Step]: ...


@dataclass(frozen=True)
class Mismatch:
    kind: str
    provider: str
    out_trade_no: str
    amount_fen: int
    detail: str
    txn_id: str = ""


@dataclass(frozen=True)
class ReconcileReport:
    day: dt.date
    bills: dict[str, list[BillLine]]  # provider -> the day's lines
    unavailable: dict[str, str]  # provider -> why its bill could not be read
    journal_orders: int
    matched: int
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches and not self.unavailable

    def summary(self) -> str:
        if self.unavailable:
            return f"bill unavailable: {', '.join(sorted(self.unavailable))}"
        if self.mismatches:
            return f"{len(self.mismatches)} mismatch(es)"
        return "all match"

    def audit_details(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "mismatches": len(self.mismatches),
            "kinds": dict(Counter(m.kind for m in self.mismatches)),
            "unavailable": sorted(self.unavailable),
            "lines": {name: len(lines) for name, lines in self.bills.items()},
        }


@dataclass
class _Order:
    """A payment order the journal knows."""

    out_trade_no: str
    txn: Transaction
    provider: str
    amount_fen: int
    accepted: bool  # the money a COMPLETED purchase's booking stands on
    paid_at: dt.datetime | None  # first journal evidence of money taken
    refund_nos: tuple[str, ...] = ()  # the refunds the kiosk asked for


def day_span(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(), CHINA_TIME)
    return start, start + dt.timedelta(days=1)


def yesterday(now: dt.datetime) -> dt.date:
    return now.astimezone(CHINA_TIME).date() - dt.timedelta(days=1)


async def reconcile(
    day: dt.date,
    journal: ReconcileJournal,
    providers: Mapping[str, PaymentProvider],
    connect: BookingLookup,
    *,
    qr_provider: str,
) -> ReconcileReport:
    """Reconcile ``day`` (over by now). ``providers`` by name; those with bills are read.
    ``qr_provider`` names the provider of a QR the journal names none for (one journaled
    before each provider's QR was named)."""
    bills: dict[str, list[BillLine]] = {}
    unavailable: dict[str, str] = {}
    for name, provider in providers.items():
        if not isinstance(provider, TradeBills):
            continue
        try:
            bills[name] = await provider.trade_bill(day)
        except PaymentError as exc:
            log.warning("the %s bill of %s could not be read: %s", name, day, exc)
            unavailable[name] = str(exc)
    orders = await _journal_orders(day, journal, qr_provider)
    checker = _Checker(day, orders, providers, connect)
    for name, lines in bills.items():
        await checker.check_bill(name, lines)
    checker.check_unbilled(bills)
    return ReconcileReport(
        day, bills, unavailable, len(orders), checker.matched, checker.mismatches
    )


async def _journal_orders(
    day: dt.date, journal: ReconcileJournal, qr_provider: str
) -> dict[str, _Order]:
    start, end = day_span(day)
    found: dict[str, _Order] = {}
    txns = await journal.search(
        since=start - LOOKBACK, until=end + dt.timedelta(days=1), kind="purchase", limit=100_000
    )
    for txn in txns:
        steps = await journal.steps(txn.id)
        codes = {
            str(s.details.get(OUT_TRADE_NO, "")): s
            for s in steps
            if s.phase == "intent" and s.step == PAYMENT_CODE
        }
        # each provider's QR (number -> provider; the first may name none, as before
        # there could be several)
        qrs: dict[str, str] = {}
        for s in steps:
            if s.phase == "intent" and s.step == PAYMENT_CREATE:
                number = str(s.details.get(OUT_TRADE_NO) or txn.id)
                qrs.setdefault(number, str(s.details.get(WALLET) or qr_provider))
        summary = PurchaseSummary.read(txn.summary)
        named = summary.out_trade_no
        accepted = named if named in codes or named in qrs else txn.id
        completed = txn.state == PurchaseState.COMPLETED.value
        refunds: dict[str, list[str]] = {}
        for s in steps:
            if s.phase == "intent" and s.step == PAYMENT_REFUND:
                number = str(s.details.get(OUT_TRADE_NO, txn.id))
                refunds.setdefault(number, []).append(str(s.details.get("out_refund_no", "")))
        total = summary.total_fen
        for number, provider in qrs.items():
            found[number] = _Order(
                number,
                txn,
                provider,
                total,
                completed and accepted == number,
                _paid_at(steps, number, qr=number == txn.id),
                tuple(refunds.get(number, ())),
            )
        for number, intent in codes.items():
            found[number] = _Order(
                number,
                txn,
                str(intent.details.get(WALLET, "")),
                int(intent.details.get("amount_fen") or 0),
                completed and accepted == number,
                _paid_at(steps, number, qr=False),
                tuple(refunds.get(number, ())),
            )
    return found


def _paid_at(steps: Sequence[Step], out_trade_no: str, *, qr: bool) -> dt.datetime | None:
    """When the journal first saw this order's money taken (a read or a charge that said
    PAID or REFUNDED, or a refund asked for it)."""
    intents = {s.id: s for s in steps if s.phase == "intent"}
    for step in steps:
        named = step.details.get(OUT_TRADE_NO)
        asked = intents.get(step.intent_id) if step.intent_id is not None else None
        if named is None and asked is not None:
            named = asked.details.get(OUT_TRADE_NO)  # a result answers its intent's order
        mine = named == out_trade_no or (qr and named is None)
        if not mine:
            continue
        if step.phase == "intent" and step.step == PAYMENT_REFUND:
            return step.at
        if step.phase == "result" and step.details.get("state") in ("PAID", "REFUNDED"):
            return step.at
    return None


class _Checker:
    def __init__(
        self,
        day: dt.date,
        orders: Mapping[str, _Order],
        providers: Mapping[str, PaymentProvider],
        connect: BookingLookup,
    ) -> None:
        self.day = day
        self.orders = orders
        self.providers = providers
        self.connect = connect
        self.matched = 0
        self.mismatches: list[Mismatch] = []
        self._billed: set[str] = set()

    def _miss(self, kind: str, line: BillLine | _Order, provider: str, detail: str) -> None:
        if isinstance(line, BillLine):
            order = self.orders.get(line.out_trade_no)
            number, amount = line.out_trade_no, line.amount_fen
        else:
            order, number, amount = line, line.out_trade_no, line.amount_fen
        txn_id = order.txn.id if order is not None else ""
        self.mismatches.append(Mismatch(kind, provider, number, amount, detail, txn_id))

    async def check_bill(self, provider: str, lines: Sequence[BillLine]) -> None:
        payments = [line for line in lines if line.kind == "payment"]
        refunds: dict[str, list[BillLine]] = {}
        for line in lines:
            if line.kind == "refund":
                refunds.setdefault(line.out_trade_no, []).append(line)
        for line in payments:
            self._billed.add(line.out_trade_no)
            await self._check_payment(provider, line, refunds.get(line.out_trade_no, []))
        paid_today = {line.out_trade_no for line in payments}
        for number, given in refunds.items():
            if number in paid_today:
                continue  # judged with its payment
            for line in given:
                self._check_refund(provider, line)

    async def _check_payment(
        self, provider: str, line: BillLine, refunds: Sequence[BillLine]
    ) -> None:
        order = self.orders.get(line.out_trade_no)
        if order is None:
            self._miss("not_in_journal", line, provider, "paid under an order the kiosk never made")
            return
        if line.amount_fen != order.amount_fen:
            self._miss(
                "amount_differs",
                line,
                provider,
                f"the journal has {_yuan(order.amount_fen)}, the bill {_yuan(line.amount_fen)}",
            )
            return
        returned = sum(r.amount_fen for r in refunds)
        if order.accepted:
            if returned:
                self._miss(
                    "refunded_with_booking", line, provider, "refunded, yet the tickets stand"
                )
                return
            await self._check_booking(provider, line, order)
            return
        if returned >= line.amount_fen:
            if any(r.refund_status == "PROCESSING" for r in refunds):
                self._miss("refund_processing", line, provider, "refunded, not arrived yet")
            else:
                self.matched += 1
            return
        # no refund on this day's bill: has it been given back since?
        now = await self._now(provider, order)
        if now is None:
            self._miss("unverified", line, provider, "the provider would not say what it is now")
        elif now.state is PaymentStatus.PAID and now.refunded_fen < now.amount_fen:
            state = order.txn.state
            self._miss("paid_without_booking", line, provider, f"purchase {state}, not refunded")
        elif now.refund_processing or await self._refund_processing(provider, order):
            self._miss("refund_processing", line, provider, "refunded, not arrived yet")
        else:
            self.matched += 1  # refunded or reversed on a later day

    def _check_refund(self, provider: str, line: BillLine) -> None:
        order = self.orders.get(line.out_trade_no)
        if order is None:
            self._miss("not_in_journal", line, provider, "refunded an order the kiosk never made")
        elif order.accepted:
            self._miss("refunded_with_booking", line, provider, "refunded, yet the tickets stand")
        elif line.refund_status == "PROCESSING":
            self._miss("refund_processing", line, provider, "refunded, not arrived yet")
        else:
            self.matched += 1

    async def _check_booking(self, provider: str, line: BillLine, order: _Order) -> None:
        summary = PurchaseSummary.read(order.txn.summary)
        try:
            booking = await self.connect.get_single_booking(
                booking_id=summary.booking_id or None, booking_number=summary.booking_number
            )
        except BookingDoesNotExist:
            self._miss("booking_refunded", line, provider, "Connect has no such booking")
            return
        except ConnectError as exc:
            name = type(exc).__name__
            self._miss("unverified", line, provider, f"Connect would not say ({name})")
            return
        if getattr(booking, "refunded", False):
            self._miss("booking_refunded", line, provider, "kept, but Connect refunded it")
        else:
            self.matched += 1

    async def _refund_processing(self, provider: str, order: _Order) -> bool:
        """Whether a refund the kiosk asked for is still on its way (Alipay's trade query
        cannot say: its refund query can)."""
        port: object = self.providers.get(provider)
        if not isinstance(port, RefundQueries):
            return False
        for number in order.refund_nos:
            try:
                refund = await port.refund_status(order.out_trade_no, number)
            except PaymentError:
                continue
            if refund.status is RefundStatus.PROCESSING:
                return True
        return False

    async def _now(self, provider: str, order: _Order) -> PaymentState | None:
        port = self.providers.get(provider)
        if port is None:
            return None
        try:
            return await port.query(order.out_trade_no)
        except PaymentNotFound:
            return None
        except PaymentError as exc:
            log.info("reconcile: %s query of %s failed: %s", provider, order.out_trade_no, exc)
            return None

    def check_unbilled(self, bills: Mapping[str, Sequence[BillLine]]) -> None:
        """Money the journal saw taken that day under an order no bill lists."""
        start, end = day_span(self.day)
        for order in self.orders.values():
            if order.provider not in bills or order.out_trade_no in self._billed:
                continue
            if order.paid_at is not None and start <= order.paid_at < end:
                self._miss("not_in_bill", order, order.provider, "the journal saw it paid")


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def render(report: ReconcileReport) -> str:
    """The report finance reads: what was compared, each mismatch, the verdict."""
    lines = [f"kiosk reconcile {report.day.isoformat()} (China time)"]
    for name, bill in sorted(report.bills.items()):
        paid = sum(1 for b in bill if b.kind == "payment")
        lines.append(f"  {name} bill: {paid} payment(s), {len(bill) - paid} refund(s)")
    for name, why in sorted(report.unavailable.items()):
        lines.append(f"  {name} bill: UNAVAILABLE ({why})")
    lines.append(f"  journal: {report.journal_orders} payment order(s) in reach")
    for miss in report.mismatches:
        reference = f" purchase {miss.txn_id}" if miss.txn_id else ""
        lines.append(
            f"MISMATCH {miss.kind:<22} {miss.provider:<9} {miss.out_trade_no} "
            f"{_yuan(miss.amount_fen)} CNY{reference}: {miss.detail}"
        )
    lines.append(f"{report.matched} matched, {report.summary()}")
    return "\n".join(lines)
