"""The VISTA Connect client: one method per operation the kiosk uses (seed §3.1-3.12).

It owns an ``httpx.AsyncClient`` (connection pool, timeouts) and turns every
way a call can end into either the kiosk's own type (:mod:`kiosk.domain`, mapped
from the wire models by :mod:`kiosk.connect.mapping`) or a :class:`ConnectError`
subclass. Reads are retried (they are idempotent); POSTs never are, because a
lost answer to AddTickets or CompleteOrder may still have taken effect and only
the purchase flow's recovery path (seed §2.2) can decide what happened.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import functools
import json
import logging
import re
import sys
import time
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from kiosk import ahead, domain
from kiosk.connect import mapping, wire
from kiosk.connect.errors import (
    ConnectAuthError,
    ConnectProtocolError,
    ConnectRequestInvalid,
    ConnectTimeout,
    ConnectUnavailable,
)
from kiosk.connect.odata import ODataQuery
from kiosk.connect.results import check_result
from kiosk.domain.values import new_user_session_id as new_user_session_id
from kiosk.logs import current_correlation_id
from kiosk.settings import Settings
from kiosk.tls import verify_for

if TYPE_CHECKING:
    from pydantic import BaseModel

log = logging.getLogger(__name__)

# The header name exactly as Connect's gateways expect it: one in the wild
# answered 403 to ``ConnectApiToken``.
TOKEN_HEADER = "connectapitoken"
CORRELATION_HEADER = "correlationId"

CINEMA_FIELDS = (
    "ID",
    "CinemaNationalId",
    "Name",
    "NameAlt",
    "PhoneNumber",
    "EmailAddress",
    "Address1",
    "City",
)
FILM_FIELDS = (
    "ScheduledFilmId",
    "Title",
    "TitleAlt",
    "RunTime",
    "ShortCode",
    "RatingDescription",
    "Synopsis",
    "Sessions/SessionId",
    "Sessions/Showtime",
    "Sessions/Attributes/Description",
    "Sessions/ScreenNumber",
    "Sessions/ScreenName",
)
_USER_SESSION_ID = re.compile(r"^[A-Za-z0-9]{1,32}$")
_PATH_ID = re.compile(r"^[A-Za-z0-9]{1,20}$")


def _check_user_session_id(value: str) -> str:
    if not _USER_SESSION_ID.match(value):
        raise ConnectRequestInvalid("UserSessionId must be 1 to 32 letters or digits")
    return value


class ConnectClient:
    """Async VISTA Connect client; use ``async with ConnectClient.from_settings(s) as c``."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        cinema_id: str = "0200",
        ticketing_service: str = "RESTTicketing.svc",
        booking_service: str = "RESTBooking.svc",
        client_class: str = "KIOSK",
        client_id: str = "127.0.0.1",
        client_name: str = "SelfServiceKiosk",
        card_type: str = "CreditCard",
        tender_category: str = "CreditCard",
        card_number: str = "9999999999999999",
        read_timeout_s: float = 20.0,
        complete_timeout_s: float = 80.0,
        read_retries: int = 3,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.cinema_id = cinema_id
        self.ticketing_service = ticketing_service
        self.booking_service = booking_service
        self.client_class = client_class
        self.client_id = client_id
        self.client_name = client_name
        self.card_type = card_type
        self.tender_category = tender_category
        self.card_number = card_number
        self.read_timeout_s = read_timeout_s
        self.complete_timeout_s = complete_timeout_s
        self.read_retries = max(1, read_retries)
        try:
            self._http = httpx.AsyncClient(
                base_url=base_url.rstrip("/") + "/",
                headers={TOKEN_HEADER: token, "Accept": "application/json"},
                transport=transport,
                follow_redirects=False,
                verify=verify_for(base_url),
            )
        except UnicodeEncodeError:
            # Header values go out as ASCII. The error text would quote a character
            # of the token, so it is not passed on.
            raise ConnectRequestInvalid("the Connect token must be ASCII") from None

    @classmethod
    def from_settings(
        cls, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> ConnectClient:
        return cls(
            settings.connect_url,
            settings.connect_token.get_secret_value(),
            cinema_id=settings.cinema_id,
            ticketing_service=settings.connect_ticketing_service,
            booking_service=settings.connect_booking_service,
            client_class=settings.connect_client_class,
            client_id=settings.connect_client_id,
            client_name=settings.connect_client_name,
            card_type=settings.connect_card_type,
            tender_category=settings.connect_tender_category,
            card_number=settings.connect_card_number,
            read_timeout_s=settings.connect_read_timeout_s,
            complete_timeout_s=settings.connect_complete_timeout_s,
            read_retries=settings.connect_read_retries,
            transport=transport,
        )

    async def __aenter__(self) -> ConnectClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # ---- OData.svc: catalogue -------------------------------------------------

    async def get_cinemas(self) -> list[domain.Cinema]:
        """§3.1, with ``$select`` so the answer stays small (the seed asks for it)."""
        query = ODataQuery(select=CINEMA_FIELDS)
        body = await self._get("Cinemas", "OData.svc/Cinemas", query, reply="Cinema")
        items = _odata_items(body, "Cinemas")
        return [mapping.cinema(self._model("Cinema", item, "Cinemas")) for item in items]

    async def get_now_showing_scheduled_films(
        self, cinema_id: str | None = None
    ) -> list[domain.Film]:
        """§3.2: films on sale with their sessions and session attributes."""
        op = "GetNowShowingScheduledFilms"
        query = ODataQuery(
            select=FILM_FIELDS,
            expand=("Sessions/Attributes",),
            params=(("cinemaId", cinema_id or self.cinema_id),),
        )
        body = await self._get(
            op, "OData.svc/GetNowShowingScheduledFilms", query, reply="ScheduledFilm"
        )
        return [
            mapping.film(self._model("ScheduledFilm", item, op)) for item in _odata_items(body, op)
        ]

    async def get_sessions(
        self,
        cinema_id: str | None = None,
        *,
        after: dt.datetime | None = None,
        film_id: str | None = None,
    ) -> list[domain.Session]:
        """The Sessions entity set, filtered on the server by cinema, start time and film."""
        query = ODataQuery().where("CinemaId", "eq", cinema_id or self.cinema_id)
        if after is not None:
            query = query.where("Showtime", "gt", after)
        if film_id is not None:
            query = query.where("ScheduledFilmId", "eq", film_id)
        body = await self._get("Sessions", "OData.svc/Sessions()", query, reply="Session")
        items = _odata_items(body, "Sessions")
        return [mapping.session(self._model("Session", item, "Sessions")) for item in items]

    # ---- RESTData.svc: what a session sells -------------------------------------

    async def get_tickets_for_session(
        self, session_id: str, cinema_id: str | None = None
    ) -> list[domain.TicketType]:
        op = "GetTicketsForSession"
        path = self._session_path(session_id, cinema_id, "tickets")
        body = _checked(await self._get(op, path, reply="TicketType"), op)
        tickets = body.get("Tickets")
        if not isinstance(tickets, list):
            raise ConnectProtocolError(f"{op}: Tickets is not a list", operation=op)
        return [mapping.ticket_type(self._model("TicketType", item, op)) for item in tickets]

    async def get_session_seat_plan(
        self, session_id: str, cinema_id: str | None = None
    ) -> domain.SeatPlan:
        """Raises :class:`SoldOut` (67) for a session marked sold out or private, and
        :class:`InvalidRequestData` (4) for unknown ids; a really sold-out session is a
        plan with every seat unavailable."""
        op = "GetSessionSeatPlan"
        path = self._session_path(session_id, cinema_id, "seat-plan")
        body = _checked(await self._get(op, path, reply="SeatPlan"), op)
        return mapping.seat_plan(self._model("SeatPlan", body.get("SeatLayoutData"), op))

    # ---- RESTTicketing.svc: the order -------------------------------------------

    async def add_tickets(
        self,
        user_session_id: str,
        session_id: str,
        tickets: Sequence[domain.TicketLine],
        seats: Sequence[domain.SeatChoice],
        *,
        cinema_id: str | None = None,
        booking_fee_override_fen: int | None = None,
        auto_allocate: bool = False,
    ) -> domain.Order:
        """§3.5: lock ``seats`` for ``tickets``. Raises :class:`SeatsUnavailable` (8) when
        they are gone and :class:`InvalidRequestData` (4) on a wrong price.

        Connect picks seats itself when ``SelectedSeats`` is empty (seed §2.2), so an
        empty selection is refused here unless ``auto_allocate`` asks for exactly that."""
        op = "AddTickets"
        count = sum(t.qty for t in tickets)
        if not tickets:
            raise ConnectRequestInvalid("AddTickets needs at least one ticket", operation=op)
        if not auto_allocate and len(seats) != count:
            raise ConnectRequestInvalid(
                f"{count} tickets need {count} selected seats, got {len(seats)}", operation=op
            )
        payload = {
            "UserSessionId": _check_user_session_id(user_session_id),
            "CinemaId": cinema_id or self.cinema_id,
            "SessionId": session_id,
            "TicketTypes": [mapping.ticket_request(t) for t in tickets],
            "ReturnOrder": True,
            "BookingFeeOverride": booking_fee_override_fen,
            "SelectedSeats": [mapping.seat_request(s) for s in seats] or None,
            **self._client_info(),
        }
        body = await self._post(
            op, self._ticketing("order/tickets"), payload, self.read_timeout_s, reply="Order"
        )
        return mapping.order(self._model("Order", _checked(body, op).get("Order"), op))

    async def get_order(self, user_session_id: str) -> domain.Order:
        """§3.6: ``Order.complete_called`` tells whether CompleteOrder was called on it."""
        op = "GetOrder"
        payload = {"UserSessionId": _check_user_session_id(user_session_id), **self._client_info()}
        body = _checked(
            await self._post(
                op, self._ticketing("order"), payload, self.read_timeout_s, reply="Order"
            ),
            op,
        )
        order = body.get("Order")
        if order is None:
            return domain.Order(user_session_id=user_session_id)
        return mapping.order(self._model("Order", order, op))

    async def cancel_order(self, user_session_id: str) -> None:
        """§3.7: releases the seat locks of an order that is not completed."""
        op = "CancelOrder"
        payload = {"UserSessionId": _check_user_session_id(user_session_id), **self._client_info()}
        _checked(
            await self._post(op, self._ticketing("order/cancel"), payload, self.read_timeout_s), op
        )

    async def start_external_payment(self, user_session_id: str) -> None:
        """§3.8: tells Connect the patron is paying elsewhere; call before CompleteOrder."""
        op = "StartExternalPayment"
        payload = {"UserSessionId": _check_user_session_id(user_session_id), **self._client_info()}
        path = self._ticketing("order/startexternalpayment")
        _checked(await self._post(op, path, payload, self.read_timeout_s), op)

    async def complete_order(
        self,
        user_session_id: str,
        payment_fen: int,
        *,
        customer_phone: str = "",
        customer_email: str = "",
        customer_name: str = "",
    ) -> domain.CompletedOrder:
        """§3.9: ``payment_fen`` must equal the order total from AddTickets. Uses the long
        CompleteOrder timeout; a timeout here means "unknown", never "failed"."""
        op = "CompleteOrder"
        payload = {
            "UserSessionId": _check_user_session_id(user_session_id),
            "PaymentInfo": {
                **self._payment_info(payment_fen),
                "PerformPayment": False,
                "CustomerPhone": customer_phone,
                "CustomerEmail": customer_email,
                "CustomerName": customer_name,
                **self._client_info(),
            },
            **self._client_info(),
        }
        body = await self._post(
            op,
            self._ticketing("order/payment"),
            payload,
            self.complete_timeout_s,
            reply="CompleteResult",
        )
        return mapping.completed_order(self._model("CompleteResult", _checked(body, op), op))

    async def query_order_booking_status(self, user_session_id: str) -> domain.BookedOrder:
        """§3.10: the booking made from this order. Raises :class:`BookingDoesNotExist` (47)
        while there is none and :class:`OrderCannotBeUniquelyIdentified` (61)."""
        op = "QueryOrderBookingStatus"
        payload = {
            "UserSessionId": _check_user_session_id(user_session_id),
            "ClientId": self.client_id,
        }
        path = self._ticketing("order/query-booking-status")
        body = _checked(
            await self._post(op, path, payload, self.read_timeout_s, reply="OrderSummary"), op
        )
        return mapping.booked_order(self._model("OrderSummary", body.get("OrderSummary"), op))

    # ---- RESTBooking.svc: bookings after the sale --------------------------------

    async def get_single_booking(
        self, *, booking_id: str | None = None, booking_number: int | None = None
    ) -> domain.Booking:
        """§3.11: by 取票码 (``booking_id``) or booking number; raises
        :class:`BookingDoesNotExist` (47) for neither."""
        op = "GetSingleBooking"
        if not booking_id and not booking_number:
            raise ConnectRequestInvalid(
                "GetSingleBooking needs a booking id or a booking number", operation=op
            )
        payload = {
            "ReturnTransactionStatusInfoIfSingleBookingMatch": True,
            "BookingId": booking_id or "",
            "BookingNumber": booking_number or 0,
            "CinemaId": self.cinema_id,
            "OptionalClientId": self.client_id,
        }
        body = await self._post(
            op, self._booking("booking"), payload, self.read_timeout_s, reply="Booking"
        )
        return mapping.booking(self._model("Booking", _checked(body, op).get("Booking"), op))

    async def refund_booking(
        self,
        booking_number: int,
        amount_fen: int,
        *,
        payment_fen: int | None = None,
        booking_id: str | None = None,
        reason: str = "Kiosk refund",
        refund_booking_fee: bool = True,
    ) -> None:
        """§3.12: refunds an unprinted booking; success only on ResultCode 0. ``payment_fen``
        (default: ``amount_fen``) repeats the PaymentInfo sent to CompleteOrder."""
        op = "RefundBooking"
        payload = {
            "CinemaId": self.cinema_id,
            "BookingId": booking_id or "",
            "BookingNumber": booking_number,
            "RefundReason": reason,
            "RefundAmount": amount_fen,
            "RefundBookingFee": refund_booking_fee,
            "RefundConcessions": True,
            "MarkAsRefundedOnly": True,
            "OptionalClientId": self.client_id,
            "PaymentInfo": self._payment_info(amount_fen if payment_fen is None else payment_fen),
        }
        path = self._booking("booking/refund")
        _checked(await self._post(op, path, payload, self.complete_timeout_s), op)

    # ---- the wire ---------------------------------------------------------------

    def _session_path(self, session_id: str, cinema_id: str | None, tail: str) -> str:
        cinema = _seg(cinema_id or self.cinema_id)
        return f"RESTData.svc/cinemas/{cinema}/sessions/{_seg(session_id)}/{tail}"

    def _ticketing(self, tail: str) -> str:
        return f"{self.ticketing_service}/{tail}"

    def _booking(self, tail: str) -> str:
        return f"{self.booking_service}/{tail}"

    def _client_info(self) -> dict[str, str]:
        return {
            "OptionalClientClass": self.client_class,
            "OptionalClientId": self.client_id,
            "OptionalClientName": self.client_name,
        }

    def _payment_info(self, payment_fen: int) -> dict[str, Any]:
        return {
            "CardNumber": self.card_number,
            "CardType": self.card_type,
            "PaymentValueCents": payment_fen,
            "PaymentTenderCategory": self.tender_category,
        }

    async def _get(
        self,
        operation: str,
        path: str,
        query: ODataQuery | None = None,
        *,
        reply: str | None = None,
    ) -> Any:
        """A read, retried on transport failures and garbled answers (not on result codes,
        which are Connect's considered answer)."""
        url = f"{path}?{query.encode()}" if query is not None else path
        for attempt in range(1, self.read_retries + 1):
            try:
                return await self._send(operation, "GET", url, None, self.read_timeout_s, reply)
            except ConnectAuthError:
                raise
            except (ConnectTimeout, ConnectUnavailable, ConnectProtocolError) as exc:
                if attempt == self.read_retries:
                    raise
                log.warning("%s attempt %d failed (%s); retrying", operation, attempt, exc)
        raise AssertionError("unreachable: the loop returns or raises")

    async def _post(
        self,
        operation: str,
        path: str,
        payload: Mapping[str, Any],
        timeout_s: float,
        *,
        reply: str | None = None,
    ) -> Any:
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return await self._send(operation, "POST", path, content, timeout_s, reply)

    async def _send(
        self,
        operation: str,
        method: str,
        url: str,
        content: bytes | None,
        timeout_s: float,
        reply: str | None = None,
    ) -> Any:
        """``reply``: the model the answer will be read into; its validator, if not
        built yet, is built on a thread while the request is on the wire."""
        building = _build_while_waiting(reply)
        try:
            return await self._exchange(operation, method, url, content, timeout_s)
        finally:
            if building is not None:
                await _built(building)

    async def _exchange(
        self, operation: str, method: str, url: str, content: bytes | None, timeout_s: float
    ) -> Any:
        headers = {"Content-Type": "application/json"} if content is not None else {}
        correlation_id = current_correlation_id()
        if correlation_id != "-":
            headers[CORRELATION_HEADER] = correlation_id
        started = time.monotonic()
        try:
            # httpx's timeouts are per phase; the outer deadline bounds the whole call,
            # so a server that drips bytes cannot hold a patron past the timeout either.
            async with asyncio.timeout(timeout_s):
                response = await self._http.request(
                    method, url, content=content, headers=headers, timeout=httpx.Timeout(timeout_s)
                )
        except (TimeoutError, httpx.TimeoutException) as exc:
            log.warning("%s: no answer within %g s", operation, timeout_s)
            raise ConnectTimeout(
                f"{operation}: no answer within {timeout_s:g} s",
                operation=operation,
                maybe_applied=not isinstance(exc, _NOT_SENT_TIMEOUTS),
            ) from None
        except httpx.TransportError as exc:
            log.warning("%s: connection failed (%s)", operation, type(exc).__name__)
            raise ConnectUnavailable(
                f"{operation}: connection failed ({type(exc).__name__})",
                operation=operation,
                maybe_applied=not isinstance(exc, _NOT_SENT_TRANSPORT_ERRORS),
            ) from None
        except httpx.HTTPError as exc:
            # Not the connection: the answer itself (a body that does not match its
            # Content-Encoding, say). Connect answered, so it may have acted.
            log.warning("%s: answer could not be read (%s)", operation, type(exc).__name__)
            raise ConnectProtocolError(
                f"{operation}: answer could not be read ({type(exc).__name__})",
                operation=operation,
            ) from None
        elapsed_ms = (time.monotonic() - started) * 1000
        log.info("%s -> HTTP %d in %.0f ms", operation, response.status_code, elapsed_ms)
        if response.status_code in (401, 403):
            raise ConnectAuthError(
                f"{operation}: HTTP {response.status_code}, token refused",
                operation=operation,
                status=response.status_code,
            )
        if response.status_code != 200:
            raise ConnectProtocolError(
                f"{operation}: HTTP {response.status_code}",
                operation=operation,
                status=response.status_code,
            )
        try:
            return wire.loads(response.content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise ConnectProtocolError(
                f"{operation}: answer is not JSON", operation=operation, status=200
            ) from None

    @staticmethod
    def _model(name: str, data: Any, operation: str) -> Any:
        """``data`` read into the reply model ``name`` of :mod:`kiosk.connect.models`
        (loaded by then: :func:`_build_while_waiting` began with the request)."""
        from pydantic import ValidationError

        if not isinstance(data, Mapping):
            raise ConnectProtocolError(f"{operation}: expected an object", operation=operation)
        try:
            return _reply_model(name).model_validate(data)
        except ValidationError as exc:
            fields = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})[:5]
            raise ConnectProtocolError(
                f"{operation}: unexpected answer shape ({', '.join(fields)})", operation=operation
            ) from None


