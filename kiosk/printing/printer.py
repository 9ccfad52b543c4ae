"""The ticket printer port the flows use: check, print ticket by ticket, report.

A job is refused before a byte is sent unless the printer says it is ready. Each
ticket (and its fee slip, if any) is its own cut job, and the status is read
after each one, so an interrupted job says exactly which tickets came out: the
collect flow confirms a print to SARFT only for tickets that did.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from types import TracebackType

from kiosk.printing.device import PrinterDevice, PrinterUnreachable
from kiosk.printing.escpos import encode_layout
from kiosk.printing.layout import layout_fee_slip, layout_test_page, layout_ticket
from kiosk.printing.profiles import PrinterProfile, load_profile
from kiosk.printing.status import (
    OFFLINE_CAUSE,
    PAPER_SENSOR,
    PRINTER,
    PrinterNotReady,
    PrinterStatus,
    PrintInterrupted,
)
from kiosk.printing.ticket import Language, TicketFace
from kiosk.settings import Settings

log = logging.getLogger(__name__)

OnTicket = Callable[[int], Awaitable[None] | None]


@dataclass(frozen=True)
class PrintJobResult:
    printed: tuple[int, ...]  # indices into the faces given, in print order
    status: PrinterStatus  # as read after the last ticket (near end is a warning here)


def _encode_ticket(face: TicketFace, profile: PrinterProfile) -> list[bytes]:
    jobs = [encode_layout(layout_ticket(face, profile), profile)]
    slip = face.fee_slip()
    if slip is not None:
        jobs.append(encode_layout(layout_fee_slip(slip, profile), profile))
    return jobs


class TicketPrinter:
    def __init__(
        self,
        device: PrinterDevice,
        profile: PrinterProfile,
        *,
        kiosk_id: str,
        language: Language = "zh",
    ) -> None:
        self.device = device
        self.profile = profile
        self.kiosk_id = kiosk_id
        self.language = language
        # one job or status read at a time: replies must pair with their questions
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> TicketPrinter:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def status(self) -> PrinterStatus:
        async with self._lock:
            return await self._status()

    async def _status(self) -> PrinterStatus:
        if not self.profile.status or not self.device.can_read:
            return PrinterStatus.unchecked()
        replies: list[int] = []
        for n in (PRINTER, OFFLINE_CAUSE, PAPER_SENSOR):
            reply = await self.device.query(n)
            if reply is None:  # one silence is enough: do not wait out the other two
                return PrinterStatus.no_reply(f"no answer to DLE EOT {n}")
            replies.append(reply)
        return PrinterStatus.from_replies(*replies, near_end_sensor=self.profile.near_end_sensor)

    async def print_tickets(
        self, faces: Sequence[TicketFace], on_ticket: OnTicket | None = None
    ) -> PrintJobResult:
        """Print every face in order; ``on_ticket(i)`` runs as soon as ticket ``i`` is
        known to be out (the flow journals it there).

        Raises PrinterNotReady before anything is sent, or PrintInterrupted with the
        tickets that did come out."""
        jobs = [await asyncio.to_thread(_encode_ticket, face, self.profile) for face in faces]
        async with self._lock:
            status = await self._status()
            if not status.ready:
                log.warning("print refused: %s", status.describe())
                raise PrinterNotReady(status)
            printed: list[int] = []
            for index, (face, ticket_jobs) in enumerate(zip(faces, jobs, strict=True)):
                if index and not status.ready:
                    raise self._interrupted("printer not ready", printed, None, status)
                for part, data in enumerate(ticket_jobs):
                    try:
                        await self.device.write(data)
                    except PrinterUnreachable as exc:
                        doubt = index if part == 0 else None
                        raise self._interrupted(str(exc), printed, doubt, status) from exc
                    status = await self._status()
                    if status.unknown:
                        doubt = index if part == 0 else None
                        raise self._interrupted("no status after printing", printed, doubt, status)
                    if status.stopped and part == 0:
                        raise self._interrupted("ticket did not print", printed, None, status)
                    if part == 0:
                        printed.append(index)
                        log.info(
                            "ticket %d of %d printed: %s", index + 1, len(faces), face.ticket_code
                        )
                        if on_ticket is not None:
                            result = on_ticket(index)
                            if inspect.isawaitable(result):
                                await result
            return PrintJobResult(tuple(printed), status)

    @staticmethod
    def _interrupted(
        reason: str, printed: list[int], in_doubt: int | None, status: PrinterStatus
    ) -> PrintInterrupted:
        error = PrintInterrupted(reason, printed=tuple(printed), in_doubt=in_doubt, status=status)
        log.error("%s (%s)", error, status.describe())
        return error

    async def test_print(self) -> PrintJobResult:
        """A test page for staff: refused like a ticket when the printer is not ready."""
        layout = layout_test_page(self.profile, self.kiosk_id, self.language)
        data = await asyncio.to_thread(encode_layout, layout, self.profile)
        async with self._lock:
            status = await self._status()
            if not status.ready:
                raise PrinterNotReady(status)
            try:
                await self.device.write(data)
            except PrinterUnreachable as exc:
                raise PrintInterrupted(str(exc), printed=(), in_doubt=0, status=status) from exc
            status = await self._status()
            return PrintJobResult(() if status.stopped or status.unknown else (0,), status)

    async def close(self) -> None:
        await self.device.close()


def open_printer(settings: Settings) -> TicketPrinter:
    """The printer the settings name; nothing is opened until the first call."""
    return TicketPrinter(
        PrinterDevice(settings.printer, settings.printer_timeout_s),
        load_profile(settings.printer_profile),
        kiosk_id=settings.kiosk_id,
        language=settings.ticket_language,
    )
