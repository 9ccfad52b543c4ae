"""The metrics page's own HTTP server: what a scraper, a curious browser and a stuck client get."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from kiosk.scrape_server import ScrapeServer

PAGE = b"kiosk_in_service 1\n"


@pytest.fixture
async def server() -> AsyncIterator[ScrapeServer]:
    served = await ScrapeServer(
        "/metrics", lambda: (PAGE, "text/plain; version=0.0.4"), "127.0.0.1", 0
    ).start()
    yield served
    await served.close()


async def _raw(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    reply = await asyncio.wait_for(reader.read(), 5)
    writer.close()
    return reply


async def test_get_serves_the_page_with_its_type_and_length(server: ScrapeServer) -> None:
    async with httpx.AsyncClient() as client:
        reply = await client.get(f"http://127.0.0.1:{server.port}/metrics?name[]=x")
    assert reply.status_code == 200
    assert reply.content == PAGE
    assert reply.headers["content-type"] == "text/plain; version=0.0.4"
    assert reply.headers["content-length"] == str(len(PAGE))


async def test_head_says_the_length_and_sends_no_body(server: ScrapeServer) -> None:
    reply = await _raw(server.port, b"HEAD /metrics HTTP/1.1\r\nHost: k\r\n\r\n")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK")
    assert f"Content-Length: {len(PAGE)}".encode() in head
    assert body == b""


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET / HTTP/1.1\r\nHost: k\r\n\r\n", b"404"),
        (b"POST /metrics HTTP/1.1\r\nHost: k\r\nContent-Length: 0\r\n\r\n", b"405"),
        (b"hello\r\n\r\n", b"400"),
        (b"GET /metrics SPDY/3\r\n\r\n", b"400"),
        (b"GET /metrics HTTP/1.1\r\nX: " + b"a" * 20_000 + b"\r\n\r\n", b"431"),
    ],
    ids=["other-path", "post", "garbage", "not-http", "huge-head"],
)
async def test_anything_but_a_scrape_gets_a_clear_status(
    server: ScrapeServer, request_bytes: bytes, status: bytes
) -> None:
    reply = await _raw(server.port, request_bytes)
    assert reply.split(b" ", 2)[1] == status


async def test_a_client_that_sends_nothing_does_not_hold_up_the_scrape(
    server: ScrapeServer,
) -> None:
    _silent_reader, silent = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            reply = await client.get(f"http://127.0.0.1:{server.port}/metrics")
        assert reply.content == PAGE
    finally:
        silent.close()


async def test_the_page_is_rendered_per_scrape() -> None:
    pages = iter([b"a 1\n", b"a 2\n"])
    fresh = await ScrapeServer(
        "/metrics", lambda: (next(pages), "text/plain"), "127.0.0.1", 0
    ).start()
    try:
        async with httpx.AsyncClient() as client:
            first = await client.get(f"http://127.0.0.1:{fresh.port}/metrics")
            second = await client.get(f"http://127.0.0.1:{fresh.port}/metrics")
    finally:
        await fresh.close()
    assert (first.content, second.content) == (b"a 1\n", b"a 2\n")
