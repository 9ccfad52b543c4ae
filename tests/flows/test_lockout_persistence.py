"""The pickup keypad's lockout outlives its process: one ``kiosk collect`` per guess,
or a restart, still locks after the configured number of wrong codes."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from pathlib import Path

import pytest

from kiosk.flows.pickup_code import KeypadGuard, KeypadLocked, KeypadWait
from kiosk.journal import AsyncJournal
from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_collect import FakeMonotonic, env_for, kiosk_command, settings_for

WRONG = "ZZZZ9Q9"  # a possible code that no booking has
RIGHT = "WQNX8JL"


async def _kiosk_collect(env: dict[str, str], *args: str) -> tuple[int, str]:
    code, _, err = await kiosk_command(env, "collect", *args)
    return code, err


class _Lookups:
    """How many GetSingleBooking requests Connect answered: each passes a do-nothing
    fault rule once (the simulator's own count, not a mock's)."""

    HITS = 1000

    def __init__(self, sim: SimCluster) -> None:
        [self._rule] = sim.world.faults.add(
            [f"connect.GetSingleBooking=latency:0:times:{self.HITS}"]
        )

    @property
    def count(self) -> int:
        assert self._rule.times is not None
        return self.HITS - self._rule.times


@pytest.mark.e2e
async def test_one_process_per_wrong_code_still_locks_the_keypad(
    sim: SimCluster, tmp_path: Path
) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    env = {
        **env_for(config),
        "KIOSK_PICKUP_MAX_FAILURES": "3",
        "KIOSK_PICKUP_LOCK_S": "600",
        "KIOSK_PICKUP_DELAY_S": "0",  # the lock, not the wait before it, is what is tried
    }
    lookups = _Lookups(sim)
    for tries in (1, 2):
        code, err = await _kiosk_collect(env, WRONG)
        assert code == 1 and "not correct" in err, err
        assert lookups.count == tries
    code, err = await _kiosk_collect(env, WRONG)  # the third locks, and says so at once
    assert code == 1 and "Too many wrong codes" in err, err
    for typed in (WRONG, WRONG, RIGHT):  # even the right code waits for the lock
        code, err = await _kiosk_collect(env, typed)
        assert code == 1 and "Too many wrong codes" in err and "try again in" in err, err
    assert lookups.count == 3  # nothing was looked up while locked
    booking = next(b for b in sim.world.store.bookings.values() if b.booking_id == RIGHT)
    assert booking.print_state != "printed"


@pytest.mark.e2e
async def test_a_proven_code_between_processes_starts_the_count_again(
    sim: SimCluster, tmp_path: Path
) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    env = {
        **env_for(config),
        "KIOSK_PICKUP_MAX_FAILURES": "2",
        "KIOSK_PICKUP_LOCK_S": "600",
        "KIOSK_PICKUP_DELAY_S": "0",
    }
    assert (await _kiosk_collect(env, WRONG))[0] == 1
    code, err = await _kiosk_collect(env, RIGHT)
    assert code == 0, err
    code, err = await _kiosk_collect(env, WRONG)
    assert code == 1 and "not correct" in err and "Too many" not in err, err


@pytest.mark.e2e
async def test_the_wait_after_a_wrong_code_holds_the_next_process(
    sim: SimCluster, tmp_path: Path
) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    env = {**env_for(config), "KIOSK_PICKUP_DELAY_S": "300"}
    lookups = _Lookups(sim)
    code, err = await _kiosk_collect(env, WRONG)
    assert code == 1 and "not correct" in err, err
    code, err = await _kiosk_collect(env, RIGHT)  # a script's next guess, at once
    assert code == 1 and "Please wait" in err and "before trying again" in err, err
    assert "Traceback" not in err
    assert lookups.count == 1  # nothing was looked up during the wait
    booking = next(b for b in sim.world.store.bookings.values() if b.booking_id == RIGHT)
    assert booking.print_state != "printed"


WINDOW_S = 8.0


@pytest.mark.e2e
async def test_the_kiosk_wide_limit_and_its_window_hold_for_the_terminal(
    sim: SimCluster, tmp_path: Path
) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    env = {
        **env_for(config),
        "KIOSK_PICKUP_DELAY_S": "0",
        "KIOSK_PICKUP_KIOSK_MAX_FAILURES": "2",
        # long enough for three processes to start on a loaded machine, short for a test
        "KIOSK_PICKUP_KIOSK_WINDOW_S": str(WINDOW_S),
    }
    lookups = _Lookups(sim)
    code, err = await _kiosk_collect(env, WRONG)
    assert code == 1 and "not correct" in err, err
    code, err = await _kiosk_collect(env, WRONG)  # the second fills the kiosk's limit
    assert code == 1 and "Collecting by code is paused on this kiosk" in err, err
    filled = time.monotonic()
    code, err = await _kiosk_collect(env, RIGHT)
    assert code == 1 and "Collecting by code is paused on this kiosk" in err, err
    assert lookups.count == 2
    await asyncio.sleep(max(0.0, WINDOW_S + 0.5 - (time.monotonic() - filled)))
    code, err = await _kiosk_collect(env, RIGHT)  # the window has passed: codes are taken
    assert code == 0, err
    assert lookups.count == 3


@pytest.mark.e2e
@pytest.mark.parametrize("number", ["-1", "0", "-0", "+1", "１２a", "", " ", "1" * 17])
async def test_a_non_positive_or_non_digit_number_is_refused_before_any_lookup(
    sim: SimCluster, tmp_path: Path, number: str
) -> None:
    config = settings_for(sim.info(), tmp_path / "kiosk")
    lookups = _Lookups(sim)
    code, err = await _kiosk_collect(env_for(config), RIGHT, "--number", number)
    assert code == 1 and "A booking number is 1 to 16 digits" in err, err
    assert "Traceback" not in err
    assert lookups.count == 0


class _Wall:
    """The journal's wall clock, moved by the test."""

    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


