"""Whether each patron path can finish now, and why not: the kiosk's out-of-service state.

A path is available when the latest check of everything it needs passed:

- **buy** needs Connect, the payment provider, a printer that can print and a
  writable journal (no money may be taken for tickets that cannot come out);
- **collect** needs SARFT, the printer and the journal, not Connect: the pickup
  code is proved with GetSingleBooking while Connect answers, and with it down by
  SARFT's own 0x05 once the patron types the booking number as well
  (:meth:`kiosk.flows.collect.CollectFlow.lookup`); the SARFT service is on the
  cinema's network.

The kiosk is in service while either path is. The reasons are an interface
(metrics and alerts report them by name, issue 16): keep the names. When several
hold, :data:`REASONS` orders them, most useful to the patron first: what staff
must fix at the kiosk before a service far away.

:class:`AvailabilityWatch` keeps the answer fresh in a running kiosk: it checks at
once, then every ``health_interval_s`` while the kiosk is idle, and as soon as it
is poked (a patron came back to the start, a purchase found the printer down), so
a kiosk whose fault clears opens again on its own within one interval.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    # The window imports this module before its first frame: the printing package
    # (python-escpos), the journal and the adapters the checks reach come after it.
    from kiosk.health import Health
    from kiosk.printing.status import PrinterStatus

log = logging.getLogger(__name__)


class Reason(enum.StrEnum):
    """Why a path cannot finish. The values are names metrics use: never rename one."""

    STAFF_CLOSED = "staff_closed"
    JOURNAL_MISSING = "journal_missing"
    JOURNAL_UNWRITABLE = "journal_unwritable"
    PRINTER_PAPER_OUT = "printer_paper_out"
    PRINTER_COVER_OPEN = "printer_cover_open"
    PRINTER_OFFLINE = "printer_offline"
    CONNECT_UNREACHABLE = "connect_unreachable"
    PAYMENT_UNREACHABLE = "payment_unreachable"
    SARFT_UNREACHABLE = "sarft_unreachable"


# Most pressing first: the order in which a path's reasons are given.
REASONS: tuple[Reason, ...] = tuple(Reason)


class StaffWarning(enum.StrEnum):
    """Working, but staff should look soon (the admin screen shows it)."""

    PRINTER_PAPER_NEAR_END = "printer_paper_near_end"


class PatronPath(enum.StrEnum):
    BUY = "buy"
    COLLECT = "collect"


class JournalState(enum.StrEnum):
    OK = "ok"
    UNWRITABLE = "unwritable"
    MISSING = "missing"


def _unchecked() -> PrinterStatus:
    from kiosk.printing.status import PrinterStatus

    return PrinterStatus.unchecked()


@dataclass(frozen=True)
class Checks:
    """The latest answer of everything the paths need. ``printer`` is None when the
    printer could not be asked at all (counted as offline)."""

    connect: bool = True
    sarft: bool = True
    payment: bool = True
    printer: PrinterStatus | None = field(default_factory=_unchecked)
    journal: JournalState = JournalState.OK
    staff_closed: bool = False

    @classmethod
    def from_health(
        cls, results: Iterable[Health], journal: JournalState, *, staff_closed: bool = False
    ) -> Checks:
        """From :mod:`kiosk.health` results (one per service); a service not checked
        counts as working, a printer check that failed without a status as offline."""
        by_service = {h.service: h for h in results}

        def ok(service: str) -> bool:
            health = by_service.get(service)
            return health is None or health.ok

        printer = by_service.get("printer")
        status = _unchecked() if printer is None else printer.printer
        return cls(ok("connect"), ok("sarft"), ok("payment"), status, journal, staff_closed)


@dataclass(frozen=True)
class PathState:
    path: PatronPath
    reasons: tuple[Reason, ...] = ()  # every reason that holds, most pressing first

    @property
    def available(self) -> bool:
        return not self.reasons

    @property
    def reason(self) -> Reason | None:
        """The reason in force: the one the patron is shown."""
        return self.reasons[0] if self.reasons else None


@dataclass(frozen=True)
class Availability:
    buy: PathState = PathState(PatronPath.BUY)
    collect: PathState = PathState(PatronPath.COLLECT)
    warnings: tuple[StaffWarning, ...] = ()
    checked: bool = True  # False until the first check has answered

    @property
    def in_service(self) -> bool:
        return self.buy.available or self.collect.available

    @property
    def reason(self) -> Reason | None:
        """The reason in force for the kiosk as a whole: while out of service, the most
        pressing reason of either path (both paths' reasons when they differ are in
        :attr:`reasons`); None while in service."""
        if self.in_service:
            return None
        return self.reasons[0]

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every reason holding on either path, most pressing first, each once."""
        held = set(self.buy.reasons) | set(self.collect.reasons)
        return tuple(r for r in REASONS if r in held)

    def path(self, path: PatronPath) -> PathState:
        return self.buy if path is PatronPath.BUY else self.collect

    def summary(self) -> str:
        """One line for the log."""
        if self.buy.available and self.collect.available:
            state = "in service"
        elif self.in_service:
            closed = self.collect if self.buy.available else self.buy
            state = f"in service, {closed.path} unavailable ({', '.join(closed.reasons)})"
        else:
            state = f"out of service ({', '.join(self.reasons)})"
        return state + "".join(f"; warning: {w}" for w in self.warnings)


NOT_YET_CHECKED = Availability(checked=False)
"""Before the first check answers: both paths open, as the purchase flow checks the
printer again before it takes money and the collect flow before SARFT's 0x05."""


