"""What each error code says, through Qt Linguist: the one place the screens word a
:class:`~kiosk.errors.KioskError`.

Every message is filed under the context ``Errors`` with its code as the
disambiguation, so ``kiosk.words`` finds the same sentence in the compiled catalogue for
the terminal commands. The English here is the source text; the Chinese is in
``resources/i18n/kiosk_zh_CN.ts`` (``scripts/update_translations.sh`` compiles both).
"""

from __future__ import annotations

from kiosk.errors import ErrorCode, KioskError
from kiosk.qt import QCoreApplication

translate = QCoreApplication.translate


def error_text(error: KioskError) -> str:
    """``error``'s words in the language now installed, its facts in place of %1, %2..."""
    text = code_text(error.error_code)
    # highest first, so %1 never eats the start of a %10
    for number, fact in reversed(list(enumerate(error.facts(), start=1))):
        text = text.replace(f"%{number}", fact)
    return text


def code_text(code: ErrorCode) -> str:
    """A code's words with its placeholders, in the language now installed."""
    return {
        ErrorCode.CONNECT_FAILED: translate(
            "Errors", "The ticketing system (VISTA Connect) reported a problem", "connect.failed"
        ),
        ErrorCode.CONNECT_REQUEST_INVALID: translate(
            "Errors",
            "The kiosk could not send this request to the ticketing system",
            "connect.request_invalid",
        ),
        ErrorCode.CONNECT_TIMEOUT: translate(
            "Errors", "The ticketing system did not answer in time", "connect.timeout"
        ),
        ErrorCode.CONNECT_UNREACHABLE: translate(
            "Errors", "The ticketing system cannot be reached", "connect.unreachable"
        ),
        ErrorCode.CONNECT_PROTOCOL: translate(
            "Errors",
            "The ticketing system sent an answer the kiosk cannot read",
            "connect.protocol",
        ),
        ErrorCode.CONNECT_AUTH: translate(
            "Errors",
            "The ticketing system refused the kiosk's token; check the settings",
            "connect.auth",
        ),
        ErrorCode.CONNECT_REFUSED: translate(
            "Errors", "The ticketing system refused the request (result code %1)", "connect.refused"
        ),
        ErrorCode.CONNECT_CINEMA_UNREACHABLE: translate(
            "Errors",
            "The ticketing system cannot reach the cinema's own system",
            "connect.cinema_unreachable",
        ),
        ErrorCode.CONNECT_BOOKING_NOT_FOUND: translate(
            "Errors", "The ticketing system has no such booking", "connect.booking_not_found"
        ),
        ErrorCode.PAYMENT_FAILED: translate(
            "Errors", "The payment service reported a problem", "payment.failed"
        ),
        ErrorCode.PAYMENT_TIMEOUT: translate(
            "Errors", "The payment service did not answer in time", "payment.timeout"
        ),
        ErrorCode.PAYMENT_UNREACHABLE: translate(
            "Errors", "The payment service cannot be reached", "payment.unreachable"
        ),
        ErrorCode.PAYMENT_PROTOCOL: translate(
            "Errors", "The payment service sent an answer the kiosk cannot read", "payment.protocol"
        ),
        ErrorCode.PAYMENT_REJECTED: translate(
            "Errors", "The payment service refused the request (%1)", "payment.rejected"
        ),
        ErrorCode.SARFT_FAILED: translate(
            "Errors",
            "Ticket collection has a problem; please ask at the counter",
            "sarft.failed",
        ),
        ErrorCode.SARFT_VALUE: translate(
            "Errors",
            "This booking cannot be collected here; please ask at the counter",
            "sarft.value",
        ),
        ErrorCode.SARFT_UNREACHABLE: translate(
            "Errors",
            "The cinema system cannot be reached right now; please try again",
            "sarft.unreachable",
        ),
        ErrorCode.SARFT_TIMEOUT: translate(
            "Errors",
            "The cinema system did not answer; please try again",
            "sarft.timeout",
        ),
        ErrorCode.SARFT_CONNECTION_LOST: translate(
            "Errors",
            "The connection to the cinema system was lost; please try again",
            "sarft.connection_lost",
        ),
        ErrorCode.SARFT_PROTOCOL: translate(
            "Errors",
            "The cinema system sent an answer we cannot read; please ask at the counter",
            "sarft.protocol",
        ),
        ErrorCode.SARFT_OUTCOME_UNKNOWN: translate(
            "Errors",
            "Checking the state of your tickets, please wait",
            "sarft.outcome_unknown",
        ),
        ErrorCode.SARFT_REFUSED: translate(
            "Errors",
            "The cinema system could not issue these tickets; please ask"
            " at the service desk (reference code %1)",
            "sarft.refused",
        ),
        ErrorCode.SARFT_ALREADY_PRINTED: translate(
            "Errors",
            "These tickets have already been collected",
            "sarft.already_printed",
        ),
        ErrorCode.SARFT_UNKNOWN_ERROR: translate(
            "Errors",
            "The cinema system reported an error; please ask at the counter",
            "sarft.unknown_error",
        ),
        ErrorCode.SARFT_NOT_FOUND: translate(
            "Errors",
            "No booking was found; please check and try again",
            "sarft.not_found",
        ),
        ErrorCode.SARFT_VERIFY_CODE_MISMATCH: translate(
            "Errors",
            "The collection code is not correct",
            "sarft.verify_code_mismatch",
        ),
        ErrorCode.SARFT_REFUNDED: translate(
            "Errors",
            "This booking has been refunded or cancelled",
            "sarft.refunded",
        ),
        ErrorCode.SARFT_NOT_AUTHENTICATED: translate(
            "Errors",
            "Ticket collection is unavailable right now; please ask at the counter",
            "sarft.not_authenticated",
        ),
        ErrorCode.SARFT_BAD_CREDENTIALS: translate(
            "Errors",
            "Ticket collection is unavailable right now; please ask at the counter",
            "sarft.bad_credentials",
        ),
        ErrorCode.SARFT_SHOW_ENDED: translate(
            "Errors",
            "This show has ended; its tickets can no longer be collected",
            "sarft.show_ended",
        ),
        ErrorCode.SARFT_NOT_APPLIED: translate(
            "Errors",
            "Printing was not started properly; please ask at the counter",
            "sarft.not_applied",
        ),
        ErrorCode.COLLECT_FAILED: translate(
            "Errors",
            "The tickets cannot be collected here; please ask at the counter",
            "collect.failed",
        ),
        ErrorCode.COLLECT_MALFORMED_CODE: translate(
            "Errors",
            "A pickup code is %1 to %2 letters or digits; please check it",
            "collect.malformed_code",
        ),
        ErrorCode.COLLECT_MALFORMED_NUMBER: translate(
            "Errors",
            "A booking number is 1 to %1 digits; please check it",
            "collect.malformed_number",
        ),
        ErrorCode.COLLECT_KEYPAD_LOCKED: translate(
            "Errors",
            "Too many wrong codes; try again in %1 s or ask staff",
            "collect.keypad_locked",
        ),
        ErrorCode.COLLECT_KEYPAD_PAUSED: translate(
            "Errors",
            "Collecting by code is paused on this kiosk; please ask at"
            " the counter, or try again in %1 min",
            "collect.keypad_paused",
        ),
        ErrorCode.COLLECT_KEYPAD_WAIT: translate(
            "Errors",
            "Please wait %1 s before trying again",
            "collect.keypad_wait",
        ),
        ErrorCode.COLLECT_WRONG_CODE: translate(
            "Errors",
            "The pickup code or booking number is not correct; please check it",
            "collect.wrong_code",
        ),
        ErrorCode.COLLECT_ALREADY_COLLECTED: translate(
            "Errors",
            "The tickets of this booking have already been collected",
            "collect.already_collected",
        ),
        ErrorCode.COLLECT_REFUNDED: translate(
            "Errors",
            "This booking was refunded or cancelled; there are no tickets to collect",
            "collect.refunded",
        ),
        ErrorCode.COLLECT_SHOW_ENDED: translate(
            "Errors",
            "This show has ended; its tickets can no longer be collected",
            "collect.show_ended",
        ),
        ErrorCode.COLLECT_BOOKING_NOT_FOUND: translate(
            "Errors",
            "The cinema system has no such booking; please ask at the counter",
            "collect.booking_not_found",
        ),
        ErrorCode.COLLECT_UNAVAILABLE: translate(
            "Errors",
            "The cinema system cannot be reached right now; try again or ask staff",
            "collect.unavailable",
        ),
        ErrorCode.COLLECT_NUMBER_NEEDED: translate(
            "Errors",
            "The code cannot be checked online right now; please also"
            " enter the booking number from your ticket message",
            "collect.number_needed",
        ),
        ErrorCode.COLLECT_NEEDS_STAFF: translate(
            "Errors",
            "Some tickets of this booking were already printed here; please ask staff",
            "collect.needs_staff",
        ),
        ErrorCode.COLLECT_PRINTER_NOT_READY: translate(
            "Errors",
            "The printer is not ready; staff have been told. Try later or ask at the counter",
            "collect.printer_not_ready",
        ),
        ErrorCode.COLLECT_CANNOT_PRINT: translate(
            "Errors",
            "This booking's ticket details are incomplete; please ask at the counter",
            "collect.cannot_print",
        ),
        ErrorCode.COLLECT_PARTIAL_PRINT: translate(
            "Errors",
            "%1 of %2 tickets printed; please ask staff for the rest",
            "collect.partial_print",
        ),
        ErrorCode.REPRINT_NOTHING_OUTSTANDING: translate(
            "Errors",
            "This booking has no tickets waiting to be printed",
            "reprint.nothing_outstanding",
        ),
        ErrorCode.REPRINT_NOT_PRINTED_HERE: translate(
            "Errors",
            "This ticket was never printed on this kiosk, so it cannot be reprinted",
            "reprint.not_printed_here",
        ),
        ErrorCode.REPRINT_FAILED: translate(
            "Errors",
            "The reprint did not come out; check the printer",
            "reprint.failed",
        ),
        ErrorCode.PURCHASE_FAILED: translate(
            "Errors", "The purchase failed. Please try again.", "purchase.failed"
        ),
        ErrorCode.PURCHASE_INVALID_SELECTION: translate(
            "Errors",
            "Those seats or tickets cannot be chosen together. Please choose again.",
            "purchase.invalid_selection",
        ),
        ErrorCode.PURCHASE_SEATS_TAKEN: translate(
            "Errors",
            "Those seats have just been taken. Please choose other seats.",
            "purchase.seats_taken",
        ),
        ErrorCode.PURCHASE_SALES_CLOSED: translate(
            "Errors", "Tickets for this show are no longer on sale.", "purchase.sales_closed"
        ),
        ErrorCode.PURCHASE_PRICE_CHANGED: translate(
            "Errors",
            "Ticket prices have changed. Please choose your tickets again.",
            "purchase.price_changed",
        ),
        ErrorCode.PURCHASE_UNAVAILABLE: translate(
            "Errors",
            "The ticketing system cannot be reached. Please try later. You were not charged.",
            "purchase.unavailable",
        ),
        ErrorCode.PURCHASE_PAYMENT_DECLINED: translate(
            "Errors",
            "The payment could not be started and the seats were released. No charge.",
            "purchase.payment_declined",
        ),
        ErrorCode.PURCHASE_PRINTER_UNAVAILABLE: translate(
            "Errors",
            "The ticket printer cannot print right now. Nothing was"
            " charged; the seats were released.",
            "purchase.printer_unavailable",
        ),
        ErrorCode.PURCHASE_PAYMENT_TIMED_OUT: translate(
            "Errors",
            "Time for payment ran out and the seats were released. Any charge is refunded.",
            "purchase.payment_timed_out",
        ),
        ErrorCode.PURCHASE_PAYMENT_CLOSED: translate(
            "Errors",
            "The payment was closed and the seats were released.",
            "purchase.payment_closed",
        ),
        ErrorCode.PURCHASE_PAYMENT_CODE_INVALID: translate(
            "Errors",
            "That is not a WeChat Pay or Alipay payment code. Please show the code in the app.",
            "purchase.payment_code_invalid",
        ),
        ErrorCode.PURCHASE_PAYMENT_CODE_NOT_ACCEPTED: translate(
            "Errors",
            "This kiosk does not take that payment code. Please scan the QR code on screen.",
            "purchase.payment_code_not_accepted",
        ),
        ErrorCode.PURCHASE_PAYMENT_CODE_BUSY: translate(
            "Errors",
            "A payment code is already being charged. Please confirm on your phone.",
            "purchase.payment_code_busy",
        ),
        ErrorCode.PURCHASE_PAYMENT_CODE_DECLINED: translate(
            "Errors",
            "The payment code was not charged. Please show a new code or scan the QR code.",
            "purchase.payment_code_declined",
        ),
        ErrorCode.PURCHASE_CANCELLED: translate(
            "Errors", "The purchase was cancelled. Any charge is refunded.", "purchase.cancelled"
        ),
        ErrorCode.PURCHASE_TOO_LATE_TO_CANCEL: translate(
            "Errors",
            "Your tickets are being issued; this can no longer be cancelled.",
            "purchase.too_late_to_cancel",
        ),
        ErrorCode.PURCHASE_TICKETS_NOT_ISSUED: translate(
            "Errors",
            "The tickets could not be issued. Your payment has been refunded.",
            "purchase.tickets_not_issued",
        ),
        ErrorCode.PURCHASE_NEEDS_STAFF: translate(
            "Errors",
            "This purchase needs staff. Please show the transaction number to staff.",
            "purchase.needs_staff",
        ),
        ErrorCode.PURCHASE_REFUND_PENDING: translate(
            "Errors",
            "The tickets could not be issued. Your refund is being"
            " processed; please keep the transaction number and ask staff if needed.",
            "purchase.refund_pending",
        ),
    }[code]
