"""Characters the printer's font lacks, end to end: a GB2312-only 58 mm printer (the
virtual printer playing it draws them as the garbage a real one prints) gets those
lines as images, so nothing on the ticket is garbled."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kiosk.printing.device import PrinterDevice
from kiosk.printing.printer import TicketPrinter
from kiosk.printing.profiles import load_profile
from kiosk.sim.printer_server import start_printer
from kiosk.sim.world import SimWorld
from tests.printing.conftest import face

RARE = face(cinema_name="喆啡影城", seat_name="7排10座", film_name="龍門飛甲")


async def _print(world: SimWorld, tmp_path: Path, charset: str) -> list[str]:
    sim = await start_printer(world, out_dir=tmp_path / charset, profile="generic-58mm")
    profile = dataclasses.replace(load_profile("generic-58mm"), charset=charset)  # type: ignore[arg-type]
    printer = TicketPrinter(PrinterDevice(sim.info()["url"], 1.0), profile, kiosk_id="K01")
    try:
        result = await printer.print_tickets([RARE])
        assert result.printed == (0,)
        [job] = sim.printed
        return job.lines
    finally:
        await printer.close()
        await sim.close()


async def test_a_gb2312_printer_gets_what_its_font_lacks_as_an_image(
    world: SimWorld, tmp_path: Path
) -> None:
    lines = await _print(world, tmp_path, "gb2312")
    assert not any("\ufffd" in line for line in lines), lines
    assert any("7排10座" in line for line in lines)  # what the font has stays text


async def test_trusting_the_font_blindly_prints_garbage(world: SimWorld, tmp_path: Path) -> None:
    """The same ticket sent as GB18030 text to that printer: the check above is real."""
    lines = await _print(world, tmp_path, "gb18030")
    assert any("\ufffd" in line for line in lines), lines
