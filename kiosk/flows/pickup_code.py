"""The pickup code as the patron enters it: normalised, checked locally, and rate-limited.

Everything here runs before the network is touched, so a malformed code never
reaches Connect or SARFT, and the keypad lock makes trying codes by the
thousand take days instead of minutes. The lock outlives the process: every
wrong code is an audit entry (the count only, never the code), read back at
start, so neither a restart nor one ``kiosk collect`` per guess starts afresh.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
import math
import re
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from kiosk.errors import ErrorCode
from kiosk.flows.collect_errors import CollectError
from kiosk.journal.models import AuditEntry

log = logging.getLogger(__name__)

# VISTA booking ids (取票码) are short runs of capital letters and digits (WQNX8JL).
CODE_MIN, CODE_MAX = 5, 16
_CODE = re.compile(rf"^[A-Z0-9]{{{CODE_MIN},{CODE_MAX}}}$")
# A booking number becomes a 16-digit SARFT print_no, so it can have at most 16 digits.
NUMBER_MAX_DIGITS = 16
# What patrons and scanners put between groups: spaces (any width), dashes, dots,
# slashes, underscores, middle dots. Any other symbol makes the code malformed.
_SEPARATORS = frozenset("-_./·・‐‑‒–—―")
_SIGNS = frozenset("-+−‐‑‒–—―")


class MalformedCode(CollectError):
    """Not a possible code: refused on the kiosk, nothing was sent."""

    least: ClassVar[int] = CODE_MIN
    most: ClassVar[int] = CODE_MAX

    error_code = ErrorCode.COLLECT_MALFORMED_CODE


class MalformedNumber(MalformedCode):
    most = NUMBER_MAX_DIGITS
    error_code = ErrorCode.COLLECT_MALFORMED_NUMBER


class KeypadLocked(CollectError):
    """Too many wrong codes; ``seconds_left`` until codes are taken again. ``kiosk_wide``:
    the kiosk's own limit against guessing (any patron), not this patron's run."""

    error_code = ErrorCode.COLLECT_KEYPAD_LOCKED

    def __init__(self, seconds_left: float, *, kiosk_wide: bool = False) -> None:
        super().__init__(f"keypad locked for {seconds_left:.0f} s")
        self.seconds_left = seconds_left
        self.kiosk_wide = kiosk_wide
        # what the words show: whole seconds, and whole minutes for the kiosk-wide pause
        self.seconds = max(1, math.ceil(seconds_left))
        self.minutes = max(1, math.ceil(seconds_left / 60))
        if kiosk_wide:
            self.error_code = ErrorCode.COLLECT_KEYPAD_PAUSED


class KeypadWait(KeypadLocked):
    """A code came during the short wait after a wrong one (a scanner's Enter: the
    button itself is disabled meanwhile). Nothing was looked up."""

    error_code = ErrorCode.COLLECT_KEYPAD_WAIT

    def __init__(self, seconds_left: float) -> None:
        super().__init__(seconds_left)


# Letters and digits that look alike on a phone screen and in many fonts.
LOOK_ALIKE = {"O": "0", "0": "O", "I": "1", "1": "I"}
# At most this many other readings of one code are looked up, all as one attempt.
MOST_LOOK_ALIKES = 8


def look_alikes(code: str, most: int = MOST_LOOK_ALIKES) -> list[str]:
    """Other readings of ``code`` with O/0 and I/1 swapped, fewest swaps first (a
    patron misreads one character more often than three), at most ``most``."""
    places = [i for i, char in enumerate(code) if char in LOOK_ALIKE]
    found: list[str] = []
    for swaps in range(1, len(places) + 1):
        for chosen in itertools.combinations(places, swaps):
            chars = list(code)
            for i in chosen:
                chars[i] = LOOK_ALIKE[chars[i]]
            found.append("".join(chars))
            if len(found) == most:
                return found
    return found


def _compact(text: str) -> str:
    """Full-width to half-width (NFKC), then drop spaces and separators, upper-cased."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if not c.isspace() and c not in _SEPARATORS).upper()


def normalise_code(text: str) -> str:
    """The 取票码 as typed or scanned -> its canonical form, or MalformedCode."""
    code = _compact(text)
    if not code.isascii() or not _CODE.match(code):
        raise MalformedCode(f"pickup code of {len(code)} character(s) rejected")
    return code


