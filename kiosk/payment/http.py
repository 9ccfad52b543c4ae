"""The payment provider over HTTP, speaking the simulator's API (docs/simulators.md).

This is the adapter an installer points at the payment simulator; a WeChat Pay
or Alipay adapter sits beside it implementing the same
:class:`~kiosk.payment.base.PaymentProvider`. Everything about this wire (paths,
JSON field names, error bodies, HTTP statuses) stays in this module.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import httpx

from kiosk.payment.base import (
    PaymentError,
    PaymentNotFound,
    PaymentOrder,
    PaymentProtocolError,
    PaymentRejected,
    PaymentState,
    PaymentTimeout,
    PaymentUnavailable,
)
from kiosk.settings import Settings
from kiosk.tls import verify_for

if TYPE_CHECKING:
    from pydantic import BaseModel

# The reply models (and pydantic under them) load with the first answer read, not at
# start: `kiosk buy` is building its order with Connect by then (the Connect client
# loads pydantic on a thread with its first request, kiosk.connect.client).
M = TypeVar("M", bound="BaseModel")

log = logging.getLogger(__name__)


class HttpPaymentProvider:
    """A :class:`PaymentProvider` for the simulator's HTTP API.

    Only ``query`` is retried: it is a GET with no effect. ``create``, ``close``
    and ``refund`` are idempotent on the provider's side too, but whether to
    repeat them is the flow's decision, made after reading the journal.
    """

    name = "simulator"  # as payment_providers names it

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 10.0,
        connect_timeout_s: float = 3.0,
        query_attempts: int = 3,
        retry_delay_s: float = 0.5,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if query_attempts < 1:
            raise ValueError("query_attempts must be at least 1")
        self._attempts = query_attempts
        self._retry_delay_s = retry_delay_s
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            transport=transport,
            headers={"Accept": "application/json"},
            verify=verify_for(base_url),
        )

    async def __aenter__(self) -> HttpPaymentProvider:
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

    async def create(
        self, out_trade_no: str, amount_fen: int, description: str, expires_in_s: int
    ) -> PaymentOrder:
        body = {
            "out_trade_no": out_trade_no,
            "amount_fen": amount_fen,
            "description": description,
            "expires_in_s": expires_in_s,
        }
        from kiosk.payment.http_replies import Created

        created = _parse(Created, await self._send("POST", "/v1/orders", body))
        _same_order(out_trade_no, created.out_trade_no)
        log.info("payment %s created for %d fen", out_trade_no, amount_fen)
        return PaymentOrder(
            out_trade_no=created.out_trade_no,
            code_url=created.code_url,
            expires_at=_aware(created.expires_at),
            state=created.state,
        )

    async def query(self, out_trade_no: str) -> PaymentState:
        for attempt in range(1, self._attempts + 1):
            try:
                return _state(out_trade_no, await self._send("GET", _order(out_trade_no)))
            except (PaymentTimeout, PaymentUnavailable, PaymentProtocolError) as exc:
                if attempt == self._attempts:
                    raise
                log.warning("payment query %s failed (%s), retrying", out_trade_no, exc)
                await asyncio.sleep(self._retry_delay_s)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def close(self, out_trade_no: str) -> PaymentState:
        try:
            payload = await self._send("POST", _order(out_trade_no) + "/close")
        except PaymentRejected as exc:
            # The wire only closes PENDING orders; our port promises that
            # closing twice (say, after a lost answer) is harmless.
            if exc.reason == "ORDER_CLOSED":
                return await self.query(out_trade_no)
            raise
        log.info("payment %s closed", out_trade_no)
        return _state(out_trade_no, payload)

    async def refund(self, out_trade_no: str, out_refund_no: str, amount_fen: int) -> PaymentState:
        body = {"out_refund_no": out_refund_no, "amount_fen": amount_fen}
        payload = await self._send("POST", _order(out_trade_no) + "/refund", body)
        log.info("payment %s refund %s of %d fen", out_trade_no, out_refund_no, amount_fen)
        return _state(out_trade_no, payload)

    async def _send(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        try:
            response = await self._client.request(method, path, json=body)
        except httpx.HTTPError as exc:
            raise _failure(f"{method} {path}", exc) from exc
        return _payload(method, path, response)


def _failure(what: str, exc: httpx.HTTPError) -> PaymentError:
    """Every way httpx can fail, as the port's errors. ``maybe_applied`` is False only
    where the request certainly never reached the provider."""
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return PaymentTimeout(f"{what}: connect timed out", maybe_applied=False)
    if isinstance(exc, httpx.TimeoutException):
        return PaymentTimeout(f"{what}: no answer in time")
    if isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol):
        return PaymentUnavailable(f"{what}: cannot connect ({exc})", maybe_applied=False)
    if isinstance(exc, httpx.TransportError):
        return PaymentUnavailable(f"{what}: connection lost ({exc!r})")
    # Not the connection but the answer (a body that does not match its
    # Content-Encoding, too many redirects): the provider answered, so it may have acted.
    return PaymentProtocolError(f"{what}: the answer could not be read ({type(exc).__name__})")


def _payload(method: str, path: str, response: httpx.Response) -> Any:
    status = response.status_code
    if status >= 500:
        raise PaymentUnavailable(f"{method} {path}: provider failed with HTTP {status}")
    if status >= 400:
        from pydantic import ValidationError

        from kiosk.payment.http_replies import Error

        try:
            error = Error.model_validate_json(response.content)
        except ValidationError:
            raise PaymentRejected(status, f"HTTP_{status}", response.text[:200]) from None
        if status == 404 and error.error == "ORDER_NOT_FOUND":
            raise PaymentNotFound(status, error.error, error.message)
        raise PaymentRejected(status, error.error, error.message)
    if status != 200:
        raise PaymentProtocolError(f"{method} {path}: unexpected HTTP {status}")
    try:
        return response.json()
    except ValueError:
        raise PaymentProtocolError(f"{method} {path}: the answer is not JSON") from None


def _parse(model: type[M], payload: Any) -> M:
    from pydantic import ValidationError

    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        fields = ", ".join(str(e["loc"][0]) if e["loc"] else "?" for e in exc.errors())
        raise PaymentProtocolError(f"unexpected answer (fields: {fields})") from None


def _state(out_trade_no: str, payload: Any) -> PaymentState:
    from kiosk.payment.http_replies import State

    parsed = _parse(State, payload)
    _same_order(out_trade_no, parsed.out_trade_no)
    return PaymentState(
        out_trade_no=parsed.out_trade_no,
        state=parsed.state,
        amount_fen=parsed.amount_fen,
        refunded_fen=parsed.refunded_fen,
    )


def _same_order(asked: str, answered: str) -> None:
    if asked != answered:
        raise PaymentProtocolError(f"asked about order {asked} but the answer is for {answered}")


def _aware(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise PaymentProtocolError(f"expires_at {text!r} is not an ISO-8601 time") from None
    if value.tzinfo is None:
        raise PaymentProtocolError(f"expires_at {text!r} has no time zone")
    return value.astimezone(dt.UTC)


def _order(out_trade_no: str) -> str:
    return "/v1/orders/" + quote(out_trade_no, safe="")


def from_settings(settings: Settings) -> HttpPaymentProvider:
    return HttpPaymentProvider(settings.payment_url)
