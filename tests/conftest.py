"""Fixtures every test may use: simulators on real loopback sockets, isolated settings."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from kiosk.sim.cluster import SimCluster, SimOptions
from kiosk.sim.world import SimWorld
from tests import scheduling

# Widget tests render offscreen unless a display was set up on purpose.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller, or a run without workers
        config.pluginmanager.register(scheduling.DurationRecorder(config), "kiosk-durations")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if hasattr(config, "workerinput"):  # the order xdist hands them out in, if no times yet
        scheduling.slow_first(items)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """``--dist load`` (scripts/test.sh): tests/scheduling.py's longest-first scheduler."""
    if config.getvalue("dist") == "load":
        return scheduling.make_scheduler(config, log)
    return None


@pytest.fixture(autouse=True)
def _isolated_kiosk_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test reads the developer's own config or KIOSK_* variables."""
    for key in list(os.environ):
        if key.startswith("KIOSK_"):
            monkeypatch.delenv(key)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    yield


@pytest.fixture
def sim_world() -> SimWorld:
    """A fresh demo world (fixed seed, so failures reproduce)."""
    from kiosk.cli.sim import make_world

    return make_world(seed=1234)


@pytest.fixture
async def sim(sim_world: SimWorld, tmp_path: Path) -> AsyncIterator[SimCluster]:
    """Every simulator, started in this test's event loop on free loopback ports."""
    options = SimOptions(out_dir=tmp_path / "printed", payment_keys_dir=tmp_path / "payment-keys")
    cluster = SimCluster(sim_world, options)
    await cluster.start()
    try:
        yield cluster
    finally:
        await cluster.close()
