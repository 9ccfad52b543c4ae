"""Alipay's openapi gateway (RSA2) on the payment simulator's port, at ``/gateway.do``.

Written from Alipay's public documents (opendocs.alipay.com), not from the kiosk's
adapter: it checks every request's RSA2 signature with the app's public key
(parameters other than ``sign`` and empty ones, sorted, ``k=v`` joined by ``&``),
refuses what Alipay refuses, and signs the exact JSON text of every
``…_response`` object with its own key. Decisions the documents leave open:

- A bad or missing signature is code 40002 ``isv.invalid-signature``; another
  ``app_id`` 40002 ``isv.invalid-app-id``; a method it does not know is answered in
  ``error_response`` with 40002 ``isv.invalid-method``.
- A precreated QR has no trade until it is paid or scanned: query, close and refund
  answer 40004 ``ACQ.TRADE_NOT_EXIST`` meanwhile. Cancel always succeeds: an unpaid
  order (scanned or not) can no longer be paid (``action`` close), a paid one is
  refunded in full (``action`` refund). Precreating the same order again with the same
  amount and subject answers the same ``qr_code``; otherwise
  ``ACQ.CONTEXT_INCONSISTENT``.
- A refund is done at once (``fund_change`` Y) unless ``refund_processing_s`` is set:
  then ``fund_change`` N and the refund query has no ``refund_status`` until it is.
  The same ``out_request_no`` again answers ``fund_change`` N and the same total.
- Amounts are yuan with at most two decimals, 0.01 to 100000000.00.
- ``alipay.trade.pay`` (``scene`` bar_code) charges a code ``POST /_sim/paycode`` handed
  out, once, within a minute: "success" answers 10000 with the paid trade, "password"
  10003 (等待用户付款) and the trade reads ``WAIT_BUYER_PAY`` until the patron confirms
  (after ``password_s``, or ``/_sim/pay``; a barcode trade closes unpaid after three
  minutes, as Alipay's do), "fail" 40004 ``ACQ.BUYER_BALANCE_NOT_ENOUGH``; a code
  unknown, used, expired or of the other wallet is 40004
  ``ACQ.PAYMENT_AUTH_CODE_INVALID``. No trade is left by a refusal. The same
  ``out_trade_no`` again with the same amount answers the trade as it is.
- ``alipay.data.dataservice.bill.downloadurl.query`` (``bill_type`` trade, ``bill_date``
  YYYY-MM-DD) answers a ``bill_download_url`` on this port
  (``/downloadBillFile.resource?…&token=…``, good for 30 seconds, no signature on
  either side, as Alipay's) serving the day's ZIP (:mod:`kiosk.sim.bill_files`); a
  day not over yet is 40004 ``isp.bill_not_exist``, a quiet day a bill with no lines.
- Faults: ``payment.create`` (precreate), ``payment.codepay`` (trade.pay),
  ``payment.bill`` (the bill URL and its download),
  ``payment.query`` (trade and refund queries), ``payment.close``, ``payment.reverse``
  (cancel), ``payment.refund``; ``bad_signature`` signs the reply with a key Alipay
  does not have.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
import secrets
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from kiosk.sim.faults import Fault
from kiosk.sim.store import Payment, SimStore
from kiosk.sim.wallet import (
    ALIPAY,
    NEVER,
    PayCode,
    PayCodes,
    WalletConfig,
    WalletRefund,
    WalletTrade,
    provider_id,
)
from kiosk.sim.wallet_keys import (
    key_for,
    private_pem,
    public_pem,
    rsa_sha256_check,
    rsa_sha256_sign,
    write,
)
from kiosk.sim.world import SimWorld

log = logging.getLogger(__name__)

APP_ID = "2021000117650001"
PID = "2088102177891234"  # the merchant's partner id: its account in the bills
PATH = "/gateway.do"
CHINA = dt.timezone(dt.timedelta(hours=8))
_AMOUNT = re.compile(r"^(0|[1-9][0-9]{0,8})(\.[0-9]{1,2})?$")
_TIMEOUT = re.compile(r"^([1-9][0-9]*)([mhd])$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
_OPS = {
    "alipay.trade.precreate": "create",
    "alipay.trade.pay": "codepay",
    "alipay.data.dataservice.bill.downloadurl.query": "bill",
    "alipay.trade.query": "query",
    "alipay.trade.fastpay.refund.query": "query",
    "alipay.trade.close": "close",
    "alipay.trade.cancel": "reverse",
    "alipay.trade.refund": "refund",
}


class AlipayRefusal(Exception):
    def __init__(self, code: str, msg: str, sub_code: str = "", sub_msg: str = "") -> None:
        super().__init__(sub_msg or msg)
        self.node: dict[str, Any] = {"code": code, "msg": msg}
        if sub_code:
            self.node.update(sub_code=sub_code, sub_msg=sub_msg)


def _business(sub_code: str, sub_msg: str) -> AlipayRefusal:
    return AlipayRefusal("40004", "Business Failed", sub_code, sub_msg)


def _invalid(sub_code: str, sub_msg: str) -> AlipayRefusal:
    return AlipayRefusal("40002", "Invalid Arguments", sub_code, sub_msg)


class AlipaySim:
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
        # download tokens of the bills handed out: (the ZIP, until when)
        self.bill_files: dict[str, tuple[bytes, dt.datetime]] = {}
        self._origin = ""  # scheme and host the current request came to
        self.app = key_for("alipay-app")
        self.alipay = key_for("alipay-platform")
        folder = keys_dir / "alipay"
        # the app key as Alipay's key tool writes it for non-Java languages (PKCS#1)
        self.files = {
            "private_key_file": write(folder / "app_private_key.pem", private_pem(self.app, True)),
            "public_key_file": write(folder / "alipay_public_key.pem", public_pem(self.alipay)),
        }

    @property
    def store(self) -> SimStore:
        return self.world.store

    def info(self, url: str) -> dict[str, Any]:
        return {
            "url": url + PATH,
            "app_id": APP_ID,
            "private_key_file": str(self.files["private_key_file"]),
            "public_key_file": str(self.files["public_key_file"]),
        }

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post(PATH, self._gateway)
        app.router.add_get("/downloadBillFile.resource", self._bill_download)

    def _now(self) -> dt.datetime:
        return self.store.clock().astimezone(dt.UTC)

    # ---- the gateway -------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        from kiosk.sim.payment_server import drop_connection

        params: dict[str, str] = dict(request.query)
        form = await request.post()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
        method = params.get("method", "")
        op = _OPS.get(method, "query")
        fault = self.world.faults.take("payment", op)
        if fault is not None:
            early = await self._before_work(request, op, fault)
            if early is not None:
                return early
        key = method.replace(".", "_") + "_response" if method in _OPS else "error_response"
        self._origin = str(request.url.origin())
        try:
            self._check(params)
            node = self._work(method, _biz(params))
        except AlipayRefusal as refusal:
            node = refusal.node
        if fault is not None and fault.kind == "drop_response":
            return drop_connection(request, op, "after the work")
        text = self.signed_text(
            key, node, corrupt=fault is not None and fault.kind == "bad_signature"
        )
        if fault is not None and fault.kind == "malformed":
            text = text[: len(text) // 2]
        return web.Response(text=text, content_type="application/json", charset="utf-8")

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
            # Alipay answers its codes in the body, with HTTP 200
            node = {"code": str(fault.arg), "msg": "injected fault", "sub_code": "SIM_FAULT"}
            return web.Response(
                text=self.signed_text("error_response", node), content_type="application/json"
            )
        return None

    def _check(self, params: dict[str, str]) -> None:
        if params.get("app_id") != APP_ID:
            raise _invalid("isv.invalid-app-id", "无效的AppID参数")
        if params.get("method") not in _OPS:
            raise _invalid("isv.invalid-method", "不存在的方法名")
        if params.get("sign_type") != "RSA2":
            raise _invalid("isv.invalid-signature-type", "无效的签名类型")
        if not _TIMESTAMP.match(params.get("timestamp", "")):
            raise _invalid("isv.invalid-timestamp", "非法的时间戳参数")
        if params.get("charset", "utf-8").lower() != "utf-8":
            raise _invalid("isv.invalid-charset", "字符集错误")
        signature = params.get("sign", "")
        content = "&".join(
            f"{name}={params[name]}" for name in sorted(params) if name != "sign" and params[name]
        )
        if not signature or not rsa_sha256_check(
            self.app.public_key(), content.encode("utf-8"), signature
        ):
            raise _invalid("isv.invalid-signature", "验签出错")

    def signed_text(self, key: str, node: dict[str, Any], *, corrupt: bool = False) -> str:
        node_text = json.dumps(node, ensure_ascii=False)
        signer = key_for("an-impostor") if corrupt else self.alipay
        sign = rsa_sha256_sign(signer, node_text.encode("utf-8"))
        return f'{{"{key}":{node_text},"sign":"{sign}"}}'

    # ---- the trades --------------------------------------------------------------

    def _work(self, method: str, biz: dict[str, Any]) -> dict[str, Any]:
        handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "alipay.trade.precreate": self._precreate,
            "alipay.trade.pay": self._pay,
            "alipay.data.dataservice.bill.downloadurl.query": self._bill_url,
            "alipay.trade.query": self._query,
            "alipay.trade.close": self._close,
            "alipay.trade.cancel": self._cancel,
            "alipay.trade.refund": self._refund,
            "alipay.trade.fastpay.refund.query": self._refund_query,
        }
        return {"code": "10000", "msg": "Success", **handlers[method](biz)}

    def _out_trade_no(self, biz: dict[str, Any]) -> str:
        value = biz.get("out_trade_no")
        if not isinstance(value, str) or not 1 <= len(value) <= 64:
            raise AlipayRefusal(
                "40001", "Missing Required Arguments", "isv.missing-out-trade-no", "缺少商户订单号"
            )
        return value

    def _trade(self, out_trade_no: str) -> Payment:
        """A trade Alipay has: paid, or scanned (a precreated QR nobody scanned is none)."""
        payment = self.store.payments.get(out_trade_no)
        if payment is None or payment.wallet is None or payment.wallet.provider != ALIPAY:
            raise _business("ACQ.TRADE_NOT_EXIST", "交易不存在")
        if not payment.wallet.scanned and payment.state not in ("PAID", "REFUNDED"):
            raise _business("ACQ.TRADE_NOT_EXIST", "交易不存在")
        self.confirm_if_due(payment)
        return payment

    def confirm_if_due(self, payment: Payment) -> None:
        """A barcode trade whose patron has confirmed on the phone by now is paid."""
        wallet = payment.wallet
        if wallet is None or wallet.password_until is None or payment.state != "PENDING":
            return
        now = self._now()
        if wallet.revoked or now < wallet.password_until or now >= payment.expires_at:
            return
        from kiosk.sim.payment_server import pay_order

        pay_order(self.store, payment.out_trade_no)

    def _pay(self, biz: dict[str, Any]) -> dict[str, Any]:
        """``alipay.trade.pay``: charge a payment code."""
        out_trade_no = self._out_trade_no(biz)
        if biz.get("scene") != "bar_code":
            raise _invalid("isv.invalid-scene", "支付场景无效,条码支付应为 bar_code")
        auth_code = biz.get("auth_code")
        if not isinstance(auth_code, str) or not auth_code:
            raise AlipayRefusal(
                "40001", "Missing Required Arguments", "isv.missing-auth-code", "缺少支付授权码"
            )
        total = _fen(biz.get("total_amount"))
        subject = biz.get("subject")
        if not isinstance(subject, str) or not 1 <= len(subject) <= 256:
            raise _invalid("isv.invalid-subject", "订单标题无效")
        existing = self.store.payments.get(out_trade_no)
        if existing is not None:
            return self._paid_again(existing, total)
        now = self._now()
        taken = self.paycodes.take(auth_code, ALIPAY, now)
        if not isinstance(taken, PayCode):
            raise _business("ACQ.PAYMENT_AUTH_CODE_INVALID", "获取顾客账户信息失败，请刷新付款码")
        if taken.outcome == "fail":
            raise _business("ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足")
        wallet = WalletTrade(ALIPAY, "BARCODE", scanned=True)
        wallet.transaction_id = provider_id(self.store.rng, "2025", 24)
        payment = Payment(
            out_trade_no=out_trade_no,
            amount_fen=total,
            description=subject,
            code_url="",
            created_at=now,
            expires_at=now + dt.timedelta(minutes=3),
            provider=ALIPAY,
            wallet=wallet,
        )
        self.store.payments[out_trade_no] = payment
        log.info("alipay code payment %s for %d fen: %s", out_trade_no, total, taken.outcome)
        if taken.outcome == "password":
            wait = taken.password_s
            wallet.password_until = NEVER if wait is None else now + dt.timedelta(seconds=wait)
            return self._waiting_node(payment)
        from kiosk.sim.payment_server import pay_order

        pay_order(self.store, out_trade_no)
        return self._paid_node(payment)

    def _paid_again(self, existing: Payment, total: int) -> dict[str, Any]:
        wallet = existing.wallet
        if (
            wallet is None
            or wallet.provider != ALIPAY
            or wallet.trade_type != "BARCODE"
            or existing.amount_fen != total
        ):
            raise _business("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改")
        self.confirm_if_due(existing)
        status = self._status(existing)
        if status == "WAIT_BUYER_PAY":
            return self._waiting_node(existing)
        if status == "TRADE_SUCCESS":
            return self._paid_node(existing)
        raise _business("ACQ.TRADE_HAS_CLOSE", "交易已经关闭")

    def _bill_url(self, biz: dict[str, Any]) -> dict[str, Any]:
        from kiosk.sim.bill_files import alipay_trade_bill

        if biz.get("bill_type") != "trade":
            raise _invalid("isv.invalid-bill-type", "模拟器只提供 trade 类型的账单")
        text = biz.get("bill_date")
        try:
            day = dt.date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise _invalid("isv.invalid-bill-date", "账单日期格式应为 yyyy-MM-dd")
        if day >= self._now().astimezone(CHINA).date():
            raise _business("isp.bill_not_exist", "账单不存在")
        content = alipay_trade_bill(self.store, day, PID)
        token = secrets.token_urlsafe(24)
        self.bill_files[token] = (content, self._now() + dt.timedelta(seconds=30))
        stamp = f"{day:%Y%m%d}"
        log.info("alipay bill of %s handed out (%d bytes)", day, len(content))
        return {
            "bill_download_url": f"{self._origin}/downloadBillFile.resource?bizType=trade"
            f"&userId={PID}&fileType=csv.zip&bizDates={stamp}"
            f"&downloadFileName={PID}_{stamp}.csv.zip&token={token}"
        }

    async def _bill_download(self, request: web.Request) -> web.StreamResponse:
        from kiosk.sim.payment_server import drop_connection

        fault = self.world.faults.take("payment", "bill")
        if fault is not None:
            early = await self._before_work(request, "bill", fault)
            if early is not None:
                return early
        content, until = self.bill_files.get(request.query.get("token", ""), (b"", None))
        if until is None or self._now() >= until:
            return web.Response(status=404, text="the link has expired")
        if fault is not None and fault.kind == "drop_response":
            return drop_connection(request, "bill", "after the work")
        if fault is not None and fault.kind == "malformed":
            content = content[: len(content) // 2]
        return web.Response(body=content, content_type="application/octet-stream")

    def _waiting_node(self, payment: Payment) -> dict[str, Any]:
        assert payment.wallet is not None
        return {
            "code": "10003",
            "msg": "等待用户付款",
            "out_trade_no": payment.out_trade_no,
            "trade_no": payment.wallet.transaction_id,
            "buyer_logon_id": "159****5620",
            "total_amount": _yuan(payment.amount_fen),
        }

    def _paid_node(self, payment: Payment) -> dict[str, Any]:
        assert payment.wallet is not None and payment.paid_at is not None
        return {
            "out_trade_no": payment.out_trade_no,
            "trade_no": payment.wallet.transaction_id,
            "buyer_logon_id": "159****5620",
            "total_amount": _yuan(payment.amount_fen),
            "receipt_amount": _yuan(payment.amount_fen),
            "buyer_pay_amount": _yuan(payment.amount_fen),
            "gmt_payment": payment.paid_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S"),
            "fund_bill_list": [
                {"fund_channel": "ALIPAYACCOUNT", "amount": _yuan(payment.amount_fen)}
            ],
        }

    def _precreate(self, biz: dict[str, Any]) -> dict[str, Any]:
        out_trade_no = self._out_trade_no(biz)
        total = _fen(biz.get("total_amount"))
        subject = biz.get("subject")
        if not isinstance(subject, str) or not 1 <= len(subject) <= 256:
            raise _invalid("isv.invalid-subject", "订单标题无效")
        now = self._now()
        lifetime = _lifetime(biz.get("timeout_express"))
        existing = self.store.payments.get(out_trade_no)
        if existing is not None:
            same = (
                existing.wallet is not None
                and existing.wallet.provider == ALIPAY
                and existing.amount_fen == total
                and existing.description == subject
            )
            if not same:
                raise _business("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改")
            if existing.state in ("PAID", "REFUNDED"):
                raise _business("ACQ.TRADE_HAS_SUCCESS", "交易已被支付")
            if existing.state == "CLOSED" or now >= existing.expires_at:
                raise _business("ACQ.TRADE_HAS_CLOSE", "交易已经关闭")
            return {"out_trade_no": out_trade_no, "qr_code": existing.code_url}
        token = "".join(
            self.store.rng.choice(string.ascii_letters + string.digits) for _ in range(22)
        )
        payment = Payment(
            out_trade_no=out_trade_no,
            amount_fen=total,
            description=subject,
            code_url=f"https://qr.alipay.com/{token}",
            created_at=now,
            expires_at=now + lifetime,
            provider=ALIPAY,
            wallet=WalletTrade(
                ALIPAY, "PRECREATE", time_expire=str(biz.get("timeout_express", ""))
            ),
        )
        self.store.payments[out_trade_no] = payment
        log.info("alipay precreate %s for %d fen", out_trade_no, total)
        return {"out_trade_no": out_trade_no, "qr_code": payment.code_url}

    def _status(self, payment: Payment) -> str:
        if payment.state == "PAID":
            return "TRADE_SUCCESS"
        if payment.state == "PENDING" and self._now() < payment.expires_at:
            return "WAIT_BUYER_PAY"
        return "TRADE_CLOSED"

    def _query(self, biz: dict[str, Any]) -> dict[str, Any]:
        payment = self._trade(self._out_trade_no(biz))
        wallet = payment.wallet
        assert wallet is not None
        paid = payment.paid_at is not None
        node: dict[str, Any] = {
            "out_trade_no": payment.out_trade_no,
            "trade_no": wallet.transaction_id,
            "trade_status": self._status(payment),
            "total_amount": _yuan(payment.amount_fen),
            "buyer_pay_amount": _yuan(payment.amount_fen if paid else 0),
            "buyer_logon_id": "159****5620",
        }
        if payment.paid_at is not None:
            node["send_pay_date"] = payment.paid_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")
        return node

    def _close(self, biz: dict[str, Any]) -> dict[str, Any]:
        payment = self._trade(self._out_trade_no(biz))
        if payment.state != "PENDING":
            if payment.state == "CLOSED":
                return {"out_trade_no": payment.out_trade_no}
            raise _business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法")
        payment.state = "CLOSED"
        assert payment.wallet is not None
        payment.wallet.closed_by_merchant = True
        return {"out_trade_no": payment.out_trade_no, "trade_no": payment.wallet.transaction_id}

    def _cancel(self, biz: dict[str, Any]) -> dict[str, Any]:
        out_trade_no = self._out_trade_no(biz)
        payment = self.store.payments.get(out_trade_no)
        if payment is None or payment.wallet is None or payment.wallet.provider != ALIPAY:
            return {"out_trade_no": out_trade_no, "retry_flag": "N", "action": "close"}
        wallet = payment.wallet
        wallet.revoked = True
        if payment.state in ("PAID", "REFUNDED"):
            left = payment.amount_fen - payment.refunded_fen
            if left:
                number = f"CANCEL-{out_trade_no}"
                wallet.refunds[number] = WalletRefund(number, "", left, self._now())
                payment.refunds[number] = left
                payment.refunded_fen = payment.amount_fen
            payment.state = "REFUNDED"
            action = "refund"
        else:
            payment.state = "CLOSED"
            wallet.closed_by_merchant = True
            action = "close"
        node = {"out_trade_no": out_trade_no, "retry_flag": "N", "action": action}
        if wallet.transaction_id:
            node["trade_no"] = wallet.transaction_id
        return node

    def _refund(self, biz: dict[str, Any]) -> dict[str, Any]:
        payment = self._trade(self._out_trade_no(biz))
        wallet = payment.wallet
        assert wallet is not None
        amount = _fen(biz.get("refund_amount"))
        number = biz.get("out_request_no") or payment.out_trade_no
        if not isinstance(number, str) or len(number) > 64:
            raise _invalid("isv.invalid-out-request-no", "退款请求号无效")
        done = wallet.refunds.get(number)
        if done is not None:
            if done.amount_fen != amount:
                raise _business("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额与原退款请求不一致")
            return self._refund_node(payment, fund_change="N")
        if payment.state not in ("PAID", "REFUNDED") or wallet.revoked:
            raise _business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法")
        if amount > payment.amount_fen - payment.refunded_fen:
            raise _business("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限")
        now = self._now()
        delay = self.config.refund_processing_s
        wallet.refunds[number] = WalletRefund(
            number,
            provider_id(self.store.rng, "", 16),
            amount,
            now,
            done_at=now + dt.timedelta(seconds=delay) if delay > 0 else None,
        )
        payment.refunds[number] = amount
        payment.refunded_fen += amount
        if payment.refunded_fen == payment.amount_fen:
            payment.state = "REFUNDED"
        log.info("alipay refund %s of %d fen on %s", number, amount, payment.out_trade_no)
        return self._refund_node(payment, fund_change="N" if delay > 0 else "Y")

    def _refund_node(self, payment: Payment, fund_change: str) -> dict[str, Any]:
        assert payment.wallet is not None
        return {
            "out_trade_no": payment.out_trade_no,
            "trade_no": payment.wallet.transaction_id,
            "buyer_logon_id": "159****5620",
            "fund_change": fund_change,
            "refund_fee": _yuan(payment.refunded_fen),
            "gmt_refund_pay": self._now().astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S"),
        }

    def _refund_query(self, biz: dict[str, Any]) -> dict[str, Any]:
        payment = self._trade(self._out_trade_no(biz))
        wallet = payment.wallet
        assert wallet is not None
        number = biz.get("out_request_no")
        refund = wallet.refunds.get(number) if isinstance(number, str) else None
        if refund is None:
            # Alipay answers success with no refund data for a refund it never took
            return {"out_trade_no": payment.out_trade_no}
        node: dict[str, Any] = {
            "out_trade_no": payment.out_trade_no,
            "trade_no": wallet.transaction_id,
            "out_request_no": refund.out_refund_no,
            "total_amount": _yuan(payment.amount_fen),
            "refund_amount": _yuan(refund.amount_fen),
        }
        if not refund.processing(self._now()):
            node["refund_status"] = "REFUND_SUCCESS"
        return node


def _biz(params: dict[str, str]) -> dict[str, Any]:
    try:
        biz = json.loads(params.get("biz_content", "") or "{}")
    except ValueError:
        raise _invalid("isv.invalid-biz-content", "biz_content 不是 JSON") from None
    if not isinstance(biz, dict):
        raise _invalid("isv.invalid-biz-content", "biz_content 不是 JSON 对象")
    return biz


def _fen(value: object) -> int:
    if not isinstance(value, str) or not _AMOUNT.match(value):
        raise _invalid("isv.invalid-amount", "金额格式错误,应为元,最多两位小数")
    whole, _, cents = value.partition(".")
    amount = int(whole) * 100 + int((cents + "00")[:2])
    if not 1 <= amount <= 10_000_000_000:
        raise _invalid("isv.invalid-amount", "金额超出范围 0.01-100000000.00")
    return amount


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _lifetime(value: object) -> dt.timedelta:
    if value in (None, ""):
        return dt.timedelta(hours=2)  # a precreated QR is valid two hours
    match = _TIMEOUT.match(value) if isinstance(value, str) else None
    if match is None:
        raise _invalid("isv.invalid-timeout-express", "timeout_express 格式错误,如 90m")
    count, unit = int(match[1]), match[2]
    lifetime = dt.timedelta(**{{"m": "minutes", "h": "hours", "d": "days"}[unit]: count})
    if lifetime > dt.timedelta(days=15):
        raise _invalid("isv.invalid-timeout-express", "timeout_express 取值范围 1m~15d")
    return lifetime
