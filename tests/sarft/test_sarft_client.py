"""The client against the simulator over loopback: the happy path and every
definite refusal, with the booking's state checked in the shared store."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

import pytest

from kiosk.sarft.client import SarftClient
from kiosk.sarft.codec import WireFormat, decode_frame, encode_frame
from kiosk.sarft.errors import (
    AlreadyPrinted,
    BadCredentials,
    NotApplied,
    NotAuthenticated,
    NotFound,
    Refunded,
    SarftConnectionLost,
    ShowEnded,
    VerifyCodeMismatch,
)
from kiosk.sarft.messages import AuthReply, AuthRequest
from kiosk.sarft.values import print_no_for
from kiosk.secret import Secret
from kiosk.settings import Settings
from kiosk.sim.sarft_server import SarftSimulator, start_sarft
from kiosk.sim.sarft_wire import SimWire
from kiosk.words import words

from .conftest import PASSWORD, USERNAME, ClientFactory
from .world import RUN_TIME_MIN, SHOWTIME, SarftWorld

PRINT_NO = "0000000000111972"


async def test_happy_path_query_apply_print_confirm(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    booking = sarft_world.booking
    async with make_client() as sarft:
        await sarft.authenticate()
        records = await sarft.query(print_no_for(booking.booking_number))
        assert [r.seat_name for r in records] == ["7排10座", "7排11座"]
        first = records[0]
        assert first.print_no == PRINT_NO
        assert first.ticket_info_code == booking.tickets[0].ticket_info_code
        assert first.code == booking.tickets[0].ticket_code
        assert (first.cinema_code, first.cinema_name) == ("31070901", "测试影城")
        assert (first.screen_code, first.screen_name) == ("3107090101", "1号厅")
        assert (first.film_code, first.film_name) == ("051100872015", "重返20岁")
        assert first.session_code == "29617"
        assert first.session_datetime == SHOWTIME
        assert first.session_datetime.utcoffset() == dt.timedelta(hours=8)
        assert first.seat_code == "1-6-9"
        assert (first.price_fen, first.service_fee_fen) == (4500, 300)
        assert not any(r.printed for r in records)

        await sarft.apply_print(PRINT_NO, "wqnx8jl")  # the patron may type lower case
        assert booking.print_state == "applied"
        await sarft.confirm_printed(PRINT_NO)
        assert booking.print_state == "printed"
        assert all(r.printed for r in await sarft.query(PRINT_NO))


async def test_retries_are_idempotent(sarft_world: SarftWorld, make_client: ClientFactory) -> None:
    async with make_client() as sarft:
        await sarft.authenticate()
        await sarft.apply_print(PRINT_NO, "WQNX8JL")
        await sarft.apply_print(PRINT_NO, "WQNX8JL")  # applied -> 0 again
        await sarft.confirm_printed(PRINT_NO)
        await sarft.confirm_printed(PRINT_NO)  # printed -> 0 again
    assert sarft_world.booking.print_state == "printed"


async def test_wrong_verify_code(sarft_world: SarftWorld, make_client: ClientFactory) -> None:
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(VerifyCodeMismatch) as caught:
            await sarft.apply_print(PRINT_NO, "WQNX8JX")
        assert words(caught.value, "zh") == "取票码不正确"
        # A refusal is an answer: the connection stays usable.
        assert len(await sarft.query(PRINT_NO)) == 2
    assert sarft_world.booking.print_state == "unprinted"


async def test_already_printed(sarft_world: SarftWorld, make_client: ClientFactory) -> None:
    sarft_world.booking.print_state = "printed"
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(AlreadyPrinted) as caught:
            await sarft.apply_print(PRINT_NO, "WQNX8JL")
    assert words(caught.value, "zh") == "已取票"
    assert words(caught.value, "en") == "These tickets have already been collected"


async def test_refunded(sarft_world: SarftWorld, make_client: ClientFactory) -> None:
    refunded = sarft_world.refunded
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(Refunded):
            await sarft.query(refunded.print_no)
        with pytest.raises(Refunded):
            await sarft.apply_print(refunded.print_no, refunded.booking_id)
        with pytest.raises(Refunded):
            await sarft.confirm_printed(refunded.print_no)
    assert refunded.print_state == "unprinted"


async def test_not_found(make_client: ClientFactory) -> None:
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(NotFound):
            await sarft.query(print_no_for(999999))
        with pytest.raises(NotFound):
            await sarft.apply_print(print_no_for(999999), "WQNX8JL")


async def test_requests_before_auth_are_refused(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    async with make_client() as sarft:
        with pytest.raises(NotAuthenticated):
            await sarft.query(PRINT_NO)
        with pytest.raises(NotAuthenticated):
            await sarft.apply_print(PRINT_NO, "WQNX8JL")
        with pytest.raises(NotAuthenticated):
            await sarft.confirm_printed(PRINT_NO)
        await sarft.authenticate()  # same connection, now authenticated
        assert len(await sarft.query(PRINT_NO)) == 2
    assert sarft_world.booking.print_state == "unprinted"


async def test_authentication_belongs_to_the_connection(make_client: ClientFactory) -> None:
    async with make_client() as first:
        await first.authenticate()
        async with make_client() as second:
            with pytest.raises(NotAuthenticated):
                await second.query(PRINT_NO)


async def test_bad_credentials_close_and_never_show_the_password(
    sarft_sim: SarftSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "wrong-password-123"
    caplog.set_level(logging.DEBUG)
    client = SarftClient(sarft_sim.host, sarft_sim.port, username=USERNAME, password=Secret(wrong))
    async with client:
        with pytest.raises(BadCredentials) as caught:
            await client.authenticate()
        with pytest.raises(RuntimeError, match="not connected"):
            await client.query(PRINT_NO)
    for text in (str(caught.value), repr(caught.value), repr(client), caplog.text):
        assert wrong not in text
        assert PASSWORD not in text


async def test_the_server_hangs_up_after_bad_credentials(sarft_sim: SarftSimulator) -> None:
    reader, writer = await asyncio.open_connection(sarft_sim.host, sarft_sim.port)
    writer.write(encode_frame(AuthRequest(USERNAME, "nope"), WireFormat()))
    data = await asyncio.wait_for(reader.read(), 2)  # reads until the server's EOF
    writer.close()
    assert decode_frame(data, WireFormat()) == AuthReply(7)


async def test_confirm_before_apply(sarft_world: SarftWorld, make_client: ClientFactory) -> None:
    async with make_client() as sarft:
        await sarft.authenticate()
        with pytest.raises(NotApplied):
            await sarft.confirm_printed(PRINT_NO)
    assert sarft_world.booking.print_state == "unprinted"


async def test_show_ended_after_showtime_plus_run_time(
    sarft_world: SarftWorld, make_client: ClientFactory
) -> None:
    sarft_world.clock.at = SHOWTIME + dt.timedelta(minutes=RUN_TIME_MIN - 1)
    async with make_client() as sarft:
        await sarft.authenticate()
        assert len(await sarft.query(PRINT_NO)) == 2  # still running: collectable
        sarft_world.clock.at = SHOWTIME + dt.timedelta(minutes=RUN_TIME_MIN + 1)
        with pytest.raises(ShowEnded):
            await sarft.query(PRINT_NO)
        with pytest.raises(ShowEnded):
            await sarft.apply_print(PRINT_NO, "WQNX8JL")
    assert sarft_world.booking.print_state == "unprinted"


async def test_show_ended_by_hand_but_printed_tickets_still_answer(
    sarft_world: SarftWorld, sarft_sim: SarftSimulator, make_client: ClientFactory
) -> None:
    async with make_client() as sarft:
        await sarft.authenticate()
        await sarft.apply_print(PRINT_NO, "WQNX8JL")
        await sarft.confirm_printed(PRINT_NO)
        sarft_sim.ended_sessions.add(sarft_world.session.session_id)
        # A kiosk re-querying after a lost 0x08 must still learn its tickets counted.
        assert all(r.printed for r in await sarft.query(PRINT_NO))


async def test_md5_password_mode(sarft_world: SarftWorld) -> None:
    md5 = SimWire(password_mode="md5")
    sim = await start_sarft(sarft_world.world, username=USERNAME, password=PASSWORD, wire=md5)
    try:
        settings = Settings(
            sarft_host=sim.host,
            sarft_port=sim.port,
            sarft_username=USERNAME,
            sarft_password=Secret(PASSWORD),
            sarft_password_mode="md5",
        )
        async with SarftClient.from_settings(settings) as sarft:
            await sarft.authenticate()
            assert len(await sarft.query(PRINT_NO)) == 2
        plain = SarftClient(sim.host, sim.port, username=USERNAME, password=Secret(PASSWORD))
        async with plain:
            with pytest.raises(BadCredentials):
                await plain.authenticate()
    finally:
        await sim.close()


async def test_info_is_the_info_file_entry(sarft_sim: SarftSimulator) -> None:
    assert sarft_sim.name == "sarft"
    assert sarft_sim.info() == {
        "host": "127.0.0.1",
        "port": sarft_sim.port,
        "username": USERNAME,
        "password": PASSWORD,
        "password_mode": "plain",
        "wire": {
            "length_prefix_bytes": "4",
            "length_byteorder": "little",
            "length_counts_type": "true",
            "float_byteorder": "little",
            "datetime_form": "unix_seconds",
            "text_encoding": "gb18030",
            "password_mode": "plain",
        },
    }


async def test_no_server_is_a_lost_connection(sarft_sim: SarftSimulator) -> None:
    port = sarft_sim.port
    await sarft_sim.close()
    client = SarftClient("127.0.0.1", port, username=USERNAME, password=Secret(PASSWORD))
    with pytest.raises(SarftConnectionLost) as caught:
        await client.connect()
    assert words(caught.value, "en").startswith("The connection to the cinema system was lost")
