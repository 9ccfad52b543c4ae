"""Journal and health words as staff say them, in the screen's language only.

The journal and the health checks speak in internal names ("awaiting_staff",
"tickets_owed", "online, paper ok") and machine forms (ISO times in UTC, seat lists,
fen). Staff read plain words: 5排5座, 成人票 ×1, ¥45.00, 03:39 到期, times in the
cinema's time zone. The raw record is for a support call, which reads it with
``kiosk journal --id TXN``. A value these tables do not know is shown as it is,
never hidden: a new state must still reach staff, if in engineer's words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from kiosk.flows.collect import CollectState, CollectStop
from kiosk.flows.purchase_ledger import PurchaseReason, PurchaseState
from kiosk.flows.reprint import ReprintState
from kiosk.flows.ticket_labels import SUMMARY_KEY as TICKET_LABELS
from kiosk.flows.ticket_labels import TicketLabels
from kiosk.journal import AuditEntry
from kiosk.journal.models import OUT_TRADE_NO
from kiosk.qt import QCoreApplication
from kiosk.ui import formatting

translate = QCoreApplication.translate


def kind_text(kind: str) -> str:
    return {
        "purchase": translate("StaffWording", "Ticket purchase"),
        "collect": translate("StaffWording", "Ticket collection"),
        "reprint": translate("StaffWording", "Staff reprint"),
    }.get(kind, kind)


def state_words() -> dict[str, str]:
    """Every state a transaction can be in (:class:`PurchaseState`, :class:`CollectState`,
    :class:`ReprintState`: a test checks none is missing), in staff words."""
    return {
        PurchaseState.CHOOSING: translate("StaffWording", "Choosing tickets"),
        PurchaseState.LOCKING: translate("StaffWording", "Holding seats"),
        PurchaseState.LOCKED: translate("StaffWording", "Seats held, not paid"),
        PurchaseState.AWAITING_PAYMENT: translate("StaffWording", "Waiting for payment"),
        PurchaseState.COMPLETING: translate("StaffWording", "Paid, confirming booking"),
        PurchaseState.VERIFYING: translate("StaffWording", "Checking whether booked"),
        PurchaseState.BOOKED: translate("StaffWording", "Booked, handing over tickets"),
        PurchaseState.CANCELLING: translate("StaffWording", "Cancelling"),
        PurchaseState.REFUNDING: translate("StaffWording", "Refunding"),
        PurchaseState.NEEDS_STAFF: translate("StaffWording", "Needs staff"),
        PurchaseState.COMPLETED: translate("StaffWording", "Completed"),
        PurchaseState.CANCELLED: translate("StaffWording", "Cancelled, nothing charged"),
        PurchaseState.REFUNDED: translate("StaffWording", "Refunded"),
        # a reprint starts as a collection does: ReprintState.STARTED is this word too
        CollectState.STARTED: translate("StaffWording", "Started"),
        CollectState.COLLECTED: translate("StaffWording", "All tickets printed"),
        CollectState.ALREADY_COLLECTED: translate("StaffWording", "Already collected"),
        CollectState.REFUSED: translate("StaffWording", "Refused, nothing printed"),
        CollectState.ABANDONED: translate("StaffWording", "Abandoned, nothing printed"),
        CollectState.AWAITING_STAFF: translate("StaffWording", "Waiting for staff"),
        CollectState.COMPLETED_BY_STAFF: translate("StaffWording", "Finished by staff"),
        CollectState.CONFIRM_OWED: translate("StaffWording", "Printed, SARFT confirm still owed"),
        ReprintState.REPRINTED: translate("StaffWording", "Reprinted"),
        ReprintState.REPRINT_FAILED: translate("StaffWording", "Reprint failed"),
        ReprintState.INTERRUPTED: translate("StaffWording", "Interrupted"),
    }


def state_text(state: str) -> str:
    return state_words().get(state, state)


def card_title(kind: str, state: str) -> str:
    """How a transaction is headed on the Attention and Recent lists."""
    return f"{kind_text(kind)} · {state_text(state)}"


def step_text(step: str) -> str:
    """A journaled outside call (kiosk.flows.purchase_ledger, kiosk.flows.collect)."""
    return {
        "add_tickets": translate("StaffWording", "holding the seats (Connect)"),
        "payment_create": translate("StaffWording", "creating the payment QR"),
        "start_external_payment": translate("StaffWording", "telling Connect of the payment"),
        "complete_order": translate("StaffWording", "completing the booking (Connect)"),
        "cancel_order": translate("StaffWording", "cancelling the order (Connect)"),
        "refund_booking": translate("StaffWording", "refunding the booking (Connect)"),
        "payment_close": translate("StaffWording", "closing the payment QR"),
        "payment_refund": translate("StaffWording", "refunding the payment"),
        "payment_code": translate("StaffWording", "charging a payment code"),
        "payment_reverse": translate("StaffWording", "reversing a payment code"),
        "payment_query": translate("StaffWording", "asking about the payment"),
        "get_order": translate("StaffWording", "reading the order (Connect)"),
        "query_booking_status": translate("StaffWording", "asking whether booked (Connect)"),
        "sarft_apply": translate("StaffWording", "asking SARFT to print"),
        "print_ticket": translate("StaffWording", "printing a ticket"),
        "sarft_confirm": translate("StaffWording", "confirming the print to SARFT"),
        "reprint_ticket": translate("StaffWording", "printing a marked copy of a ticket"),
    }.get(step, step)


def attention_tab() -> str:
    return translate("AdminScreen", "Attention")


def print_outstanding() -> str:
    return translate("AttentionSection", "Print outstanding tickets")


def owed_tickets_path() -> str:
    """Where staff finish a collection that stopped with tickets owed (a patron's
    partial print): the tab, the transaction's heading and the button, as the admin
    screen shows them, so the patron's screen can name them in the same words."""
    quoted = translate("StaffWording", "“%1”", "words quoted from the screen")
    # Each quoted label stays on one line; a long path wraps between them only.
    return " › ".join(
        [attention_tab()]
        + [
            quoted.replace("%1", words.replace(" ", "\u00a0"))
            for words in (card_title("collect", CollectState.AWAITING_STAFF), print_outstanding())
        ]
    )


