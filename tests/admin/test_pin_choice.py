"""``kiosk admin-pin`` refuses PINs a stranger would try first, and PINs the pad cannot type."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.admin.pin import verify_pin

pytestmark = pytest.mark.e2e


def _admin_pin(pin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "admin-pin", "--stdin"],
        input=f"{pin}\n",
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("0000", "one digit repeated"),
        ("999999", "one digit repeated"),
        ("1234", "a run of digits"),
        ("4321", "a run of digits"),
        ("0123", "a run of digits"),
        ("7890", "a run of digits"),
        ("123456789012", "a run of digits"),
        ("1212", "a repeated pattern"),
        ("123123", "a repeated pattern"),
        ("2580", "one of the most common PINs"),
        ("6969", "a repeated pattern"),
    ],
)
def test_an_easily_guessed_pin_is_refused_with_the_reason(pin: str, why: str) -> None:
    done = _admin_pin(pin)
    assert done.returncode == 1 and done.stdout == ""
    reason = f"that PIN is too easy to guess ({why}); choose another"
    assert done.stderr == f"kiosk admin-pin: {reason}\n"


@pytest.mark.parametrize("pin", ["123", "12ab", "1" * 13 + "2", "²³⁴⁵", "١٢٣٧٩", ""])
def test_a_pin_the_pad_cannot_type_is_refused(pin: str) -> None:
    done = _admin_pin(pin)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "kiosk admin-pin: a PIN is 4 to 12 digits (0-9)\n"
    assert "Traceback" not in done.stderr


def test_a_pin_with_no_obvious_pattern_is_hashed() -> None:
    done = _admin_pin("975310")
    assert done.returncode == 0, done.stderr
    assert verify_pin("975310", done.stdout.split('"')[1])
