"""Staff reprints from the admin screen: finish a booking a paper-out or a crash left
part-printed (then confirm 0x07), or print another copy of a ticket that came out.

Every action names the staff member and a reason in the journal's audit trail
before anything prints. Finishing a booking prints its owed tickets as originals
(they never came out); a copy of a printed ticket says "REPRINT 补打" and is
journaled as a reprint, so it never counts as the ticket's first print.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import logging
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass

from kiosk.domain import TicketRecord
from kiosk.domain import printer as printer_status
from kiosk.domain.print_no import print_no_for
from kiosk.domain.ticket_face import SaleChannel
from kiosk.errors import ErrorCode, KioskError
from kiosk.flows.collect import (
    CHANNEL,
    CollectFlow,
    CollectResult,
    CollectRun,
    CollectState,
    printer_verdict,
    sorted_records,
)
from kiosk.flows.collect_errors import (
    CollectError,
    CollectPrinterNotReady,
    CollectServiceUnavailable,
    patron_error,
)
from kiosk.flows.journaled import JournaledCalls
from kiosk.journal.models import BOOKING_ID, BOOKING_NUMBER, Transaction
from kiosk.journal.summaries import CollectSummary
from kiosk.logs import correlation

log = logging.getLogger(__name__)

STEP_REPRINT = "reprint_ticket"


class ReprintState(enum.StrEnum):
    """Where a staff reprint is. One that finishes a booking is a collection's run and
    passes through :class:`kiosk.flows.collect.CollectState` instead; these are a copy's.

    The values are what the journal has always stored: old journals read the same."""

    STARTED = CollectState.STARTED.value
    REPRINTED = "reprinted"  # terminal: the copy came out
    REPRINT_FAILED = "reprint_failed"  # terminal: no copy came out (or it is in doubt)
    INTERRUPTED = "interrupted"  # terminal: cut off by a crash (recovery closes it)


class NothingOutstanding(CollectError):
    error_code = ErrorCode.REPRINT_NOTHING_OUTSTANDING


class NotPrintedHere(CollectError):
    error_code = ErrorCode.REPRINT_NOT_PRINTED_HERE


class ReprintFailed(CollectError):
    error_code = ErrorCode.REPRINT_FAILED


def _require_who_and_why(actor: str, reason: str) -> None:
    """Refused before anything is read or printed: the audit trail needs both."""
    if not actor.strip() or not reason.strip():
        raise ValueError("a staff action needs the staff member and a reason")


@dataclass(frozen=True)
class OutstandingBooking:
    """A booking the admin screen lists: some tickets out, the rest owed or in doubt."""

    txn_id: str
    booking_id: str
    booking_number: int
    printed: tuple[str, ...]  # ticket codes out of this kiosk
    in_doubt: tuple[str, ...]  # started, never known to finish: staff look at the tray


class StaffReprint:
    def __init__(
        self, flow: CollectFlow, *, new_txn_id: Callable[[], str] = lambda: uuid.uuid4().hex
    ) -> None:
        self.flow = flow
        self.journal = flow.journal
        self._new_txn_id = new_txn_id

    async def outstanding(self) -> list[OutstandingBooking]:
        """Open collections waiting for staff, oldest first, one per booking."""
        found: dict[str, OutstandingBooking] = {}
        for txn in await self.journal.open_transactions():
            if txn.kind == "purchase" or txn.state != CollectState.AWAITING_STAFF:
                continue
            summary = CollectSummary.read(txn.summary)
            booking_id = summary.booking_id
            if booking_id in found:
                continue
            printed = await self.journal.printed_for_booking(booking_id)
            found[booking_id] = OutstandingBooking(
                txn.id,
                booking_id,
                summary.booking_number,
                tuple(p.ticket_code for p in printed if not p.reprint),
                tuple(sorted(await self.flow.in_doubt_codes(booking_id))),
            )
        return list(found.values())

    async def finish_booking(
        self, booking_id: str, *, actor: str, reason: str, came_out: Collection[str] = ()
    ) -> CollectResult:
        """Print what a booking still owes, then confirm 0x07.

        ``came_out`` are in-doubt ticket codes staff found in the tray: they are
        journaled as printed, not printed again; every other in-doubt ticket did not
        come out and is printed. Raises NothingOutstanding, or the collect errors
        (PartialPrint again if the printer stops again)."""
        _require_who_and_why(actor, reason)
        booking_id = booking_id.strip().upper()
        waiting = await self._waiting(booking_id)
        if not waiting:
            raise NothingOutstanding(f"no open collection for booking {booking_id}")
        first = waiting[0]
        await self.journal.audit(
            actor,
            "finish_booking",
            booking_id,
            reason,
            {"txn_ids": [t.id for t in waiting], "came_out": sorted(came_out)},
        )
        run = dataclasses.replace(
            CollectFlow.run_for(first),
            txn_id=self._new_txn_id(),
            print_in_doubt=True,
            came_out=frozenset(came_out),
        )
        with contextlib.ExitStack() as owned:
            # staff own the new reprint and every collection it finishes: the periodic
            # settling must not send a confirm beside them
            for txn_id in [run.txn_id, *(t.id for t in waiting)]:
                owned.enter_context(self.flow.owners.hold(txn_id))
            return await self._finish(run, waiting, actor, reason)

    async def _finish(
        self, run: CollectRun, waiting: list[Transaction], actor: str, reason: str
    ) -> CollectResult:
        await self.journal.begin(
            "reprint",
            run.txn_id,
            CollectState.STARTED,
            {
                BOOKING_ID: run.booking_id,
                BOOKING_NUMBER: run.booking_number,
                CHANNEL: run.channel.value,
                "actor": actor,
                "reason": reason,
            },
        )
        with correlation(run.txn_id):
            result = await self.flow.drive(run)
            for txn in waiting:
                await self.journal.set_state(
                    txn.id,
                    CollectState.COMPLETED_BY_STAFF,
                    terminal=True,
                    summary_update={"by": run.txn_id},
                )
        log.info("staff %s finished booking %s", actor, run.print_no)
        return result

    async def _waiting(self, booking_id: str) -> list[Transaction]:
        return [
            txn
            for txn in await self.journal.search(booking_id)
            if txn.kind != "purchase" and not txn.terminal
        ][::-1]

    async def reprint_ticket(
        self, booking_id: str, ticket_code: str, *, actor: str, reason: str
    ) -> None:
        """Print a marked copy of a ticket that already came out of this kiosk
        (a jammed or damaged ticket). SARFT is only read: a copy changes nothing there."""
        _require_who_and_why(actor, reason)
        booking_id = booking_id.strip().upper()
        original = next(
            (
                p
                for p in await self.journal.printed_for_booking(booking_id)
                if p.ticket_code == ticket_code and not p.reprint
            ),
            None,
        )
        if original is None:
            raise NotPrintedHere(f"ticket {ticket_code} has no first print in the journal")
        source = await self.journal.transaction(original.txn_id)
        assert source is not None  # printed tickets reference their transaction
        base = CollectFlow.run_for(source)
        await self.journal.audit(
            actor, "reprint_ticket", ticket_code, reason, {BOOKING_NUMBER: base.booking_number}
        )
        txn_id = self._new_txn_id()
        with self.flow.owners.hold(txn_id):
            await self.journal.begin(
                "reprint",
                txn_id,
                ReprintState.STARTED,
                {
                    BOOKING_ID: booking_id,
                    BOOKING_NUMBER: base.booking_number,
                    "ticket_code": ticket_code,
                    "actor": actor,
                    "reason": reason,
                },
            )
            with correlation(txn_id):
                try:
                    record = await self._record(base.booking_number, ticket_code)
                except CollectError:
                    await self.journal.set_state(txn_id, ReprintState.REPRINT_FAILED, terminal=True)
                    raise
                await self._print_copy(
                    txn_id, booking_id, original.ticket_index, record, base.channel, base
                )

    async def _record(self, booking_number: int, ticket_code: str) -> TicketRecord:
        session = self.flow.sarft()
        try:
            await session.connect()
            await session.authenticate()
            records = sorted_records(await session.query(print_no_for(booking_number)))
        except KioskError as exc:  # SARFT's: only the SARFT session is called here
            raise patron_error(exc) from exc
        finally:
            await session.close()
        record = next((r for r in records if r.code == ticket_code), None)
        if record is None:
            raise CollectServiceUnavailable(f"SARFT no longer lists ticket {ticket_code}")
        return record

    async def _print_copy(
        self,
        txn_id: str,
        booking_id: str,
        index: int,
        record: TicketRecord,
        channel: SaleChannel,
        source: CollectRun,
    ) -> None:
        face = self.flow.face(
            record, channel, reprint=True, details=self.flow.details(source, record)
        )
        details = {"ticket_index": index, "ticket_code": record.code}

        async def print_it() -> None:
            await self.flow.printer.print_tickets([face])
            # on paper: recorded before the result, so an answered print is a printed one
            await self.journal.record_printed(txn_id, booking_id, index, record.code, reprint=True)

        try:
            await JournaledCalls(self.journal, txn_id, printer_verdict).call(
                STEP_REPRINT, details, print_it
            )
        except printer_status.PrinterNotReady as exc:
            await self.journal.set_state(txn_id, ReprintState.REPRINT_FAILED, terminal=True)
            raise CollectPrinterNotReady(exc.status) from exc
        except printer_status.PrintInterrupted as exc:
            await self.journal.set_state(txn_id, ReprintState.REPRINT_FAILED, terminal=True)
            raise ReprintFailed(str(exc)) from exc
        await self.journal.set_state(txn_id, ReprintState.REPRINTED, terminal=True)
        log.info("ticket %s reprinted", record.code)