def printer_reason(status: PrinterStatus | None) -> Reason | None:
    """Why this printer cannot start a job, or None when it can. A printer that could
    not be asked, or did not answer, is offline; paper and cover come first, as a
    printer out of paper or open also reports itself offline."""
    if status is None or status.unknown:
        return Reason.PRINTER_OFFLINE
    if status.ready:
        return None
    if status.paper_out:
        return Reason.PRINTER_PAPER_OUT
    if status.cover_open:
        return Reason.PRINTER_COVER_OPEN
    return Reason.PRINTER_OFFLINE


def journal_reason(state: JournalState) -> Reason | None:
    return {
        JournalState.OK: None,
        JournalState.UNWRITABLE: Reason.JOURNAL_UNWRITABLE,
        JournalState.MISSING: Reason.JOURNAL_MISSING,
    }[state]


def decide(checks: Checks) -> Availability:
    """Each path's availability from the latest checks."""
    shared = {
        reason
        for reason in (
            Reason.STAFF_CLOSED if checks.staff_closed else None,
            journal_reason(checks.journal),
            printer_reason(checks.printer),
        )
        if reason is not None
    }
    buy = shared | {
        reason
        for reason, down in (
            (Reason.CONNECT_UNREACHABLE, not checks.connect),
            (Reason.PAYMENT_UNREACHABLE, not checks.payment),
        )
        if down
    }
    collect = shared | ({Reason.SARFT_UNREACHABLE} if not checks.sarft else set())
    printer = checks.printer
    near_end = printer is not None and printer.ready and printer.paper_near_end
    return Availability(
        PathState(PatronPath.BUY, _ordered(buy)),
        PathState(PatronPath.COLLECT, _ordered(collect)),
        (StaffWarning.PRINTER_PAPER_NEAR_END,) if near_end else (),
    )


def _ordered(reasons: set[Reason]) -> tuple[Reason, ...]:
    return tuple(r for r in REASONS if r in reasons)


class JournalProbe(Protocol):
    async def probe(self) -> None: ...


async def probe_journal(journal: JournalProbe) -> JournalState:
    """What the journal's probe (:meth:`kiosk.journal.AsyncJournal.probe`) means for
    selling: a journal that is not the one last written is missing; any other fault
    leaves it unwritable."""
    from kiosk.journal import JournalIdentityMismatch

    try:
        await journal.probe()
    except JournalIdentityMismatch as exc:
        # every check while it lasts: the watch logs the change of state once
        log.debug("journal: %s", exc)
        return JournalState.MISSING
    except Exception as exc:  # a check reports, it never raises
        log.debug("journal: %s", exc)
        return JournalState.UNWRITABLE
    return JournalState.OK


# Audit actions of staff closing the kiosk to patrons and opening it again: the
# latest of them says whether a restarted kiosk is still closed.
CLOSE_TO_PATRONS = "close_to_patrons"
OPEN_TO_PATRONS = "open_to_patrons"


def closed_by_staff(actions_newest_first: Iterable[str]) -> bool:
    """Whether staff left the kiosk closed, from the audit log's actions."""
    for action in actions_newest_first:
        if action in (CLOSE_TO_PATRONS, OPEN_TO_PATRONS):
            return action == CLOSE_TO_PATRONS
    return False


Check = Callable[[], Awaitable[Checks]]
"""Asks every service once; never raises (a failure is an unavailable service)."""


class AvailabilityWatch:
    """The running kiosk's availability, re-checked while the kiosk is idle.

    ``idle()`` says whether a check may run now: not while a patron is in a flow,
    whose printer and services must not be disturbed (and whose screen must not
    change under them). ``on_change`` runs with every new answer."""

    def __init__(
        self,
        check: Check,
        *,
        interval_s: float,
        idle: Callable[[], bool],
        on_change: Callable[[Availability], None],
    ) -> None:
        self._check = check
        self._interval_s = interval_s
        self._idle = idle
        self._on_change = on_change
        self._poked = asyncio.Event()
        self._checks: Checks | None = None
        self._staff_closed = False
        self.latest = NOT_YET_CHECKED

    def poke(self) -> None:
        """Check as soon as the kiosk is idle, without waiting out the interval."""
        self._poked.set()

    @property
    def staff_closed(self) -> bool:
        return self._staff_closed

    def set_staff_closed(self, closed: bool) -> None:
        """Staff take the kiosk out of service (or put it back); applies at once."""
        self._staff_closed = closed
        if self._checks is not None:
            self._publish(replace(self._checks, staff_closed=closed))
        else:
            self.poke()

    async def run(self) -> None:
        """Check now, then every interval (or when poked) while idle; runs until cancelled."""
        while True:
            if self._idle():
                await self.refresh()
            try:
                await asyncio.wait_for(self._poked.wait(), self._interval_s)
            except TimeoutError:
                pass
            self._poked.clear()

    async def refresh(self) -> Availability:
        """One check, published."""
        checks = await self._check()
        return self._publish(replace(checks, staff_closed=self._staff_closed))

    def _publish(self, checks: Checks) -> Availability:
        self._checks = checks
        found = decide(checks)
        if found != self.latest:
            fine = found.buy.available and found.collect.available and not found.warnings
            log_at = logging.INFO if fine else logging.WARNING
            log.log(log_at, "availability: %s", found.summary())
        self.latest = found
        self._on_change(found)
        return found
