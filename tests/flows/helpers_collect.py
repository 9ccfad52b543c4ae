"""Shared set-up for the collect, reprint and pickup-code tests: the real adapters
pointed at the in-process simulators, and small recording wrappers."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import sys
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.connect.client import ConnectClient
from kiosk.domain import Booking
from kiosk.flows.collect import CollectFlow
from kiosk.flows.pickup_code import KeypadGuard
from kiosk.journal import AsyncJournal
from kiosk.printing.printer import TicketPrinter, open_printer
from kiosk.sarft import SarftClient
from kiosk.settings import Settings
from kiosk.sim.cluster import SimCluster
from kiosk.sim.printer_server import PrinterServer
from kiosk.sim.sarft_server import SarftSimulator
from kiosk.sim.store import SimBooking


def settings_for(info: Mapping[str, Any], data_dir: Path, **changes: Any) -> Settings:
    """Settings that point every adapter at the simulators of ``info`` (short timeouts)."""
    values: dict[str, Any] = {
        "connect_url": info["connect"]["url"],
        "connect_token": info["connect"]["token"],
        "cinema_id": info["connect"]["cinema_id"],
        "sarft_host": info["sarft"]["host"],
        "sarft_port": info["sarft"]["port"],
        "sarft_username": info["sarft"]["username"],
        "sarft_password": info["sarft"]["password"],
        "sarft_reply_timeout_s": 2.0,
        "printer": info["printer"]["url"],
        "printer_timeout_s": 1.0,
        "payment_url": info["payment"]["url"],
        "data_dir": data_dir,
        "connect_read_retries": 1,
    }
    values.update(changes)
    return Settings(**values)


def env_for(settings: Settings) -> dict[str, str]:
    """The KIOSK_* variables that make ``kiosk collect`` use these settings."""
    names = (
        "connect_url",
        "cinema_id",
        "sarft_host",
        "sarft_port",
        "sarft_username",
        "sarft_reply_timeout_s",
        "printer",
        "printer_timeout_s",
        "data_dir",
    )
    env = {f"KIOSK_{n.upper()}": str(getattr(settings, n)) for n in names}
    env["KIOSK_CONNECT_TOKEN"] = settings.connect_token.get_secret_value()
    env["KIOSK_SARFT_PASSWORD"] = settings.sarft_password.get_secret_value()
    return env


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FastClock:
    """Real wall time, no waiting between retries."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    async def sleep(self, seconds: float) -> None:
        return None


@dataclass
class RecordingConnect:
    """The real Connect client, with every call it is asked to make written down."""

    client: ConnectClient
    calls: list[dict[str, Any]] = field(default_factory=list)

    async def get_single_booking(
        self, *, booking_id: str | None = None, booking_number: int | None = None
    ) -> Booking:
        self.calls.append({"booking_id": booking_id, "booking_number": booking_number})
        return await self.client.get_single_booking(
            booking_id=booking_id, booking_number=booking_number
        )


@dataclass
class Kit:
    sim: SimCluster
    settings: Settings
    flow: CollectFlow
    journal: AsyncJournal
    connect: RecordingConnect
    printer: TicketPrinter
    monotonic: FakeMonotonic
    sarft_sessions: list[SarftClient]

    @property
    def virtual_printer(self) -> PrinterServer:
        server = self.sim.services["printer"]
        assert isinstance(server, PrinterServer)
        return server

    @property
    def sarft_sim(self) -> SarftSimulator:
        server = self.sim.services["sarft"]
        assert isinstance(server, SarftSimulator)
        return server

    def booking(self, tickets: int) -> SimBooking:
        """A demo booking bought online with this many seats, still unprinted."""
        return next(
            b
            for b in self.sim.world.store.bookings.values()
            if b.online and len(b.tickets) == tickets and b.print_state == "unprinted"
        )

    def faults(self, *rules: str) -> None:
        self.sim.world.faults.add(list(rules))


@contextlib.asynccontextmanager
async def collect_kit(sim: SimCluster, tmp_path: Path, **settings: Any) -> AsyncIterator[Kit]:
    config = settings_for(sim.info(), tmp_path / "kiosk", **settings)
    journal = await AsyncJournal.open(config.journal_path)
    connect = RecordingConnect(ConnectClient.from_settings(config))
    printer = open_printer(config)
    monotonic = FakeMonotonic()
    sessions: list[SarftClient] = []

    def sarft() -> SarftClient:
        sessions.append(SarftClient.from_settings(config))
        return sessions[-1]

    flow = CollectFlow(
        connect,
        sarft,
        printer,
        journal,
        kiosk_id=config.kiosk_id,
        guard=KeypadGuard(config.pickup_max_failures, config.pickup_lock_s, monotonic),
        clock=FastClock(),
    )
    try:
        yield Kit(sim, config, flow, journal, connect, printer, monotonic, sessions)
    finally:
        await flow.release()
        await printer.close()
        await connect.client.aclose()
        await journal.close()


async def start_kiosk_command(env: Mapping[str, str], *args: str) -> asyncio.subprocess.Process:
    """``kiosk ARGS...`` as an installer runs it: a subprocess configured by KIOSK_* only."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finished(process: asyncio.subprocess.Process) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a command started by :func:`start_kiosk_command`."""
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def kiosk_command(env: Mapping[str, str], *args: str) -> tuple[int, str, str]:
    return await finished(await start_kiosk_command(env, *args))
