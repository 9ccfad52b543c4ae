"""The collect flow: a proven pickup code to printed, confirmed tickets.

    preview = await flow.lookup("WQNX8JL")          # prove the code, read every seat
    result = await flow.print_tickets(preview)       # printer ready? 0x05, print, 0x07

Connect proves the code (GetSingleBooking) before anything is shown. When Connect
cannot be reached - never when it says the code is wrong - the patron's booking
number (取票序号) lets SARFT alone serve them, since the service is on the
cinema's own network: the lookup reads the booking by its print_no but shows
nothing of it except its ticket count (booking numbers run in sequence and are
easy to guess), and the tap to print proves the code by 0x05's MD5 of it before
anything prints. A wrong code there counts against the keypad lock like any other.

The same engine serves the patron's pickup code, the purchase flow's hand-off
(:meth:`CollectFlow.issue`), recovery at start and the staff reprint. It always
continues from the truth: each attempt opens a fresh SARFT connection, re-queries
the booking and compares it with the journal's printed tickets, so a lost reply
after 0x05 or 0x07, or a crash, only ever leads to printing what is still owed.

Never twice: a ticket's intent is journaled before its bytes go to the printer
and ``record_printed`` after its status came back good. A crash between the cut
and that write leaves the intent unanswered; such a ticket is *in doubt* and is
never printed again automatically: the booking waits for staff, who look at the
tray (:mod:`kiosk.flows.reprint`). Under-printing costs a patron a minute with
staff; double printing hands out a second valid ticket for the same seat.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import inspect
import logging
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from kiosk.domain import Booking, TicketRecord
from kiosk.domain import printer as printer_status
from kiosk.domain.print_no import print_no_for
from kiosk.domain.ticket_face import (
    Language,
    SaleChannel,
    TicketDetails,
    TicketFace,
    TicketFaceError,
)
from kiosk.errors import ErrorCode, Family, KioskError
from kiosk.flows.collect_errors import (
    SARFT_BROKE,
    AlreadyCollected,
    BookingRefunded,
    CannotPrint,
    CollectError,
    CollectNeedsStaff,
    CollectPrinterNotReady,
    CollectServiceUnavailable,
    NumberNeeded,
    PartialPrint,
    WrongCode,
    patron_error,
)
from kiosk.flows.collect_ports import (
    BookingLookup,
    CollectJournal,
    Progress,
    SarftFactory,
    SarftSession,
    TicketPrinterPort,
)
from kiosk.flows.journaled import CallOutcome, JournaledCalls, Verdict, may_have_happened
from kiosk.flows.owners import TransactionOwners
from kiosk.flows.pickup_code import (
    KeypadGuard,
    KeypadWait,
    look_alikes,
    normalise_code,
    normalise_number,
)
from kiosk.flows.ports import Clock, IssueResult, SystemClock
from kiosk.flows.seat_order import natural_key
from kiosk.flows.ticket_labels import TicketLabels
from kiosk.journal.models import BOOKING_ID, BOOKING_NUMBER, Transaction
from kiosk.journal.summaries import CollectSummary
from kiosk.logs import correlation

log = logging.getLogger(__name__)

# Journal step names; recovery and the admin screen read them back.
STEP_APPLY = "sarft_apply"
STEP_PRINT = "print_ticket"
STEP_CONFIRM = "sarft_confirm"
# a print_ticket note, answering no intent: the booking's record cannot make a ticket
BAD_RECORD_NOTE = "bad_record"


class CollectState(enum.StrEnum):
    """Where a collection is (a staff reprint that finishes one passes through these too).

    The values are what the journal has always stored: old journals read the same."""

    STARTED = "started"
    COLLECTED = "collected"  # terminal: every ticket out and confirmed
    ALREADY_COLLECTED = "already_collected"  # terminal: confirmed before this transaction
    REFUSED = "refused"  # terminal: nothing printed (printer, SARFT or Connect said no)
    ABANDONED = "abandoned"  # terminal: interrupted before 0x05, nothing happened outside
    AWAITING_STAFF = "awaiting_staff"  # open: tickets owed or in doubt, staff must finish
    # open: every ticket is on paper but SARFT has not accepted 0x07 yet. Retried by
    # the running kiosk and by recovery until it answers: until then SARFT counts the
    # booking applied, not printed, and another kiosk could print it all again.
    CONFIRM_OWED = "confirm_owed"
    COMPLETED_BY_STAFF = "completed_by_staff"  # terminal: a staff reprint finished it


class CollectStop(enum.StrEnum):
    """Why a collection stopped short of COLLECTED: its summary's ``stop``.

    SARFT's definite refusals are journaled by the name their error class had in
    :mod:`kiosk.sarft.errors` (as they always were), found from the error's code;
    :meth:`refused_by` names one."""

    TICKETS_OWED = "tickets_owed"
    CONFIRM_OWED = "confirm_owed"
    SARFT_UNREACHABLE = "sarft_unreachable"
    PRINTER_NOT_READY = "printer_not_ready"
    BAD_RECORD = "bad_record"
    SARFT_ALREADY_PRINTED = "AlreadyPrinted"
    SARFT_UNKNOWN_ERROR = "UnknownError"
    SARFT_NOT_FOUND = "NotFound"
    SARFT_VERIFY_CODE_MISMATCH = "VerifyCodeMismatch"
    SARFT_REFUNDED = "Refunded"
    SARFT_NOT_AUTHENTICATED = "NotAuthenticated"
    SARFT_BAD_CREDENTIALS = "BadCredentials"
    SARFT_SHOW_ENDED = "ShowEnded"
    SARFT_NOT_APPLIED = "NotApplied"
    SARFT_RETURN_CODE = "SarftReturnCodeError"  # a return code the spec does not name
    SARFT_VALUE = "SarftValueError"  # the booking cannot be put on the wire

    @classmethod
    def refused_by(cls, error: KioskError) -> CollectStop:
        """The stop for a SARFT refusal, by its code: a code this table does not list
        (one the spec does not name) is the generic return code's."""
        return _REFUSED_STOPS.get(error.error_code, cls.SARFT_RETURN_CODE)


