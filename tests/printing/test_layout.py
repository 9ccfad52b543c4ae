"""Layout in printer columns: nothing runs past the paper, titles wrap sensibly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.printing.layout import (
    REPRINT_MARK,
    QrBlock,
    TextLine,
    layout_fee_slip,
    layout_ticket,
    text_columns,
    wrap,
)
from kiosk.printing.profiles import load_profile
from kiosk.printing.ticket import (
    SaleChannel,
    TicketFace,
    TicketFaceError,
    format_fen,
    format_show_time,
)
from tests.printing.conftest import INFO_CODE, SHOW_TIME, face

WIDE_PROFILE = load_profile("virtual")  # 576 dots, 48 columns
NARROW_PROFILE = load_profile("generic-58mm")  # 384 dots, 32 columns
LONG_TITLES = [
    "指环王：护戒使者 The Lord of the Rings: The Fellowship of the Ring 加长版",
    "Supercalifragilisticexpialidocious-the-extremely-long-unbroken-word",
    "名侦探柯南：百万美元的五棱星（国语版）名侦探柯南：百万美元的五棱星",
    "哈利·波特与死亡圣器（下）Harry Potter and the Deathly Hallows Part 2",
]


def test_full_width_characters_take_two_columns() -> None:
    assert text_columns("7排10座") == 2 + 1 + 2 + 2
    assert text_columns("￥45.00") == 2 + 5
    assert text_columns("哈利·波特") == 10  # the middle dot is full width in a GB2312 font


def test_wrap_prefers_spaces_inside_latin_text() -> None:
    assert wrap("The Wandering Earth", 12) == ["The", "Wandering", "Earth"]


def test_wrap_breaks_chinese_and_long_words_on_character_boundaries() -> None:
    assert wrap("流浪地球流浪地球", 6) == ["流浪地", "球流浪", "地球"]
    assert wrap("ABCDEFGHIJ", 4) == ["ABCD", "EFGH", "IJ"]
    # a wide character never splits across a line end
    assert wrap("A流浪", 4) == ["A流", "浪"]


@given(st.text(alphabet=st.sampled_from("流浪地球 The-Earth·：（）1"), max_size=120))
def test_wrap_never_exceeds_the_width_and_keeps_every_character(text: str) -> None:
    for width in (16, 24, 32):
        lines = wrap(text, width)
        assert all(text_columns(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("profile", [WIDE_PROFILE, NARROW_PROFILE], ids=["80mm", "58mm"])
@pytest.mark.parametrize("title", LONG_TITLES)
def test_no_line_of_a_ticket_exceeds_the_paper(profile: object, title: str) -> None:
    assert profile is WIDE_PROFILE or profile is NARROW_PROFILE
    ticket = face(film_name=title, hall_name="巨幕厅 IMAX Laser 激光巨幕" * 2, reprint=True)
    layout = layout_ticket(ticket, profile)
    for line in layout.text_lines():
        assert text_columns(line.padded(layout.columns)) * line.scale <= profile.chars_per_line
    title_lines = [line for line in layout.text_lines() if line.scale == 2][:-2]
    assert "".join(line.text for line in title_lines).replace(" ", "") == title.replace(" ", "")


def test_ticket_shows_every_regulated_field_in_chinese() -> None:
    layout = layout_ticket(face(reprint=True), WIDE_PROFILE)
    text = "\n".join(line.padded(layout.columns) for line in layout.text_lines())
    for expected in (
        "万达影城(CBD店)",
        "流浪地球2：The Wandering",
        "2025-03-15 星期六 19:30",
        "影厅 3号激光IMAX厅",
        "7排10座",
        "票价 ￥45.00",
        "网络代售服务费 ￥3.00",
        "票号 1234567890ABCDEF",
        "打印 2025-03-15 18:02:11",
        "终端 K01",
        REPRINT_MARK,
    ):
        assert expected in text
    qr = [b for b in layout.blocks if isinstance(b, QrBlock)]
    assert [b.data for b in qr] == [INFO_CODE]
    big = [line.text for line in layout.text_lines() if line.scale == 2]
    assert "7排10座" in big and big[0].startswith("流浪地球")


def test_english_labels_are_a_setting() -> None:
    layout = layout_ticket(face(language="en"), NARROW_PROFILE)
    text = "\n".join(line.text for line in layout.text_lines())
    assert "2025-03-15 Sat 19:30" in text
    assert "Price ￥45.00" in text and "Online service fee ￥3.00" in text
    assert REPRINT_MARK not in text


def test_fee_of_a_cinema_sale_goes_on_a_separate_slip() -> None:
    online = face(channel=SaleChannel.ONLINE_AGENT)
    assert online.fee_on_ticket and online.fee_slip() is None
    at_cinema = face(channel=SaleChannel.CINEMA)
    slip = at_cinema.fee_slip()
    assert slip is not None and slip.fee_fen == 300
    ticket_text = " ".join(
        line.text for line in layout_ticket(at_cinema, WIDE_PROFILE).text_lines()
    )
    assert "服务费" not in ticket_text and "￥3.00" not in ticket_text
    slip_text = " ".join(line.text for line in layout_fee_slip(slip, WIDE_PROFILE).text_lines())
    assert "服务费 ￥3.00" in slip_text and "1234567890ABCDEF" in slip_text
    assert face(channel=SaleChannel.CINEMA, service_fee_fen=0).fee_slip() is None


def test_money_and_show_time_formats() -> None:
    assert format_fen(4500) == "￥45.00"
    assert format_fen(5) == "￥0.05"
    assert "￥".encode("gb18030") == b"\xa3\xa4"  # in every GB2312 printer font
    assert format_show_time(SHOW_TIME, "zh") == ("2025-03-15", "星期六", "19:30")
    late = dt.datetime(2025, 3, 15, 16, 30, tzinfo=dt.UTC)  # after midnight in Shanghai
    assert format_show_time(late, "en") == ("2025-03-16", "Sun", "00:30")


@dataclass
class _Record:
    """Shaped like kiosk.sarft.models.TicketRecord (fixed-width fields, padded)."""

    print_no: str = "0000000000111972"
    ticket_info_code: str = INFO_CODE
    cinema_code: str = "11010001"
    cinema_name: str = "万达影城(CBD店) "
    screen_code: str = "0000000000000003"
    screen_name: str = "3号厅"
    film_code: str = "001101232025"
    film_name: str = "流浪地球2"
    session_code: str = "0000000000000042"
    session_datetime: dt.datetime = SHOW_TIME
    code: str = "1234567890ABCDEF"
    seat_code: str = "0000000000000710"
    seat_name: str = "7排10座"
    price_fen: int = 4500
    service_fee_fen: int = 0
    printed: bool = False


def test_face_from_a_sarft_record() -> None:
    printed_at = dt.datetime(2025, 3, 15, 10, 0, tzinfo=dt.UTC)
    made = TicketFace.from_record(_Record(), kiosk_id="K02", printed_at=printed_at, reprint=True)
    assert made.cinema_name == "万达影城(CBD店)"
    assert (made.hall_name, made.seat_name, made.price_fen) == ("3号厅", "7排10座", 4500)
    assert made.ticket_info_code == INFO_CODE and made.reprint and made.kiosk_id == "K02"


def test_a_face_that_would_be_an_invalid_ticket_is_refused() -> None:
    with pytest.raises(TicketFaceError, match="timezone"):
        face(show_time=dt.datetime(2025, 3, 15, 19, 30))
    with pytest.raises(TicketFaceError, match="180"):
        face(ticket_info_code="x" * 181)
    with pytest.raises(TicketFaceError, match="16"):
        face(ticket_code="123")
    with pytest.raises(TicketFaceError, match="seat_name"):
        face(seat_name=" ")


def test_text_lines_carry_no_control_characters() -> None:
    layout = layout_ticket(face(film_name="流浪\x1b@地球\n2"), WIDE_PROFILE)
    assert isinstance(layout.blocks[2], TextLine)
    assert layout.blocks[2].text == "流浪 @地球 2"


@pytest.mark.parametrize("profile", [WIDE_PROFILE, NARROW_PROFILE], ids=["80mm", "58mm"])
def test_ticket_shows_every_regulated_field_in_english(profile: object) -> None:
    assert profile is WIDE_PROFILE or profile is NARROW_PROFILE
    layout = layout_ticket(face(language="en", reprint=True), profile)
    text = "\n".join(line.padded(layout.columns) for line in layout.text_lines())
    for expected in (
        "万达影城(CBD店)",
        "流浪地球2",
        "2025-03-15 Sat 19:30",
        "3号激光IMAX厅",
        "7排10座",
        "Price ￥45.00",
        "Online service fee ￥3.00",
        "1234567890ABCDEF",
        "2025-03-15 18:02:11",
        "K01",
        REPRINT_MARK,
    ):
        assert expected in text
    assert [b.data for b in layout.blocks if isinstance(b, QrBlock)] == [INFO_CODE]
