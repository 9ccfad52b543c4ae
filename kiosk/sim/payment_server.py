"""The payment simulator: a QR payment provider over HTTP (docs/simulators.md).

Orders live in ``world.store.payments`` so ``/_sim/state`` shows them, and time
is ``world.store.clock`` so tests can move past an order's expiry. Decisions
the document leaves open, made here the way real QR providers behave:

- An unpaid order past ``expires_at`` is closed by the provider: it reads as
  ``CLOSED`` from then on and paying it is refused (409 ``ORDER_EXPIRED``).
- Closing answers 409 for any order that is not ``PENDING``, with ``error``
  naming its state (``ORDER_CLOSED``, ``ORDER_PAID``, ``ORDER_REFUNDED``).
- A partial refund leaves the order ``PAID`` with ``refunded_fen`` raised; it
  becomes ``REFUNDED`` once every fen paid has been returned. Refunds are
  idempotent on ``out_refund_no`` within an order; the same number with a
  different amount is refused (409 ``REFUND_MISMATCH``).
- Paying an order twice is harmless (the second pay answers the paid order).
- Every refusal is ``{"error": CODE, "message": text}`` with a 4xx status;
  an unknown order is 404 ``ORDER_NOT_FOUND``, a bad request body 400.
- An amount (order or refund) is a whole number of fen from 1 to
  ``MAX_AMOUNT_FEN``, else 400 ``INVALID_REQUEST``: WeChat Pay's ``total`` is an
  int in fen, at least 1, and it refuses totals above 10,000,000.00 yuan
  (``invalid total_fee``); Alipay's ``total_amount`` is 0.01-100,000,000.00
  yuan. The tighter bound is kept, so nothing passes here that either refuses.
- ``code:N`` faults answer HTTP status N with ``{"error": "SIM_FAULT"}``
  (N outside 400-599 answers 500); ``malformed`` does the work and then
  answers a truncated JSON body. ``/_sim/pay`` is never faulted.

The real protocols share this port and these orders: WeChat Pay API v3
(:mod:`kiosk.sim.wechatpay_sim`) and Alipay's gateway (:mod:`kiosk.sim.alipay_sim`).
``/_sim/pay`` pays an order of any protocol (a payment code waiting for its
patron's password too); ``POST /_sim/paycode`` ``{"wallet": "wechat"|"alipay",
"outcome": "success"|"password"|"fail"}`` (and ``"password_s": N`` for a patron who
confirms N seconds later) answers ``{"code": ..., "wallet", "outcome", "expires_at"}``,
a fresh code for the kiosk's scanner, good for one charge within a minute;
``POST /_sim/wallet`` sets how they behave (:class:`kiosk.sim.wallet.WalletConfig`:
how long a refund stays processing, which key WeChat signs with, a clock skew on
replies) and answers the settings in force.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import re
import string
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from kiosk.sim.control import start_aiohttp
from kiosk.sim.faults import Fault
from kiosk.sim.json_body import UnreadableBody, parse_json_body
from kiosk.sim.store import Payment, SimStore
from kiosk.sim.wallet import (
    PAYCODE_LIFETIME_S,
    PAYCODE_OUTCOMES,
    PAYCODE_WALLETS,
    PayCodes,
    WalletConfig,
    provider_id,
)
from kiosk.sim.world import SimWorld

log = logging.getLogger(__name__)

PENDING, PAID, CLOSED, REFUNDED = "PENDING", "PAID", "CLOSED", "REFUNDED"
_TRADE_NO = re.compile(r"^[A-Za-z0-9_\-|*]{1,64}$")
MAX_EXPIRES_S = 24 * 3600
MAX_AMOUNT_FEN = 1_000_000_000  # 10,000,000.00 yuan: WeChat Pay's ceiling, below Alipay's
DEFAULT_EXPIRES_S = 300


class Refused(Exception):
    """A request the provider understood and will not carry out."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


# ---- the provider's rules, on the shared store --------------------------------


def _now(store: SimStore) -> dt.datetime:
    return store.clock().astimezone(dt.UTC)


def _find(store: SimStore, out_trade_no: str) -> Payment:
    payment = store.payments.get(out_trade_no)
    if payment is None:
        raise Refused(404, "ORDER_NOT_FOUND", f"no order {out_trade_no}")
    if payment.state == PENDING and _now(store) >= payment.expires_at:
        payment.state = CLOSED
    return payment


