"""Every fault kind of the Connect simulator ends in a typed error or a clean timeout."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.connect.client import ConnectClient, new_user_session_id
from kiosk.connect.errors import (
    ConnectError,
    ConnectProtocolError,
    ConnectTimeout,
    ConnectUnavailable,
    SeatsUnavailable,
    SoldOut,
    UnexpectedError,
)
from kiosk.sim.cluster import SimCluster
from kiosk.sim.world import SimWorld
from tests.connect.test_contract import _lock
from tests.helpers.sessions import bookable_session


async def test_latency_then_normal_answer(client: ConnectClient, sim_world: SimWorld) -> None:
    sim_world.faults.add(["connect.Cinemas=latency:100"])
    started = time.monotonic()
    assert await client.get_cinemas()
    assert time.monotonic() - started >= 0.1


async def test_hang_times_out_after_every_retry(client: ConnectClient, sim_world: SimWorld) -> None:
    sim_world.faults.add(["connect.Cinemas=hang"])
    started = time.monotonic()
    with pytest.raises(ConnectTimeout):
        await client.get_cinemas()
    assert 0.9 <= time.monotonic() - started < 3  # two attempts of 0.5 s


async def test_reads_retry_but_posts_do_not(client: ConnectClient, sim_world: SimWorld) -> None:
    sim_world.faults.add(["connect.Cinemas=http500:times:1", "connect.GetOrder=http500:times:1"])
    assert await client.get_cinemas()
    with pytest.raises(ConnectProtocolError) as info:
        await client.get_order(new_user_session_id())
    assert info.value.status == 500
    assert all(rule.exhausted for rule in sim_world.faults.rules)


@pytest.mark.parametrize(
    ("rule", "error"),
    [
        ("http500", ConnectProtocolError),
        ("malformed", ConnectProtocolError),
        ("drop_request", ConnectUnavailable),
        ("drop_response", ConnectUnavailable),
        ("hang", ConnectTimeout),
        ("code:1", UnexpectedError),
        ("code:8", SeatsUnavailable),
    ],
)
async def test_post_faults(
    client: ConnectClient, sim_world: SimWorld, rule: str, error: type[ConnectError]
) -> None:
    sim_world.faults.add([f"connect.CancelOrder={rule}"])
    with pytest.raises(error):
        await client.cancel_order(new_user_session_id())


async def test_drop_response_does_the_work(client: ConnectClient, sim_world: SimWorld) -> None:
    session = bookable_session(sim_world.store, screen=None)
    usid = new_user_session_id()
    _usid, total, _seats = await _lock(client, session.session_id, 1, usid)
    sim_world.faults.add(["connect.CompleteOrder=drop_response:times:1"])
    with pytest.raises(ConnectUnavailable):
        await client.complete_order(usid, total)
    # the recovery path finds the booking that was made
    assert (await client.get_order(usid)).complete_called
    assert (await client.query_order_booking_status(usid)).total_fen == total


async def test_drop_request_does_nothing(client: ConnectClient, sim_world: SimWorld) -> None:
    sim_world.faults.add(["connect.AddTickets=drop_request"])
    session_id = next(iter(sim_world.store.sessions))
    with pytest.raises(ConnectUnavailable):
        await _lock(client, session_id, 1)
    assert not sim_world.store.orders


async def test_code_fault_has_no_side_effect(client: ConnectClient, sim_world: SimWorld) -> None:
    sim_world.faults.add(["connect.GetSessionSeatPlan=code:67"])
    with pytest.raises(SoldOut) as info:
        await client.get_session_seat_plan(next(iter(sim_world.store.sessions)))
    assert info.value.name == "SeatMapRequestedForSoldOutSession"


async def test_every_operation_consults_its_own_rule(
    client: ConnectClient, sim_world: SimWorld
) -> None:
    sim_world.faults.add(["connect.*=code:5"])
    session_id = next(iter(sim_world.store.sessions))
    calls = [
        client.get_tickets_for_session(session_id),
        client.get_session_seat_plan(session_id),
        client.get_order("abc"),
        client.cancel_order("abc"),
        client.start_external_payment("abc"),
        client.complete_order("abc", 100),
        client.query_order_booking_status("abc"),
        client.get_single_booking(booking_number=1),
        client.refund_booking(1, 100),
    ]
    for call in calls:
        with pytest.raises(ConnectError) as info:
            await call
        assert getattr(info.value, "result_code", None) == 5


async def test_refused_connection(connect_sim: SimCluster) -> None:
    info = connect_sim.info()["connect"]
    await connect_sim.close()
    async with ConnectClient(info["url"], info["token"], read_retries=1) as client:
        with pytest.raises(ConnectUnavailable):
            await client.get_cinemas()


_bodies = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "Result",
                        "ResultCode",
                        "Order",
                        "Tickets",
                        "SeatLayoutData",
                        "Booking",
                        "OrderSummary",
                        "VistaBookingId",
                        "value",
                        "x",
                    ]
                ),
                children,
                max_size=5,
            )
        ),
        max_leaves=20,
    ).map(lambda v: json.dumps(v).encode()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_bodies, status=st.sampled_from([200, 200, 200, 404, 500, 502]))
async def test_malformed_bodies_give_typed_errors_never_crashes(body: bytes, status: int) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    async with ConnectClient(
        "http://connect.invalid/WSVistaWebClient", "t", read_retries=1, transport=transport
    ) as client:
        for call in (
            client.get_cinemas(),
            client.get_now_showing_scheduled_films(),
            client.get_tickets_for_session("1"),
            client.get_session_seat_plan("1"),
            client.get_order("a"),
            client.complete_order("a", 1),
            client.query_order_booking_status("a"),
            client.get_single_booking(booking_id="W"),
            client.refund_booking(1, 1),
        ):
            try:
                await call
            except ConnectError:
                pass
