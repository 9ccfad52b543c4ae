"""The patron's phone: paying a QR order shown by a kiosk that talks to the payment simulator.

``kiosk buy --pay-with-simulator``, the demo panel, the tests and the benchmarks press
"pay" with :func:`pay_with_simulator`, which calls the simulator's control path
``POST /_sim/pay/{out_trade_no}`` (docs/simulators.md). It reads the answer with its
own code from that document, not with the kiosk's payment client
(:mod:`kiosk.payment.http`): the phone is the simulator's side of the wire, and
sharing the client's reading would let one misreading pass on both ends. It answers
in the payment port's own terms (:mod:`kiosk.payment.base`), which hold no wire code.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from kiosk.payment.base import (
    PaymentError,
    PaymentNotFound,
    PaymentProtocolError,
    PaymentRejected,
    PaymentState,
    PaymentStatus,
    PaymentTimeout,
    PaymentUnavailable,
)

_STATE_FIELDS = ("out_trade_no", "state", "amount_fen", "refunded_fen")


async def pay_with_simulator(
    base_url: str, out_trade_no: str, timeout_s: float = 5.0
) -> PaymentState:
    """Stand in for the patron scanning the QR and paying; the order's state after it.

    A refusal (an order closed, expired or unknown) is :class:`PaymentRejected` with the
    simulator's HTTP status and ``error`` code, as the kiosk's own provider reports it."""
    # The simulator speaks plain HTTP on loopback: loading the system CA store for a
    # TLS context it never uses took 30-50 ms of the demo's UI loop per payment.
    plain = urlsplit(base_url).scheme == "http"
    path = "/_sim/pay/" + quote(out_trade_no, safe="")
    async with httpx.AsyncClient(
        base_url=base_url.rstrip("/"), timeout=timeout_s, verify=not plain
    ) as client:
        try:
            response = await client.post(path)
            body = response.content
        except httpx.HTTPError as exc:
            raise _unanswered(path, exc) from exc
    return _paid_state(out_trade_no, response.status_code, body)


def _unanswered(path: str, exc: httpx.HTTPError) -> PaymentError:
    if isinstance(exc, httpx.TimeoutException):
        return PaymentTimeout(f"POST {path}: no answer in time")
    if isinstance(exc, httpx.TransportError):
        return PaymentUnavailable(f"POST {path}: cannot reach the payment simulator ({exc!r})")
    # An answer came but could not be decoded (a gateway's wrong Content-Encoding):
    # the simulator may well have taken the money.
    return PaymentProtocolError(f"POST {path}: the answer could not be read ({type(exc).__name__})")


def _paid_state(out_trade_no: str, status: int, body: bytes) -> PaymentState:
    """The simulator answers 200 with the order's state, 4xx with
    ``{"error": CODE, "message": ...}``, 5xx when it failed."""
    if status >= 500:
        raise PaymentUnavailable(f"the payment simulator failed with HTTP {status}")
    decoded = _json(body)
    if 400 <= status < 500:
        code = decoded.get("error") if isinstance(decoded, dict) else None
        if not isinstance(code, str):
            raise PaymentRejected(status, f"HTTP_{status}", body[:200].decode(errors="replace"))
        message = str(decoded.get("message", ""))
        if status == 404 and code == "ORDER_NOT_FOUND":
            raise PaymentNotFound(status, code, message)
        raise PaymentRejected(status, code, message)
    if status != 200 or not isinstance(decoded, dict):
        raise PaymentProtocolError(f"the payment simulator answered HTTP {status}: {body[:80]!r}")
    return _state(out_trade_no, decoded)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _state(out_trade_no: str, decoded: dict[str, Any]) -> PaymentState:
    missing = [name for name in _STATE_FIELDS if name not in decoded]
    if missing:
        raise PaymentProtocolError(f"the order's state lacks {', '.join(missing)}")
    answered, amount, refunded = (
        decoded["out_trade_no"],
        decoded["amount_fen"],
        decoded["refunded_fen"],
    )
    if answered != out_trade_no:
        raise PaymentProtocolError(f"paid order {out_trade_no} but the answer is for {answered}")
    if not all(type(n) is int and n >= 0 for n in (amount, refunded)):
        raise PaymentProtocolError(f"amounts are not whole fen: {amount!r}, {refunded!r}")
    try:
        state = PaymentStatus(decoded["state"])
    except ValueError:
        raise PaymentProtocolError(f"unknown order state {decoded['state']!r}") from None
    return PaymentState(
        out_trade_no=answered, state=state, amount_fen=amount, refunded_fen=refunded
    )


async def present_paycode(
    base_url: str, wallet: str, outcome: str = "success", timeout_s: float = 5.0
) -> str:
    """Stand in for the patron opening the wallet's payment code (付款码): a fresh code
    from ``POST /_sim/paycode`` (``wallet`` wechat or alipay) that then succeeds, waits
    for a password or fails, as ``outcome`` says. The code is the patron's to show to
    the kiosk's scanner; nothing here logs it."""
    plain = urlsplit(base_url).scheme == "http"
    path = "/_sim/paycode"
    async with httpx.AsyncClient(
        base_url=base_url.rstrip("/"), timeout=timeout_s, verify=not plain
    ) as client:
        try:
            response = await client.post(path, json={"wallet": wallet, "outcome": outcome})
        except httpx.HTTPError as exc:
            raise _unanswered(path, exc) from exc
    decoded = _json(response.content)
    if response.status_code != 200 or not isinstance(decoded, dict):
        raise PaymentRejected(response.status_code, "PAYCODE_REFUSED", str(decoded)[:200])
    code = decoded.get("code")
    if not isinstance(code, str) or not code.isdigit():
        raise PaymentProtocolError("the simulator's payment code is not digits")
    return code
