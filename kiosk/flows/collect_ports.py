"""The ports the collect, reprint and collect-recovery flows talk through.

Each Protocol lists only the calls these flows make, so the real adapters
(``ConnectClient``, ``SarftClient``, ``TicketPrinter``, ``AsyncJournal``) fit
as they are and tests may hand in recording wrappers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Protocol

from kiosk.connect.models import Booking
from kiosk.journal.models import AuditEntry, Kind, PrintedTicket, Step, Transaction
from kiosk.printing.printer import OnTicket, PrintJobResult
from kiosk.printing.status import PrinterStatus
from kiosk.printing.ticket import TicketFace
from kiosk.sarft.models import TicketRecord


class BookingLookup(Protocol):
    """Connect's GetSingleBooking: proves a 取票码 before anything about it is shown."""

    async def get_single_booking(
        self, *, booking_id: str | None = None, booking_number: int | None = None
    ) -> Booking: ...


class SarftSession(Protocol):
    """One SARFT connection (one patron transaction); dead after any failure."""

    async def connect(self) -> None: ...

    async def close(self) -> None: ...

    async def authenticate(self) -> None: ...

    async def query(self, print_no: str) -> list[TicketRecord]: ...

    async def apply_print(self, print_no: str, booking_id: str) -> None: ...

    async def confirm_printed(self, print_no: str) -> None: ...


SarftFactory = Callable[[], SarftSession]
"""Makes a fresh, unconnected session: after a failure the old one cannot be reused."""


class TicketPrinterPort(Protocol):
    async def status(self) -> PrinterStatus: ...

    async def print_tickets(
        self, faces: Sequence[TicketFace], on_ticket: OnTicket | None = None
    ) -> PrintJobResult: ...


class CollectJournal(Protocol):
    """The journal calls of collect, reprint and their recovery (AsyncJournal has them)."""

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

    async def search(
        self,
        text: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        kind: Kind | None = None,
        limit: int = 200,
    ) -> list[Transaction]: ...

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

    async def record_printed(
        self,
        txn_id: str,
        booking_id: str,
        ticket_index: int,
        ticket_code: str,
        reprint: bool = False,
    ) -> PrintedTicket: ...

    async def printed_for_booking(self, booking_id: str) -> list[PrintedTicket]: ...

    async def audit(
        self,
        actor: str,
        action: str,
        target: str,
        reason: str,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry: ...


Progress = Callable[[int, int], Awaitable[None] | None]
"""``on_progress(printed, total)`` after each ticket comes out (the UI's counter)."""
