"""SARFT kiosk service simulator: the cinema's SarftKioskService on a TCP port.

It speaks through the kiosk's own codec, so the two cannot drift apart, and
keeps each booking's print state on the shared store's ``Booking``
(``print_state``, ``refunded``), so a sale in the Connect simulator is
collectable here and ``GET /_sim/state`` shows the collection.

Faults (docs/simulators.md) apply per operation - ``auth``, ``query``,
``apply``, ``confirm`` - after the request is read and before it is answered.

A connection that sends no complete request for ``idle_timeout_s`` (a minute
by default) is closed, as the real service's socket timeout does: otherwise a
kiosk that vanished without a FIN (power cut, cable pulled) or a client that
stops half-way through a frame holds a connection open for good.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import logging
from dataclasses import dataclass
from typing import Any

from kiosk.sarft.codec import (
    WireFormat,
    encode_body,
    encode_frame,
    frame,
    password_matches,
    read_message,
)
from kiosk.sarft.errors import SarftProtocolError
from kiosk.sarft.messages import (
    ApplyEntry,
    ApplyReply,
    ApplyRequest,
    ApplyResult,
    AuthReply,
    AuthRequest,
    ConfirmReply,
    ConfirmRequest,
    QueryReply,
    QueryRequest,
    Reply,
    Request,
)
from kiosk.sarft.models import ReturnCode, TicketRecord
from kiosk.sarft.values import PRINT_NO_DIGITS, verify_code_md5
from kiosk.sim.faults import Fault
from kiosk.sim.store import Booking, SimStore
from kiosk.sim.world import SimWorld

log = logging.getLogger(__name__)

DEFAULT_IDLE_TIMEOUT_S = 60.0

# The fault kinds a TCP service can act out (a "*" rule may name others).
FAULT_KINDS = ("latency", "hang", "malformed", "code", "drop_request", "drop_response")

_OPERATIONS: dict[type[Request], str] = {
    AuthRequest: "auth",
    QueryRequest: "query",
    ApplyRequest: "apply",
    ConfirmRequest: "confirm",
}


# ---- what the store knows, in SARFT terms -------------------------------------


def find_booking(store: SimStore, print_no: str) -> Booking | None:
    """The booking a print_no names; only a 16-digit print_no names one."""
    if len(print_no) != PRINT_NO_DIGITS or not (print_no.isascii() and print_no.isdigit()):
        return None
    return store.booking_by_number(int(print_no))


def show_ended(store: SimStore, booking: Booking, ended_sessions: set[str]) -> bool:
    """Collection closes when the show is over (showtime + run time) or by hand."""
    session = store.sessions.get(booking.session_id)
    if session is None or session.session_id in ended_sessions:
        return True
    film = store.films.get(session.film_id)
    run_time = dt.timedelta(minutes=film.run_time_min if film else 0)
    return session.showtime + run_time < store.clock()


def ticket_records(store: SimStore, booking: Booking) -> tuple[TicketRecord, ...]:
    """The 0x04 records of a booking: one per seat."""
    session = store.sessions[booking.session_id]
    cinema = store.cinemas[booking.cinema_id]
    hall = store.hall_for(session)
    film = store.films[session.film_id]
    return tuple(
        TicketRecord(
            print_no=booking.print_no,
            ticket_info_code=ticket.ticket_info_code,
            cinema_code=cinema.national_id,
            cinema_name=cinema.name,
            screen_code=hall.screen_code,
            screen_name=hall.name,
            film_code=film.short_code,
            film_name=film.title,
            session_code=session.session_id,
            session_datetime=session.showtime,
            code=ticket.ticket_code,
            seat_code="-".join(str(part) for part in ticket.seat),
            seat_name=ticket.seat_label,
            price_fen=ticket.price_fen,
            service_fee_fen=ticket.service_fee_fen,
            printed=booking.print_state == "printed",
        )
        for ticket in booking.tickets
    )


def coded_reply(request: Request, code: int) -> Reply:
    """The reply to ``request`` carrying return code ``code`` and nothing else."""
    match request:
        case AuthRequest():
            return AuthReply(code)
        case QueryRequest():
            return QueryReply(code, ())
        case ApplyRequest():
            return ApplyReply(tuple(ApplyResult(e.print_no, code) for e in request.entries))
        case ConfirmRequest():
            return ConfirmReply(code)


# ---- the service ------------------------------------------------------------------


@dataclass
class _Connection:
    """Authentication belongs to the connection; no message carries a token."""

    authenticated: bool = False
    closing: bool = False  # reply, then hang up (after bad credentials)


class SarftSimulator:
    """A running SARFT simulator (a ``RunningService``)."""

    name = "sarft"

    def __init__(
        self,
        world: SimWorld,
        *,
        username: str,
        password: str,
        wire: WireFormat,
        idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S,
    ) -> None:
        if not idle_timeout_s > 0:
            raise ValueError("idle_timeout_s must be positive")
        self.world = world
        self.idle_timeout_s = idle_timeout_s
        self.username = username
        self._password = password
        self.wire = wire
        self.host = ""
        self.port = 0
        # Sessions whose collection window was closed by hand, before the show ends.
        self.ended_sessions: set[str] = set()
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[Any]] = set()

    async def start(self, host: str, port: int) -> SarftSimulator:
        self._server = await asyncio.start_server(self._serve, host, port)
        self.host, self.port = self._server.sockets[0].getsockname()[:2]
        log.info("SARFT simulator listening on %s:%d", self.host, self.port)
        return self

    @property
    def open_connections(self) -> int:
        """Kiosk connections open now (a kiosk should not leave idle ones behind)."""
        return len(self._connections)

    def info(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "port": self.port,
            "username": self.username,
            "password": self._password,
            "password_mode": self.wire.password_mode,
        }

    async def close(self) -> None:
        """Stop listening and end every connection, including ones stuck in a hang."""
        if self._server is not None:
            self._server.close()
        tasks = list(self._connections)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    # ---- one connection -------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            await self._converse(reader, writer, _Connection())
        except (OSError, SarftProtocolError) as exc:
            # A bad frame or a broken socket ends this connection only.
            log.info("SARFT simulator: closing a connection: %s", exc)
        except asyncio.CancelledError:
            # Only close() cancels a connection. Ending quietly rather than re-raising
            # keeps asyncio (3.11) from logging each cancelled handler as an error.
            pass
        finally:
            self._connections.discard(task)
            writer.close()  # flushes a last reply (bad credentials) before the FIN

    async def _converse(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, conn: _Connection
    ) -> None:
        while not conn.closing:
            try:
                async with asyncio.timeout(self.idle_timeout_s):
                    request = await read_message(reader, self.wire)
            except TimeoutError:
                log.info("SARFT simulator: closing a connection idle for %g s", self.idle_timeout_s)
                return
            if request is None:
                return
            if isinstance(request, AuthReply | QueryReply | ApplyReply | ConfirmReply):
                raise SarftProtocolError(f"a client sent a reply message {type(request).__name__}")
            fault = self.world.faults.take("sarft", _OPERATIONS[type(request)], FAULT_KINDS)
            data = await self._respond(conn, request, fault)
            if data is None:
                return
            writer.write(data)
            await writer.drain()

    async def _respond(
        self, conn: _Connection, request: Request, fault: Fault | None
    ) -> bytes | None:
        """The reply frame for a request, after its fault; None means hang up silently."""
        kind = fault.kind if fault else None
        if fault is not None:
            if kind == "drop_request":
                return None
            await fault.delay()
        if kind == "code" and fault is not None and fault.arg is not None:
            reply = coded_reply(request, fault.arg)  # no state change
        else:
            reply = self._answer(conn, request)
        if kind == "drop_response":
            return None  # the work is done; the kiosk never hears of it
        try:
            if kind == "malformed":
                # A body one byte longer than its layout: a frame that cannot decode.
                msg_type, body = encode_body(reply, self.wire)
                return frame(msg_type, body + b"\0", self.wire)
            return encode_frame(reply, self.wire)
        except ValueError:
            log.exception("SARFT simulator: cannot encode the reply; answering 2")
            return encode_frame(coded_reply(request, ReturnCode.UNKNOWN_ERROR), self.wire)

    # ---- the four operations ------------------------------------------------------

    def _answer(self, conn: _Connection, request: Request) -> Reply:
        try:
            if isinstance(request, AuthRequest):
                return self._auth(conn, request)
            if not conn.authenticated:
                return coded_reply(request, ReturnCode.NOT_AUTHENTICATED)
            match request:
                case QueryRequest():
                    return self._query(request)
                case ApplyRequest():
                    return ApplyReply(tuple(self._apply(entry) for entry in request.entries))
                case ConfirmRequest():
                    return ConfirmReply(self._confirm(request.print_nos))
        except Exception:
            # Like the real service: an internal fault is answered with 2, not a hang-up.
            log.exception("SARFT simulator: %s failed", type(request).__name__)
            return coded_reply(request, ReturnCode.UNKNOWN_ERROR)

    def _auth(self, conn: _Connection, request: AuthRequest) -> AuthReply:
        conn.authenticated = hmac.compare_digest(
            request.username.encode(), self.username.encode()
        ) and password_matches(request.password, self._password, self.wire)
        log.info("SARFT simulator: auth as %r: %s", request.username, conn.authenticated)
        if not conn.authenticated:
            conn.closing = True
            return AuthReply(ReturnCode.BAD_CREDENTIALS)
        return AuthReply(ReturnCode.OK)

    def _query(self, request: QueryRequest) -> QueryReply:
        store = self.world.store
        records: list[TicketRecord] = []
        for print_no in request.print_nos:
            booking = find_booking(store, print_no)
            if booking is None:
                return QueryReply(ReturnCode.NOT_FOUND, ())
            if booking.refunded:
                return QueryReply(ReturnCode.REFUNDED, ())
            # A printed booking still answers after the show, so a kiosk that lost
            # the 0x08 reply can learn that its tickets did count.
            if booking.print_state != "printed" and show_ended(store, booking, self.ended_sessions):
                return QueryReply(ReturnCode.SHOW_ENDED, ())
            records.extend(ticket_records(store, booking))
        if not records:
            return QueryReply(ReturnCode.NOT_FOUND, ())
        return QueryReply(ReturnCode.OK, tuple(records))

    def _apply(self, entry: ApplyEntry) -> ApplyResult:
        store = self.world.store
        booking = find_booking(store, entry.print_no)
        code: ReturnCode
        if booking is None:
            code = ReturnCode.NOT_FOUND
        # The verify code is checked before any state is revealed: print numbers
        # are sequential and easy to guess, the 取票码 is not.
        elif not hmac.compare_digest(
            entry.verify_code_md5.lower().encode(), verify_code_md5(booking.booking_id).encode()
        ):
            code = ReturnCode.VERIFY_CODE_MISMATCH
        elif booking.refunded:
            code = ReturnCode.REFUNDED
        elif booking.print_state == "printed":
            code = ReturnCode.ALREADY_PRINTED
        elif booking.print_state == "applied":
            code = ReturnCode.OK  # a retry after a lost reply gets the same answer
        elif show_ended(store, booking, self.ended_sessions):
            code = ReturnCode.SHOW_ENDED
        else:
            booking.print_state = "applied"
            code = ReturnCode.OK
        log.info("SARFT simulator: apply %s: %d", entry.print_no, code)
        return ApplyResult(entry.print_no, code)

    def _confirm(self, print_nos: tuple[str, ...]) -> ReturnCode:
        """Every booking is checked before any changes, so a refused confirm changes none."""
        store = self.world.store
        bookings: list[Booking] = []
        for print_no in print_nos:
            booking = find_booking(store, print_no)
            if booking is None:
                return ReturnCode.NOT_FOUND
            if booking.refunded:
                return ReturnCode.REFUNDED
            if booking.print_state == "unprinted":
                return ReturnCode.NOT_APPLIED
            bookings.append(booking)
        if not bookings:
            return ReturnCode.NOT_FOUND
        for booking in bookings:
            booking.print_state = "printed"
        log.info("SARFT simulator: confirm %s: printed", ", ".join(print_nos))
        return ReturnCode.OK


async def start_sarft(
    world: SimWorld,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    username: str,
    password: str,
    wire: WireFormat | None = None,
    idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S,
) -> SarftSimulator:
    """Start the simulator on ``host:port`` (0: a free port) and return it listening."""
    simulator = SarftSimulator(
        world,
        username=username,
        password=password,
        wire=wire or WireFormat(),
        idle_timeout_s=idle_timeout_s,
    )
    return await simulator.start(host, port)
