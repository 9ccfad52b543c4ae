"""Admin PIN: salted scrypt hashes in the settings, constant-time checks, lockout.

The PIN itself is never stored or logged; the settings hold
``scrypt$N$r$p$salt$hash`` (base64) made by ``kiosk admin-pin``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PIN_LENGTH = 4


class PinFormatError(ValueError):
    """A PIN or stored hash is not usable."""


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    if not pin.isdigit() or len(pin) < MIN_PIN_LENGTH:
        raise PinFormatError(f"a PIN is at least {MIN_PIN_LENGTH} digits")
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


@dataclass
class PinAttempt:
    accepted: bool
    locked_for_s: float  # > 0 when the keypad is locked (now or by this attempt)
    failures: int


class PinGuard:
    """Five wrong PINs lock the admin screen for five minutes (both settable)."""

    def __init__(
        self,
        stored_hash: str,
        *,
        max_failures: int = 5,
        lock_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stored = stored_hash
        self._max_failures = max_failures
        self._lock_s = lock_s
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        return bool(self._stored)

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def attempt(self, pin: str) -> PinAttempt:
        remaining = self.locked_for()
        if remaining > 0:
            return PinAttempt(False, remaining, self._failures)
        if self.configured and verify_pin(pin, self._stored):
            self._failures = 0
            return PinAttempt(True, 0.0, 0)
        self._failures += 1
        if self._failures >= self._max_failures:
            self._failures = 0
            self._locked_until = self._clock() + self._lock_s
            return PinAttempt(False, self._lock_s, self._max_failures)
        return PinAttempt(False, 0.0, self._failures)
