"""What can go wrong in a purchase, each in words the patron is shown (Chinese, English).

Part of the purchase flow's public face (:mod:`kiosk.flows.purchase` exports
them); kept apart so the flow's module holds only the flow.
"""

from __future__ import annotations

from kiosk.connect.models import SeatPlan, TicketType
from kiosk.printing.status import PrinterStatus


class PurchaseError(Exception):
    """A purchase step failed in a way the UI explains to the patron in both languages."""

    message_zh = "购票失败，请重试。"
    message_en = "The purchase failed. Please try again."

    def __init__(self, detail: str = "", *, reference: str = "") -> None:
        super().__init__(detail or self.message_en)
        self.reference = reference  # the transaction id staff can look up


class InvalidSelection(PurchaseError):
    """The tickets or seats chosen cannot be sold together; nothing was sent to Connect."""

    message_zh = "所选座位或票类无效，请重新选择。"
    message_en = "Those seats or tickets cannot be chosen together. Please choose again."


class SeatsTaken(PurchaseError):
    """Result 8 inside the sale window: someone was faster. ``seat_plan`` is reloaded."""

    message_zh = "所选座位已被占用，请重新选座。"
    message_en = "Those seats have just been taken. Please choose other seats."

    def __init__(self, seat_plan: SeatPlan | None, detail: str = "") -> None:
        super().__init__(detail)
        self.seat_plan = seat_plan


class SalesClosed(PurchaseError):
    message_zh = "该场次已停止售票。"
    message_en = "Tickets for this show are no longer on sale."


class PriceChanged(PurchaseError):
    """Connect refused the prices (Result 4): ticket types were reloaded, choose again."""

    message_zh = "票价已更新，请重新选择票类。"
    message_en = "Ticket prices have changed. Please choose your tickets again."

    def __init__(self, ticket_types: list[TicketType] | None, detail: str = "") -> None:
        super().__init__(detail)
        self.ticket_types = ticket_types


class ServiceUnavailable(PurchaseError):
    message_zh = "系统暂时无法连接，请稍后再试。未扣款。"
    message_en = "The ticketing system cannot be reached. Please try later. You were not charged."


class PaymentDeclined(PurchaseError):
    message_zh = "支付无法发起，座位已释放。未扣款。"
    message_en = "The payment could not be started and the seats were released. No charge."


class PrinterUnavailable(PurchaseError):
    """The printer could not print right before the payment would have been created:
    the seats were released and nothing was asked for, let alone charged."""

    message_zh = "取票机暂时无法出票，本次未扣款，座位已释放。"
    message_en = (
        "The ticket printer cannot print right now. Nothing was charged; the seats were released."
    )

    def __init__(self, status: PrinterStatus, *, reference: str = "") -> None:
        super().__init__(f"printer not ready: {status.describe()}", reference=reference)
        self.status = status


class PaymentTimedOut(PurchaseError):
    message_zh = "支付超时，座位已释放。如已扣款将原路退回。"
    message_en = "Time for payment ran out and the seats were released. Any charge is refunded."


class PaymentClosed(PurchaseError):
    message_zh = "支付已关闭，座位已释放。"
    message_en = "The payment was closed and the seats were released."


class PaymentCodeInvalid(PurchaseError):
    """The scanner read something that is no WeChat Pay or Alipay payment code: nothing
    was sent anywhere, and the QR on screen can still be paid."""

    message_zh = "无法识别该付款码，请出示微信或支付宝的付款码。"
    message_en = "That is not a WeChat Pay or Alipay payment code. Please show the code in the app."


class PaymentCodeNotAccepted(PurchaseError):
    """A payment code of a wallet this kiosk does not take: nothing was sent."""

    message_zh = "本机暂不支持该付款码，请扫描屏幕上的二维码支付。"
    message_en = "This kiosk does not take that payment code. Please scan the QR code on screen."


class PaymentCodeBusy(PurchaseError):
    """Another payment code is being charged: this one was not sent."""

    message_zh = "正在处理付款码，请在手机上确认。"
    message_en = "A payment code is already being charged. Please confirm on your phone."


class PaymentCodeDeclined(PurchaseError):
    """The wallet refused the code, or the patron did not confirm it in time and it was
    reversed: nothing was taken, and the QR on screen can still be paid."""

    message_zh = "付款码支付未成功，未扣款。请重新出示付款码或扫描二维码支付。"
    message_en = "The payment code was not charged. Please show a new code or scan the QR code."

    def __init__(self, detail: str = "", *, reference: str = "", reason: str = "") -> None:
        super().__init__(detail, reference=reference)
        self.reason = reason  # the wallet's code (NOT_ENOUGH, ...) or "timed_out"


class PurchaseCancelled(PurchaseError):
    message_zh = "已取消购票。如已扣款将原路退回。"
    message_en = "The purchase was cancelled. Any charge is refunded."


class TooLateToCancel(PurchaseError):
    message_zh = "正在出票，无法取消。"
    message_en = "Your tickets are being issued; this can no longer be cancelled."


class TicketsNotIssued(PurchaseError):
    """Paid, but Connect did not issue the booking; the money was (or will be) refunded."""

    message_zh = "出票失败，款项已原路退回。"
    message_en = "The tickets could not be issued. Your payment has been refunded."

    def __init__(self, detail: str = "", *, reference: str = "", refunded: bool = True) -> None:
        super().__init__(detail, reference=reference)
        self.refunded = refunded
        if not refunded:
            # The refund is still owed (recovery finishes it): never tell them it is done.
            self.message_zh = "出票失败，退款正在处理中，请保留交易号，如有疑问请联系工作人员。"
            self.message_en = (
                "The tickets could not be issued. Your refund is being processed; "
                "please keep the transaction number and ask staff if needed."
            )


class NeedsStaff(PurchaseError):
    """The kiosk could not settle the money; staff finish it with ``reference``."""

    message_zh = "交易需人工处理，请凭交易号联系工作人员。"
    message_en = "This purchase needs staff. Please show the transaction number to staff."
