"""Every simulator fault ends in the right typed error or a clean timeout, never a hang."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import pytest

from kiosk.payment.base import (
    PaymentError,
    PaymentProtocolError,
    PaymentRejected,
    PaymentStatus,
    PaymentTimeout,
    PaymentUnavailable,
)
from kiosk.payment.http import HttpPaymentProvider
from kiosk.sim.payment_server import start_payment
from kiosk.sim.phone import pay_with_simulator
from kiosk.sim.world import SimWorld
from tests.payment.conftest import TIMEOUT_S

Call = Callable[[HttpPaymentProvider], Awaitable[object]]

# Each operation with the set-up that makes it succeed when no fault fires.
OPERATIONS: dict[str, Call] = {
    "create": lambda p: p.create("t2", 500, "fresh", 300),
    "query": lambda p: p.query("t1"),
    "close": lambda p: p.close("t1"),
    "refund": lambda p: p.refund("paid", "r1", 1000),
}


@pytest.fixture
async def ready(provider: HttpPaymentProvider, url: str) -> HttpPaymentProvider:
    await provider.create("t1", 3000, "pending order", 300)
    await provider.create("paid", 3000, "paid order", 300)
    await pay_with_simulator(url, "paid")
    return provider


def applied(world: SimWorld, op: str) -> bool:
    payments = world.store.payments
    return {
        "create": "t2" in payments,
        "query": False,
        "close": payments["t1"].state == "CLOSED",
        "refund": payments["paid"].refunded_fen == 1000,
    }[op]


@pytest.mark.parametrize("op", list(OPERATIONS))
@pytest.mark.parametrize(
    ("kind", "error", "does_work"),
    [
        ("http500", PaymentUnavailable, False),
        ("code:503", PaymentUnavailable, False),
        ("code:429", PaymentRejected, False),
        ("malformed", PaymentProtocolError, True),
        ("drop_request", PaymentUnavailable, False),
        ("drop_response", PaymentUnavailable, True),
        ("hang", PaymentTimeout, False),
    ],
)
async def test_fault_gives_typed_error(
    ready: HttpPaymentProvider,
    world: SimWorld,
    op: str,
    kind: str,
    error: type[PaymentError],
    does_work: bool,
) -> None:
    world.faults.add([f"payment.{op}={kind}"])
    started = time.monotonic()
    with pytest.raises(error) as info:
        await asyncio.wait_for(OPERATIONS[op](ready), timeout=5)
    # queries are retried (twice here), everything else is tried once
    assert time.monotonic() - started < 2 * TIMEOUT_S + 1
    assert applied(world, op) == (does_work and op != "query")
    if isinstance(info.value, PaymentRejected):
        assert (info.value.status, info.value.reason) == (429, "SIM_FAULT")
        assert not info.value.maybe_applied
    else:
        assert info.value.maybe_applied


@pytest.mark.parametrize("op", list(OPERATIONS))
async def test_latency_only_delays(ready: HttpPaymentProvider, world: SimWorld, op: str) -> None:
    world.faults.add([f"payment.{op}=latency:50"])
    started = time.monotonic()
    await OPERATIONS[op](ready)
    assert time.monotonic() - started >= 0.05
    assert applied(world, op) == (op != "query")


async def test_query_is_retried_through_passing_faults(
    ready: HttpPaymentProvider, world: SimWorld
) -> None:
    world.faults.add(["payment.query=drop_request:times:1"])
    state = await ready.query("t1")
    assert state.state is PaymentStatus.PENDING
    assert world.faults.rules[0].exhausted


async def test_writes_are_not_retried(ready: HttpPaymentProvider, world: SimWorld) -> None:
    world.faults.add(["payment.create=http500:times:1"])
    with pytest.raises(PaymentUnavailable):
        await ready.create("t2", 500, "fresh", 300)
    assert "t2" not in world.store.payments
    order = await ready.create("t2", 500, "fresh", 300)
    assert order.state is PaymentStatus.PENDING


async def test_a_lost_answer_is_recovered_by_asking_again(
    ready: HttpPaymentProvider, world: SimWorld
) -> None:
    world.faults.add(["payment.refund=drop_response:times:1"])
    with pytest.raises(PaymentUnavailable):
        await ready.refund("paid", "r1", 3000)
    state = await ready.refund("paid", "r1", 3000)  # same refund number: no second refund
    assert (state.state, state.refunded_fen) == (PaymentStatus.REFUNDED, 3000)


async def test_the_patron_paying_is_never_faulted(
    ready: HttpPaymentProvider, world: SimWorld, url: str
) -> None:
    world.faults.add(["*.*=http500"])
    paid = await pay_with_simulator(url, "t1")
    assert paid.state is PaymentStatus.PAID


async def test_closing_the_simulator_releases_hung_requests(world: SimWorld) -> None:
    service = await start_payment(world)
    world.faults.add(["payment.query=hang"])
    async with HttpPaymentProvider(
        str(service.info()["url"]), timeout_s=5, query_attempts=1
    ) as slow:
        pending = asyncio.ensure_future(slow.query("t1"))
        await asyncio.sleep(0.1)
        started = time.monotonic()
        await service.close()
        with pytest.raises(PaymentUnavailable):
            await pending
        assert time.monotonic() - started < 1.0
