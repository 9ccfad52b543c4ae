"""The purchase state machine: start, choose, pay, wait, complete, cancel."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence

from kiosk.domain import (
    Order,
    SeatArea,
    SeatChoice,
    SeatPlan,
    Session,
    TicketLine,
    TicketType,
)
from kiosk.domain.payment import PaymentStatus, wallet_for_code
from kiosk.domain.printer import PrinterError, PrinterStatus
from kiosk.errors import ConnectResult, Family, KioskError
from kiosk.flows.ports import (
    IssueResult,
)
from kiosk.flows.purchase.model import (
    HeldOrder,
    Hold,
    Observer,
    Offer,
    PaymentQr,
    PaymentRequest,
    Purchase,
    PurchaseConfig,
    PurchaseDeps,
    QrOrder,
    SeatKey,
    Snapshot,
)
from kiosk.flows.purchase.payment_wait import CodeAttempt, PaymentWait, WaitState
from kiosk.flows.purchase.selection import sales_closed, seats_labelled, ticket_labels_for, validate
from kiosk.flows.purchase.settle import Settlement, Trade, Unsettled, return_money
from kiosk.flows.purchase_errors import (
    NeedsStaff,
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
    PAYMENT_CREATE,
    START_PAYMENT,
    TERMINAL_STATES,
    WALLET,
    Booked,
    Ledger,
    PurchaseReason,
    PurchaseState,
    cancel_order,
    out_trade_no_for,
    qr_trade_no,
)
from kiosk.journal.models import BOOKING_ID, BOOKING_NUMBER, OUT_TRADE_NO
from kiosk.journal.summaries import PurchaseFacts
from kiosk.logs import correlation

log = logging.getLogger(__name__)

# Connect's answers that the session can no longer be sold
_SALES_CLOSED = frozenset(
    {ConnectResult.SESSION_UNAVAILABLE, ConnectResult.TICKETS_NOT_ON_SALE, ConnectResult.SOLD_OUT}
)


class PurchaseFlow(PaymentWait):
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
        self._order: HeldOrder | None = None
        self._wait = WaitState()
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

    async def _set(self, state: PurchaseState, summary: PurchaseFacts | None = None) -> None:
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
        except KioskError as exc:
            if exc.family is not Family.CONNECT:
                raise
            if exc.result_code == ConnectResult.SOLD_OUT:
                raise SalesClosed(str(exc)) from exc
            raise ServiceUnavailable(str(exc)) from exc
        self.offer = Offer(session, ticket_types, seat_plan)
        self._notify()
        return self.offer

    async def reload_seats(self) -> SeatPlan:
        """A fresh seat plan (after Result 8, or on the patron's request)."""
        offer = self._require_offer()
        try:
            plan = await self.deps.catalog.seat_plan(offer.session.session_id)
        except KioskError as exc:
            if exc.family is not Family.CONNECT:
                raise
            raise ServiceUnavailable(str(exc)) from exc
        self.offer = Offer(offer.session, offer.ticket_types, plan)
        return plan

    def seats_labelled(self, row_name: str, seat_id: str) -> list[tuple[SeatArea, SeatKey]]:
        """Every seat printed as row ``row_name``, seat ``seat_id``, one per area that
        has it (see :func:`kiosk.flows.purchase.selection.seats_labelled`)."""
        return seats_labelled(self._require_offer().seat_plan, row_name, seat_id)

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
        ticket_labels = ticket_labels_for(offer, requests)
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
            self._order = HeldOrder(
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
                        # the journal's words for these are the fields' names, as before
                        "tickets": [dataclasses.asdict(r) for r in requests],
                        "seats": [dataclasses.asdict(s) for s in seat_requests],
                    },
                    lambda: self.deps.connect.add_tickets(
                        txn_id, offer.session.session_id, requests, seat_requests
                    ),
                    lambda o: {"total_fen": o.total_fen, "tickets": o.ticket_count},
                )
            except KioskError as exc:
                if exc.family is not Family.CONNECT:
                    raise
                if exc.result_code != ConnectResult.SEATS_UNAVAILABLE:
                    # Any other answer, or none: seed §2.2 case 3, CancelOrder.
                    await self._release_after_failed_lock(exc)
                    raise
                # Result 8 locks nothing (seed §2.2 ④⑤): close this attempt and say why.
                await self._set(
                    PurchaseState.CANCELLED, {"reason": PurchaseReason.SEATS_UNAVAILABLE}
                )
                self._order = None
                self.state = PurchaseState.CHOOSING
                if self._sales_closed(offer.session):
                    raise SalesClosed(str(exc), reference=txn_id) from exc
                plan = await self._reload_quietly()
                raise SeatsTaken(plan, str(exc)) from exc
            return await self._locked(order, requests)

    async def _locked(self, order: Order, requests: Sequence[TicketLine]) -> Hold:
        assert self._order is not None
        expected = sum(r.price_fen * r.qty for r in requests)
        if order.total_fen < expected or order.total_fen <= 0:
            # A total we did not agree to would be charged to the patron: refuse it.
            await self._abandon(PurchaseReason.UNEXPECTED_TOTAL)
            raise PriceChanged(None, f"order total {order.total_fen}, expected {expected}")
        self._order.total_fen = order.total_fen
        await self._set(PurchaseState.LOCKED, {"total_fen": order.total_fen})
        return Hold(
            self._order.ledger.txn_id,
            order.total_fen,
            self._order.hold_expires_at,
            self._order.seat_labels,
        )

    async def _release_after_failed_lock(self, exc: KioskError) -> None:
        assert self._order is not None
        offer = self._require_offer()
        await self._abandon(PurchaseReason.ADD_TICKETS_FAILED, type(exc).__name__)
        txn_id = self._order.ledger.txn_id
        self._order = None
        if self.state in TERMINAL_STATES:
            self.state = PurchaseState.CHOOSING
        if exc.result_code == ConnectResult.INVALID_REQUEST_DATA:
            types = await self._reload_types_quietly(offer.session.session_id)
            raise PriceChanged(types, str(exc)) from exc
        if exc.result_code in _SALES_CLOSED:
            raise SalesClosed(str(exc), reference=txn_id) from exc
        raise ServiceUnavailable(str(exc), reference=txn_id) from exc

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
                await self._abandon(PurchaseReason.HOLD_EXPIRED)
                raise PaymentTimedOut("the seat hold ran out before payment", reference=usid)
            status = await self._printer_status()
            if not status.ready:
                # Paid with no way to print, the patron would queue at the counter for
                # tickets (or a refund): let the seats go before any money is asked for.
                log.warning("payment not started: the printer is %s", status.describe())
                await self._abandon(PurchaseReason.PRINTER_NOT_READY)
                raise PrinterUnavailable(status, reference=usid)
            await self._set(
                PurchaseState.AWAITING_PAYMENT,
                {OUT_TRADE_NO: out_trade_no, "amount_fen": order.total_fen},
            )
            order.payment_begun = True
            order.qrs = [
                QrOrder(name, provider, qr_trade_no(usid, position))
                for position, (name, provider) in enumerate(self.deps.qr_providers(), 1)
            ]
            failures: list[KioskError] = []
            for qr in order.qrs:
                try:
                    await self._create_qr(order, qr, expires_in_s)
                except KioskError as exc:
                    if exc.family is not Family.PAYMENT:
                        raise
                    # the others may still take the money; this one is settled with them
                    log.warning("no %s QR: %s", qr.wallet or "payment", exc)
                    failures.append(exc)
            shown = order.shown()
            if not shown:
                await self._abandon(PurchaseReason.PAYMENT_CREATE_FAILED)
                first = failures[0]
                if all(f.refused for f in failures):
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

    async def _create_qr(self, order: HeldOrder, qr: QrOrder, expires_in_s: int) -> None:
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
        attempt = CodeAttempt(wallet, code.strip(), asyncio.get_running_loop().create_future())
        self._wait.code = attempt
        self._wait.code_arrived.set()
        await asyncio.shield(attempt.done)

    # ---- 4. CompleteOrder and the seed's path after it (kiosk.flows.purchase.settle) ----

    async def _complete(self, order: HeldOrder) -> Purchase:
        usid = order.ledger.txn_id
        connect = self.deps.connect
        settlement = self._settlement(order)
        try:
            await order.ledger.call(START_PAYMENT, {}, lambda: connect.start_external_payment(usid))
        except KioskError as exc:
            if exc.family is not Family.CONNECT:
                raise
            # CompleteOrder has not been called, so the order can still be cancelled.
            log.warning("StartExternalPayment failed (%s): cancelling and refunding", exc)
            reason = PurchaseReason.START_EXTERNAL_PAYMENT_FAILED
            await self._set(PurchaseState.CANCELLING, {"reason": reason})
            raise await self._undo(order, complete_tried=False, reason=reason) from exc
        booked = await settlement.complete()
        if booked is None:
            await self._set(PurchaseState.VERIFYING)
            booked = await settlement.booking(patron_waiting=True)
        if booked is None:
            reason = PurchaseReason.BOOKING_NOT_FOUND
            raise await self._undo(order, complete_tried=True, reason=reason)
        return await self._hand_over(order, booked)

    async def _undo(
        self, order: HeldOrder, *, complete_tried: bool, reason: PurchaseReason
    ) -> PurchaseError:
        """Paid, and no booking stands for it: the settlement cancels the order (or
        refunds the booking it became) and gives every fen back; returns the error for
        the caller to raise. Money it cannot put right now is left for recovery."""
        usid = order.ledger.txn_id
        try:
            undone = await self._settlement(order).undo(
                None, order_open=True, complete_tried=complete_tried, reason=reason
            )
        except Unsettled as exc:
            if not exc.money:
                return await self._needs_staff(order, str(exc))
            log.error("refund failed, left for recovery: %s", exc.cause or exc)
            self._let_go()
            return TicketsNotIssued(str(exc.cause or exc), reference=usid, refunded=False)
        await self._set(undone.state)
        refunded = undone.state is PurchaseState.REFUNDED
        return TicketsNotIssued(undone.reason or reason, reference=usid, refunded=refunded)

    def _settlement(self, order: HeldOrder) -> Settlement:
        """The settling routine recovery runs too, over this purchase's orders."""
        return Settlement(
            order.ledger,
            self.deps.connect,
            self.deps.clock,
            self.config,
            order.total_fen,
            self._trades(order),
            on_state=self._set,
        )

    def _trades(self, order: HeldOrder) -> list[Trade]:
        """Every payment order of the purchase: each provider's QR, then each payment
        code's, in the order they were made."""
        qrs = [Trade(qr.out_trade_no, qr.wallet, qr.provider) for qr in order.qrs]
        codes = [
            Trade(no, wallet, self._code_provider(wallet), code=True)
            for no, wallet in order.code_trades
        ]
        return [*qrs, *codes]

    async def _needs_staff(self, order: HeldOrder, reason: str) -> NeedsStaff:
        """Park the purchase for staff; returns the error for the caller to raise."""
        log.error("purchase needs staff: %s", reason)
        await self._set(PurchaseState.NEEDS_STAFF, {"staff_reason": reason})
        return NeedsStaff(reason, reference=order.ledger.txn_id)

    # ---- 5. hand over for printing ------------------------------------------------------

    async def _hand_over(self, order: HeldOrder, booked: Booked) -> Purchase:
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
            await self._abandon(PurchaseReason.PATRON_CANCELLED)

    async def _abandon(self, reason: PurchaseReason, detail: str = "") -> None:
        """Close the payment (refund it if it was paid) and cancel the order.

        CompleteOrder was never called on this path, so CancelOrder is safe. What the
        services will not confirm stays open (CANCELLING) for recovery."""
        order = self._order
        assert order is not None
        await self._set(PurchaseState.CANCELLING, {"reason": reason.journaled(detail)})
        money: PaymentStatus | None = None
        settled = True
        if order.payment_begun:
            try:
                money = await return_money(order.ledger, self._trades(order))
            except Unsettled as exc:
                log.error("could not settle the payment, left for recovery: %s", exc.cause or exc)
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

    # ---- helpers ----------------------------------------------------------------------

    def _sales_closed(self, session: Session) -> bool:
        return sales_closed(session, self.deps.clock.now(), self.config.sale_cutoff_after_start_min)

    def _validate(
        self, offer: Offer, tickets: Mapping[str, int], seats: Sequence[SeatKey]
    ) -> tuple[list[TicketLine], list[SeatChoice], list[str]]:
        if self._sales_closed(offer.session):
            raise SalesClosed("past the sale cutoff")
        return validate(offer, tickets, seats, self.config.max_tickets)

    def _require_offer(self) -> Offer:
        if self.offer is None:
            raise RuntimeError("call start() first")
        return self.offer

    def _require_order(self, state: PurchaseState) -> HeldOrder:
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
        except KioskError as exc:
            if exc.family is not Family.CONNECT:
                raise
            return None
        offer = self._require_offer()
        self.offer = Offer(offer.session, types, offer.seat_plan)
        return types