_checked = check_result

# Failures that happen before a byte of the request is written: Connect cannot have
# acted on it. Every other failure after sending leaves the outcome unknown.
_NOT_SENT_TIMEOUTS = (httpx.ConnectTimeout, httpx.PoolTimeout)
_NOT_SENT_TRANSPORT_ERRORS = (httpx.ConnectError, httpx.UnsupportedProtocol, httpx.ProxyError)


def _seg(value: str) -> str:
    """A path segment: ids are letters and digits, anything else is refused before sending."""
    if not _PATH_ID.match(value):
        raise ConnectRequestInvalid(f"not a Connect id: {value[:40]!r}")
    return value


def _odata_items(body: Any, operation: str) -> list[Any]:
    """Entities from any JSON shape OData.svc uses: ``{"value": [...]}`` (V3 light),
    ``{"d": {"results": [...]}}`` / ``{"d": [...]}`` (V2 verbose), a bare list, or the
    bare single entity of the seed's samples."""
    if isinstance(body, list):
        return body
    if isinstance(body, Mapping):
        if isinstance(body.get("value"), list):
            return list(body["value"])
        inner = body.get("d")
        if isinstance(inner, list):
            return inner
        if isinstance(inner, Mapping):
            results = inner.get("results")
            return list(results) if isinstance(results, list) else [inner]
        if "odata.error" in body or "error" in body:
            raise ConnectProtocolError(f"{operation}: OData error answer", operation=operation)
        return [body]
    raise ConnectProtocolError(f"{operation}: unexpected answer shape", operation=operation)