# each SARFT refusal's code and the stop it is journaled under
_REFUSED_STOPS: dict[ErrorCode, CollectStop] = {
    ErrorCode.SARFT_ALREADY_PRINTED: CollectStop.SARFT_ALREADY_PRINTED,
    ErrorCode.SARFT_UNKNOWN_ERROR: CollectStop.SARFT_UNKNOWN_ERROR,
    ErrorCode.SARFT_NOT_FOUND: CollectStop.SARFT_NOT_FOUND,
    ErrorCode.SARFT_VERIFY_CODE_MISMATCH: CollectStop.SARFT_VERIFY_CODE_MISMATCH,
    ErrorCode.SARFT_REFUNDED: CollectStop.SARFT_REFUNDED,
    ErrorCode.SARFT_NOT_AUTHENTICATED: CollectStop.SARFT_NOT_AUTHENTICATED,
    ErrorCode.SARFT_BAD_CREDENTIALS: CollectStop.SARFT_BAD_CREDENTIALS,
    ErrorCode.SARFT_SHOW_ENDED: CollectStop.SARFT_SHOW_ENDED,
    ErrorCode.SARFT_NOT_APPLIED: CollectStop.SARFT_NOT_APPLIED,
    ErrorCode.SARFT_VALUE: CollectStop.SARFT_VALUE,
}


CHANNEL = "channel"
ORIGIN = "origin"
# summary facts of a collection whose code Connect could not check (SARFT's apply did)
CONNECT_SKIPPED = "connect_skipped"
CONNECT_ERROR = "connect_error"


# ---- what the UI shows and gets back --------------------------------------------------


@dataclass(frozen=True)
class CollectPreview:
    """A proven booking and every seat's SARFT record, sorted by ticket code.
    ``film_name_alt``: the film's second-language title from Connect, if it has one.

    ``connect_skipped``: Connect could not be reached, so the code is not proven yet
    (0x05 proves it when the patron taps to print). Such a preview holds no records,
    only ``ticket_count``: nothing else of the booking may be shown, and asking for
    it raises ``LookupError``."""

    booking_id: str
    booking_number: int
    records: tuple[TicketRecord, ...]
    film_name_alt: str = ""
    labels: TicketLabels = field(default_factory=TicketLabels)
    connect_skipped: bool = False
    unproven_tickets: int = 0

    @property
    def ticket_count(self) -> int:
        return len(self.records) or self.unproven_tickets

    def _first(self) -> TicketRecord:
        if not self.records:
            raise LookupError("the pickup code is not proven: nothing of the booking is shown")
        return self.records[0]

    @property
    def film_name(self) -> str:
        return self._first().film_name.strip()

    @property
    def cinema_name(self) -> str:
        return self._first().cinema_name.strip()

    @property
    def hall_name(self) -> str:
        return self._first().screen_name.strip()

    @property
    def show_time(self) -> dt.datetime:
        return self._first().session_datetime

    @property
    def seats(self) -> tuple[str, ...]:
        return tuple(r.seat_name.strip() for r in self.records)


@dataclass(frozen=True)
class CollectResult:
    booking_id: str
    booking_number: int
    txn_id: str
    printed: int  # tickets of the booking out of this kiosk (journal)
    total: int
    confirmed: bool  # 0x07 accepted: SARFT counts the booking as printed

    @property
    def complete(self) -> bool:
        return self.confirmed and self.printed >= self.total


