"""A payment simulator on loopback with a fake clock, and a provider with short timeouts."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.payment.http import HttpPaymentProvider
from kiosk.sim.payment_server import PaymentSimulator, start_payment
from kiosk.sim.store import SimStore
from kiosk.sim.world import SimWorld
from tests.helpers.clock import FakeClock

T0 = dt.datetime(2025, 3, 1, 4, 0, tzinfo=dt.UTC)
# Long enough that a reply from the in-process simulator is never missed when six
# workers share two cores (0.25 s was: CI saw StartExternalPayment 'no answer');
# short enough that a hang fault costs a test about a second.
TIMEOUT_S = 1.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def world(clock: FakeClock) -> SimWorld:
    return SimWorld(SimStore(clock=clock))


@pytest.fixture
async def simulator(world: SimWorld, tmp_path: Path) -> AsyncIterator[PaymentSimulator]:
    service = await start_payment(world, keys_dir=tmp_path / "payment-keys")
    try:
        yield service
    finally:
        await service.close()


@pytest.fixture
def url(simulator: PaymentSimulator) -> str:
    return str(simulator.info()["url"])


@pytest.fixture
async def provider(url: str) -> AsyncIterator[HttpPaymentProvider]:
    async with HttpPaymentProvider(
        url, timeout_s=TIMEOUT_S, connect_timeout_s=TIMEOUT_S, query_attempts=2, retry_delay_s=0.01
    ) as client:
        yield client
