"""The shared fake clock stands still until moved, and moves as each caller expects."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from tests.helpers.clock import FakeClock

T0 = dt.datetime(2025, 3, 1, 4, 0, tzinfo=dt.UTC)


async def test_it_moves_only_when_moved() -> None:
    clock = FakeClock(T0)
    assert clock() == clock.now() == T0
    clock.advance(90)
    assert clock() == T0 + dt.timedelta(seconds=90)
    await clock.sleep(30)
    assert clock.now() == T0 + dt.timedelta(minutes=2)
    await clock.sleep(-5)  # a deadline already past: no time runs backwards
    assert clock() == T0 + dt.timedelta(minutes=2)


async def test_a_sleep_lets_other_tasks_run() -> None:
    clock = FakeClock(T0)
    ran: list[str] = []

    async def other() -> None:
        ran.append("other")

    task = asyncio.create_task(other())
    await clock.sleep(60)
    assert ran == ["other"]
    await task


def test_a_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        FakeClock(dt.datetime(2025, 3, 1, 4, 0))
