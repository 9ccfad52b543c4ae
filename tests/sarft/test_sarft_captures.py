"""Recorded SARFT conversations (``tests/sarft/captures/``) replayed against the codec
and the simulator.

A capture's verdict names the settings that read the service's replies. For every
conversation that was answered in the verdict's framing: the codec re-encodes every
request byte for byte (masked bytes aside) in the settings it was sent in, and
decodes every reply in the verdict's; the simulator, speaking the verdict's
variant, answers every recorded request as the service did - byte for byte when
the capture was recorded from the simulator itself (the same seeded world), with a
reply of the same kind and return code when it came from a cinema.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest

from kiosk.sarft.capture import Capture, CaptureError, Conversation, parse, read
from kiosk.sarft.codec import (
    WireFormat,
    decode_frame,
    decode_payload,
    encode_frame,
    read_payload,
)
from kiosk.sarft.messages import AuthReply, AuthRequest, QueryReply, QueryRequest
from kiosk.settings import Settings
from kiosk.sim.sarft_server import start_sarft
from kiosk.sim.sarft_wire import SimWire
from tests.sarft.make_captures import PASSWORD, SEED, USERNAME
from tests.sarft.world import build_world

CAPTURES = sorted((Path(__file__).parent / "captures").glob("*.txt"))
FRAMING = ("length_prefix_bytes", "length_byteorder", "length_counts_type")


def _wire(values: dict[str, str]) -> WireFormat:
    return WireFormat.from_settings(Settings(**{f"sarft_{k}": v for k, v in values.items()}))


def _framing(values: dict[str, str]) -> tuple[str, ...]:
    if values["length_prefix_bytes"] == "0":
        return ("0",)
    return tuple(values[name] for name in FRAMING)


def _replayed(capture: Capture) -> list[Conversation]:
    """The answered conversations in the framing of the verdict."""
    assert capture.verdict, "a capture to replay names its verdict"
    framing = _framing(capture.verdict)
    return [c for c in capture.conversations if c.end == "answered" and _framing(c.wire) == framing]


def _reader(data: bytes) -> asyncio.StreamReader:
    reader = asyncio.StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    return reader


def test_there_are_captures_of_the_simulator_in_several_framings() -> None:
    captures = [read(path) for path in CAPTURES]
    assert len(captures) >= 3
    verdicts = {_framing(c.verdict) for c in captures if c.verdict}
    assert len(verdicts) >= 3
    assert all(c.from_simulator for c in captures if c.header[-1].startswith("# source: sim"))


@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.name)
async def test_the_codec_writes_every_request_and_reads_every_reply_as_recorded(
    path: Path,
) -> None:
    capture = read(path)
    assert capture.verdict is not None
    verdict = _wire(capture.verdict)
    queries = 0
    for conversation in _replayed(capture):
        sent_in = _wire(conversation.wire)
        kinds = []
        for event in conversation.sent():
            message = decode_frame(event.data, sent_in)
            assert isinstance(message, AuthRequest | QueryRequest)  # the probe sends no more
            again = encode_frame(message, sent_in)
            assert len(again) == len(event.data)
            for i, (ours, theirs) in enumerate(zip(again, event.data, strict=True)):
                assert i in event.masked or ours == theirs, (path.name, conversation.number, i)
            kinds.append(AuthReply if isinstance(message, AuthRequest) else QueryReply)
        reader = _reader(conversation.received())
        for kind in kinds:
            payload = await read_payload(reader, verdict)
            assert payload is not None
            reply = decode_payload(payload, verdict)
            assert isinstance(reply, kind)
            if isinstance(reply, QueryReply) and reply.return_value == 0:
                queries += 1
                assert reply.records, "an answered query lists its seats"
                assert all(2000 <= r.session_datetime.year < 2100 for r in reply.records)
        assert await read_payload(reader, verdict) is None  # nothing after the last reply
    assert queries, "each capture holds a query the verdict reads"


def _unmasked(data: bytes, masked: frozenset[int], sent_in: dict[str, str]) -> bytes:
    """A recorded 0x01 with the simulator's password, in the form that conversation
    used, where the recorder hid the field."""
    if not masked:
        return data
    secret = PASSWORD.encode(sent_in["text_encoding"])
    if sent_in["password_mode"] == "md5":
        secret = hashlib.md5(secret).hexdigest().encode()
    start = min(masked)
    return data[:start] + secret.ljust(len(masked), b"\0") + data[start + len(masked) :]


@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.name)
async def test_the_simulator_answers_every_recorded_request_as_the_service_did(
    path: Path,
) -> None:
    capture = read(path)
    assert capture.verdict is not None
    verdict = _wire(capture.verdict)
    variant = SimWire.parse(",".join(f"{k}={v}" for k, v in capture.verdict.items()))
    for conversation in _replayed(capture):
        recorded = _reader(conversation.received())
        world = build_world(seed=SEED)
        sim = await start_sarft(world.world, username=USERNAME, password=PASSWORD, wire=variant)
        try:
            reader, writer = await asyncio.open_connection(sim.host, sim.port)
            for event in conversation.sent():
                writer.write(_unmasked(event.data, event.masked, conversation.wire))
                await writer.drain()
                theirs = await read_payload(recorded, verdict)
                ours = await asyncio.wait_for(read_payload(reader, verdict), 2)
                assert theirs is not None and ours is not None
                if capture.from_simulator:
                    assert ours == theirs, (path.name, conversation.number)
                else:  # a cinema's bookings are not the simulator's: the same kind of answer
                    assert ours[:2] == theirs[:2], (path.name, conversation.number)
            writer.close()
        finally:
            await sim.close()
        assert all(b.print_state == "unprinted" for b in world.world.store.bookings.values())


def test_a_capture_that_breaks_the_format_names_its_line() -> None:
    with pytest.raises(CaptureError, match="line 1"):
        parse("hello\n")
    good = CAPTURES[0].read_text(encoding="utf-8").splitlines()
    bad = "\n".join([*good[:5], "  +0.1 > zz", *good[5:]])
    with pytest.raises(CaptureError, match="line 6"):
        parse(bad)
