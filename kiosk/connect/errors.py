"""One error hierarchy for everything that can go wrong talking to VISTA Connect.

Callers catch :class:`ConnectError` for "Connect said no or could not be reached"
and the subclasses when the flow branches on the reason (seed §2.2 branches on
``Result=8``; recovery on 47). Messages never carry the token or a payload.
"""

from __future__ import annotations

from typing import ClassVar

from kiosk.errors import ConnectResult, ErrorCode, KioskError


class ConnectError(KioskError):
    """Base of every Connect failure; ``operation`` is the VISTA operation name, and
    ``error_code`` words the failure for staff (the flows word it for the patron).

    ``maybe_applied`` is True when the request may have reached Connect and taken
    effect although no usable answer came back (a lost or garbled reply): the outcome
    is unknown and only a read (GetOrder, QueryOrderBookingStatus) can tell. It is
    False when Connect certainly did nothing: the request was never sent, the
    connection was refused, or Connect answered with a result code.
    """

    error_code = ErrorCode.CONNECT_FAILED

    def __init__(self, message: str, *, operation: str = "", maybe_applied: bool = True) -> None:
        super().__init__(message)
        self.operation = operation
        self.maybe_applied = maybe_applied


class ConnectRequestInvalid(ConnectError, ValueError):
    """The kiosk refused to send the request: an id or argument Connect cannot take.

    Nothing left the kiosk. It is a ``ValueError`` too, since it is a bad argument,
    but callers catch it as the ``ConnectError`` it also is, so a malformed id from
    a catalogue answer is "Connect cannot do this", not an unexpected crash."""

    error_code = ErrorCode.CONNECT_REQUEST_INVALID

    def __init__(self, message: str, *, operation: str = "") -> None:
        super().__init__(message, operation=operation, maybe_applied=False)


class ConnectTimeout(ConnectError):
    """No complete answer within the timeout: the request may or may not have taken effect."""

    error_code = ErrorCode.CONNECT_TIMEOUT


class ConnectUnavailable(ConnectError):
    """Connection refused, reset or closed before an answer arrived."""

    error_code = ErrorCode.CONNECT_UNREACHABLE


class ConnectProtocolError(ConnectError):
    """An answer arrived but is not a Connect answer: HTTP error status, bad JSON, wrong
    shape, or a body that cannot be decoded. Connect may have acted on the request."""

    error_code = ErrorCode.CONNECT_PROTOCOL

    def __init__(
        self,
        message: str,
        *,
        operation: str = "",
        status: int | None = None,
        maybe_applied: bool = True,
    ) -> None:
        super().__init__(message, operation=operation, maybe_applied=maybe_applied)
        self.status = status


class ConnectAuthError(ConnectProtocolError):
    """HTTP 401/403: the token was refused (a configuration problem, not a patron's)."""

    error_code = ErrorCode.CONNECT_AUTH


class ConnectResultError(ConnectError):
    """Connect answered with a non-zero result code from seed §3.13; ``result_code``
    names it in the words (one code for all: the flows branch on the subclasses)."""

    error_code = ErrorCode.CONNECT_REFUSED
    refused = True
    result_code: int

    code: ClassVar[int | None] = None
    _by_code: ClassVar[dict[int, type[ConnectResultError]]] = {}

    def __init__(
        self,
        result_code: int,
        name: str,
        description: str = "",
        *,
        operation: str = "",
        extended: int | None = None,
    ) -> None:
        text = f"{operation}: {name} ({result_code})"
        if description:
            text += f": {description}"
        # a result code is Connect's considered answer: it did not do what was asked
        super().__init__(text, operation=operation, maybe_applied=False)
        self.result_code = result_code
        self.name = name
        self.description = description
        self.extended = extended

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.code is not None:
            ConnectResultError._by_code[cls.code] = cls

    @classmethod
    def for_code(
        cls,
        result_code: int,
        name: str,
        description: str = "",
        *,
        operation: str = "",
        extended: int | None = None,
    ) -> ConnectResultError:
        """The most specific subclass for the code (the base class for codes nobody branches on)."""
        error_class = cls._by_code.get(result_code, ConnectResultError)
        return error_class(result_code, name, description, operation=operation, extended=extended)


class UnexpectedError(ConnectResultError):
    code = 1


class InvalidRequestData(ConnectResultError):
    """Also the answer to a wrong ticket price (seed §3.5)."""

    code = ConnectResult.INVALID_REQUEST_DATA


class CinemaConnectError(ConnectResultError):
    """Connect is up but cannot reach the cinema's own VISTA: no verdict on anything."""

    code = 5
    error_code = ErrorCode.CONNECT_CINEMA_UNREACHABLE


class SeatsUnavailable(ConnectResultError):
    """Seats taken or held, or sales closed: check the cutoff and reload the seat plan."""

    code = ConnectResult.SEATS_UNAVAILABLE


class PaymentTotalMismatch(ConnectResultError):
    code = 27


class RefundBookingFailed(ConnectResultError):
    code = 39


class BookingDoesNotExist(ConnectResultError):
    code = 47
    error_code = ErrorCode.CONNECT_BOOKING_NOT_FOUND


class BookingAlreadyCancelled(ConnectResultError):
    code = 49


class SessionUnavailable(ConnectResultError):
    code = ConnectResult.SESSION_UNAVAILABLE


class TicketsNotOnSale(ConnectResultError):
    code = ConnectResult.TICKETS_NOT_ON_SALE


class PaymentsProcessed(ConnectResultError):
    """The order is already paid (completed): it can no longer be changed or cancelled."""

    code = 56


class OrderCannotBeUniquelyIdentified(ConnectResultError):
    code = 61


class OrderDoesNotExist(ConnectResultError):
    code = 62


class OrderHasBeenRefunded(ConnectResultError):
    code = ConnectResult.ORDER_HAS_BEEN_REFUNDED


class SoldOut(ConnectResultError):
    """Seat plan of a session the cinema marked sold out or booked privately (包场)."""

    code = ConnectResult.SOLD_OUT