def normalise_number(text: str | int) -> int:
    """The booking number as typed -> an int that fits a SARFT print_no, or MalformedNumber."""
    digits = str(text) if isinstance(text, int) else _compact(text)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > NUMBER_MAX_DIGITS:
        raise MalformedNumber("booking number rejected")
    if isinstance(text, str) and unicodedata.normalize("NFKC", text).strip()[:1] in _SIGNS:
        # '-' is a separator inside a number, but '-1' is a negative number, not 1
        raise MalformedNumber("booking number with a sign rejected")
    number = int(digits)
    if number <= 0:
        raise MalformedNumber("booking number must be positive")
    return number


# What a ticket message's QR code may call its two parts, lower-cased (JSON keys, URL
# query names, or labels before a colon).
_CODE_KEYS = frozenset(
    {"code", "pickupcode", "pickup_code", "bookingid", "booking_id", "vistabookingid", "取票码"}
)
_NUMBER_KEYS = frozenset(
    {
        "number", "bookingnumber", "booking_number", "vistabookingnumber", "printno",
        "print_no", "订单号", "取票序号", "订单编号",
    }
)  # fmt: skip
_KEYED = re.compile(r"([A-Za-z_\u4e00-\u9fff]+)[\"']?\s*[:=：]\s*[\"']?([A-Za-z0-9]+)")
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def split_scanned(text: str) -> tuple[str, str] | None:
    """The pickup code and booking number of a scanned QR that carries both, or None.

    Either named (``{"code": "WQNX8JL", "number": 111972}``, ``?bookingId=…&
    bookingNumber=…``, ``取票码:… 订单号:…``) or two bare parts in either order (``WQNX8JL
    111972``, ``WQNX8JL|0000000000111972``), where only the number is all digits; a
    pair that cannot be told apart is not split (the whole goes in as a code)."""
    folded = unicodedata.normalize("NFKC", text)
    named = {key.lower(): value for key, value in _KEYED.findall(folded)}
    code = next((v for k, v in named.items() if k in _CODE_KEYS), None)
    number = next((v for k, v in named.items() if k in _NUMBER_KEYS), None)
    if code is not None and number is not None:
        return (code, number) if number.isdigit() else None
    tokens = _TOKEN.findall(folded)
    if len(tokens) != 2:
        return None
    digits = [t for t in tokens if t.isdigit()]
    if len(digits) != 1:
        return None
    word = next(t for t in tokens if not t.isdigit())
    return word, digits[0]


# How the keypad's audit entries read; the code itself is never in them.
KEYPAD_ACTOR, KEYPAD_ACTION, KEYPAD_TARGET = "patron", "pickup_code", "keypad"
WRONG_CODE, KEYPAD_LOCKED, CODE_PROVEN = "wrong code", "keypad locked", "code proven"
VISIT_ENDED = "patron left"  # Start over or idle: the next patron's run starts afresh
KIOSK_LIMIT = "kiosk limit"  # the kiosk-wide limit filled: staff are alerted
# A run of wrong codes older than this is forgotten by a restart (a running kiosk
# keeps counting until a code is proven).
FAILURES_REMEMBERED_FOR = dt.timedelta(days=1)
# The settings' defaults (kiosk.settings holds the same numbers; a test keeps them so).
DELAY_S = 2.0
KIOSK_MAX_FAILURES = 30
KIOSK_WINDOW_S = 600.0
# The patron is told how many tries are left once this few remain.
WARN_TRIES_LEFT = 2

Alarm = Callable[[int, float], None]
"""Told once when the kiosk-wide limit fills: (wrong codes, in how many seconds)."""


