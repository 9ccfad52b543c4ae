"""The kiosk's own payment values: an order's QR and deadline, its state, a refund's
state, and which wallet a scanned payment code (付款码) belongs to.

The flows read these; each provider's adapter (:mod:`kiosk.payment`) maps its wire
into them. Routing a code is by the prefixes both wallets publish: WeChat Pay codes
are 18 digits starting 10-15; Alipay codes are 16-24 digits starting 25-30.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class PaymentStatus(enum.StrEnum):
    PENDING = "PENDING"  # QR shown, not paid yet
    PAID = "PAID"  # money taken (possibly partly refunded since)
    CLOSED = "CLOSED"  # will never be paid: closed by us or expired unpaid
    REFUNDED = "REFUNDED"  # every fen paid has been returned


@dataclass(frozen=True)
class PaymentOrder:
    """A created order: the QR to show and until when it can be paid."""

    out_trade_no: str
    code_url: str
    expires_at: dt.datetime  # aware, UTC
    state: PaymentStatus


@dataclass(frozen=True)
class PaymentState:
    out_trade_no: str
    state: PaymentStatus
    amount_fen: int
    refunded_fen: int
    # WeChat Pay and Alipay accept a refund and may finish it later (a bank card can
    # take days): the money is on its way back, counted in ``refunded_fen``, and
    # reconciliation follows it up until the provider says it arrived.
    refund_processing: bool = False


class RefundStatus(enum.StrEnum):
    SUCCESS = "SUCCESS"  # the money is back with the patron
    PROCESSING = "PROCESSING"  # accepted, still on its way
    FAILED = "FAILED"  # the provider gave up (WeChat ABNORMAL or CLOSED): staff must act


@dataclass(frozen=True)
class RefundState:
    """One refund, by the merchant's ``out_refund_no``, as the provider sees it now."""

    out_refund_no: str
    out_trade_no: str
    status: RefundStatus
    amount_fen: int


WECHATPAY, ALIPAY = "wechatpay", "alipay"


def wallet_for_code(text: str) -> str | None:
    """``wechatpay`` or ``alipay`` for a well-formed code, None for anything else."""
    code = text.strip()
    if not code.isascii() or not code.isdigit():
        return None
    prefix = int(code[:2]) if len(code) >= 2 else -1
    if len(code) == 18 and 10 <= prefix <= 15:
        return WECHATPAY
    if 16 <= len(code) <= 24 and 25 <= prefix <= 30:
        return ALIPAY
    return None
