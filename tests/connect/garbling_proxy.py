"""An HTTP proxy on loopback that passes every request to a simulator and, for chosen
paths, spoils the answer the way a broken gateway does: the body is sent as it came
but labelled ``Content-Encoding: gzip``, so the client cannot decode it
(``httpx.DecodingError``) although the simulator did the work.

It lives in the tests, not in the simulators: the simulators' faults are a fixed
contract (docs/simulators.md) and this is one more way a real network misbehaves.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from aiohttp import web

# Hop-by-hop and length headers the proxy sets itself.
_DROPPED = {"host", "content-length", "transfer-encoding", "connection", "content-encoding"}


@dataclass
class GarblingProxy:
    url: str  # the upstream's URL with the proxy's host and port
    garble: set[str] = field(default_factory=set)  # path endings whose answer is spoilt
    garbled: list[str] = field(default_factory=list)  # paths answered spoilt, in order


@asynccontextmanager
async def garbling_proxy(upstream_url: str, *endings: str) -> AsyncIterator[GarblingProxy]:
    """A proxy for ``upstream_url`` spoiling answers to paths ending with ``endings``."""
    upstream = urlsplit(upstream_url)
    origin = f"{upstream.scheme}://{upstream.netloc}"
    proxy = GarblingProxy("", set(endings))

    async with httpx.AsyncClient(base_url=origin, timeout=30) as client:

        async def forward(request: web.Request) -> web.Response:
            answer = await client.request(
                request.method,
                request.raw_path,  # as sent, query string included
                content=await request.read(),
                headers={k: v for k, v in request.headers.items() if k.lower() not in _DROPPED},
            )
            headers = {k: v for k, v in answer.headers.items() if k.lower() not in _DROPPED}
            if any(request.path.endswith(ending) for ending in proxy.garble):
                proxy.garbled.append(request.path)
                headers["Content-Encoding"] = "gzip"  # the body is not gzip
            return web.Response(status=answer.status_code, body=answer.content, headers=headers)

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", forward)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        proxy.url = upstream._replace(netloc=f"127.0.0.1:{port}").geturl()
        try:
            yield proxy
        finally:
            await runner.cleanup()
