"""Journal and health words as staff say them, with the raw value kept for support.

The journal and the health checks speak in internal names ("awaiting_staff",
"tickets_owed", "online, paper ok"). Staff read plain words in the screen's
language; the raw value stays on screen in small type, because a support call
needs it. A value these tables do not know is shown raw, never hidden: a new
state must still reach staff, if in engineer's words.
"""

from __future__ import annotations

import json
import re
from typing import Any

from kiosk.qt import QCoreApplication

translate = QCoreApplication.translate


def kind_text(kind: str) -> str:
    return {
        "purchase": translate("StaffWording", "Ticket purchase"),
        "collect": translate("StaffWording", "Ticket collection"),
        "reprint": translate("StaffWording", "Staff reprint"),
    }.get(kind, kind)


def state_text(state: str) -> str:
    return {
        # purchase (kiosk.flows.purchase_ledger.PurchaseState)
        "CHOOSING": translate("StaffWording", "Choosing tickets"),
        "LOCKING": translate("StaffWording", "Holding seats"),
        "LOCKED": translate("StaffWording", "Seats held, not paid"),
        "AWAITING_PAYMENT": translate("StaffWording", "Waiting for payment"),
        "COMPLETING": translate("StaffWording", "Paid, confirming booking"),
        "VERIFYING": translate("StaffWording", "Checking whether booked"),
        "BOOKED": translate("StaffWording", "Booked, handing over tickets"),
        "CANCELLING": translate("StaffWording", "Cancelling"),
        "REFUNDING": translate("StaffWording", "Refunding"),
        "NEEDS_STAFF": translate("StaffWording", "Needs staff"),
        "COMPLETED": translate("StaffWording", "Completed"),
        "CANCELLED": translate("StaffWording", "Cancelled, nothing charged"),
        "REFUNDED": translate("StaffWording", "Refunded"),
        # collection and reprint (kiosk.flows.collect, reprint, collect_recovery)
        "started": translate("StaffWording", "Started"),
        "collected": translate("StaffWording", "All tickets printed"),
        "already_collected": translate("StaffWording", "Already collected"),
        "refused": translate("StaffWording", "Refused, nothing printed"),
        "abandoned": translate("StaffWording", "Abandoned, nothing printed"),
        "awaiting_staff": translate("StaffWording", "Waiting for staff"),
        "completed_by_staff": translate("StaffWording", "Finished by staff"),
        "reprinted": translate("StaffWording", "Reprinted"),
        "reprint_failed": translate("StaffWording", "Reprint failed"),
        "interrupted": translate("StaffWording", "Interrupted"),
    }.get(state, state)


def card_title(kind: str, state: str) -> str:
    """How a transaction is headed on the Attention and Recent lists."""
    return f"{kind_text(kind)} · {state_text(state)}"


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
            for words in (card_title("collect", "awaiting_staff"), print_outstanding())
        ]
    )


def fact_name(key: str) -> str:
    return {
        "booking_id": translate("StaffWording", "Booking ID"),
        "booking_number": translate("StaffWording", "Booking number"),
        "out_trade_no": translate("StaffWording", "Payment order"),
        "channel": translate("StaffWording", "Sold by"),
        "origin": translate("StaffWording", "Started from"),
        "stop": translate("StaffWording", "Stopped because"),
        "reason": translate("StaffWording", "Reason"),
        "staff_reason": translate("StaffWording", "Why staff are needed"),
        "total_fen": translate("StaffWording", "Total (fen)"),
        "amount_fen": translate("StaffWording", "Amount (fen)"),
        "tickets": translate("StaffWording", "Tickets"),
        "printed": translate("StaffWording", "Printed"),
        "purchase_txn": translate("StaffWording", "Purchase transaction"),
        "by": translate("StaffWording", "Finished by transaction"),
        "recovered": translate("StaffWording", "Settled by recovery"),
        # a pickup while Connect was down (kiosk.flows.collect): SARFT's 0x05 proved the code
        "connect_skipped": translate("StaffWording", "Code proven by SARFT alone (no Connect)"),
        "connect_error": translate("StaffWording", "Connect's failure"),
    }.get(key, key)


def _value_words() -> dict[str, str]:
    return {
        # collection stop reasons (kiosk.flows.collect)
        "tickets_owed": translate("StaffWording", "tickets still owed to the patron"),
        "sarft_unreachable": translate("StaffWording", "ticket collection service unreachable"),
        "printer_not_ready": translate("StaffWording", "printer not ready"),
        "bad_record": translate("StaffWording", "booking record incomplete"),
        # purchase reasons (kiosk.flows.purchase)
        "seats_unavailable": translate("StaffWording", "seats no longer free"),
        "cancel_failed": translate("StaffWording", "cancelling failed"),
        "booking_not_found": translate("StaffWording", "no booking found"),
        "booking_refunded": translate("StaffWording", "booking was refunded"),
        "start_external_payment_failed": translate("StaffWording", "payment not accepted"),
        # origin and channel
        "pickup_code": translate("StaffWording", "pickup code"),
        "purchase": translate("StaffWording", "purchase at this kiosk"),
        "online_agent": translate("StaffWording", "online agent"),
        "cinema": translate("StaffWording", "this cinema"),
    }


_WORDED_VALUES = {"stop", "reason", "origin", "channel"}


def fact_value(key: str, value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return translate("StaffWording", "yes") if value else translate("StaffWording", "no")
    if key in _WORDED_VALUES and isinstance(value, str):
        return _value_words().get(value, value)
    return str(value)


def fact_line(key: str, value: Any) -> str:
    return (
        translate("StaffWording", "%1: %2", "fact name: value")
        .replace("%1", fact_name(key))
        .replace("%2", fact_value(key, value))
    )


def raw_line(key: str, value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
    return f"{key}={shown}"


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


def health_detail(service: str, detail: str) -> str:
    """A health check's one-line detail in staff words, or the detail itself."""
    if service == "connect" and (match := _CONNECT_OK.match(detail)):
        return (
            translate("StaffWording", "Cinema %1 found (%2 cinemas on the system)")
            .replace("%1", match.group(2))
            .replace("%2", match.group(1))
        )
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
    return detail
