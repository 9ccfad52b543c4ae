"""Async client of the SARFT kiosk service: one connection per patron transaction.

    async with SarftClient.from_settings(settings) as sarft:
        await sarft.authenticate()
        records = await sarft.query(print_no)
        await sarft.apply_print(print_no, booking_id)
        ...  # print every seat
        await sarft.confirm_printed(print_no)

Any failure of the exchange closes the connection, because a late reply could
otherwise be taken for the answer to the next request: after an error, open a
new client. A broken exchange after 0x05 or 0x07 raises SarftOutcomeUnknown -
the server may have acted - so the flow reconnects and re-queries.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from types import TracebackType
from typing import Self, TypeVar

from kiosk.domain import TicketRecord
from kiosk.sarft.codec import WireFormat, encode_frame, read_message, wire_password
from kiosk.sarft.errors import (
    SarftCommunicationError,
    SarftConnectionLost,
    SarftOutcomeUnknown,
    SarftProtocolError,
    SarftTimeout,
    error_for_code,
)
from kiosk.sarft.messages import (
    ApplyEntry,
    ApplyReply,
    ApplyRequest,
    AuthReply,
    AuthRequest,
    ConfirmReply,
    ConfirmRequest,
    QueryReply,
    QueryRequest,
    Reply,
    Request,
)
from kiosk.sarft.models import ReturnCode
from kiosk.sarft.values import verify_code_md5
from kiosk.secret import Secret
from kiosk.settings import Settings

log = logging.getLogger(__name__)

R = TypeVar("R", bound=Reply)


class SarftClient:
    """Talks to one SarftKioskService; see the module docstring for the sequence."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        username: str,
        password: Secret,
        wire: WireFormat | None = None,
        connect_timeout_s: float = 5.0,
        reply_timeout_s: float = 15.0,
    ) -> None:
        self.host = host
        self.port = port
        self._username = username
        self._password = password
        self._wire = wire or WireFormat()
        self._connect_timeout_s = connect_timeout_s
        self._reply_timeout_s = reply_timeout_s
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._opened = False

    @classmethod
    def from_settings(cls, settings: Settings) -> SarftClient:
        return cls(
            settings.sarft_host,
            settings.sarft_port,
            username=settings.sarft_username,
            password=settings.sarft_password,
            wire=WireFormat.from_settings(settings),
            connect_timeout_s=settings.sarft_connect_timeout_s,
            reply_timeout_s=settings.sarft_reply_timeout_s,
        )

    def __repr__(self) -> str:
        return f"SarftClient({self.host}:{self.port}, username={self._username!r})"

    async def __aenter__(self) -> Self:
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # ---- connection --------------------------------------------------------------

    async def connect(self) -> None:
        """Open the TCP connection (once per client)."""
        if self._opened:
            raise RuntimeError("a SarftClient connects once; open a new one")
        self._opened = True
        where = f"{self.host}:{self.port}"
        try:
            async with asyncio.timeout(self._connect_timeout_s):
                self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        except TimeoutError:
            raise SarftTimeout(
                f"no connection to {where} within {self._connect_timeout_s} s"
            ) from None
        except OSError as exc:
            raise SarftConnectionLost(f"cannot connect to {where}: {exc}") from exc
        log.debug("connected to SARFT service %s", where)

    async def close(self) -> None:
        """Close the connection; safe to call more than once."""
        writer, self._reader, self._writer = self._writer, None, None
        if writer is None:
            return
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()

    def _abort(self) -> None:
        """Drop the connection at once: its state is unknown after a failed exchange."""
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.transport.abort()

    async def _exchange(self, request: Request, reply_type: type[R]) -> R:
        """Send one request and read its one reply, within the reply timeout."""
        if self._reader is None or self._writer is None:
            raise RuntimeError("SarftClient is not connected (closed, failed, or never opened)")
        data = encode_frame(request, self._wire)  # refuses bad values before anything is sent
        reader, writer = self._reader, self._writer
        try:
            async with asyncio.timeout(self._reply_timeout_s):
                writer.write(data)
                await writer.drain()
                reply = await read_message(reader, self._wire)
        except TimeoutError:
            self._abort()
            raise SarftTimeout(f"no reply within {self._reply_timeout_s} s") from None
        except OSError as exc:
            self._abort()
            raise SarftConnectionLost(f"connection failed: {exc}") from exc
        except SarftProtocolError:
            self._abort()
            raise
        if reply is None:
            self._abort()
            raise SarftConnectionLost("the server closed the connection without replying")
        if not isinstance(reply, reply_type):
            self._abort()
            raise SarftProtocolError(
                f"expected {reply_type.__name__}, the server sent {type(reply).__name__}"
            )
        return reply

    @staticmethod
    def _check(return_value: int, what: str) -> None:
        if return_value != ReturnCode.OK:
            raise error_for_code(return_value, f"{what}: return code {return_value}")

    # ---- the four requests -----------------------------------------------------

    async def authenticate(self) -> None:
        """0x01. Raises BadCredentials (7) and closes, as the server does."""
        password = wire_password(self._password.get_secret_value(), self._wire)
        reply = await self._exchange(AuthRequest(self._username, password), AuthReply)
        log.info("SARFT auth as %r: return code %d", self._username, reply.return_value)
        if reply.return_value == ReturnCode.BAD_CREDENTIALS:
            await self.close()
        self._check(reply.return_value, "auth")

    async def query(self, print_no: str) -> list[TicketRecord]:
        """0x03: one record per seat of the booking, with its printed flag."""
        reply = await self._exchange(QueryRequest((print_no,)), QueryReply)
        log.info(
            "SARFT query %s: return code %d, %d record(s)",
            print_no,
            reply.return_value,
            len(reply.records),
        )
        self._check(reply.return_value, f"query {print_no}")
        if any(record.print_no != print_no for record in reply.records):
            # Printing another booking's tickets would be worse than printing none.
            self._abort()
            raise SarftProtocolError(f"query {print_no} returned records of another print_no")
        return list(reply.records)

    async def apply_print(self, print_no: str, booking_id: str) -> None:
        """0x05 for a booking, proving the 取票码 by its MD5. Send only when the
        printer is ready. A broken exchange raises SarftOutcomeUnknown."""
        request = ApplyRequest((ApplyEntry(print_no, verify_code_md5(booking_id)),))
        try:
            reply = await self._exchange(request, ApplyReply)
            answers = [r.return_value for r in reply.results if r.print_no == print_no]
            if len(reply.results) != 1 or len(answers) != 1:
                self._abort()
                raise SarftProtocolError(f"apply {print_no}: the reply does not answer it")
        except SarftCommunicationError as exc:
            raise SarftOutcomeUnknown(f"apply {print_no}: {exc}", exc) from exc
        log.info("SARFT apply %s: return code %d", print_no, answers[0])
        self._check(answers[0], f"apply {print_no}")

    async def confirm_printed(self, print_no: str) -> None:
        """0x07 once every ticket is physically printed. A broken exchange raises
        SarftOutcomeUnknown."""
        try:
            reply = await self._exchange(ConfirmRequest((print_no,)), ConfirmReply)
        except SarftCommunicationError as exc:
            raise SarftOutcomeUnknown(f"confirm {print_no}: {exc}", exc) from exc
        log.info("SARFT confirm %s: return code %d", print_no, reply.return_value)
        self._check(reply.return_value, f"confirm {print_no}")