def create_order(
    store: SimStore, out_trade_no: str, amount_fen: int, description: str, expires_in_s: int
) -> Payment:
    existing = store.payments.get(out_trade_no)
    if existing is not None:
        if existing.amount_fen != amount_fen:
            raise Refused(
                409,
                "AMOUNT_MISMATCH",
                f"order {out_trade_no} exists for {existing.amount_fen} fen, not {amount_fen}",
            )
        return _find(store, out_trade_no)
    now = _now(store)
    token = "".join(store.rng.choice(string.ascii_letters + string.digits) for _ in range(16))
    payment = Payment(
        out_trade_no=out_trade_no,
        amount_fen=amount_fen,
        description=description,
        code_url=f"weixin://wxpay/bizpayurl?pr={token}",
        created_at=now,
        expires_at=now + dt.timedelta(seconds=expires_in_s),
    )
    store.payments[out_trade_no] = payment
    return payment


def close_order(store: SimStore, out_trade_no: str) -> Payment:
    payment = _find(store, out_trade_no)
    if payment.state != PENDING:
        raise Refused(409, f"ORDER_{payment.state}", f"order {out_trade_no} is {payment.state}")
    payment.state = CLOSED
    return payment


def refund_order(
    store: SimStore, out_trade_no: str, out_refund_no: str, amount_fen: int
) -> Payment:
    payment = _find(store, out_trade_no)
    done = payment.refunds.get(out_refund_no)
    if done is not None:
        if done != amount_fen:
            raise Refused(
                409,
                "REFUND_MISMATCH",
                f"refund {out_refund_no} was for {done} fen, not {amount_fen}",
            )
        return payment
    if payment.state not in (PAID, REFUNDED):
        raise Refused(409, "ORDER_NOT_PAID", f"order {out_trade_no} is {payment.state}")
    left = payment.amount_fen - payment.refunded_fen
    if amount_fen > left:
        raise Refused(
            409, "REFUND_EXCEEDS_PAID", f"only {left} fen of order {out_trade_no} can be refunded"
        )
    payment.refunds[out_refund_no] = amount_fen
    payment.refunded_fen += amount_fen
    if payment.refunded_fen == payment.amount_fen:
        payment.state = REFUNDED
    return payment


def pay_order(store: SimStore, out_trade_no: str) -> Payment:
    payment = _find(store, out_trade_no)
    if payment.state == PAID:
        return payment
    if payment.state == CLOSED and _now(store) >= payment.expires_at:
        raise Refused(409, "ORDER_EXPIRED", f"order {out_trade_no} expired unpaid")
    if payment.state != PENDING:
        raise Refused(409, f"ORDER_{payment.state}", f"order {out_trade_no} is {payment.state}")
    payment.state = PAID
    payment.paid_at = _now(store)
    if payment.wallet is not None:
        if not payment.wallet.transaction_id:  # a code payment has its number already
            payment.wallet.transaction_id = provider_id(store.rng, "4200", 24)
        payment.wallet.scanned = True
        payment.wallet.password_until = None
    return payment


def _state_json(payment: Payment) -> dict[str, Any]:
    return {
        "out_trade_no": payment.out_trade_no,
        "state": payment.state,
        "amount_fen": payment.amount_fen,
        "refunded_fen": payment.refunded_fen,
    }


# ---- request bodies -----------------------------------------------------------


def _field(body: dict[str, Any], name: str, kind: type, default: Any = None) -> Any:
    value = body.get(name, default)
    # bool is an int in Python but never an amount on the wire
    if value is None or not isinstance(value, kind) or isinstance(value, bool):
        raise Refused(400, "INVALID_REQUEST", f"{name} must be a {kind.__name__}")
    return value


def _amount(body: dict[str, Any], name: str) -> int:
    value: int = _field(body, name, int)
    if not 1 <= value <= MAX_AMOUNT_FEN:
        raise Refused(400, "INVALID_REQUEST", f"{name} must be 1-{MAX_AMOUNT_FEN} fen")
    return value


