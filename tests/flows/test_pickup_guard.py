"""The pickup keypad slows a guesser and locks out a guesser, not the queue: a growing
wait after each wrong code, a pause after too many, nothing of it left for the next
patron, and a kiosk-wide limit (any patron) that stops guessing by starting over and
tells staff. Look-alike characters (O/0, I/1) are tried before a code is called wrong.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path

import pytest

from kiosk.flows.collect_errors import WrongCode
from kiosk.flows.pickup_code import (
    DELAY_S,
    KIOSK_LIMIT,
    KIOSK_MAX_FAILURES,
    KIOSK_WINDOW_S,
    VISIT_ENDED,
    KeypadGuard,
    KeypadLocked,
    KeypadWait,
    look_alikes,
)
from kiosk.journal import AsyncJournal
from kiosk.settings import Settings
from kiosk.words import words
from tests.flows.helpers_collect import FakeMonotonic, Kit

pytest_plugins = ["tests.helpers.collect_fixtures"]


def _guard(**changes: object) -> tuple[KeypadGuard, FakeMonotonic]:
    clock = FakeMonotonic()
    return dataclasses.replace(KeypadGuard(clock=clock), **changes), clock  # type: ignore[arg-type]


def test_each_wrong_code_makes_the_next_wait_longer_and_the_fifth_pauses() -> None:
    guard, clock = _guard()
    waits = []
    for tries_left in (4, 3, 2, 1):
        guard.failed()
        assert guard.tries_left == tries_left
        waits.append(guard.wait_left())
        with pytest.raises(KeypadWait) as waiting:  # even the right code waits
            guard.check()
        assert waiting.value.seconds_left == pytest.approx(waits[-1])
        clock.now += waits[-1] - 0.5
        with pytest.raises(KeypadWait):
            guard.check()
        clock.now += 0.5
        guard.check()
    assert waits == [2.0, 4.0, 8.0, 16.0]
    guard.failed()
    with pytest.raises(KeypadLocked) as locked:
        guard.check()
    assert not isinstance(locked.value, KeypadWait) and not locked.value.kiosk_wide
    assert locked.value.seconds_left == pytest.approx(60.0)


def test_start_over_leaves_nothing_for_the_next_patron() -> None:
    guard, clock = _guard()
    for _ in range(5):
        guard.failed()
        clock.now += guard.wait_left() if guard.failures < 5 else 0
    with pytest.raises(KeypadLocked):
        guard.check()
    guard.new_visit()  # 重新开始, or the idle timeout
    guard.check()  # the next patron's code is taken at once
    assert guard.failures == 0 and guard.tries_left == 5 and guard.wait_left() == 0


def test_starting_over_between_guesses_meets_the_kiosk_wide_limit(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A guesser who starts over after every four wrong codes is stopped at 30 in ten
    minutes, whoever they are; staff are told once."""
    caplog.set_level(logging.ERROR, "kiosk.flows.pickup_code")
    alarms: list[tuple[int, float]] = []
    guard, clock = _guard(alarm=lambda n, window: alarms.append((n, window)))
    for wrong in range(1, KIOSK_MAX_FAILURES + 1):
        guard.failed()
        clock.now += 5.0
        if wrong % 4 == 0:
            guard.new_visit()
        if wrong < KIOSK_MAX_FAILURES:
            clock.now += guard.wait_left()
            guard.check()
    with pytest.raises(KeypadLocked) as locked:
        guard.check()
    assert locked.value.kiosk_wide and "服务台" in words(locked.value, "zh")
    guard.new_visit()
    with pytest.raises(KeypadLocked):  # starting over does not lift it
        guard.check()
    assert alarms == [(KIOSK_MAX_FAILURES, KIOSK_WINDOW_S)]
    assert "guessing" in caplog.text
    # it lifts as the oldest wrong codes leave the window
    clock.now += locked.value.seconds_left
    guard.check()
    guard.failed()  # one more fills it again: no second alarm for the same episode
    with pytest.raises(KeypadLocked):
        guard.check()
    assert len(alarms) == 1


async def test_a_restart_keeps_the_kiosk_wide_count_and_a_new_patron_stays_new(
    tmp_path: Path,
) -> None:
    wall = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
    path = tmp_path / "journal.sqlite3"

    async def reopened() -> tuple[AsyncJournal, KeypadGuard]:
        journal = await AsyncJournal.open(path, clock=lambda: wall)
        guard = await KeypadGuard.from_journal(
            journal, 5, 60.0, clock=FakeMonotonic(), now=lambda: wall, kiosk_max_failures=6
        )
        return journal, guard

    journal, guard = await reopened()
    for _ in range(4):
        guard.failed()
    guard.new_visit()
    await guard.flush()
    await journal.close()

    wall += dt.timedelta(seconds=30)
    journal, guard = await reopened()
    assert guard.failures == 0  # the patron who left is not the next one
    guard.check()
    guard.failed()
    guard.failed()  # six on this kiosk in the window: the limit holds, and says so
    await guard.flush()
    await journal.close()

    journal, guard = await reopened()
    with pytest.raises(KeypadLocked) as locked:
        guard.check()
    assert locked.value.kiosk_wide
    reasons = [e.reason for e in await journal.audit_log(None)]
    assert VISIT_ENDED in reasons and KIOSK_LIMIT in reasons
    assert all("ZZ" not in str(e.details) for e in await journal.audit_log(None))
    await journal.close()


def test_the_settings_defaults_are_the_guards() -> None:
    defaults = Settings()
    assert defaults.pickup_delay_s == DELAY_S
    assert defaults.pickup_kiosk_max_failures == KIOSK_MAX_FAILURES
    assert defaults.pickup_kiosk_window_s == KIOSK_WINDOW_S


def test_look_alikes_swap_o_0_and_i_1_fewest_first_and_at_most_eight() -> None:
    assert look_alikes("WQNX8JL") == []
    readings = look_alikes("W7T8O1I")
    assert "W7T801I" in readings[:3]  # one swap: the demo's own mix-up
    assert readings[:3] == ["W7T801I", "W7T8OII", "W7T8O11"]
    assert len(look_alikes("O0I1O0I1")) == 8
    assert "W7T8O1I" not in readings


def _rekey(kit: Kit, booking_id: str) -> str:
    """An unprinted online booking given ``booking_id`` (VISTA's codes mix 0/O, 1/I)."""
    booking = kit.booking(2)
    store = kit.sim.world.store
    del store.bookings[booking.booking_id]
    booking.booking_id = booking_id
    store.bookings[booking_id] = booking
    return booking_id


async def test_a_look_alike_of_a_real_code_finds_it_without_counting_a_wrong_code(
    kit: Kit,
) -> None:
    _rekey(kit, "W7T801I")
    preview = await kit.flow.lookup("W7T8O1I")  # read off a phone with the letter O
    assert preview.booking_id == "W7T801I" and preview.ticket_count == 2
    assert kit.flow.guard.failures == 0
    assert kit.connect.calls[0]["booking_id"] == "W7T8O1I"  # as typed, first


async def test_look_alikes_that_are_all_wrong_count_once(kit: Kit) -> None:
    with pytest.raises(WrongCode) as wrong:
        await kit.flow.lookup("ZO1ZI0Z")  # four ambiguous characters: 15 readings
    assert kit.flow.guard.failures == 1 and wrong.value.tries_left == 4
    assert len(kit.connect.calls) == 1 + 8  # the code, then at most eight look-alikes
