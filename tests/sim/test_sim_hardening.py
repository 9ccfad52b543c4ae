"""The simulators refuse what real services refuse and never crash on what a client
sends: deep JSON, absurd amounts, idle sockets, OData filters, printer output folders.

Run against ``kiosk sim`` processes and real loopback sockets, as installers use them.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from kiosk.sarft.codec import WireFormat, encode_frame
from kiosk.sarft.messages import AuthRequest
from kiosk.sim.cluster import DEFAULT_SARFT_PASSWORD, DEFAULT_SARFT_USERNAME
from kiosk.sim.control import start_aiohttp
from kiosk.sim.sarft_server import start_sarft
from kiosk.sim.sarft_wire import SimWire
from kiosk.sim.world import SimWorld

# Far deeper than Python's recursion limit: json.loads alone raises RecursionError.
DEEP = 100_000


class Sim:
    """One ``kiosk sim`` process, its --info file read back."""

    def __init__(self, process: subprocess.Popen[bytes], info: dict[str, Any]) -> None:
        self.process = process
        self.info = info

    def stop(self) -> str:
        """SIGTERM, then everything the process wrote (stdout and stderr)."""
        self.process.send_signal(signal.SIGTERM)
        output, _ = self.process.communicate(timeout=20)
        return output.decode(errors="replace")


def start_sim(
    tmp: Path, *args: str, env: Mapping[str, str] | None = None, name: str = "info.json"
) -> subprocess.Popen[bytes]:
    info_file = tmp / name
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sim", *args, "--info", str(info_file)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def wait_info(process: subprocess.Popen[bytes], info_file: Path) -> Sim:
    deadline = time.monotonic() + 30
    while not info_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(process.communicate()[0].decode())
        time.sleep(0.05)
    return Sim(process, json.loads(info_file.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sim]:
    """Every simulator in one process, shared by the HTTP tests of this module."""
    tmp = tmp_path_factory.mktemp("sim")
    running = wait_info(start_sim(tmp, "--out", str(tmp / "printed")), tmp / "info.json")
    yield running
    output = running.stop()
    # A refusal is an answer, not an incident: nothing the tests sent may reach the
    # simulator's log as a traceback.
    assert "Traceback" not in output, output


def call(
    method: str, url: str, raw: bytes | None = None, headers: Mapping[str, str] | None = None
) -> tuple[int, Any]:
    """One HTTP request, header names sent as written (Connect wants ``connectapitoken``
    in lower case, which urllib would capitalise); the reply as JSON when it is JSON."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=20)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        sent = {"Content-Type": "application/json", **(headers or {})}
        connection.request(method, path, body=raw, headers=sent)
        reply = connection.getresponse()
        body = reply.read()
    finally:
        connection.close()
    try:
        return reply.status, json.loads(body)
    except ValueError:
        return reply.status, body.decode(errors="replace")


def post(url: str, raw: bytes, headers: Mapping[str, str] | None = None) -> tuple[int, Any]:
    return call("POST", url, raw, headers)


def get(url: str, headers: Mapping[str, str] | None = None) -> tuple[int, Any]:
    return call("GET", url, None, headers)


