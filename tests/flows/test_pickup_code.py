"""The pickup code as typed: normalisation, local validation, the keypad lock, and
proof that nothing malformed ever reaches Connect or SARFT."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk.flows.pickup_code import (
    KeypadGuard,
    KeypadLocked,
    KeypadWait,
    MalformedCode,
    MalformedNumber,
    normalise_code,
    normalise_number,
)
from kiosk.words import words
from tests.flows.helpers_collect import FakeMonotonic, Kit

pytest_plugins = ["tests.helpers.collect_fixtures"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("WQNX8JL", "WQNX8JL"),
        ("wqnx8jl", "WQNX8JL"),
        ("  WQN X8J L\r\n", "WQNX8JL"),
        ("WQN-X8J-L", "WQNX8JL"),
        ("ＷＱＮＸ８ＪＬ", "WQNX8JL"),  # full-width, as a Chinese IME types it
        ("ｗｑｎ　ｘ８ｊｌ", "WQNX8JL"),  # with an ideographic space
        ("WQN·X8J.L", "WQNX8JL"),
    ],
)
def test_codes_are_normalised(typed: str, code: str) -> None:
    assert normalise_code(typed) == code


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "WQN", "WQNX8JL!", "WQNX8JLWQNX8JLWQN", "WQNX8JÉ", "取票码取票码", "WQ'X8JL"],
)
def test_malformed_codes_are_refused_with_a_message(typed: str) -> None:
    with pytest.raises(MalformedCode) as caught:
        normalise_code(typed)
    assert "5" in words(caught.value, "zh")
    assert "letters or digits" in words(caught.value, "en")


def test_booking_numbers() -> None:
    assert normalise_number(" １１１ ９７２ ") == 111972
    assert normalise_number(111972) == 111972
    assert normalise_number("111-972") == 111972  # a dash between digits separates them
    # ... but one in front is a sign: '-1' is not booking 1
    for bad in ("", "0", "12a", "1" * 17, -5, "-1", " -111972", "+1", "－１", "−1"):
        with pytest.raises(MalformedNumber):
            normalise_number(bad)


def test_the_guard_locks_after_the_setting_and_opens_after_the_lock() -> None:
    clock = FakeMonotonic()
    guard = KeypadGuard(max_failures=3, lock_s=30.0, clock=clock)
    for _ in range(2):
        guard.failed()
        clock.now += guard.wait_left()
        guard.check()
    guard.failed()
    with pytest.raises(KeypadLocked) as caught:
        guard.check()
    assert caught.value.seconds_left == 30.0 and "30" in words(caught.value, "zh")
    assert not isinstance(caught.value, KeypadWait)
    clock.now += 30.0
    guard.check()
    assert guard.failures == 0


_VALID = re.compile(r"^[A-Z0-9]{5,16}$")


def _would_pass(text: str) -> bool:
    try:
        normalise_code(text)
    except MalformedCode:
        return False
    return True


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    typed=st.one_of(
        st.text(max_size=40),
        st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", max_size=4),
        st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=17, max_size=30),
        st.text(alphabet="ABC123 -_!@#$%^&*()中文ＡＢ", min_size=5, max_size=20),
    )
)
async def test_malformed_codes_never_reach_the_network(kit: Kit, typed: str) -> None:
    assume(not _would_pass(typed))
    with pytest.raises(MalformedCode):
        await kit.flow.lookup(typed)
    # the real clients sit behind these recorders: neither was asked for anything
    assert kit.connect.calls == []
    assert kit.sarft_sessions == []
    assert kit.flow.guard.failures == 0  # malformed input probes nothing, so never locks


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(number=st.text(max_size=20))
async def test_a_malformed_booking_number_never_reaches_the_network(kit: Kit, number: str) -> None:
    try:
        normalise_number(number)
        assume(False)
    except MalformedNumber:
        pass
    assume(number.strip() != "")  # a blank number field means "no number typed"
    with pytest.raises(MalformedNumber):
        await kit.flow.lookup("WQNX8JL", number)
    assert kit.connect.calls == [] and kit.sarft_sessions == []


def test_a_valid_code_is_exactly_letters_and_digits() -> None:
    assert all(_VALID.match(normalise_code(c)) for c in ("abcde", "1234567890123456"))
