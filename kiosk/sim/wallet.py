"""What WeChat Pay and Alipay keep about an order beyond the simulator API's own state.

An order of either real protocol is a :class:`~kiosk.sim.store.Payment` like any
other (so ``/_sim/state``, ``/_sim/pay`` and the money invariant see every
protocol alike) with a :class:`WalletTrade` beside it: the provider's ids, the
time it was told to stop taking money, its own states (a payment code waiting for
the patron's password, a reversed trade) and its refunds, which may take time.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass, field

WECHATPAY, ALIPAY = "wechatpay", "alipay"


@dataclass
class WalletRefund:
    out_refund_no: str
    refund_id: str
    amount_fen: int
    created_at: dt.datetime
    # a refund the provider accepted finishes then (None: at once); until then it is
    # PROCESSING, as a refund to a bank card is for days
    done_at: dt.datetime | None = None

    def processing(self, now: dt.datetime) -> bool:
        return self.done_at is not None and now < self.done_at

    def finished_at(self) -> dt.datetime:
        return self.done_at or self.created_at


@dataclass
class WalletTrade:
    provider: str  # wechatpay, alipay
    trade_type: str  # WeChat: NATIVE, MICROPAY; Alipay: PRECREATE, BARCODE
    time_expire: str = ""  # exactly as the merchant first sent it (WeChat refuses a change)
    transaction_id: str = ""  # the provider's own number, given once paid
    closed_by_merchant: bool = False  # WeChat: past time_expire is NOTPAY until closed
    revoked: bool = False  # reversed (WeChat) or cancelled (Alipay)
    failed: bool = False  # a payment code the patron's bank refused (PAYERROR)
    scanned: bool = False  # Alipay: a precreated trade exists for queries once scanned
    # a payment code waiting for the patron's password: paid at this time, if ever
    password_until: dt.datetime | None = None
    refunds: dict[str, WalletRefund] = field(default_factory=dict)


@dataclass
class WalletConfig:
    """The knobs a test or an integrator turns through ``POST /_sim/wallet``."""

    refund_processing_s: float = 0.0  # how long an accepted refund stays PROCESSING
    wechatpay_signer: str = "public_key"  # or "platform_certificate" (a migration)
    reply_skew_s: float = 0.0  # replies stamped this far from the simulator's clock


def provider_id(rng: random.Random, prefix: str, digits: int) -> str:
    return prefix + "".join(rng.choice(string.digits) for _ in range(digits))
