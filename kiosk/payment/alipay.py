"""Alipay's openapi gateway (RSA2, face-to-face QR), as a :class:`PaymentProvider`.

Everything about this wire stays here (opendocs.alipay.com: 自行实现签名, 同步响应验签,
alipay.trade.precreate / query / cancel / close / refund / fastpay.refund.query):

- A request is one form POST to the gateway: the public parameters (``app_id``,
  ``method``, ``format``, ``charset``, ``sign_type=RSA2``, ``timestamp`` as China
  time ``yyyy-MM-dd HH:mm:ss``, ``version=1.0``) and ``biz_content``, a JSON text.
  ``sign`` is SHA256withRSA with the app private key over every other non-empty
  parameter, sorted by name and joined ``name=value&…`` (raw values, not URL-encoded).
- A reply is ``{"<method>_response": {...}, "sign": "…"}`` (``error_response`` for a
  call the gateway itself refuses); the signature covers the exact JSON text of that
  object and is checked with Alipay's public key. A success that is unsigned or does
  not verify is never believed: :class:`PaymentProtocolError`, ``maybe_applied=True``.
  A refusal is believed unsigned only as "nothing changed".
- ``code`` 10000 is success, 40004 a business refusal with ``sub_code``; 20000 (service
  unavailable) leaves the outcome unknown.
- Amounts are yuan strings with two decimals ("12.50") on this wire; they are converted
  here and only here, exactly (``Decimal``), and an amount with more is refused.
- A precreated QR has no trade until the patron scans it: query and close answer
  ``ACQ.TRADE_NOT_EXIST`` meanwhile. That reads as PENDING, never "not found",
  because the code stays payable: closing such an order is a cancel
  (``alipay.trade.cancel`` makes even a trade that does not exist yet unpayable),
  while a scanned, unpaid trade is closed with ``alipay.trade.close``.
- The QR's lifetime is ``timeout_express`` in whole minutes (Alipay takes 1m-15d).
- A trade refunded in full reads ``TRADE_CLOSED``; one that has a ``send_pay_date`` or
  a ``buyer_pay_amount`` was paid first, so it reads as refunded, not as never paid.
- A refund answered with ``fund_change`` "Y" is done; "N" (asked again, or not yet
  moved) is asked after with ``alipay.trade.fastpay.refund.query``, whose
  ``refund_status`` says ``REFUND_SUCCESS`` once the money is back.
- A payment code goes to ``alipay.trade.pay`` (``scene`` ``bar_code``): 10000 is paid,
  10003 waits for the patron to confirm on the phone (the trade reads
  ``WAIT_BUYER_PAY``), 40004 is a refusal (nothing taken) except ``ACQ.SYSTEM_ERROR``,
  which, like 20000, leaves the outcome unknown. ``alipay.trade.cancel`` then makes it
  take nothing (an unpaid trade closes, a paid one is refunded, ``action`` says which);
  ``retry_flag`` "Y" means ask again. The code itself is sent and never kept.
- A day's trade bill: ``alipay.data.dataservice.bill.downloadurl.query`` (``bill_type``
  trade) answers a ``bill_download_url``, fetched with a plain GET (Alipay signs
  neither); the ZIP is believed when its own totals count its lines.
  ``isp.bill_not_exist`` is a day with nothing on it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import decimal
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import httpx
from cryptography.hazmat.primitives.asymmetric import rsa

from kiosk.chinatime import CHINA_TIME
from kiosk.payment import rsa_sign
from kiosk.payment.base import (
    BillLine,
    PaymentError,
    PaymentNotFound,
    PaymentOrder,
    PaymentProtocolError,
    PaymentRejected,
    PaymentState,
    PaymentStatus,
    PaymentTimeout,
    PaymentUnavailable,
    RefundState,
    RefundStatus,
)
from kiosk.payment.bills import parse_alipay_trade_bill
from kiosk.payment.codes import scrub
from kiosk.tls import verify_for

log = logging.getLogger(__name__)

DEFAULT_URL = "https://openapi.alipay.com/gateway.do"
SUCCESS = "10000"
WAITING = "10003"  # alipay.trade.pay: the patron has to confirm on the phone
UNKNOWN = "20000"  # service unavailable: whether it took effect is not known
# refusals that are no refusal: the trade may exist, ask after it
_UNKNOWN_SUB_CODES = frozenset({"ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR"})
NOT_EXIST = "ACQ.TRADE_NOT_EXIST"

_TRADE_STATES = {
    "WAIT_BUYER_PAY": PaymentStatus.PENDING,
    "TRADE_SUCCESS": PaymentStatus.PAID,
    "TRADE_FINISHED": PaymentStatus.PAID,  # paid and past its refund period
    "TRADE_CLOSED": PaymentStatus.CLOSED,  # unpaid and closed, or refunded in full
}

T = TypeVar("T")


@dataclass(frozen=True)
class AlipayKeys:
    app_id: str
    private_key: rsa.RSAPrivateKey
    alipay_public_key: rsa.RSAPublicKey

    def __repr__(self) -> str:  # a private key is a secret: never shown
        return f"AlipayKeys(app_id={self.app_id!r})"

    @classmethod
    def load(cls, *, app_id: str, private_key_file: Path, public_key_file: Path) -> AlipayKeys:
        return cls(
            app_id,
            rsa_sign.load_private_key(private_key_file),
            rsa_sign.load_public_key(public_key_file),
        )


@dataclass(frozen=True)
class _Reply:
    code: str
    body: Mapping[str, Any]
    signed: bool

    @property
    def sub_code(self) -> str:
        return str(self.body.get("sub_code", ""))

    def refusal(self) -> PaymentRejected:
        message = str(self.body.get("sub_msg") or self.body.get("msg") or "")
        return PaymentRejected(400, self.sub_code or f"ALIPAY_{self.code}", message)


def yuan(fen: int) -> str:
    """12.50 for 1250 fen: Alipay's amounts are yuan with two decimals."""
    if fen < 0:
        raise ValueError("an amount cannot be negative")
    return f"{fen // 100}.{fen % 100:02d}"


