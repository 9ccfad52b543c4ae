"""The ports the collect, reprint and collect-recovery flows talk through.

Each Protocol lists only the calls these flows make, so the real adapters
(``ConnectClient``, ``SarftClient``, ``TicketPrinter``, ``AsyncJournal``) fit
as they are and tests may hand in recording wrappers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Protocol

from kiosk.domain import Booking, TicketRecord
from kiosk.domain.printer import OnTicket, PrinterStatus, PrintJobResult
from kiosk.domain.ticket_face import TicketFace
from kiosk.flows.ports import JournalPort
from kiosk.journal.models import AuditEntry, Kind, PrintedTicket, Transaction


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

    def prepare(self, faces: Sequence[TicketFace]) -> None:
        """Get these faces ready to print soon (encoded ahead); sends nothing."""

    async def print_tickets(
        self, faces: Sequence[TicketFace], on_ticket: OnTicket | None = None
    ) -> PrintJobResult: ...


class CollectJournal(JournalPort, Protocol):
    """The purchase flow's journal calls plus the ones collect, reprint and their
    recovery add (AsyncJournal has them all)."""

    async def search(
        self,
        text: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        kind: Kind | None = None,
        limit: int = 200,
    ) -> list[Transaction]: ...

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