def deep_array(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def connect_headers(sim: Sim) -> dict[str, str]:
    return {"connectapitoken": sim.info["connect"]["token"]}


# ---- deeply nested JSON: 400 with a reason, never a 500 --------------------------------


@pytest.mark.e2e
def test_payment_refuses_deeply_nested_json_with_400(sim: Sim) -> None:
    url = f"{sim.info['payment']['url']}/v1/orders"
    body = b'{"out_trade_no": "deep1", "amount_fen": 100, "description": ' + deep_array(DEEP) + b"}"
    status, reply = post(url, body)
    assert status == 400
    assert reply["error"] == "INVALID_REQUEST"
    assert "nests deeper" in reply["message"]


@pytest.mark.e2e
def test_payment_refuses_a_number_too_long_to_read_with_400(sim: Sim) -> None:
    url = f"{sim.info['payment']['url']}/v1/orders"
    body = b'{"out_trade_no": "long1", "amount_fen": ' + b"9" * 5000 + b"}"
    status, reply = post(url, body)
    assert status == 400
    assert reply["error"] == "INVALID_REQUEST"


@pytest.mark.e2e
def test_connect_refuses_deeply_nested_json_with_400(sim: Sim) -> None:
    url = f"{sim.info['connect']['url']}/RESTTicketing.svc/order"
    body = b'{"UserSessionId": ' + deep_array(DEEP) + b"}"
    status, reply = post(url, body, connect_headers(sim))
    assert status == 400
    assert reply["Result"] == 4
    assert "nests deeper" in reply["ErrorDescription"]


@pytest.mark.e2e
def test_control_refuses_deeply_nested_json_with_400(sim: Sim) -> None:
    status, reply = post(f"{sim.info['control']}/faults", b'{"rules": ' + deep_array(DEEP) + b"}")
    assert status == 400
    assert "nests deeper" in reply["error"]
    assert get(f"{sim.info['control']}/faults") == (200, {"rules": []})


@pytest.mark.e2e
def test_brackets_inside_strings_do_not_count_as_nesting(sim: Sim) -> None:
    url = f"{sim.info['payment']['url']}/v1/orders"
    body = {"out_trade_no": "brackets1", "amount_fen": 100, "description": "[" * 1000}
    status, reply = post(url, json.dumps(body).encode())
    assert status == 200, reply
    assert reply["state"] == "PENDING"


# ---- amounts real providers refuse ---------------------------------------------------


@pytest.mark.e2e
@pytest.mark.parametrize("amount", [10**30, 1_000_000_001, 0, -1])
def test_payment_refuses_an_amount_no_provider_takes(sim: Sim, amount: int) -> None:
    url = f"{sim.info['payment']['url']}/v1/orders"
    body = {"out_trade_no": f"amount{amount}".replace("-", "m"), "amount_fen": amount}
    status, reply = post(url, json.dumps(body).encode())
    assert status == 400, reply
    assert reply["error"] == "INVALID_REQUEST"
    assert "amount_fen must be 1-1000000000 fen" in reply["message"]
    _, state = get(f"{sim.info['control']}/state")
    assert body["out_trade_no"] not in state["payments"]


@pytest.mark.e2e
def test_payment_takes_its_ceiling_and_refuses_a_huge_refund(sim: Sim) -> None:
    base = sim.info["payment"]["url"]
    order = {"out_trade_no": "ceiling1", "amount_fen": 1_000_000_000}
    assert post(f"{base}/v1/orders", json.dumps(order).encode())[0] == 200
    assert post(f"{base}/_sim/pay/ceiling1", b"")[0] == 200
    refund = {"out_refund_no": "r1", "amount_fen": 10**30}
    status, reply = post(f"{base}/v1/orders/ceiling1/refund", json.dumps(refund).encode())
    assert status == 400
    assert reply["error"] == "INVALID_REQUEST"
    assert get(f"{base}/v1/orders/ceiling1")[1]["refunded_fen"] == 0


# ---- a client that hangs up mid-request ----------------------------------------------


def _hang_up_while_sending(url: str) -> None:
    """Headers and part of a body, then a reset: a kiosk stopped (Ctrl-C, a crash)
    with a call in flight, its handler on the simulator still reading the body."""
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as peer:
        head = (
            f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
        )
        peer.sendall(head.encode() + b"method=alipay.trade.query")
        time.sleep(0.3)  # the handler is waiting for the rest
        peer.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


@pytest.mark.e2e
def test_a_client_hanging_up_mid_request_is_a_line_not_a_traceback(tmp_path: Path) -> None:
    # seen in the demo: Ctrl-C while a health check was posting to the Alipay gateway
    # printed the gateway handler's traceback on the installer's terminal
    running = wait_info(
        start_sim(tmp_path, "--out", str(tmp_path / "printed")), tmp_path / "info.json"
    )
    try:
        payment = running.info["payment"]["url"]
        _hang_up_while_sending(f"{payment}/gateway.do")
        _hang_up_while_sending(f"{payment}/v1/orders")
        time.sleep(0.3)
        order = {"out_trade_no": "after-hangup", "amount_fen": 100}
        assert post(f"{payment}/v1/orders", json.dumps(order).encode())[0] == 200  # still serving
    finally:
        output = running.stop()
    assert "Traceback" not in output, output


async def test_a_reset_of_the_simulators_own_making_is_still_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # only a client that went away is one quiet line; a handler's own ConnectionResetError
    # with its client still there is a fault of the simulator, answered 500 and logged whole
    async def broken(request: web.Request) -> web.Response:
        raise ConnectionResetError("not the client's doing")

    app = web.Application()
    app.router.add_get("/broken", broken)
    runner, port = await start_aiohttp(app, "127.0.0.1", 0)
    try:
        status, _ = await asyncio.to_thread(get, f"http://127.0.0.1:{port}/broken")
    finally:
        await runner.cleanup()
    assert status == 500
    assert any(r.exc_info and r.exc_info[0] is ConnectionResetError for r in caplog.records)


# ---- $filter on every OData entity set --------------------------------------------------


def cinemas(sim: Sim, query: str = "") -> list[dict[str, Any]]:
    status, body = get(
        f"{sim.info['connect']['url']}/OData.svc/Cinemas{query}", connect_headers(sim)
    )
    assert status == 200, body
    entities: list[dict[str, Any]] = body["value"]
    return entities


@pytest.mark.e2e
def test_connect_applies_filter_to_cinemas(sim: Sim) -> None:
    every = cinemas(sim)
    assert len(every) >= 2, "the demo world needs two cinemas for this test to mean anything"
    wanted = every[1]["ID"]
    only = "?$filter=" + urllib.parse.quote(f"ID eq '{wanted}'") + "&$select=ID,Name"
    assert cinemas(sim, only) == [{"ID": wanted, "Name": every[1]["Name"]}]
    none = "?$filter=" + urllib.parse.quote("ID eq 'no-such-cinema'")
    assert cinemas(sim, none) == []


@pytest.mark.e2e
def test_connect_refuses_a_bad_filter_on_cinemas(sim: Sim) -> None:
    query = "?$filter=" + urllib.parse.quote("ID eq")
    status, _ = get(f"{sim.info['connect']['url']}/OData.svc/Cinemas{query}", connect_headers(sim))
    assert status == 400


# ---- SARFT: idle connections are closed -----------------------------------------------


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    """True if the server closed the connection (EOF) within ``seconds``."""
    try:
        async with asyncio.timeout(seconds):
            return await reader.read(1) == b""
    except TimeoutError:
        return False


@pytest.mark.parametrize("sent", [b"", b"\x00"], ids=["silent", "half-a-frame"])
async def test_sarft_closes_an_idle_half_open_connection(sim_world: SimWorld, sent: bytes) -> None:
    simulator = await start_sarft(
        sim_world,
        username=DEFAULT_SARFT_USERNAME,
        password=DEFAULT_SARFT_PASSWORD,
        idle_timeout_s=0.5,
    )
    try:
        reader, writer = await asyncio.open_connection(simulator.host, simulator.port)
        writer.write(sent)
        await writer.drain()
        assert await _closed_within(reader, 5.0)
        writer.close()
        await asyncio.sleep(0.05)
        assert simulator.open_connections == 0
    finally:
        await simulator.close()


async def test_sarft_keeps_a_connection_that_talks_within_the_timeout(
    sim_world: SimWorld,
) -> None:
    simulator = await start_sarft(
        sim_world,
        username=DEFAULT_SARFT_USERNAME,
        password=DEFAULT_SARFT_PASSWORD,
        wire=SimWire(),
        idle_timeout_s=1.0,
    )
    auth = encode_frame(AuthRequest(DEFAULT_SARFT_USERNAME, DEFAULT_SARFT_PASSWORD), WireFormat())
    try:
        reader, writer = await asyncio.open_connection(simulator.host, simulator.port)
        for _ in range(3):  # 3 x 0.6 s of talk outlasts one timeout, never one gap
            await asyncio.sleep(0.6)
            writer.write(auth)
            await writer.drain()
            assert await reader.read(4096) != b""
        assert await _closed_within(reader, 5.0)
        writer.close()
    finally:
        await simulator.close()


# ---- printed PNGs go under each simulator's own data dir -------------------------------


def _print_one_job(printer_url: str) -> None:
    host, port = urllib.parse.urlsplit(printer_url).netloc.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as printer:
        printer.sendall(b"\x1b@TICKET\n\n\x1dV\x00")


def _wait_for(path: Path) -> bool:
    deadline = time.monotonic() + 20
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.e2e
def test_printer_output_follows_kiosk_data_dir_and_out_wins(tmp_path: Path) -> None:
    """Four printers side by side: two data dirs, --out over a data dir, and neither
    (the kiosk's default data dir). Each job-0001.png lands in its own folder only."""
    home = {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    a, b = tmp_path / "a", tmp_path / "b"
    runs = [  # (where its jobs must go, its name, extra arguments, its environment)
        (a / "printed", "a", (), {**home, "KIOSK_DATA_DIR": str(a)}),
        (b / "printed", "b", (), {**home, "KIOSK_DATA_DIR": str(b)}),
        (tmp_path / "out", "out", ("--out", str(tmp_path / "out")),
         {**home, "KIOSK_DATA_DIR": str(a)}),
        (tmp_path / "xdg" / "kiosk" / "printed", "default", (), home),
    ]  # fmt: skip
    processes = [
        start_sim(tmp_path, "printer", *args, env=env, name=f"{name}.json")
        for _, name, args, env in runs
    ]
    try:
        sims = [
            wait_info(process, tmp_path / f"{name}.json")
            for process, (_, name, _, _) in zip(processes, runs, strict=True)
        ]
        for running, (folder, _, _, _) in zip(sims, runs, strict=True):
            assert Path(running.info["printer"]["out"]) == folder.resolve()
            _print_one_job(running.info["printer"]["url"])
        for folder, _, _, _ in runs:
            assert _wait_for(folder / "job-0001.png"), f"no job in {folder}"
            assert sorted(p.name for p in folder.iterdir()) == ["job-0001.png"]
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.communicate(timeout=20)


@pytest.mark.e2e
@pytest.mark.parametrize("how", ["data_dir_is_a_file", "out_is_a_file"])
def test_an_unusable_printer_folder_is_named_not_a_traceback(tmp_path: Path, how: str) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder", encoding="utf-8")
    args = ["--out", str(a_file / "printed")] if how == "out_is_a_file" else []
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "sim", "printer", *args,
         "--info", str(tmp_path / "info.json")],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "KIOSK_DATA_DIR": str(a_file)},
    )  # fmt: skip
    assert result.returncode == 78, result.stderr
    assert f"cannot write printed tickets to {a_file / 'printed'}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "info.json").exists()