def fact_name(key: str) -> str:
    return {
        "booking_id": translate("StaffWording", "Pickup code"),
        "booking_number": translate("StaffWording", "Booking number"),
        "out_trade_no": translate("StaffWording", "Payment order"),
        "wallet": translate("StaffWording", "Paid with"),
        "channel": translate("StaffWording", "Sold by"),
        "origin": translate("StaffWording", "Started from"),
        "stop": translate("StaffWording", "Stopped because"),
        "reason": translate("StaffWording", "Reason"),
        "staff_reason": translate("StaffWording", "Why staff are needed"),
        "session_id": translate("StaffWording", "Session"),
        "showtime": translate("StaffWording", "Show time"),
        "seats": translate("StaffWording", "Seats"),
        "hold_expires_at": translate("StaffWording", "Seat hold"),
        "total_fen": translate("StaffWording", "Total"),
        "amount_fen": translate("StaffWording", "Amount"),
        "tickets": translate("StaffWording", "Tickets"),
        TICKET_LABELS: translate("StaffWording", "Ticket types"),
        "printed": translate("StaffWording", "Printed"),
        "purchase_txn": translate("StaffWording", "Purchase transaction"),
        "by": translate("StaffWording", "Finished by transaction"),
        "recovered": translate("StaffWording", "Settled by recovery"),
        # a pickup while Connect was down (kiosk.flows.collect): SARFT's 0x05 proved the code
        "connect_skipped": translate("StaffWording", "Code proven by SARFT alone (no Connect)"),
        "connect_error": translate("StaffWording", "Connect's failure"),
        "confirm_error": translate("StaffWording", "SARFT confirm failed"),
    }.get(key, key)