@dataclass
class CollectRun:
    """One engine run over a collect or reprint transaction."""

    txn_id: str
    booking_id: str
    booking_number: int
    channel: SaleChannel
    on_progress: Progress | None = None
    # staff looked at the tray: in-doubt tickets that did not come out are owed again
    print_in_doubt: bool = False
    came_out: frozenset[str] = field(default_factory=frozenset)
    # only send the owed 0x07: never apply or print (the periodic settling runs this
    # beside patrons, whose tickets the printer is busy with)
    confirm_only: bool = False
    labels: TicketLabels = field(default_factory=TicketLabels)
    # the patron's code was never checked by Connect: 0x05 proves it, and a wrong
    # one counts against the keypad lock
    connect_skipped: bool = False

    @property
    def print_no(self) -> str:
        return print_no_for(self.booking_number)


@dataclass(frozen=True)
class _HeldSession:
    preview: CollectPreview
    session: SarftSession
    opened_at: dt.datetime
    records: tuple[TicketRecord, ...]  # the query's, also when the preview holds none


class _ConnectDown(Exception):
    """Connect could not be asked: not a verdict on the code."""

    def __init__(self, error: KioskError) -> None:
        super().__init__(str(error))
        self.error = error


# Connect gave no verdict on the code: no answer, something that is not an answer
# (a 500, a garbled body, our token refused), or it cannot reach the cinema's VISTA (5).
_CONNECT_DOWN = frozenset(
    {
        ErrorCode.CONNECT_TIMEOUT,
        ErrorCode.CONNECT_UNREACHABLE,
        ErrorCode.CONNECT_PROTOCOL,
        ErrorCode.CONNECT_AUTH,
        ErrorCode.CONNECT_CINEMA_UNREACHABLE,
    }
)


def sorted_records(records: Sequence[TicketRecord]) -> tuple[TicketRecord, ...]:
    """A stable order, whatever order the server answers in: the ticket index the
    journal keys on must name the same seat every time."""
    return tuple(sorted(records, key=lambda r: r.code))


