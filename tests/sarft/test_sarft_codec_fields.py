"""Field rules of the codec: codes refused when too long, names cut on a character
boundary, GB18030 round-trips, and every malformed frame is a protocol error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import struct
from typing import Any

import pytest

from kiosk.sarft.codec import MAX_FRAME_LENGTH, WireFormat, decode_frame, encode_frame
from kiosk.sarft.errors import SarftProtocolError, SarftValueError
from kiosk.sarft.messages import (
    ApplyEntry,
    ApplyRequest,
    AuthRequest,
    ConfirmReply,
    QueryReply,
    QueryRequest,
)
from kiosk.secret import Secret
from kiosk.settings import Settings

from .test_sarft_codec_golden import PRINT_NO, RECORD, RECORD_BYTES, frame

WIRE = WireFormat()


def roundtrip_record(**changes: Any) -> QueryReply:
    record = dataclasses.replace(RECORD, **changes)
    reply = decode_frame(encode_frame(QueryReply(0, (record,)), WIRE), WIRE)
    assert isinstance(reply, QueryReply)
    return reply


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("print_no", "1" * 17),
        ("ticket_info_code", "X" * 181),
        ("cinema_code", "123456789"),
        ("film_code", "0511008720151"),
        ("code", "0" * 17),
    ],
)
def test_codes_that_do_not_fit_are_refused_not_truncated(field: str, value: str) -> None:
    record = dataclasses.replace(RECORD, **{field: value})
    with pytest.raises(SarftValueError, match=field):
        encode_frame(QueryReply(0, (record,)), WIRE)


def test_codes_at_their_limit_fit() -> None:
    reply = roundtrip_record(ticket_info_code="Q" * 180, code="9" * 16)
    assert reply.records[0].ticket_info_code == "Q" * 180
    assert reply.records[0].code == "9" * 16


def test_request_codes_are_refused_too() -> None:
    with pytest.raises(SarftValueError, match="print_no"):
        encode_frame(QueryRequest(("0" * 17,)), WIRE)
    with pytest.raises(SarftValueError, match="verify_code_md5"):
        encode_frame(ApplyRequest((ApplyEntry(PRINT_NO, "a" * 33),)), WIRE)


def test_a_too_long_password_is_refused_without_showing_it() -> None:
    secret = "correct-horse-battery-staple-is-too-long"
    with pytest.raises(SarftValueError) as caught:
        encode_frame(AuthRequest("kiosk", secret), WIRE)
    assert "password" in str(caught.value)
    assert secret not in str(caught.value)
    assert secret not in repr(AuthRequest("kiosk", secret))


def test_long_names_are_cut_on_a_character_boundary() -> None:
    # 40 two-byte characters do not fit 63 bytes: 31 whole characters (62 bytes) do.
    reply = roundtrip_record(film_name="影" * 40)
    assert reply.records[0].film_name == "影" * 31
    # A four-byte character that would straddle the limit is left out whole.
    reply = roundtrip_record(seat_name="座" * 14 + "𠮷")  # 28 + 4 bytes > 31
    assert reply.records[0].seat_name == "座" * 14


def test_gb18030_round_trips_beyond_gbk() -> None:
    name = "𠮷野家·Café 😀 影城"
    assert roundtrip_record(cinema_name=name).records[0].cinema_name == name


def test_text_encoding_is_a_setting() -> None:
    wire = WireFormat(text_encoding="utf-8")
    frame_bytes = encode_frame(QueryReply(0, (RECORD,)), wire)
    assert "重返20岁".encode() in frame_bytes
    assert decode_frame(frame_bytes, wire) == QueryReply(0, (RECORD,))
    with pytest.raises(ValueError, match="unknown text encoding"):
        WireFormat(text_encoding="no-such-codec")


def test_counts_and_return_values_must_fit_a_byte() -> None:
    with pytest.raises(SarftValueError, match="ticket_count"):
        encode_frame(QueryRequest((PRINT_NO,) * 256), WIRE)
    with pytest.raises(SarftValueError, match="return_value"):
        encode_frame(ConfirmReply(256), WIRE)


def test_a_frame_over_the_limit_is_refused_when_encoding() -> None:
    # 2 + 529 * 124 + 1 = 65599 bytes > 65536
    with pytest.raises(SarftValueError, match="exceeds"):
        encode_frame(QueryReply(0, (RECORD,) * 124), WIRE)
    assert len(encode_frame(QueryReply(0, (RECORD,) * 123), WIRE)) - 4 <= MAX_FRAME_LENGTH


def test_a_naive_session_time_is_refused() -> None:
    with pytest.raises(SarftValueError, match="timezone"):
        encode_frame(
            QueryReply(0, (dataclasses.replace(RECORD, session_datetime=dt.datetime(2015, 8, 6)),)),
            WIRE,
        )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x00\x00\x00", "length is 0"),
        (struct.pack("<I", MAX_FRAME_LENGTH + 1) + b"\x02" * (MAX_FRAME_LENGTH + 1), "exceeds"),
        (frame(0x09, b"\x00"), "unknown msg_type 0x09"),
        (frame(0x00, b""), "unknown msg_type 0x00"),
        (frame(0x02, b""), "body is 0 bytes"),
        (frame(0x02, b"\x00\x00"), "body is 2 bytes"),
        (frame(0x03, b"\x02" + b"0" * 17), "body is 18 bytes, its layout needs 35"),
        (frame(0x04, b"\x00\x01" + RECORD_BYTES[:-1]), "needs 531"),
        (frame(0x04, b"\x00\x01" + RECORD_BYTES[:-1] + b"\x02"), "print_flag is 2"),
        (
            frame(
                0x04,
                b"\x00\x01" + RECORD_BYTES[:-9] + struct.pack("<ff", float("nan"), 0) + b"\x00",
            ),
            "price",
        ),
        (
            frame(0x04, b"\x00\x01" + RECORD_BYTES[:-9] + struct.pack("<ff", -1, 0) + b"\x00"),
            "price",
        ),
        (frame(0x03, b"\x01" + b"\xff" * 16 + b"\x00"), "print_no is not valid gb18030"),
        (frame(0x02, b"\x00") + b"\x00", "frame says 2 bytes follow, 3 do"),
        (b"\x02\x00\x00", "no complete length prefix"),
    ],
)
def test_malformed_frames_are_protocol_errors(data: bytes, reason: str) -> None:
    with pytest.raises(SarftProtocolError, match=reason):
        decode_frame(data, WIRE)


def test_an_absurd_session_time_is_a_protocol_error() -> None:
    start = 17 + 181 + 9 + 64 + 17 + 64 + 13 + 64 + 17
    bad = RECORD_BYTES[:start] + struct.pack("<q", 2**62) + RECORD_BYTES[start + 8 :]
    with pytest.raises(SarftProtocolError, match="session_datetime"):
        decode_frame(frame(0x04, b"\x00\x01" + bad), WIRE)


def test_wire_format_comes_from_settings() -> None:
    assert WireFormat.from_settings(Settings()) == WireFormat()
    settings = Settings(
        sarft_length_prefix_bytes=2,
        sarft_length_byteorder="big",
        sarft_float_byteorder="big",
        sarft_datetime_form="unix_millis",
        sarft_text_encoding="gbk",
        sarft_password_mode="md5",
        sarft_password=Secret("pw"),
    )
    assert WireFormat.from_settings(settings) == WireFormat(
        2, "big", "big", "unix_millis", "gbk", "md5"
    )


@pytest.mark.parametrize(
    ("field", "offset", "width"),
    [
        ("print_no", 0, 17),
        ("ticket_info_code", 17, 181),
        ("code", 17 + 181 + 9 + 64 + 17 + 64 + 13 + 64 + 17 + 8, 17),
    ],
)
def test_a_code_filling_its_whole_field_without_a_nul_is_a_protocol_error(
    field: str, offset: int, width: int
) -> None:
    """char[N] holds at most N-1 bytes: a code with no terminating NUL broke the
    rule, and a 181-character 信息码 or a 17-character print_no is no valid code."""
    bad = RECORD_BYTES[:offset] + b"7" * width + RECORD_BYTES[offset + width :]
    with pytest.raises(SarftProtocolError, match=field):
        decode_frame(frame(0x04, b"\x00\x01" + bad), WIRE)
    request = frame(0x03, b"\x01" + b"0" * 17)
    with pytest.raises(SarftProtocolError, match="print_no"):
        decode_frame(request, WIRE)


def test_a_name_filling_its_whole_field_is_still_read() -> None:
    """Display names are lenient: a server that fills the field is shown, not refused."""
    offset = 17 + 181 + 9 + 64 + 17 + 64 + 13
    name = "影" * 32  # 64 bytes, no NUL
    raw = RECORD_BYTES[:offset] + name.encode("gb18030") + RECORD_BYTES[offset + 64 :]
    reply = decode_frame(frame(0x04, b"\x00\x01" + raw), WIRE)
    assert isinstance(reply, QueryReply) and reply.records[0].film_name == name