def stop_words() -> dict[str, str]:
    """Why a collection stopped (its ``stop``, every :class:`CollectStop`), in staff words."""
    return {
        CollectStop.TICKETS_OWED: translate("StaffWording", "tickets still owed to the patron"),
        CollectStop.CONFIRM_OWED: translate("StaffWording", "SARFT has not yet taken the confirm"),
        CollectStop.SARFT_UNREACHABLE: translate(
            "StaffWording", "ticket collection service unreachable"
        ),
        CollectStop.PRINTER_NOT_READY: translate("StaffWording", "printer not ready"),
        CollectStop.BAD_RECORD: translate("StaffWording", "booking record incomplete"),
        # SARFT's own refusals (kiosk.sarft.errors), named after their return codes
        CollectStop.SARFT_ALREADY_PRINTED: translate(
            "StaffWording", "SARFT says the tickets were already collected"
        ),
        CollectStop.SARFT_UNKNOWN_ERROR: translate("StaffWording", "SARFT reported an error"),
        CollectStop.SARFT_NOT_FOUND: translate("StaffWording", "SARFT has no such booking"),
        CollectStop.SARFT_VERIFY_CODE_MISMATCH: translate(
            "StaffWording", "SARFT refused the pickup code"
        ),
        CollectStop.SARFT_REFUNDED: translate(
            "StaffWording", "SARFT says the booking was refunded or cancelled"
        ),
        CollectStop.SARFT_NOT_AUTHENTICATED: translate(
            "StaffWording", "SARFT dropped the kiosk's sign-in"
        ),
        CollectStop.SARFT_BAD_CREDENTIALS: translate(
            "StaffWording", "SARFT refused the kiosk's sign-in"
        ),
        CollectStop.SARFT_SHOW_ENDED: translate("StaffWording", "SARFT says the show has ended"),
        CollectStop.SARFT_NOT_APPLIED: translate(
            "StaffWording", "SARFT had not taken the request to print"
        ),
        CollectStop.SARFT_RETURN_CODE: translate(
            "StaffWording", "SARFT refused with a code it does not explain"
        ),
        CollectStop.SARFT_VALUE: translate("StaffWording", "the booking cannot be sent to SARFT"),
    }


def reason_words() -> dict[str, str]:
    """Why a purchase was let go (its ``reason``, every :class:`PurchaseReason`), in staff
    words; ADD_TICKETS_FAILED's takes the error's name for %1."""
    return {
        PurchaseReason.SEATS_UNAVAILABLE: translate("StaffWording", "seats no longer free"),
        PurchaseReason.UNEXPECTED_TOTAL: translate(
            "StaffWording", "the order's total was not the price shown"
        ),
        PurchaseReason.ADD_TICKETS_FAILED: translate(
            "StaffWording", "holding the seats failed (%1)"
        ),
        PurchaseReason.HOLD_EXPIRED: translate("StaffWording", "seat hold ran out"),
        PurchaseReason.PRINTER_NOT_READY: translate("StaffWording", "printer not ready"),
        PurchaseReason.PAYMENT_CREATE_FAILED: translate(
            "StaffWording", "the payment QR could not be created"
        ),
        PurchaseReason.PAYMENT_CODE_NOT_REVERSED: translate(
            "StaffWording", "a payment code could not be reversed"
        ),
        PurchaseReason.QR_NOT_CLOSED_AFTER_CODE: translate(
            "StaffWording", "paid by code, but the QR could not be closed"
        ),
        PurchaseReason.QR_NOT_CLOSED_AFTER_PAYMENT: translate(
            "StaffWording", "paid, but the other QR could not be closed"
        ),
        PurchaseReason.PATRON_CANCELLED: translate("StaffWording", "the patron cancelled"),
        PurchaseReason.PAYMENT_TIMED_OUT: translate("StaffWording", "time for payment ran out"),
        PurchaseReason.PAYMENT_CLOSED: translate("StaffWording", "the payment was closed"),
        PurchaseReason.PAYMENT_AMOUNT_MISMATCH: translate(
            "StaffWording", "the amount paid was not the total"
        ),
        PurchaseReason.PAID_AFTER_HOLD: translate(
            "StaffWording", "paid after the seat hold ran out"
        ),
        PurchaseReason.START_EXTERNAL_PAYMENT_FAILED: translate(
            "StaffWording", "payment not accepted"
        ),
        PurchaseReason.BOOKING_NOT_FOUND: translate("StaffWording", "no booking found"),
        PurchaseReason.CANCEL_FAILED: translate("StaffWording", "cancelling failed"),
        PurchaseReason.BOOKING_REFUNDED: translate("StaffWording", "booking was refunded"),
    }


