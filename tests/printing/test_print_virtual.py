"""Tickets printed over TCP to the virtual printer: the QR scans, the Chinese is real
glyphs, and faults stop or refuse jobs exactly as the collect flow needs."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from kiosk.domain import TicketRecord
from kiosk.paths import PROJECT_ROOT
from kiosk.printing.device import PrinterDevice
from kiosk.printing.printer import TicketPrinter, open_printer
from kiosk.printing.profiles import PrinterProfile, all_profiles, load_profile
from kiosk.printing.raster import cjk_font
from kiosk.printing.status import PrinterNotReady, PrintInterrupted
from kiosk.printing.ticket import SaleChannel, TicketFace
from kiosk.settings import Settings
from kiosk.sim.escpos_render import MARGIN_DOTS
from kiosk.sim.printer_server import PrinterServer, start_printer
from kiosk.sim.world import SimWorld
from tests.printing.conftest import INFO_CODE, SHOW_TIME, PrinterFor, face

ARTIFACTS = PROJECT_ROOT / "artifacts" / "printing"
NOT_IN_FONT = "\ua66e"  # CYRILLIC LETTER MULTIOCULAR O: the bundled subset draws tofu


def _scan(path: Path) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(path))]


def _ink_bands(image: Image.Image) -> list[tuple[int, int]]:
    """Top and bottom of each run of rows with ink: one band per printed line."""
    gray = image.convert("L")
    rows = [gray.crop((0, y, gray.width, y + 1)).getextrema()[0] < 128 for y in range(gray.height)]
    bands: list[tuple[int, int]] = []
    for y, inked in enumerate(rows):
        if inked and (not bands or bands[-1][1] != y):
            bands.append((y, y + 1))
        elif inked:
            bands[-1] = (bands[-1][0], y + 1)
    return bands


def _ink(image: Image.Image) -> int:
    return sum(image.convert("L").histogram()[:128])


@pytest.mark.parametrize("profile", all_profiles(), ids=lambda p: p.key)
async def test_every_profile_prints_a_ticket_whose_qr_scans(
    profile: PrinterProfile, printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    result = await printer_for(profile).print_tickets([face()])
    assert result.printed == (0,) and result.status.ready
    [job] = virtual_printer.jobs
    assert job.path is not None and _scan(job.path) == [INFO_CODE]
    if profile.text_mode == "gb18030":
        assert "7排10座" in job.lines and "票价 ￥45.00" in job.lines


@pytest.mark.parametrize("paper_dots", [576, 384])
@pytest.mark.parametrize("text_mode", ["gb18030", "raster"])
@pytest.mark.parametrize("qr_mode", ["native", "image"])
async def test_both_text_and_qr_modes_at_both_widths(
    paper_dots: int,
    text_mode: str,
    qr_mode: str,
    world: SimWorld,
    tmp_path: Path,
) -> None:
    base = load_profile("virtual" if paper_dots == 576 else "generic-58mm")
    profile = replace(base, text_mode=text_mode, qr_mode=qr_mode)  # type: ignore[arg-type]
    server = await start_printer(world, out_dir=tmp_path, paper_dots=paper_dots)
    device = PrinterDevice(server.info()["url"], 2.0)
    try:
        async with TicketPrinter(device, profile, kiosk_id="K01") as printer:
            await printer.print_tickets([face(reprint=True)])
    finally:
        await server.close()
    [job] = server.jobs
    assert job.path is not None and _scan(job.path) == [INFO_CODE]
    image = Image.open(job.path)
    assert image.width == paper_dots + 2 * MARGIN_DOTS
    inked = image.point(lambda v: 255 - v).getbbox()
    assert inked is not None and inked[2] <= MARGIN_DOTS + paper_dots  # nothing past the paper
    if text_mode == "raster":
        assert job.lines == []  # the printer read no text: it was all image


async def test_chinese_title_is_drawn_with_real_glyphs(
    printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    title = "流浪地球"
    await printer_for().print_tickets([face(film_name=title)])
    image = Image.open(virtual_printer.jobs[0].path or "")
    top, bottom = _ink_bands(image)[2]  # cinema name, rule, then the title
    cell = 48  # a double-size Chinese character on a 12x24 font
    left = MARGIN_DOTS + (576 - cell * len(title)) // 2
    cells = [image.crop((left + i * cell, top, left + (i + 1) * cell, bottom)) for i in range(4)]
    tofu = Image.new("L", (cell, cell), 255)
    ImageDraw.Draw(tofu).text((0, 0), NOT_IN_FONT, font=cjk_font(44), fill=0)
    inks = [_ink(c) for c in cells]
    assert all(ink > 100 for ink in inks)
    assert len(set(inks)) == len(title)  # four different characters, four different shapes
    assert _ink(tofu) not in inks


async def test_sample_tickets_at_both_widths(world: SimWorld, tmp_path: Path) -> None:
    """Leaves artifacts/printing/*.png for a person to look at, each on its own paper."""
    long_title = "名侦探柯南：百万美元的五棱星 Detective Conan: The Million-dollar Pentagram"
    samples = {
        "ticket-80mm.png": (load_profile("virtual"), face(film_name=long_title)),
        "ticket-58mm.png": (load_profile("generic-58mm"), face(reprint=True)),
        "ticket-58mm-en.png": (load_profile("generic-58mm"), face(language="en")),
        "ticket-80mm-reprint-en.png": (
            load_profile("virtual"),
            face(language="en", reprint=True, film_name=long_title),
        ),
        "ticket-80mm-raster-en.png": (
            load_profile("custom-vkp80iii"),
            face(language="en", channel=SaleChannel.CINEMA),
        ),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, (profile, ticket) in samples.items():
        server = await start_printer(world, out_dir=tmp_path / name, paper_dots=profile.paper_dots)
        try:
            device = PrinterDevice(server.info()["url"], 2.0)
            async with TicketPrinter(device, profile, kiosk_id="K01") as printer:
                await printer.print_tickets([ticket])
        finally:
            await server.close()
        path = server.jobs[0].path
        assert path is not None and _scan(path) == [INFO_CODE]
        shutil.copy(path, ARTIFACTS / name)
    slip = server.jobs[-1]  # the cinema sale's fee went on its own slip
    assert len(server.jobs) == 2 and slip.path is not None and _scan(slip.path) == []
    shutil.copy(slip.path, ARTIFACTS / "fee-slip-80mm-raster-en.png")


async def test_paper_out_after_the_first_of_three_stops_the_job(
    printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    virtual_printer.world.faults.add(["printer.print=paper_out_after:1"])
    seen: list[int] = []
    with pytest.raises(PrintInterrupted) as caught:
        await printer_for().print_tickets([face(), face(), face()], on_ticket=seen.append)
    assert caught.value.printed == (0,) and caught.value.in_doubt is None
    assert caught.value.status.paper_out
    assert seen == [0]
    assert len(virtual_printer.printed) == 1


async def test_paper_running_out_under_a_ticket_does_not_count_it(
    printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    printer = printer_for()
    assert (await printer.status()).ready
    virtual_printer.world.faults.add(["printer.print=paper_out_after:0"])
    with pytest.raises(PrinterNotReady):
        await printer.print_tickets([face()])
    virtual_printer.world.faults.clear()

    # the paper goes between the status check and the ticket: the printer holds it back
    async def paper_goes(index: int) -> None:
        virtual_printer.world.faults.add(["printer.print=paper_out_after:0"])

    with pytest.raises(PrintInterrupted) as caught:
        await printer.print_tickets([face(), face()], on_ticket=paper_goes)
    assert caught.value.printed == (0,)
    assert [job.dropped for job in virtual_printer.jobs] == ["", "paper out"]


@pytest.mark.parametrize("rule", ["printer.status=cover_open", "printer.*=paper_out_after:0"])
async def test_a_printer_not_ready_refuses_the_job_before_sending_anything(
    rule: str, printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    virtual_printer.world.faults.add([rule])
    with pytest.raises(PrinterNotReady) as caught:
        await printer_for().print_tickets([face(), face()])
    assert not caught.value.status.ready
    assert virtual_printer.jobs == []


async def test_no_reply_is_unknown_status_within_the_timeout(
    printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    virtual_printer.world.faults.add(["printer.status=no_reply"])
    printer = printer_for(timeout_s=0.3)
    started = time.monotonic()
    status = await printer.status()
    assert status.unknown and not status.ready
    assert time.monotonic() - started < 1.0
    with pytest.raises(PrinterNotReady):
        await printer.print_tickets([face()])
    assert virtual_printer.jobs == []


async def test_a_lost_connection_leaves_the_ticket_in_doubt(
    printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    virtual_printer.world.faults.add(["printer.print=drop_request:times:1"])
    with pytest.raises(PrintInterrupted) as caught:
        await printer_for(timeout_s=0.5).print_tickets([face(), face()])
    assert caught.value.printed == () and caught.value.in_doubt == 0
    assert virtual_printer.printed == []


async def test_near_end_and_latency_still_print(
    printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    virtual_printer.world.faults.add(["printer.status=latency:50", "printer.print=paper_near_end"])
    result = await printer_for().print_tickets([face(), face()])
    assert result.printed == (0, 1)
    assert result.status.paper_near_end and result.status.ready
    near_end_blind = replace(load_profile("virtual"), near_end_sensor=False)
    assert not (await printer_for(near_end_blind).status()).paper_near_end


async def test_open_printer_from_settings_and_test_page(virtual_printer: PrinterServer) -> None:
    settings = Settings(
        printer=virtual_printer.info()["url"], printer_timeout_s=1.0, kiosk_id="K09"
    )
    async with open_printer(settings) as printer:
        assert isinstance(printer, TicketPrinter)
        result = await printer.test_print()
    assert result.printed == (0,)
    [job] = virtual_printer.jobs
    assert "7排10座" in job.lines and job.path is not None
    assert _scan(job.path) == ["TEST K09"]


async def test_an_unreachable_printer_has_unknown_status(printer_for: PrinterFor) -> None:
    device = PrinterDevice("tcp://127.0.0.1:9", 0.3)  # discard port: nothing listens
    printer = TicketPrinter(device, load_profile("virtual"), kiosk_id="K01")
    try:
        assert (await printer.status()).unknown
    finally:
        await printer.close()


async def test_the_qr_is_the_ticket_info_code_verbatim_even_its_spaces(
    printer_for: PrinterFor, virtual_printer: PrinterServer
) -> None:
    """The 电影票信息码 is opaque: a space at either end is part of it, not padding."""
    info_code = " " + INFO_CODE[:177] + "  "
    record = TicketRecord(
        print_no="0000000000111972",
        ticket_info_code=info_code,
        cinema_code="31070901",
        cinema_name="万达影城(CBD店)",
        screen_code="3107090101",
        screen_name="3号厅",
        film_code="051100872015",
        film_name="流浪地球2",
        session_code="29617",
        session_datetime=SHOW_TIME,
        code="1234567890ABCDEF",
        seat_code="1-7-10",
        seat_name="7排10座",
        price_fen=4500,
        service_fee_fen=300,
        printed=False,
    )
    made = TicketFace.from_record(record, kiosk_id="K01", printed_at=SHOW_TIME)
    assert made.ticket_info_code == info_code
    await printer_for().print_tickets([made])
    [job] = virtual_printer.jobs
    assert job.path is not None and _scan(job.path) == [info_code]
