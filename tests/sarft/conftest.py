"""SARFT fixtures: the tiny world, its simulator on a loopback port, clients for it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from kiosk.sarft.client import SarftClient
from kiosk.secret import Secret
from kiosk.sim.sarft_server import SarftSimulator, start_sarft

from .world import SarftWorld, build_world

USERNAME = "kiosk"
PASSWORD = "s3cret-sarft-pw"

ClientFactory = Callable[..., SarftClient]


@pytest.fixture
def sarft_world() -> SarftWorld:
    return build_world()


@pytest.fixture
async def sarft_sim(sarft_world: SarftWorld) -> AsyncIterator[SarftSimulator]:
    simulator = await start_sarft(sarft_world.world, username=USERNAME, password=PASSWORD)
    try:
        yield simulator
    finally:
        await simulator.close()


@pytest.fixture
def make_client(sarft_sim: SarftSimulator) -> ClientFactory:
    """A client for the simulator; keywords override the constructor's."""

    def make(**overrides: Any) -> SarftClient:
        options: dict[str, Any] = {
            "username": USERNAME,
            "password": Secret(PASSWORD),
            "connect_timeout_s": 2.0,
            "reply_timeout_s": 2.0,
        }
        options.update(overrides)
        return SarftClient(sarft_sim.host, sarft_sim.port, **options)

    return make