def stop_text(stop: str) -> str:
    return stop_words().get(stop, stop)


def reason_text(text: str) -> str:
    """A purchase's journaled reason; a staff reprint's reason (typed, or a preset's
    English) and any word this kiosk does not know are shown as they are."""
    reason, detail = PurchaseReason.read(text)
    if reason is None:
        return text
    words = reason_words().get(reason)
    return text if words is None else words.replace("%1", detail or "?")


def _value_words() -> dict[str, str]:
    return {
        # origin and channel
        "pickup_code": translate("StaffWording", "pickup code"),
        "purchase": translate("StaffWording", "purchase at this kiosk"),
        "online_agent": translate("StaffWording", "online agent"),
        "cinema": translate("StaffWording", "this cinema"),
        # wallets (kiosk.payment.providers)
        "wechatpay": translate("StaffWording", "WeChat Pay"),
        "alipay": translate("StaffWording", "Alipay"),
        "simulator": translate("StaffWording", "payment simulator"),
    }


_WORDED_VALUES = {"origin", "channel", "wallet"}
_MONEY = {"total_fen", "amount_fen"}
# An ISO 8601 moment as the journal writes it (datetime.isoformat): never shown as is.
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")
_SEAT_LABEL = re.compile(r"^(.+)排(.+)座$")


def staff_time(at: dt.datetime, *, seconds: bool = True) -> str:
    """A moment in the cinema's time zone, its day named, on one line: "今天 12月2日
    15:33:29" (a show time without its seconds)."""
    local = formatting.local(at)
    day = formatting.day_label(local.date(), formatting.today(), dated=True)
    return formatting.unbroken(f"{day} {local:%H:%M:%S}" if seconds else f"{day} {local:%H:%M}")


def _moment(text: str) -> dt.datetime | None:
    if not _ISO_MOMENT.match(text):
        return None
    try:
        at = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def seat_words(label: str) -> str:
    """A seat as the purchase journals it ("5排5座"), in the screen's language."""
    match = _SEAT_LABEL.match(label)
    if match is None:
        return label
    return formatting.seat_name(match.group(1), match.group(2))


def _listed(items: list[str]) -> str:
    return translate("StaffWording", ", ", "between the items of a list").join(items)


def _counted(names: list[str]) -> str:
    """ "成人票 ×2, 学生票 ×1": each name once, with how many."""
    return _listed([f"{name} ×{count}" for name, count in Counter(names).items()])


def _ticket_words(value: Any) -> str:
    """Tickets as the journal has them: a count, type codes with counts, or the labels
    (each ticket's price and type name)."""
    if isinstance(value, Mapping) and isinstance(value.get("types"), list):
        labels = TicketLabels.from_summary({TICKET_LABELS: value})
        return _counted([name or "—" for _, name in labels.types])
    if isinstance(value, Mapping):
        return _listed([f"{code} ×{count}" for code, count in value.items()])
    return _plain(value)