class CollectFlow:
    """The collect flow over its ports; one instance per kiosk (it holds the keypad lock)."""

    def __init__(
        self,
        connect: BookingLookup,
        sarft: SarftFactory,
        printer: TicketPrinterPort,
        journal: CollectJournal,
        *,
        kiosk_id: str,
        language: Language = "zh",
        guard: KeypadGuard | None = None,
        clock: Clock | None = None,
        new_txn_id: Callable[[], str] = lambda: uuid.uuid4().hex,
        sarft_attempts: int = 3,
        retry_delay_s: float = 1.0,
        keep_session_s: float = 30.0,
        owners: TransactionOwners | None = None,
    ) -> None:
        self.connect = connect
        self.sarft = sarft
        self.printer = printer
        self.journal = journal
        self.kiosk_id = kiosk_id
        self.language = language
        self.guard = guard or KeypadGuard()
        self.clock = clock or SystemClock()
        self._new_txn_id = new_txn_id
        self._attempts = max(1, sarft_attempts)
        self._retry_delay_s = retry_delay_s
        self._keep_session_s = keep_session_s
        # who works which transaction in this process (recovery passes over ours)
        self.owners = owners or TransactionOwners()
        # The lookup's authenticated SARFT session, kept for a patron who confirms
        # at once: printing then needs only apply and confirm (two round trips
        # fewer). Its records are seconds old, and 0x05 re-checks the state anyway.
        self._held: _HeldSession | None = None
        # why the last lookup went without Connect (journaled with its collection)
        self._connect_error = ""

    # ---- the patron's pickup code --------------------------------------------------

    async def lookup(self, code: str, number: str | int | None = None) -> CollectPreview:
        """Prove the code (and the booking number, if typed) and read what would print.

        Raises MalformedCode before any network call, KeypadLocked while locked,
        WrongCode, BookingRefunded, BookingShowEnded, AlreadyCollected, BookingNotFound,
        CollectNeedsStaff or CollectServiceUnavailable; NumberNeeded when Connect cannot be
        reached and no number was typed (with one, SARFT alone serves the patron)."""
        self.guard.check()
        booking_id = normalise_code(code)
        typed_number = None
        if number is not None and str(number).strip():
            typed_number = normalise_number(number)
        try:
            booking = await self._prove(booking_id, typed_number)
        except _ConnectDown as down:
            return await self._lookup_without_connect(booking_id, typed_number, down.error)
        booking_id = booking.booking_id.strip().upper()  # a look-alike's, if it was one
        if booking.refunded or booking.cancelled_status == 1:
            raise BookingRefunded("Connect: booking refunded or cancelled")
        await self.release()
        session = self.sarft()
        keep = False
        try:
            await session.connect()
            await session.authenticate()
            records = sorted_records(await session.query(print_no_for(booking.booking_number)))
            if all(r.printed for r in records):
                raise AlreadyCollected("SARFT: every record printed")
            if await self._all_out_here(booking_id, records):
                # on paper from this kiosk, 0x07 perhaps still owed (retried in the background)
                raise AlreadyCollected("every ticket already printed here")
            if await self._owed_elsewhere(booking_id):
                raise CollectNeedsStaff("booking has tickets printed or in doubt on this kiosk")
            for record in records:
                try:
                    self.face(record, SaleChannel.ONLINE_AGENT)
                except TicketFaceError as exc:
                    raise CannotPrint(f"ticket {record.code}: {exc}") from exc
            alt = next((t.film_title_alt for t in booking.tickets if t.film_title_alt), "")
            labels = TicketLabels.of((t.price_fen, t.description) for t in booking.tickets)
            preview = CollectPreview(booking_id, booking.booking_number, records, alt or "", labels)
            keep = self._keep_session_s > 0
        except KioskError as exc:
            if exc.family is not Family.SARFT:
                raise
            raise patron_error(exc) from exc
        finally:
            if not keep:
                await session.close()
        if keep:  # a closed session must never be offered for reuse
            self._held = _HeldSession(preview, session, self.clock.now(), records)
        return preview

    async def _lookup_without_connect(
        self, booking_id: str, number: int | None, error: KioskError
    ) -> CollectPreview:
        """Connect is down: read the booking from SARFT by the typed number. Nothing of
        it but its ticket count leaves here until 0x05 has accepted the code's MD5."""
        if number is None:
            log.warning("pickup code not checked, Connect unreachable: %s", type(error).__name__)
            raise NumberNeeded(f"Connect unreachable ({type(error).__name__}); number needed")
        log.warning(
            "Connect unreachable (%s): booking %d served by SARFT alone, the code proven by 0x05",
            type(error).__name__,
            number,
        )
        await self.release()
        session = self.sarft()
        keep = False
        try:
            await session.connect()
            await session.authenticate()
            try:
                records = sorted_records(await session.query(print_no_for(number)))
            except KioskError as exc:
                if exc.error_code is not ErrorCode.SARFT_NOT_FOUND:
                    raise
                self._wrong_code()  # no such number: as wrong as a wrong code
            if all(r.printed for r in records):
                raise AlreadyCollected("SARFT: every record printed")
            if await self._all_out_here(booking_id, records):
                raise AlreadyCollected("every ticket already printed here")
            if await self._owed_elsewhere(booking_id):
                raise CollectNeedsStaff("booking has tickets printed or in doubt on this kiosk")
            for record in records:
                try:
                    self.face(record, SaleChannel.ONLINE_AGENT)
                except TicketFaceError as exc:
                    raise CannotPrint(f"ticket {record.code}: {exc}") from exc
            preview = CollectPreview(
                booking_id, number, (), connect_skipped=True, unproven_tickets=len(records)
            )
            keep = self._keep_session_s > 0
        except KioskError as exc:
            if exc.family is not Family.SARFT:
                raise
            raise patron_error(exc) from exc
        finally:
            if not keep:
                await session.close()
        if keep:
            self._held = _HeldSession(preview, session, self.clock.now(), records)
        self._connect_error = type(error).__name__
        return preview

    async def release(self) -> None:
        """Close the lookup's SARFT session (the patron left, or another code came)."""
        held, self._held = self._held, None
        if held is not None:
            await held.session.close()

    async def _take_held(self, preview: CollectPreview) -> _HeldSession | None:
        """The lookup's session if it belongs to this preview and is still fresh."""
        held, self._held = self._held, None
        if held is None:
            return None
        fresh = (self.clock.now() - held.opened_at).total_seconds() <= self._keep_session_s
        if held.preview is preview and fresh:
            return held
        await held.session.close()
        return None

    async def _prove(self, booking_id: str, typed_number: int | None) -> Booking:
        """The booking of ``booking_id``, or of the one look-alike reading of it that
        exists (O/0, I/1 swapped: codes mix them and fonts blur them); all of them
        wrong count as one wrong code."""
        try:
            found = await self._booking(booking_id, typed_number)
        except KioskError as exc:
            if exc.error_code in _CONNECT_DOWN:
                raise _ConnectDown(exc) from exc
            raise
        if found is None and (readings := look_alikes(booking_id)):
            results = await asyncio.gather(
                *(self._booking(code, typed_number) for code in readings), return_exceptions=True
            )
            for result in results:
                if isinstance(result, BaseException) and not isinstance(result, Exception):
                    raise result
            if error := next((r for r in results if isinstance(r, Exception)), None):
                log.warning("look-alike pickup codes not checked: %s", type(error).__name__)
                raise CollectServiceUnavailable(str(error)) from error
            bookings = [r for r in results if isinstance(r, Booking)]
            if len(bookings) == 1:  # two would be a guess between patrons: neither
                found = bookings[0]
                log.info("pickup code proven by a look-alike reading (O/0, I/1)")
        if found is None:
            self._wrong_code()
        self.guard.succeeded()
        return found

    async def _booking(self, booking_id: str, typed_number: int | None) -> Booking | None:
        """Connect's booking of exactly this code (and number, if typed), else None."""
        try:
            booking = await self.connect.get_single_booking(booking_id=booking_id)
        except KioskError as exc:  # Connect's, read by its code
            if exc.error_code is ErrorCode.CONNECT_BOOKING_NOT_FOUND:
                return None
            if exc.error_code in _CONNECT_DOWN:
                raise
            log.warning("pickup code not checked: %s", exc)
            raise CollectServiceUnavailable(str(exc)) from exc
        if booking.booking_id.strip().upper() != booking_id or (
            typed_number is not None and booking.booking_number != typed_number
        ):
            return None
        return booking

    def _wrong_code(self) -> NoReturn:
        self.guard.failed()
        try:
            self.guard.check()  # the failure that locks says so at once
        except KeypadWait:
            pass  # the short wait after a wrong code: the patron is told of both
        raise WrongCode(
            f"wrong pickup code ({self.guard.failures} in a row)",
            tries_left=self.guard.tries_left,
            wait_s=self.guard.wait_left(),
        )

    async def print_tickets(
        self, preview: CollectPreview, on_progress: Progress | None = None
    ) -> CollectResult:
        """Print and confirm the previewed booking.

        Raises CollectPrinterNotReady before 0x05, PartialPrint when the printer stopped
        part-way (the rest wait for staff), CollectNeedsStaff, CollectServiceUnavailable, or the
        refusals of :meth:`lookup` (WrongCode, or KeypadLocked, when 0x05 refuses
        the code of a preview Connect could not check)."""
        if preview.connect_skipped:
            self.guard.check()
        txn_id = self._new_txn_id()
        run = CollectRun(
            txn_id,
            preview.booking_id,
            preview.booking_number,
            SaleChannel.ONLINE_AGENT,
            on_progress,
            labels=preview.labels,
            connect_skipped=preview.connect_skipped,
        )
        extra: dict[str, Any] = {ORIGIN: "pickup_code"}
        if preview.connect_skipped:
            extra |= {CONNECT_SKIPPED: True, CONNECT_ERROR: self._connect_error}
        held = await self._take_held(preview)
        with self.owners.hold(txn_id), correlation(txn_id):
            await self._begin(run, "collect", extra)
            return await self.drive(run, held)

    # ---- the purchase flow's hand-off (kiosk.flows.ports.TicketIssuer) ---------------

    async def issue(
        self,
        booking_id: str,
        booking_number: int,
        txn_id: str,
        labels: TicketLabels | None = None,
    ) -> IssueResult:
        """Print a booking the purchase flow just completed. Never raises for a refusal:
        the sale stands, and anything short of every ticket tells the patron to collect
        the rest with the pickup code."""
        run = CollectRun(
            f"collect-{txn_id}",
            booking_id.strip().upper(),
            booking_number,
            SaleChannel.CINEMA,
            labels=labels or TicketLabels(),
        )
        with self.owners.hold(run.txn_id), correlation(txn_id):
            await self._begin(run, "collect", {ORIGIN: "purchase", "purchase_txn": txn_id})
            try:
                result = await self.drive(run)
            except PartialPrint as exc:
                return IssueResult(exc.printed, exc.total, exc, exc.in_doubt)
            except CollectError as exc:
                return IssueResult(0, 0, exc)
        return IssueResult(result.printed, result.total)

    # ---- the engine ------------------------------------------------------------------

    async def _begin(self, run: CollectRun, kind: Any, extra: dict[str, Any]) -> None:
        summary = {
            BOOKING_ID: run.booking_id,
            BOOKING_NUMBER: run.booking_number,
            CHANNEL: run.channel.value,
            **run.labels.to_summary(),
            **extra,
        }
        await self.journal.begin(kind, run.txn_id, CollectState.STARTED, summary)

    @staticmethod
    def run_for(txn: Transaction, **changes: Any) -> CollectRun:
        """The engine run that continues a journaled transaction (recovery, staff)."""
        summary = CollectSummary.read(txn.summary)
        return CollectRun(
            txn.id,
            summary.booking_id,
            summary.booking_number,
            SaleChannel(summary.channel or SaleChannel.ONLINE_AGENT.value),
            **{"labels": TicketLabels.from_summary(txn.summary), **changes},
        )

    async def drive(self, run: CollectRun, held: _HeldSession | None = None) -> CollectResult:
        """Take the booking as far as it can go: reconnect and re-query after every
        broken exchange, so each attempt starts from what SARFT and the journal say.
        A ``held`` lookup session serves the first attempt without a new auth and query."""
        last: KioskError | None = None
        records: tuple[TicketRecord, ...] = ()
        for attempt in range(self._attempts):
            if attempt:
                await self.clock.sleep(self._retry_delay_s)
            try:
                if attempt == 0 and held is not None:
                    session, records = held.session, held.records
                else:
                    session = self.sarft()
                    await session.connect()
                    await session.authenticate()
                    records = sorted_records(await session.query(run.print_no))
                return await self._advance(session, run, records)
            except _ConfirmRefused as refused:
                return await self._owe_confirm(run, records, refused.error)
            except KioskError as exc:
                if exc.family is not Family.SARFT:
                    raise
                if (
                    exc.error_code in SARFT_BROKE
                    or exc.error_code is ErrorCode.SARFT_NOT_AUTHENTICATED
                ):
                    # 6 means this connection's login is gone (a kept session the service
                    # forgot): like a broken exchange, log in again on a new connection.
                    log.warning("SARFT exchange broke (attempt %d): %s", attempt + 1, exc)
                    last = exc
                    continue
                if not exc.refused and exc.error_code is not ErrorCode.SARFT_VALUE:
                    raise
                # a definite refusal, or a booking that cannot be put on the wire at all
                # (refused before anything was sent)
                done = exc.error_code is ErrorCode.SARFT_ALREADY_PRINTED
                await self._stop(
                    run,
                    CollectState.ALREADY_COLLECTED if done else CollectState.REFUSED,
                    CollectStop.refused_by(exc),
                )
                if run.connect_skipped and exc.error_code is ErrorCode.SARFT_VERIFY_CODE_MISMATCH:
                    self._wrong_code()  # 0x05 was this code's only proof
                raise patron_error(exc) from exc
            finally:
                await session.close()
        assert last is not None
        if records and await self._all_out(run, records):
            return await self._owe_confirm(run, records, last)
        await self._stop(run, CollectState.REFUSED, CollectStop.SARFT_UNREACHABLE)
        raise patron_error(last) from last

    async def _all_out(self, run: CollectRun, records: Sequence[TicketRecord]) -> bool:
        return await self._all_out_here(run.booking_id, records)

    async def _all_out_here(self, booking_id: str, records: Sequence[TicketRecord]) -> bool:
        printed = await self._printed_codes(booking_id)
        return bool(records) and all(r.code in printed for r in records)

    async def _owe_confirm(
        self, run: CollectRun, records: tuple[TicketRecord, ...], error: KioskError
    ) -> CollectResult:
        """Every ticket is on paper and SARFT did not take 0x07: the patron has valid
        tickets and is told so; the kiosk keeps asking SARFT (the periodic settling,
        recovery) until it answers, so the booking cannot be printed again elsewhere."""
        log.warning("booking %s printed, 0x07 owed: %s", run.print_no, error)
        await self.journal.set_state(
            run.txn_id,
            CollectState.CONFIRM_OWED,
            summary_update={
                "stop": CollectStop.CONFIRM_OWED,
                "confirm_error": type(error).__name__,
            },
        )
        return CollectResult(
            run.booking_id, run.booking_number, run.txn_id, len(records), len(records), False
        )

    async def _advance(
        self, session: SarftSession, run: CollectRun, records: tuple[TicketRecord, ...]
    ) -> CollectResult:
        if not records:
            raise _RecordsSay(ErrorCode.SARFT_NOT_FOUND, "query returned no records")
        printed = await self._printed_codes(run.booking_id)
        for index, record in enumerate(records):
            if record.code in run.came_out and record.code not in printed:
                await self.journal.record_printed(run.txn_id, run.booking_id, index, record.code)
                printed.add(record.code)
        if all(r.printed for r in records):
            # SARFT counts it printed: our own lost 0x08, or collected elsewhere
            if all(r.code in printed for r in records):
                return await self._finish(run, records, printed)
            raise _RecordsSay(
                ErrorCode.SARFT_ALREADY_PRINTED, "every record printed before this transaction"
            )
        doubt = set() if run.print_in_doubt else await self.in_doubt_codes(run.booking_id)
        owed = [(i, r) for i, r in enumerate(records) if r.code not in printed | doubt]
        # Out of the printer in seat order (a family takes 7, 8, 9 in a row); the index
        # the journal keys on stays the record's place in the code order.
        owed.sort(key=lambda item: natural_key(item[1].seat_name))
        if owed and run.confirm_only:
            # the confirm-only retry found tickets owed: printing is not its job
            await self._stop(run, CollectState.AWAITING_STAFF, CollectStop.TICKETS_OWED)
            raise CollectNeedsStaff("a confirm-only run found tickets still owed")
        if owed:
            await self._check_faces(run, [r for _, r in owed])
            status = await self.printer.status()
            if not status.ready:
                # staff see the printer on the admin screen; the booking is not touched
                log.warning("collect stopped before apply: printer %s", status.describe())
                await self._stop(run, CollectState.REFUSED, CollectStop.PRINTER_NOT_READY)
                raise CollectPrinterNotReady(status)
            upcoming = self._face_ahead(run, owed[0][1])  # encoded while 0x05 is out
            await self._apply(session, run)
            for position, (index, record) in enumerate(owed):
                face = upcoming
                if position + 1 < len(owed):  # encoded while this one is under the head
                    upcoming = self._face_ahead(run, owed[position + 1][1])
                if not await self._print_one(run, index, record, face):
                    break
                printed.add(record.code)
                await _notify(run.on_progress, len(printed), len(records))
        if not all(r.code in printed for r in records):
            await self._stop(run, CollectState.AWAITING_STAFF, CollectStop.TICKETS_OWED)
            unproven = await self.in_doubt_codes(run.booking_id)
            raise PartialPrint(
                sum(r.code in printed for r in records),
                len(records),
                sum(r.code in unproven for r in records),
            )
        try:
            await self._confirm(session, run)
        except KioskError as exc:
            if exc.family is not Family.SARFT:
                raise
            if exc.error_code is ErrorCode.SARFT_ALREADY_PRINTED:
                pass  # SARFT already counts every ticket printed: what 0x07 asks for
            elif exc.error_code is ErrorCode.SARFT_NOT_AUTHENTICATED or not exc.refused:
                raise  # the login is gone, not a refusal: drive logs in again and retries
            else:
                raise _ConfirmRefused(exc) from exc
        return await self._finish(run, records, printed)

    async def _check_faces(self, run: CollectRun, records: Sequence[TicketRecord]) -> None:
        """Every owed ticket must make a valid face before 0x05: an applied booking
        whose tickets cannot print would be stranded until staff step in."""
        for record in records:
            try:
                self.face(record, run.channel)
            except TicketFaceError as exc:
                log.error("ticket %s cannot be printed: %s", record.code, exc)
                await self._stop(run, CollectState.REFUSED, CollectStop.BAD_RECORD)
                raise CannotPrint(str(exc)) from exc

    async def _finish(
        self, run: CollectRun, records: tuple[TicketRecord, ...], printed: Collection[str]
    ) -> CollectResult:
        await self.journal.set_state(run.txn_id, CollectState.COLLECTED, terminal=True)
        log.info("booking %s collected: %d ticket(s)", run.print_no, len(records))
        return CollectResult(
            run.booking_id,
            run.booking_number,
            run.txn_id,
            sum(r.code in printed for r in records),
            len(records),
            confirmed=True,
        )

    async def _stop(self, run: CollectRun, state: CollectState, reason: CollectStop) -> None:
        """End the run short of collection. Once anything of the booking came out here,
        or may have, the transaction stays open for staff whatever the reason."""
        touched = bool(await self._printed_codes(run.booking_id)) or bool(
            await self.in_doubt_codes(run.booking_id)
        )
        if touched:
            state = CollectState.AWAITING_STAFF
        await self.journal.set_state(
            run.txn_id,
            state,
            terminal=state != CollectState.AWAITING_STAFF,
            summary_update={"stop": reason},
        )

    async def _apply(self, session: SarftSession, run: CollectRun) -> None:
        """0x05; on a booking already applied the server answers 0 again."""
        await JournaledCalls(self.journal, run.txn_id, sarft_verdict).call(
            STEP_APPLY,
            {"print_no": run.print_no},
            lambda: session.apply_print(run.print_no, run.booking_id),
        )
        if run.connect_skipped:
            self.guard.succeeded()  # SARFT accepted the code's MD5: the code is proven

    async def _confirm(self, session: SarftSession, run: CollectRun) -> None:
        """0x07, only with every ticket out. A server that forgot the apply is asked
        again: the tickets are physically out and must count."""

        async def confirm() -> None:
            try:
                await session.confirm_printed(run.print_no)
            except KioskError as exc:
                if exc.error_code is not ErrorCode.SARFT_NOT_APPLIED:
                    raise
                await self._apply(session, run)
                await session.confirm_printed(run.print_no)

        await JournaledCalls(self.journal, run.txn_id, sarft_verdict).call(
            STEP_CONFIRM, {"print_no": run.print_no}, confirm
        )

    def _face_ahead(self, run: CollectRun, record: TicketRecord) -> TicketFace | TicketFaceError:
        """The ticket's face, handed to the printer to encode before its turn (or why it
        cannot be made). Its print time is when the kiosk took the ticket up: for the
        second and later, at most one ticket's paper before it is under the head."""
        try:
            face = self.face(record, run.channel, details=self.details(run, record))
        except TicketFaceError as exc:
            return exc
        self.printer.prepare([face])
        return face

    async def _print_one(
        self, run: CollectRun, index: int, record: TicketRecord, face: TicketFace | TicketFaceError
    ) -> bool:
        """One ticket: intent, print, check, record. False when it did not come out."""
        details = {"ticket_index": index, "ticket_code": record.code}
        calls = JournaledCalls(self.journal, run.txn_id, printer_verdict)
        if isinstance(face, TicketFaceError):
            log.error("ticket %s cannot be printed: %s", record.code, face)
            await calls.note(STEP_PRINT, details, BAD_RECORD_NOTE)
            return False

        async def print_it() -> None:
            await self.printer.print_tickets([face])
            # on paper: recorded before the result, so an answered print is a printed one
            await self.journal.record_printed(run.txn_id, run.booking_id, index, record.code)

        try:
            await calls.call(STEP_PRINT, details, print_it)
        except printer_status.PrinterNotReady as exc:
            log.warning("ticket %d not printed: %s", index + 1, exc)
            return False
        except printer_status.PrintInterrupted:
            return False
        return True

    @staticmethod
    def details(run: CollectRun, record: TicketRecord) -> TicketDetails:
        return TicketDetails(
            ticket_type=run.labels.type_for(record.price_fen),
            attributes=run.labels.attributes,
            booking_number=run.booking_number,
        )

    def face(
        self,
        record: TicketRecord,
        channel: SaleChannel,
        reprint: bool = False,
        details: TicketDetails | None = None,
    ) -> TicketFace:
        """``details``: what the kiosk knows beyond the SARFT record (booking number,
        ticket type, session attributes); whatever it leaves empty stays off the ticket."""
        return TicketFace.from_record(
            record,
            kiosk_id=self.kiosk_id,
            printed_at=self.clock.now(),
            channel=channel,
            reprint=reprint,
            language=self.language,
            details=details,
        )

    # ---- what the journal knows about a booking -----------------------------------------

    async def _printed_codes(self, booking_id: str) -> set[str]:
        """Ticket codes of the booking that came out of this kiosk (reprints aside)."""
        return {
            p.ticket_code
            for p in await self.journal.printed_for_booking(booking_id)
            if not p.reprint
        }

    async def in_doubt_codes(self, booking_id: str) -> set[str]:
        """Tickets whose print was started but never known to finish: a crash between
        the cut and the journal write, or a status that never came back."""
        doubt: set[str] = set()
        for txn in await self.journal.search(booking_id):
            if txn.kind == "purchase":
                continue
            steps = await self.journal.steps(txn.id)
            outcomes = {s.intent_id: s.outcome for s in steps if s.phase == "result"}
            for step in steps:
                if (
                    step.phase == "intent"
                    and step.step == STEP_PRINT
                    and may_have_happened(outcomes.get(step.id))
                ):
                    doubt.add(str(step.details["ticket_code"]))
        return doubt - await self._printed_codes(booking_id)

    async def _owed_elsewhere(self, booking_id: str) -> bool:
        """An earlier collection of this booking stopped part-way: staff finish it."""
        if await self._printed_codes(booking_id) or await self.in_doubt_codes(booking_id):
            return True
        return any(
            not txn.terminal and txn.kind != "purchase"
            for txn in await self.journal.search(booking_id)
        )


