"""The transaction journal: what each patron transaction did, durable across crashes.

Flows write an intent before every call with an effect outside the kiosk and a
result after it; recovery and the admin screen read it back. Use
:class:`AsyncJournal` from asyncio code and :class:`Journal` from tools.
"""

from kiosk.journal.aio import AsyncJournal
from kiosk.journal.faults import (
    JournalCorrupt,
    JournalDiskFull,
    JournalIdentityMismatch,
    JournalUnavailable,
    JournalUnwritable,
)
from kiosk.journal.models import (
    BOOKING_ID,
    BOOKING_NUMBER,
    OUT_TRADE_NO,
    AuditEntry,
    JournalError,
    Kind,
    PrintedTicket,
    Step,
    TicketAlreadyPrinted,
    Transaction,
    TransactionClosed,
    UnknownTransaction,
)
from kiosk.journal.store import Journal

__all__ = [
    "BOOKING_ID",
    "BOOKING_NUMBER",
    "OUT_TRADE_NO",
    "AsyncJournal",
    "AuditEntry",
    "Journal",
    "JournalCorrupt",
    "JournalDiskFull",
    "JournalError",
    "JournalIdentityMismatch",
    "JournalUnavailable",
    "JournalUnwritable",
    "Kind",
    "PrintedTicket",
    "Step",
    "TicketAlreadyPrinted",
    "Transaction",
    "TransactionClosed",
    "UnknownTransaction",
]