def _plain(value: Any) -> str:
    """Any other value in words: never a JSON list or object, never an ISO moment."""
    if isinstance(value, bool):
        return translate("StaffWording", "yes") if value else translate("StaffWording", "no")
    if isinstance(value, Mapping):
        return _listed([f"{fact_name(str(k))} {_plain(v)}" for k, v in value.items()])
    if isinstance(value, list | tuple):
        return _listed([_plain(v) for v in value])
    if isinstance(value, str) and (moment := _moment(value)) is not None:
        return staff_time(moment)
    return str(value)


def fact_value(key: str, value: Any) -> str:
    if key in _MONEY and isinstance(value, int) and not isinstance(value, bool):
        return formatting.money(value)
    if key == "seats" and isinstance(value, list):
        return _listed([seat_words(str(s)) for s in value])
    if key in ("tickets", TICKET_LABELS):
        return _ticket_words(value)
    if key == "showtime" and isinstance(value, str) and (at := _moment(value)):
        return staff_time(at, seconds=False)
    if key == OUT_TRADE_NO and isinstance(value, str):
        return reference_text(value)
    if key == "hold_expires_at" and isinstance(value, str) and (at := _moment(value)):
        return translate("StaffWording", "expires %1").replace("%1", formatting.clock(at))
    if key == "stop" and isinstance(value, str):
        return stop_text(value)
    if key == "reason" and isinstance(value, str):
        return reason_text(value)
    if key in _WORDED_VALUES and isinstance(value, str):
        return _value_words().get(value, value)
    return _plain(value)


def fact_line(key: str, value: Any) -> str:
    # a purchase's tickets are type codes with counts; a collection's, a count
    name = fact_name(TICKET_LABELS if key == "tickets" and isinstance(value, Mapping) else key)
    return (
        translate("StaffWording", "%1: %2", "fact name: value")
        .replace("%1", name)
        .replace("%2", fact_value(key, value))
    )


# The order staff read a purchase in: what was bought, for how much, how it was paid.
_FACT_ORDER = (
    "showtime",
    "seats",
    TICKET_LABELS,
    "tickets",
    "total_fen",
    "amount_fen",
    "wallet",
    "booking_number",
    "printed",
    "hold_expires_at",
)


def fact_lines(summary: Mapping[str, Any], *, open_: bool = True) -> list[str]:
    """A transaction's summary as staff read it, one fact a line. Its ticket types
    (the labels) stand for the bare type codes and counts when the journal has both;
    the seat hold only while the transaction is open (after, it says nothing)."""
    labelled = isinstance(summary.get(TICKET_LABELS), Mapping) and bool(
        TicketLabels.from_summary(summary).types
    )
    skipped = {TICKET_LABELS} if not labelled else {"tickets"}
    if not open_:
        skipped.add("hold_expires_at")
    rank = {key: i for i, key in enumerate(_FACT_ORDER)}
    keys = sorted(summary, key=lambda k: rank.get(k, len(rank)))
    return [fact_line(key, summary[key]) for key in keys if key not in skipped]


def reference_name() -> str:
    """What the code staff look a patron's transaction up by is called, on the patron's
    failure screens and on the staff screen alike."""
    return translate("StaffWording", "Reference")


def reference_text(reference: str) -> str:
    """A reference as patrons and staff both see it: a long one in groups of four, so
    it can be read out and wraps between groups, never inside one."""
    if len(reference) <= 12:
        return reference
    return " ".join(reference[i : i + 4] for i in range(0, len(reference), 4))


# ---- the last daily reconciliation (kiosk.reconcile, from the audit log) ----


def mismatch_kind(kind: str) -> str:
    return {
        "not_in_journal": translate("StaffWording", "payment the kiosk never saw"),
        "paid_without_booking": translate("StaffWording", "paid, no tickets"),
        "refund_processing": translate("StaffWording", "refund on its way"),
        "amount_differs": translate("StaffWording", "amount differs"),
        "booking_refunded": translate("StaffWording", "money kept, booking refunded"),
        "refunded_with_booking": translate("StaffWording", "refunded, tickets issued"),
        "not_in_bill": translate("StaffWording", "missing from the bill"),
        "unverified": translate("StaffWording", "could not be checked"),
    }.get(kind, kind)


