"""An answer that arrives but cannot be decoded is a PaymentError that may have been
applied, never an httpx error escaping the adapter (issue 14, item 8)."""

from __future__ import annotations

import pytest

from kiosk.payment.base import PaymentProtocolError
from kiosk.payment.http import HttpPaymentProvider
from kiosk.sim.phone import pay_with_simulator
from kiosk.sim.world import SimWorld
from tests.connect.garbling_proxy import garbling_proxy
from tests.payment.conftest import TIMEOUT_S


def _provider(url: str) -> HttpPaymentProvider:
    return HttpPaymentProvider(
        url, timeout_s=TIMEOUT_S, connect_timeout_s=TIMEOUT_S, query_attempts=2, retry_delay_s=0
    )


async def test_an_undecodable_answer_to_create_may_have_created_the_order(
    url: str, world: SimWorld
) -> None:
    async with garbling_proxy(url, "/v1/orders") as proxy, _provider(proxy.url) as provider:
        with pytest.raises(PaymentProtocolError) as caught:
            await provider.create("t1", 3000, "tickets", 300)
    assert caught.value.maybe_applied
    assert "t1" in world.store.payments  # the provider did act: the flow must query


async def test_an_undecodable_query_is_retried_then_a_protocol_error(
    url: str, provider: HttpPaymentProvider
) -> None:
    await provider.create("t1", 3000, "tickets", 300)
    async with garbling_proxy(url, "/v1/orders/t1") as proxy, _provider(proxy.url) as garbled:
        with pytest.raises(PaymentProtocolError):
            await garbled.query("t1")
    assert len(proxy.garbled) == 2


async def test_an_undecodable_simulated_payment_is_a_payment_error(
    url: str, provider: HttpPaymentProvider
) -> None:
    await provider.create("t1", 3000, "tickets", 300)
    async with garbling_proxy(url, "/_sim/pay/t1") as proxy:
        with pytest.raises(PaymentProtocolError):
            await pay_with_simulator(proxy.url, "t1")
