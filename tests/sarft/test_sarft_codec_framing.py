"""Every framing ``kiosk sarft-probe`` tries, byte for byte, written out by hand.

A real SarftKioskService may put a 2- or 4-byte length in either byte order in
front of a frame, count the msg_type byte in that length or not, or send no
length at all (each layout's size follows from its msg_type and count byte).
The expected bytes are literals here, never the codec's own output.
"""

from __future__ import annotations

import asyncio
import itertools
import struct

import pytest

from kiosk.sarft.codec import WireFormat, decode_frame, encode_frame, read_message
from kiosk.sarft.errors import SarftProtocolError
from kiosk.sarft.messages import AuthRequest, ConfirmReply, QueryRequest
from kiosk.settings import Settings

PRINT_NO = "0000000000111972"
QUERY_BODY = b"\x01" + PRINT_NO.encode() + b"\x00"  # ticket_count 1, print_no char[17]

# (prefix bytes, byte order, length counts msg_type) -> the 0x03 frame above
FRAMINGS = {
    (4, "little", True): b"\x13\x00\x00\x00" + b"\x03" + QUERY_BODY,
    (4, "big", True): b"\x00\x00\x00\x13" + b"\x03" + QUERY_BODY,
    (4, "little", False): b"\x12\x00\x00\x00" + b"\x03" + QUERY_BODY,
    (4, "big", False): b"\x00\x00\x00\x12" + b"\x03" + QUERY_BODY,
    (2, "little", True): b"\x13\x00" + b"\x03" + QUERY_BODY,
    (2, "big", True): b"\x00\x13" + b"\x03" + QUERY_BODY,
    (2, "little", False): b"\x12\x00" + b"\x03" + QUERY_BODY,
    (2, "big", False): b"\x00\x12" + b"\x03" + QUERY_BODY,
    (0, "little", True): b"\x03" + QUERY_BODY,
}


def _wire(prefix: int, order: str, counts: bool) -> WireFormat:
    return WireFormat(
        length_prefix_bytes=prefix,  # type: ignore[arg-type]
        length_byteorder=order,  # type: ignore[arg-type]
        length_counts_type=counts,
    )


def _reader(data: bytes) -> asyncio.StreamReader:
    reader = asyncio.StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    return reader


@pytest.mark.parametrize(("framing", "expected"), FRAMINGS.items(), ids=str)
async def test_each_framing_byte_for_byte(framing: tuple[int, str, bool], expected: bytes) -> None:
    wire = _wire(*framing)
    message = QueryRequest((PRINT_NO,))
    assert encode_frame(message, wire) == expected
    assert decode_frame(expected, wire) == message
    # two frames back to back, then a clean end: a stream reader finds each one
    reader = _reader(expected + expected)
    assert await read_message(reader, wire) == message
    assert await read_message(reader, wire) == message
    assert await read_message(reader, wire) is None


def test_a_reply_with_no_prefix_is_its_type_and_body() -> None:
    assert encode_frame(ConfirmReply(7), _wire(0, "big", False)) == b"\x08\x07"


async def test_without_a_prefix_an_auth_frame_is_read_by_its_layout() -> None:
    wire = _wire(0, "little", True)
    auth = AuthRequest("kiosk", "pw")
    data = encode_frame(auth, wire)
    assert data == b"\x01" + b"kiosk".ljust(33, b"\0") + b"pw".ljust(33, b"\0")
    assert await read_message(_reader(data), wire) == auth


async def test_without_a_prefix_an_unknown_type_is_refused_at_once() -> None:
    reader = asyncio.StreamReader()  # never fed more: a reader waiting for a body would hang
    reader.feed_data(b"\x43\x00")
    with pytest.raises(SarftProtocolError, match="unknown msg_type 0x43"):
        await asyncio.wait_for(read_message(reader, _wire(0, "little", True)), 1)


async def test_without_a_prefix_a_frame_cut_short_is_a_protocol_error() -> None:
    with pytest.raises(SarftProtocolError, match="connection closed after 10 of 19"):
        await read_message(_reader(b"\x03" + QUERY_BODY[:9]), _wire(0, "little", True))


@pytest.mark.parametrize("counts", [True, False])
def test_a_length_that_disagrees_with_the_frame_is_refused(counts: bool) -> None:
    wire = _wire(4, "little", counts)
    good = encode_frame(QueryRequest((PRINT_NO,)), wire)
    with pytest.raises(SarftProtocolError, match="bytes follow"):
        decode_frame(good + b"\x00", wire)
    with pytest.raises(SarftProtocolError, match="length is 0"):
        decode_frame(struct.pack("<I", 0) + b"\x03", wire)


def test_the_framing_settings_reach_the_codec_and_back() -> None:
    for prefix, order, counts in itertools.product((0, 2, 4), ("little", "big"), (True, False)):
        settings = Settings(
            sarft_length_prefix_bytes=str(prefix),
            sarft_length_byteorder=order,
            sarft_length_counts_type=str(counts).lower(),
        )
        wire = WireFormat.from_settings(settings)
        assert wire == _wire(prefix, order, counts)
        assert WireFormat.from_settings(Settings(**wire.setting_values())) == wire


def test_the_contract_is_the_default_framing() -> None:
    assert WireFormat().setting_values() == {
        "sarft_length_prefix_bytes": "4",
        "sarft_length_byteorder": "little",
        "sarft_float_byteorder": "little",
        "sarft_datetime_form": "unix_seconds",
        "sarft_text_encoding": "gb18030",
        "sarft_password_mode": "plain",
        "sarft_length_counts_type": "true",
    }
