"""Freed memory is handed back to the system when a transaction ends (glibc's
``malloc_trim`` on a thread of its own): never for a transaction still under way, one
at a time however many end together, at most once an interval and not in a process's
first, and wired into every command's services."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest

from kiosk.journal.models import Transaction
from kiosk.memory_return import FreedMemoryReturn, glibc_trim
from kiosk.services import open_services
from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_collect import settings_for

T0 = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _txn(terminal: bool) -> Transaction:
    state = "COLLECTED" if terminal else "PRINTING"
    return Transaction("t1", "collect", state, terminal, T0, T0, {})


def _until(check: object, timeout_s: float = 5.0) -> None:
    assert callable(check)
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_a_transaction_that_ends_trims_once_and_one_under_way_never() -> None:
    calls: list[str] = []
    returner = FreedMemoryReturn(
        lambda: calls.append(threading.current_thread().name), start_delay_s=0, interval_s=0
    )
    try:
        returner.transaction_changed(_txn(terminal=False))
        returner.ticket_printed(object())  # type: ignore[arg-type]
        time.sleep(0.05)
        assert calls == []
        returner.transaction_changed(_txn(terminal=True))
        _until(lambda: returner.trims == 1)
        assert calls[0].startswith("memory-return")  # never on the caller's thread
    finally:
        returner.close()
    assert calls == calls[:1]


def test_endings_while_a_trim_is_pending_ask_for_no_more_than_one_more() -> None:
    running, release = threading.Event(), threading.Event()

    def slow_trim() -> None:
        running.set()
        release.wait(5)

    returner = FreedMemoryReturn(slow_trim, start_delay_s=0, interval_s=0)
    try:
        returner.transaction_changed(_txn(terminal=True))
        assert running.wait(5)
        for _ in range(50):  # a burst ends while the first trim runs
            returner.transaction_changed(_txn(terminal=True))
        release.set()
        _until(lambda: returner.trims == 2)
        time.sleep(0.05)
    finally:
        returner.close()
    assert returner.trims == 2  # the running one, and one for the whole burst


def test_a_failing_trim_is_logged_and_the_next_ending_trims_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    attempts: list[int] = []

    def broken() -> None:
        attempts.append(1)
        raise OSError("no")

    returner = FreedMemoryReturn(broken, start_delay_s=0, interval_s=0)
    try:
        returner.transaction_changed(_txn(terminal=True))
        _until(lambda: len(attempts) == 1)
        _until(lambda: not returner._pending.is_set())
        returner.transaction_changed(_txn(terminal=True))
        _until(lambda: len(attempts) == 2)
    finally:
        returner.close()
    assert returner.trims == 0
    assert "returning freed memory to the system failed" in caplog.text


def test_a_trim_waits_a_minute_from_the_start_and_its_interval_from_the_last() -> None:
    now = [100.0]
    calls: list[float] = []
    returner = FreedMemoryReturn(lambda: calls.append(now[0]), interval_s=1.0, clock=lambda: now[0])
    try:
        returner.transaction_changed(_txn(terminal=True))  # the process's first minute
        now[0] = 159.0
        returner.transaction_changed(_txn(terminal=True))
        time.sleep(0.05)
        assert returner.trims == 0
        now[0] = 160.0
        returner.transaction_changed(_txn(terminal=True))
        _until(lambda: returner.trims == 1)
        now[0] = 160.9
        returner.transaction_changed(_txn(terminal=True))
        time.sleep(0.05)
        assert returner.trims == 1
        now[0] = 161.0
        returner.transaction_changed(_txn(terminal=True))
        _until(lambda: returner.trims == 2)
    finally:
        returner.close()
    assert calls == [160.0, 161.0]


def test_after_the_first_minute_every_ending_trims() -> None:
    now = [100.0]
    returner = FreedMemoryReturn(lambda: None, clock=lambda: now[0])
    try:
        returner.transaction_changed(_txn(terminal=True))
        time.sleep(0.05)
        assert returner.trims == 0  # TRIM_START_DELAY_S: a short command never trims
        now[0] = 160.0
        for expected in (1, 2, 3):  # no interval between them (TRIM_INTERVAL_S)
            returner.transaction_changed(_txn(terminal=True))
            _until(lambda: returner.trims == expected)  # noqa: B023
    finally:
        returner.close()


def test_this_machine_s_glibc_trims() -> None:
    trim = glibc_trim()
    assert trim is not None  # Debian: glibc
    assert trim() in (0, 1)  # malloc_trim: 1 if memory was released, else 0


async def test_every_command_s_services_trim_when_a_collect_ends(
    sim: SimCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.memory_return.TRIM_START_DELAY_S", 0.0)
    settings = settings_for(sim.info(), tmp_path / "kiosk")
    booking = next(b for b in sim.world.store.bookings.values() if b.online and len(b.tickets) == 2)
    async with open_services(settings) as services:
        returner = services._memory_return
        assert returner is not None
        assert returner in services.journal.observers
        result = await services.collect.print_tickets(
            await services.collect.lookup(booking.booking_id)
        )
        assert result.complete
        _until(lambda: returner.trims >= 1)