def sarft_verdict(exc: Exception) -> Verdict | None:
    """SARFT's return codes are considered refusals; an answer lost may have applied."""
    if not isinstance(exc, KioskError) or exc.family is not Family.SARFT:
        return None
    if exc.error_code is ErrorCode.SARFT_OUTCOME_UNKNOWN:
        return CallOutcome.UNKNOWN, {}
    if exc.refused:
        return CallOutcome.FAILED, {"code": exc.result_code}
    return None


def printer_verdict(exc: Exception) -> Verdict | None:
    """A printer not ready printed nothing; one interrupted part-way may have printed."""
    if isinstance(exc, printer_status.PrinterNotReady):
        return CallOutcome.FAILED, {}
    if isinstance(exc, printer_status.PrintInterrupted):
        return (CallOutcome.UNKNOWN if exc.in_doubt is not None else CallOutcome.FAILED), {}
    return None


class _RecordsSay(KioskError):
    """What SARFT's records already tell (none, or every one printed), raised as the
    refusal SARFT itself would have answered with that ``error_code``."""

    error_code = ErrorCode.SARFT_FAILED  # each instance names the refusal it stands for
    refused = True

    def __init__(self, error_code: ErrorCode, detail: str) -> None:
        self.error_code = error_code
        super().__init__(detail)


class _ConfirmRefused(Exception):
    """0x07 refused with every ticket on paper: owed, not a refusal of the booking."""

    def __init__(self, error: KioskError) -> None:
        super().__init__(str(error))
        self.error = error


async def _notify(on_progress: Progress | None, printed: int, total: int) -> None:
    if on_progress is None:
        return
    result = on_progress(printed, total)
    if inspect.isawaitable(result):
        await result
