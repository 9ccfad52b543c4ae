"""VISTA result codes (seed §3.13) and the one place that turns an answer body into an outcome.

Connect V1 answers HTTP 200 for success and failure alike; the outcome sits in
the body under a name that varies by endpoint (``Result``, ``ResultCode``,
``ResponseCode``) with ``ErrorDescription`` / ``ResponseDescription`` and
``ExtendedResultCode`` beside it. :func:`check_result` reads all of them so no
caller ever looks at those fields itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kiosk.connect.errors import ConnectProtocolError, ConnectResultError

RESULT_NAMES: dict[int, str] = {
    0: "OK",
    1: "UnexpectedError",
    2: "DBError",
    3: "MembershipError",
    4: "InvalidRequestData",
    5: "CinemaConnectError",
    6: "LoyaltyConnectError",
    7: "InsufficientPoints",
    8: "SeatsUnavailable",
    9: "FailedSeatDataRetrieve",
    10: "FailedOrderValueProcess",
    11: "PrepareOrderForCompleteError",
    12: "PaymentDeclined",
    13: "PaymentSystemError",
    14: "PostChargeCommitError",
    15: "UnpaidBookingsDisallowed",
    16: "VouchersDisallowed",
    17: "MemberNotFound",
    18: "MemberPasswordIncorrect",
    19: "LoyaltyTimeout",
    20: "LoyaltyUserNameAlreadyExists",
    21: "LoyaltyNotSupportedAtCinema",
    22: "MemberEmailIncorrect",
    23: "MemberLoginResetDisallowed",
    24: "PaymentSuccessWithErrors",
    25: "PaymentVoidSuccessPostCommit",
    26: "PaymentVoidSuccessPreCommit",
    27: "PaymentVoidSuccessPaymentTotalMismatch",
    28: "FailedToAllocateCard",
    29: "VoucherPinRequired",
    30: "VoucherNotValid",
    31: "CouldNotAllocateContiguousSeats",
    32: "VoucherPinIncorrect",
    33: "DuplicateVoucher",
    34: "NoLoyaltyMember",
    35: "InvalidTicketRecognitionPair",
    36: "OrderInitFailed",
    37: "CardWalletAccessTokenInvalid",
    38: "InsecureCardWalletAccess",
    39: "RefundBookingFailed",
    40: "IncorrectBookingMode",
    41: "AddressNotFound",
    42: "InvalidAddressModuleConfiguration",
    43: "OfflinePaymentsDisabled",
    44: "BookingRefundsDisabled",
    45: "ExternalPaymentsDisabled",
    46: "EmailChangeAlreadyVerified",
    47: "BookingDoesNotExist",
    48: "BookingIsNotUnpaid",
    49: "BookingAlreadyCancelled",
    50: "SessionUnavailable",
    51: "TicketsNotOnSale",
    52: "LoyaltyMembersBannedFromMakingUnpaidBookings",
    53: "UnableToRetrieveBookingPrintStream",
    54: "IncompatibleOrderPurchaseType",
    55: "ActiveTabUsingIdentifierAlreadyExists",
    56: "PaymentsProcessed",
    57: "PaymentErrorPreCommit",
    58: "LoyaltyPaymentDetailsDontMatchLoggedInMember",
    59: "ThirdPartyMemberTicketNotApproved",
    60: "NumberOfVoucherRedemptionsExceeded",
    61: "OrderCannotBeUniquelyIdentified",
    62: "OrderDoesNotExist",
    63: "OrderHasBeenRefunded",
    67: "SeatMapRequestedForSoldOutSession",
}

OK = 0
INVALID_REQUEST_DATA = 4
SEATS_UNAVAILABLE = 8
PAYMENT_TOTAL_MISMATCH = 27
REFUND_BOOKING_FAILED = 39
BOOKING_DOES_NOT_EXIST = 47
PAYMENTS_PROCESSED = 56
ORDER_NOT_UNIQUE = 61
ORDER_DOES_NOT_EXIST = 62
ORDER_HAS_BEEN_REFUNDED = 63
SOLD_OUT = 67

# Where each endpoint family puts its code and its text, in the order they are looked for.
_CODE_FIELDS = ("Result", "ResultCode", "ResponseCode")
_TEXT_FIELDS = ("ErrorDescription", "ResponseDescription")


def result_name(code: int) -> str:
    return RESULT_NAMES.get(code, f"Unknown{code}")


def _as_code(value: Any, field: str, operation: str) -> int:
    if isinstance(value, bool):
        raise ConnectProtocolError(f"{operation}: {field} is a boolean", operation=operation)
    if isinstance(value, int):
        return value
    # ASCII digits only: str.isdigit() also says yes to "²" or "١", which int() refuses
    # or reads as another number than the one Connect meant
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
        return int(value.strip())
    raise ConnectProtocolError(f"{operation}: {field} is not a number", operation=operation)


def check_result(body: Any, operation: str) -> Mapping[str, Any]:
    """Return the body when it reports success; raise the typed error for its code otherwise.

    A body that is not an object, or has none of the code fields, is a protocol
    error: Connect always sends one, so its absence means something between us
    and Connect answered instead (a proxy page, a truncated reply)."""
    if not isinstance(body, Mapping):
        raise ConnectProtocolError(f"{operation}: answer is not a JSON object", operation=operation)
    field = next((name for name in _CODE_FIELDS if name in body), None)
    if field is None:
        raise ConnectProtocolError(f"{operation}: answer has no result code", operation=operation)
    code = _as_code(body[field], field, operation)
    if code == OK:
        return body
    text = next((body[name] for name in _TEXT_FIELDS if isinstance(body.get(name), str)), "")
    extended = body.get("ExtendedResultCode")
    raise ConnectResultError.for_code(
        code,
        result_name(code),
        text,
        operation=operation,
        extended=extended if isinstance(extended, int) and not isinstance(extended, bool) else None,
    )
