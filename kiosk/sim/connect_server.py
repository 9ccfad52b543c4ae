"""The VISTA Connect simulator: the seed's HTTP interface over the shared store.

Answers the same paths and shapes as Connect V1 (HTTP 200 with the outcome in
the body, ``/Date(ms+0800)/`` for order and booking times, ISO with +08:00 for
showtimes). Business rules live in :mod:`kiosk.sim.store`; this module only
reads requests, consults the fault rules and writes answers.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web

from kiosk.sim.control import start_aiohttp
from kiosk.sim.faults import Fault
from kiosk.sim.json_body import UnreadableBody, parse_json_body
from kiosk.sim.media import POSTER_PATH, has_poster, poster_png
from kiosk.sim.odata_reader import (
    BadQuery,
    Comparison,
    local_iso,
    read_filter,
    read_options,
    read_select,
    wcf_date,
)
from kiosk.sim.store import (
    CHINA,
    SeatPick,
    SimBooking,
    SimOrder,
    SimSession,
    SimStore,
    SimTicketLine,
    StoreError,
)
from kiosk.sim.world import SimWorld

# Connect's result codes the simulator answers with itself (seed §3.13).
INVALID_REQUEST_DATA = 4
SOLD_OUT = 67

ROOT = "/WSVistaWebClient"
TOKEN_HEADER = b"connectapitoken"
TICKETING_SERVICES = ("RESTTicketing.svc", "RestTicketing.svc")
BOOKING_SERVICES = ("RESTBooking.svc", "RestBooking.svc")

Handler = Callable[[web.Request], Awaitable[web.Response]]
Json = dict[str, Any]

# Which body field carries the result code, per operation (they differ on the real one).
CODE_FIELD = {
    "GetTicketsForSession": "ResponseCode",
    "GetSessionSeatPlan": "ResponseCode",
    "QueryOrderBookingStatus": "ResponseCode",
    "GetSingleBooking": "ResultCode",
    "RefundBooking": "ResultCode",
}


class BadRequest(Exception):
    """The request body lacks what the operation needs: answered as result 4."""


class UnreadableRequest(Exception):
    """The body cannot be read at all (not JSON, nested too deep): WCF refuses such a
    body before any operation runs, with HTTP 400, so the result 4 goes with a 400."""


def dumps(body: Any) -> str:
    """JSON as WCF writes it: legacy dates with escaped slashes (``\\/Date(...)\\/``)."""
    text = json.dumps(body, ensure_ascii=False)
    return text.replace('"/Date(', '"\\/Date(').replace(')/"', ')\\/"')


def _answer(body: Json, status: int = 200) -> web.Response:
    return web.Response(
        text=dumps(body), status=status, content_type="application/json", charset="utf-8"
    )


def _coded(operation: str, code: int, text: str, status: int = 200) -> web.Response:
    field = CODE_FIELD.get(operation, "Result")
    description = "ResponseDescription" if field == "ResponseCode" else "ErrorDescription"
    return _answer({field: code, description: text}, status)


def _field(body: Mapping[str, Any], name: str) -> Any:
    """Request keys read case-insensitively: the seed's own samples send ``userSessionId``."""
    if name in body:
        return body[name]
    lowered = name.lower()
    return next((v for k, v in body.items() if k.lower() == lowered), None)


