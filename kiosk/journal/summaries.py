"""A transaction's summary as typed facts, read back one way by every reader.

The journal keeps a summary as a JSON object that each state change merges into,
so what a record holds depends on how far the transaction got and on the kiosk
version that wrote it. Recovery, reconciliation, the metrics and the staff screens
read it only through these readers, which take any record a kiosk ever wrote: a
fact not journaled yet (or not by that version) reads as its default, a number
journaled as text reads as the number, and a value of another type as absent,
rather than failing a recovery at start. The summary itself stays a plain
mapping on :class:`~kiosk.journal.models.Transaction`: the staff screens show
every fact in it, also those no reader here knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from kiosk.journal.models import BOOKING_ID, BOOKING_NUMBER, OUT_TRADE_NO


def _int(value: object) -> int | None:
    """A whole number the journal holds (as a number or its digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


class PurchaseFacts(TypedDict, total=False):
    """What a purchase may write into its summary, each fact with its type; a state
    change writes the facts it learnt (kiosk.flows.purchase, kiosk.flows.recovery)."""

    session_id: str
    showtime: str  # ISO 8601, UTC
    seats: list[str]  # as staff read them: "5排5座"
    tickets: dict[str, int]  # ticket type code: how many
    hold_expires_at: str  # ISO 8601, UTC
    ticket_labels: dict[str, Any]  # kiosk.flows.ticket_labels.TicketLabels.to_summary
    total_fen: int
    amount_fen: int  # asked of the patron when the QR was shown
    out_trade_no: str
    wallet: str
    booking_id: str
    booking_number: int
    reason: str  # PurchaseReason.journaled
    staff_reason: str
    staff_facts: dict[str, Any]
    printed: int
    recovered: bool


@dataclass(frozen=True)
class PurchaseSummary:
    """What a purchase journals (kiosk.flows.purchase): the order, its money, its booking."""

    session_id: str = ""
    total_fen: int = 0  # 0 until AddTickets held the seats
    amount_fen: int = 0  # asked of the patron: 0 until the QR was shown
    out_trade_no: str = ""  # the payment order whose money was accepted, when named
    wallet: str = ""  # that payment's wallet, when named
    booking_id: str = ""
    booking_number: int | None = None  # None until Connect booked it
    reason: str = ""  # a PurchaseReason's journaled word
    staff_reason: str = ""

    @classmethod
    def read(cls, summary: Mapping[str, Any]) -> PurchaseSummary:
        return cls(
            session_id=_text(summary.get("session_id")),
            total_fen=_int(summary.get("total_fen")) or 0,
            amount_fen=_int(summary.get("amount_fen")) or 0,
            out_trade_no=_text(summary.get(OUT_TRADE_NO)),
            wallet=_text(summary.get("wallet")),
            booking_id=_text(summary.get(BOOKING_ID)),
            # 0 was never a booking: it reads as none, as every reader always took it
            booking_number=_int(summary.get(BOOKING_NUMBER)) or None,
            reason=_text(summary.get("reason")),
            staff_reason=_text(summary.get("staff_reason")),
        )


@dataclass(frozen=True)
class CollectSummary:
    """What a collection or a staff reprint journals (kiosk.flows.collect, reprint): the
    booking, always, from its first write; how it was sold and started; why it stopped."""

    booking_id: str
    booking_number: int
    channel: str = ""  # a SaleChannel's value; "" in records from before it was kept
    origin: str = ""
    stop: str = ""  # a CollectStop's value
    purchase_txn: str = ""  # the purchase this collection printed for, if any

    @classmethod
    def read(cls, summary: Mapping[str, Any]) -> CollectSummary:
        """Raises ValueError for a record without its booking: every kiosk version wrote
        it with the transaction's first state, so such a record is damaged, not old."""
        number = _int(summary.get(BOOKING_NUMBER))
        booking_id = _text(summary.get(BOOKING_ID))
        if number is None or not booking_id:
            raise ValueError("a collect record without its booking id and number")
        return cls(
            booking_id=booking_id,
            booking_number=number,
            channel=_text(summary.get("channel")),
            origin=_text(summary.get("origin")),
            stop=_text(summary.get("stop")),
            purchase_txn=_text(summary.get("purchase_txn")),
        )
