"""A one-page HTTP server on the event loop, for Prometheus to scrape ``/metrics``.

A kiosk in production has no other HTTP server to borrow: aiohttp is only the
simulators' (the ``sim`` extra), and prometheus_client's own server runs a thread
of its own beside the Qt loop. A scrape is one short GET, so this answers exactly
that: GET or HEAD of one path, one reply per connection (``Connection: close``),
and a clear status for anything else. A client that sends nothing, or more
header than a scraper ever does, is dropped rather than held.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

_HEAD_LIMIT = 16 * 1024  # Prometheus sends ~300 bytes of request head
_READ_TIMEOUT_S = 10.0
_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    431: "Request Header Fields Too Large",
}


class ScrapeServer:
    """Serves ``render()`` (body, content type) at ``path`` on ``host:port`` (0: any free port)."""

    def __init__(
        self, path: str, render: Callable[[], tuple[bytes, str]], host: str, port: int
    ) -> None:
        self._path = path
        self._render = render
        self._host = host
        self._port = port
        self._server: asyncio.Server | None = None
        self.port = 0  # the bound port, once started

    async def start(self) -> ScrapeServer:
        self._server = await asyncio.start_server(
            self._serve, self._host, self._port, limit=_HEAD_LIMIT
        )
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            await server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), _READ_TIMEOUT_S)
            except asyncio.LimitOverrunError:
                await self._reply(writer, 431, b"", "text/plain")
                return
            except (asyncio.IncompleteReadError, TimeoutError):
                return  # a client that hung up or sent nothing gets nothing
            status, body, content_type, with_body = self._answer(head)
            await self._reply(writer, status, body if with_body else b"", content_type, len(body))
        except (ConnectionError, OSError) as exc:
            log.debug("metrics scrape connection lost: %s", exc)
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    def _answer(self, head: bytes) -> tuple[int, bytes, str, bool]:
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = request_line.split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            return 400, b"bad request\n", "text/plain; charset=utf-8", True
        method, target, _version = parts
        if target.split("?", 1)[0] != self._path:
            return 404, b"not found: try " + self._path.encode() + b"\n", "text/plain", True
        if method not in ("GET", "HEAD"):
            return 405, b"GET or HEAD only\n", "text/plain; charset=utf-8", True
        body, content_type = self._render()
        return 200, body, content_type, method == "GET"

    async def _reply(
        self,
        writer: asyncio.StreamWriter,
        status: int,
        body: bytes,
        content_type: str,
        length: int | None = None,
    ) -> None:
        head = (
            f"HTTP/1.1 {status} {_REASONS[status]}\r\n"
            f"Content-Type: {content_type}\r\n"
            f"Content-Length: {len(body) if length is None else length}\r\n"
            "Connection: close\r\n\r\n"
        )
        writer.write(head.encode("latin-1") + body)
        await writer.drain()