def _trade_no(body: dict[str, Any], name: str) -> str:
    value: str = _field(body, name, str)
    if not _TRADE_NO.match(value):
        raise Refused(400, "INVALID_REQUEST", f"{name} must be 1-64 of A-Z a-z 0-9 _ - | *")
    return value


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = parse_json_body(await request.read())
    except UnreadableBody as exc:
        raise Refused(400, "INVALID_REQUEST", str(exc)) from None
    if not isinstance(body, dict):
        raise Refused(400, "INVALID_REQUEST", "body must be a JSON object")
    return body


# ---- the HTTP service ---------------------------------------------------------


class PaymentSimulator:
    name = "payment"

    def __init__(self, world: SimWorld, host: str, port: int, keys_dir: Path | None = None) -> None:
        from kiosk.sim.alipay_sim import AlipaySim
        from kiosk.sim.wechatpay_sim import WechatPaySim, default_keys_dir

        self.world = world
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        # Hung requests wait on this, so closing the simulator never waits for them.
        self._closing = asyncio.Event()
        self.wallet = WalletConfig()
        # the codes patrons' phones show, for either wallet's protocol to charge
        self.paycodes = PayCodes()
        keys_dir = keys_dir or default_keys_dir()
        self.wechatpay = WechatPaySim(world, self.wallet, keys_dir, self._closing, self.paycodes)
        self.alipay = AlipaySim(world, self.wallet, keys_dir, self._closing, self.paycodes)

    async def start(self) -> PaymentSimulator:
        app = web.Application()
        app.router.add_post("/v1/orders", self._create)
        app.router.add_get("/v1/orders/{out_trade_no}", self._query)
        app.router.add_post("/v1/orders/{out_trade_no}/close", self._close)
        app.router.add_post("/v1/orders/{out_trade_no}/refund", self._refund)
        app.router.add_post("/_sim/pay/{out_trade_no}", self._pay)
        app.router.add_post("/_sim/wallet", self._wallet_settings)
        app.router.add_post("/_sim/paycode", self._paycode)
        self.wechatpay.add_routes(app)
        self.alipay.add_routes(app)
        self._runner, self.port = await start_aiohttp(app, self.host, self.port)
        return self

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def info(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "wechatpay": self.wechatpay.info(self.url),
            "alipay": self.alipay.info(self.url),
        }

    async def _wallet_settings(self, request: web.Request) -> web.StreamResponse:
        try:
            body = await _json_body(request)
            for name in ("refund_processing_s", "reply_skew_s"):
                if name in body:
                    value = body[name]
                    if not isinstance(value, int | float) or isinstance(value, bool):
                        raise Refused(400, "INVALID_REQUEST", f"{name} must be a number")
                    setattr(self.wallet, name, float(value))
            if "wechatpay_signer" in body:
                if body["wechatpay_signer"] not in ("public_key", "platform_certificate"):
                    raise Refused(
                        400,
                        "INVALID_REQUEST",
                        "wechatpay_signer must be public_key or platform_certificate",
                    )
                self.wallet.wechatpay_signer = body["wechatpay_signer"]
        except Refused as refused:
            return _refusal(refused)
        return web.json_response(dataclasses.asdict(self.wallet))

    async def _paycode(self, request: web.Request) -> web.StreamResponse:
        """A patron's phone showing a payment code: a fresh one, with what charging it does."""
        try:
            body = await _json_body(request)
            provider = PAYCODE_WALLETS.get(body.get("wallet"))  # type: ignore[arg-type]
            if provider is None:
                raise Refused(400, "INVALID_REQUEST", "wallet must be wechat or alipay")
            outcome = body.get("outcome", "success")
            if outcome not in PAYCODE_OUTCOMES:
                raise Refused(400, "INVALID_REQUEST", "outcome must be success, password or fail")
            password_s = body.get("password_s")
            if password_s is not None and (
                not isinstance(password_s, int | float)
                or isinstance(password_s, bool)
                or password_s < 0
            ):
                raise Refused(400, "INVALID_REQUEST", "password_s must be a number of seconds")
        except Refused as refused:
            return _refusal(refused)
        now = _now(self.store)
        issued = self.paycodes.issue(
            provider,
            outcome,
            now,
            self.store.rng,
            None if password_s is None else float(password_s),
        )
        log.info("payment code handed out for %s (%s)", provider, outcome)  # never the code
        expires = now + dt.timedelta(seconds=PAYCODE_LIFETIME_S)
        return web.json_response(
            {
                "code": issued.code,
                "wallet": body["wallet"],
                "outcome": outcome,
                "expires_at": expires.isoformat(),
            }
        )

    async def close(self) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def store(self) -> SimStore:
        return self.world.store

    async def _create(self, request: web.Request) -> web.StreamResponse:
        async def work() -> dict[str, Any]:
            body = await _json_body(request)
            expires_in_s = _field(body, "expires_in_s", int, DEFAULT_EXPIRES_S)
            if not 1 <= expires_in_s <= MAX_EXPIRES_S:
                raise Refused(400, "INVALID_REQUEST", f"expires_in_s must be 1-{MAX_EXPIRES_S}")
            amount_fen = _amount(body, "amount_fen")
            payment = create_order(
                self.store,
                _trade_no(body, "out_trade_no"),
                amount_fen,
                _field(body, "description", str, ""),
                expires_in_s,
            )
            return {
                "out_trade_no": payment.out_trade_no,
                "code_url": payment.code_url,
                "expires_at": payment.expires_at.isoformat(),
                "state": payment.state,
            }

        return await self._serve(request, "create", work)

    async def _query(self, request: web.Request) -> web.StreamResponse:
        async def work() -> dict[str, Any]:
            return _state_json(_find(self.store, request.match_info["out_trade_no"]))

        return await self._serve(request, "query", work)

    async def _close(self, request: web.Request) -> web.StreamResponse:
        async def work() -> dict[str, Any]:
            return _state_json(close_order(self.store, request.match_info["out_trade_no"]))

        return await self._serve(request, "close", work)

    async def _refund(self, request: web.Request) -> web.StreamResponse:
        async def work() -> dict[str, Any]:
            body = await _json_body(request)
            amount_fen = _amount(body, "amount_fen")
            payment = refund_order(
                self.store,
                request.match_info["out_trade_no"],
                _trade_no(body, "out_refund_no"),
                amount_fen,
            )
            return _state_json(payment)

        return await self._serve(request, "refund", work)

    async def _pay(self, request: web.Request) -> web.StreamResponse:
        try:
            payment = pay_order(self.store, request.match_info["out_trade_no"])
        except Refused as refused:
            return _refusal(refused)
        log.info("payment %s paid (simulated patron)", payment.out_trade_no)
        return web.json_response(_state_json(payment))

    async def _serve(
        self, request: web.Request, op: str, work: Callable[[], Awaitable[dict[str, Any]]]
    ) -> web.StreamResponse:
        fault = self.world.faults.take("payment", op)
        if fault is not None:
            early = await self._before_work(request, op, fault)
            if early is not None:
                return early
        try:
            response = web.json_response(await work())
        except Refused as refused:
            response = _refusal(refused)
        if fault is not None and fault.kind == "drop_response":
            return drop_connection(request, op, "after the work")
        if fault is not None and fault.kind == "malformed":
            text = response.text or ""
            return web.Response(
                status=200, text=text[: len(text) // 2], content_type="application/json"
            )
        return response

    async def _before_work(
        self, request: web.Request, op: str, fault: Fault
    ) -> web.StreamResponse | None:
        """Apply a fault that acts before the request is handled; None to go on."""
        if fault.kind == "drop_request":
            return drop_connection(request, op, "before the work")
        if fault.kind == "hang":
            await self._closing.wait()
            return drop_connection(request, op, "at shutdown")
        if fault.kind == "latency":
            await fault.delay()
        elif fault.kind == "http500":
            return web.Response(status=500, text="Internal Server Error")
        elif fault.kind == "code":
            status = fault.arg if fault.arg is not None and 400 <= fault.arg <= 599 else 500
            return web.json_response(
                {"error": "SIM_FAULT", "message": f"injected fault code:{fault.arg}"},
                status=status,
            )
        return None


def _refusal(refused: Refused) -> web.Response:
    return web.json_response(
        {"error": refused.code, "message": refused.message}, status=refused.status
    )


def drop_connection(request: web.Request, op: str, when: str) -> web.StreamResponse:
    """Close the connection without an answer; aiohttp then has nothing to send."""
    log.info("payment %s: dropping the connection %s (fault)", op, when)
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=204)


async def start_payment(
    world: SimWorld, host: str = "127.0.0.1", port: int = 0, keys_dir: Path | None = None
) -> PaymentSimulator:
    return await PaymentSimulator(world, host, port, keys_dir).start()
