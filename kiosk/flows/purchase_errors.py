"""What can go wrong in a purchase, each a code whose words the patron is shown.

Part of the purchase flow's public face (:mod:`kiosk.flows.purchase` exports
them); kept apart so the flow's module holds only the flow.
"""

from __future__ import annotations

from kiosk.domain import SeatPlan, TicketType
from kiosk.domain.printer import PrinterStatus
from kiosk.errors import ErrorCode, KioskError


class PurchaseError(KioskError):
    """A purchase step failed in a way the UI explains to the patron (its ``error_code``)."""

    error_code = ErrorCode.PURCHASE_FAILED

    def __init__(self, detail: str = "", *, reference: str = "") -> None:
        super().__init__(detail)
        self.reference = reference  # the transaction id staff can look up


class InvalidSelection(PurchaseError):
    """The tickets or seats chosen cannot be sold together; nothing was sent to Connect."""

    error_code = ErrorCode.PURCHASE_INVALID_SELECTION


class SeatsTaken(PurchaseError):
    """Result 8 inside the sale window: someone was faster. ``seat_plan`` is reloaded."""

    error_code = ErrorCode.PURCHASE_SEATS_TAKEN

    def __init__(self, seat_plan: SeatPlan | None, detail: str = "") -> None:
        super().__init__(detail)
        self.seat_plan = seat_plan


class SalesClosed(PurchaseError):
    error_code = ErrorCode.PURCHASE_SALES_CLOSED


class PriceChanged(PurchaseError):
    """Connect refused the prices (Result 4): ticket types were reloaded, choose again."""

    error_code = ErrorCode.PURCHASE_PRICE_CHANGED

    def __init__(self, ticket_types: list[TicketType] | None, detail: str = "") -> None:
        super().__init__(detail)
        self.ticket_types = ticket_types


class ServiceUnavailable(PurchaseError):
    error_code = ErrorCode.PURCHASE_UNAVAILABLE


class PaymentDeclined(PurchaseError):
    error_code = ErrorCode.PURCHASE_PAYMENT_DECLINED


class PrinterUnavailable(PurchaseError):
    """The printer could not print right before the payment would have been created:
    the seats were released and nothing was asked for, let alone charged."""

    error_code = ErrorCode.PURCHASE_PRINTER_UNAVAILABLE

    def __init__(self, status: PrinterStatus, *, reference: str = "") -> None:
        super().__init__(f"printer not ready: {status.describe()}", reference=reference)
        self.status = status


class PaymentTimedOut(PurchaseError):
    error_code = ErrorCode.PURCHASE_PAYMENT_TIMED_OUT


class PaymentClosed(PurchaseError):
    error_code = ErrorCode.PURCHASE_PAYMENT_CLOSED


class PaymentCodeInvalid(PurchaseError):
    """The scanner read something that is no WeChat Pay or Alipay payment code: nothing
    was sent anywhere, and the QR on screen can still be paid."""

    error_code = ErrorCode.PURCHASE_PAYMENT_CODE_INVALID


class PaymentCodeNotAccepted(PurchaseError):
    """A payment code of a wallet this kiosk does not take: nothing was sent."""

    error_code = ErrorCode.PURCHASE_PAYMENT_CODE_NOT_ACCEPTED


class PaymentCodeBusy(PurchaseError):
    """Another payment code is being charged: this one was not sent."""

    error_code = ErrorCode.PURCHASE_PAYMENT_CODE_BUSY


class PaymentCodeDeclined(PurchaseError):
    """The wallet refused the code, or the patron did not confirm it in time and it was
    reversed: nothing was taken, and the QR on screen can still be paid."""

    error_code = ErrorCode.PURCHASE_PAYMENT_CODE_DECLINED

    def __init__(self, detail: str = "", *, reference: str = "", reason: str = "") -> None:
        super().__init__(detail, reference=reference)
        self.reason = reason  # the wallet's code (NOT_ENOUGH, ...) or "timed_out"


class PurchaseCancelled(PurchaseError):
    error_code = ErrorCode.PURCHASE_CANCELLED


class TooLateToCancel(PurchaseError):
    error_code = ErrorCode.PURCHASE_TOO_LATE_TO_CANCEL


class TicketsNotIssued(PurchaseError):
    """Paid, but Connect did not issue the booking; the money was (or will be) refunded."""

    error_code = ErrorCode.PURCHASE_TICKETS_NOT_ISSUED

    def __init__(self, detail: str = "", *, reference: str = "", refunded: bool = True) -> None:
        super().__init__(detail, reference=reference)
        self.refunded = refunded
        if not refunded:
            # The refund is still owed (recovery finishes it): never tell them it is done.
            self.error_code = ErrorCode.PURCHASE_REFUND_PENDING


class NeedsStaff(PurchaseError):
    """The kiosk could not settle the money; staff finish it with ``reference``."""

    error_code = ErrorCode.PURCHASE_NEEDS_STAFF
