"""The bytes per profile: Chinese mode with raw GB18030, or raster; native or image QR."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.printing.escpos import CHINESE_MODE_ON, encode_layout
from kiosk.printing.layout import layout_ticket
from kiosk.printing.profiles import ProfileError, all_profiles, load_profile, parse_profile
from tests.printing.conftest import INFO_CODE, face

VIRTUAL = load_profile("virtual")
QR_STORE = b"\x1d(k"
RASTER = b"\x1dv0"


def test_every_shipped_profile_loads_with_both_paper_widths_present() -> None:
    profiles = {p.key: p for p in all_profiles()}
    assert set(profiles) >= {
        "epson-tm-t88vi", "custom-vkp80iii", "snbc-bk-t680", "generic-58mm", "virtual",
    }  # fmt: skip
    assert {p.paper_dots for p in profiles.values()} >= {576, 384}
    assert profiles["virtual"].paper_dots == 576


def test_a_wrong_profile_fails_loudly() -> None:
    table = {
        "name": "x", "paper_dots": 576, "dpi": 203, "chars_per_line": 48, "text_mode": "utf8",
        "qr_mode": "native", "cut": "full", "status": True, "near_end_sensor": True,
        "print_speed_mm_s": 250, "print_confirm": "process_id", "confirm_margin_s": 2,
        "buffer_clear": "dle_dc4", "charset": "gb18030", "chinese_default": True,
        "qr_module_max": 16,
    }  # fmt: skip
    with pytest.raises(ProfileError, match="text_mode"):
        parse_profile(table, "x", "x.toml")
    with pytest.raises(ProfileError, match="paper_dots"):
        parse_profile({**table, "text_mode": "raster", "paper_dots": 570}, "x", "x.toml")
    with pytest.raises(ProfileError, match="print_confirm"):
        parse_profile({**table, "text_mode": "raster", "print_confirm": "hope"}, "x", "x.toml")
    with pytest.raises(ProfileError, match="print_speed_mm_s"):
        parse_profile({**table, "text_mode": "raster", "print_speed_mm_s": 0}, "x", "x.toml")
    margin = parse_profile({**table, "text_mode": "raster"}, "x", "x.toml").confirm_margin_s
    assert margin == 2.0 and isinstance(margin, float)
    with pytest.raises(ProfileError, match="not found"):
        load_profile("no-such-printer")


def test_chinese_mode_sends_raw_gb18030_text() -> None:
    data = encode_layout(layout_ticket(face(), VIRTUAL), VIRTUAL)
    assert data.startswith(b"\x1b@" + CHINESE_MODE_ON)
    assert "7排10座".encode("gb18030") in data
    assert "票价 ￥45.00".encode("gb18030") in data  # ￥ as A3 A4, not a code-page guess
    assert RASTER not in data
    assert data.endswith(b"\x1dVB\x00")  # one ticket, one cut


def test_native_qr_stores_the_info_code_verbatim() -> None:
    data = encode_layout(layout_ticket(face(), VIRTUAL), VIRTUAL)
    store = QR_STORE + (len(INFO_CODE) + 3).to_bytes(2, "little") + b"1P0" + INFO_CODE.encode()
    assert store in data


def test_raster_mode_sends_no_text_and_image_qr_no_symbol_command() -> None:
    profile = replace(VIRTUAL, text_mode="raster", qr_mode="image")
    data = encode_layout(layout_ticket(face(), profile), profile)
    assert CHINESE_MODE_ON not in data and "7排10座".encode("gb18030") not in data
    assert QR_STORE not in data and INFO_CODE.encode() not in data
    assert data.count(RASTER) >= 2
    width_bytes = int.from_bytes(data[data.index(RASTER) + 4 :][:2], "little")
    assert width_bytes * 8 == profile.paper_dots


def test_characters_outside_the_printers_font_go_as_an_image_of_their_line() -> None:
    """A GB2312-only 58 mm printer prints 喆 or a half-width ¥ as garbage: that line
    is drawn by the kiosk and sent as a raster image; every other line stays text."""
    gb2312 = load_profile("generic-58mm")
    assert gb2312.charset == "gb2312"
    ticket = face(cinema_name="喆啡影城", film_name="龍門飛甲")
    data = encode_layout(layout_ticket(ticket, gb2312), gb2312)
    assert "喆".encode("gb18030") not in data and "龍".encode("gb18030") not in data
    plain = encode_layout(layout_ticket(face(), gb2312), gb2312)
    assert data.count(b"\x1dv0") == plain.count(b"\x1dv0") + 2  # the two lines as images
    assert "7排10座".encode("gb18030") in data  # what the font has is still text
    # a GB18030 printer has them all: no image but the QR code's
    full = encode_layout(layout_ticket(ticket, VIRTUAL), VIRTUAL)
    assert "喆".encode("gb18030") in full and "龍".encode("gb18030") in full
