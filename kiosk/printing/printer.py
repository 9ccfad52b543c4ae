"""The ticket printer port the flows use: check, print ticket by ticket, report.

A job is refused before a byte is sent unless the printer says it is ready. Each
ticket (and its fee slip, if any) is its own cut job, and a ticket counts as
printed only when the printer says it is on paper: a status byte is answered the
moment it arrives, while the job before it may still be printing (or stop half
way when the roll ends), so after each cut the kiosk asks the question the
printer answers only once printing has finished, as the profile says it can
(``print_confirm``: ``GS ( H`` fn 48, ``GS r 1``, or an automatic status block).
An answer that does not come in time, or a stop while waiting, leaves the ticket
in doubt, never printed; the rest of a stopped job is then cleared from the
printer so nothing half-printed comes out when the roll is replaced. The collect
flow confirms a print to SARFT only for tickets that came out whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import inspect
import itertools
import logging
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk.domain.printer import OnTicket, PrintJobResult
from kiosk.printing.device import PrinterDevice, PrinterUnreachable
from kiosk.printing.profiles import PrinterProfile, load_profile
from kiosk.printing.replies import (
    AsbReply,
    BufferCleared,
    PaperSensorReply,
    ProcessIdReply,
    Reply,
)
from kiosk.printing.status import (
    OFFLINE_CAUSE,
    PAPER_SENSOR,
    PRINTER,
    PrinterNotReady,
    PrinterStatus,
    PrintInterrupted,
    status_from_replies,
)
from kiosk.printing.ticket import Language, TicketFace
from kiosk.settings import Settings

# The layout and its ESC/POS encoding (python-escpos, qrcode, Pillow: ~100 ms of imports)
# load with the first job, on the encoding thread, or earlier from Services.warm_up(): a
# status read, which is all a start and the availability checks ask, needs neither.
if TYPE_CHECKING:
    from kiosk.printing.escpos import EncodedJob

log = logging.getLogger(__name__)


def _encode_ticket(face: TicketFace, profile: PrinterProfile) -> list[EncodedJob]:
    from kiosk.printing.escpos import encode_job
    from kiosk.printing.layout import layout_fee_slip, layout_ticket

    jobs = [encode_job(layout_ticket(face, profile), profile)]
    slip = face.fee_slip()
    if slip is not None:
        jobs.append(encode_job(layout_fee_slip(slip, profile), profile))
    return jobs


def _encode_test_page(profile: PrinterProfile, kiosk_id: str, language: Language) -> EncodedJob:
    from kiosk.printing.escpos import encode_job
    from kiosk.printing.layout import layout_test_page

    return encode_job(layout_test_page(profile, kiosk_id, language), profile)


GS_PROCESS_ID = b"\x1d(H\x06\x00\x30\x30"  # + four digits: answered once printed
GS_PAPER_SENSOR = b"\x1dr\x01"  # answered in sequence with print data
GS_ASB_ON = b"\x1da\x0f"  # automatic status back: drawer, online, error, paper
DLE_DC4_CLEAR = b"\x10\x14\x08\x01\x03\x14\x01\x06\x02\x08"  # answers 37 25 00
DLE_ENQ_CLEAR = b"\x10\x05\x02"  # recover from an error and clear the buffers
_STOP_POLL_S = 0.25  # how often to look for a stop while waiting for the paper
# Faces encoded ahead and not printed yet: the flow hands over one ticket ahead, so a
# few are plenty; the oldest go first when a flow stopped before printing them.
_AHEAD_KEPT = 4


class PrintOutcome(enum.Enum):
    """How a job's wait for proof of paper ended."""

    ON_PAPER = "on paper"
    STOPPED = "stopped while printing"
    NO_ANSWER = "no confirmation in time"


