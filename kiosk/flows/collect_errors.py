"""What can go wrong in a collection, each a code whose words the patron is shown.

Part of the collect flow's public face, kept apart so :mod:`kiosk.flows.collect`
holds only the flow; the keypad's own refusals (a malformed code, the lock) are
in :mod:`kiosk.flows.pickup_code`, and every one is a :class:`CollectError`.
"""

from __future__ import annotations

from kiosk.domain import printer as printer_status
from kiosk.errors import ErrorCode, KioskError


class CollectError(KioskError):
    """Every refusal the patron sees; the words of ``error_code`` say what to do."""

    error_code = ErrorCode.COLLECT_FAILED


class WrongCode(CollectError):
    """The code did not prove itself (counts towards the keypad lock): ``tries_left``
    before the lock (None: not counted here), ``wait_s`` before the next try."""

    error_code = ErrorCode.COLLECT_WRONG_CODE

    def __init__(self, detail: str = "", *, tries_left: int | None = None, wait_s: float = 0.0):
        super().__init__(detail)
        self.tries_left = tries_left
        self.wait_s = wait_s


class AlreadyCollected(CollectError):
    error_code = ErrorCode.COLLECT_ALREADY_COLLECTED


class BookingRefunded(CollectError):
    error_code = ErrorCode.COLLECT_REFUNDED


class BookingShowEnded(CollectError):
    error_code = ErrorCode.COLLECT_SHOW_ENDED


class BookingNotFound(CollectError):
    error_code = ErrorCode.COLLECT_BOOKING_NOT_FOUND


class CollectServiceUnavailable(CollectError):
    error_code = ErrorCode.COLLECT_UNAVAILABLE


class NumberNeeded(CollectServiceUnavailable):
    """Connect cannot be reached to check the code: with the booking number as well,
    the cinema's own ticket service can. Not a wrong code: nothing was counted."""

    error_code = ErrorCode.COLLECT_NUMBER_NEEDED


class CollectNeedsStaff(CollectError):
    """Part of this booking already came out here, or may have: only staff may finish it."""

    error_code = ErrorCode.COLLECT_NEEDS_STAFF


class CollectPrinterNotReady(CollectError):
    """Refused before 0x05: nothing was applied, the booking is untouched."""

    error_code = ErrorCode.COLLECT_PRINTER_NOT_READY

    def __init__(self, status: printer_status.PrinterStatus) -> None:
        super().__init__(f"printer not ready: {status.describe()}")
        self.status = status


class CannotPrint(CollectError):
    """A SARFT record cannot make a valid ticket: refused before 0x05, nothing applied."""

    error_code = ErrorCode.COLLECT_CANNOT_PRINT


class PartialPrint(CollectError):
    """``printed`` of ``total`` tickets came out; the rest wait in the journal for staff.
    ``in_doubt`` of the rest were started but never proven on paper: perhaps part-printed,
    staff look in the tray."""

    error_code = ErrorCode.COLLECT_PARTIAL_PRINT

    def __init__(self, printed: int, total: int, in_doubt: int = 0) -> None:
        super().__init__(
            f"{printed} of {total} tickets printed" + (f", {in_doubt} in doubt" if in_doubt else "")
        )
        self.printed = printed
        self.total = total
        self.in_doubt = in_doubt


class _SarftRefusal(CollectError):
    """Any other definite SARFT refusal, shown with SARFT's own words."""

    def __init__(self, error: KioskError) -> None:
        self.error_code = error.error_code
        super().__init__(str(error))
        self._refusal = error

    def facts(self) -> tuple[str, ...]:
        return self._refusal.facts()


# SARFT's refusals that are the collection's own cases, by SARFT's code: the flow reads
# the adapter's error by its code, never by the adapter's class
_REFUSALS: dict[ErrorCode, type[CollectError]] = {
    ErrorCode.SARFT_ALREADY_PRINTED: AlreadyCollected,
    ErrorCode.SARFT_REFUNDED: BookingRefunded,
    ErrorCode.SARFT_SHOW_ENDED: BookingShowEnded,
    ErrorCode.SARFT_NOT_FOUND: BookingNotFound,
    ErrorCode.SARFT_VERIFY_CODE_MISMATCH: WrongCode,
}
# the conversation with SARFT broke (sarft.errors.SarftCommunicationError): nothing
# definite is known, so the patron may simply try again
SARFT_BROKE = frozenset(
    {
        ErrorCode.SARFT_UNREACHABLE,
        ErrorCode.SARFT_TIMEOUT,
        ErrorCode.SARFT_CONNECTION_LOST,
        ErrorCode.SARFT_PROTOCOL,
        ErrorCode.SARFT_OUTCOME_UNKNOWN,
    }
)


def patron_error(error: KioskError) -> CollectError:
    """The patron's message for a SARFT error."""
    if error.error_code in SARFT_BROKE:
        return CollectServiceUnavailable(str(error))
    refusal = _REFUSALS.get(error.error_code)
    if refusal is not None:
        return refusal(str(error))
    return _SarftRefusal(error)
