"""WeChat Pay API v3 (direct merchant) on the payment simulator's port.

Written from WeChat's public documents (pay.weixin.qq.com/doc/v3/merchant), not
from the kiosk's adapter: it checks every request's ``WECHATPAY2-SHA256-RSA2048``
signature with the merchant's public key, refuses what WeChat refuses, and signs
every reply with its own key. Decisions the documents leave open:

- A request stamped more than 5 minutes from the simulator's clock, signed by
  another key, naming another merchant or certificate serial, is 401 ``SIGN_ERROR``
  (WeChat's own list of 401 causes). One without ``Accept`` or ``User-Agent`` is
  400 ``INVALID_REQUEST``.
- Replies are signed with the WeChat Pay public key's private half
  (``Wechatpay-Serial: PUB_KEY_ID_…``) or, when told (``POST /_sim/wallet``
  ``{"wechatpay_signer": "platform_certificate"}``), with the platform certificate's.
- The same Native order posted again before ``time_expire`` answers the same
  ``code_url``; with another amount, description or ``time_expire`` it is 403
  ``OUT_TRADE_NO_USED``, as is an order number another protocol already used.
  ``time_expire`` earlier than a minute after the order is moved to a minute after
  (WeChat does the same); none means seven days.
- After ``time_expire`` an unpaid order reads ``NOTPAY`` and cannot be paid; it reads
  ``CLOSED`` only once the merchant closes it. Closing is 204 for an unpaid or closed
  order and 403 ``TRADE_ERROR`` for a paid one.
- Refunds are ``SUCCESS`` at once unless ``refund_processing_s`` is set, then
  ``PROCESSING`` that long. The same ``out_refund_no`` answers the refund already
  made (400 ``INVALID_REQUEST`` with another amount); ``amount.total`` must be the
  order's total.
- A payment code (``POST /v3/pay/transactions/codepay``, ``payer.auth_code`` and
  ``scene_info.device_id`` required) is one ``POST /_sim/paycode`` handed out, good
  for one charge within a minute. "success" answers 200 with the transaction
  (``trade_type`` MICROPAY, ``SUCCESS``); "password" answers 202 ``USERPAYING`` and the
  order reads ``USERPAYING`` until the patron confirms (after ``password_s``, or
  ``/_sim/pay``), "fail" answers 403 ``NOT_ENOUGH`` and leaves a ``PAYERROR`` order; a
  code unknown, used or of the other wallet is 400 ``AUTH_CODE_INVALID``, one older
  than a minute 400 ``AUTHCODE_EXPIRE`` (no order either way). The same order number
  again with the same amount answers the order as it is (a retry); else 403
  ``OUT_TRADE_NO_USED``. The code is never logged or kept beyond its record.
- ``POST …/{no}/reverse`` (``appid``, ``mchid``) revokes a code payment: unpaid, it can
  never be paid; paid, it is refunded whole. It reads ``REVOKED`` after; reversing
  again is 200 again; an order that is not a code payment is 400 ``INVALID_REQUEST``.
- ``GET /v3/bill/tradebill?bill_date=YYYY-MM-DD&bill_type=ALL`` answers
  ``hash_type`` SHA1, ``hash_value`` and a ``download_url`` on this port
  (``/v3/billdownload/file?token=…``, signed like any request, good for 5 minutes)
  whose answer is the bill itself (:mod:`kiosk.sim.bill_files`), unsigned, as
  WeChat's is. A day with nothing on it is 400 ``NO_STATEMENT_EXIST``; today or later
  400 ``STATEMENT_CREATING`` (WeChat makes a day's bill the next morning); more than
  three months back 400 ``PARAM_ERROR``; only ``ALL`` bills are made.
- Faults: ``payment.native`` (or ``payment.create``) for Native orders,
  ``payment.codepay``, ``payment.reverse``, ``payment.bill`` (both bill requests),
  ``payment.query`` for order and refund queries, ``payment.close``,
  ``payment.refund``; ``bad_signature`` answers with a signature that does not
  verify; ``code:N`` answers status N, signed, ``{"code": "SIM_FAULT"}``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import re
import secrets
import string
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from kiosk.sim.faults import Fault
from kiosk.sim.json_body import UnreadableBody, parse_json_body
from kiosk.sim.store import Payment, SimStore
from kiosk.sim.wallet import (
    NEVER,
    WECHATPAY,
    PayCode,
    PayCodes,
    WalletConfig,
    WalletRefund,
    WalletTrade,
    provider_id,
)
from kiosk.sim.wallet_keys import (
    certificate_for,
    key_for,
    private_pem,
    public_pem,
    rsa_sha256_check,
    rsa_sha256_sign,
    write,
)
from kiosk.sim.world import SimWorld

log = logging.getLogger(__name__)

MCHID = "1900009191"
APPID = "wxd930ea5d5a258f4f"
PUBLIC_KEY_ID = "PUB_KEY_ID_0119000091912025010100000000000001"
APIV3_KEY = "sim0APIv3key0for0the0simulator00"  # 32 bytes, as WeChat requires
NOTIFY_URL = "https://kiosk-notify.invalid/wechatpay"
CHINA = dt.timezone(dt.timedelta(hours=8))
MAX_TOTAL_FEN = 1_000_000_000
SKEW_S = 300
_AUTH = re.compile(r'(\w+)="([^"]*)"')
_OUT_TRADE_NO = re.compile(r"^[A-Za-z0-9_\-*|]{6,32}$")
_OUT_REFUND_NO = re.compile(r"^[A-Za-z0-9_\-*|@]{1,64}$")


class WechatRefusal(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class WechatPaySim:
    """The WeChat Pay v3 paths, mounted on the payment simulator's aiohttp app."""

    def __init__(
        self,
        world: SimWorld,
        config: WalletConfig,
        keys_dir: Path,
        closing: asyncio.Event,
        paycodes: PayCodes | None = None,
    ) -> None:
        self.world = world
        self.config = config
        self.closing = closing
        self.paycodes = paycodes if paycodes is not None else PayCodes()
        # download tokens of the bills handed out: (the file, until when)
        self.bill_files: dict[str, tuple[bytes, dt.datetime]] = {}
        self.merchant = key_for("wechatpay-merchant")
        self.merchant_cert = certificate_for("wechatpay-merchant", MCHID)
        self.public_key = key_for("wechatpay-public-key")
        self.platform = key_for("wechatpay-platform")
        self.platform_cert = certificate_for("wechatpay-platform", "Tenpay.com Root CA")
        folder = keys_dir / "wechatpay"
        self.files = {
            "private_key_file": write(folder / "apiclient_key.pem", private_pem(self.merchant)),
            "public_key_file": write(folder / "pub_key.pem", public_pem(self.public_key)),
            "platform_cert_dir": folder / "platform",
        }
        write(folder / "platform" / f"{self.platform_cert.serial}.pem", self.platform_cert.pem)

    @property
    def store(self) -> SimStore:
        return self.world.store

    def info(self, url: str) -> dict[str, Any]:
        return {
            "url": url,
            "mchid": MCHID,
            "appid": APPID,
            "merchant_serial": self.merchant_cert.serial,
            "private_key_file": str(self.files["private_key_file"]),
            "public_key_file": str(self.files["public_key_file"]),
            "public_key_id": PUBLIC_KEY_ID,
            "platform_cert_dir": str(self.files["platform_cert_dir"]),
            "apiv3_key": APIV3_KEY,
            "notify_url": NOTIFY_URL,
        }

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/v3/pay/transactions/native", self._native)
        app.router.add_post("/v3/pay/transactions/codepay", self._codepay)
        app.router.add_get("/v3/bill/tradebill", self._tradebill)
        app.router.add_get("/v3/billdownload/file", self._bill_download)
        app.router.add_post("/v3/pay/transactions/out-trade-no/{no}/reverse", self._reverse)
        app.router.add_get("/v3/pay/transactions/out-trade-no/{no}", self._query)
        app.router.add_post("/v3/pay/transactions/out-trade-no/{no}/close", self._close)
        app.router.add_post("/v3/refund/domestic/refunds", self._refund)
        app.router.add_get("/v3/refund/domestic/refunds/{no}", self._refund_query)

    # ---- time --------------------------------------------------------------------

    def _now(self) -> dt.datetime:
        return self.store.clock().astimezone(dt.UTC)

    # ---- handlers ------------------------------------------------------------------

    async def _native(self, request: web.Request) -> web.StreamResponse:
        op = "native" if self.world.faults.peek("payment", "native") else "create"

        async def work(body: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
            return 200, self._create_native(body)

        return await self._serve(request, op, work)

    async def _codepay(self, request: web.Request) -> web.StreamResponse:
        async def work(body: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
            return self._charge_code(body)

        return await self._serve(request, "codepay", work)

    async def _tradebill(self, request: web.Request) -> web.StreamResponse:
        async def work(_: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
            from kiosk.sim.bill_files import wechat_trade_bill

            day = self._bill_day(request.query.get("bill_date", ""))
            if request.query.get("bill_type", "ALL") != "ALL":
                raise WechatRefusal(400, "PARAM_ERROR", "模拟器只生成 ALL 类型的交易账单")
            content = wechat_trade_bill(self.store, day, APPID, MCHID)
            if content is None:
                raise WechatRefusal(400, "NO_STATEMENT_EXIST", "账单不存在")
            token = secrets.token_urlsafe(24)
            self.bill_files[token] = (content, self._now() + dt.timedelta(minutes=5))
            url = request.url.with_path("/v3/billdownload/file").with_query(token=token)
            log.info("wechatpay bill of %s handed out (%d bytes)", day, len(content))
            return 200, {
                "hash_type": "SHA1",
                "hash_value": hashlib.sha1(content).hexdigest(),
                "download_url": str(url),
            }

        return await self._serve(request, "bill", work)

    def _bill_day(self, text: str) -> dt.date:
        try:
            day = dt.date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise WechatRefusal(400, "PARAM_ERROR", "bill_date 格式应为 YYYY-MM-DD")
        today = self._now().astimezone(CHINA).date()
        if day >= today:
            raise WechatRefusal(400, "STATEMENT_CREATING", "账单生成中，请在次日10点后下载")
        if day < today - dt.timedelta(days=90):
            raise WechatRefusal(400, "PARAM_ERROR", "只能下载三个月以内的账单")
        return day

    async def _bill_download(self, request: web.Request) -> web.StreamResponse:
        """The bill file: the request is signed as any, the answer is not (WeChat's is not)."""
        from kiosk.sim.payment_server import drop_connection

        fault = self.world.faults.take("payment", "bill")
        if fault is not None:
            early = await self._before_work(request, "bill", fault)
            if early is not None:
                return early
        try:
            self._check_signature(request, await request.read())
            content, until = self.bill_files.get(request.query.get("token", ""), (b"", None))
            if until is None or self._now() >= until:
                raise WechatRefusal(400, "INVALID_REQUEST", "下载链接已失效")
        except WechatRefusal as refusal:
            body = json.dumps({"code": refusal.code, "message": refusal.message}).encode()
            return self.signed(refusal.status, body)
        if fault is not None and fault.kind == "drop_response":
            return drop_connection(request, "bill", "after the work")
        if fault is not None and fault.kind == "malformed":
            content = content[: len(content) // 2]
        return web.Response(body=content, content_type="text/plain", charset="utf-8")

    async def _reverse(self, request: web.Request) -> web.StreamResponse:
        async def work(body: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
            if body.get("appid") != APPID:
                raise WechatRefusal(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
            self._mchid(body.get("mchid"))
            payment = self._order(request.match_info["no"])
            self._revoke(payment)
            return 200, {"appid": APPID, "mchid": MCHID, "out_trade_no": payment.out_trade_no}

        return await self._serve(request, "reverse", work)

    async def _query(self, request: web.Request) -> web.StreamResponse:
        async def work(_: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
            self._mchid(request.query.get("mchid"))
            return 200, self._transaction(self._order(request.match_info["no"]))

        return await self._serve(request, "query", work)

    async def _close(self, request: web.Request) -> web.StreamResponse:
        async def work(body: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
            self._mchid(body.get("mchid"))
            payment = self._order(request.match_info["no"])
            assert payment.wallet is not None
            if payment.state in ("PAID", "REFUNDED"):
                raise WechatRefusal(403, "TRADE_ERROR", "订单已支付")
            payment.state = "CLOSED"
            payment.wallet.closed_by_merchant = True
            return 204, None

        return await self._serve(request, "close", work)

    async def _refund(self, request: web.Request) -> web.StreamResponse:
        async def work(body: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
            return 200, self._make_refund(body)

        return await self._serve(request, "refund", work)

    async def _refund_query(self, request: web.Request) -> web.StreamResponse:
        async def work(_: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
            number = request.match_info["no"]
            for payment in self.store.payments.values():
                wallet = payment.wallet
                if wallet is not None and wallet.provider == WECHATPAY and number in wallet.refunds:
                    return 200, self._refund_json(payment, wallet.refunds[number])
            raise WechatRefusal(404, "RESOURCE_NOT_EXISTS", "退款单不存在")

        return await self._serve(request, "query", work)

    # ---- the rules ------------------------------------------------------------------

    def _mchid(self, value: object) -> None:
        if value != MCHID:
            raise WechatRefusal(400, "MCH_NOT_EXISTS", "商户号不存在")

    def _order(self, out_trade_no: str) -> Payment:
        payment = self.store.payments.get(out_trade_no)
        if payment is None or payment.wallet is None or payment.wallet.provider != WECHATPAY:
            raise WechatRefusal(404, "ORDER_NOT_EXIST", "订单不存在")
        self.confirm_if_due(payment)
        return payment

    def confirm_if_due(self, payment: Payment) -> None:
        """A code payment whose patron has typed the password by now is paid."""
        wallet = payment.wallet
        if wallet is None or wallet.password_until is None or payment.state != "PENDING":
            return
        if wallet.revoked or wallet.failed or self._now() < wallet.password_until:
            return
        from kiosk.sim.payment_server import pay_order

        pay_order(self.store, payment.out_trade_no)

    def _charge_code(self, body: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
        """``codepay``: what charging the code does, by the outcome it was handed out with."""
        if body.get("appid") != APPID:
            raise WechatRefusal(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
        self._mchid(body.get("mchid"))
        description = body.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 127:
            raise WechatRefusal(400, "PARAM_ERROR", "description 应为1到127个字符")
        out_trade_no = body.get("out_trade_no")
        if not isinstance(out_trade_no, str) or not _OUT_TRADE_NO.match(out_trade_no):
            raise WechatRefusal(400, "PARAM_ERROR", "out_trade_no 应为6到32位数字、字母、_-|*")
        amount = body.get("amount")
        total = amount.get("total") if isinstance(amount, dict) else None
        if not isinstance(total, int) or isinstance(total, bool) or not 1 <= total <= MAX_TOTAL_FEN:
            raise WechatRefusal(400, "PARAM_ERROR", "amount.total 应为1到1000000000的整数(分)")
        payer = body.get("payer")
        auth_code = payer.get("auth_code") if isinstance(payer, dict) else None
        if not isinstance(auth_code, str) or not auth_code:
            raise WechatRefusal(400, "PARAM_ERROR", "缺少 payer.auth_code")
        scene = body.get("scene_info")
        device = scene.get("device_id") if isinstance(scene, dict) else None
        if not isinstance(device, str) or not 1 <= len(device) <= 32:
            raise WechatRefusal(400, "PARAM_ERROR", "缺少 scene_info.device_id")
        existing = self.store.payments.get(out_trade_no)
        if existing is not None:
            return self._charged_again(existing, total)
        now = self._now()
        taken = self.paycodes.take(auth_code, WECHATPAY, now)
        if taken == "expired":
            raise WechatRefusal(400, "AUTHCODE_EXPIRE", "付款码已过期，请刷新后重新出示")
        if not isinstance(taken, PayCode):
            raise WechatRefusal(
                400, "AUTH_CODE_INVALID", "请扫描微信支付付款码(以10-15开头的18位数字)"
            )
        payment = Payment(
            out_trade_no=out_trade_no,
            amount_fen=total,
            description=description,
            code_url="",
            created_at=now,
            expires_at=now + dt.timedelta(minutes=5),
            provider=WECHATPAY,
            wallet=WalletTrade(WECHATPAY, "MICROPAY", device_id=device),
        )
        self.store.payments[out_trade_no] = payment
        log.info("wechatpay code payment %s for %d fen: %s", out_trade_no, total, taken.outcome)
        assert payment.wallet is not None
        if taken.outcome == "fail":
            payment.wallet.failed = True
            payment.state = "CLOSED"
            raise WechatRefusal(403, "NOT_ENOUGH", "用户账号余额不足，请充值或更换支付卡后再支付")
        if taken.outcome == "password":
            wait = taken.password_s
            payment.wallet.password_until = (
                NEVER if wait is None else now + dt.timedelta(seconds=wait)
            )
            return 202, {"code": "USERPAYING", "message": "用户支付中，需要输入密码"}
        from kiosk.sim.payment_server import pay_order

        pay_order(self.store, out_trade_no)
        return 200, self._transaction(payment)

    def _charged_again(self, existing: Payment, total: int) -> tuple[int, dict[str, Any] | None]:
        """The same code payment posted again (an answer was lost): the order as it is."""
        wallet = existing.wallet
        if (
            wallet is None
            or wallet.provider != WECHATPAY
            or wallet.trade_type != "MICROPAY"
            or existing.amount_fen != total
        ):
            raise WechatRefusal(403, "OUT_TRADE_NO_USED", "商户订单号重复")
        self.confirm_if_due(existing)
        state = self.trade_state(existing)
        if state == "USERPAYING":
            return 202, {"code": "USERPAYING", "message": "用户支付中，需要输入密码"}
        if state in ("SUCCESS", "REFUND"):
            return 200, self._transaction(existing)
        if state == "REVOKED":
            raise WechatRefusal(400, "ORDER_REVERSED", "订单已撤销")
        raise WechatRefusal(403, "TRADE_ERROR", "支付失败，请重新下单")

    def _revoke(self, payment: Payment) -> None:
        """Reverse a code payment: never payable again, and whatever was paid goes back."""
        wallet = payment.wallet
        assert wallet is not None
        if wallet.trade_type != "MICROPAY":
            raise WechatRefusal(400, "INVALID_REQUEST", "非付款码支付订单不可撤销")
        if wallet.revoked:
            return
        wallet.revoked = True
        wallet.password_until = None
        left = payment.amount_fen - payment.refunded_fen
        if payment.state in ("PAID", "REFUNDED") and left > 0:
            number = f"REVERSE-{payment.out_trade_no}"
            refund_id = provider_id(self.store.rng, "50", 27)
            wallet.refunds[number] = WalletRefund(number, refund_id, left, self._now())
            payment.refunds[number] = left
            payment.refunded_fen = payment.amount_fen
            payment.state = "REFUNDED"
        elif payment.state == "PENDING":
            payment.state = "CLOSED"
        log.info("wechatpay code payment %s reversed", payment.out_trade_no)

    def _create_native(self, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("appid") != APPID:
            raise WechatRefusal(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
        self._mchid(body.get("mchid"))
        description = body.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 127:
            raise WechatRefusal(400, "PARAM_ERROR", "description 应为1到127个字符")
        out_trade_no = body.get("out_trade_no")
        if not isinstance(out_trade_no, str) or not _OUT_TRADE_NO.match(out_trade_no):
            raise WechatRefusal(400, "PARAM_ERROR", "out_trade_no 应为6到32位数字、字母、_-|*")
        notify_url = body.get("notify_url")
        if not isinstance(notify_url, str) or not notify_url.startswith("https://"):
            raise WechatRefusal(400, "PARAM_ERROR", "notify_url 必须为 HTTPS 地址")
        amount = body.get("amount")
        total = amount.get("total") if isinstance(amount, dict) else None
        if not isinstance(total, int) or isinstance(total, bool) or not 1 <= total <= MAX_TOTAL_FEN:
            raise WechatRefusal(400, "PARAM_ERROR", "amount.total 应为1到1000000000的整数(分)")
        if isinstance(amount, dict) and amount.get("currency", "CNY") != "CNY":
            raise WechatRefusal(400, "PARAM_ERROR", "amount.currency 只支持 CNY")
        time_expire = body.get("time_expire", "")
        now = self._now()
        expires_at = self._expiry(time_expire, now)
        existing = self.store.payments.get(out_trade_no)
        if existing is not None:
            return self._again(existing, total, description, time_expire)
        rng = self.store.rng
        token = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(12))
        payment = Payment(
            out_trade_no=out_trade_no,
            amount_fen=total,
            description=description,
            code_url=f"weixin://wxpay/bizpayurl?pr={token}",
            created_at=now,
            expires_at=expires_at,
            provider=WECHATPAY,
            wallet=WalletTrade(WECHATPAY, "NATIVE", time_expire=time_expire),
        )
        self.store.payments[out_trade_no] = payment
        log.info("wechatpay native order %s for %d fen", out_trade_no, total)
        return {"code_url": payment.code_url}

    def _again(
        self, existing: Payment, total: int, description: str, time_expire: str
    ) -> dict[str, Any]:
        wallet = existing.wallet
        same = (
            wallet is not None
            and wallet.provider == WECHATPAY
            and wallet.trade_type == "NATIVE"
            and existing.amount_fen == total
            and existing.description == description
            and wallet.time_expire == time_expire
        )
        if not same:
            raise WechatRefusal(403, "OUT_TRADE_NO_USED", "商户订单号重复")
        assert wallet is not None
        if existing.state in ("PAID", "REFUNDED"):
            raise WechatRefusal(403, "OUT_TRADE_NO_USED", "该订单已支付")
        if wallet.closed_by_merchant or self._now() >= existing.expires_at:
            raise WechatRefusal(400, "ORDER_CLOSED", "订单已关闭")
        return {"code_url": existing.code_url}

    def _expiry(self, time_expire: object, now: dt.datetime) -> dt.datetime:
        if time_expire in ("", None):
            return now + dt.timedelta(days=7)
        if not isinstance(time_expire, str):
            raise WechatRefusal(400, "PARAM_ERROR", "time_expire 格式错误")
        try:
            when = dt.datetime.fromisoformat(time_expire)
        except ValueError:
            raise WechatRefusal(400, "PARAM_ERROR", "time_expire 应为 rfc3339 格式") from None
        if when.tzinfo is None or "T" not in time_expire:
            raise WechatRefusal(400, "PARAM_ERROR", "time_expire 应为 rfc3339 格式")
        when = when.astimezone(dt.UTC)
        return min(max(when, now + dt.timedelta(minutes=1)), now + dt.timedelta(days=90))

    def trade_state(self, payment: Payment) -> str:
        wallet = payment.wallet
        assert wallet is not None
        if wallet.revoked:
            return "REVOKED"
        if wallet.failed or (wallet.trade_type == "MICROPAY" and payment.state == "CLOSED"):
            return "PAYERROR"
        if payment.refunds:
            return "REFUND"
        if payment.state == "PAID":
            return "SUCCESS"
        if wallet.closed_by_merchant:
            return "CLOSED"
        if wallet.password_until is not None:
            return "USERPAYING"
        return "NOTPAY"

    def _transaction(self, payment: Payment) -> dict[str, Any]:
        wallet = payment.wallet
        assert wallet is not None
        state = self.trade_state(payment)
        paid = state in ("SUCCESS", "REFUND")
        answer: dict[str, Any] = {
            "appid": APPID,
            "mchid": MCHID,
            "out_trade_no": payment.out_trade_no,
            "trade_type": wallet.trade_type,
            "trade_state": state,
            "trade_state_desc": _STATE_WORDS[state],
            "attach": "",
            "amount": {"total": payment.amount_fen, "currency": "CNY", "payer_currency": "CNY"},
        }
        if paid:
            answer["transaction_id"] = wallet.transaction_id
            answer["bank_type"] = "OTHERS"
            answer["success_time"] = _rfc3339(payment.paid_at or payment.created_at)
            answer["payer"] = {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}
            answer["amount"]["payer_total"] = payment.amount_fen
        return answer

    def _make_refund(self, body: dict[str, Any]) -> dict[str, Any]:
        out_trade_no = body.get("out_trade_no")
        if not isinstance(out_trade_no, str):
            raise WechatRefusal(400, "PARAM_ERROR", "out_trade_no 与 transaction_id 需二选一")
        number = body.get("out_refund_no")
        if not isinstance(number, str) or not _OUT_REFUND_NO.match(number):
            raise WechatRefusal(400, "PARAM_ERROR", "out_refund_no 格式错误")
        amount = body.get("amount")
        if not isinstance(amount, dict):
            raise WechatRefusal(400, "PARAM_ERROR", "缺少 amount")
        refund, total = amount.get("refund"), amount.get("total")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (refund, total)):
            raise WechatRefusal(400, "PARAM_ERROR", "amount.refund 与 amount.total 应为整数(分)")
        assert isinstance(refund, int) and isinstance(total, int)
        payment = self.store.payments.get(out_trade_no)
        if payment is None or payment.wallet is None or payment.wallet.provider != WECHATPAY:
            raise WechatRefusal(404, "RESOURCE_NOT_EXISTS", "订单不存在")
        wallet = payment.wallet
        done = wallet.refunds.get(number)
        if done is not None:
            if done.amount_fen != refund:
                raise WechatRefusal(400, "INVALID_REQUEST", "同一退款单号的退款金额不一致")
            return self._refund_json(payment, done)
        if total != payment.amount_fen:
            raise WechatRefusal(400, "INVALID_REQUEST", "订单金额与原订单不一致")
        if payment.state not in ("PAID", "REFUNDED"):
            raise WechatRefusal(400, "INVALID_REQUEST", "订单未支付")
        if refund < 1:
            raise WechatRefusal(400, "PARAM_ERROR", "退款金额应大于0")
        if payment.refunded_fen >= payment.amount_fen:
            raise WechatRefusal(400, "INVALID_REQUEST", "订单已全额退款")
        if refund > payment.amount_fen - payment.refunded_fen:
            raise WechatRefusal(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额")
        now = self._now()
        delay = self.config.refund_processing_s
        made = WalletRefund(
            out_refund_no=number,
            refund_id=provider_id(self.store.rng, "50", 27),
            amount_fen=refund,
            created_at=now,
            done_at=now + dt.timedelta(seconds=delay) if delay > 0 else None,
        )
        wallet.refunds[number] = made
        payment.refunds[number] = refund
        payment.refunded_fen += refund
        if payment.refunded_fen == payment.amount_fen:
            payment.state = "REFUNDED"
        log.info("wechatpay refund %s of %d fen on %s", number, refund, out_trade_no)
        return self._refund_json(payment, made)

    def _refund_json(self, payment: Payment, refund: WalletRefund) -> dict[str, Any]:
        wallet = payment.wallet
        assert wallet is not None
        processing = refund.processing(self._now())
        answer: dict[str, Any] = {
            "refund_id": refund.refund_id,
            "out_refund_no": refund.out_refund_no,
            "transaction_id": wallet.transaction_id,
            "out_trade_no": payment.out_trade_no,
            "channel": "ORIGINAL",
            "user_received_account": "支付用户零钱",
            "create_time": _rfc3339(refund.created_at),
            "status": "PROCESSING" if processing else "SUCCESS",
            "funds_account": "AVAILABLE",
            "amount": {
                "total": payment.amount_fen,
                "refund": refund.amount_fen,
                "payer_total": payment.amount_fen,
                "payer_refund": refund.amount_fen,
                "settlement_total": payment.amount_fen,
                "settlement_refund": refund.amount_fen,
                "discount_refund": 0,
                "currency": "CNY",
            },
        }
        if not processing:
            answer["success_time"] = _rfc3339(refund.finished_at())
        return answer

    # ---- signatures, faults and the reply ------------------------------------------

    async def _serve(
        self,
        request: web.Request,
        op: str,
        work: Callable[[dict[str, Any]], Awaitable[tuple[int, dict[str, Any] | None]]],
    ) -> web.StreamResponse:
        from kiosk.sim.payment_server import drop_connection

        fault = self.world.faults.take("payment", op)
        if fault is not None:
            early = await self._before_work(request, op, fault)
            if early is not None:
                return early
        raw = await request.read()
        try:
            self._check_signature(request, raw)
            body = _json_object(raw) if request.method == "POST" else {}
            status, payload = await work(body)
        except WechatRefusal as refusal:
            status, payload = refusal.status, {"code": refusal.code, "message": refusal.message}
        if fault is not None and fault.kind == "drop_response":
            return drop_connection(request, op, "after the work")
        text = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        if fault is not None and fault.kind == "malformed":
            text = text[: len(text) // 2] or b"{"
            status = 200
        return self.signed(
            status, text, corrupt=fault is not None and fault.kind == "bad_signature"
        )

    async def _before_work(
        self, request: web.Request, op: str, fault: Fault
    ) -> web.StreamResponse | None:
        from kiosk.sim.payment_server import drop_connection

        if fault.kind == "drop_request":
            return drop_connection(request, op, "before the work")
        if fault.kind == "hang":
            await self.closing.wait()
            return drop_connection(request, op, "at shutdown")
        if fault.kind == "latency":
            await fault.delay()
        elif fault.kind == "http500":
            return web.Response(status=500, text="Internal Server Error")
        elif fault.kind == "code":
            status = fault.arg if fault.arg is not None and 400 <= fault.arg <= 599 else 500
            body = {"code": "SIM_FAULT", "message": f"injected fault code:{fault.arg}"}
            return self.signed(status, json.dumps(body).encode())
        return None

    def _check_signature(self, request: web.Request, raw: bytes) -> None:
        if not request.headers.get("User-Agent") or not request.headers.get("Accept"):
            raise WechatRefusal(400, "INVALID_REQUEST", "HTTP 请求缺少 Accept 或 User-Agent")
        header = request.headers.get("Authorization", "")
        schema, _, rest = header.partition(" ")
        if schema != "WECHATPAY2-SHA256-RSA2048":
            raise WechatRefusal(401, "SIGN_ERROR", "Http头Authorization认证类型不正确")
        fields = dict(_AUTH.findall(rest))
        wanted = ("mchid", "nonce_str", "timestamp", "serial_no", "signature")
        if not all(fields.get(name) for name in wanted):
            raise WechatRefusal(401, "SIGN_ERROR", "Http头Authorization值格式错误")
        if fields["mchid"] != MCHID:
            raise WechatRefusal(401, "SIGN_ERROR", "商户号与签名信息不符")
        if fields["serial_no"].upper() != self.merchant_cert.serial:
            raise WechatRefusal(401, "SIGN_ERROR", "商户证书序列号有误")
        try:
            stamped = int(fields["timestamp"])
        except ValueError:
            raise WechatRefusal(
                401, "SIGN_ERROR", "Http头Authorization中的timestamp格式错误"
            ) from None
        if abs(self._now().timestamp() - stamped) > SKEW_S:
            raise WechatRefusal(
                401, "SIGN_ERROR", "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟"
            )
        signed = (
            (
                f"{request.method}\n{request.raw_path}\n{fields['timestamp']}\n"
                f"{fields['nonce_str']}\n"
            ).encode()
            + raw
            + b"\n"
        )
        if not rsa_sha256_check(self.merchant.public_key(), signed, fields["signature"]):
            raise WechatRefusal(401, "SIGN_ERROR", "错误的签名,导致验签失败")

    def signed(self, status: int, body: bytes, *, corrupt: bool = False) -> web.Response:
        """A reply signed as WeChat signs: over ``timestamp\\nnonce\\nbody\\n``."""
        stamp = str(int(self._now().timestamp() + self.config.reply_skew_s))
        nonce = secrets.token_hex(16)
        if self.config.wechatpay_signer == "platform_certificate":
            key, serial = self.platform, self.platform_cert.serial
        else:
            key, serial = self.public_key, PUBLIC_KEY_ID
        signature = rsa_sha256_sign(key, f"{stamp}\n{nonce}\n".encode() + body + b"\n")
        if corrupt:
            # the right shape, signed by nobody WeChat knows
            signature = rsa_sha256_sign(key_for("an-impostor"), body)
        headers = {
            "Wechatpay-Timestamp": stamp,
            "Wechatpay-Nonce": nonce,
            "Wechatpay-Serial": serial,
            "Wechatpay-Signature": signature,
            "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
            "Request-ID": secrets.token_hex(12),
        }
        if status == 204:
            return web.Response(status=204, headers=headers)
        return web.Response(
            status=status, body=body, headers=headers, content_type="application/json"
        )


_STATE_WORDS = {
    "SUCCESS": "支付成功",
    "REFUND": "转入退款",
    "NOTPAY": "订单未支付",
    "CLOSED": "订单已关闭",
    "REVOKED": "已撤销",
    "USERPAYING": "用户支付中,需要输入密码",
    "PAYERROR": "支付失败",
}


def _rfc3339(when: dt.datetime) -> str:
    return when.astimezone(CHINA).replace(microsecond=0).isoformat()


def _json_object(raw: bytes) -> dict[str, Any]:
    try:
        body = parse_json_body(raw)
    except UnreadableBody as exc:
        raise WechatRefusal(400, "PARAM_ERROR", str(exc)) from None
    if not isinstance(body, dict):
        raise WechatRefusal(400, "PARAM_ERROR", "请求体应为 JSON 对象")
    return body


def default_keys_dir() -> Path:
    """A fresh folder for a simulator that was given none."""
    return Path(tempfile.mkdtemp(prefix="kiosk-sim-payment-"))
