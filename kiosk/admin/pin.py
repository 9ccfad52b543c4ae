"""Admin PINs: salted scrypt hashes in the settings, constant-time checks, lockout.

The PIN itself is never stored or logged; the ``admin_pin_hash`` setting holds
``scrypt$N$r$p$salt$hash`` (base64) made by ``kiosk admin-pin``. Each member of
staff may have their own PIN, so the audit log names who reprinted a ticket: the
setting is then a comma-separated list of ``name:hash`` entries (``kiosk
admin-pin --name li.wei``). A hash without a name is the shared PIN, audited as
``staff``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.admin.login_audit import FAILURES_REMEMBERED_FOR, lockout_from_audit
from kiosk.journal import AsyncJournal
from kiosk.journal.store import utcnow

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12  # what the PIN pad's field takes: a longer PIN could never be typed
SHARED_PIN_ACTOR = "staff"
_STAFF_NAME = re.compile(r"^[\w.\-]{1,32}$")


class PinFormatError(ValueError):
    """A PIN or stored hash is not usable."""


def check_pin_format(pin: str) -> None:
    """Raise PinFormatError unless ``pin`` is something the PIN pad can type."""
    # ASCII only: str.isdigit() also passes '²' and '١', which the pad has no key for
    if not (pin.isascii() and pin.isdigit()) or not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise PinFormatError(f"a PIN is {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits (0-9)")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    check_pin_format(pin)
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(hash_b64)
        digest = hashlib.scrypt(
            pin.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except ValueError:
        raise PinFormatError("the admin_pin_hash setting is not a scrypt hash") from None
    return hmac.compare_digest(digest, expected)


def staff_pin_entry(name: str, pin: str) -> str:
    """One ``name:hash`` entry of the setting (the name is checked, never the PIN logged)."""
    if not _STAFF_NAME.match(name) or name == SHARED_PIN_ACTOR:
        raise PinFormatError(
            "a staff name is 1-32 letters, digits, '.', '-' or '_' (and not 'staff')"
        )
    return f"{name}:{hash_pin(pin)}"


def parse_pin_hashes(setting: str) -> list[tuple[str, str]]:
    """The setting's ``(actor, hash)`` pairs. Raises PinFormatError naming the entry by
    its position and name only: an entry may be a pasted PIN by mistake."""
    entries: list[tuple[str, str]] = []
    for position, raw in enumerate(setting.split(","), start=1):
        entry = raw.strip()
        if not entry:
            continue
        name, _, stored = entry.rpartition(":")
        name = name.strip() or SHARED_PIN_ACTOR
        if name != SHARED_PIN_ACTOR and not _STAFF_NAME.match(name):
            raise PinFormatError(f"admin_pin_hash entry {position}: not a usable staff name")
        if not stored.startswith("scrypt$") or stored.count("$") != 5:
            raise PinFormatError(f"admin_pin_hash entry {position} ({name}): not a scrypt hash")
        if any(name == known for known, _ in entries):
            raise PinFormatError(f"admin_pin_hash: {name} appears twice")
        entries.append((name, stored.strip()))
    return entries


@dataclass
class PinAttempt:
    accepted: bool
    locked_for_s: float  # > 0 when the keypad is locked (now or by this attempt)
    failures: int
    actor: str = ""  # who the accepted PIN belongs to


class PinGuard:
    """Five wrong PINs lock the admin screen for five minutes (both settable).

    :meth:`restore` picks the lockout up from the audit log, where the PIN pad
    records every attempt, so a restart does not reset it."""

    def __init__(
        self,
        stored_hash: str,
        *,
        max_failures: int = 5,
        lock_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stored = parse_pin_hashes(stored_hash)
        self._max_failures = max_failures
        self._lock_s = lock_s
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0
        self._restored = False

    async def restore(self, journal: AsyncJournal, now: Callable[[], dt.datetime] = utcnow) -> None:
        """Once, before the first attempt: the run of wrong PINs and any lock still
        running, from the audit log. ``now`` is the wall clock the journal stamps with."""
        if self._restored:
            return
        wall = now()
        since = wall - max(FAILURES_REMEMBERED_FOR, dt.timedelta(seconds=self._lock_s))
        entries = await journal.audit_log(None, since)
        self._failures, locked_for = lockout_from_audit(
            entries, self._max_failures, self._lock_s, wall
        )
        if locked_for > 0:
            self._locked_until = self._clock() + locked_for
        self._restored = True

    @property
    def configured(self) -> bool:
        return bool(self._stored)

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def attempt(self, pin: str) -> PinAttempt:
        remaining = self.locked_for()
        if remaining > 0:
            return PinAttempt(False, remaining, self._failures)
        # Every hash is checked, whichever matches: the time taken says nothing of whose
        # PIN it was. Two staff with the same PIN: the first listed is audited.
        matches = [actor for actor, stored in self._stored if verify_pin(pin, stored)]
        if matches:
            self._failures = 0
            return PinAttempt(True, 0.0, 0, matches[0])
        self._failures += 1
        if self._failures >= self._max_failures:
            self._failures = 0
            self._locked_until = self._clock() + self._lock_s
            return PinAttempt(False, self._lock_s, self._max_failures)
        return PinAttempt(False, 0.0, self._failures)
