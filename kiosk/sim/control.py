"""The simulators' control API: ``/_sim/faults`` and ``/_sim/state`` (docs/simulators.md)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from kiosk.sim.faults import FaultRuleError
from kiosk.sim.json_body import UnreadableBody, parse_json_body
from kiosk.sim.world import SimWorld

log = logging.getLogger(__name__)


def add_control_routes(app: web.Application, world: SimWorld) -> None:
    """Mount the control endpoints on an aiohttp app (its own port, or a service's)."""

    async def get_faults(_: web.Request) -> web.Response:
        return web.json_response({"rules": world.faults.describe()})

    async def post_faults(request: web.Request) -> web.Response:
        try:
            body = parse_json_body(await request.read())
        except UnreadableBody as exc:
            return web.json_response({"error": str(exc)}, status=400)
        rules = body.get("rules") if isinstance(body, dict) else None
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            return web.json_response({"error": 'expected {"rules": ["..."]}'}, status=400)
        try:
            world.faults.add(rules)
        except FaultRuleError as exc:
            return web.json_response({"error": str(exc)}, status=400)
        return web.json_response({"rules": world.faults.describe()})

    async def delete_faults(_: web.Request) -> web.Response:
        world.faults.clear()
        return web.json_response({"rules": []})

    async def get_state(_: web.Request) -> web.Response:
        return web.json_response(world.store.state_json())

    app.router.add_get("/_sim/faults", get_faults)
    app.router.add_post("/_sim/faults", post_faults)
    app.router.add_delete("/_sim/faults", delete_faults)
    app.router.add_get("/_sim/state", get_state)


class ControlServer:
    name = "control"

    def __init__(self, world: SimWorld, host: str, port: int) -> None:
        self.world = world
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> ControlServer:
        app = web.Application()
        add_control_routes(app, self.world)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = _bound_port(site)
        return self

    def info(self) -> dict[str, Any]:
        return {"control": f"http://{self.host}:{self.port}/_sim"}

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def _bound_port(site: web.TCPSite) -> int:
    server = site._server
    assert server is not None
    sockets = getattr(server, "sockets", None) or []
    return int(sockets[0].getsockname()[1])


@web.middleware
async def _client_gone(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """A client that hangs up while its request is being read (a kiosk stopped with a
    call in flight: Ctrl-C in the demo, a health check cut short) is one line in the
    log, as a real server notes it; aiohttp would log a handler's traceback, which the
    demo prints on the installer's terminal."""
    try:
        return await handler(request)
    except ConnectionResetError:
        transport = request.transport
        if transport is not None and not transport.is_closing():
            raise  # this client is still there: the simulator's own fault, to be seen whole
        log.info("%s %s: the client went away before its request was read", request.method,
                 request.path)  # fmt: skip
        raise web.HTTPBadRequest(text="the request was cut short") from None


async def start_aiohttp(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Start an aiohttp app on host:port (0 = any free port) and return the bound port."""
    app.middlewares.append(_client_gone)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    return runner, _bound_port(site)
