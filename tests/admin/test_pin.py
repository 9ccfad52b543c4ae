"""Admin PIN hashing and lockout."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.admin.pin import PinFormatError, PinGuard, hash_pin, verify_pin


def test_hash_is_salted_and_verifies() -> None:
    first, second = hash_pin("246810"), hash_pin("246810")
    assert first != second  # salted
    assert first.startswith("scrypt$") and "246810" not in first
    assert verify_pin("246810", first) and verify_pin("246810", second)
    assert not verify_pin("246811", first)


def test_bad_pins_and_hashes_are_refused() -> None:
    with pytest.raises(PinFormatError):
        hash_pin("12")
    with pytest.raises(PinFormatError):
        hash_pin("12ab56")
    with pytest.raises(PinFormatError):
        verify_pin("1234", "md5$abc")


def test_five_wrong_pins_lock_for_five_minutes() -> None:
    now = [1000.0]
    guard = PinGuard(hash_pin("4321"), clock=lambda: now[0])
    for expected_failures in range(1, 5):
        result = guard.attempt("0000")
        assert not result.accepted and result.failures == expected_failures
        assert result.locked_for_s == 0
    fifth = guard.attempt("0000")
    assert not fifth.accepted and fifth.locked_for_s == 300
    # even the right PIN is refused while locked
    now[0] += 299
    assert not guard.attempt("4321").accepted
    now[0] += 2
    assert guard.attempt("4321").accepted


def test_no_configured_pin_never_opens() -> None:
    guard = PinGuard("")
    assert not guard.configured
    assert not guard.attempt("").accepted


def test_cli_prints_a_setting_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "admin-pin", "--stdin"],
        input="975310\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith('admin_pin_hash = "scrypt$')
    assert verify_pin("975310", out.split('"')[1])
