"""SARFT kiosk service simulator: the cinema's SarftKioskService on a TCP port.

It reads and writes the wire with its own code (``kiosk.sim.sarft_wire``), written
from docs/sarft-protocol.md and never shared with the kiosk's codec, so a mistake
in either shows as a failing test instead of passing on both ends. Which variant
of the (ours) choices it speaks is a :class:`SimWire` (``kiosk sim --wire``). It
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
import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from typing import Any

from kiosk.sim.faults import Fault
from kiosk.sim.sarft_wire import (
    APPLY,
    APPLY_REPLY,
    AUTH,
    AUTH_REPLY,
    CONFIRM,
    CONFIRM_REPLY,
    MD5_WIDTH,
    NAME_WIDTH,
    PRINT_NO_WIDTH,
    QUERY,
    QUERY_REPLY,
    SimWire,
    WireError,
)
from kiosk.sim.store import SimBooking, SimStore
from kiosk.sim.world import SimWorld

log = logging.getLogger(__name__)

DEFAULT_IDLE_TIMEOUT_S = 60.0

# The fault kinds a TCP service can act out (a "*" rule may name others).
FAULT_KINDS = ("latency", "hang", "malformed", "code", "drop_request", "drop_response")

# Return codes of the contract: 0-2 documented, the rest ours.
OK, ALREADY_PRINTED, UNKNOWN_ERROR, NOT_FOUND, VERIFY_CODE_MISMATCH = 0, 1, 2, 3, 4
REFUNDED, NOT_AUTHENTICATED, BAD_CREDENTIALS, SHOW_ENDED, NOT_APPLIED = 5, 6, 7, 8, 9
PRINT_NO_DIGITS = 16

_OPERATIONS = {AUTH: "auth", QUERY: "query", APPLY: "apply", CONFIRM: "confirm"}
_REPLY_TO = {AUTH: AUTH_REPLY, QUERY: QUERY_REPLY, APPLY: APPLY_REPLY, CONFIRM: CONFIRM_REPLY}


@dataclass(frozen=True)
class Request:
    """A request as read: its msg_type and fields (``entries`` for 0x05:
    print_no and verify_code_md5; ``print_nos`` for 0x03 and 0x07)."""

    msg_type: int
    username: str = ""
    password: str = field(default="", repr=False)  # kept out of reprs and logs
    print_nos: tuple[str, ...] = ()
    entries: tuple[tuple[str, str], ...] = field(default=(), repr=False)


def read_fields(msg_type: int, body: bytes, wire: SimWire) -> Request:
    """The fields of a request body whose size the wire reader checked."""
    if msg_type == AUTH:
        username = wire.text(body[:NAME_WIDTH], login=True)
        return Request(msg_type, username, wire.text(body[NAME_WIDTH:], login=True))
    count, rest = body[0], body[1:]
    if msg_type == APPLY:
        size = PRINT_NO_WIDTH + MD5_WIDTH
        items = [rest[i * size : (i + 1) * size] for i in range(count)]
        entries = tuple(
            (wire.text(item[:PRINT_NO_WIDTH]), wire.text(item[PRINT_NO_WIDTH:])) for item in items
        )
        return Request(msg_type, entries=entries)
    print_nos = tuple(
        wire.text(rest[i * PRINT_NO_WIDTH : (i + 1) * PRINT_NO_WIDTH]) for i in range(count)
    )
    return Request(msg_type, print_nos=print_nos)


@dataclass(frozen=True)
class Reply:
    """A reply's return code(s), and for 0x04 the bookings whose seats it lists."""

    msg_type: int
    code: int = OK
    bookings: tuple[SimBooking, ...] = ()
    results: tuple[tuple[str, int], ...] = ()  # 0x06: (print_no, return code)


# ---- what the store knows, in SARFT terms -------------------------------------


def find_booking(store: SimStore, print_no: str) -> SimBooking | None:
    """The booking a print_no names; only a 16-digit print_no names one."""
    if len(print_no) != PRINT_NO_DIGITS or not (print_no.isascii() and print_no.isdigit()):
        return None
    return store.booking_by_number(int(print_no))