def fen(text: object, what: str = "amount") -> int:
    """1250 for "12.50"; anything that is not yuan to the fen is a protocol error."""
    if not isinstance(text, str):
        raise PaymentProtocolError(f"{what} is not an amount")
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise PaymentProtocolError(f"{what} is not an amount") from None
    scaled = value * 100
    if not value.is_finite() or scaled != scaled.to_integral_value() or value < 0:
        raise PaymentProtocolError(f"{what} is not a whole number of fen")
    return int(scaled)


class AlipayProvider:
    """A :class:`PaymentProvider` (and :class:`RefundQueries`) for Alipay's gateway."""

    name = "alipay"

    def __init__(
        self,
        gateway_url: str,
        keys: AlipayKeys,
        *,
        timeout_s: float = 10.0,
        connect_timeout_s: float = 3.0,
        query_attempts: int = 3,
        retry_delay_s: float = 0.5,
        clock: Callable[[], dt.datetime] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if query_attempts < 1:
            raise ValueError("query_attempts must be at least 1")
        self.keys = keys
        self._url = gateway_url
        self._attempts = query_attempts
        self._retry_delay_s = retry_delay_s
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        # the QR's lifetime each order was first created with, so asking again agrees
        self._expiries: dict[str, tuple[int, dt.datetime]] = {}
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            transport=transport,
            headers={"Accept": "application/json"},
            verify=verify_for(gateway_url),  # every request goes to the gateway
        )

    async def __aenter__(self) -> AlipayProvider:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # ---- the port ----------------------------------------------------------------

    async def create(
        self, out_trade_no: str, amount_fen: int, description: str, expires_in_s: int
    ) -> PaymentOrder:
        """``alipay.trade.precreate``: the ``qr_code`` to show."""
        now = self._clock().astimezone(dt.UTC).replace(microsecond=0)
        minutes = max(1, expires_in_s // 60)
        minutes, expires_at = self._expiries.setdefault(
            out_trade_no, (minutes, now + dt.timedelta(minutes=minutes))
        )
        biz = {
            "out_trade_no": out_trade_no,
            "total_amount": yuan(amount_fen),
            "subject": description,
            "timeout_express": f"{minutes}m",
        }
        reply = await self._call("alipay.trade.precreate", biz)
        if reply.code != SUCCESS:
            raise reply.refusal()
        self._same_order(out_trade_no, reply)
        qr_code = reply.body.get("qr_code")
        if not isinstance(qr_code, str) or not qr_code:
            raise PaymentProtocolError("alipay.trade.precreate: no qr_code in the answer")
        log.info("alipay order %s created for %d fen", out_trade_no, amount_fen)
        return PaymentOrder(out_trade_no, qr_code, expires_at, PaymentStatus.PENDING)

    async def query(self, out_trade_no: str) -> PaymentState:
        return await self._retrying(lambda: self._query_once(out_trade_no), out_trade_no)

    async def close(self, out_trade_no: str) -> PaymentState:
        """Make the order unpayable: ``alipay.trade.close`` for a scanned, unpaid trade,
        ``alipay.trade.cancel`` for a QR nobody has scanned yet (close cannot reach it)."""
        seen, exists = await self._seen(out_trade_no)
        if seen.state in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
            raise PaymentRejected(409, "ORDER_PAID", f"order {out_trade_no} was paid")
        if seen.state is PaymentStatus.CLOSED:
            return seen
        method = "alipay.trade.close" if exists else "alipay.trade.cancel"
        reply = await self._call(method, {"out_trade_no": out_trade_no})
        if reply.code != SUCCESS and reply.sub_code not in (NOT_EXIST,):
            raise reply.refusal()
        after, exists = await self._seen(out_trade_no)
        if not exists or after.state is PaymentStatus.CLOSED:
            log.info("alipay order %s closed (%s)", out_trade_no, method)
            return PaymentState(out_trade_no, PaymentStatus.CLOSED, after.amount_fen, 0)
        if after.state is PaymentStatus.PAID:
            raise PaymentRejected(409, "ORDER_PAID", f"order {out_trade_no} was paid")
        raise PaymentProtocolError(f"order {out_trade_no} answered the close but is still open")

    async def refund(self, out_trade_no: str, out_refund_no: str, amount_fen: int) -> PaymentState:
        """``alipay.trade.refund`` under ``out_request_no``; the same number again answers
        the refund already made."""
        biz = {
            "out_trade_no": out_trade_no,
            "refund_amount": yuan(amount_fen),
            "out_request_no": out_refund_no,
        }
        reply = await self._call("alipay.trade.refund", biz)
        if reply.code != SUCCESS:
            raise reply.refusal()
        self._same_order(out_trade_no, reply)
        refunded_total = fen(reply.body.get("refund_fee"), "refund_fee")
        processing = False
        if reply.body.get("fund_change") != "Y":
            status = await self.refund_status(out_trade_no, out_refund_no)
            processing = status.status is RefundStatus.PROCESSING
        order = await self.query(out_trade_no)
        log.info(
            "alipay order %s refund %s of %d fen%s",
            out_trade_no,
            out_refund_no,
            amount_fen,
            " (processing)" if processing else "",
        )
        amount = order.amount_fen
        whole = amount > 0 and refunded_total >= amount
        return PaymentState(
            out_trade_no,
            PaymentStatus.REFUNDED if whole else PaymentStatus.PAID,
            amount,
            refunded_total,
            refund_processing=processing,
        )

    async def refund_status(self, out_trade_no: str, out_refund_no: str) -> RefundState:
        """``alipay.trade.fastpay.refund.query``: REFUND_SUCCESS once done; an accepted
        refund without it is still processing; no refund data at all is not found."""

        async def once() -> RefundState:
            biz = {"out_trade_no": out_trade_no, "out_request_no": out_refund_no}
            reply = await self._call("alipay.trade.fastpay.refund.query", biz)
            if reply.code != SUCCESS:
                if reply.signed and reply.sub_code == NOT_EXIST:
                    raise PaymentNotFound(404, reply.sub_code, "no such trade")
                raise reply.refusal()
            if not reply.body.get("refund_amount"):
                raise PaymentNotFound(404, "REFUND_NOT_EXIST", f"no refund {out_refund_no}")
            if reply.body.get("out_request_no", out_refund_no) != out_refund_no:
                raise PaymentProtocolError(f"asked about refund {out_refund_no}, answered another")
            done = reply.body.get("refund_status") == "REFUND_SUCCESS"
            return RefundState(
                out_refund_no,
                out_trade_no,
                RefundStatus.SUCCESS if done else RefundStatus.PROCESSING,
                fen(reply.body.get("refund_amount"), "refund_amount"),
            )

        return await self._retrying(once, out_refund_no)

    # ---- payment codes ---------------------------------------------------------------

    async def pay_code(
        self, out_trade_no: str, amount_fen: int, description: str, auth_code: str
    ) -> PaymentState:
        """``alipay.trade.pay`` with ``scene`` bar_code: PAID (10000), or PENDING while the
        patron confirms (10003); a refusal raises :class:`PaymentRejected`."""
        biz = {
            "out_trade_no": out_trade_no,
            "scene": "bar_code",
            "auth_code": auth_code.strip(),
            "subject": description,
            "total_amount": yuan(amount_fen),
        }
        failure: PaymentError | None = None
        try:
            reply = await self._call("alipay.trade.pay", biz)
        except PaymentError as exc:
            failure = _scrubbed(exc, auth_code)
        if failure is not None:
            raise failure  # outside the handler: the original is not its context
        if reply.code == WAITING and reply.signed:
            self._same_order(out_trade_no, reply)
            log.info("alipay code payment %s waits for the patron", out_trade_no)
            return PaymentState(out_trade_no, PaymentStatus.PENDING, amount_fen, 0)
        if reply.code == SUCCESS:
            self._same_order(out_trade_no, reply)
            paid = fen(reply.body.get("total_amount"), "total_amount")
            if paid != amount_fen:
                raise PaymentProtocolError(f"code payment {out_trade_no} paid another amount")
            log.info("alipay code payment %s paid", out_trade_no)
            return PaymentState(out_trade_no, PaymentStatus.PAID, paid, 0)
        if reply.code == WAITING or reply.sub_code in _UNKNOWN_SUB_CODES:
            raise PaymentUnavailable(f"alipay.trade.pay {out_trade_no}: outcome unknown")
        raise _scrubbed(reply.refusal(), auth_code)

    async def reverse(self, out_trade_no: str) -> PaymentState:
        """``alipay.trade.cancel``, then a query: closed or refunded in full is done."""
        reply = await self._call("alipay.trade.cancel", {"out_trade_no": out_trade_no})
        if reply.code != SUCCESS:
            if reply.sub_code in _UNKNOWN_SUB_CODES:
                raise PaymentUnavailable(f"alipay.trade.cancel {out_trade_no}: outcome unknown")
            if reply.sub_code != NOT_EXIST or not reply.signed:
                raise reply.refusal()
        elif reply.body.get("retry_flag") == "Y":
            raise PaymentUnavailable(f"alipay.trade.cancel {out_trade_no}: Alipay asks again")
        after, exists = await self._seen(out_trade_no)
        if not exists or after.state in (PaymentStatus.CLOSED, PaymentStatus.REFUNDED):
            action = reply.body.get("action")
            log.info("alipay code payment %s cancelled (%s)", out_trade_no, action)
            state = after.state if exists else PaymentStatus.CLOSED
            return PaymentState(out_trade_no, state, after.amount_fen, after.refunded_fen)
        raise PaymentProtocolError(
            f"code payment {out_trade_no} answered the cancel but reads {after.state.value}"
        )

    # ---- the day's bill ----------------------------------------------------------------

    async def trade_bill(self, day: dt.date) -> list[BillLine]:
        """The trade bill (业务明细) of ``day``: every payment and refund on it."""
        method = "alipay.data.dataservice.bill.downloadurl.query"
        reply = await self._call(method, {"bill_type": "trade", "bill_date": day.isoformat()})
        if reply.code != SUCCESS:
            if reply.signed and reply.sub_code == "isp.bill_not_exist":
                return []
            raise reply.refusal()
        url = reply.body.get("bill_download_url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise PaymentProtocolError(f"{method}: no bill_download_url")
        try:
            response = await self._client.get(url, follow_redirects=True)
        except httpx.HTTPError as exc:
            raise _failure("GET bill file", exc) from exc
        if response.status_code != 200:
            raise PaymentUnavailable(f"GET bill file: HTTP {response.status_code}")
        return parse_alipay_trade_bill(response.content)

    # ---- the wire ----------------------------------------------------------------

    async def _query_once(self, out_trade_no: str) -> PaymentState:
        return (await self._seen(out_trade_no))[0]

    async def _seen(self, out_trade_no: str) -> tuple[PaymentState, bool]:
        """The order's state, and whether Alipay has a trade for it yet."""
        reply = await self._call("alipay.trade.query", {"out_trade_no": out_trade_no})
        if reply.code != SUCCESS:
            if reply.signed and reply.sub_code == NOT_EXIST:
                # nobody scanned the QR (or it was never made): payable until cancelled
                return PaymentState(out_trade_no, PaymentStatus.PENDING, 0, 0), False
            raise reply.refusal()
        self._same_order(out_trade_no, reply)
        state = _TRADE_STATES.get(str(reply.body.get("trade_status")))
        if state is None:
            raise PaymentProtocolError(f"order {out_trade_no}: unknown trade_status")
        amount = fen(reply.body.get("total_amount"), "total_amount")
        if state is PaymentStatus.CLOSED and _was_paid(reply.body):
            # a paid trade closes only once refunded in full
            return PaymentState(out_trade_no, PaymentStatus.REFUNDED, amount, amount), True
        return PaymentState(out_trade_no, state, amount, 0), True

    async def _retrying(self, once: Callable[[], Awaitable[T]], what: str) -> T:
        for attempt in range(1, self._attempts + 1):
            try:
                return await once()
            except (PaymentTimeout, PaymentUnavailable, PaymentProtocolError) as exc:
                if attempt == self._attempts:
                    raise
                log.warning("alipay read of %s failed (%s), asking again", what, exc)
                await asyncio.sleep(self._retry_delay_s)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _same_order(self, out_trade_no: str, reply: _Reply) -> None:
        if reply.body.get("out_trade_no", out_trade_no) != out_trade_no:
            raise PaymentProtocolError(f"asked about order {out_trade_no}, answered another")

    def signed_form(self, method: str, biz: Mapping[str, Any]) -> dict[str, str]:
        """The form that goes to the gateway, ``sign`` included."""
        params = {
            "app_id": self.keys.app_id,
            "method": method,
            "format": "JSON",
            "charset": "utf-8",
            "sign_type": "RSA2",
            "timestamp": self._clock().astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M:%S"),
            "version": "1.0",
            "biz_content": json.dumps(biz, ensure_ascii=False, separators=(",", ":")),
        }
        content = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if v)
        params["sign"] = rsa_sign.sign(self.keys.private_key, content.encode("utf-8"))
        return params

    async def _call(self, method: str, biz: Mapping[str, Any]) -> _Reply:
        form = self.signed_form(method, biz)
        try:
            response = await self._client.post(
                self._url,
                data=form,
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"},
            )
        except httpx.HTTPError as exc:
            raise _failure(method, exc) from exc
        if response.status_code >= 500:
            raise PaymentUnavailable(f"{method}: Alipay failed with HTTP {response.status_code}")
        if response.status_code != 200:
            raise PaymentProtocolError(f"{method}: unexpected HTTP {response.status_code}")
        reply = self._verified(method, response.content)
        if reply.code == UNKNOWN:
            raise PaymentUnavailable(f"{method}: Alipay could not say (code 20000)")
        if reply.code == SUCCESS and not reply.signed:
            raise PaymentProtocolError(f"{method}: the answer is not signed")
        return reply

    def _verified(self, method: str, raw: bytes) -> _Reply:
        try:
            text = raw.decode("utf-8")
            document = json.loads(text)
        except (UnicodeDecodeError, ValueError):
            raise PaymentProtocolError(f"{method}: the answer is not JSON") from None
        if not isinstance(document, dict):
            raise PaymentProtocolError(f"{method}: the answer is not a JSON object")
        key = method.replace(".", "_") + "_response"
        if key not in document:
            key = "error_response"
        body = document.get(key)
        if not isinstance(body, dict):
            raise PaymentProtocolError(f"{method}: the answer has no {key}")
        signature = document.get("sign")
        signed = False
        if signature is not None:
            node = _node_text(text, key)
            if not isinstance(signature, str) or node is None:
                raise PaymentProtocolError(f"{method}: the answer's signature cannot be checked")
            if not rsa_sign.verify(self.keys.alipay_public_key, node.encode("utf-8"), signature):
                raise PaymentProtocolError(f"{method}: the answer's signature does not verify")
            signed = True
        return _Reply(str(body.get("code", "")), body, signed)


def _scrubbed(exc: PaymentError, auth_code: str) -> PaymentError:
    """The same failure with any echo of the payment code taken out of its message."""
    text = str(exc)
    clean = scrub(text, auth_code)
    if clean == text:
        return exc
    if isinstance(exc, PaymentRejected):
        message = clean.split(": ", 1)[1] if ": " in clean else clean
        return type(exc)(exc.status, scrub(exc.reason, auth_code), message)
    return type(exc)(clean, maybe_applied=exc.maybe_applied)


def _was_paid(body: Mapping[str, Any]) -> bool:
    """A closed trade that took money: it has a payment date or a buyer's amount."""
    paid = body.get("buyer_pay_amount")
    return bool(body.get("send_pay_date")) or (isinstance(paid, str) and fen(paid, "paid") > 0)


def _node_text(text: str, key: str) -> str | None:
    """The exact JSON text of the top-level ``key``'s value, as Alipay signed it."""
    decoder = json.JSONDecoder()
    marker = f'"{key}"'
    at = text.find(marker)
    while at != -1:
        colon = at + len(marker)
        while colon < len(text) and text[colon] in " \t\r\n":
            colon += 1
        if colon < len(text) and text[colon] == ":":
            start = colon + 1
            while start < len(text) and text[start] in " \t\r\n":
                start += 1
            try:
                _, end = decoder.raw_decode(text, start)
            except ValueError:
                return None
            return text[start:end]
        at = text.find(marker, at + 1)
    return None


def _failure(what: str, exc: httpx.HTTPError) -> PaymentError:
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return PaymentTimeout(f"{what}: connect timed out", maybe_applied=False)
    if isinstance(exc, httpx.TimeoutException):
        return PaymentTimeout(f"{what}: no answer in time")
    if isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol):
        return PaymentUnavailable(f"{what}: cannot connect ({exc})", maybe_applied=False)
    if isinstance(exc, httpx.TransportError):
        return PaymentUnavailable(f"{what}: connection lost ({exc!r})")
    return PaymentProtocolError(f"{what}: the answer could not be read ({type(exc).__name__})")
