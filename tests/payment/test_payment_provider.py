"""The HTTP payment provider against the simulator: the happy path and every refusal."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from kiosk.payment.base import (
    PaymentNotFound,
    PaymentProvider,
    PaymentRejected,
    PaymentStatus,
    PaymentUnavailable,
)
from kiosk.payment.http import HttpPaymentProvider, from_settings
from kiosk.settings import Settings
from kiosk.sim.phone import pay_with_simulator
from kiosk.sim.world import SimWorld
from tests.helpers.clock import FakeClock
from tests.payment.conftest import T0


async def test_create_pay_and_refund_in_full(provider: HttpPaymentProvider, url: str) -> None:
    port: PaymentProvider = provider  # the adapter satisfies the flows' port
    order = await port.create("a" * 32, 6000, "2 tickets", 300)
    assert order.state is PaymentStatus.PENDING
    assert order.code_url.startswith("weixin://wxpay/bizpayurl?pr=")
    assert order.expires_at == T0 + dt.timedelta(seconds=300)
    assert order.expires_at.tzinfo is not None

    paid = await pay_with_simulator(url, "a" * 32)
    assert (paid.state, paid.amount_fen, paid.refunded_fen) == (PaymentStatus.PAID, 6000, 0)
    assert (await port.query("a" * 32)).state is PaymentStatus.PAID

    refunded = await port.refund("a" * 32, "r1", 6000)
    assert (refunded.state, refunded.refunded_fen) == (PaymentStatus.REFUNDED, 6000)


async def test_create_is_idempotent_and_refuses_another_amount(
    provider: HttpPaymentProvider, world: SimWorld
) -> None:
    first = await provider.create("t1", 6000, "2 tickets", 300)
    again = await provider.create("t1", 6000, "2 tickets", 300)
    assert again == first
    assert len(world.store.payments) == 1
    with pytest.raises(PaymentRejected) as info:
        await provider.create("t1", 7000, "3 tickets", 300)
    assert (info.value.status, info.value.reason) == (409, "AMOUNT_MISMATCH")
    assert not info.value.maybe_applied
    assert world.store.payments["t1"].amount_fen == 6000


async def test_unknown_orders_are_not_found(provider: HttpPaymentProvider) -> None:
    with pytest.raises(PaymentNotFound):
        await provider.query("never-created")
    with pytest.raises(PaymentNotFound):
        await provider.close("never-created")


async def test_close_only_unpaid_orders(provider: HttpPaymentProvider, url: str) -> None:
    await provider.create("t1", 3000, "1 ticket", 300)
    closed = await provider.close("t1")
    assert closed.state is PaymentStatus.CLOSED
    assert (await provider.close("t1")).state is PaymentStatus.CLOSED  # a repeat is harmless
    with pytest.raises(PaymentRejected) as info:
        await pay_with_simulator(url, "t1")
    assert (info.value.status, info.value.reason) == (409, "ORDER_CLOSED")

    await provider.create("t2", 3000, "1 ticket", 300)
    await pay_with_simulator(url, "t2")
    with pytest.raises(PaymentRejected) as info:
        await provider.close("t2")
    assert (info.value.status, info.value.reason) == (409, "ORDER_PAID")


async def test_an_expired_order_closes_and_cannot_be_paid(
    provider: HttpPaymentProvider, url: str, clock: FakeClock
) -> None:
    await provider.create("t1", 3000, "1 ticket", 60)
    clock.advance(59)
    assert (await provider.query("t1")).state is PaymentStatus.PENDING
    clock.advance(1)
    assert (await provider.query("t1")).state is PaymentStatus.CLOSED
    with pytest.raises(PaymentRejected) as info:
        await pay_with_simulator(url, "t1")
    assert (info.value.status, info.value.reason) == (409, "ORDER_EXPIRED")
    assert (await provider.close("t1")).state is PaymentStatus.CLOSED


async def test_paying_twice_takes_the_money_once(provider: HttpPaymentProvider, url: str) -> None:
    await provider.create("t1", 3000, "1 ticket", 300)
    await pay_with_simulator(url, "t1")
    again = await pay_with_simulator(url, "t1")
    assert (again.state, again.amount_fen) == (PaymentStatus.PAID, 3000)


async def test_partial_refunds_are_idempotent_and_bounded(
    provider: HttpPaymentProvider, url: str
) -> None:
    await provider.create("t1", 6000, "2 tickets", 300)
    with pytest.raises(PaymentRejected) as info:
        await provider.refund("t1", "r1", 3000)
    assert info.value.reason == "ORDER_NOT_PAID"
    await pay_with_simulator(url, "t1")

    part = await provider.refund("t1", "r1", 3000)
    assert (part.state, part.refunded_fen) == (PaymentStatus.PAID, 3000)
    repeat = await provider.refund("t1", "r1", 3000)
    assert repeat.refunded_fen == 3000  # the same refund number refunds nothing more
    with pytest.raises(PaymentRejected) as info:
        await provider.refund("t1", "r1", 1000)
    assert (info.value.status, info.value.reason) == (409, "REFUND_MISMATCH")
    with pytest.raises(PaymentRejected) as info:
        await provider.refund("t1", "r2", 3001)
    assert (info.value.status, info.value.reason) == (409, "REFUND_EXCEEDS_PAID")

    rest = await provider.refund("t1", "r2", 3000)
    assert (rest.state, rest.refunded_fen) == (PaymentStatus.REFUNDED, 6000)
    with pytest.raises(PaymentRejected) as info:
        await provider.refund("t1", "r3", 1)
    assert info.value.reason == "REFUND_EXCEEDS_PAID"


@pytest.mark.parametrize(
    "body",
    [
        {"out_trade_no": "t1", "amount_fen": "6000"},
        {"out_trade_no": "t1", "amount_fen": True},
        {"out_trade_no": "t1", "amount_fen": 0},
        {"out_trade_no": "", "amount_fen": 100},
        {"out_trade_no": "has space", "amount_fen": 100},
        {"out_trade_no": "t1", "amount_fen": 100, "expires_in_s": 0},
        ["not", "an", "object"],
    ],
)
async def test_bad_requests_are_refused_with_400(url: str, body: object) -> None:
    async with httpx.AsyncClient(base_url=url) as client:
        response = await client.post("/v1/orders", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == "INVALID_REQUEST"


async def test_state_lives_in_the_shared_store(
    provider: HttpPaymentProvider, url: str, world: SimWorld
) -> None:
    await provider.create("t1", 6000, "2 tickets", 300)
    await pay_with_simulator(url, "t1")
    await provider.refund("t1", "r1", 1000)
    payment = world.store.payments["t1"]
    assert (payment.state, payment.refunded_fen, payment.refunds) == ("PAID", 1000, {"r1": 1000})
    assert payment.paid_at == T0
    assert world.store.state_json()["payments"]["t1"]["refunded_amount"] == 1000


async def test_nothing_listening_is_unavailable_and_surely_not_applied() -> None:
    async with HttpPaymentProvider("http://127.0.0.1:9", query_attempts=1) as provider:
        with pytest.raises(PaymentUnavailable) as info:
            await provider.create("t1", 100, "x", 60)
    assert not info.value.maybe_applied


def test_from_settings_uses_the_payment_url() -> None:
    provider = from_settings(Settings(payment_url="http://pay.example:8090/"))
    assert str(provider._client.base_url) == "http://pay.example:8090"


async def test_the_cluster_starts_the_payment_simulator(world: SimWorld) -> None:
    from kiosk.sim.cluster import SimCluster, SimOptions

    cluster = SimCluster(world, SimOptions())
    info = await cluster.start(("payment",))
    try:
        assert set(info) == {"payment", "control"}
        async with HttpPaymentProvider(info["payment"]["url"]) as provider:
            await provider.create("t1", 100, "x", 60)
        async with httpx.AsyncClient() as client:
            state = (await client.get(info["control"] + "/state")).json()
        assert state["payments"]["t1"]["state"] == "PENDING"
    finally:
        await cluster.close()