async def _reopened(
    path: Path, wall: _Wall, max_failures: int = 3, lock_s: float = 60.0
) -> tuple[AsyncJournal, KeypadGuard]:
    journal = await AsyncJournal.open(path, clock=wall)
    guard = await KeypadGuard.from_journal(
        journal, max_failures, lock_s, clock=FakeMonotonic(), now=wall
    )
    return journal, guard


async def test_a_restart_keeps_the_count_and_the_lock_until_it_runs_out(tmp_path: Path) -> None:
    path, wall = tmp_path / "journal.sqlite3", _Wall()
    journal, guard = await _reopened(path, wall)
    guard.failed()
    guard.failed()
    await guard.flush()
    await journal.close()

    journal, guard = await _reopened(path, wall)
    assert guard.failures == 2
    with pytest.raises(KeypadWait) as waiting:  # the wait after the second, 2 x 2 s
        guard.check()
    assert waiting.value.seconds_left == pytest.approx(4.0)
    await journal.close()

    wall.now += dt.timedelta(seconds=4)
    journal, guard = await _reopened(path, wall)
    guard.check()
    guard.failed()  # the third, counted across the restart, locks
    await guard.flush()
    await journal.close()

    wall.now += dt.timedelta(seconds=20)
    journal, guard = await _reopened(path, wall)
    with pytest.raises(KeypadLocked) as caught:
        guard.check()
    assert caught.value.seconds_left == pytest.approx(40.0)
    entries = await journal.audit_log(None)
    assert [(e.actor, e.action, e.reason, e.details) for e in entries][::-1] == [
        ("patron", "pickup_code", "wrong code", {"failures": 1}),
        ("patron", "pickup_code", "wrong code", {"failures": 2}),
        ("patron", "pickup_code", "keypad locked", {"failures": 3}),
    ]
    await journal.close()

    wall.now += dt.timedelta(seconds=41)
    journal, guard = await _reopened(path, wall)
    guard.check()
    assert guard.failures == 0
    guard.failed()
    guard.succeeded()  # a proven code ends the run, and the journal says so
    await guard.flush()
    await journal.close()

    journal, guard = await _reopened(path, wall)
    assert guard.failures == 0
    await journal.close()


async def test_a_lowered_setting_locks_a_run_already_that_long(tmp_path: Path) -> None:
    path, wall = tmp_path / "journal.sqlite3", _Wall()
    journal, guard = await _reopened(path, wall, max_failures=5)
    for _ in range(3):
        guard.failed()
    await guard.flush()
    await journal.close()
    journal, guard = await _reopened(path, wall, max_failures=3)
    with pytest.raises(KeypadLocked):
        guard.check()
    await journal.close()
