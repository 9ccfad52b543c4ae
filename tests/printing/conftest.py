"""Fixtures for the printing tests: a virtual printer on loopback and ticket faces."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.printing.device import PrinterDevice
from kiosk.printing.printer import TicketPrinter
from kiosk.printing.profiles import PrinterProfile, load_profile
from kiosk.printing.ticket import TicketFace
from kiosk.sim.printer_server import PrinterServer, start_printer
from kiosk.sim.store import SimStore
from kiosk.sim.world import SimWorld

# Shaped like a real 电影票信息码: opaque, ASCII, the full 180 characters.
INFO_CODE = ("QJ1lZ2R5c3RlbS1vcGFxdWUtdGlja2V0LWluZm8tY29kZS0xMjM0NTY3ODkw" * 3)[:180]
SHOW_TIME = dt.datetime(2025, 3, 15, 11, 30, tzinfo=dt.UTC)  # Saturday 19:30 in Shanghai


def face(**changes: Any) -> TicketFace:
    values: dict[str, Any] = {
        "cinema_name": "万达影城(CBD店)",
        "film_name": "流浪地球2：The Wandering Earth II",
        "show_time": SHOW_TIME,
        "hall_name": "3号激光IMAX厅",
        "seat_name": "7排10座",
        "price_fen": 4500,
        "service_fee_fen": 300,
        "ticket_code": "1234567890ABCDEF",
        "ticket_info_code": INFO_CODE,
        "printed_at": dt.datetime(2025, 3, 15, 10, 2, 11, tzinfo=dt.UTC),
        "kiosk_id": "K01",
    }
    values.update(changes)
    return TicketFace(**values)


@pytest.fixture
def world() -> SimWorld:
    return SimWorld(SimStore())


@pytest.fixture
async def virtual_printer(world: SimWorld, tmp_path: Path) -> AsyncIterator[PrinterServer]:
    server = await start_printer(world, out_dir=tmp_path / "printed")
    try:
        yield server
    finally:
        await server.close()


PrinterFor = Callable[..., TicketPrinter]


@pytest.fixture
async def printer_for(virtual_printer: PrinterServer) -> AsyncIterator[PrinterFor]:
    """A TicketPrinter on the virtual printer, for any profile; closed after the test."""
    opened: list[TicketPrinter] = []

    def make(profile: PrinterProfile | None = None, timeout_s: float = 2.0) -> TicketPrinter:
        device = PrinterDevice(virtual_printer.info()["url"], timeout_s)
        printer = TicketPrinter(device, profile or load_profile("virtual"), kiosk_id="K01")
        opened.append(printer)
        return printer

    yield make
    for printer in opened:
        await printer.close()