def confirm_wait_s(job: EncodedJob, profile: PrinterProfile) -> float:
    """How long a job may take before it is in doubt: twice its nominal time, as
    real printers slow down when hot or on a weak supply, plus the margin."""
    return 2 * job.print_time_s(profile) + profile.confirm_margin_s


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
        self._ids = itertools.count(1)  # GS ( H process ids, so no answer is taken twice
        self._ahead: dict[TicketFace, asyncio.Future[list[EncodedJob]]] = {}

    async def __aenter__(self) -> TicketPrinter:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def status(self) -> PrinterStatus:
        async with self._lock:
            return await self._status()

    def prepare(self, faces: Sequence[TicketFace]) -> None:
        """Start encoding these faces now, off the event loop, for a ``print_tickets``
        soon: the collect flow hands over each ticket while the one before it is under
        the head (and the first during SARFT's 0x05), so the printer never stands idle
        waiting for bytes between tickets. Nothing is sent to the printer here."""
        for face in faces:
            if face in self._ahead:
                continue
            while len(self._ahead) >= _AHEAD_KEPT:
                _drop(self._ahead.pop(next(iter(self._ahead))))
            self._ahead[face] = asyncio.ensure_future(
                asyncio.to_thread(_encode_ticket, face, self.profile)
            )

    async def _encoded(self, face: TicketFace) -> list[EncodedJob]:
        ahead = self._ahead.pop(face, None)
        if ahead is None:
            return await asyncio.to_thread(_encode_ticket, face, self.profile)
        return await ahead

    async def _status(self) -> PrinterStatus:
        if not self.profile.status or not self.device.can_read:
            return PrinterStatus.unchecked()
        replies: list[int] = []
        for n in (PRINTER, OFFLINE_CAUSE, PAPER_SENSOR):
            reply = await self.device.query(n)
            if reply is None:  # one silence is enough: do not wait out the other two
                return PrinterStatus.no_reply(f"no answer to DLE EOT {n}")
            replies.append(reply)
        return status_from_replies(*replies, near_end_sensor=self.profile.near_end_sensor)

    async def print_tickets(
        self, faces: Sequence[TicketFace], on_ticket: OnTicket | None = None
    ) -> PrintJobResult:
        """Print every face in order; ``on_ticket(i)`` runs as soon as ticket ``i`` is
        known to be on paper (the flow journals it there).

        Raises PrinterNotReady before anything is sent, or PrintInterrupted with the
        tickets that did come out and the one left in doubt."""
        jobs = [await self._encoded(face) for face in faces]
        async with self._lock:
            status = await self._status()
            if not status.ready:
                log.warning("print refused: %s", status.describe())
                raise PrinterNotReady(status)
            await self._prepare()
            printed: list[int] = []
            for index, (face, ticket_jobs) in enumerate(zip(faces, jobs, strict=True)):
                if index and not status.ready:
                    raise self._interrupted("printer not ready", printed, None, status)
                for part, job in enumerate(ticket_jobs):
                    # the ticket itself is in doubt once its bytes may have reached the
                    # printer; a fee slip that fails leaves its ticket printed
                    doubt = index if part == 0 else None
                    try:
                        await self.device.write(job.data)
                    except PrinterUnreachable as exc:
                        raise self._interrupted(str(exc), printed, doubt, status) from exc
                    outcome = await self._confirm(job)
                    status = await self._status()
                    if outcome is not PrintOutcome.ON_PAPER or (
                        self._confirm_mode == "none" and (status.stopped or status.unknown)
                    ):
                        reason = (
                            outcome.value if outcome is not PrintOutcome.ON_PAPER else "stopped"
                        )
                        status = await self._clear_stopped_job(status)
                        raise self._interrupted(reason, printed, doubt, status)
                    if part == 0:
                        printed.append(index)
                        log.info(
                            "ticket %d of %d on paper: %s", index + 1, len(faces), face.ticket_code
                        )
                        if on_ticket is not None:
                            result = on_ticket(index)
                            if inspect.isawaitable(result):
                                await result
            return PrintJobResult(tuple(printed), status)

    @property
    def _confirm_mode(self) -> str:
        """The profile's ``print_confirm``, unless nothing can be read back at all."""
        if not self.profile.status or not self.device.can_read:
            return "none"
        return self.profile.print_confirm

    async def _prepare(self) -> None:
        """Anything the confirm mode needs turned on before a job."""
        if self._confirm_mode == "asb":
            await self.device.write(GS_ASB_ON)
            # the printer answers with its current state at once: not a confirmation
            await self.device.wait_for(lambda r: isinstance(r, AsbReply), self.device.timeout_s)

    async def _confirm(self, job: EncodedJob) -> PrintOutcome:
        """Wait until the printer says the job is on paper, watching for a stop."""
        mode = self._confirm_mode
        if mode == "none":
            return PrintOutcome.ON_PAPER  # the README says what this risks
        wanted: Callable[[Reply], bool]
        if mode == "process_id":
            ident = f"{next(self._ids) % 10000:04d}".encode()
            request = GS_PROCESS_ID + ident

            def wanted(reply: Reply) -> bool:
                return isinstance(reply, ProcessIdReply) and reply.ident == ident

        elif mode == "transmit_status":
            request = GS_PAPER_SENSOR

            def wanted(reply: Reply) -> bool:
                return isinstance(reply, PaperSensorReply)

        else:  # asb: the block the printer sends when it goes idle after the job
            request = b""

            def wanted(reply: Reply) -> bool:
                return isinstance(reply, AsbReply)

        def outcome(reply: Reply) -> PrintOutcome:
            if isinstance(reply, AsbReply) and reply.fault:
                return PrintOutcome.STOPPED
            if isinstance(reply, PaperSensorReply) and reply.paper_end:
                return PrintOutcome.STOPPED
            return PrintOutcome.ON_PAPER

        deadline = time.monotonic() + confirm_wait_s(job, self.profile)
        try:
            if request:
                await self.device.write(request)
            while (remaining := deadline - time.monotonic()) > 0:
                reply = await self.device.wait_for(wanted, min(_STOP_POLL_S, remaining))
                if reply is not None:
                    return outcome(reply)
                # status is answered at once even mid-job: a stop need not wait it out
                status = await self._status()
                if not status.unknown and (status.stopped or not status.ready):
                    # the answer for the job may have come just before the status: the
                    # roll ended (or the cover opened) after the job, not under it
                    reply = await self.device.wait_for(wanted, 0)
                    return PrintOutcome.STOPPED if reply is None else outcome(reply)
        except PrinterUnreachable as exc:
            log.warning("confirmation lost: %s", exc)
        return PrintOutcome.NO_ANSWER

    async def _clear_stopped_job(self, status: PrinterStatus) -> PrinterStatus:
        """Throw away what is left of a stopped job, so it cannot come out when the
        roll is replaced (a staff reprint would then make two), and look again."""
        mode = self.profile.buffer_clear if self.device.can_read else "none"
        try:
            if mode == "dle_dc4":
                cleared = await self.device.ask(
                    DLE_DC4_CLEAR, lambda r: isinstance(r, BufferCleared), self.device.timeout_s
                )
                if cleared is None:
                    log.warning("printer did not confirm its buffer was cleared")
            elif mode == "dle_enq":
                await self.device.write(DLE_ENQ_CLEAR)
            else:
                log.warning("this printer cannot clear its buffer: the rest may print later")
        except PrinterUnreachable as exc:
            log.warning("could not clear the printer's buffer: %s", exc)
            return status
        return await self._status()

    @staticmethod
    def _interrupted(
        reason: str, printed: list[int], in_doubt: int | None, status: PrinterStatus
    ) -> PrintInterrupted:
        error = PrintInterrupted(reason, printed=tuple(printed), in_doubt=in_doubt, status=status)
        log.error("%s (%s)", error, status.describe())
        return error

    async def test_print(self) -> PrintJobResult:
        """A test page for staff, through the kiosk's own connection: refused like a
        ticket when the printer is not ready, and counted only when on paper."""
        job = await asyncio.to_thread(_encode_test_page, self.profile, self.kiosk_id, self.language)
        async with self._lock:
            status = await self._status()
            if not status.ready:
                raise PrinterNotReady(status)
            await self._prepare()
            try:
                await self.device.write(job.data)
            except PrinterUnreachable as exc:
                raise PrintInterrupted(str(exc), printed=(), in_doubt=0, status=status) from exc
            outcome = await self._confirm(job)
            status = await self._status()
            if outcome is not PrintOutcome.ON_PAPER or status.stopped or status.unknown:
                status = await self._clear_stopped_job(status)
                return PrintJobResult((), status)
            return PrintJobResult((0,), status)

    async def close(self) -> None:
        for ahead in self._ahead.values():
            _drop(ahead)
        self._ahead.clear()
        await self.device.close()


def _drop(ahead: asyncio.Future[list[EncodedJob]]) -> None:
    """Forget an encoding nobody will print; a failure in it is not news (the face
    fails the same way when it is printed after all), so it is taken, never logged."""
    if ahead.done():
        if not ahead.cancelled():
            ahead.exception()
        return
    with contextlib.suppress(RuntimeError):  # its loop already closed: nothing to tell
        ahead.cancel()
        ahead.add_done_callback(lambda done: done.cancelled() or done.exception())


def open_printer(settings: Settings) -> TicketPrinter:
    """The printer the settings name; nothing is opened until the first call."""
    return TicketPrinter(
        PrinterDevice(settings.printer, settings.printer_timeout_s),
        load_profile(settings.printer_profile),
        kiosk_id=settings.kiosk_id,
        language=settings.ticket_language,
    )
