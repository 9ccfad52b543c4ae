"""The admin PIN lockout is read back from the audit log, so a restart keeps it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.admin.login_audit import ADMIN_LOGIN, ADMIN_TARGET, audit_details, audit_reason
from kiosk.admin.pin import SHARED_PIN_ACTOR, PinAttempt, PinGuard, hash_pin
from kiosk.journal import AsyncJournal

PIN = "975310"
PIN_HASH = hash_pin(PIN)  # once: scrypt is deliberately slow
WRONG = "864201"


class _Wall:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


class _Kiosk:
    """One run of the kiosk over the journal at ``path``: its own guard and monotonic
    clock (which starts afresh, as it does after a reboot), the wall clock shared."""

    def __init__(self, journal: AsyncJournal, wall: _Wall) -> None:
        self.journal, self.wall, self.monotonic = journal, wall, 50.0
        self.guard = PinGuard(PIN_HASH, clock=lambda: self.monotonic)

    @classmethod
    async def start(cls, path: Path, wall: _Wall) -> _Kiosk:
        return cls(await AsyncJournal.open(path, clock=wall), wall)

    async def sign_in(self, pin: str) -> PinAttempt:
        """What the PIN pad does with a submitted PIN (kiosk/ui/admin/pin_dialog.py)."""
        await self.guard.restore(self.journal, now=self.wall)
        attempt = self.guard.attempt(pin)
        await self.journal.audit(
            attempt.actor or SHARED_PIN_ACTOR,
            ADMIN_LOGIN,
            ADMIN_TARGET,
            audit_reason(attempt),
            audit_details(attempt),
        )
        return attempt

    def wait(self, seconds: float) -> None:
        self.monotonic += seconds
        self.wall.now += dt.timedelta(seconds=seconds)


async def test_a_lock_survives_a_restart_and_ends_on_time(tmp_path: Path) -> None:
    path, wall = tmp_path / "journal.sqlite3", _Wall()
    kiosk = await _Kiosk.start(path, wall)
    for _ in range(5):
        last = await kiosk.sign_in(WRONG)
    assert last.locked_for_s == 300
    await kiosk.journal.close()

    kiosk.wait(100)
    kiosk = await _Kiosk.start(path, wall)
    refused = await kiosk.sign_in(PIN)  # even the right PIN waits for the lock
    assert not refused.accepted and refused.locked_for_s == 200
    await kiosk.journal.close()

    kiosk.wait(120)
    kiosk = await _Kiosk.start(path, wall)  # a second restart, mid-lock
    assert not (await kiosk.sign_in(PIN)).accepted
    kiosk.wait(81)
    assert (await kiosk.sign_in(PIN)).accepted
    await kiosk.journal.close()


async def test_a_run_of_wrong_pins_is_counted_across_a_restart(tmp_path: Path) -> None:
    path, wall = tmp_path / "journal.sqlite3", _Wall()
    kiosk = await _Kiosk.start(path, wall)
    for _ in range(3):
        await kiosk.sign_in(WRONG)
    await kiosk.journal.close()

    kiosk = await _Kiosk.start(path, wall)
    fourth = await kiosk.sign_in(WRONG)
    assert fourth.failures == 4 and fourth.locked_for_s == 0
    await kiosk.journal.close()

    kiosk = await _Kiosk.start(path, wall)
    fifth = await kiosk.sign_in(WRONG)
    assert fifth.locked_for_s == 300  # five in a row, over three runs of the kiosk
    await kiosk.journal.close()


async def test_the_right_pin_ends_the_run_and_an_expired_lock_counts_afresh(
    tmp_path: Path,
) -> None:
    path, wall = tmp_path / "journal.sqlite3", _Wall()
    kiosk = await _Kiosk.start(path, wall)
    for _ in range(4):
        await kiosk.sign_in(WRONG)
    assert (await kiosk.sign_in(PIN)).accepted
    await kiosk.sign_in(WRONG)
    await kiosk.journal.close()
    kiosk = await _Kiosk.start(path, wall)
    assert (await kiosk.sign_in(WRONG)).failures == 2  # not 6: the right PIN came between

    for _ in range(3):
        await kiosk.sign_in(WRONG)  # the fifth locks
    kiosk.wait(301)
    await kiosk.sign_in(WRONG)
    await kiosk.journal.close()
    kiosk = await _Kiosk.start(path, wall)
    again = await kiosk.sign_in(WRONG)
    assert again.failures == 2 and again.locked_for_s == 0
    await kiosk.journal.close()
