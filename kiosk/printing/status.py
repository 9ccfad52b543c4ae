"""Printer status from the real-time ``DLE EOT n`` replies, and the errors of a print job.

Each reply byte has bits 1 and 4 set and bits 0 and 7 clear (Epson and the
printers that copy it); a byte that breaks that pattern is not a status reply,
so it counts as no answer rather than as "all fine".
"""

from __future__ import annotations

from dataclasses import dataclass

# DLE EOT n: which status each n asks for
PRINTER = 1
OFFLINE_CAUSE = 2
PAPER_SENSOR = 4
STATUS_QUERIES = (PRINTER, OFFLINE_CAUSE, PAPER_SENSOR)

_FIXED_MASK, _FIXED_BITS = 0x93, 0x12
_OFFLINE = 0x08  # n=1
_COVER_OPEN = 0x04  # n=2
_STOPPED_PAPER_END = 0x20  # n=2: data was held back because the paper ran out
_ERROR = 0x40  # n=2
_NEAR_END = 0x0C  # n=4
_PAPER_END = 0x60  # n=4


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_BITS


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
    def from_replies(
        cls, printer: int, offline_cause: int, paper: int, *, near_end_sensor: bool = True
    ) -> PrinterStatus:
        if not all(is_status_byte(b) for b in (printer, offline_cause, paper)):
            return cls.no_reply("not a status reply")
        return cls(
            online=not printer & _OFFLINE,
            paper_present=paper & _PAPER_END != _PAPER_END,
            paper_near_end=near_end_sensor and paper & _NEAR_END == _NEAR_END,
            cover_open=bool(offline_cause & _COVER_OPEN),
            stopped=bool(offline_cause & (_STOPPED_PAPER_END | _ERROR)),
        )

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