def _text(body: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = _field(body, name)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or (required and not value):
        if required:
            raise BadRequest(f"{name} is required")
        return ""
    return value


def _int(body: Mapping[str, Any], name: str, default: int | None = None) -> int:
    value = _field(body, name)
    if value is None and default is not None:
        return default
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadRequest(f"{name} must be a whole number")
    return value


def project(entity: Json, tree: Mapping[str, Any]) -> Json:
    """Apply a ``$select`` tree to an entity (lists of entities element by element)."""
    if not tree:
        return entity
    out: Json = {}
    for name, sub in tree.items():
        if name not in entity:
            continue
        value = entity[name]
        if sub and isinstance(value, list):
            value = [project(v, sub) if isinstance(v, dict) else v for v in value]
        elif sub and isinstance(value, dict):
            value = project(value, sub)
        out[name] = value
    return out


def _matches(entity: Json, condition: Comparison) -> bool:
    value = entity.get(condition.field)
    wanted: Any = condition.value
    if condition.field == "Showtime" and isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(wanted, dt.datetime) != isinstance(value, dt.datetime):
        return False
    if condition.op == "eq":
        return bool(value == wanted)
    if condition.op == "ne":
        return bool(value != wanted)
    try:
        return bool(
            {
                "gt": value > wanted,
                "ge": value >= wanted,
                "lt": value < wanted,
                "le": value <= wanted,
            }[condition.op]
        )
    except TypeError:
        return False


class ConnectSimulator:
    name = "connect"

    def __init__(self, world: SimWorld, host: str, port: int, token: str) -> None:
        self.world = world
        self.host = host
        self.port = port
        self.token = token
        self._runner: web.AppRunner | None = None
        # Hanging handlers wait on this, so closing the simulator never waits on them.
        self._closing = asyncio.Event()

    @property
    def store(self) -> SimStore:
        return self.world.store

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{ROOT}"

    def info(self) -> dict[str, Any]:
        return {"url": self.url, "token": self.token, "cinema_id": "0200"}

    async def start(self) -> ConnectSimulator:
        app = web.Application()
        get, post = app.router.add_get, app.router.add_post
        get(f"{ROOT}/OData.svc/Cinemas", self._op("Cinemas", self.cinemas))
        get(
            f"{ROOT}/OData.svc/GetNowShowingScheduledFilms",
            self._op("GetNowShowingScheduledFilms", self.now_showing),
        )
        get(f"{ROOT}/OData.svc/Sessions()", self._op("Sessions", self.sessions))
        get(f"{ROOT}/OData.svc/Sessions", self._op("Sessions", self.sessions))
        data = f"{ROOT}/RESTData.svc/cinemas/{{cinema}}/sessions/{{session}}"
        get(f"{data}/tickets", self._op("GetTicketsForSession", self.tickets))
        get(f"{data}/seat-plan", self._op("GetSessionSeatPlan", self.seat_plan))
        for service in TICKETING_SERVICES:
            base = f"{ROOT}/{service}/order"
            post(f"{base}/tickets", self._op("AddTickets", self.add_tickets))
            post(base, self._op("GetOrder", self.get_order))
            post(f"{base}/cancel", self._op("CancelOrder", self.cancel_order))
            post(
                f"{base}/startexternalpayment",
                self._op("StartExternalPayment", self.start_external_payment),
            )
            post(f"{base}/payment", self._op("CompleteOrder", self.complete_order))
            post(
                f"{base}/query-booking-status",
                self._op("QueryOrderBookingStatus", self.query_booking_status),
            )
        for service in BOOKING_SERVICES:
            base = f"{ROOT}/{service}/booking"
            post(base, self._op("GetSingleBooking", self.get_single_booking))
            post(f"{base}/refund", self._op("RefundBooking", self.refund_booking))
        get(POSTER_PATH, self.poster)
        self._runner, self.port = await start_aiohttp(app, self.host, self.port)
        return self

    async def poster(self, request: web.Request) -> web.Response:
        """VISTA's media service (kiosk.sim.media): public, as a website loads it."""
        film = self.store.films.get(request.match_info["film_id"])
        if film is None or not has_poster(film):
            return web.Response(status=404, text="Not Found")
        body = await asyncio.to_thread(poster_png, film)
        return web.Response(body=body, content_type="image/png")

    async def close(self) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- the envelope every operation shares: token, faults, result codes --------

    def _authorised(self, request: web.Request) -> bool:
        """The header must be named exactly ``connectapitoken``: aiohttp's header map is
        case-insensitive, so the raw names are checked, as a strict gateway would."""
        values = [v for k, v in request.raw_headers if k == TOKEN_HEADER]
        return values == [self.token.encode()]

    def _op(self, operation: str, handler: Handler) -> Handler:
        async def handle(request: web.Request) -> web.Response:
            if not self._authorised(request):
                return web.Response(status=403, text="Forbidden")
            fault = self.world.faults.take("connect", operation)
            if fault is not None:
                early = await self._before(operation, fault, request)
                if early is not None:
                    return early
            try:
                response = await handler(request)
            except UnreadableRequest as exc:
                response = _coded(operation, INVALID_REQUEST_DATA, str(exc), status=400)
            except BadRequest as exc:
                response = _coded(operation, INVALID_REQUEST_DATA, str(exc))
            except StoreError as exc:
                response = _coded(operation, exc.code, exc.message)
            if fault is not None and fault.kind == "drop_response":
                _drop(request)
            return response

        return handle

    async def _before(
        self, operation: str, fault: Fault, request: web.Request
    ) -> web.Response | None:
        """Apply a fault that acts before the work; None lets the work go ahead."""
        if fault.kind == "drop_request":
            _drop(request)
            return web.Response(status=204)
        if fault.kind == "hang":
            await self._closing.wait()
            _drop(request)
            return web.Response(status=204)
        if fault.kind == "latency":
            await fault.delay()
        elif fault.kind == "http500":
            return web.Response(status=500, text="Internal Server Error")
        elif fault.kind == "malformed":
            return web.Response(text='{"Result": 0, "Order": {"Cinema', content_type="text/html")
        elif fault.kind == "code" and fault.arg is not None:
            return _coded(operation, fault.arg, f"Simulated result {fault.arg}")
        return None

    # ---- OData.svc ----------------------------------------------------------------

    def _odata(self, request: web.Request, entity_set: str, entities: list[Json]) -> web.Response:
        """An entity set as OData.svc answers it: every set takes ``$filter`` and
        ``$select`` alike, the filter first (it may name fields ``$select`` drops)."""
        options = read_options(request.rel_url.raw_query_string)
        try:
            conditions = read_filter(options["$filter"]) if "$filter" in options else []
        except BadQuery as exc:
            return web.json_response({"odata.error": {"message": {"value": str(exc)}}}, status=400)
        entities = [e for e in entities if all(_matches(e, c) for c in conditions)]
        select = request.query.get("$select")
        if select:
            tree = read_select(select)
            entities = [project(e, tree) for e in entities]
        return _answer(
            {"odata.metadata": f"{self.url}/OData.svc/$metadata#{entity_set}", "value": entities}
        )

    async def cinemas(self, request: web.Request) -> web.Response:
        entities = [
            {
                "ID": c.cinema_id,
                "CinemaNationalId": c.national_id,
                "Name": c.name,
                "NameAlt": c.name_en,
                "PhoneNumber": c.phone,
                "EmailAddress": c.email,
                "Address1": c.address,
                "Address2": "",
                "City": c.city,
                "Latitude": None,
                "Longitude": None,
                "AllowPrintAtHomeBookings": False,
                "DisplaySofaSeats": True,
            }
            for c in self.store.cinemas.values()
        ]
        return self._odata(request, "Cinemas", entities)

    def _session_entity(self, session: SimSession, attributes: bool = True) -> Json:
        hall = self.store.hall_for(session)
        sellable = [s for s in hall.all_seats() if s.status == 0]
        held = self.store.locked_seats(session.session_id)
        free = [s for s in sellable if s.key not in session.sold and s.key not in held]
        entity: Json = {
            "ID": f"{session.cinema_id}-{session.session_id}",
            "CinemaId": session.cinema_id,
            "ScheduledFilmId": session.film_id,
            "SessionId": session.session_id,
            "Showtime": local_iso(session.showtime),
            "ScreenNumber": session.screen_number,
            "ScreenName": hall.name,
            "SeatsAvailable": len(free),
            "SessionAttributesNames": list(session.attributes),
        }
        if attributes:
            entity["Attributes"] = [{"Description": a} for a in session.attributes]
        return entity

    async def now_showing(self, request: web.Request) -> web.Response:
        cinema_id = request.query.get("cinemaId", "").strip("'")
        expand = {e.strip() for e in request.query.get("$expand", "").split(",") if e.strip()}
        with_sessions = bool(expand & {"Sessions", "Sessions/Attributes"})
        local_today = (
            self.store.clock().astimezone(CHINA).replace(hour=0, minute=0, second=0, microsecond=0)
        )
        by_film: dict[str, list[SimSession]] = {}
        for session in sorted(self.store.sessions.values(), key=lambda s: s.showtime):
            if session.showtime < local_today:
                continue
            if cinema_id and session.cinema_id != cinema_id:
                continue
            by_film.setdefault(session.film_id, []).append(session)
        films: list[Json] = []
        for film_id, sessions in by_film.items():
            film = self.store.films[film_id]
            entity: Json = {
                "ScheduledFilmId": film.film_id,
                "CinemaId": cinema_id or sessions[0].cinema_id,
                "Title": film.title,
                "TitleAlt": film.title_en,
                "ShortCode": film.short_code,
                "RatingDescription": film.rating,
                "Synopsis": film.synopsis,
                "RunTime": str(film.run_time_min),
            }
            if with_sessions:
                entity["Sessions"] = [
                    self._session_entity(s, "Sessions/Attributes" in expand) for s in sessions
                ]
            films.append(entity)
        return self._odata(request, "ScheduledFilms", films)

    async def sessions(self, request: web.Request) -> web.Response:
        entities = [
            self._session_entity(s, attributes=False)
            for s in sorted(self.store.sessions.values(), key=lambda s: s.showtime)
        ]
        return self._odata(request, "Sessions", entities)

    # ---- RESTData.svc -------------------------------------------------------------

    def _session_of(self, request: web.Request) -> SimSession:
        session = self.store.sessions.get(request.match_info["session"])
        if session is None or session.cinema_id != request.match_info["cinema"]:
            raise StoreError(INVALID_REQUEST_DATA, "Invalid cinema or session id")
        return session

    async def tickets(self, request: web.Request) -> web.Response:
        session = self._session_of(request)
        tickets = [
            {
                "AreaCategoryCode": t.area_category_code,
                "CinemaId": session.cinema_id,
                "Description": t.description,
                "DescriptionAlt": t.description_en,
                "PriceGroupCode": "0029",
                "PriceInCents": t.price_fen,
                "ResalePriceInCents": t.price_fen + t.service_fee_fen,
                "TicketTypeCode": t.code,
                "SalesChannels": list(t.channels),
            }
            for t in session.ticket_types
            if t.on_kiosk
        ]
        return _answer({"ResponseCode": 0, "Tickets": tickets})

    async def seat_plan(self, request: web.Request) -> web.Response:
        session = self._session_of(request)
        if session.marked_sold_out or session.private:
            return _answer(
                {
                    "ResponseCode": SOLD_OUT,
                    "ErrorDescription": "The session requested is marked as sold out",
                    "SeatLayoutData": None,
                }
            )
        hall = self.store.hall_for(session)
        held = self.store.locked_seats(session.session_id)
        areas: list[Json] = []
        for area in hall.areas:
            rows: list[Json] = []
            for row_index in range(area.row_count):
                seats = sorted(
                    (s for s in area.seats if s.row_index == row_index),
                    key=lambda s: s.column_index,
                )
                rows.append(
                    {
                        "PhysicalName": seats[0].row_name if seats else None,
                        "Seats": [
                            {
                                "Id": s.seat_id,
                                "Position": {
                                    "AreaNumber": s.area_number,
                                    "RowIndex": s.row_index,
                                    "ColumnIndex": s.column_index,
                                },
                                "Priority": 0,
                                "SeatStyle": s.style,
                                "SeatsInGroup": [
                                    {"AreaNumber": g[0], "RowIndex": g[1], "ColumnIndex": g[2]}
                                    for g in s.group
                                ]
                                or None,
                                "Status": self.store.seat_status(session, s, held),
                            }
                            for s in seats
                        ],
                    }
                )
            areas.append(
                {
                    "AreaCategoryCode": area.area_category_code,
                    "ColumnCount": area.column_count,
                    "Description": area.description,
                    "DescriptionAlt": area.description_en,
                    "HasSofaSeatingEnabled": any(s.group for s in area.seats),
                    "Height": area.row_count,
                    "IsAllocatedSeating": True,
                    "Left": 0,
                    "Top": area.top,
                    "Number": area.number,
                    "NumberOfSeats": len(area.seats),
                    "RowCount": area.row_count,
                    "Rows": rows,
                }
            )
        categories = sorted({a.area_category_code for a in hall.areas})
        layout = {
            "AreaCategories": [{"AreaCategoryCode": c} for c in categories],
            "Areas": areas,
        }
        return _answer({"ResponseCode": 0, "SeatLayoutData": layout})

    # ---- RESTTicketing.svc --------------------------------------------------------

    async def _body(self, request: web.Request) -> Mapping[str, Any]:
        try:
            body = parse_json_body(await request.read() or b"null")
        except UnreadableBody as exc:
            raise UnreadableRequest(str(exc)) from None
        if not isinstance(body, dict):
            raise BadRequest("The request body must be a JSON object")
        return body

    def _order_json(self, order: SimOrder) -> Json:
        session = self.store.sessions[order.session_id]
        film = self.store.films[session.film_id]
        hall = self.store.hall_for(session)
        tickets: list[Json] = []
        for number, line in enumerate(order.lines, start=1):
            seat = hall.seat(line.seat)
            ticket_type = session.ticket_type(line.ticket_type_code)
            tickets.append(
                {
                    "Id": number,
                    "TicketTypeCode": line.ticket_type_code,
                    "Description": ticket_type.description if ticket_type else "",
                    "PriceCents": line.price_fen,
                    "SeatRowId": seat.row_name if seat else None,
                    "SeatNumber": seat.seat_id if seat else None,
                    "SeatData": f"{seat.row_name}{seat.seat_id}" if seat else None,
                }
            )
        return {
            "BookingFeeValueCents": order.booking_fee_fen,
            "CinemaId": order.cinema_id,
            "LastUpdated": wcf_date(order.created_at),
            "Sessions": [
                {
                    "AllocatedSeating": True,
                    "AltFilmTitle": film.title_en,
                    "CinemaId": session.cinema_id,
                    "FilmClassification": film.rating,
                    "FilmTitle": film.title,
                    "SeatsAllocated": True,
                    "SessionId": session.session_id,
                    "ShowingRealDateTime": wcf_date(session.showtime),
                    "Tickets": tickets,
                }
            ],
            "TotalOrderCount": len(order.lines),
            "TotalTicketFeeValueInCents": None,
            "TotalValueCents": order.total_fen,
            "UserSessionId": order.user_session_id,
            "VistaBookingNumber": 0,
            "VistaTransactionNumber": 0,
        }

    async def add_tickets(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        lines_in = _field(body, "TicketTypes")
        if not isinstance(lines_in, list) or not all(isinstance(t, dict) for t in lines_in):
            raise BadRequest("TicketTypes is required")
        tickets = [
            SimTicketLine(
                _text(t, "TicketTypeCode"),
                _int(t, "Qty"),
                _int(t, "PriceInCents"),
                None if _field(t, "BookingFeeOverride") is None else _int(t, "BookingFeeOverride"),
            )
            for t in lines_in
        ]
        seats_in = _field(body, "SelectedSeats") or []
        if not isinstance(seats_in, list) or not all(isinstance(s, dict) for s in seats_in):
            raise BadRequest("SelectedSeats must be a list")
        seats = [
            SeatPick(
                _text(s, "AreaCategoryCode"),
                (_int(s, "AreaNumber"), _int(s, "RowIndex"), _int(s, "ColumnIndex")),
            )
            for s in seats_in
        ]
        fee = _field(body, "BookingFeeOverride")
        order = self.store.add_tickets(
            _text(body, "UserSessionId"),
            _text(body, "CinemaId"),
            _text(body, "SessionId"),
            tickets,
            seats,
            None if fee is None else _int(body, "BookingFeeOverride"),
        )
        session = self.store.sessions[order.session_id]
        held = self.store.locked_seats(session.session_id)
        free = [
            s
            for s in self.store.hall_for(session).all_seats()
            if self.store.seat_status(session, s, held) == 0
        ]
        answer: Json = {
            "ErrorDescription": None,
            "Result": 0,
            "AvailableSeats": len(free),
            "ExtendedResultCode": 0,
        }
        if _field(body, "ReturnOrder") is not False:
            answer["Order"] = self._order_json(order)
        return _answer(answer)

    async def get_order(self, request: web.Request) -> web.Response:
        """A live order in full; anything else (completed, cancelled, expired, unknown)
        as the empty order with ``CinemaId`` null that Connect keeps after CompleteOrder."""
        user_session_id = _text(await self._body(request), "UserSessionId")
        order = self.store.live_order(user_session_id)
        if order is not None:
            return _answer({"Order": self._order_json(order), "Result": 0})
        known = self.store.orders.get(user_session_id)
        updated = known.created_at if known is not None else self.store.clock()
        empty = {
            "BookingFeeValueCents": 0,
            "CinemaId": None,
            "LastUpdated": wcf_date(updated),
            "Sessions": None,
            "TotalOrderCount": 0,
            "TotalTicketFeeValueInCents": None,
            "TotalValueCents": 0,
            "UserSessionId": user_session_id,
        }
        return _answer({"Order": empty, "Result": 0})

    async def cancel_order(self, request: web.Request) -> web.Response:
        self.store.cancel_order(_text(await self._body(request), "UserSessionId"))
        return _answer({"ErrorDescription": None, "Result": 0})

    async def start_external_payment(self, request: web.Request) -> web.Response:
        self.store.start_external_payment(_text(await self._body(request), "UserSessionId"))
        return _answer(
            {
                "ErrorDescription": None,
                "Result": 0,
                "ExtendedResultCode": 0,
                "PaymentRedirectUrl": None,
            }
        )

    async def complete_order(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        payment = _field(body, "PaymentInfo")
        if not isinstance(payment, dict):
            raise BadRequest("PaymentInfo is required")
        booking = self.store.complete_order(
            _text(body, "UserSessionId"),
            _int(payment, "PaymentValueCents"),
            card_number=_text(payment, "CardNumber", required=False),
            card_type=_text(payment, "CardType"),
            tender_category=_text(payment, "PaymentTenderCategory"),
            perform_payment=_field(payment, "PerformPayment") is True,
        )
        return _answer(
            {
                "BalanceList": None,
                "CinematID": booking.cinema_id,
                "ErrorDescription": None,
                "ExtendedResultCode": 0,
                "HistoryID": str(booking.trans_number),
                "PassCollection": None,
                "PaymentInfoCollection": [],
                "PrintStream": "",
                "PrintStreamCollection": None,
                "Result": 0,
                "VistaBookingId": booking.booking_id,
                "VistaBookingNumber": str(booking.booking_number),
                "VistaTransNumber": str(booking.trans_number),
            }
        )

    async def query_booking_status(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        user_session_id = _text(body, "UserSessionId", required=False)
        if not user_session_id or not _text(body, "ClientId", required=False):
            raise StoreError(
                INVALID_REQUEST_DATA, "The UserSessionId and ClientId parameters are required"
            )
        booking = self.store.booking_for_order(user_session_id)
        return _answer(
            {
                "OrderSummary": {
                    "CinemaId": booking.cinema_id,
                    "TotalValueCents": booking.total_fen,
                    "UserSessionId": booking.user_session_id,
                    "VistaBookingId": booking.booking_id,
                    "VistaBookingNumber": booking.booking_number,
                },
                "ResponseCode": 0,
                "ResponseDescription": "Booking exists at Cinema",
            }
        )

    # ---- RESTBooking.svc ----------------------------------------------------------

    def _find_booking(self, body: Mapping[str, Any]) -> SimBooking:
        return self.store.find_booking(
            _text(body, "CinemaId"),
            _text(body, "BookingId", required=False) or None,
            _int(body, "BookingNumber", default=0) or None,
        )

    def _booking_json(self, booking: SimBooking, client_id: str) -> Json:
        session = self.store.sessions[booking.session_id]
        film = self.store.films[session.film_id]
        cinema = self.store.cinemas[booking.cinema_id]
        booked_local = booking.booked_at.astimezone(CHINA)
        return {
            "BookingDate": wcf_date(booking.booked_at),
            "BookingId": booking.booking_id,
            "BookingNumber": booking.booking_number,
            "BookingRef": f"{cinema.name_en}-{booking.booking_number}, "
            f"{booked_local:%Y/%m/%d %H:%M}",
            "CancelledStatus": "0",
            "CinemaId": booking.cinema_id,
            "CinemaName": cinema.name,
            "ClientId": client_id,
            "MaskedBookingCardNumber": booking.card_number_masked,
            "Phone": "",
            "PickupName": "",
            "Tickets": [
                {
                    "CollecteStatus": "1" if booking.print_state == "printed" else "0",
                    "Description": t.ticket_description,
                    "DescriptionAlt": "",
                    "MovieName": film.title,
                    "MovieNameAlt": film.title_en,
                    "PriceInCents": t.price_fen,
                    "RefundedStatus": "1" if booking.refunded else "0",
                    "SeatDescription": t.seat_label,
                    "SessionDateTime": wcf_date(session.showtime),
                    "SessionId": int(session.session_id),
                    "TicketSequenceNumber": t.sequence,
                    "TicketTypeCode": t.ticket_type_code,
                }
                for t in booking.tickets
            ],
            "TotalValueCents": booking.total_fen,
            "UserSessionId": booking.user_session_id,
            "VistaTransactionId": booking.trans_number,
        }

    async def get_single_booking(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        booking = self._find_booking(body)
        client_id = _text(body, "OptionalClientId", required=False)
        return _answer({"Booking": self._booking_json(booking, client_id), "ResultCode": 0})

    async def refund_booking(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        payment = _field(body, "PaymentInfo")
        if not isinstance(payment, dict):
            raise BadRequest("PaymentInfo is required")
        booking = self._find_booking(body)
        self.store.refund_online(
            booking,
            _int(body, "RefundAmount"),
            _int(payment, "PaymentValueCents"),
            _text(payment, "CardType"),
        )
        return _answer({"ErrorDescription": None, "ResultCode": 0})


def _drop(request: web.Request) -> None:
    """Close the connection under the handler: nothing more reaches the client."""
    if request.transport is not None:
        request.transport.close()


async def start_connect(
    world: SimWorld, host: str = "127.0.0.1", port: int = 0, *, token: str
) -> ConnectSimulator:
    """Start the simulator on host:port (0: a free port) in the running event loop."""
    return await ConnectSimulator(world, host, port, token).start()