class AuditTrail(Protocol):
    """The journal's staff audit log, where the guard keeps its count
    (:class:`kiosk.journal.AsyncJournal` has both calls): a port, so the flows
    never import the journal's SQLite store."""

    async def audit(
        self,
        actor: str,
        action: str,
        target: str,
        reason: str,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry: ...

    async def audit_log(
        self,
        limit: int | None = 200,
        since: dt.datetime | None = None,
        actions: Collection[str] | None = None,
    ) -> list[AuditEntry]: ...


def _utc_now() -> dt.datetime:
    """The wall clock the journal stamps audit entries with (aware UTC)."""
    return dt.datetime.now(dt.UTC)


@dataclass
class KeypadGuard:
    """Slows a guesser and locks out a guesser, not the queue behind them.

    - Each wrong code in a patron's visit makes the next try wait: ``delay_s``, then
      twice as long each time (2, 4, 8, 16 s); at ``max_failures`` in a row the visit
      waits ``lock_s``. A proven code or a new patron (:meth:`new_visit`, on Start
      over or idle) starts the run afresh, so the next patron is never held by it.
    - Against someone starting over between guesses: every wrong code on the kiosk,
      whoever typed it, counts towards ``kiosk_max_failures`` in ``kiosk_window_s``.
      When that fills, no code is taken until the oldest of them leaves the window,
      it is audited and ``alarm`` tells staff.

    Malformed input does not count: it never left the kiosk, so it cannot probe for
    real codes. ``clock`` is monotonic seconds. With a ``journal`` every change is
    audited, and :meth:`from_journal` builds the guard from those entries (the run,
    its lock and the kiosk-wide count outlive a restart)."""

    max_failures: int = 5
    lock_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    journal: AuditTrail | None = None
    delay_s: float = DELAY_S
    kiosk_max_failures: int = KIOSK_MAX_FAILURES
    kiosk_window_s: float = KIOSK_WINDOW_S
    alarm: Alarm | None = None
    _failures: int = 0
    _locked_until: float | None = None
    _wait_until: float | None = None
    _recent: deque[float] = field(default_factory=deque, repr=False)
    _alarmed: bool = False
    _writes: set[asyncio.Task[object]] = field(default_factory=set, init=False, repr=False)

    @classmethod
    async def from_journal(
        cls,
        journal: AuditTrail,
        max_failures: int = 5,
        lock_s: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = _utc_now,
        delay_s: float = DELAY_S,
        kiosk_max_failures: int = KIOSK_MAX_FAILURES,
        kiosk_window_s: float = KIOSK_WINDOW_S,
    ) -> KeypadGuard:
        """The guard as the last process left it: its run of wrong codes, the lock if
        one still holds, and the kiosk's wrong codes still in the window. ``now`` is
        the wall clock the journal stamps entries with."""
        guard = cls(
            max_failures,
            lock_s,
            clock,
            journal,
            delay_s=delay_s,
            kiosk_max_failures=kiosk_max_failures,
            kiosk_window_s=kiosk_window_s,
        )
        wall = now()
        remembered = max(
            FAILURES_REMEMBERED_FOR,
            dt.timedelta(seconds=lock_s),
            dt.timedelta(seconds=kiosk_window_s),
        )
        entries = [
            e for e in await journal.audit_log(None, wall - remembered) if e.action == KEYPAD_ACTION
        ]
        guard._restore(entries, wall)
        return guard

    def _restore(self, newest_first: Sequence[AuditEntry], wall: dt.datetime) -> None:
        failures, locked_at, run_over = 0, None, False
        mono = self.clock()
        for entry in newest_first:
            if entry.reason in (WRONG_CODE, KEYPAD_LOCKED):
                age = (wall - entry.at).total_seconds()
                if 0 <= age < self.kiosk_window_s:
                    self._recent.appendleft(mono - age)
            elif entry.reason == KIOSK_LIMIT and self._recent:
                self._alarmed = True  # this episode was reported already
            if run_over:
                continue
            if entry.reason in (CODE_PROVEN, VISIT_ENDED):
                run_over = True
            elif entry.reason == KEYPAD_LOCKED:
                if self._lock_left(entry.at, wall) > 0:
                    failures, locked_at = max(failures, self.max_failures), entry.at
                run_over = True  # an expired lock ended that run; what came after it counts
            elif entry.reason == WRONG_CODE:
                failures += 1
        if locked_at is None and failures >= self.max_failures and newest_first:
            locked_at = newest_first[0].at  # the setting was lowered since
        self._failures = failures
        if locked_at is not None and self._lock_left(locked_at, wall) > 0:
            self._locked_until = mono + self._lock_left(locked_at, wall)
            log.warning("pickup keypad still locked after a restart (%d wrong codes)", failures)
        elif locked_at is None and failures:
            self._restore_wait(newest_first, wall, mono)
        if len(self._recent) >= self.kiosk_max_failures:
            log.error("pickup codes still refused after a restart: the kiosk-wide limit holds")

    def _restore_wait(
        self, newest_first: Sequence[AuditEntry], wall: dt.datetime, mono: float
    ) -> None:
        """The wait after the run's last wrong code, if it is not over: one ``kiosk
        collect`` per guess must wait as a patron at the keypad does."""
        last = next((e for e in newest_first if e.reason != KIOSK_LIMIT), None)
        if last is None or last.reason != WRONG_CODE:
            return
        wait = self.wait_after(self._failures)
        # never longer than a whole wait, even if the wall clock stepped back
        left = min(wait, wait - (wall - last.at).total_seconds())
        if left > 0:
            self._wait_until = mono + left

    def _lock_left(self, locked_at: dt.datetime, wall: dt.datetime) -> float:
        # never longer than a whole lock, even if the wall clock stepped back
        return min(self.lock_s, self.lock_s - (wall - locked_at).total_seconds())

    def _kiosk_wait(self, now: float) -> float:
        """Seconds until the kiosk-wide limit frees a place (0: it is not full)."""
        while self._recent and now - self._recent[0] >= self.kiosk_window_s:
            self._recent.popleft()
        if len(self._recent) < self.kiosk_max_failures:
            if self._alarmed and len(self._recent) < self.kiosk_max_failures // 2:
                self._alarmed = False  # a new episode is reported anew
            return 0.0
        freeing = self._recent[len(self._recent) - self.kiosk_max_failures]
        return max(0.0, freeing + self.kiosk_window_s - now)

    def check(self) -> None:
        """Raise KeypadLocked while a lock holds (the kiosk's, then this visit's), and
        KeypadWait during the wait after a wrong code."""
        now = self.clock()
        kiosk = self._kiosk_wait(now)
        if kiosk > 0:
            raise KeypadLocked(kiosk, kiosk_wide=True)
        if self._locked_until is not None:
            left = self._locked_until - now
            if left > 0:
                raise KeypadLocked(left)
            self._locked_until = None
            self._failures = 0
            log.info("pickup keypad unlocked")
        if self._wait_until is not None:
            left = self._wait_until - now
            if left > 0:
                raise KeypadWait(left)
            self._wait_until = None

    def failed(self) -> None:
        """One wrong attempt (a code and its look-alikes count once)."""
        now = self.clock()
        self._failures += 1
        self._recent.append(now)
        if self._failures >= self.max_failures:
            self._locked_until = now + self.lock_s
            self._wait_until = None
            # the codes themselves stay out of the log: they would be a list to try
            log.warning(
                "pickup keypad locked for %.0f s after %d wrong codes in a row",
                self.lock_s,
                self._failures,
            )
            self._remember(KEYPAD_LOCKED)
        else:
            self._wait_until = now + self.wait_after(self._failures)
            self._remember(WRONG_CODE)
        if self._kiosk_wait(now) > 0 and not self._alarmed:
            self._alarmed = True
            log.error(
                "%d wrong pickup codes on this kiosk in %.0f s: someone may be guessing codes;"
                " codes are refused until the count falls",
                len(self._recent),
                self.kiosk_window_s,
            )
            self._remember(KIOSK_LIMIT, failures=len(self._recent))
            if self.alarm is not None:
                try:
                    self.alarm(len(self._recent), self.kiosk_window_s)
                except Exception:
                    log.exception("the staff alarm for guessed pickup codes failed")

    def wait_after(self, failures: int) -> float:
        """The wait after the ``failures``-th wrong code of a run (not the last)."""
        return min(self.lock_s, self.delay_s * float(2 ** max(0, failures - 1)))

    def succeeded(self) -> None:
        if self._failures:
            self._remember(CODE_PROVEN, failures=0)
        self._failures = 0
        self._wait_until = None

    def new_visit(self) -> None:
        """The patron left (Start over, idle): the next one is held by nothing of theirs.
        Only the kiosk-wide count remains."""
        if self._failures or self._locked_until is not None or self._wait_until is not None:
            self._remember(VISIT_ENDED, failures=0)
        self._failures = 0
        self._locked_until = None
        self._wait_until = None

    @property
    def failures(self) -> int:
        return self._failures

    @property
    def tries_left(self) -> int:
        """Wrong codes this visit may still make before its lock."""
        return max(0, self.max_failures - self._failures)

    def wait_left(self) -> float:
        """Seconds until the next code is taken (0: now)."""
        now = self.clock()
        waits = [self._kiosk_wait(now)]
        waits += [t - now for t in (self._locked_until, self._wait_until) if t is not None]
        return max(0.0, *waits)

    async def flush(self) -> None:
        """Wait until every change of the count is in the journal (before it closes)."""
        while self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)

    def _remember(self, reason: str, failures: int | None = None) -> None:
        """Audit the change without waiting: the flow's calls here are synchronous, and
        the journal's single thread keeps the entries in the order they were made."""
        if self.journal is None:
            return
        count = self._failures if failures is None else failures
        write = self.journal.audit(
            KEYPAD_ACTOR, KEYPAD_ACTION, KEYPAD_TARGET, reason, {"failures": count}
        )
        task: asyncio.Task[object] = asyncio.get_running_loop().create_task(write)
        self._writes.add(task)
        task.add_done_callback(self._written)

    def _written(self, task: asyncio.Task[object]) -> None:
        self._writes.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.warning(
                "a wrong pickup code was not journaled (%s): a restart would forget it",
                type(error).__name__,
            )
