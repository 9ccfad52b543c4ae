"""The virtual printer: a loopback TCP ESC/POS printer (port 9100 style) that behaves
like the thermal printer of a profile (``printers/NAME.toml``) in time as well as in
bytes, and draws what comes out to numbered PNGs.

**Two sides, as in a printer.** The receiving side reads a connection, parses the
bytes at once and runs the real-time commands on receipt: ``DLE EOT n`` is answered
even while a job is printing (it says nothing about the job before it),
``DLE ENQ 2`` and ``DLE DC4`` fn 8 clear the buffers (the latter answers
``37 25 00``), ``DLE ENQ 1`` recovers from an error. Everything else goes into the
printer's buffer, and the mechanism prints it at the profile's
``print_speed_mm_s``: a row of ``h`` dots takes ``h / dpi * 25.4 / speed`` seconds,
counted from when the job's bytes arrived (a real printer starts as they stream in;
drawing them here is not the printer's time), and a job ends when its last row is
out, not at the next step of the mechanism.
``GS ( H`` fn 48 (answer ``37 22 d1 d2 d3 d4 00``) and ``GS r n`` (one byte: ``GS r
1`` bits 0-1 = 0x03 paper near end, bits 2-3 = 0x0C paper end, bits 4 and 7 clear)
wait in the buffer and are answered only when everything before them has printed;
a buffer clear drops them unanswered. The buffer has no size limit (a real one
takes 4-45 KB; a bigger job would hold back the status requests behind it).

**One connection at a time** is served (an Epson UB-E02 lets one print while the
others wait); a connection that sends nothing for ``idle_close_s`` (300 s, as the
UB-E02) is closed.

**Status** (Epson's bits). ``DLE EOT 1``: bit 3 offline (paper end, cover open or
an error). ``DLE EOT 2``: bit 2 cover open, bit 5 printing stopped by paper end,
bit 6 error (a jam, or the cover opened under a job). ``DLE EOT 3``: bit 2
mechanical error (a jam), bit 6 automatically recoverable error (the cover under a
job). ``DLE EOT 4``: bits 2-3 near end (only with a near-end sensor), bits 5-6
paper end. Bits 1 and 4 are always set.

**Automatic status back** (``GS a n``, n != 0) sends a 4-byte block at once, again
whenever an item enabled in n changes (bit 0 drawer, bit 1 online/offline and
cover, bit 2 errors, bit 3 paper sensors), and whenever a job (a cut) has finished
printing: the change back from printing to idle, which the block itself has no bit
for. Epson's layout: byte 1 = 0x10 fixed, bit 3 offline, bit 5 cover open (bits
0, 1, 7 clear); byte 2 = bit 2 mechanical error (a jam), bit 3 autocutter error,
bit 5 unrecoverable error, bit 6 automatically recoverable error; byte 3 = bits
0-1 (0x03) near end, bits 2-3 (0x0C) paper end; byte 4 = 0. Bits 4 and 7 of bytes
2-4 are clear. It goes to the connection that asked for it, until ``GS a 0`` or
that connection closes.

**Faults** (docs/simulators.md). Conditions hold while their rule stands and are
peeked: ``paper_out_after:N`` (N more jobs print, then the roll ends),
``paper_out_after_mm:N`` (N more millimetres, then the roll ends, mid-ticket if
so), ``paper_near_end``, ``cover_open``, ``slow:MM_S`` (print at that speed),
``jam`` (the next job stops about half-way with a mechanical error; it stays
jammed until the rule is removed, or, once a ``times:K`` rule is used up, until
``DLE ENQ 1``/``2``). A new paper rule is a new roll. When printing stops part-way,
what came out is a PNG (``PrintedJob.partial``), the rest stays in the buffer, and
when the cause goes (the rule removed: paper reloaded, cover shut, jam cleared) the
rest prints as a job of its own (``PrintedJob.continues``), unless the buffer was
cleared. A job stopped before anything came out is recorded with no PNG.
``no_reply``, ``latency``, ``hang``, ``drop_request`` and ``drop_response`` shape
one answer and are taken (counting ``times:K``): on ``print`` at each cut, on
``status`` for ``DLE EOT`` and for ``GS ( H``/``GS r`` when they come due. A hang
holds the connection until its rule is removed (the hung request is then lost:
a job never prints, a status is never answered) or the host closes the
connection, which frees the line for the next one.
``eof_when_idle``: data arriving on a connection idle for more than 1 s closes it
unanswered, as when the printer had closed an idle connection the client had not
noticed (``printer.status`` for a request that starts with a status command,
``printer.print`` otherwise).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import time
from collections import deque
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PIL import Image

from kiosk.sim.escpos_render import (
    AsbRequest,
    BufferClearRequest,
    EscPosInterpreter,
    Event,
    Page,
    PageCut,
    PagePart,
    RecoverRequest,
    SequencedRequest,
    StatusRequest,
)
from kiosk.sim.faults import Fault, FaultRule
from kiosk.sim.printer_profile import DEFAULT_PROFILE, SimPrinterProfile, load_sim_profile
from kiosk.sim.world import SimWorld

log = logging.getLogger(__name__)

SERVICE = "printer"
DEFAULT_IDLE_CLOSE_S = 300.0  # Epson UB-E02: an idle connection is closed after 5 minutes
EOF_IDLE_S = 1.0  # eof_when_idle: idle this long, the printer "had closed" the connection
_ANSWER_KINDS = ("no_reply", "latency", "hang", "drop_request", "drop_response")
_GONE = "gone"  # not a fault kind: the host closed the connection while one held us
_FIXED = 0x12  # bits 1 and 4 are always set in a DLE EOT status byte
_TICK_S = 0.02  # the mechanism moves the paper in steps this long
_POLL_S = 0.05  # how often a stopped or idle printer looks at its sensors
_CLOSE_DRAIN_MAX_S = 30.0
_STATUS_COMMANDS = (b"\x10\x04", b"\x10\x05", b"\x10\x14", b"\x1d(H", b"\x1dr")

PAPER_OUT = "paper out"
COVER_OPEN = "cover open"
JAM = "jam"
CLEARED = "buffer cleared"


@dataclass
class PrintedJob:
    seq: int
    lines: list[str]  # text the printer read (empty for raster text)
    path: Path | None  # the PNG; None when nothing came out
    dropped: str = ""  # why it stopped or did not print
    partial: bool = False  # it stopped part-way: the PNG is what came out before
    continues: int | None = None  # the seq of the stopped job whose rest this is

    @property
    def printed(self) -> bool:
        """Came out whole."""
        return self.path is not None and not self.partial


@dataclass(eq=False)
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    pending: bytes = b""  # read while a fault held the answer back, not yet parsed
    last_activity: float = field(default_factory=time.monotonic)
    asb: int = 0  # GS a n in force
    asb_sent: bytes = b""
    open: bool = True

    def send(self, data: bytes) -> None:
        if self.open and not self.writer.is_closing():
            self.writer.write(data)
            self.last_activity = time.monotonic()


@dataclass(eq=False)
class _Chunk:
    """Rows waiting in the buffer; ``offset`` dots of the first are already printed."""

    rows: list[Image.Image]
    texts: list[str | None]
    ends_job: bool
    offset: int = 0
    arrived: float | None = None  # when its bytes began to arrive (monotonic)

    @property
    def height(self) -> int:
        return sum(r.height for r in self.rows) - self.offset


@dataclass(frozen=True, eq=False)
class _Answer:
    request: SequencedRequest
    conn: _Connection


_Item = _Chunk | _Answer


@dataclass
class _Progress:
    """The job under the head: what of it is on paper so far."""

    rows: list[Image.Image] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)
    dots: int = 0
    jam_at: int | None = None
    continues: int | None = None


@dataclass
class _Roll:
    """Paper used under the paper rules now in force (a new rule is a new roll)."""

    jobs_rule: FaultRule | None = None
    jobs: int = 0
    mm_rule: FaultRule | None = None
    dots: int = 0


@dataclass
class PrinterServer:
    world: SimWorld
    host: str
    port: int
    out_dir: Path
    name: str = SERVICE
    paper_dots: int | None = None  # None: the profile's
    profile: str = DEFAULT_PROFILE
    idle_close_s: float = DEFAULT_IDLE_CLOSE_S
    model: SimPrinterProfile = field(init=False)
    _jobs: list[PrintedJob] = field(default_factory=list)
    # PNGs of whole jobs being written, one at a time in job order, after the job's
    # paper is out and answered for (the drawing is the simulator's, not the printer's)
    _drawer: concurrent.futures.ThreadPoolExecutor = field(
        default_factory=lambda: concurrent.futures.ThreadPoolExecutor(
            1, thread_name_prefix="virtual-printer-png"
        )
    )
    _drawing: set[concurrent.futures.Future[None]] = field(default_factory=set)
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _mechanism: asyncio.Task[None] | None = None
    _line: asyncio.Lock = field(default_factory=asyncio.Lock)  # one connection at a time
    _connections: set[_Connection] = field(default_factory=set)
    _buffer: deque[_Item] = field(default_factory=deque)
    _job: _Progress | None = None
    _continues: int | None = None  # the stopped job the next one is the rest of
    _stop: str = ""  # why printing is stopped; "" while it can print
    _jammed: FaultRule | None = None  # the jam rule the printer is stuck on
    _jam_rule: FaultRule | None = None  # the jam rule of the job under the head
    _seq: int = 0
    _roll: _Roll = field(default_factory=_Roll)
    _budget: float = 0.0  # dots the head may still print in this step
    _clock: float | None = None
    _idle_since: float = 0.0  # when the mechanism last found nothing to print
    _arriving: float | None = None  # when the bytes of the job being received began
    _wake: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        model = load_sim_profile(self.profile)
        if self.paper_dots is not None:
            model = replace(model, paper_dots=self.paper_dots)
        self.model = model
        self.paper_dots = model.paper_dots

    async def start(self) -> PrinterServer:
        self.out_dir = self.out_dir.resolve()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._server = await asyncio.start_server(self._accept, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        self._mechanism = asyncio.create_task(self._run_mechanism())
        log.info(
            "virtual printer %s on tcp://%s:%d (%d dots, %g mm/s), jobs to %s",
            self.profile,
            self.host,
            self.port,
            self.model.paper_dots,
            self.model.print_speed_mm_s,
            self.out_dir,
        )
        return self

    def info(self) -> dict[str, Any]:
        return {
            "url": f"tcp://{self.host}:{self.port}",
            "out": str(self.out_dir),
            "profile": self.profile,
        }

    @property
    def jobs(self) -> list[PrintedJob]:
        """Every job so far, each with its PNG on disk: a PNG still being written is
        waited for here (a few milliseconds), so whoever reads a job can open its file."""
        if self._drawing:
            concurrent.futures.wait(list(self._drawing))
        return self._jobs

    @property
    def printed(self) -> list[PrintedJob]:
        """Jobs that came out whole."""
        return [job for job in self.jobs if job.printed]

    @property
    def busy(self) -> bool:
        """Something received is still to print (and printing is not stopped)."""
        return not self._stop and (bool(self._buffer) or self._job is not None)

    async def wait_idle(self, timeout_s: float = 10.0) -> bool:
        """Wait until everything received has printed or printing has stopped."""
        deadline = time.monotonic() + timeout_s
        while self.busy:
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(_TICK_S)
        return True

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        # what is in the buffer finishes printing, as a printer does when the host goes
        rate = self._rate()
        if rate > 0:
            left = sum(item.height for item in self._buffer if isinstance(item, _Chunk))
            await self.wait_idle(min(_CLOSE_DRAIN_MAX_S, left / rate + 2.0))
        if self._mechanism is not None:
            self._mechanism.cancel()
            await asyncio.gather(self._mechanism, return_exceptions=True)
            self._mechanism = None
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None
        if self._drawing:  # every PNG written before the printer is gone
            await asyncio.to_thread(concurrent.futures.wait, list(self._drawing))

    # --- printer conditions --------------------------------------------------------------

    def _condition(self, kind: str) -> FaultRule | None:
        faults = self.world.faults
        return faults.peek(SERVICE, "print", (kind,)) or faults.peek(SERVICE, "status", (kind,))

    def _standing(self, rule: FaultRule) -> bool:
        return any(r is rule for r in self.world.faults.rules)

    def _paper_left(self) -> int | None:
        """Dots of paper left on a roll under ``paper_out_after_mm``; None: no end."""
        rule = self._condition("paper_out_after_mm")
        if rule is not self._roll.mm_rule:
            self._roll.mm_rule, self._roll.dots = rule, 0
        if rule is None:
            return None
        return max(0, self.model.mm_to_dots(rule.arg or 0) - self._roll.dots)

    def _paper_out(self) -> bool:
        rule = self._condition("paper_out_after")
        if rule is not self._roll.jobs_rule:  # a new rule starts a new roll count
            self._roll.jobs_rule, self._roll.jobs = rule, 0
        # a roll counted in jobs ends between two jobs: one under the head goes on
        between_jobs = self._job is None or self._job.dots == 0
        by_jobs = rule is not None and self._roll.jobs >= (rule.arg or 0) and between_jobs
        return by_jobs or self._paper_left() == 0

    def _cover_open(self) -> bool:
        return self._condition("cover_open") is not None

    def _near_end(self) -> bool:
        return self.model.near_end_sensor and self._condition("paper_near_end") is not None

    def _rate(self) -> float:
        slow = self._condition("slow")
        speed = float(slow.arg or 0) if slow is not None else self.model.print_speed_mm_s
        return self.model.dots_per_s(speed) if speed > 0 else 0.0

    def _refresh(self) -> None:
        """Look at the sensors: a cause that has gone lets a stopped printer go on."""
        if self._jammed is not None and not self._standing(self._jammed):
            self._jammed = None
        gone = {
            PAPER_OUT: lambda: not self._paper_out(),
            COVER_OPEN: lambda: not self._cover_open(),
            JAM: lambda: self._jammed is None,
        }
        if self._stop and gone[self._stop]():
            self._stop = ""
        if not self._stop and self._buffer:
            self._wake.set()

    def _status_byte(self, n: int) -> int:
        self._refresh()
        paper_out, cover_open = self._paper_out(), self._cover_open()
        jammed = self._jammed is not None
        if n == 1:
            return _FIXED | (0x08 if paper_out or cover_open or jammed else 0)
        if n == 2:
            return (
                _FIXED
                | (0x04 if cover_open else 0)
                | (0x20 if self._stop == PAPER_OUT and paper_out else 0)
                | (0x40 if jammed or (self._stop == COVER_OPEN and cover_open) else 0)
            )
        if n == 3:
            return (
                _FIXED
                | (0x04 if jammed else 0)
                | (0x40 if self._stop == COVER_OPEN and cover_open else 0)
            )
        if n == 4:
            return _FIXED | (0x60 if paper_out else 0) | (0x0C if self._near_end() else 0)
        return _FIXED

    def _paper_sensor_byte(self) -> int:
        """``GS r 1``: bits 4 and 7 clear, which tells it from a DLE EOT reply."""
        return (0x0C if self._paper_out() else 0) | (0x03 if self._near_end() else 0)

    def _asb_block(self) -> bytes:
        self._refresh()
        offline = self._paper_out() or self._cover_open() or self._jammed is not None
        first = 0x10 | (0x08 if offline else 0) | (0x20 if self._cover_open() else 0)
        second = (0x04 if self._jammed is not None else 0) | (
            0x40 if self._stop == COVER_OPEN else 0
        )
        third = (0x0C if self._paper_out() else 0) | (0x03 if self._near_end() else 0)
        return bytes((first, second, third, 0))

    @staticmethod
    def _asb_masked(block: bytes, n: int) -> bytes:
        """The parts of a block that n asks to be told about."""
        first = (0x04 if n & 0x01 else 0) | (0x68 if n & 0x02 else 0)
        return bytes(
            (
                block[0] & first,
                block[1] if n & 0x04 else 0,
                block[2] if n & 0x08 else 0,
                0,
            )
        )

    def _send_asb(self, *, changes_only: bool) -> None:
        block: bytes | None = None
        for conn in list(self._connections):
            if not conn.asb:
                continue
            block = block or self._asb_block()
            last = conn.asb_sent
            if (
                changes_only
                and last
                and self._asb_masked(block, conn.asb) == self._asb_masked(last, conn.asb)
            ):
                continue
            conn.asb_sent = block
            conn.send(block)

    # --- the mechanism -------------------------------------------------------------------

    async def _run_mechanism(self) -> None:
        while True:
            self._refresh()
            self._send_asb(changes_only=True)
            if self._stop or not self._buffer:
                if self._clock is not None:
                    self._idle_since = time.monotonic()
                self._clock = None
                self._budget = 0.0
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), _POLL_S)
                continue
            head = self._buffer[0]
            if isinstance(head, _Answer):
                self._buffer.popleft()
                self._answer_in_sequence(head)
                continue
            try:
                await self._print(head)
            except Exception:
                log.exception("virtual printer mechanism failed; the job is dropped")
                self._clear_buffers()

    def _stop_reason(self, job: _Progress) -> str:
        if self._cover_open():
            return COVER_OPEN
        if self._jammed is not None:
            return JAM
        if job.jam_at is not None and job.dots >= job.jam_at:
            return JAM
        if self._paper_out():
            return PAPER_OUT
        return ""

    def _start_job(self) -> _Progress:
        job = _Progress(continues=self._continues)
        self._continues = None
        rule = self._condition("jam")
        if rule is not None:
            height = 0
            for item in self._buffer:
                if isinstance(item, _Chunk):
                    height += item.height
                    if item.ends_job:
                        break
            job.jam_at = max(1, height // 2)
            if rule.times is not None:
                rule.times -= 1
            self._jam_rule = rule
        return job

    async def _print(self, chunk: _Chunk) -> None:
        """Move the paper one step under the head, or stop."""
        if self._job is None:
            self._job = self._start_job()
        job = self._job
        reason = self._stop_reason(job)
        if reason:
            self._halt(job, chunk, reason)
            return
        now = time.monotonic()
        if self._clock is None:
            # paper moves from the moment the job began to arrive, never before the
            # printer was free
            self._clock = max(self._idle_since, min(now, chunk.arrived or now))
        rate = self._rate()
        step = _TICK_S
        if rate > 0:  # the last step of a chunk lasts only until its last row is out
            owed = self._budget + (now - self._clock) * rate
            step = min(_TICK_S, max(0.0, (chunk.height - owed) / rate))
        await asyncio.sleep(step)
        if self._job is not job or not self._buffer or self._buffer[0] is not chunk:
            return  # cleared while the paper moved
        now = time.monotonic()
        self._budget += (now - self._clock) * self._rate()
        self._clock = now
        dots = int(self._budget)
        paper_left = self._paper_left()
        if paper_left is not None:
            dots = min(dots, paper_left)
        if job.jam_at is not None:
            dots = min(dots, max(0, job.jam_at - job.dots))
        used = self._advance(chunk, job, dots)
        self._budget -= used
        job.dots += used
        if paper_left is not None:
            self._roll.dots += used
        if chunk.rows:
            return
        self._buffer.popleft()
        if chunk.ends_job:
            self._job = None
            await self._finish(job)

    @staticmethod
    def _advance(chunk: _Chunk, job: _Progress, dots: int) -> int:
        used = 0
        while chunk.rows and used < dots:
            row = chunk.rows[0]
            step = min(dots - used, row.height - chunk.offset)
            chunk.offset += step
            used += step
            if chunk.offset >= row.height:
                job.rows.append(chunk.rows.pop(0))
                job.texts.append(chunk.texts.pop(0))
                chunk.offset = 0
        return used

    async def _finish(self, job: _Progress) -> None:
        paper_out_at = time.monotonic()
        page = Page(job.rows, job.texts, cut=True)
        drawing = self._save(page, continues=job.continues) if page.has_content else None
        self._send_asb(changes_only=False)  # printing -> idle: ASB says so
        if page.has_content and self._roll.jobs_rule is not None:
            self._roll.jobs += 1  # a roll that ends here: the next block says so
        # The job is on paper: what waits right behind it (a GS ( H) is answered now, as
        # a printer answers, not once the simulator has drawn its PNG.
        while self._buffer and isinstance(self._buffer[0], _Answer):
            answer = self._buffer.popleft()
            assert isinstance(answer, _Answer)
            self._answer_in_sequence(answer)
        if drawing is not None:
            # shielded: closing cancels this task, and a cancelled wrap_future cancels a
            # drawing still queued, leaving the job listed with a PNG never written
            await asyncio.shield(asyncio.wrap_future(drawing))
        # drawing the PNG is not paper moving: a job that came meanwhile moves from when
        # it came, never before this one's paper was out
        self._clock = None
        self._idle_since = paper_out_at

    def _halt(self, job: _Progress, chunk: _Chunk, reason: str) -> None:
        """Stop part-way: what came out is one job, the rest stays in the buffer."""
        self._job = None
        self._stop = reason
        if reason == JAM and self._jammed is None:
            self._jammed = self._jam_rule
        if chunk.offset:  # the row under the head: its top is out, its bottom is not
            row = chunk.rows[0]
            job.rows.append(row.crop((0, 0, row.width, chunk.offset)))
            job.texts.append(None)
            chunk.rows[0] = row.crop((0, chunk.offset, row.width, row.height))
            chunk.offset = 0
        page = Page(job.rows, job.texts)
        log.info("virtual printer stopped (%s) after %d dots of a job", reason, job.dots)
        # drawn here and now, not on a thread: the job is in ``jobs`` by the time
        # anyone can see the printer stopped
        record = self._record(page, dropped=reason, continues=job.continues, draw=True)
        self._continues = record.seq
        self._send_asb(changes_only=True)

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _save(self, page: Page, *, continues: int | None) -> concurrent.futures.Future[None]:
        """A whole job, recorded as its paper comes out; its PNG is written on the
        drawing thread (``jobs`` waits for it), whole under a name no reader globs,
        then renamed: a reader in another process never opens half a PNG."""
        seq = self._next_seq()
        path = self.out_dir / f"job-{seq:04d}.png"
        image = page.render(self.model.paper_dots)

        def write() -> None:
            part = path.with_name(path.name + ".part")
            image.save(part, format="PNG", compress_level=1)  # the fastest compression
            os.replace(part, path)

        drawing = self._drawer.submit(write)
        self._drawing.add(drawing)
        drawing.add_done_callback(self._drawing.discard)
        self._jobs.append(PrintedJob(seq, page.lines, path, "", False, continues))
        log.info("printer job %d: %s", seq, path)
        return drawing

    def _record(
        self, page: Page, *, dropped: str, continues: int | None = None, draw: bool = False
    ) -> PrintedJob:
        """A job that stopped: with ``draw``, what of it came out is drawn (partial)."""
        seq = self._next_seq()
        path = None
        if draw and page.has_content:
            path = self.out_dir / f"job-{seq:04d}.png"
            page.render(self.model.paper_dots).save(path)
        job = PrintedJob(seq, page.lines, path, dropped, path is not None, continues)
        self._jobs.append(job)
        log.info("printer job %d: %s (%s)", seq, path or "nothing came out", dropped)
        return job

    def _clear_buffers(self) -> None:
        """``DLE DC4`` fn 8 / ``DLE ENQ 2``: nothing received so far will print, and the
        in-sequence requests waiting in the buffer are never answered."""
        job, self._job = self._job, None
        self._buffer.clear()
        self._continues = None
        if job is not None:
            page = Page(job.rows, job.texts)
            if page.has_content:  # the head was part-way through a job: that much is out
                self._record(page, dropped=CLEARED, continues=job.continues, draw=True)
        log.info("virtual printer buffers cleared")

    def _recover(self) -> None:
        """``DLE ENQ 1/2``: an error whose cause has gone is cleared."""
        jammed = self._jammed
        if jammed is not None and (jammed.exhausted or not self._standing(jammed)):
            self._jammed = None
        self._refresh()

    def _answer_in_sequence(self, answer: _Answer) -> None:
        conn, request = answer.conn, answer.request
        if not conn.open:
            return
        reply = b""
        if request.kind == "process_id":
            reply = b"\x37\x22" + request.data + b"\x00"
        elif request.kind == "transmit_status":
            n = request.data[0]
            if n in (1, 49):
                reply = bytes((self._paper_sensor_byte(),))
            elif n in (2, 50):
                reply = b"\x00"  # drawer kick-out connector pin 3 low
        if not reply:
            return
        rule = self._take("status", _ANSWER_KINDS)
        fault = Fault(rule.kind, rule.arg) if rule is not None else None
        kind = fault.kind if fault else ""
        if kind:
            log.info("printer.status fault on %s: %s", request.kind, kind)
        if kind in ("no_reply", "hang"):
            return
        if kind in ("drop_request", "drop_response"):
            conn.open = False
            conn.writer.close()
            return
        if kind == "latency" and fault is not None:
            task = asyncio.create_task(self._late(fault, conn, reply))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return
        conn.send(reply)

    @staticmethod
    async def _late(fault: Fault, conn: _Connection, reply: bytes) -> None:
        await fault.delay()
        conn.send(reply)

    # --- connections ---------------------------------------------------------------------

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            async with self._line:  # the others wait, unread, until this one closes
                conn = _Connection(reader, writer)
                self._connections.add(conn)
                try:
                    await self._serve(conn)
                finally:
                    conn.open = False
                    self._connections.discard(conn)
        except (ConnectionError, asyncio.IncompleteReadError):
            log.info("printer connection lost")
        except asyncio.CancelledError:
            # the printer is switched off (close()): the connection just ends; asyncio
            # would otherwise log the cancelled handler as an error
            log.debug("printer connection closed at shutdown")
        finally:
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    def _interpreter(self) -> EscPosInterpreter:
        return EscPosInterpreter(
            self.model.paper_dots,
            charset=self.model.charset,
            chinese_default=self.model.chinese_default,
            qr_module_max=self.model.qr_module_max,
        )

    async def _serve(self, conn: _Connection) -> None:
        interpreter = self._interpreter()
        conn.last_activity = time.monotonic()
        while True:
            data, conn.pending = conn.pending, b""
            if not data:
                try:
                    data = await asyncio.wait_for(conn.reader.read(65536), self.idle_close_s)
                except TimeoutError:
                    log.info("printer connection idle for %g s: closed", self.idle_close_s)
                    break
                if not data:
                    break
                now = time.monotonic()
                if now - conn.last_activity > EOF_IDLE_S and self._eof_when_idle(data):
                    log.info("printer.eof_when_idle: the connection was closed while idle")
                    return
                conn.last_activity = now
            if self._arriving is None:
                self._arriving = time.monotonic()
            for event in interpreter.feed(data):
                if not await self._event(event, conn, interpreter):
                    return
        page = interpreter.finish()  # printed but never cut: a real printer still prints it
        if page is not None:
            self._enqueue(_Chunk(page.rows, page.texts, ends_job=True))

    def _eof_when_idle(self, data: bytes) -> bool:
        operation = "status" if data.startswith(_STATUS_COMMANDS) else "print"
        return self.world.faults.take(SERVICE, operation, ("eof_when_idle",)) is not None

    def _enqueue(self, item: _Item) -> None:
        if isinstance(item, _Chunk):
            item.arrived, self._arriving = self._arriving, None
        self._buffer.append(item)
        self._wake.set()

    async def _event(self, event: Event, conn: _Connection, interpreter: EscPosInterpreter) -> bool:
        """Act on one event; False closes the connection."""
        if not isinstance(event, PagePart | PageCut):
            self._arriving = None  # a request: what arrived with it was no job's start
        if isinstance(event, StatusRequest):
            return await self._answer(event.n, conn)
        if isinstance(event, BufferClearRequest):
            interpreter.clear()
            self._clear_buffers()
            conn.send(b"\x37\x25\x00")
        elif isinstance(event, RecoverRequest):
            if event.n == 2:
                interpreter.clear()
                self._clear_buffers()
            self._recover()
        elif isinstance(event, SequencedRequest):
            self._enqueue(_Answer(event, conn))
        elif isinstance(event, AsbRequest):
            conn.asb = event.n
            if event.n:
                conn.asb_sent = self._asb_block()
                conn.send(conn.asb_sent)
        elif isinstance(event, PagePart):
            self._enqueue(_Chunk(event.page.rows, event.page.texts, ends_job=False))
        else:
            return await self._job_received(event, conn)
        return True

    def _take(self, operation: str, kinds: tuple[str, ...]) -> FaultRule | None:
        """As ``FaultBook.take`` (one hit of a ``times`` rule), but the rule itself:
        a hang lasts as long as its rule stands."""
        rule = self.world.faults.peek(SERVICE, operation, kinds)
        if rule is not None and rule.times is not None:
            rule.times -= 1
        return rule

    async def _shape(self, operation: str, conn: _Connection) -> Fault | None:
        """Apply the answer-shaping fault for this operation: a latency waits; a hang
        holds the answer until its rule is removed (the request is then lost, never
        answered) or the host goes away. A host that goes away meanwhile ends the
        connection (kind ``gone``), so a hung printer does not hold the line against
        the next connection for ever."""
        rule = self._take(operation, _ANSWER_KINDS)
        if rule is None:
            return None
        fault = Fault(rule.kind, rule.arg)
        log.info("printer.%s fault: %s", operation, fault.kind)
        held = self._hang(rule) if fault.kind == "hang" else fault.delay()
        if not await self._hold(held, fault.kind, conn):
            return Fault(_GONE)
        return fault

    async def _hang(self, rule: FaultRule) -> None:
        # the fault book tells nobody when a rule goes (control API, tests): look
        while self._standing(rule):  # noqa: ASYNC110
            await asyncio.sleep(_POLL_S)
        log.info("printer: %s removed, the printer answers again", rule.text)

    @staticmethod
    async def _hold(held: Coroutine[Any, Any, None], kind: str, conn: _Connection) -> bool:
        """Wait for ``held`` while reading on (kept for later), so the end of the
        connection is seen; False when the host closed it meanwhile."""
        delay = asyncio.ensure_future(held)
        try:
            while not delay.done():
                read = asyncio.ensure_future(conn.reader.read(65536))
                done, _ = await asyncio.wait({delay, read}, return_when=asyncio.FIRST_COMPLETED)
                if read not in done:
                    read.cancel()  # StreamReader keeps what it had: nothing is lost
                    await asyncio.wait({read})
                    if read.cancelled():
                        continue
                data = read.result()
                if not data:
                    log.info("printer: the host closed the connection during %s", kind)
                    return False
                conn.pending += data
            return True
        finally:
            delay.cancel()

    async def _answer(self, n: int, conn: _Connection) -> bool:
        fault = await self._shape("status", conn)
        kind = fault.kind if fault else ""
        if kind in ("drop_request", "drop_response", _GONE):
            return False
        if kind not in ("no_reply", "hang"):
            conn.send(bytes((self._status_byte(n),)))
            await conn.writer.drain()
        return True

    async def _job_received(self, cut: PageCut, conn: _Connection) -> bool:
        fault = await self._shape("print", conn)
        kind = fault.kind if fault else ""
        if kind == _GONE:
            return False
        if kind == "hang":
            return True  # the hung printer lost the job; it takes the next one
        if kind == "drop_request":
            self._record(cut.page, dropped="connection dropped")
            return False
        self._enqueue(_Chunk(cut.page.rows, cut.page.texts, ends_job=True))
        return kind != "drop_response"


async def start_printer(
    world: SimWorld,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    out_dir: Path,
    profile: str = DEFAULT_PROFILE,
    paper_dots: int | None = None,
    idle_close_s: float = DEFAULT_IDLE_CLOSE_S,
) -> PrinterServer:
    """The printer of ``printers/PROFILE.toml``; ``paper_dots`` overrides its width
    (384 for 58 mm)."""
    server = PrinterServer(
        world,
        host,
        port,
        out_dir,
        paper_dots=paper_dots,
        profile=profile,
        idle_close_s=idle_close_s,
    )
    return await server.start()
