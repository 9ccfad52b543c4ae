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
# POST /_sim/paycode names wallets as a patron would: their phone's app
PAYCODE_WALLETS = {"wechat": WECHATPAY, "alipay": ALIPAY}
PAYCODE_OUTCOMES = ("success", "password", "fail")
PAYCODE_LIFETIME_S = 60.0  # a phone shows a fresh code every minute
NEVER = dt.datetime.max.replace(tzinfo=dt.UTC)


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
    device_id: str = ""  # the merchant's device that charged a payment code (bills show it)


@dataclass
class WalletConfig:
    """The knobs a test or an integrator turns through ``POST /_sim/wallet``."""

    refund_processing_s: float = 0.0  # how long an accepted refund stays PROCESSING
    wechatpay_signer: str = "public_key"  # or "platform_certificate" (a migration)
    reply_skew_s: float = 0.0  # replies stamped this far from the simulator's clock


def provider_id(rng: random.Random, prefix: str, digits: int) -> str:
    return prefix + "".join(rng.choice(string.digits) for _ in range(digits))


@dataclass
class PayCode:
    """A payment code the simulator handed out (``POST /_sim/paycode``): a patron's phone
    showing it, and what happens when a merchant charges it."""

    code: str
    provider: str  # wechatpay, alipay
    outcome: str  # success, password, fail
    issued_at: dt.datetime
    password_s: float | None = None  # "password": the patron confirms after this (None: never)
    used: bool = False


class PayCodes:
    """The codes handed out, each good for one charge within a minute.

    Codes follow the wallets' published shapes: WeChat Pay 18 digits starting 10-15,
    Alipay 18 digits starting 25-30 (Alipay allows 16-24)."""

    def __init__(self) -> None:
        self._codes: dict[str, PayCode] = {}

    def issue(
        self,
        provider: str,
        outcome: str,
        now: dt.datetime,
        rng: random.Random,
        password_s: float | None = None,
    ) -> PayCode:
        while True:
            leads = range(10, 16) if provider == WECHATPAY else range(25, 31)
            code = str(rng.choice(leads)) + "".join(rng.choice(string.digits) for _ in range(16))
            if code not in self._codes:
                break
        issued = PayCode(code, provider, outcome, now, password_s)
        self._codes[code] = issued
        return issued

    def take(self, code: str, provider: str, now: dt.datetime) -> PayCode | str:
        """The code charged now, or why not: ``invalid`` (unknown, another wallet's or
        used) or ``expired``."""
        issued = self._codes.get(code)
        if issued is None or issued.provider != provider or issued.used:
            return "invalid"
        if (now - issued.issued_at).total_seconds() > PAYCODE_LIFETIME_S:
            return "expired"
        issued.used = True
        return issued
