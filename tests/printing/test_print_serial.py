"""A serial:// printer: the kiosk's bytes go through a real tty (a pseudo-terminal)
whose other end is bridged to the virtual printer, status replies included."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tty
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.printing.device import PrinterDevice
from kiosk.printing.printer import TicketPrinter
from kiosk.printing.profiles import load_profile
from kiosk.printing.status import PrintInterrupted
from kiosk.sim.printer_server import PrinterServer
from kiosk.sim.world import SimWorld
from tests.printing.conftest import INFO_CODE, face


@contextlib.asynccontextmanager
async def serial_line_to(printer: PrinterServer) -> AsyncIterator[str]:
    """A tty path; whatever is written to it reaches the virtual printer over TCP,
    and the printer's answers come back up the line, as a serial cable would."""
    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    reader, writer = await asyncio.open_connection(printer.host, printer.port)
    loop = asyncio.get_running_loop()

    def to_printer() -> None:
        with contextlib.suppress(OSError):
            writer.write(os.read(master, 65536))

    async def to_line() -> None:
        while data := await reader.read(1024):
            os.write(master, data)

    loop.add_reader(master, to_printer)
    answers = asyncio.create_task(to_line())
    try:
        yield path
    finally:
        loop.remove_reader(master)
        answers.cancel()
        writer.close()
        os.close(master)
        os.close(slave)


async def test_a_ticket_prints_over_a_serial_line(
    virtual_printer: PrinterServer, tmp_path: Path
) -> None:
    async with serial_line_to(virtual_printer) as tty_path:
        # A long read timeout: a status read that waits it out instead of taking the
        # one byte answered would run this test past pytest's time limit.
        device = PrinterDevice(f"serial://{tty_path}?baudrate=115200", timeout_s=30.0)
        printer = TicketPrinter(device, load_profile("virtual"), kiosk_id="K01")
        try:
            status = await printer.status()
            assert status.ready, status.describe()  # DLE EOT answered across the line
            result = await printer.print_tickets([face()])
        finally:
            await printer.close()
    assert result.printed == (0,)
    [job] = virtual_printer.jobs
    assert job.path is not None
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(job.path))] == [INFO_CODE]


async def test_a_ticket_the_roll_ran_out_under_is_in_doubt_over_a_serial_line(
    virtual_printer: PrinterServer, world: SimWorld, tmp_path: Path
) -> None:
    """Proof of paper works on a serial line as over TCP: the second ticket stops
    half-way, so it is in doubt, and its rest is cleared from the printer."""
    async with serial_line_to(virtual_printer) as tty_path:
        device = PrinterDevice(f"serial://{tty_path}?baudrate=115200", timeout_s=2.0)
        printer = TicketPrinter(device, load_profile("virtual"), kiosk_id="K01")
        faces = [face(ticket_code=f"T{i:015d}") for i in range(3)]
        world.faults.add(["printer.print=paper_out_after_mm:210"])  # a ticket is ~144 mm
        try:
            with pytest.raises(PrintInterrupted) as stopped:
                await printer.print_tickets(faces)
            world.faults.clear()  # a new roll
            assert (await printer.status()).ready
            await asyncio.sleep(1.0)
        finally:
            await printer.close()
    assert (stopped.value.printed, stopped.value.in_doubt) == ((0,), 1)
    assert [job.partial for job in virtual_printer.jobs if job.path] == [False, True]
