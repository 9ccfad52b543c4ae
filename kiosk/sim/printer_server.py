"""The virtual printer: a loopback TCP ESC/POS printer (port 9100 style) that draws
each cut job to a numbered PNG and answers ``DLE EOT`` status with the faults.

Faults (docs/simulators.md): ``paper_out_after:N``, ``paper_near_end`` and
``cover_open`` are conditions that hold while their rule stands, so they are
peeked; ``no_reply``, ``latency``, ``hang``, ``drop_request`` and
``drop_response`` shape one answer, so they are taken (and count ``times:K``).
A job cut while the paper is out or the cover open is dropped, no PNG, and the
offline-cause status then says printing stopped, as a real printer's does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.sim.escpos_render import PAPER_DOTS, EscPosInterpreter, Page, PageCut, StatusRequest
from kiosk.sim.faults import Fault, FaultRule
from kiosk.sim.world import SimWorld

log = logging.getLogger(__name__)

SERVICE = "printer"
_ANSWER_KINDS = ("no_reply", "latency", "hang", "drop_request", "drop_response")
_FIXED = 0x12  # bits 1 and 4 are always set in a status byte


@dataclass
class PrintedJob:
    seq: int
    lines: list[str]  # text the printer read (empty for raster text)
    path: Path | None  # the PNG; None when the job was dropped
    dropped: str = ""  # why it did not print

    @property
    def printed(self) -> bool:
        return self.path is not None


@dataclass
class _Paper:
    """How many jobs have printed under the paper_out_after rule now in force."""

    rule: FaultRule | None = None
    printed: int = 0


@dataclass
class PrinterServer:
    world: SimWorld
    host: str
    port: int
    out_dir: Path
    name: str = SERVICE
    paper_dots: int = PAPER_DOTS
    jobs: list[PrintedJob] = field(default_factory=list)
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _paper: _Paper = field(default_factory=_Paper)
    _stopped: bool = False  # a job was held back: DLE EOT 2 reports it until paper is back

    async def start(self) -> PrinterServer:
        self.out_dir = self.out_dir.resolve()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._server = await asyncio.start_server(self._accept, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("virtual printer on tcp://%s:%d, jobs to %s", self.host, self.port, self.out_dir)
        return self

    def info(self) -> dict[str, Any]:
        return {"url": f"tcp://{self.host}:{self.port}", "out": str(self.out_dir)}

    @property
    def printed(self) -> list[PrintedJob]:
        return [job for job in self.jobs if job.printed]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    # --- printer conditions --------------------------------------------------------------

    def _condition(self, kind: str) -> FaultRule | None:
        faults = self.world.faults
        return faults.peek(SERVICE, "print", (kind,)) or faults.peek(SERVICE, "status", (kind,))

    def _paper_out(self) -> bool:
        rule = self._condition("paper_out_after")
        if rule is not self._paper.rule:  # a new rule starts a new roll count
            self._paper = _Paper(rule)
        return rule is not None and self._paper.printed >= (rule.arg or 0)

    def _status_byte(self, n: int) -> int:
        paper_out = self._paper_out()
        cover_open = self._condition("cover_open") is not None
        if not paper_out and not cover_open:
            self._stopped = False  # paper loaded, cover shut: the printer is back
        if n == 1:
            return _FIXED | (0x08 if paper_out or cover_open else 0)
        if n == 2:
            return (
                _FIXED
                | (0x04 if cover_open else 0)
                | (0x20 if self._stopped and paper_out else 0)
                | (0x40 if self._stopped and cover_open else 0)
            )
        if n == 4:
            near_end = self._condition("paper_near_end") is not None
            return _FIXED | (0x60 if paper_out else 0) | (0x0C if near_end else 0)
        return _FIXED

    # --- connections ---------------------------------------------------------------------

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            log.info("printer connection lost")
        finally:
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        interpreter = EscPosInterpreter(self.paper_dots)
        while data := await reader.read(65536):
            for event in interpreter.feed(data):
                if isinstance(event, StatusRequest):
                    keep_open = await self._answer(event.n, writer)
                else:
                    keep_open = await self._job(event)
                if not keep_open:
                    return
        page = interpreter.finish()  # printed but never cut: a real printer still prints it
        if page is not None:
            await self._complete(page)

    async def _shape(self, operation: str) -> Fault | None:
        """Apply the answer-shaping fault for this operation; hang never returns."""
        fault = self.world.faults.take(SERVICE, operation, _ANSWER_KINDS)
        if fault is not None:
            log.info("printer.%s fault: %s", operation, fault.kind)
            await fault.delay()
        return fault

    async def _answer(self, n: int, writer: asyncio.StreamWriter) -> bool:
        fault = await self._shape("status")
        kind = fault.kind if fault else ""
        if kind in ("drop_request", "drop_response"):
            return False
        if kind != "no_reply":
            writer.write(bytes((self._status_byte(n),)))
            await writer.drain()
        return True

    async def _job(self, cut: PageCut) -> bool:
        fault = await self._shape("print")
        kind = fault.kind if fault else ""
        if kind == "drop_request":
            self._record(cut.page, None, "connection dropped")
            return False
        await self._complete(cut.page)
        return kind != "drop_response"

    async def _complete(self, page: Page) -> None:
        if not page.has_content:
            return
        if self._paper_out():
            self._stopped = True
            self._record(page, None, "paper out")
            return
        if self._condition("cover_open") is not None:
            self._stopped = True
            self._record(page, None, "cover open")
            return
        seq = len(self.jobs) + 1
        path = self.out_dir / f"job-{seq:04d}.png"
        self._record(page, path, "")
        if self._paper.rule is not None:
            self._paper.printed += 1
        # drawing and saving is the slow part of a job; keep the loop answering
        await asyncio.to_thread(lambda: page.render(self.paper_dots).save(path))

    def _record(self, page: Page, path: Path | None, dropped: str) -> None:
        job = PrintedJob(len(self.jobs) + 1, page.lines, path, dropped)
        self.jobs.append(job)
        log.info("printer job %d: %s", job.seq, f"dropped ({dropped})" if dropped else path)


async def start_printer(
    world: SimWorld,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    out_dir: Path,
    paper_dots: int = PAPER_DOTS,
) -> PrinterServer:
    """An 80 mm printer unless ``paper_dots`` says otherwise (384 for 58 mm)."""
    return await PrinterServer(world, host, port, out_dir, paper_dots=paper_dots).start()