def reconcile_detail(entry: AuditEntry | None) -> str:
    """The day reconciled, its verdict, each kind of mismatch with how many, and when
    it ran: "Dec 1: 2 mismatches (paid, no tickets ×1, missing from the bill ×1) · ran
    today 03:10"."""
    if entry is None:
        return translate("StaffWording", "Not run yet on this kiosk (kiosk reconcile)")
    try:
        day = formatting.day_label(
            dt.date.fromisoformat(entry.target), formatting.today(), dated=True
        )
    except ValueError:
        day = entry.target
    details = entry.details
    found = details.get("kinds")
    kinds: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    count = int(details.get("mismatches") or 0)
    if count:
        verdict = (
            (
                translate("StaffWording", "1 mismatch: %2")
                if count == 1
                else translate("StaffWording", "%1 mismatches: %2")
            )
            .replace("%1", str(count))
            .replace("%2", _listed([f"{mismatch_kind(k)} ×{n}" for k, n in kinds.items()]))
        )
    else:
        verdict = translate("StaffWording", "everything matched")
    unread = [str(p) for p in details.get("unavailable") or ()]
    facts = [
        translate("StaffWording", "%1: %2", "fact name: value")
        .replace("%1", day)
        .replace("%2", verdict)
    ]
    if unread:
        facts.append(
            translate("StaffWording", "bill not read: %1").replace(
                "%1", _listed([_value_words().get(p, p) for p in unread])
            )
        )
    facts.append(translate("StaffWording", "ran %1").replace("%1", staff_time(entry.at)))
    return " · ".join(facts)


# ---- health details (kiosk.health, kiosk.printing.status.PrinterStatus.describe) ----

_CONNECT_OK = re.compile(r"^(\d+) cinemas, (\S+) present$")
_SARFT_OK = re.compile(r"^authenticated at (\S+)$")


def _printer_facts() -> dict[str, str]:
    return {
        "online": translate("StaffWording", "online"),
        "offline": translate("StaffWording", "offline"),
        "paper ok": translate("StaffWording", "paper OK"),
        "paper near end": translate("StaffWording", "paper near end"),
        "paper out": translate("StaffWording", "paper out"),
        "cover open": translate("StaffWording", "cover open"),
        "stopped": translate("StaffWording", "stopped"),
    }


_CINEMA_MISSING = re.compile(r"^cinema (\S+) is not among ")


def health_detail(service: str, detail: str, *, ok: bool = True) -> str:
    """A health check's one-line detail in staff words. A failure these words do not
    know (an exception's own text, in English) is said as "not answering": the check's
    exact words are in the log and in ``kiosk doctor``, which a support call asks for."""
    if service == "connect" and (match := _CONNECT_OK.match(detail)):
        return (
            translate("StaffWording", "Cinema %1 found (%2 cinemas on the system)")
            .replace("%1", match.group(2))
            .replace("%2", match.group(1))
        )
    if service == "connect" and (match := _CINEMA_MISSING.match(detail)):
        return translate(
            "StaffWording", "Cinema %1 is not on the cinema system (check cinema_id)"
        ).replace("%1", match.group(1))
    if service == "sarft" and _SARFT_OK.match(detail):
        return translate("StaffWording", "Signed in")
    if service == "payment" and detail == "answering":
        return translate("StaffWording", "Answering")
    if service == "printer":
        if detail == "not reported by this printer (assumed ready)":
            return translate("StaffWording", "Printer does not report status (assumed ready)")
        words = _printer_facts()
        facts = detail.split(", ")
        if detail and all(f in words for f in facts):
            return translate("StaffWording", ", ").join(words[f] for f in facts)
        if detail.startswith("unknown ("):
            return translate("StaffWording", "Printer status unknown (no reply)")
    if not ok:
        return translate("StaffWording", "Not answering (details: kiosk doctor, or the log)")
    return detail