def verify_code_md5(booking_id: str) -> str:
    """The contract's verify code: lowercase hex MD5 of the upper-cased 取票码."""
    code = booking_id.strip().upper().encode("ascii")
    return hashlib.md5(code, usedforsecurity=False).hexdigest()


def show_ended(store: SimStore, booking: SimBooking, ended_sessions: set[str]) -> bool:
    """Collection closes when the show is over (showtime + run time) or by hand."""
    session = store.sessions.get(booking.session_id)
    if session is None or session.session_id in ended_sessions:
        return True
    film = store.films.get(session.film_id)
    run_time = dt.timedelta(minutes=film.run_time_min if film else 0)
    return session.showtime + run_time < store.clock()


def records(store: SimStore, booking: SimBooking, wire: SimWire) -> bytes:
    """The 0x04 records of a booking, one per seat, in the contract's field order."""
    session = store.sessions[booking.session_id]
    cinema = store.cinemas[booking.cinema_id]
    hall = store.hall_for(session)
    film = store.films[session.film_id]
    printed = bytes([1 if booking.print_state == "printed" else 0])
    out = bytearray()
    for ticket in booking.tickets:
        out += wire.char(booking.print_no, PRINT_NO_WIDTH)
        out += wire.char(ticket.ticket_info_code, 181)
        out += wire.char(cinema.national_id, 9)
        out += wire.char(cinema.name, 64, cut=True)
        out += wire.char(hall.screen_code, 17)
        out += wire.char(hall.name, 64, cut=True)
        out += wire.char(film.short_code, 13)
        out += wire.char(film.title, 64, cut=True)
        out += wire.char(session.session_id, 17)
        out += wire.moment(session.showtime)
        out += wire.char(ticket.ticket_code, 17)
        out += wire.char("-".join(str(part) for part in ticket.seat), 17)
        out += wire.char(ticket.seat_label, 32, cut=True)
        out += wire.money(ticket.price_fen) + wire.money(ticket.service_fee_fen) + printed
    return bytes(out)


def coded_reply(request: Request, code: int) -> Reply:
    """The reply to ``request`` carrying return code ``code`` and nothing else."""
    if request.msg_type == APPLY:
        return Reply(APPLY_REPLY, results=tuple((p, code) for p, _ in request.entries))
    return Reply(_REPLY_TO[request.msg_type], code)


