"""Fault rule grammar (docs/simulators.md) and how the book picks a rule."""

from __future__ import annotations

import asyncio
import time

import pytest

from kiosk.sim.faults import Fault, FaultBook, FaultRuleError, parse_rule


def test_parse_kinds_and_times() -> None:
    rule = parse_rule("connect.CompleteOrder=drop_response:times:1")
    assert (rule.service, rule.operation, rule.kind, rule.arg, rule.times) == (
        "connect",
        "CompleteOrder",
        "drop_response",
        None,
        1,
    )
    assert parse_rule("connect.Cinemas=latency:250").arg == 250
    assert parse_rule("connect.AddTickets=code:8").arg == 8
    assert parse_rule("*.*=hang").matches("printer", "print")


@pytest.mark.parametrize(
    "text",
    [
        "connect.Cinemas",
        "nosuch.Cinemas=hang",
        "connect.NoSuchOp=hang",
        "connect.Cinemas=explode",
        "connect.Cinemas=latency",
        "connect.Cinemas=latency:x",
        "connect.Cinemas=latency:-1",
        "connect.Cinemas=hang:3",
        "connect.Cinemas=hang:times:0",
        "connect.Cinemas=paper_near_end",
        "sarft.auth=http500",
    ],
)
def test_bad_rules_are_refused(text: str) -> None:
    with pytest.raises(FaultRuleError):
        parse_rule(text)


def test_later_rule_wins_and_times_runs_out() -> None:
    book = FaultBook()
    book.add(["connect.*=latency:5", "connect.CompleteOrder=code:1:times:2"])
    assert book.take("connect", "CompleteOrder") == Fault("code", 1)
    assert book.take("connect", "CompleteOrder") == Fault("code", 1)
    assert book.take("connect", "CompleteOrder") == Fault("latency", 5)
    assert book.take("sarft", "auth") is None


def test_a_bad_rule_adds_none() -> None:
    book = FaultBook()
    with pytest.raises(FaultRuleError):
        book.add(["connect.Cinemas=hang", "connect.Cinemas=bogus"])
    assert book.rules == []


async def test_latency_delays_by_its_milliseconds() -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    await Fault("latency", 60).delay()
    # the loop may wake a timer up to its clock resolution early
    assert loop.time() - started >= 0.060 - time.get_clock_info("monotonic").resolution


def test_other_kinds_return_without_waiting() -> None:
    """A fault that is not a delay finishes at its first step, never suspending."""
    for fault in (Fault("code", 4), Fault("latency", 0), Fault("drop_response")):
        with pytest.raises(StopIteration):
            fault.delay().send(None)


async def test_hang_never_returns() -> None:
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(Fault("hang").delay(), timeout=0.05)
