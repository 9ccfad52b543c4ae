"""Byte-exact frames for all eight messages, written out by hand from the spec.

The expected bytes are built here with struct.pack and literals, never with the
codec, so a change in the codec cannot quietly change what goes on the wire.
Layout: uint32 LE length (1 + len(body)), uint8 msg_type, body.
"""

from __future__ import annotations

import datetime as dt
import struct

import pytest

from kiosk.domain import TicketRecord
from kiosk.sarft.codec import (
    RECORD_SIZE,
    WireFormat,
    decode_frame,
    encode_frame,
    password_matches,
    wire_password,
)
from kiosk.sarft.messages import (
    ApplyEntry,
    ApplyReply,
    ApplyRequest,
    ApplyResult,
    AuthReply,
    AuthRequest,
    ConfirmReply,
    ConfirmRequest,
    Message,
    QueryReply,
    QueryRequest,
)

WIRE = WireFormat()
PRINT_NO = "0000000000111972"
MD5 = "369434b17a97b4c247a38bdaf4a66eda"  # md5("WQNX8JL")
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def frame(msg_type: int, body: bytes) -> bytes:
    return struct.pack("<IB", 1 + len(body), msg_type) + body


def char(text: bytes, width: int) -> bytes:
    """char[width]: content, then NUL up to the width."""
    assert len(text) < width
    return text + b"\x00" * (width - len(text))


RECORD = TicketRecord(
    print_no=PRINT_NO,
    ticket_info_code="SARFT1|31070901|0000111972011234|ABCDEF",
    cinema_code="31070901",
    cinema_name="测试影城",
    screen_code="3107090101",
    screen_name="1号厅",
    film_code="051100872015",
    film_name="重返20岁",
    session_code="29617",
    session_datetime=dt.datetime(2015, 8, 6, 10, 50, tzinfo=SHANGHAI),
    code="0000111972011234",
    seat_code="1-6-9",
    seat_name="7排10座",
    price_fen=4500,
    service_fee_fen=300,
    printed=False,
)

RECORD_BYTES = (
    char(b"0000000000111972", 17)
    + char(b"SARFT1|31070901|0000111972011234|ABCDEF", 181)
    + char(b"31070901", 9)
    + char(bytes.fromhex("b2e2cad4") + bytes.fromhex("d3b0b3c7"), 64)  # 测试 影城
    + char(b"3107090101", 17)
    + char(b"1" + bytes.fromhex("bac5ccfc"), 64)  # 1 号 厅
    + char(b"051100872015", 13)
    + char(bytes.fromhex("d6d8b7b5") + b"20" + bytes.fromhex("cbea"), 64)  # 重返 20 岁
    + char(b"29617", 17)
    + struct.pack("<q", 1438829400)  # 2015-08-06 10:50 +08:00
    + char(b"0000111972011234", 17)
    + char(b"1-6-9", 17)
    + char(b"7" + bytes.fromhex("c5c5") + b"10" + bytes.fromhex("d7f9"), 32)  # 7 排 10 座
    + bytes.fromhex("00003442")  # 45.0 as float32 LE
    + bytes.fromhex("00004040")  # 3.0 as float32 LE
    + b"\x00"  # print_flag
)

GOLDEN: list[tuple[str, Message, bytes]] = [
    (
        "0x01 auth",
        AuthRequest("kiosk", "pw"),
        frame(0x01, char(b"kiosk", 33) + char(b"pw", 33)),
    ),
    ("0x02 auth reply", AuthReply(7), bytes([2, 0, 0, 0, 0x02, 7])),
    (
        "0x03 query",
        QueryRequest((PRINT_NO,)),
        frame(0x03, b"\x01" + char(b"0000000000111972", 17)),
    ),
    (
        "0x04 query reply",
        QueryReply(0, (RECORD, RECORD)),
        frame(0x04, b"\x00\x02" + RECORD_BYTES + RECORD_BYTES),
    ),
    ("0x04 query reply, refused", QueryReply(5, ()), bytes([3, 0, 0, 0, 0x04, 5, 0])),
    (
        "0x05 apply",
        ApplyRequest((ApplyEntry(PRINT_NO, MD5),)),
        frame(0x05, b"\x01" + char(b"0000000000111972", 17) + char(MD5.encode(), 33)),
    ),
    (
        "0x06 apply reply",
        ApplyReply((ApplyResult(PRINT_NO, 4),)),
        frame(0x06, b"\x01" + char(b"0000000000111972", 17) + b"\x04"),
    ),
    (
        "0x07 confirm",
        ConfirmRequest((PRINT_NO,)),
        frame(0x07, b"\x01" + char(b"0000000000111972", 17)),
    ),
    ("0x08 confirm reply", ConfirmReply(0), bytes([2, 0, 0, 0, 0x08, 0])),
]


