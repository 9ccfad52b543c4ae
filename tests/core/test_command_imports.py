"""What a command start imports and searches for: start-up time it should not pay.

Each probe runs in a fresh interpreter, so ``sys.modules`` holds only what that
start needed (this test process has imported everything already).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The printing stack, SARFT and the collect flow: what ``kiosk buy`` never uses.
PRINTING_STACK = ("escpos", "PIL", "qrcode", "kiosk.printing.printer", "kiosk.sarft")


def _probe(code: str, tmp_path: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        # this checkout's kiosk, whatever the cwd or an editable install points at
        env={**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr  # the probe's traceback, to read
    loaded: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


def _of(loaded: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in loaded if m.split(".")[0] in prefixes or m.startswith(prefixes))


def test_buying_from_a_terminal_loads_no_printing_stack(tmp_path: Path) -> None:
    # kiosk buy's whole wiring: its module, the services without a printer, a purchase flow
    code = """
import asyncio, json, sys
import kiosk.cli.buy
from kiosk.services import build_services
from kiosk.settings import load_settings

async def main():
    services = await build_services(load_settings(), with_printer=False, command="kiosk buy")
    try:
        services.purchase_flow()
    finally:
        await services.aclose()

asyncio.run(main())
print(json.dumps(sorted(sys.modules)))
"""
    loaded = _probe(code, tmp_path)
    assert "kiosk.flows.purchase" in loaded  # the probe did wire a purchase
    assert _of(loaded, PRINTING_STACK) == []
    assert "kiosk.flows.collect" not in loaded
    # the reply models load with the first request, on the Connect client's thread
    assert _of(loaded, ("pydantic", "kiosk.connect.models", "kiosk.payment.http_replies")) == []


def test_no_payment_provider_loads_pydantic_before_its_first_answer(tmp_path: Path) -> None:
    code = """
import json, sys
import kiosk.payment.http, kiosk.payment.wechatpay, kiosk.payment.alipay
print(json.dumps(sorted(sys.modules)))
"""
    assert _of(_probe(code, tmp_path), ("pydantic",)) == []


def test_the_printers_status_is_read_without_importing_escpos(tmp_path: Path) -> None:
    # the flows and the admin screen read a printer status; only talking ESC/POS needs escpos
    code = """
import json, sys
import kiosk.printing.status, kiosk.printing.ticket
print(json.dumps(sorted(sys.modules)))
"""
    assert _of(_probe(code, tmp_path), ("escpos",)) == []


def test_a_network_printers_status_is_read_without_the_encoding(tmp_path: Path) -> None:
    # a start opens the printer and asks its status (DLE EOT) on its own socket: the
    # ticket layout and ESC/POS encoding (escpos, qrcode, Pillow) wait for the first job
    code = """
import asyncio, json, socket, sys, threading
from kiosk.printing.device import PrinterDevice

server = socket.create_server(("127.0.0.1", 0))

def answer():
    conn, _ = server.accept()
    while conn.recv(3):
        conn.sendall(bytes([0x16]))

threading.Thread(target=answer, daemon=True).start()

async def main():
    device = PrinterDevice(f"tcp://127.0.0.1:{server.getsockname()[1]}", 2.0)
    try:
        assert await device.query(1) == 0x16
    finally:
        await device.close()

asyncio.run(main())
import kiosk.printing.printer, kiosk.services
print(json.dumps(sorted(sys.modules)))
"""
    loaded = _probe(code, tmp_path)
    assert _of(loaded, ("escpos", "PIL", "qrcode", "yaml", "kiosk.printing.layout")) == []


async def test_a_request_searches_for_no_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpcore asks which async library runs it several times per request; without
    sniffio each ask was a failed import, a search of every path (~0.3 ms)."""
    import asyncio
    import importlib.abc

    import httpx

    missing: list[str] = []

    class Recorder(importlib.abc.MetaPathFinder):
        # last on the path: it sees only what no real finder found
        def find_spec(self, name: str, *_: object) -> None:
            missing.append(name)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server, httpx.AsyncClient(verify=False) as client:
        await client.get(f"http://127.0.0.1:{port}/")  # the transport's own imports first
        monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Recorder()])
        reply = await client.get(f"http://127.0.0.1:{port}/")
    assert reply.text == "ok"
    assert missing == []


def test_the_kiosk_opens_without_the_staff_screen(tmp_path: Path) -> None:
    # what start_kiosk imports behind the first frame; the admin screen and its sections
    # (journal cards, health, reconciliation) wait for staff to get past the PIN
    code = """
import json, sys
import kiosk.app, kiosk.assembly
print(json.dumps(sorted(sys.modules)))
"""
    loaded = _probe(code, tmp_path)
    assert "kiosk.ui.admin.controller" in loaded  # the PIN pad and its gesture are armed
    assert _of(loaded, ("kiosk.ui.admin.admin_screen", "kiosk.reconcile")) == []


def test_a_command_start_reads_no_package_metadata(tmp_path: Path) -> None:
    # pydantic's plugin search reads every installed distribution's entry points the
    # first time a model is validated: 10-40 ms of every kiosk process, for no plugin
    code = """
import json, os, sys
os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)  # as a kiosk starts: not set
import kiosk.__main__
try:
    kiosk.__main__.main(["buy", "--help"])  # the parser imports kiosk buy's modules
except SystemExit:
    pass
from kiosk.connect.models import Cinema
Cinema.model_validate({"ID": "0200", "Name": "x"})  # a Connect reply's first model
import pydantic.plugin._loader as plugins
print(json.dumps([] if plugins._plugins is None else ["plugins looked for"]))
"""
    assert _probe(code, tmp_path) == []


def test_collecting_from_a_terminal_builds_no_payment_provider(tmp_path: Path) -> None:
    # kiosk collect's wiring: the services without payment and its start-up recovery
    code = """
import asyncio, json, sys
import kiosk.cli.collect
from kiosk.services import PRINTING, build_services
from kiosk.settings import load_settings

async def main():
    services = await build_services(
        load_settings(), with_payment=False, command="kiosk collect"
    )
    try:
        report = await services.recover(kinds=PRINTING)
        assert report.outcomes == []
    finally:
        await services.aclose()

asyncio.run(main())
print(json.dumps(sorted(sys.modules)))
"""
    loaded = _probe(code, tmp_path)
    assert "kiosk.flows.collect_recovery" in loaded  # the probe did recover
    assert _of(loaded, ("pydantic",)) == []  # the first Connect request loads it
    assert (
        _of(loaded, ("kiosk.payment.http", "kiosk.payment.wechatpay", "kiosk.payment.alipay")) == []
    )


def test_collecting_from_a_terminal_loads_no_purchase_flow(tmp_path: Path) -> None:
    # kiosk collect recovers collections and reprints only: recover_all and the collect
    # recoverers, never the purchase recoverer and the purchase flow it settles with
    code = """
import json, sys
import kiosk.cli.collect, kiosk.flows.collect_recovery, kiosk.flows.recovery_base
print(json.dumps(sorted(sys.modules)))
"""
    loaded = _probe(code, tmp_path)
    assert "kiosk.flows.collect" in loaded
    assert _of(loaded, ("kiosk.flows.purchase", "kiosk.flows.recovery")) == [
        "kiosk.flows.recovery_base"
    ]
