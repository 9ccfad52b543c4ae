"""The root of every error a patron or a member of staff is told about, each with a stable code.

Flows and adapters raise a :class:`KioskError` carrying an :class:`ErrorCode` and the
facts the words need (a count, a wait) as fields; they never word it. The words live in
the Qt Linguist catalogues, one message per code (context :data:`CONTEXT`, the code as
its disambiguation): the screens read them through ``QCoreApplication.translate``
(:mod:`kiosk.ui.error_words`), the commands that run without Qt from the same compiled
catalogue (:mod:`kiosk.words`). A third language is one more catalogue, no Python.

``str(error)`` stays the detail for the log, never shown to a patron.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

# The catalogue context every code's words are filed under.
CONTEXT = "Errors"


class Family(StrEnum):
    """Who a case belongs to: the part of its code before the dot."""

    # the services the adapters talk to
    CONNECT = "connect"
    PAYMENT = "payment"
    SARFT = "sarft"
    # the flows' own cases
    COLLECT = "collect"
    REPRINT = "reprint"
    PURCHASE = "purchase"


class ErrorCode(StrEnum):
    """One per case a patron or staff member reads; the values are stable (catalogues and
    logs key on them), so rename a member freely but never its value."""

    # VISTA Connect and the payment providers, in staff's terms
    CONNECT_FAILED = "connect.failed"
    CONNECT_REQUEST_INVALID = "connect.request_invalid"
    CONNECT_TIMEOUT = "connect.timeout"
    CONNECT_UNREACHABLE = "connect.unreachable"
    CONNECT_PROTOCOL = "connect.protocol"
    CONNECT_AUTH = "connect.auth"
    CONNECT_REFUSED = "connect.refused"
    CONNECT_CINEMA_UNREACHABLE = "connect.cinema_unreachable"
    CONNECT_BOOKING_NOT_FOUND = "connect.booking_not_found"
    PAYMENT_FAILED = "payment.failed"
    PAYMENT_TIMEOUT = "payment.timeout"
    PAYMENT_UNREACHABLE = "payment.unreachable"
    PAYMENT_PROTOCOL = "payment.protocol"
    PAYMENT_REJECTED = "payment.rejected"

    # SARFT: the cinema's ticket service
    SARFT_FAILED = "sarft.failed"
    SARFT_VALUE = "sarft.value"
    SARFT_UNREACHABLE = "sarft.unreachable"
    SARFT_TIMEOUT = "sarft.timeout"
    SARFT_CONNECTION_LOST = "sarft.connection_lost"
    SARFT_PROTOCOL = "sarft.protocol"
    SARFT_OUTCOME_UNKNOWN = "sarft.outcome_unknown"
    SARFT_REFUSED = "sarft.refused"
    SARFT_ALREADY_PRINTED = "sarft.already_printed"
    SARFT_UNKNOWN_ERROR = "sarft.unknown_error"
    SARFT_NOT_FOUND = "sarft.not_found"
    SARFT_VERIFY_CODE_MISMATCH = "sarft.verify_code_mismatch"
    SARFT_REFUNDED = "sarft.refunded"
    SARFT_NOT_AUTHENTICATED = "sarft.not_authenticated"
    SARFT_BAD_CREDENTIALS = "sarft.bad_credentials"
    SARFT_SHOW_ENDED = "sarft.show_ended"
    SARFT_NOT_APPLIED = "sarft.not_applied"

    # collecting by pickup code (and the tickets of a purchase)
    COLLECT_FAILED = "collect.failed"
    COLLECT_MALFORMED_CODE = "collect.malformed_code"
    COLLECT_MALFORMED_NUMBER = "collect.malformed_number"
    COLLECT_KEYPAD_LOCKED = "collect.keypad_locked"
    COLLECT_KEYPAD_PAUSED = "collect.keypad_paused"
    COLLECT_KEYPAD_WAIT = "collect.keypad_wait"
    COLLECT_WRONG_CODE = "collect.wrong_code"
    COLLECT_ALREADY_COLLECTED = "collect.already_collected"
    COLLECT_REFUNDED = "collect.refunded"
    COLLECT_SHOW_ENDED = "collect.show_ended"
    COLLECT_BOOKING_NOT_FOUND = "collect.booking_not_found"
    COLLECT_UNAVAILABLE = "collect.unavailable"
    COLLECT_NUMBER_NEEDED = "collect.number_needed"
    COLLECT_NEEDS_STAFF = "collect.needs_staff"
    COLLECT_PRINTER_NOT_READY = "collect.printer_not_ready"
    COLLECT_CANNOT_PRINT = "collect.cannot_print"
    COLLECT_PARTIAL_PRINT = "collect.partial_print"

    # a staff reprint
    REPRINT_NOTHING_OUTSTANDING = "reprint.nothing_outstanding"
    REPRINT_NOT_PRINTED_HERE = "reprint.not_printed_here"
    REPRINT_FAILED = "reprint.failed"

    # buying tickets
    PURCHASE_FAILED = "purchase.failed"
    PURCHASE_INVALID_SELECTION = "purchase.invalid_selection"
    PURCHASE_SEATS_TAKEN = "purchase.seats_taken"
    PURCHASE_SALES_CLOSED = "purchase.sales_closed"
    PURCHASE_PRICE_CHANGED = "purchase.price_changed"
    PURCHASE_UNAVAILABLE = "purchase.unavailable"
    PURCHASE_PAYMENT_DECLINED = "purchase.payment_declined"
    PURCHASE_PRINTER_UNAVAILABLE = "purchase.printer_unavailable"
    PURCHASE_PAYMENT_TIMED_OUT = "purchase.payment_timed_out"
    PURCHASE_PAYMENT_CLOSED = "purchase.payment_closed"
    PURCHASE_PAYMENT_CODE_INVALID = "purchase.payment_code_invalid"
    PURCHASE_PAYMENT_CODE_NOT_ACCEPTED = "purchase.payment_code_not_accepted"
    PURCHASE_PAYMENT_CODE_BUSY = "purchase.payment_code_busy"
    PURCHASE_PAYMENT_CODE_DECLINED = "purchase.payment_code_declined"
    PURCHASE_CANCELLED = "purchase.cancelled"
    PURCHASE_TOO_LATE_TO_CANCEL = "purchase.too_late_to_cancel"
    PURCHASE_TICKETS_NOT_ISSUED = "purchase.tickets_not_issued"
    PURCHASE_NEEDS_STAFF = "purchase.needs_staff"
    PURCHASE_REFUND_PENDING = "purchase.refund_pending"

    @property
    def family(self) -> Family:
        """Who the case belongs to (the value's part before the dot)."""
        return Family(self.value.partition(".")[0])


class ConnectResult(IntEnum):
    """The Connect result codes (seed §3.13) a flow branches on, as an error's
    :attr:`KioskError.result_code`."""

    INVALID_REQUEST_DATA = 4  # also the answer to a wrong ticket price (seed §3.5)
    SEATS_UNAVAILABLE = 8
    SESSION_UNAVAILABLE = 50
    TICKETS_NOT_ON_SALE = 51
    ORDER_HAS_BEEN_REFUNDED = 63
    SOLD_OUT = 67


# Connect gave no considered answer: it could not be reached, did not answer in time or
# in a form the kiosk reads (every Connect code but its refusal, CONNECT_REFUSED); what
# the kiosk knew before may still stand
CONNECT_UNANSWERED = frozenset(
    {
        ErrorCode.CONNECT_FAILED,
        ErrorCode.CONNECT_REQUEST_INVALID,
        ErrorCode.CONNECT_TIMEOUT,
        ErrorCode.CONNECT_UNREACHABLE,
        ErrorCode.CONNECT_PROTOCOL,
        ErrorCode.CONNECT_AUTH,
    }
)

# The fields of an error whose values fill a code's %1, %2... in that order; a code not
# named here has no placeholder.
FACTS: dict[ErrorCode, tuple[str, ...]] = {
    ErrorCode.CONNECT_REFUSED: ("result_code",),
    ErrorCode.PAYMENT_REJECTED: ("reason",),
    ErrorCode.SARFT_REFUSED: ("code",),
    ErrorCode.COLLECT_MALFORMED_CODE: ("least", "most"),
    ErrorCode.COLLECT_MALFORMED_NUMBER: ("most",),
    ErrorCode.COLLECT_KEYPAD_LOCKED: ("seconds",),
    ErrorCode.COLLECT_KEYPAD_PAUSED: ("minutes",),
    ErrorCode.COLLECT_KEYPAD_WAIT: ("seconds",),
    ErrorCode.COLLECT_PARTIAL_PRINT: ("printed", "total"),
}


class KioskError(Exception):
    """Base of every error with words for a patron or staff: ``error_code`` names the case,
    :meth:`facts` the values its words show.

    What a flow decides by, so that it never needs an adapter's own classes: the code
    and its :attr:`family`, and the flags below, which the adapters set."""

    # each subclass names its case; an instance may name another in its __init__
    error_code: ErrorCode
    # the request may have reached the service and taken effect although no usable
    # answer came back: only a read can tell (Connect, the payment providers)
    maybe_applied: bool = False
    # the service answered, definitely, and did not do what was asked (a Connect result
    # code, a provider's rejection, a SARFT return code)
    refused: bool = False
    # the service has no record of what was named (a payment order never created)
    not_found: bool = False
    # the service's own word for a refusal, when it gives one (a payment provider's
    # ``AMOUNT_MISMATCH``); empty otherwise
    reason: str = ""
    # the service's own number for a refusal (a Connect :class:`ConnectResult`)
    result_code: int | None = None

    @property
    def family(self) -> Family:
        """The :attr:`ErrorCode.family` of the case: which service or flow it is of."""
        return self.error_code.family

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.error_code.value)

    def facts(self) -> tuple[str, ...]:
        """The values for the words' %1, %2..., as :data:`FACTS` names them."""
        return tuple(str(getattr(self, name)) for name in FACTS.get(self.error_code, ()))
