"""What can go wrong talking to the SARFT kiosk service, in terms a flow can act on.

Two families matter to the flows:

* :class:`SarftReturnCodeError` - the server answered, definitely, with a
  non-zero return code. The patron is told why (its :class:`~kiosk.errors.ErrorCode`).
* :class:`SarftCommunicationError` - the conversation broke (timeout, dropped
  connection, a reply that does not decode). Nothing definite is known. After
  0x05 or 0x07 this is raised as :class:`SarftOutcomeUnknown`, because the
  server may have changed the booking: the flow must reconnect and re-query.

Exception text (``str(exc)``) is for the log and never carries the password or a
verify code; the patron reads the words of ``error_code`` (:mod:`kiosk.errors`).
"""

from __future__ import annotations

from kiosk.errors import ErrorCode, KioskError


class SarftError(KioskError):
    """Base of every SARFT error; the patron is shown the words of its ``error_code``."""

    error_code = ErrorCode.SARFT_FAILED

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class SarftValueError(SarftError, ValueError):
    """A value cannot be sent: a code too long for its field, a booking number out of range.

    Raised before anything goes on the wire, so no request was made."""

    error_code = ErrorCode.SARFT_VALUE


class SarftCommunicationError(SarftError):
    """The exchange broke before a definite answer arrived; the connection is closed."""

    error_code = ErrorCode.SARFT_UNREACHABLE


class SarftTimeout(SarftCommunicationError):
    """No connection or no reply within the configured time."""

    error_code = ErrorCode.SARFT_TIMEOUT


class SarftConnectionLost(SarftCommunicationError):
    """The connection could not be opened, or closed before the reply was complete."""

    error_code = ErrorCode.SARFT_CONNECTION_LOST


class SarftProtocolError(SarftCommunicationError):
    """Bytes that do not follow the protocol: bad length, unknown type, wrong body size."""

    error_code = ErrorCode.SARFT_PROTOCOL


class SarftOutcomeUnknown(SarftCommunicationError):
    """0x05 or 0x07 was sent but its reply never arrived intact: the booking may have
    changed. Not a failure - reconnect, re-query and decide from ``print_flag``.

    ``cause`` is the timeout, drop or protocol error that hid the outcome."""

    error_code = ErrorCode.SARFT_OUTCOME_UNKNOWN

    def __init__(self, detail: str, cause: SarftCommunicationError) -> None:
        super().__init__(detail)
        self.cause = cause


class SarftReturnCodeError(SarftError):
    """The server answered with a non-zero return code; ``code`` is that code.

    Used as is for codes the spec does not name; named codes have subclasses."""

    code: int = -1
    refused = True

    def __init__(self, detail: str, code: int | None = None) -> None:
        super().__init__(detail)
        self.result_code = code if code is not None else self.code
        if code is not None:
            self.code = code
            # words naming the code as a reference for staff, after what the patron can do
            self.error_code = ErrorCode.SARFT_REFUSED


class AlreadyPrinted(SarftReturnCodeError):
    code = 1
    error_code = ErrorCode.SARFT_ALREADY_PRINTED


class UnknownError(SarftReturnCodeError):
    code = 2
    error_code = ErrorCode.SARFT_UNKNOWN_ERROR


class NotFound(SarftReturnCodeError):
    code = 3
    error_code = ErrorCode.SARFT_NOT_FOUND


class VerifyCodeMismatch(SarftReturnCodeError):
    code = 4
    error_code = ErrorCode.SARFT_VERIFY_CODE_MISMATCH


class Refunded(SarftReturnCodeError):
    code = 5
    error_code = ErrorCode.SARFT_REFUNDED


class NotAuthenticated(SarftReturnCodeError):
    code = 6
    error_code = ErrorCode.SARFT_NOT_AUTHENTICATED


class BadCredentials(SarftReturnCodeError):
    code = 7
    error_code = ErrorCode.SARFT_BAD_CREDENTIALS


class ShowEnded(SarftReturnCodeError):
    code = 8
    error_code = ErrorCode.SARFT_SHOW_ENDED


class NotApplied(SarftReturnCodeError):
    code = 9
    error_code = ErrorCode.SARFT_NOT_APPLIED


_BY_CODE: dict[int, type[SarftReturnCodeError]] = {
    cls.code: cls
    for cls in (
        AlreadyPrinted,
        UnknownError,
        NotFound,
        VerifyCodeMismatch,
        Refunded,
        NotAuthenticated,
        BadCredentials,
        ShowEnded,
        NotApplied,
    )
}


def error_for_code(code: int, detail: str) -> SarftReturnCodeError:
    """The typed error for a non-zero return code; codes the spec does not name stay generic."""
    known = _BY_CODE.get(code)
    if known is not None:
        return known(detail)
    return SarftReturnCodeError(detail, code)
