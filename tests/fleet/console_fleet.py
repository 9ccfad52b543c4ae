"""A small fleet for the Prometheus console page (deploy/prometheus/consoles): two real
``kiosk run`` processes against the simulators, each with its own virtual printer,
scraped by a real Prometheus with the shipped rules, console and console library.

- ``K01`` is in service and has printed 3 tickets since it started: a ``kiosk
  collect`` was killed with SIGKILL after sending SARFT's 0x05, and the kiosk's
  start-up recovery printed them.
- ``K02`` is out of service: its roll ran out part-way through a collection, which
  now waits for staff, and the paper is still out.
- ``K03`` is a scrape target nobody answers (a kiosk down).

Used by tests/fleet/test_console.py and by ``python -m tests.fleet.console_screenshot``,
which photographs the page for the README.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx

from kiosk.flows.collect import STEP_APPLY
from kiosk.sim.cluster import SimCluster, kiosk_env
from kiosk.sim.printer_server import start_printer
from kiosk.sim.world import SimWorld
from tests.helpers.journal import open_intents

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"
RULES = DEPLOY / "kiosk-rules.yml"
CONSOLES = DEPLOY / "consoles"
LIBRARIES = DEPLOY / "console_libraries"
PAGE = "/consoles/kiosk-fleet.html"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Row = dict[str, str]  # a kiosk's cells on the page, by their data-field


@dataclass
class Fleet:
    prometheus: str  # Prometheus's base URL
    stderr: dict[str, bytes]  # each kiosk run's standard error, once it has ended

    @property
    def page(self) -> str:
        return self.prometheus + PAGE

    async def query(self, expr: str) -> list[dict[str, Any]]:
        """Prometheus's answer to an instant query; an error in the query fails here."""
        async with httpx.AsyncClient(base_url=self.prometheus, timeout=10.0) as client:
            reply = await client.get("/api/v1/query", params={"query": expr})
        answer = reply.json()
        assert answer["status"] == "success", f"{expr}: {answer}"
        result: list[dict[str, Any]] = answer["data"]["result"]
        return result

    async def read_page(self, timeout_s: float = 90.0) -> tuple[str, dict[str, Row]]:
        """The page and its rows once every kiosk's state has reached it (scrapes,
        health checks and rules take seconds), else as they are at the timeout."""
        html, rows = "", {}
        async with httpx.AsyncClient(timeout=10.0) as client:
            for _ in range(int(timeout_s / 0.5)):
                with contextlib.suppress(httpx.HTTPError):
                    reply = await client.get(self.page)
                    if reply.status_code == 200:
                        html, rows = reply.text, page_rows(reply.text)
                        if settled(rows):
                            break
                await asyncio.sleep(0.5)
        return html, rows


def _kiosk_env(sim: SimCluster, data_dir: Path, kiosk_id: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        **kiosk_env(sim.info()),
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_KIOSK_ID": kiosk_id,
        "KIOSK_HEALTH_INTERVAL_S": "0.5",
        "KIOSK_KIOSK_MODE": "false",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }


async def _collect(env: dict[str, str], code: str, number: int) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "kiosk", "collect", code, "--number", str(number), env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def _leave_tickets_owed(sim: SimCluster, env: dict[str, str]) -> None:
    """A collection killed after 0x05 and before any ticket: the next start prints them."""
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) == 3)
    sim.world.faults.add(["sarft.apply=hang"])
    process = await _collect(
        {**env, "KIOSK_SARFT_REPLY_TIMEOUT_S": "60"}, booking.booking_id, booking.booking_number
    )
    journal = Path(env["KIOSK_DATA_DIR"]) / "journal.sqlite3"
    try:
        for _ in range(1500):
            if STEP_APPLY in open_intents(journal):
                break
            await asyncio.sleep(0.02)
        else:
            raise AssertionError("the collection never sent 0x05")
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
        sim.world.faults.clear()


async def _run_out_of_paper_mid_collection(
    sim: SimCluster, world: SimWorld, env: dict[str, str]
) -> None:
    """The roll ends after the first ticket: the rest wait for staff, the paper stays out."""
    booking = next(
        b
        for b in sim.world.store.bookings.values()
        if b.online and len(b.tickets) >= 2 and b.print_state == "unprinted"
    )
    world.faults.add(["printer.print=paper_out_after:1"])
    process = await _collect(env, booking.booking_id, booking.booking_number)
    assert await asyncio.wait_for(process.wait(), 120) == 3, "the collection did not stop part-way"


