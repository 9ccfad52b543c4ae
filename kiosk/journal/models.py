"""What the journal holds, as plain frozen records the flows and the admin screen read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final, Literal

Kind = Literal["purchase", "collect", "reprint"]
Phase = Literal["intent", "result"]
KINDS: tuple[Kind, ...] = ("purchase", "collect", "reprint")

# Summary keys the admin search looks in; flows write these names so staff can
# find a transaction by the code on the patron's phone or receipt.
# Final: a typed summary (kiosk.journal.summaries) takes them as its keys
BOOKING_ID: Final = "booking_id"
BOOKING_NUMBER: Final = "booking_number"
OUT_TRADE_NO: Final = "out_trade_no"


class JournalError(Exception):
    """The journal refused an operation that would break its record (never a disk error)."""


class UnknownTransaction(JournalError):
    """No transaction has this id."""


class TransactionClosed(JournalError):
    """The transaction is already in a terminal state; terminal states are final."""


class TicketAlreadyPrinted(JournalError):
    """This ticket was already printed; only a staff reprint may print it again."""


@dataclass(frozen=True)
class Transaction:
    id: str
    kind: Kind
    state: str
    terminal: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    summary: dict[str, Any]


@dataclass(frozen=True)
class Step:
    """One line of a transaction's history.

    An ``intent`` is written before a call that changes something outside the
    kiosk; its ``result`` names the intent it answers (``intent_id``). An intent
    without a result after a crash means the outcome is unknown and must be
    found out before anything else is done.
    """

    id: int
    txn_id: str
    seq: int
    step: str
    phase: Phase
    outcome: str | None
    details: dict[str, Any]
    at: dt.datetime
    intent_id: int | None


@dataclass(frozen=True)
class PrintedTicket:
    id: int
    txn_id: str
    booking_id: str
    ticket_index: int
    ticket_code: str
    printed_at: dt.datetime
    reprint: bool


@dataclass(frozen=True)
class AuditEntry:
    id: int
    actor: str
    action: str
    target: str
    reason: str
    details: dict[str, Any]
    at: dt.datetime
