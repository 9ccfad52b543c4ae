"""The printer's state and the ways a print job fails, in the kiosk's own terms.

The flows check these before a job and read them after one; the printer adapter
(:mod:`kiosk.printing`) decodes its device's replies into them
(:func:`kiosk.printing.status.status_from_replies`) and raises the errors.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PrinterStatus:
    online: bool = False
    paper_present: bool = False
    paper_near_end: bool = False
    cover_open: bool = False
    stopped: bool = False  # the printer dropped or held back data: the last job did not print
    unknown: bool = False  # no valid answer within the timeout
    checked: bool = True  # False when the printer cannot report status at all
    detail: str = ""

    @property
    def paper_out(self) -> bool:
        return not self.unknown and not self.paper_present

    @property
    def ready(self) -> bool:
        """Fit to start a job: answered, online, paper in, cover shut."""
        return not self.unknown and self.online and self.paper_present and not self.cover_open

    def describe(self) -> str:
        """For the log and the staff screen."""
        if self.unknown:
            return f"unknown ({self.detail or 'no reply'})"
        if not self.checked:
            return "not reported by this printer (assumed ready)"
        facts = [
            "online" if self.online else "offline",
            "paper out"
            if self.paper_out
            else ("paper near end" if self.paper_near_end else "paper ok"),
        ]
        if self.cover_open:
            facts.append("cover open")
        if self.stopped:
            facts.append("stopped")
        return ", ".join(facts)

    @classmethod
    def no_reply(cls, detail: str = "no reply") -> PrinterStatus:
        return cls(unknown=True, detail=detail)

    @classmethod
    def unchecked(cls) -> PrinterStatus:
        """A printer with no way back (a plain file device, a profile without status):
        nothing can be known, so nothing can be refused."""
        return cls(online=True, paper_present=True, checked=False)


class PrinterError(Exception):
    """Anything that stops tickets coming out of the printer."""


class PrinterNotReady(PrinterError):
    """Refused before sending anything: the printer is not fit to print."""

    def __init__(self, status: PrinterStatus) -> None:
        super().__init__(f"printer not ready: {status.describe()}")
        self.status = status


class PrintInterrupted(PrinterError):
    """The job stopped part-way. ``printed`` are the indices of the tickets that came
    out whole; ``in_doubt`` is the one that may or may not have (its status never
    came back) and must be treated as not printed until staff look."""

    def __init__(
        self,
        reason: str,
        *,
        printed: tuple[int, ...],
        in_doubt: int | None,
        status: PrinterStatus,
    ) -> None:
        super().__init__(
            f"printing stopped: {reason}; printed {list(printed)}"
            + (f", ticket {in_doubt} in doubt" if in_doubt is not None else "")
        )
        self.reason = reason
        self.printed = printed
        self.in_doubt = in_doubt
        self.status = status


OnTicket = Callable[[int], Awaitable[None] | None]
"""``on_ticket(i)``: ticket ``i`` of a job is known to be on paper."""


@dataclass(frozen=True)
class PrintJobResult:
    printed: tuple[int, ...]  # indices into the faces given, in print order
    status: PrinterStatus  # as read after the last ticket (near end is a warning here)
