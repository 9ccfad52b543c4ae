"""WeChat Pay API v3 for a direct merchant, as a :class:`~kiosk.payment.base.PaymentProvider`.

Everything about this wire stays here: paths, JSON fields, the signature on every
request and the check of every reply (pay.weixin.qq.com/doc/v3/merchant, the
"签名生成" and "签名验证" pages; wechatpay-apiv3's own SDKs agree).

- Each request carries ``Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",
  nonce_str="…",signature="…",timestamp="…",serial_no="…"``, the signature being
  SHA256withRSA with the merchant API key over ``METHOD\\nPATH?QUERY\\ntimestamp\\n
  nonce\\nbody\\n``, the path and body exactly as they go on the wire. WeChat
  refuses a timestamp more than 5 minutes off, and requests without ``Accept`` or
  ``User-Agent``.
- Each reply is signed over ``timestamp\\nnonce\\nbody\\n`` (``Wechatpay-Timestamp``,
  ``-Nonce``, ``-Signature``) by the key ``Wechatpay-Serial`` names: the WeChat Pay
  public key (``PUB_KEY_ID_…``) or a platform certificate by its serial; during a
  migration WeChat uses either, so both are held. A reply that does not verify, names
  a key we do not hold, or is stamped more than 5 minutes from our clock is never
  believed: :class:`PaymentProtocolError` with ``maybe_applied=True``, and the flow
  asks again. (A proxy that strips ``Wechatpay-*`` headers makes every reply fail so.)
  A refusal (4xx) is believed unsigned only as "nothing changed", and "no such order"
  only when signed and with WeChat's own not-found code (an injected or proxied 404 is
  a refusal), because "not found" lets the kiosk decide no money was taken.
- Amounts are integer fen on this wire, as inside the kiosk.
- ``time_expire`` can only be set by the first Native call; posting the same order
  again before then returns the same ``code_url``. The adapter keeps the time it sent
  first, so asking again after a lost answer re-fetches the QR instead of being refused.
- After ``time_expire`` WeChat still reports an unpaid order as ``NOTPAY`` (it can no
  longer be paid, but it is not closed until the merchant closes it); the flow closes
  it at its own deadline. The order query does not say how much was refunded: the
  kiosk refunds a payment whole under one number, so ``REFUND`` reads as refunded in
  full, and :meth:`refund_status` asks after that refund itself.
- A payment code goes to ``POST /v3/pay/transactions/codepay`` (``payer.auth_code``,
  ``scene_info.device_id`` the kiosk's id). It is paid at once (200, ``SUCCESS``) or
  waits for the patron's password (``USERPAYING``: 202 with that code, or 200 with
  that ``trade_state``; both read as PENDING), or is refused (4xx: nothing taken).
  ``POST …/{no}/reverse`` then makes it take nothing: an unpaid order closes, a paid
  one is refunded whole; the order reads ``REVOKED`` after. The code itself is sent
  and never kept: a message that echoes it is scrubbed before anyone sees it.
- A day's trade bill: ``GET /v3/bill/tradebill?bill_date=…&bill_type=ALL`` answers a
  ``download_url`` and the file's SHA1; the download is signed like any request (and
  only ever sent to WeChat's own host), its answer is not (WeChat does not sign it),
  so the file is believed only when its hash matches. ``NO_STATEMENT_EXIST`` is a day
  with nothing on it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

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
from kiosk.payment.bills import parse_wechat_trade_bill
from kiosk.payment.codes import scrub
from kiosk.tls import verify_for

if TYPE_CHECKING:
    from pydantic import BaseModel

    from kiosk.payment.wechatpay_replies import Error

log = logging.getLogger(__name__)

AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048"
MAX_SKEW_S = 300  # WeChat's own SDKs refuse a reply stamped 5 minutes or more away
DEFAULT_URL = "https://api.mch.weixin.qq.com"
USER_AGENT = "cinema-kiosk/1 (WeChat Pay API v3; httpx)"

# trade_state -> the port's status. NOTPAY and USERPAYING (a payment code waiting for
# the patron's password) can still be paid; REVOKED and PAYERROR never will be.
_TRADE_STATES = {
    "NOTPAY": PaymentStatus.PENDING,
    "USERPAYING": PaymentStatus.PENDING,
    "ACCEPT": PaymentStatus.PENDING,
    "SUCCESS": PaymentStatus.PAID,
    "REFUND": PaymentStatus.REFUNDED,
    "CLOSED": PaymentStatus.CLOSED,
    "REVOKED": PaymentStatus.CLOSED,
    "PAYERROR": PaymentStatus.CLOSED,
}
# The codes WeChat answers 404 with for an order or refund it has no record of (older
# pages spell the first ORDERNOTEXIST). Any other 404 is a refusal, never "not found":
# "not found" lets the kiosk decide no money was taken.
_NOT_FOUND = frozenset({"ORDER_NOT_EXIST", "ORDERNOTEXIST", "RESOURCE_NOT_EXISTS"})
_REFUND_STATES = {
    "SUCCESS": RefundStatus.SUCCESS,
    "PROCESSING": RefundStatus.PROCESSING,
    "ABNORMAL": RefundStatus.FAILED,
    "CLOSED": RefundStatus.FAILED,
}


# The reply models (and pydantic under them) load with the first answer read
# (kiosk.payment.wechatpay_replies), not at start.
M = TypeVar("M", bound="BaseModel")
T = TypeVar("T")


@dataclass(frozen=True)
class WechatPayKeys:
    """Who we are to WeChat Pay and whose signatures we believe."""

    mchid: str
    appid: str
    merchant_serial: str  # serial number of the merchant API certificate
    private_key: rsa.RSAPrivateKey
    # Wechatpay-Serial -> key: the WeChat Pay public key by its PUB_KEY_ID_…, and each
    # platform certificate by its serial (upper-case hex, no leading zeros)
    verifiers: Mapping[str, rsa.RSAPublicKey]

    def __repr__(self) -> str:  # a private key is a secret: never shown
        return f"WechatPayKeys(mchid={self.mchid!r}, serials={sorted(self.verifiers)})"

    @classmethod
    def load(
        cls,
        *,
        mchid: str,
        appid: str,
        merchant_serial: str,
        private_key_file: Path,
        public_key_file: Path | None = None,
        public_key_id: str = "",
        platform_cert_dir: Path | None = None,
    ) -> WechatPayKeys:
        """Read the key files; raises :class:`~kiosk.payment.rsa_sign.KeyFileError`."""
        verifiers: dict[str, rsa.RSAPublicKey] = {}
        if public_key_file is not None:
            verifiers[public_key_id] = rsa_sign.load_public_key(public_key_file)
        if platform_cert_dir is not None:
            for pem in sorted(platform_cert_dir.glob("*.pem")):
                serial, key = rsa_sign.load_certificate(pem)
                verifiers[_serial_key(serial)] = key
        return cls(
            mchid,
            appid,
            merchant_serial,
            rsa_sign.load_private_key(private_key_file),
            verifiers,
        )


def _serial_key(serial: str) -> str:
    """Certificate serials compared as WeChat writes them: upper-case hex, and a leading
    zero dropped by one side is no difference."""
    if serial.startswith("PUB_KEY_ID_"):
        return serial
    return serial.strip().upper().lstrip("0") or "0"


class WechatPayProvider:
    """A :class:`PaymentProvider` (and :class:`RefundQueries`) for WeChat Pay API v3.

    Only reads are retried here (``query``, ``refund_status``); whether to repeat a
    call with an effect is the flow's decision, made after reading its journal.
    """

    name = "wechatpay"

    def __init__(
        self,
        base_url: str,
        keys: WechatPayKeys,
        *,
        notify_url: str,
        timeout_s: float = 10.0,
        connect_timeout_s: float = 3.0,
        query_attempts: int = 3,
        retry_delay_s: float = 0.5,
        clock: Callable[[], dt.datetime] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        device_id: str = "kiosk",
    ) -> None:
        if query_attempts < 1:
            raise ValueError("query_attempts must be at least 1")
        self.keys = keys
        self._notify_url = notify_url
        self._device_id = device_id  # scene_info.device_id of a code payment: the kiosk
        self._attempts = query_attempts
        self._retry_delay_s = retry_delay_s
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        # the time_expire each order was first created with: WeChat refuses another
        self._expiries: dict[str, dt.datetime] = {}
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            verify=verify_for(base_url),
        )

    async def __aenter__(self) -> WechatPayProvider:
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
        """``POST /v3/pay/transactions/native``; the QR stays payable until ``time_expire``."""
        now = self._clock().astimezone(dt.UTC).replace(microsecond=0)
        expires_at = self._expiries.setdefault(
            out_trade_no, now + dt.timedelta(seconds=expires_in_s)
        )
        body = {
            "appid": self.keys.appid,
            "mchid": self.keys.mchid,
            "description": description,
            "out_trade_no": out_trade_no,
            "time_expire": expires_at.astimezone(CHINA_TIME).isoformat(),
            "notify_url": self._notify_url,
            "amount": {"total": amount_fen, "currency": "CNY"},
        }
        payload = await self._call("POST", "/v3/pay/transactions/native", body)
        from kiosk.payment.wechatpay_replies import NativeAnswer

        answer = _parse(NativeAnswer, payload)
        log.info("wechatpay order %s created for %d fen", out_trade_no, amount_fen)
        return PaymentOrder(out_trade_no, answer.code_url, expires_at, PaymentStatus.PENDING)

    async def query(self, out_trade_no: str) -> PaymentState:
        """``GET /v3/pay/transactions/out-trade-no/{no}?mchid=…``, asked again on a lost or
        unbelievable answer."""
        return await self._retrying(lambda: self._query_once(out_trade_no), out_trade_no)

    async def close(self, out_trade_no: str) -> PaymentState:
        """``POST …/{no}/close``, then a query: WeChat answers 204 whatever the order was,
        so whether it was paid first is read back, never assumed."""
        try:
            await self._call(
                "POST", _order_path(out_trade_no) + "/close", {"mchid": self.keys.mchid}
            )
        except PaymentRejected as exc:
            refused: PaymentRejected | None = exc
        else:
            refused = None
        seen = await self.query(out_trade_no)
        if seen.state is PaymentStatus.CLOSED:
            log.info("wechatpay order %s closed", out_trade_no)
            return seen
        if seen.state in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
            raise PaymentRejected(409, "ORDER_PAID", f"order {out_trade_no} was paid")
        if refused is not None:
            raise refused
        raise PaymentProtocolError(f"order {out_trade_no} answered the close but is still open")

    async def refund(self, out_trade_no: str, out_refund_no: str, amount_fen: int) -> PaymentState:
        """``POST /v3/refund/domestic/refunds``. WeChat wants the order's total beside the
        refund, so the order is read first; the same ``out_refund_no`` again answers the
        refund already made."""
        order = await self.query(out_trade_no)
        if order.state not in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
            raise PaymentRejected(409, "ORDER_NOT_PAID", f"order {out_trade_no} is {order.state}")
        body = {
            "out_trade_no": out_trade_no,
            "out_refund_no": out_refund_no,
            "amount": {"refund": amount_fen, "total": order.amount_fen, "currency": "CNY"},
        }
        refund = _refund_state(
            out_trade_no,
            out_refund_no,
            await self._call("POST", "/v3/refund/domestic/refunds", body),
        )
        if refund.status is RefundStatus.FAILED:
            raise PaymentRejected(409, "REFUND_FAILED", f"refund {out_refund_no} was not made")
        log.info(
            "wechatpay order %s refund %s of %d fen: %s",
            out_trade_no,
            out_refund_no,
            refund.amount_fen,
            refund.status.value,
        )
        whole = refund.amount_fen >= order.amount_fen
        return PaymentState(
            out_trade_no,
            PaymentStatus.REFUNDED if whole else PaymentStatus.PAID,
            order.amount_fen,
            refund.amount_fen,
            refund_processing=refund.status is RefundStatus.PROCESSING,
        )

    async def refund_status(self, out_trade_no: str, out_refund_no: str) -> RefundState:
        """``GET /v3/refund/domestic/refunds/{out_refund_no}``."""

        async def once() -> RefundState:
            path = "/v3/refund/domestic/refunds/" + quote(out_refund_no, safe="")
            return _refund_state(out_trade_no, out_refund_no, await self._call("GET", path))

        return await self._retrying(once, out_refund_no)

    # ---- payment codes ---------------------------------------------------------------

    async def pay_code(
        self, out_trade_no: str, amount_fen: int, description: str, auth_code: str
    ) -> PaymentState:
        """``POST /v3/pay/transactions/codepay``: PAID, or PENDING while the patron types a
        password; a refusal raises :class:`PaymentRejected` (nothing was taken)."""
        body = {
            "appid": self.keys.appid,
            "mchid": self.keys.mchid,
            "description": description,
            "out_trade_no": out_trade_no,
            "payer": {"auth_code": auth_code.strip()},
            "amount": {"total": amount_fen, "currency": "CNY"},
            "scene_info": {"device_id": self._device_id},
        }
        failure: PaymentError | None = None
        try:
            payload = await self._call("POST", "/v3/pay/transactions/codepay", body)
        except PaymentError as exc:
            if isinstance(exc, PaymentRejected) and exc.reason == "USERPAYING":
                # some answer the wait as a refusal-shaped 4xx
                return PaymentState(out_trade_no, PaymentStatus.PENDING, amount_fen, 0)
            failure = _scrubbed(exc, auth_code)
        if failure is not None:
            # raised outside the handler: the original, which may quote the code, is
            # neither its cause nor its context
            raise failure
        waiting = isinstance(payload, dict) and "trade_state" not in payload
        if waiting and payload.get("code") == "USERPAYING":
            log.info("wechatpay code payment %s waits for the patron", out_trade_no)
            return PaymentState(out_trade_no, PaymentStatus.PENDING, amount_fen, 0)
        seen = self._state_of(out_trade_no, payload)
        if seen.state is PaymentStatus.PAID and seen.amount_fen != amount_fen:
            raise PaymentProtocolError(f"code payment {out_trade_no} paid another amount")
        log.info("wechatpay code payment %s: %s", out_trade_no, seen.state.value)
        return seen

    async def reverse(self, out_trade_no: str) -> PaymentState:
        """``POST …/{no}/reverse``, then a query: REVOKED (or never paid) reads CLOSED, a
        refund in full REFUNDED; anything still payable or paid is not believed done."""
        body = {"appid": self.keys.appid, "mchid": self.keys.mchid}
        try:
            await self._call("POST", _order_path(out_trade_no) + "/reverse", body)
        except PaymentNotFound:
            log.info("wechatpay code payment %s never reached WeChat", out_trade_no)
            return PaymentState(out_trade_no, PaymentStatus.CLOSED, 0, 0)
        try:
            seen = await self.query(out_trade_no)
        except PaymentNotFound:
            return PaymentState(out_trade_no, PaymentStatus.CLOSED, 0, 0)
        if seen.state in (PaymentStatus.CLOSED, PaymentStatus.REFUNDED):
            log.info("wechatpay code payment %s reversed", out_trade_no)
            return seen
        raise PaymentProtocolError(
            f"code payment {out_trade_no} answered the reverse but reads {seen.state.value}"
        )

    # ---- the day's bill ----------------------------------------------------------------

    async def trade_bill(self, day: dt.date) -> list[BillLine]:
        """The ALL trade bill of ``day``: every payment and refund on it."""
        path = f"/v3/bill/tradebill?bill_date={day.isoformat()}&bill_type=ALL"
        try:
            from kiosk.payment.wechatpay_replies import BillAnswer

            answer = _parse(BillAnswer, await self._call("GET", path))
        except PaymentRejected as exc:
            if exc.reason == "NO_STATEMENT_EXIST":
                return []
            raise
        content = await self._download(answer.download_url)
        if answer.hash_type.upper() != "SHA1" or not answer.hash_value:
            raise PaymentProtocolError("the bill comes with no SHA1 to check it by")
        if hashlib.sha1(content).hexdigest() != answer.hash_value.strip().lower():
            raise PaymentProtocolError("the bill downloaded does not match its SHA1")
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            raise PaymentProtocolError("the bill is not UTF-8") from None
        return parse_wechat_trade_bill(text)

    async def _download(self, url: str) -> bytes:
        target = httpx.URL(url)
        base = self._client.base_url
        if (target.scheme, target.host, target.port) != (base.scheme, base.host, base.port):
            # our signature goes to WeChat only
            raise PaymentProtocolError("the bill's download_url is not on WeChat Pay's host")
        request = self._client.build_request("GET", target)
        request.headers["Authorization"] = self._authorization(
            "GET", request.url.raw_path.decode("ascii"), b""
        )
        try:
            response = await self._client.send(request)
        except httpx.HTTPError as exc:
            raise _failure("GET bill file", exc) from exc
        if response.status_code != 200:
            self._answer("GET bill file", response)  # a signed refusal, or a failure
            raise PaymentProtocolError(f"GET bill file: unexpected HTTP {response.status_code}")
        return response.content

    # ---- the wire ----------------------------------------------------------------

    async def _query_once(self, out_trade_no: str) -> PaymentState:
        path = _order_path(out_trade_no) + "?mchid=" + quote(self.keys.mchid, safe="")
        return self._state_of(out_trade_no, await self._call("GET", path))

    def _state_of(self, out_trade_no: str, payload: Any) -> PaymentState:
        """The port's state from a transaction (an order query, a code payment's answer)."""
        from kiosk.payment.wechatpay_replies import Transaction

        seen = _parse(Transaction, payload)
        if seen.out_trade_no != out_trade_no or seen.mchid != self.keys.mchid:
            raise PaymentProtocolError(f"asked about order {out_trade_no}, answered another")
        state = _TRADE_STATES.get(seen.trade_state)
        if state is None:
            raise PaymentProtocolError(f"order {out_trade_no}: unknown trade_state")
        amount = seen.amount.total if seen.amount else None
        if amount is None and state is not PaymentStatus.PENDING:
            raise PaymentProtocolError(f"order {out_trade_no} is {state} with no amount")
        amount = amount or 0
        refunded = amount if state is PaymentStatus.REFUNDED else 0
        return PaymentState(out_trade_no, state, amount, refunded)

    async def _retrying(self, once: Callable[[], Awaitable[T]], what: str) -> T:
        for attempt in range(1, self._attempts + 1):
            try:
                return await once()
            except (PaymentTimeout, PaymentUnavailable, PaymentProtocolError) as exc:
                if attempt == self._attempts:
                    raise
                log.warning("wechatpay read of %s failed (%s), asking again", what, exc)
                await asyncio.sleep(self._retry_delay_s)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _call(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        """Sign, send, verify; the reply's JSON (None for 204), or the port's error."""
        content = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json"} if body is not None else {}
        request = self._client.build_request(method, path, content=content, headers=headers)
        # What is signed is what goes on the wire: the path as httpx will send it.
        request.headers["Authorization"] = self._authorization(
            method, request.url.raw_path.decode("ascii"), content
        )
        what = f"{method} {path.split('?')[0]}"
        try:
            response = await self._client.send(request)
        except httpx.HTTPError as exc:
            raise _failure(what, exc) from exc
        return self._answer(what, response)

    def _authorization(self, method: str, url: str, body: bytes) -> str:
        timestamp = str(int(self._clock().timestamp()))
        nonce = secrets.token_hex(16).upper()
        message = f"{method}\n{url}\n{timestamp}\n{nonce}\n".encode() + body + b"\n"
        signature = rsa_sign.sign(self.keys.private_key, message)
        return (
            f'{AUTH_SCHEMA} mchid="{self.keys.mchid}",nonce_str="{nonce}",'
            f'signature="{signature}",timestamp="{timestamp}",'
            f'serial_no="{self.keys.merchant_serial}"'
        )

    def _answer(self, what: str, response: httpx.Response) -> Any:
        status = response.status_code
        if status >= 500:
            raise PaymentUnavailable(f"{what}: WeChat Pay failed with HTTP {status}")
        signed = self._verified(what, response)
        if status >= 400:
            error = _error(response)
            if status == 404 and signed and error.code in _NOT_FOUND:
                raise PaymentNotFound(status, error.code, error.message)
            raise PaymentRejected(status, error.code, error.message)
        if not signed:
            raise PaymentProtocolError(f"{what}: the answer is not signed")
        if status == 204:
            return None
        if status not in (200, 202):  # 202: a code payment waiting for the patron
            raise PaymentProtocolError(f"{what}: unexpected HTTP {status}")
        try:
            return json.loads(response.content)
        except ValueError:
            raise PaymentProtocolError(f"{what}: the answer is not JSON") from None

    def _verified(self, what: str, response: httpx.Response) -> bool:
        """True when the reply carries a good signature, False when it carries none;
        a bad one raises (it may be anyone's answer)."""
        headers = response.headers
        names = (
            "Wechatpay-Timestamp",
            "Wechatpay-Nonce",
            "Wechatpay-Signature",
            "Wechatpay-Serial",
        )
        values = [headers.get(name, "").strip() for name in names]
        if not any(values):
            return False
        timestamp, nonce, signature, serial = values
        if not all(values):
            raise PaymentProtocolError(f"{what}: the answer's signature headers are incomplete")
        try:
            stamped = int(timestamp)
        except ValueError:
            raise PaymentProtocolError(f"{what}: the answer's timestamp is not a number") from None
        skew = abs(self._clock().timestamp() - stamped)
        if skew > MAX_SKEW_S:
            raise PaymentProtocolError(
                f"{what}: the answer is stamped {skew:.0f} s from our clock (at most {MAX_SKEW_S})"
            )
        key = self.keys.verifiers.get(_serial_key(serial))
        if key is None:
            raise PaymentProtocolError(f"{what}: the answer is signed by unknown key {serial}")
        message = f"{timestamp}\n{nonce}\n".encode() + response.content + b"\n"
        if not rsa_sign.verify(key, message, signature):
            raise PaymentProtocolError(f"{what}: the answer's signature does not verify")
        return True


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


def _error(response: httpx.Response) -> Error:
    from pydantic import ValidationError

    from kiosk.payment.wechatpay_replies import Error

    try:
        return Error.model_validate_json(response.content)
    except ValidationError:
        return Error(code=f"HTTP_{response.status_code}", message=response.text[:200])


def _parse(model: type[M], payload: Any) -> M:
    from pydantic import ValidationError

    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) or "?" for e in exc.errors())
        raise PaymentProtocolError(f"unexpected answer (fields: {fields})") from None


def _refund_state(out_trade_no: str, out_refund_no: str, payload: Any) -> RefundState:
    from kiosk.payment.wechatpay_replies import Refund

    refund = _parse(Refund, payload)
    if refund.out_refund_no != out_refund_no or refund.out_trade_no != out_trade_no:
        raise PaymentProtocolError(f"asked about refund {out_refund_no}, answered another")
    status = _REFUND_STATES.get(refund.status)
    if status is None:
        raise PaymentProtocolError(f"refund {out_refund_no}: unknown status")
    return RefundState(out_refund_no, out_trade_no, status, refund.amount.refund)


def _order_path(out_trade_no: str) -> str:
    return "/v3/pay/transactions/out-trade-no/" + quote(out_trade_no, safe="")
