"""Every way a Connect call can fail ends as a ConnectError, never as an httpx or a
ValueError escaping the client (issue 14, item 8).

An answer that arrives but cannot be decoded is the dangerous one: Connect did the
work, so inside CompleteOrder it must read as "outcome unknown" and send the
purchase down the seed's verify path, not abort a paid purchase.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from kiosk.connect.client import ConnectClient, new_user_session_id
from kiosk.connect.errors import ConnectError, ConnectProtocolError, ConnectRequestInvalid
from kiosk.domain import SeatChoice, TicketLine
from kiosk.settings import load_settings
from kiosk.sim.cluster import DEFAULT_TOKEN, SimCluster
from tests.connect.garbling_proxy import garbling_proxy
from tests.helpers.sessions import seats_for_kiosk_buy


def _client(url: str) -> ConnectClient:
    settings = load_settings(
        connect_url=url,
        connect_token=DEFAULT_TOKEN,
        connect_read_timeout_s=2,
        connect_complete_timeout_s=2,
        connect_read_retries=2,
    )
    return ConnectClient.from_settings(settings)


async def test_an_undecodable_read_is_retried_then_a_protocol_error(
    connect_sim: SimCluster,
) -> None:
    async with (
        garbling_proxy(connect_sim.info()["connect"]["url"], "/Cinemas") as proxy,
        _client(proxy.url) as client,
    ):
        with pytest.raises(ConnectProtocolError) as caught:
            await client.get_cinemas()
    assert "could not be read" in str(caught.value)
    assert len(proxy.garbled) == 2  # a read is retried: the answer may be fine next time


async def test_an_undecodable_answer_to_a_post_may_have_been_applied(
    connect_sim: SimCluster,
) -> None:
    async with (
        garbling_proxy(connect_sim.info()["connect"]["url"], "/order") as proxy,
        _client(proxy.url) as client,
    ):
        with pytest.raises(ConnectProtocolError) as caught:
            await client.get_order(new_user_session_id())
    assert caught.value.maybe_applied  # Connect answered: it may have acted
    assert len(proxy.garbled) == 1  # POSTs are never repeated by the client


def _seat() -> SeatChoice:
    return SeatChoice(area_category_code="0000000001", area_number=1, row_index=0, column_index=0)


def _ticket() -> TicketLine:
    return TicketLine(ticket_type_code="0001", qty=1, price_fen=100)


BAD_CALLS: dict[str, Callable[[ConnectClient], Awaitable[object]]] = {
    "session id in a path": lambda c: c.get_session_seat_plan("12/../34"),
    "cinema id in a path": lambda c: c.get_tickets_for_session("1", cinema_id="02 00"),
    "UserSessionId": lambda c: c.get_order("not a session id!"),
    "UserSessionId on CompleteOrder": lambda c: c.complete_order("x" * 33, 100),
    "no tickets": lambda c: c.add_tickets(new_user_session_id(), "1", [], []),
    "seats and tickets disagree": lambda c: c.add_tickets(
        new_user_session_id(), "1", [_ticket()], [_seat(), _seat()]
    ),
    "booking lookup with no key": lambda c: c.get_single_booking(),
}


@pytest.mark.parametrize("call", BAD_CALLS.values(), ids=list(BAD_CALLS))
async def test_a_request_connect_cannot_take_is_a_connect_error_sent_nowhere(
    call: Callable[[ConnectClient], Awaitable[object]],
) -> None:
    # Nothing listens on port 9: a request that left the kiosk would fail differently.
    async with _client("http://127.0.0.1:9/WSVistaWebClient") as client:
        with pytest.raises(ConnectRequestInvalid) as caught:
            await call(client)
    assert isinstance(caught.value, ConnectError)
    assert not caught.value.maybe_applied


# ---- the purchase: ``kiosk buy`` with CompleteOrder's answer spoilt --------------------


@pytest.mark.e2e
async def test_kiosk_buy_completes_when_complete_orders_answer_cannot_be_read(
    sim: SimCluster, tmp_path: Path
) -> None:
    info = sim.info()
    session_id, seats = seats_for_kiosk_buy(sim.world.store)
    async with garbling_proxy(info["connect"]["url"], "/order/payment") as proxy:
        env = {
            **os.environ,
            "KIOSK_CONNECT_URL": proxy.url,
            "KIOSK_CONNECT_TOKEN": DEFAULT_TOKEN,
            "KIOSK_PAYMENT_URL": info["payment"]["url"],
            "KIOSK_DATA_DIR": str(tmp_path / "kiosk"),
            "KIOSK_BOOKING_STATUS_POLLS": "3",
            "KIOSK_BOOKING_STATUS_INTERVAL_S": "0.05",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "kiosk",
            "buy",
            "--session",
            session_id,
            "--seats",
            seats,
            "--poll-s",
            "0.05",
            "--pay-with-simulator",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), 90)
    assert len(proxy.garbled) == 1  # CompleteOrder is never sent twice for one order
    assert "Traceback" not in err.decode()
    assert process.returncode == 0, err.decode()
    assert "booked: pickup code" in out.decode()
    store = sim.world.store
    assert len([b for b in store.bookings.values() if not b.online]) == 1
    assert [p.state for p in store.payments.values()] == ["PAID"]
