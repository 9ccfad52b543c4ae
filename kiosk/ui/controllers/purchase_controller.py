"""Buying tickets on the touchscreen: films → time → tickets → seats → review → pay → print.

Each screen signal starts one flow call through ``async_slot``; the busy overlay
covers any wait longer than 300 ms, so the screen never freezes and a second tap
cannot start the same step twice. One :class:`PurchaseFlow` serves one patron's
attempt; when the patron leaves (Start over, inactivity) it is cancelled, which
releases the seats and closes the payment, and any late answer of that flow is
ignored rather than shown to the next patron.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from kiosk.domain import Film, Session
from kiosk.errors import KioskError
from kiosk.flows.catalog import Catalog
from kiosk.flows.ports import Clock
from kiosk.flows.purchase import (
    Offer,
    PaymentCodeBusy,
    PaymentCodeDeclined,
    PaymentCodeInvalid,
    PaymentCodeNotAccepted,
    Purchase,
    PurchaseCancelled,
    PurchaseError,
    PurchaseFlow,
    PurchaseState,
    SeatsTaken,
    Snapshot,
    TooLateToCancel,
)
from kiosk.qt import QObject, Signal
from kiosk.qt.aio import async_slot
from kiosk.ui.controllers import adapters
from kiosk.ui.controllers.errors import show_purchase_error
from kiosk.ui.controllers.plan_turn import TurnSetting
from kiosk.ui.main_window import MainWindow
from kiosk.ui.viewmodels import (
    CodeProblem,
    DoneView,
    ErrorKind,
    OrderView,
    PaymentQrView,
    PaymentView,
    PrintStoppedView,
    ProgressStep,
    SeatCell,
    SeatPlanView,
)
from kiosk.ui.widgets import qr_view

if TYPE_CHECKING:
    from kiosk.ui.screens.films import FilmsScreen
    from kiosk.ui.screens.payment import PaymentScreen
    from kiosk.ui.screens.review import ReviewScreen
    from kiosk.ui.screens.seats import SeatsScreen
    from kiosk.ui.screens.sessions import SessionsScreen
    from kiosk.ui.screens.ticket_types import TicketTypesScreen

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long "Cancelled" stays on screen before the kiosk goes home.
CANCELLED_S = 3.0

_PROGRESS = {
    PurchaseState.COMPLETING: ProgressStep.CONFIRMING_PAYMENT,
    PurchaseState.VERIFYING: ProgressStep.BOOKING,
    PurchaseState.BOOKED: ProgressStep.PRINTING,
}


class PurchaseController(QObject):
    paymentShown = Signal(str)
    """A payment QR is on screen (its out_trade_no): the demo panel can pay it."""
    paymentQrsShown = Signal(list)
    """Every QR on screen, as [(provider name, out_trade_no)] in screen order."""
    paymentEnded = Signal()

    def __init__(
        self,
        window: MainWindow,
        catalog: Catalog,
        new_flow: Callable[[], PurchaseFlow],
        clock: Clock,
        *,
        sale_cutoff_min: int,
        max_tickets: int,
        seat_plan_turn: TurnSetting = "auto",
        show_film_rating: bool = False,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._catalog = catalog
        self._new_flow = new_flow
        self._clock = clock
        self._cutoff = dt.timedelta(minutes=sale_cutoff_min)
        self._max_tickets = max_tickets
        self._turn: TurnSetting = seat_plan_turn
        self._rating = show_film_rating
        self._films: dict[str, Film] = {}
        self._film: Film | None = None
        self._flow: PurchaseFlow | None = None
        self._tickets: dict[str, int] = {}
        self._order: OrderView | None = None  # what the payment screen summarises
        # the last seat plan drawn for the patron: (Connect's plan, language, the view)
        self._plan_view: tuple[object, str, SeatPlanView] | None = None
        w = window
        w.home.buyRequested.connect(self.show_films)
        # each screen is wired as the window builds it, not built here (the doors open
        # without them: kiosk/ui/main_window.py)
        w.when_built("films", self._wire_films)
        w.when_built("sessions", self._wire_sessions)
        w.when_built("ticket_types", self._wire_ticket_types)
        w.when_built("seats", self._wire_seats)
        w.when_built("review", self._wire_review)
        w.when_built("payment", self._wire_payment)
        w.abandoned.connect(self.abandon)

    def _wire_films(self, films: FilmsScreen) -> None:
        films.filmChosen.connect(self._choose_film)
        films.backRequested.connect(self._window.start_over)
        self._fill_films()

    @async_slot
    async def _fill_films(self) -> None:
        """The film cards and session tiles, made while nobody waits for them (as the
        films screen is built, before the first patron): the first Buy's show_films
        finds the same films and keeps them, and the first film's tap shows its sessions
        on tiles already made (building them at those taps held the event loop 10-20 ms
        each)."""
        w = self._window
        try:
            films = await self._catalog.films()
        except KioskError as exc:  # the first Buy asks again, and says so if it must
            log.info("film cards not made ahead: %s", exc)
            return
        if not w.at_start():
            return  # a patron is on the way: the list is theirs to show
        now = self._clock.now()
        on_sale = [f for f in films if self._on_sale(f, now)]
        w.films.show_films(
            [adapters.film_view(f, now, w.language(), rating=self._rating) for f in on_sale]
        )
        if not on_sale:
            return
        # and the session tiles, in a turn of their own: those of the film with the most
        # sessions, which any film's tap then shows its own on
        await asyncio.sleep(0)
        if not w.at_start():
            return
        busiest = max(on_sale, key=lambda f: len(self._on_sale(f, now)))
        language = w.language()
        w.sessions.show_sessions(
            adapters.film_view(busiest, now, language, rating=self._rating),
            [
                adapters.session_view(s, self._cutoff, language, busiest.run_time_min)
                for s in self._on_sale(busiest, now)
            ],
            clock=self._clock.now,
        )

    def _wire_sessions(self, sessions: SessionsScreen) -> None:
        sessions.sessionChosen.connect(self._choose_session)
        sessions.backRequested.connect(self._back_to_films)

    def _wire_ticket_types(self, ticket_types: TicketTypesScreen) -> None:
        ticket_types.quantitiesConfirmed.connect(self._choose_quantities)
        ticket_types.backRequested.connect(self._back_to_sessions)

    def _wire_seats(self, seats: SeatsScreen) -> None:
        w = self._window
        seats.seatsConfirmed.connect(self._lock_seats)
        seats.backRequested.connect(lambda: w.show_screen(w.ticket_types))

    def _wire_review(self, review: ReviewScreen) -> None:
        review.payRequested.connect(self._pay)
        review.holdExpired.connect(self._hold_expired)
        review.backRequested.connect(self._choose_again)

    def _wire_payment(self, payment: PaymentScreen) -> None:
        payment.cancelRequested.connect(self._cancel_payment)
        payment.codeScanned.connect(self._pay_with_code)

    @property
    def flow(self) -> PurchaseFlow | None:
        """The purchase under way, if any."""
        return self._flow

    # ---- browsing (cached catalog) ----------------------------------------------------

    @async_slot
    async def show_films(self) -> None:
        w = self._window
        visit = w.visit()
        w.busy.start()
        try:
            films = await self._catalog.films()
        except KioskError as exc:  # Connect's
            log.warning("films not shown: %s", exc)
            if w.visit() == visit:
                w.show_error_kind(ErrorKind.NETWORK)
            return
        if w.visit() != visit:
            return  # the patron left (Start over) while the films were loading
        now = self._clock.now()
        on_sale = [f for f in films if self._on_sale(f, now)]
        self._films = {f.film_id: f for f in on_sale}
        w.films.show_films(
            [adapters.film_view(f, now, w.language(), rating=self._rating) for f in on_sale]
        )
        if await w.next_turn():
            w.show_screen(w.films)

    def _on_sale(self, film: Film, now: dt.datetime) -> list[Session]:
        return [s for s in film.sessions if s.showtime + self._cutoff > now]

    def _choose_film(self, film_id: str) -> None:
        film = self._films.get(film_id)
        if film is None:
            return
        self._film = film
        sessions = self._on_sale(film, self._clock.now())
        self._window.sessions.show_sessions(
            adapters.film_view(
                film, self._clock.now(), self._window.language(), rating=self._rating
            ),
            [
                adapters.session_view(s, self._cutoff, self._window.language(), film.run_time_min)
                for s in sessions
            ],
            clock=self._clock.now,
            prices=self._prices_of(
                {s.session_id: self._catalog.cached_ticket_types(s.session_id) for s in sessions}
            ),
        )
        self._window.show_screen(self._window.sessions)
        self._show_prices(sessions)

    @staticmethod
    def _prices_of(found: Mapping[str, object]) -> dict[str, int]:
        """Each session's lowest price, from the ticket types found for it (an error or
        None found: no price)."""
        prices: dict[str, int] = {}
        for session_id, types in found.items():
            if isinstance(types, list):
                price = adapters.price_from(types)
                if price is not None:
                    prices[session_id] = price
        return prices

    @async_slot
    async def _show_prices(self, sessions: list[Session]) -> None:
        """Each session's lowest price on its tile, as Connect's ticket types come (the
        catalog caches them for the purchase that follows, as seed §2.1 asks)."""
        visit = self._window.visit()
        found = await asyncio.gather(
            *(self._catalog.ticket_types(s.session_id) for s in sessions), return_exceptions=True
        )
        if self._window.visit() != visit:
            return  # the patron left meanwhile
        # an error: no price on that tile; the ticket screen will say
        prices = self._prices_of({s.session_id: t for s, t in zip(sessions, found, strict=True)})
        self._window.sessions.show_prices(prices)

    def _back_to_films(self) -> None:
        self._window.show_screen(self._window.films)

    # ---- one session: ticket types, seats -----------------------------------------

    @async_slot
    async def _choose_session(self, session_id: str) -> None:
        film = self._film
        session = (
            next((s for s in film.sessions if s.session_id == session_id), None) if film else None
        )
        if film is None or session is None:
            return
        visit = self._window.visit()
        await self.release()
        if self._window.visit() != visit:
            return
        flow = self._new_flow()
        flow.observe(lambda snapshot: self._on_snapshot(flow, snapshot))
        self._flow = flow
        offer = await self._step(flow, flow.start(session))
        if offer is None or not await self._prepare_seats(flow, offer):
            return
        self._tickets = {}
        language = self._window.language()
        self._window.ticket_types.show_ticket_types(
            adapters.film_view(film, self._clock.now(), language, rating=self._rating),
            adapters.session_view(session, language=language),
            adapters.ticket_type_views(offer.ticket_types, offer.seat_plan, language),
            self._max_tickets,
        )
        self._window.show_screen(self._window.ticket_types)

    async def _prepare_seats(self, flow: PurchaseFlow, offer: Offer) -> bool:
        """The offer's plan drawn for the seats screen and set on it, hidden, and the
        part in view painted, before the ticket screen shows: made at the tap on
        Continue, with the screen's change, they held the event loop beyond a frame.
        Each in a turn of its own, so none holds it long; Continue sets the plan
        again with the patron's quantities (the same plan: nothing is laid out, sized
        or painted again). False if the patron went on or away meanwhile."""
        w = self._window
        made: list[SeatPlanView] = []
        steps: tuple[Callable[[], object], ...] = (
            lambda: made.append(self._seat_plan_view(offer)),
            lambda: w.seats.set_plan(made[0], {}),
            w.seats.seat_map.prepare,
        )
        for step in steps:
            if not await w.next_turn() or flow is not self._flow:
                return False
            step()
        # and the ticket screen built and shown in a turn after the last
        return await w.next_turn() and flow is self._flow

    def _seat_plan_view(self, offer: Offer) -> SeatPlanView:
        """The offer's plan as drawn for the patron, made once per plan and language."""
        language = self._window.language()
        made = self._plan_view
        if made is not None and made[0] is offer.seat_plan and made[1] == language:
            return made[2]
        plan = adapters.seat_plan_view(offer.seat_plan, language, self._turn)
        self._plan_view = (offer.seat_plan, language, plan)
        return plan

    @async_slot
    async def _back_to_sessions(self) -> None:
        visit = self._window.visit()
        await self.release()
        if self._window.visit() == visit:
            self._window.show_screen(self._window.sessions)

    def _choose_quantities(self, tickets: Mapping[str, int]) -> None:
        flow = self._flow
        if flow is None or flow.offer is None:
            return
        self._tickets = dict(tickets)
        self._show_plan(flow.offer, taken=False)

    def _show_plan(self, offer: Offer, *, taken: bool) -> None:
        plan = self._seat_plan_view(offer)
        wanted = adapters.quota(offer.ticket_types, self._tickets)
        if taken:
            self._window.seats.show_seats_taken(plan, wanted)
        else:
            self._window.seats.set_plan(plan, wanted)
        self._window.show_screen(self._window.seats)

    @async_slot
    async def _lock_seats(self, keys: list[SeatCell]) -> None:
        flow = self._flow
        if flow is None or flow.offer is None or self._film is None:
            return
        offer = flow.offer
        seats = [adapters.flow_seat(offer.seat_plan, key, self._turn) for key in keys]
        try:
            hold = await self._step(flow, flow.choose(self._tickets, seats))
        except SeatsTaken:
            # The flow reloaded the plan (its offer now has it): show it and say why.
            if flow is self._flow and flow.offer is not None:
                self._show_plan(flow.offer, taken=True)
            return
        if hold is None:
            return
        language = self._window.language()
        order = adapters.order_view(
            adapters.in_language(self._film.title, self._film.title_alt, language),
            offer.session,
            offer.ticket_types,
            self._tickets,
            adapters.seat_names(offer.seat_plan, seats),
            hold.total_fen,
            language,
        )
        self._order = order
        self._window.review.show_order(order, self._seconds_to_pay(flow, hold.expires_at))
        self._window.show_screen(self._window.review)

    @async_slot
    async def _choose_again(self) -> None:
        """Back from the review: let the held seats go and show a fresh plan."""
        flow = self._flow
        if flow is None or flow.offer is None:
            return
        session, tickets = flow.offer.session, self._tickets
        visit = self._window.visit()
        self._window.busy.start()
        await self.release()
        if self._window.visit() != visit:
            return  # the patron left while the held seats were let go
        fresh = self._new_flow()
        fresh.observe(lambda snapshot: self._on_snapshot(fresh, snapshot))
        self._flow = fresh
        offer = await self._step(fresh, fresh.start(session))
        if offer is not None:
            self._tickets = tickets
            self._show_plan(offer, taken=False)

    # ---- paying -------------------------------------------------------------------

    @async_slot
    async def _pay(self) -> None:
        flow = self._flow
        if flow is None:
            return
        request = await self._step(flow, flow.pay())
        if request is None:
            return
        seconds = min(
            (request.pay_by - self._clock.now()).total_seconds(),
            self._seconds_to_pay(flow, request.hold_expires_at),
        )
        qrs = request.qrs or ()
        # the QRs' matrices off the event loop: made on the loop, they held it 20-40 ms
        await qr_view.prepare(q.code_url for q in qrs)
        if self._flow is not flow:
            return  # the purchase ended (cancelled, the patron left) meanwhile
        self._window.payment.show_payment(
            PaymentView(
                tuple(PaymentQrView(q.wallet, q.code_url) for q in qrs),
                request.amount_fen,
                max(0.0, seconds),
                self._order,
            )
        )
        if not await self._window.next_turn() or self._flow is not flow:
            return
        self._window.show_screen(self._window.payment)
        self.paymentShown.emit(request.out_trade_no)
        self.paymentQrsShown.emit([(q.wallet, q.out_trade_no) for q in qrs])
        try:
            # No busy overlay here: the patron must see the QR code and be able
            # to press Cancel for the whole wait.
            purchase = await self._step(flow, flow.wait_for_payment(), busy=False)
        finally:
            self.paymentEnded.emit()
        if purchase is not None:
            self._finished(purchase)

    def _seconds_to_pay(self, flow: PurchaseFlow, hold_expires_at: dt.datetime) -> float:
        # The flow stops taking money this long before Connect lets the seats go.
        margin = dt.timedelta(seconds=flow.config.completion_margin_s)
        return max(0.0, (hold_expires_at - margin - self._clock.now()).total_seconds())

    def _on_snapshot(self, flow: PurchaseFlow, snapshot: Snapshot) -> None:
        if flow is not self._flow:
            return
        if snapshot.state is PurchaseState.AWAITING_PAYMENT:
            self._window.payment.show_code_state(snapshot.code_payment)
        step = _PROGRESS.get(snapshot.state)
        if step is None:
            return
        self._window.progress.show_step(step)
        if self._window.current_screen() is not self._window.progress:
            self._window.show_screen(self._window.progress)

    def _finished(self, purchase: Purchase) -> None:
        self._flow = None
        w = self._window
        issue = purchase.issue
        if purchase.all_printed and issue is not None:
            w.done.show_done(DoneView(purchase.pickup_code, issue.printed))
            w.show_screen(w.done)
        elif issue is not None and issue.total:
            # Stopped part-way: the rest wait for staff under the pickup code.
            w.show_print_stopped(
                PrintStoppedView(issue.printed, issue.total, purchase.pickup_code, issue.in_doubt)
            )
        else:
            # Booked and paid, nothing printed: the pickup code gets the tickets elsewhere.
            w.show_error_kind(ErrorKind.PRINTER_FAULT, reference=purchase.pickup_code)

    @async_slot
    async def _pay_with_code(self, code: str) -> None:
        """A payment code the scanner read on the payment screen: charged while the QRs
        stay payable. The code itself is never logged or shown."""
        flow = self._flow
        if flow is None:
            return
        try:
            await flow.pay_with_code(code)
        except PurchaseError as exc:
            problem = _code_problem(exc)
            if problem is not None and flow is self._flow:
                log.info("payment code not taken: %s", type(exc).__name__)
                self._window.payment.show_code_problem(problem)
            # any other error ended the purchase: the payment wait shows it
        finally:
            del code

    @async_slot
    async def _cancel_payment(self) -> None:
        """The patron confirmed Cancel: let the order go, say so, then go home."""
        flow = self._flow
        if flow is None:
            return
        w = self._window
        visit = w.visit()
        w.busy.start()
        self._flow = None
        try:
            await flow.cancel()
        except TooLateToCancel:
            # the money came as they tapped: the purchase goes on to print their tickets
            log.info("cancel came after payment: the purchase completes")
            self._flow = flow
            w.busy.stop()
            return
        except PurchaseError as exc:
            log.warning("cancel left for recovery: %s", exc)
        w.busy.stop()
        if w.visit() != visit:
            return  # the patron left meanwhile
        w.payment.show_cancelled(refunded=flow.state is PurchaseState.REFUNDED)
        await asyncio.sleep(CANCELLED_S)
        if w.visit() == visit and w.current_screen() is w.payment:
            w.go_home()

    @async_slot
    async def _hold_expired(self) -> None:
        flow = self._flow
        if flow is None:
            return
        self._flow = None
        self._window.show_error_kind(ErrorKind.SEATS_EXPIRED)
        await self._cancel(flow)

    # ---- leaving ------------------------------------------------------------------

    @async_slot
    async def abandon(self) -> None:
        """The patron left (Start over, or nobody answered "Are you still there?")."""
        await self.release()

    async def release(self) -> None:
        """Cancel the purchase under way, if any (the patron left, or the kiosk stops)."""
        flow, self._flow = self._flow, None
        if flow is not None:
            await self._cancel(flow)

    async def _cancel(self, flow: PurchaseFlow) -> None:
        try:
            await flow.cancel()
        except TooLateToCancel:
            log.info("cancel came after payment: the purchase completes")
        except PurchaseError as exc:
            log.warning("cancel left for recovery: %s", exc)

    async def _step(self, flow: PurchaseFlow, call: Awaitable[T], *, busy: bool = True) -> T | None:
        """One flow call, under the busy overlay unless the patron has something to do
        meanwhile. None when it failed (the error screen says why) or when the patron
        left meanwhile (the answer is no longer theirs)."""
        if busy:
            self._window.busy.start()
        try:
            value = await call
        except PurchaseCancelled:
            return None  # whoever cancelled has already moved the screen on
        except SeatsTaken:
            raise  # not a failure: the seat step shows the fresh plan
        except PurchaseError as exc:
            self._failed(flow, exc)
            return None
        return value if flow is self._flow else None

    def _failed(self, flow: PurchaseFlow, error: PurchaseError) -> None:
        log.info("purchase step refused: %s (%s)", type(error).__name__, error)
        if flow is not self._flow:
            return
        # The flow has settled what it held (or parked it for recovery); a retry starts afresh.
        self._flow = None
        show_purchase_error(self._window, error)


def _code_problem(error: PurchaseError) -> CodeProblem | None:
    """What the payment screen says of a code that took nothing; None when the error
    is the purchase's own (it ended)."""
    if isinstance(error, PaymentCodeInvalid):
        return CodeProblem.NOT_A_CODE
    if isinstance(error, PaymentCodeNotAccepted):
        return CodeProblem.NOT_TAKEN
    if isinstance(error, PaymentCodeBusy):
        return CodeProblem.BUSY
    if isinstance(error, PaymentCodeDeclined):
        if error.reason == "timed_out":
            return CodeProblem.NOT_CONFIRMED
        return CodeProblem.DECLINED
    return None
