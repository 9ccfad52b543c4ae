"""The payment port: what a QR payment provider does for the kiosk, and how it fails.

The flows' own port is :class:`kiosk.flows.ports.PaymentPort`, and the values are
the kiosk's (:mod:`kiosk.domain.payment`, re-exported here); the wire of a provider
(the simulator, WeChat Pay, Alipay) stays inside its adapter. Every operation is keyed by the
merchant's ``out_trade_no`` and may be repeated safely, so a flow that lost an
answer asks again instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from kiosk.domain.payment import (
    PaymentOrder,
    PaymentState,
    PaymentStatus,
    RefundState,
    RefundStatus,
)
from kiosk.errors import ErrorCode, KioskError

__all__ = [
    "BillLine",
    "CodePayments",
    "PaymentError",
    "PaymentNotFound",
    "PaymentOrder",
    "PaymentProtocolError",
    "PaymentProvider",
    "PaymentRejected",
    "PaymentState",
    "PaymentStatus",
    "PaymentTimeout",
    "PaymentUnavailable",
    "RefundQueries",
    "RefundState",
    "RefundStatus",
    "TradeBills",
]


class PaymentError(KioskError):
    """Base of every payment failure; ``error_code`` words it for staff (the purchase
    flow words it for the patron).

    ``maybe_applied`` is True when the request may have reached the provider
    and taken effect although no clear answer came back: the flow must
    ``query`` before deciding anything about the money.
    """

    error_code = ErrorCode.PAYMENT_FAILED

    def __init__(self, message: str, *, maybe_applied: bool = True) -> None:
        super().__init__(message)
        self.maybe_applied = maybe_applied


class PaymentTimeout(PaymentError):
    """No answer in time."""

    error_code = ErrorCode.PAYMENT_TIMEOUT


class PaymentUnavailable(PaymentError):
    """The provider could not be reached, dropped the connection or failed (5xx)."""

    error_code = ErrorCode.PAYMENT_UNREACHABLE


class PaymentProtocolError(PaymentError):
    """An answer came back that does not parse or does not make sense."""

    error_code = ErrorCode.PAYMENT_PROTOCOL


class PaymentRejected(PaymentError):
    """The provider understood the request and refused it; nothing changed.

    ``status`` is the HTTP status, ``reason`` the provider's machine-readable
    code (e.g. ``AMOUNT_MISMATCH``, ``ORDER_PAID``, ``REFUND_EXCEEDS_PAID``).
    """

    error_code = ErrorCode.PAYMENT_REJECTED
    refused = True

    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(f"{status} {reason}: {message}", maybe_applied=False)
        self.status = status
        self.reason = reason


class PaymentNotFound(PaymentRejected):
    """The provider has no order with this out_trade_no (it was never created)."""

    not_found = True


class PaymentProvider(Protocol):
    async def create(
        self, out_trade_no: str, amount_fen: int, description: str, expires_in_s: int
    ) -> PaymentOrder:
        """Create the order (or return the one already created under this out_trade_no)."""
        ...

    async def query(self, out_trade_no: str) -> PaymentState: ...

    async def close(self, out_trade_no: str) -> PaymentState:
        """Make an unpaid order unpayable; closing a closed order is not an error.

        Raises :class:`PaymentRejected` if it was already paid: refund it instead.
        """
        ...

    async def refund(self, out_trade_no: str, out_refund_no: str, amount_fen: int) -> PaymentState:
        """Return ``amount_fen``; the same ``out_refund_no`` again refunds nothing more."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...


@runtime_checkable
class RefundQueries(Protocol):
    """What WeChat Pay and Alipay add: a refund can be asked after by its number."""

    async def refund_status(self, out_trade_no: str, out_refund_no: str) -> RefundState:
        """Raises :class:`PaymentNotFound` when no refund has this number."""
        ...


@runtime_checkable
class CodePayments(PaymentProvider, Protocol):
    """What WeChat Pay and Alipay add to the port: the patron's payment code (付款码),
    read by the kiosk's scanner, charged at once.

    The code is a bearer credential: an adapter sends it to its provider and nowhere
    else (no log, no error message); the flows never journal it. Each attempt has its
    own ``out_trade_no`` (a provider refuses a second code on one order number)."""

    name: str

    async def pay_code(
        self, out_trade_no: str, amount_fen: int, description: str, auth_code: str
    ) -> PaymentState:
        """Charge the code: PAID, or PENDING while the patron confirms on the phone (a
        password; WeChat USERPAYING, Alipay WAIT_BUYER_PAY), then :meth:`query` after it.

        Raises :class:`PaymentRejected` when the wallet refused (a bad or expired code,
        not enough money): nothing was taken and no order is left payable."""
        ...

    async def reverse(self, out_trade_no: str) -> PaymentState:
        """Make a code payment take nothing, whatever it came to: unpaid, it can never be
        paid now; paid, every fen goes back (WeChat reverse, Alipay cancel). A code that
        never reached the provider is CLOSED too."""
        ...


@dataclass(frozen=True)
class BillLine:
    """One line of a provider's trade bill (交易账单) for a day: money taken or given back.

    ``amount_fen`` is positive either way; ``kind`` says which. ``refund_status`` is
    what the bill says of a refund when it says anything (WeChat: SUCCESS or
    PROCESSING as the bill was made)."""

    provider: str  # wechatpay, alipay
    kind: str  # "payment" or "refund"
    out_trade_no: str
    amount_fen: int
    at: dt.datetime  # aware: the payment's success or the refund's time
    out_refund_no: str = ""
    refund_status: str = ""
    transaction_id: str = ""


@runtime_checkable
class TradeBills(Protocol):
    """What WeChat Pay and Alipay add for reconciliation: the day's trade bill."""

    name: str

    async def trade_bill(self, day: dt.date) -> list[BillLine]:
        """Every line of ``day``'s bill (a China calendar day, over by now): an empty
        list when the provider says the day had nothing."""
        ...