def _prometheus_config(tmp: Path, targets: dict[str, int]) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "rules.yml").write_text(re.sub(r"for: \d+m", "for: 0s", RULES.read_text()))
    scrape = "".join(
        f"      - {{targets: ['127.0.0.1:{port}'], labels: {{instance: '{name}'}}}}\n"
        for name, port in targets.items()
    )
    config = tmp / "prometheus.yml"
    config.write_text(
        "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
        "rule_files: [rules.yml]\n"
        "scrape_configs:\n"
        "  - job_name: kiosk\n"
        "    static_configs:\n" + scrape
    )
    return config


@contextlib.asynccontextmanager
async def _running(
    name: str, *command: str, stderr: dict[str, bytes], env: dict[str, str] | None = None
) -> AsyncIterator[None]:
    """A process for the fleet's life; its standard error kept under ``name``."""
    process = await asyncio.create_subprocess_exec(
        *command, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        _, stderr[name] = await asyncio.wait_for(process.communicate(), 30)


@contextlib.asynccontextmanager
async def console_fleet(sim: SimCluster, tmp: Path) -> AsyncIterator[Fleet]:
    binary = shutil.which("prometheus")
    assert binary, "prometheus missing: scripts/setup.sh installs Debian's prometheus"
    # K02's own virtual printer: the same cinema, its own roll (faults)
    k02_world = SimWorld(store=sim.world.store)
    k02_printer = await start_printer(k02_world, out_dir=tmp / "printed-k02")
    ports = {"K01": free_port(), "K02": free_port(), "K03": free_port()}
    k01 = _kiosk_env(sim, tmp / "k01", "K01", KIOSK_METRICS_PORT=str(ports["K01"]))
    k02 = _kiosk_env(
        sim,
        tmp / "k02",
        "K02",
        KIOSK_METRICS_PORT=str(ports["K02"]),
        KIOSK_PRINTER=k02_printer.info()["url"],
    )
    stderr: dict[str, bytes] = {}
    try:
        await _leave_tickets_owed(sim, k01)
        await _run_out_of_paper_mid_collection(sim, k02_world, k02)
        config = _prometheus_config(tmp / "prometheus", ports)
        web = free_port()
        async with (
            _running(
                "prometheus",
                binary,
                f"--config.file={config}",
                f"--storage.tsdb.path={tmp / 'prometheus' / 'data'}",
                f"--web.listen-address=127.0.0.1:{web}",
                f"--web.console.templates={CONSOLES}",
                f"--web.console.libraries={LIBRARIES}",
                stderr=stderr,
            ),  # fmt: skip
            _running("K01", sys.executable, "-m", "kiosk", "run", env=k01, stderr=stderr),
            _running("K02", sys.executable, "-m", "kiosk", "run", env=k02, stderr=stderr),
        ):
            yield Fleet(f"http://127.0.0.1:{web}", stderr)
    finally:
        await k02_printer.close()


_LISTS = ("paths", "services")


class _FleetTable(HTMLParser):
    """Each ``tr.kiosk`` row of the page: its instance, and each cell's text by field."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, Row] = {}
        self._row: Row | None = None
        self._field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and found.get("class") == "kiosk":
            self._row = self.rows.setdefault(str(found.get("data-instance")), {})
        elif tag == "td" and self._row is not None and found.get("data-field"):
            self._field = str(found["data-field"])
            self._row[self._field] = ""
            self._row[self._field + ".class"] = str(found.get("class") or "")
        elif tag == "span" and self._row is not None and self._field in _LISTS:
            # a service or path: up (green) or down (red), listed under which
            part = f"{self._field}.{'up' if 'up' in str(found.get('class')).split() else 'down'}"
            self._row.setdefault(part, "")
            self._field = part

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._field = None
        elif tag == "span" and self._field and "." in self._field:
            self._field = self._field.split(".")[0]
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row is not None and self._field is not None:
            self._row[self._field] += " ".join(data.split()) + " " if data.strip() else ""


def page_rows(html: str) -> dict[str, Row]:
    table = _FleetTable()
    table.feed(html)
    return {name: {k: v.strip() for k, v in row.items()} for name, row in table.rows.items()}


def settled(rows: dict[str, Row]) -> bool:
    """Every kiosk's state has reached the page (scrapes, checks, rules take seconds)."""
    k01, k02, k03 = (rows.get(name, {}) for name in ("K01", "K02", "K03"))
    return (
        k01.get("in_service") == "yes"
        and k01.get("tickets_printed") == "3"
        and k01.get("oldest_open") == "none"
        and k02.get("in_service") == "NO"
        and k02.get("needing_staff") == "1"
        and "KioskTransactionNeedsStaff" in k02.get("alerts", "")
        and k03.get("scrape") == "DOWN"
        and "KioskDown" in k03.get("alerts", "")
    )
