"""The stream decoder under random, truncated and hostile input: it returns a
message or raises SarftProtocolError - nothing else, never hangs, and refuses an
absurd length before reading (or buffering) the body it announces."""

from __future__ import annotations

import asyncio
import datetime as dt
import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain import TicketRecord
from kiosk.sarft.codec import MAX_FRAME_LENGTH, WireFormat, encode_frame, read_message
from kiosk.sarft.errors import SarftProtocolError
from kiosk.sarft.messages import Message, QueryReply

from .test_sarft_codec_golden import GOLDEN

WIRE = WireFormat()
FRAMES = [g[2] for g in GOLDEN]


def read_all(data: bytes, *, eof: bool = True) -> list[Message]:
    """Every message the stream decoder reads from ``data``, within a second."""

    async def run() -> list[Message]:
        reader = asyncio.StreamReader()
        reader.feed_data(data)
        if eof:
            reader.feed_eof()
        messages = []
        async with asyncio.timeout(1):
            while (message := await read_message(reader, WIRE)) is not None:
                messages.append(message)
        return messages

    return asyncio.run(run())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_decode_or_raise_a_protocol_error(data: bytes) -> None:
    try:
        read_all(data)
    except SarftProtocolError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FRAMES), st.data())
def test_a_truncated_frame_is_a_protocol_error(whole: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(1, len(whole) - 1))
    try:
        read_all(whole[:cut])
    except SarftProtocolError:
        return
    raise AssertionError(f"{cut} of {len(whole)} bytes decoded")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAMES), min_size=1, max_size=5))
def test_back_to_back_frames_are_read_one_by_one(frames: list[bytes]) -> None:
    messages = read_all(b"".join(frames))
    assert [encode_frame(m, WIRE) for m in messages] == frames


@settings(max_examples=50, deadline=None)
@given(st.integers(MAX_FRAME_LENGTH + 1, 2**32 - 1))
def test_an_absurd_length_is_refused_before_the_body_arrives(length: int) -> None:
    # No body and no EOF: a reader that trusted the length would wait forever.
    try:
        read_all(struct.pack("<I", length) + b"\x04", eof=False)
    except SarftProtocolError as exc:
        assert "exceeds" in str(exc)
        return
    raise AssertionError("an absurd length was accepted")


def _text(max_bytes: int, alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # At most four bytes per character in GB18030.
    return st.text(alphabet, max_size=max_bytes // 4)


CODE_CHARS = st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ|-")
NAME_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")

records = st.builds(
    TicketRecord,
    print_no=st.text(st.sampled_from("0123456789"), min_size=16, max_size=16),
    ticket_info_code=st.text(CODE_CHARS, max_size=180),
    cinema_code=st.text(CODE_CHARS, max_size=8),
    cinema_name=_text(63, NAME_CHARS),
    screen_code=st.text(CODE_CHARS, max_size=16),
    screen_name=_text(63, NAME_CHARS),
    film_code=st.text(CODE_CHARS, max_size=12),
    film_name=_text(63, NAME_CHARS),
    session_code=st.text(CODE_CHARS, max_size=16),
    session_datetime=st.datetimes(
        min_value=dt.datetime(1970, 1, 2),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.just(dt.UTC),
    ).map(lambda d: d.replace(microsecond=0)),
    code=st.text(CODE_CHARS, max_size=16),
    seat_code=st.text(CODE_CHARS, max_size=16),
    seat_name=_text(31, NAME_CHARS),
    price_fen=st.integers(0, 1_000_000),
    service_fee_fen=st.integers(0, 10_000),
    printed=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 255), st.lists(records, max_size=3))
def test_query_replies_round_trip(return_value: int, items: list[TicketRecord]) -> None:
    message = QueryReply(return_value, tuple(items))
    assert read_all(encode_frame(message, WIRE)) == [message]