def reply_body(reply: Reply, store: SimStore, wire: SimWire) -> bytes:
    if reply.msg_type == QUERY_REPLY:
        listed = b"".join(records(store, booking, wire) for booking in reply.bookings)
        count = sum(len(booking.tickets) for booking in reply.bookings)
        return bytes([reply.code, count]) + listed
    if reply.msg_type == APPLY_REPLY:
        return bytes([len(reply.results)]) + b"".join(
            wire.char(print_no, PRINT_NO_WIDTH) + bytes([code]) for print_no, code in reply.results
        )
    return bytes([reply.code])


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
        wire: SimWire,
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
            # the sarft_* settings of a kiosk that speaks to it (docs/simulators.md)
            "wire": self.wire.settings(),
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
        except (OSError, WireError) as exc:
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
                    read = await self.wire.read_request(reader)
            except TimeoutError:
                log.info("SARFT simulator: closing a connection idle for %g s", self.idle_timeout_s)
                return
            if read is None:
                return
            request = read_fields(*read, self.wire)
            fault = self.world.faults.take("sarft", _OPERATIONS[request.msg_type], FAULT_KINDS)
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
            body = reply_body(reply, self.world.store, self.wire)
        except (ValueError, OverflowError):
            log.exception("SARFT simulator: cannot encode the reply; answering 2")
            reply = coded_reply(request, UNKNOWN_ERROR)
            body = reply_body(reply, self.world.store, self.wire)
        if kind == "malformed":
            if not self.wire.length_prefix_bytes:
                # with no length a longer body would be read as the next frame's start:
                # a msg_type no reply has cannot decode at once instead
                return bytes([0xFF]) + body
            # A body one byte longer than its layout: a frame that cannot decode.
            return self.wire.write_frame(reply.msg_type, body + b"\0")
        return self.wire.write_frame(reply.msg_type, body)

    # ---- the four operations ------------------------------------------------------

    def _answer(self, conn: _Connection, request: Request) -> Reply:
        try:
            if request.msg_type == AUTH:
                return self._auth(conn, request)
            if not conn.authenticated:
                return coded_reply(request, NOT_AUTHENTICATED)
            if request.msg_type == QUERY:
                return self._query(request.print_nos)
            if request.msg_type == APPLY:
                return Reply(APPLY_REPLY, results=tuple(self._apply(*e) for e in request.entries))
            return Reply(CONFIRM_REPLY, self._confirm(request.print_nos))
        except Exception:
            # Like the real service: an internal fault is answered with 2, not a hang-up.
            log.exception("SARFT simulator: request 0x%02x failed", request.msg_type)
            return coded_reply(request, UNKNOWN_ERROR)

    def _auth(self, conn: _Connection, request: Request) -> Reply:
        conn.authenticated = hmac.compare_digest(
            request.username.encode(), self.username.encode()
        ) and self.wire.password_matches(request.password, self._password)
        log.info("SARFT simulator: auth as %r: %s", request.username, conn.authenticated)
        if not conn.authenticated:
            conn.closing = True
            return Reply(AUTH_REPLY, BAD_CREDENTIALS)
        return Reply(AUTH_REPLY, OK)

    def _query(self, print_nos: tuple[str, ...]) -> Reply:
        store = self.world.store
        bookings: list[SimBooking] = []
        for print_no in print_nos:
            booking = find_booking(store, print_no)
            if booking is None:
                return Reply(QUERY_REPLY, NOT_FOUND)
            if booking.refunded:
                return Reply(QUERY_REPLY, REFUNDED)
            # A printed booking still answers after the show, so a kiosk that lost
            # the 0x08 reply can learn that its tickets did count.
            if booking.print_state != "printed" and show_ended(store, booking, self.ended_sessions):
                return Reply(QUERY_REPLY, SHOW_ENDED)
            bookings.append(booking)
        if not any(booking.tickets for booking in bookings):
            return Reply(QUERY_REPLY, NOT_FOUND)
        return Reply(QUERY_REPLY, OK, tuple(bookings))

    def _apply(self, print_no: str, md5: str) -> tuple[str, int]:
        store = self.world.store
        booking = find_booking(store, print_no)
        code: int
        if booking is None:
            code = NOT_FOUND
        # The verify code is checked before any state is revealed: print numbers
        # are sequential and easy to guess, the 取票码 is not.
        elif not hmac.compare_digest(
            md5.lower().encode(), verify_code_md5(booking.booking_id).encode()
        ):
            code = VERIFY_CODE_MISMATCH
        elif booking.refunded:
            code = REFUNDED
        elif booking.print_state == "printed":
            code = ALREADY_PRINTED
        elif booking.print_state == "applied":
            code = OK  # a retry after a lost reply gets the same answer
        elif show_ended(store, booking, self.ended_sessions):
            code = SHOW_ENDED
        else:
            booking.print_state = "applied"
            code = OK
        log.info("SARFT simulator: apply %s: %d", print_no, code)
        return print_no, code

    def _confirm(self, print_nos: tuple[str, ...]) -> int:
        """Every booking is checked before any changes, so a refused confirm changes none."""
        store = self.world.store
        bookings: list[SimBooking] = []
        for print_no in print_nos:
            booking = find_booking(store, print_no)
            if booking is None:
                return NOT_FOUND
            if booking.refunded:
                return REFUNDED
            if booking.print_state == "unprinted":
                return NOT_APPLIED
            bookings.append(booking)
        if not bookings:
            return NOT_FOUND
        for booking in bookings:
            booking.print_state = "printed"
        log.info("SARFT simulator: confirm %s: printed", ", ".join(print_nos))
        return OK


async def start_sarft(
    world: SimWorld,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    username: str,
    password: str,
    wire: SimWire | None = None,
    idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S,
) -> SarftSimulator:
    """Start the simulator on ``host:port`` (0: a free port) and return it listening."""
    simulator = SarftSimulator(
        world,
        username=username,
        password=password,
        wire=wire or SimWire(),
        idle_timeout_s=idle_timeout_s,
    )
    return await simulator.start(host, port)