@pytest.mark.parametrize(
    ("message", "expected"), [g[1:] for g in GOLDEN], ids=[g[0] for g in GOLDEN]
)
def test_encode_is_byte_exact(message: Message, expected: bytes) -> None:
    assert encode_frame(message, WIRE) == expected


@pytest.mark.parametrize(
    ("message", "expected"), [g[1:] for g in GOLDEN], ids=[g[0] for g in GOLDEN]
)
def test_decode_of_hand_made_frame(message: Message, expected: bytes) -> None:
    assert decode_frame(expected, WIRE) == message


def test_body_sizes_match_the_spec() -> None:
    assert RECORD_SIZE == 529 == len(RECORD_BYTES)
    sizes = {g[0]: len(g[2]) - 5 for g in GOLDEN}
    assert sizes["0x01 auth"] == 66
    assert sizes["0x03 query"] == 1 + 17
    assert sizes["0x04 query reply"] == 2 + 529 * 2
    assert sizes["0x05 apply"] == 1 + 50
    assert sizes["0x06 apply reply"] == 1 + 18
    assert sizes["0x07 confirm"] == 1 + 17


def test_decoded_record_is_typed() -> None:
    reply = decode_frame(frame(0x04, b"\x00\x01" + RECORD_BYTES), WIRE)
    assert isinstance(reply, QueryReply)
    record = reply.records[0]
    assert record.session_datetime.utcoffset() == dt.timedelta(hours=8)
    assert record.session_datetime.hour == 10
    assert (record.price_fen, record.service_fee_fen) == (4500, 300)
    assert record.seat_name == "7排10座"


def test_float_yuan_is_rounded_to_fen() -> None:
    # 35.01 is not exact in binary32 (35.0099983...); it must still be 3501 fen.
    odd = RECORD_BYTES[:-9] + bytes.fromhex("3d0a0c42") + bytes.fromhex("0ad7a33c") + b"\x01"
    reply = decode_frame(frame(0x04, b"\x00\x01" + odd), WIRE)
    assert isinstance(reply, QueryReply)
    assert reply.records[0].price_fen == 3501
    assert reply.records[0].service_fee_fen == 2  # 0.02 yuan
    assert reply.records[0].printed is True


def test_other_wire_formats_from_a_capture() -> None:
    """A capture might show a 2-byte big-endian prefix, big-endian floats and
    milliseconds; each is a setting, not a code change."""
    wire = WireFormat(
        length_prefix_bytes=2,
        length_byteorder="big",
        float_byteorder="big",
        datetime_form="unix_millis",
    )
    assert encode_frame(ConfirmReply(0), wire) == bytes([0, 2, 0x08, 0])
    record = (
        RECORD_BYTES[: 17 + 181 + 9 + 64 + 17 + 64 + 13 + 64 + 17]
        + struct.pack(">q", 1438829400000)
        + RECORD_BYTES[17 + 181 + 9 + 64 + 17 + 64 + 13 + 64 + 17 + 8 : -9]
        + bytes.fromhex("42340000")  # 45.0 as float32 BE
        + bytes.fromhex("40400000")  # 3.0 as float32 BE
        + b"\x00"
    )
    body = b"\x00\x01" + record
    expected = struct.pack(">HB", 1 + len(body), 0x04) + body
    assert encode_frame(QueryReply(0, (RECORD,)), wire) == expected
    assert decode_frame(expected, wire) == QueryReply(0, (RECORD,))


def test_password_md5_mode_sends_lowercase_hex() -> None:
    md5_wire = WireFormat(password_mode="md5")
    assert wire_password("pw", WIRE) == "pw"
    assert wire_password("pw", md5_wire) == "8fe4c11451281c094a6578e6ddbf5eed"
    assert password_matches("8FE4C11451281C094A6578E6DDBF5EED", "pw", md5_wire)
    assert not password_matches("pw", "pw", md5_wire)
    assert password_matches("pw", "pw", WIRE)
    assert not password_matches("PW", "pw", WIRE)
