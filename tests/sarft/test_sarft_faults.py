"""Unknown outcomes, timeouts and broken frames, driven by the simulator's faults.

A timeout or drop after 0x05/0x07 must surface as SarftOutcomeUnknown, and a
re-query on a new connection must show what the server really did."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from kiosk.sarft.client import SarftClient
from kiosk.sarft.codec import WireFormat, encode_frame, read_message
from kiosk.sarft.errors import (
    AlreadyPrinted,
    SarftConnectionLost,
    SarftOutcomeUnknown,
    SarftProtocolError,
    SarftReturnCodeError,
    SarftTimeout,
    UnknownError,
)
from kiosk.sarft.messages import AuthRequest, QueryReply, QueryRequest
from kiosk.secret import Secret
from kiosk.sim.sarft_server import SarftSimulator
from kiosk.words import words

from .conftest import ClientFactory
from .test_sarft_codec_golden import RECORD
from .world import SarftWorld

PRINT_NO = "0000000000111972"
BOOKING_ID = "WQNX8JL"


async def requery(make_client: ClientFactory) -> bool:
    """Whether the booking reads as printed, asked on a fresh connection."""
    async with make_client() as sarft:
        await sarft.authenticate()
        return all(record.printed for record in await sarft.query(PRINT_NO))


async def test_dropped_reply_after_apply_is_an_unknown_outcome(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.apply=drop_response:times:1"])
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(SarftOutcomeUnknown) as caught:
            await sarft.apply_print(PRINT_NO, BOOKING_ID)
    assert isinstance(caught.value.cause, SarftConnectionLost)
    assert sarft_world.booking.print_state == "applied"  # the server did act
    assert await requery(make_client) is False
    async with make_client() as sarft:  # the flow carries on: apply again, print, confirm
        await sarft.authenticate()
        await sarft.apply_print(PRINT_NO, BOOKING_ID)
        await sarft.confirm_printed(PRINT_NO)
    assert await requery(make_client) is True


async def test_dropped_reply_after_confirm_is_an_unknown_outcome(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.confirm=drop_response:times:1"])
    async with make_client() as sarft:
        await sarft.authenticate()
        await sarft.apply_print(PRINT_NO, BOOKING_ID)
        with pytest.raises(SarftOutcomeUnknown):
            await sarft.confirm_printed(PRINT_NO)
    assert await requery(make_client) is True


async def test_dropped_request_changes_nothing(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.apply=drop_request:times:1"])
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(SarftOutcomeUnknown):
            await sarft.apply_print(PRINT_NO, BOOKING_ID)
    assert sarft_world.booking.print_state == "unprinted"
    assert await requery(make_client) is False


async def test_hang_on_query_is_a_timeout(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.query=hang:times:1"])
    async with make_client(reply_timeout_s=0.2) as sarft:
        await sarft.authenticate()
        with pytest.raises(SarftTimeout):
            await sarft.query(PRINT_NO)
        with pytest.raises(RuntimeError):  # a timed-out connection is not reused
            await sarft.query(PRINT_NO)


async def test_hang_on_apply_is_an_unknown_outcome(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.apply=hang:times:1"])
    async with make_client(reply_timeout_s=0.2) as sarft:
        await sarft.authenticate()
        with pytest.raises(SarftOutcomeUnknown) as caught:
            await sarft.apply_print(PRINT_NO, BOOKING_ID)
    assert isinstance(caught.value.cause, SarftTimeout)
    assert words(caught.value, "zh") == "正在确认出票状态，请稍候"


async def test_another_connection_is_served_while_one_hangs(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.query=hang:times:1"])
    stuck = make_client(reply_timeout_s=3.0)
    await stuck.connect()
    await stuck.authenticate()
    waiting = asyncio.create_task(stuck.query(PRINT_NO))
    await asyncio.sleep(0.05)
    async with make_client() as other:
        await other.authenticate()
        assert len(await other.query(PRINT_NO)) == 2
        await other.apply_print(PRINT_NO, BOOKING_ID)
    assert not waiting.done()
    waiting.cancel()
    await stuck.close()


async def test_many_connections_at_once(make_client: ClientFactory) -> None:
    async def one() -> int:
        async with make_client() as sarft:
            await sarft.authenticate()
            return len(await sarft.query(PRINT_NO))

    assert await asyncio.gather(*(one() for _ in range(20))) == [2] * 20


async def test_latency_still_answers(sarft_world: SarftWorld, make_client: ClientFactory) -> None:
    sarft_world.world.faults.add(["sarft.auth=latency:100"])
    loop = asyncio.get_running_loop()
    async with make_client() as sarft:
        started = loop.time()
        await sarft.authenticate()
        assert loop.time() - started >= 0.09


async def test_malformed_reply_is_a_protocol_error(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.query=malformed:times:1", "sarft.confirm=malformed"])
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(SarftProtocolError, match="body is"):
            await sarft.query(PRINT_NO)
    async with make_client() as sarft:
        await sarft.authenticate()
        await sarft.apply_print(PRINT_NO, BOOKING_ID)
        with pytest.raises(SarftOutcomeUnknown) as caught:
            await sarft.confirm_printed(PRINT_NO)
    assert isinstance(caught.value.cause, SarftProtocolError)
    assert sarft_world.booking.print_state == "printed"


async def test_code_fault_answers_the_code_without_changing_state(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.apply=code:42:times:1", "sarft.confirm=code:2:times:1"])
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(SarftReturnCodeError) as caught:
            await sarft.apply_print(PRINT_NO, BOOKING_ID)
        assert caught.value.code == 42
        assert sarft_world.booking.print_state == "unprinted"
        await sarft.apply_print(PRINT_NO, BOOKING_ID)
        with pytest.raises(UnknownError):
            await sarft.confirm_printed(PRINT_NO)
        assert sarft_world.booking.print_state == "applied"


async def test_code_fault_one_is_already_printed(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.world.faults.add(["sarft.apply=code:1:times:1"])
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(AlreadyPrinted):
            await sarft.apply_print(PRINT_NO, BOOKING_ID)


@pytest.mark.parametrize(
    "garbage",
    [
        b"\xff\xff\xff\xff",  # absurd length
        b"\x00\x00\x00\x00",  # length 0
        b"\x02\x00\x00\x00\x09\x00",  # unknown msg_type
        b"\x03\x00\x00\x00\x03\x01\x00",  # body shorter than its count says
        b"\x02\x00\x00\x00\x02\x00",  # a reply sent as a request
    ],
)
async def test_a_bad_frame_closes_only_that_connection(
    sarft_sim: SarftSimulator, make_client: ClientFactory, garbage: bytes
) -> None:
    async with make_client() as sarft:
        await sarft.authenticate()
        reader, writer = await asyncio.open_connection(sarft_sim.host, sarft_sim.port)
        writer.write(garbage)
        assert await asyncio.wait_for(reader.read(), 2) == b""  # closed, no reply
        writer.close()
        assert len(await sarft.query(PRINT_NO)) == 2


async def test_a_request_after_bad_auth_gets_no_answer(sarft_sim: SarftSimulator) -> None:
    # The server closes after answering 7; pipelined requests after it are not served.
    reader, writer = await asyncio.open_connection(sarft_sim.host, sarft_sim.port)
    wire = WireFormat()
    writer.write(encode_frame(AuthRequest("kiosk", "bad"), wire))
    writer.write(encode_frame(QueryRequest((PRINT_NO,)), wire))
    data = await asyncio.wait_for(reader.read(), 2)
    writer.close()
    assert data == b"\x02\x00\x00\x00\x02\x07"


async def test_a_reply_the_server_cannot_encode_is_answered_with_2(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.booking.tickets[0].ticket_code = "X" * 17  # does not fit char[17]
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(UnknownError):
            await sarft.query(PRINT_NO)


async def test_records_of_another_booking_are_refused() -> None:
    """A server answering about the wrong print_no must not get tickets printed."""
    wire = WireFormat()
    stranger = dataclasses.replace(RECORD, print_no="0000000000000001")

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while await read_message(reader, wire) is not None:
            writer.write(encode_frame(QueryReply(0, (stranger,)), wire))
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = SarftClient("127.0.0.1", port, username="u", password=Secret("p"))
        async with client:
            with pytest.raises(SarftProtocolError, match="another print_no"):
                await client.query(PRINT_NO)
    finally:
        server.close()
        await server.wait_closed()
