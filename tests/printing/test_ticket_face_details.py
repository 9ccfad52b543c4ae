"""The usher's fields on the printed ticket: ticket type (学生票), the session's format
and language (3D IMAX 国语) and the booking number, read back from what the virtual
printer printed on 58 mm and 80 mm paper, every line within the paper's columns."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.domain import TicketRecord
from kiosk.paths import PROJECT_ROOT
from kiosk.printing.device import PrinterDevice
from kiosk.printing.layout import layout_ticket, text_columns
from kiosk.printing.printer import TicketPrinter
from kiosk.printing.profiles import PrinterProfile, load_profile
from kiosk.printing.ticket import TicketDetails, TicketFace
from kiosk.sim.printer_server import PrintedJob, start_printer
from kiosk.sim.world import SimWorld
from tests.printing.conftest import INFO_CODE, SHOW_TIME, face

ARTIFACTS = PROJECT_ROOT / "artifacts"
PROFILES = {"58mm": "generic-58mm", "80mm": "virtual"}
STUDENT = {"ticket_type": "学生票", "attributes": ("3D", "IMAX", "国语"), "booking_number": 111972}


async def _print(
    world: SimWorld, out: Path, profile: PrinterProfile, ticket: TicketFace
) -> PrintedJob:
    server = await start_printer(world, out_dir=out, paper_dots=profile.paper_dots)
    try:
        device = PrinterDevice(server.info()["url"], 2.0)
        async with TicketPrinter(device, profile, kiosk_id="K01") as printer:
            await printer.print_tickets([ticket])
    finally:
        await server.close()
    [job] = server.jobs
    return job


@pytest.mark.parametrize("paper", PROFILES)
async def test_printed_ticket_names_type_version_and_booking(
    paper: str, world: SimWorld, tmp_path: Path
) -> None:
    profile = load_profile(PROFILES[paper])
    ticket = face(price_fen=4000, **STUDENT)
    job = await _print(world, tmp_path, profile, ticket)
    printed = [line.strip() for line in job.lines]
    assert "票种 学生票" in printed
    assert "3D IMAX 国语" in printed
    assert "订单号 111972" in printed
    assert "票价 ￥40.00" in printed
    assert all(text_columns(line) <= profile.chars_per_line for line in job.lines)
    assert job.path is not None
    shutil.copy(job.path, ARTIFACTS / f"ticket-face-{paper}.png")


@pytest.mark.parametrize("paper", PROFILES)
def test_long_type_and_many_attributes_wrap_within_the_paper(paper: str) -> None:
    profile = load_profile(PROFILES[paper])
    ticket = face(
        ticket_type="学生票（须出示有效学生证，限本人使用）Student concession",
        attributes=("中国巨幕", "3D", "IMAX", "杜比全景声", "国语", "中文字幕", "Dolby Atmos"),
        booking_number=987654321,
    )
    lines = layout_ticket(ticket, profile).text_lines()
    assert all(
        text_columns(line.padded(profile.chars_per_line)) * line.scale <= profile.chars_per_line
        for line in lines
    )
    text = "".join(line.text.strip() for line in lines)
    for attribute in ticket.attributes:
        assert attribute.replace(" ", "") in text.replace(" ", "")
    assert "须出示有效学生证" in text and "987654321" in text


def test_english_labels_for_type_and_booking() -> None:
    lines = [
        line.text
        for line in layout_ticket(
            face(language="en", **STUDENT), load_profile("virtual")
        ).text_lines()
    ]
    assert "Type 学生票" in lines and "Booking 111972" in lines


def test_unknown_fields_are_left_off_not_printed_as_placeholders() -> None:
    plain = layout_ticket(face(), load_profile("generic-58mm")).text_lines()
    blank = layout_ticket(
        face(ticket_type="  ", attributes=("", " "), booking_number=None),
        load_profile("generic-58mm"),
    ).text_lines()
    assert blank == plain
    text = "\n".join(line.text for line in plain)
    assert "票种" not in text and "订单号" not in text


def test_attributes_are_printed_once_each() -> None:
    assert face(attributes=("3D", "3d", " IMAX ", "3D")).attributes == ("3D", "IMAX")


def test_details_come_from_the_kiosk_beside_the_sarft_record() -> None:
    record = TicketRecord(
        print_no="PN0000111972",
        ticket_info_code=INFO_CODE,
        cinema_code="31071401",
        cinema_name="万达影城(CBD店)  ",
        screen_code="03",
        screen_name="3号厅 ",
        film_code="001",
        film_name="流浪地球2 ",
        session_code="S1",
        session_datetime=SHOW_TIME,
        code="1234567890ABCDEF",
        seat_code="7-10",
        seat_name="7排10座",
        price_fen=4000,
        service_fee_fen=0,
        printed=False,
    )
    details = TicketDetails(**STUDENT)  # type: ignore[arg-type]
    ticket = TicketFace.from_record(record, kiosk_id="K01", printed_at=SHOW_TIME, details=details)
    assert (ticket.ticket_type, ticket.attributes, ticket.booking_number) == (
        "学生票",
        ("3D", "IMAX", "国语"),
        111972,
    )
    bare = TicketFace.from_record(record, kiosk_id="K01", printed_at=SHOW_TIME)
    assert (bare.ticket_type, bare.attributes, bare.booking_number) == ("", (), None)