# ---- reply validators built while their request is on the wire -------------------------

# The reply models' validators are built at their first use (``defer_build``: building
# all of them cost every start ~120 ms), 10-30 ms each (a booking's the most), on the
# event loop. The first request of each now builds its reply's validator on the ahead
# thread (kiosk/ahead.py), before anything queued there for later, while the answer is
# awaited: a command's first GetSingleBooking, the kiosk's first patron, wait for the
# network only. The models themselves (and pydantic, ~50 ms of imports) load the same
# way, with the first request: a reply is named, not passed as a class, so nothing
# before the first request needs them.
_building: dict[str, concurrent.futures.Future[Any]] = {}


def _reply_model(name: str) -> type[BaseModel]:
    from kiosk.connect import models

    model: type[BaseModel] = getattr(models, name)
    return model


def _build(name: str) -> None:
    _reply_model(name).model_rebuild()


def _build_while_waiting(name: str | None) -> concurrent.futures.Future[Any] | None:
    """The load of reply model ``name`` and the build of its validator, started now on
    the ahead thread if not done yet (None: nothing to wait for). Await :func:`_built`
    before reading a reply into it."""
    if name is None:
        return None
    building = _building.get(name)
    if building is None:
        # Half loaded while the ahead thread imports it for an earlier request: the
        # class may not be there yet, and the build queued behind that import finds it.
        models = sys.modules.get("kiosk.connect.models")
        model = getattr(models, name, None) if models is not None else None
        if model is not None and model.__pydantic_complete__:
            return None  # built elsewhere (a test, a validation before any request)
        building = _building[name] = ahead.submit(
            functools.partial(_build, name), priority=ahead.NEEDED
        )
    elif building.done():
        return None
    return building


async def _built(building: concurrent.futures.Future[Any]) -> None:
    """Until the build is done; a build that failed is built again at first use, where
    its error says what is wrong."""
    with contextlib.suppress(Exception):
        await asyncio.wrap_future(building)
