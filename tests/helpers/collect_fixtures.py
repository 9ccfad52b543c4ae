"""The collect kit (``tests/flows/helpers_collect.py``) as the ``kit`` fixture, for the
modules that test collecting, reprinting and the pickup code against the simulators.

A module takes it with ``pytest_plugins = ["tests.helpers.collect_fixtures"]``, and
changes the kiosk's settings for all its tests by defining ``collect_settings``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_collect import Kit, collect_kit


@pytest.fixture
def collect_settings() -> dict[str, Any]:
    """Settings the module's kiosk runs with beside the simulators' addresses."""
    return {}


@pytest.fixture
async def kit(
    sim: SimCluster, tmp_path: Path, collect_settings: dict[str, Any]
) -> AsyncIterator[Kit]:
    """The real collect flow and its adapters, pointed at this test's simulators."""
    async with collect_kit(sim, tmp_path, **collect_settings) as made:
        yield made
