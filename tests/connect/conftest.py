"""The Connect simulator on loopback and a client pointed at it, with short timeouts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from kiosk.connect.client import ConnectClient
from kiosk.settings import load_settings
from kiosk.sim.cluster import SimCluster, SimOptions
from kiosk.sim.world import SimWorld


@pytest.fixture
async def connect_sim(sim_world: SimWorld) -> AsyncIterator[SimCluster]:
    cluster = SimCluster(sim_world, SimOptions())
    await cluster.start(["connect"])
    try:
        yield cluster
    finally:
        await cluster.close()


@pytest.fixture
async def client(connect_sim: SimCluster) -> AsyncIterator[ConnectClient]:
    info = connect_sim.info()["connect"]
    settings = load_settings(
        connect_url=info["url"],
        connect_token=info["token"],
        connect_read_timeout_s=0.5,
        connect_complete_timeout_s=0.5,
        connect_read_retries=2,
    )
    async with ConnectClient.from_settings(settings) as connect:
        yield connect
