"""Admin PIN hashing and lockout."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.admin.pin import (
    PinFormatError,
    PinGuard,
    hash_pin,
    parse_pin_hashes,
    staff_pin_entry,
    verify_pin,
)
from kiosk.settings import SettingsError, load_settings


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


@pytest.mark.e2e
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


def test_each_member_of_staff_signs_in_with_their_own_pin() -> None:
    setting = ",".join(
        [staff_pin_entry("li.wei", "111111"), staff_pin_entry("zhang_min", "222222")]
    )
    guard = PinGuard(f" {setting} , {hash_pin('999999')}")  # plus a shared PIN
    assert guard.attempt("222222").actor == "zhang_min"
    assert guard.attempt("111111").actor == "li.wei"
    assert guard.attempt("999999").actor == "staff"
    wrong = guard.attempt("333333")
    assert not wrong.accepted and wrong.actor == ""


def test_a_broken_pin_setting_is_named_by_entry_never_by_its_text() -> None:
    good = staff_pin_entry("li.wei", "111111")
    for broken, problem in (
        (f"{good},123456", "entry 2 (staff): not a scrypt hash"),
        (f"{good},{good}", "li.wei appears twice"),
        (f"bad name:{hash_pin('123456')}", "entry 1: not a usable staff name"),
    ):
        with pytest.raises(PinFormatError) as caught:
            parse_pin_hashes(broken)
        assert problem in str(caught.value)
        assert "123456" not in str(caught.value)
    with pytest.raises(PinFormatError):
        staff_pin_entry("staff", "123456")  # the shared PIN's name is reserved


def test_settings_refuse_a_broken_pin_setting_before_anything_starts() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(environ={"KIOSK_ADMIN_PIN_HASH": "li.wei:654321"})
    assert "admin_pin_hash" in str(caught.value) and "654321" not in str(caught.value)


@pytest.mark.e2e
def test_cli_prints_a_named_entry() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "admin-pin", "--stdin", "--name", "li.wei"],
        input="975310\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entry = out.splitlines()[0].split('"')[1]
    assert parse_pin_hashes(entry)[0][0] == "li.wei"
    assert PinGuard(entry).attempt("975310").actor == "li.wei"


def test_each_staff_hash_is_redacted_on_its_own_too() -> None:
    entries = [staff_pin_entry("li.wei", "111111"), staff_pin_entry("zhang", "222222")]
    settings = load_settings(environ={"KIOSK_ADMIN_PIN_HASH": ",".join(entries)})
    hashes = [entry.split(":", 1)[1] for entry in entries]
    assert set(hashes) <= set(settings.secrets())
