"""Printer status from the real-time ``DLE EOT n`` replies.

The status and the errors of a print job are the kiosk's own values
(:mod:`kiosk.domain.printer`), re-exported here for the printer's modules.

Each reply byte has bits 1 and 4 set and bits 0 and 7 clear (Epson and the
printers that copy it); a byte that breaks that pattern is not a status reply,
so it counts as no answer rather than as "all fine".
"""

from __future__ import annotations

from kiosk.domain.printer import (
    PrinterError,
    PrinterNotReady,
    PrinterStatus,
    PrintInterrupted,
)

__all__ = [
    "OFFLINE_CAUSE",
    "PAPER_SENSOR",
    "PRINTER",
    "STATUS_QUERIES",
    "PrintInterrupted",
    "PrinterError",
    "PrinterNotReady",
    "PrinterStatus",
    "is_status_byte",
    "status_from_replies",
]

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


def status_from_replies(
    printer: int, offline_cause: int, paper: int, *, near_end_sensor: bool = True
) -> PrinterStatus:
    if not all(is_status_byte(b) for b in (printer, offline_cause, paper)):
        return PrinterStatus.no_reply("not a status reply")
    return PrinterStatus(
        online=not printer & _OFFLINE,
        paper_present=paper & _PAPER_END != _PAPER_END,
        paper_near_end=near_end_sensor and paper & _NEAR_END == _NEAR_END,
        cover_open=bool(offline_cause & _COVER_OPEN),
        stopped=bool(offline_cause & (_STOPPED_PAPER_END | _ERROR)),
    )
