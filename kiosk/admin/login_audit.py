"""How admin sign-ins read in the audit log, and the PIN lockout read back from it.

The PIN pad audits every attempt (outcome and failure count, never the digits);
those entries are the lockout's memory, so a restart neither forgets a run of
wrong PINs nor lifts a lock early.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kiosk.journal import AuditEntry

if TYPE_CHECKING:
    from kiosk.admin.pin import PinAttempt

ADMIN_LOGIN, ADMIN_TARGET = "admin_login", "admin"
PIN_ACCEPTED, PIN_REJECTED, PIN_LOCKED = "pin accepted", "pin rejected", "locked"
# A run of wrong PINs older than this is forgotten by a restart (a running kiosk
# keeps counting until the right PIN is typed).
FAILURES_REMEMBERED_FOR = dt.timedelta(days=1)


def audit_reason(attempt: PinAttempt) -> str:
    if attempt.accepted:
        return PIN_ACCEPTED
    return PIN_LOCKED if attempt.locked_for_s > 0 else PIN_REJECTED


def audit_details(attempt: PinAttempt) -> dict[str, Any]:
    # the attempt that locks carries the full count; refusals during a lock carry 0
    return {"failures": attempt.failures}


def lockout_from_audit(
    newest_first: Sequence[AuditEntry], max_failures: int, lock_s: float, wall: dt.datetime
) -> tuple[int, float]:
    """``(failures in a row, lock seconds left)`` as the PIN pad left them."""
    logins = [e for e in newest_first if e.action == ADMIN_LOGIN]
    failures = 0
    for entry in logins:
        if entry.reason == PIN_ACCEPTED:
            break
        if entry.reason == PIN_REJECTED:
            failures += 1
        elif entry.reason == PIN_LOCKED and int(entry.details.get("failures", 0)) > 0:
            left = _left(entry.at, lock_s, wall)
            # a lock resets the count; the wrong PINs after it ran out count afresh
            return (0, left) if left > 0 else (failures, 0.0)
    if failures >= max_failures:  # the limit was lowered since
        return 0, max(0.0, _left(logins[0].at, lock_s, wall))
    return failures, 0.0


def _left(locked_at: dt.datetime, lock_s: float, wall: dt.datetime) -> float:
    # never longer than a whole lock, even if the wall clock stepped back
    return min(lock_s, lock_s - (wall - locked_at).total_seconds())
