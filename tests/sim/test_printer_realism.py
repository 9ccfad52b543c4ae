"""The virtual printer behaves like a thermal printer in time as well as in bytes.

Every test talks to it over a real loopback socket with ESC/POS bytes written here
from the Epson reference, not with the kiosk's client: a mistake shared by the
client and the printer would otherwise pass."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from PIL import Image

from kiosk.sim.control import ControlServer
from kiosk.sim.escpos_render import MARGIN_DOTS
from kiosk.sim.printer_server import PrinterServer, start_printer
from kiosk.sim.store import SimStore
from kiosk.sim.world import SimWorld

DOTS_PER_MM = 203 / 25.4
ESC_INIT = b"\x1b@"
CUT = b"\x1dV\x00"
DLE_EOT = b"\x10\x04"
DLE_DC4_CLEAR = b"\x10\x14\x08\x01\x03\x14\x01\x06\x02\x08"
DLE_ENQ_CLEAR = b"\x10\x05\x02"
GS_R_PAPER = b"\x1dr\x01"
LINE_DOTS = 30  # a font A line at the default spacing


def process_id(ident: bytes) -> bytes:
    """GS ( H fn 48: answered 37 22 d1..d4 00 once everything before it is printed."""
    return b"\x1d(H\x06\x00\x30\x30" + ident


def feed(dots: int) -> bytes:
    out = b""
    while dots > 0:
        step = min(255, dots)
        out += b"\x1bJ" + bytes((step,))  # ESC J n: print and feed n dots
        dots -= step
    return out


def job(mm: float, top: str = "TOP", bottom: str = "BOTTOM") -> bytes:
    """A cut job ``mm`` long: a line at the top, paper, a line at the bottom."""
    blank = round(mm * DOTS_PER_MM) - 2 * LINE_DOTS
    return ESC_INIT + top.encode() + b"\n" + feed(blank) + bottom.encode() + b"\n" + CUT


@pytest.fixture
def world() -> SimWorld:
    return SimWorld(SimStore())


@pytest.fixture
async def printer(world: SimWorld, tmp_path: Path) -> AsyncIterator[PrinterServer]:
    server = await start_printer(world, out_dir=tmp_path / "printed")
    try:
        yield server
    finally:
        await server.close()


class Line:
    """One connection to the printer, reading its answers with a deadline."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def to(cls, server: PrinterServer) -> Line:
        return cls(*await asyncio.open_connection(server.host, server.port))

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def read(self, n: int, timeout_s: float = 5.0) -> bytes:
        return await asyncio.wait_for(self.reader.readexactly(n), timeout_s)

    async def nothing_for(self, seconds: float) -> bool:
        try:
            data = await asyncio.wait_for(self.reader.read(1), seconds)
        except TimeoutError:
            return True
        raise AssertionError(f"printer sent {data!r}")

    async def status(self, n: int) -> int:
        await self.send(DLE_EOT + bytes((n,)))
        return (await self.read(1, 1.0))[0]

    async def until_status(self, n: int, mask: int, timeout_s: float = 5.0) -> int:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            value = await self.status(n)
            if value & mask == mask:
                return value
            await asyncio.sleep(0.02)
        raise AssertionError(f"DLE EOT {n} never had bits {mask:#04x}")

    def close(self) -> None:
        self.writer.close()


def _height_mm(path: Path) -> float:
    return (Image.open(path).height - 2 * MARGIN_DOTS) / DOTS_PER_MM


# --- time -------------------------------------------------------------------------------


async def test_status_is_answered_at_once_while_a_long_job_prints(
    printer: PrinterServer,
) -> None:
    line = await Line.to(printer)
    await line.send(job(300))
    started = time.monotonic()
    replies = [await line.status(n) for n in (1, 2, 4)]
    assert time.monotonic() - started < 0.2
    assert replies == [0x12, 0x12, 0x12]  # online, nothing stopped, paper fine
    assert printer.jobs == []  # still on its way out
    line.close()


async def test_process_id_is_answered_only_once_the_job_is_on_paper(
    printer: PrinterServer,
) -> None:
    """300 mm at the virtual printer's 350 mm/s is 0.86 s of printing."""
    line = await Line.to(printer)
    started = time.monotonic()
    await line.send(job(300) + process_id(b"0042") + DLE_EOT + b"\x01")
    assert await line.read(1) == b"\x12"
    status_after = time.monotonic() - started
    assert await line.read(7) == b"\x37\x22" + b"0042" + b"\x00"
    on_paper_after = time.monotonic() - started
    assert status_after < 0.2
    assert on_paper_after >= 0.6
    [printed] = printer.jobs
    assert printed.printed and printed.lines == ["TOP", "BOTTOM"]
    assert printed.path is not None and abs(_height_mm(printed.path) - 300) < 2
    line.close()


async def test_transmit_status_is_answered_in_sequence_with_the_print_data(
    printer: PrinterServer, world: SimWorld
) -> None:
    world.faults.add(["printer.status=paper_near_end"])
    line = await Line.to(printer)
    started = time.monotonic()
    await line.send(job(300) + GS_R_PAPER)
    [sensor] = await line.read(1)
    assert time.monotonic() - started >= 0.6
    assert sensor == 0x03  # near end; bits 4 and 7 clear, unlike a DLE EOT reply
    assert len(printer.printed) == 1
    line.close()


async def test_jobs_queue_behind_each_other_at_the_profile_speed(
    world: SimWorld, tmp_path: Path
) -> None:
    """The generic 58 mm printer prints at 150 mm/s: two 60 mm jobs take 0.8 s."""
    server = await start_printer(world, out_dir=tmp_path, profile="generic-58mm")
    try:
        line = await Line.to(server)
        started = time.monotonic()
        await line.send(job(60) + process_id(b"0001") + job(60) + process_id(b"0002"))
        assert (await line.read(7))[2:6] == b"0001"
        first = time.monotonic() - started
        assert (await line.read(7))[2:6] == b"0002"
        second = time.monotonic() - started
        assert first >= 0.35 and second >= 0.7
        assert [Image.open(j.path or "").width for j in server.jobs] == [384 + 2 * MARGIN_DOTS] * 2
        line.close()
    finally:
        await server.close()


async def test_slow_prints_at_the_speed_it_names(printer: PrinterServer, world: SimWorld) -> None:
    world.faults.add(["printer.print=slow:100"])  # 100 mm at 100 mm/s: one second
    line = await Line.to(printer)
    started = time.monotonic()
    await line.send(job(100) + process_id(b"0007"))
    await line.read(7)
    assert time.monotonic() - started >= 0.85
    line.close()


# --- stopping part-way ------------------------------------------------------------------


async def test_paper_out_part_way_prints_what_fits_and_the_rest_after_reload(
    printer: PrinterServer, world: SimWorld
) -> None:
    control = await ControlServer(world, "127.0.0.1", 0).start()
    try:
        world.faults.add(["printer.print=paper_out_after_mm:100"])
        line = await Line.to(printer)
        assert await line.status(4) == 0x12  # the roll is not out yet
        await line.send(job(300) + process_id(b"0001"))
        assert await line.until_status(2, 0x20) & 0x20  # stopped by paper end
        assert await line.status(4) & 0x60 == 0x60
        assert await line.status(1) & 0x08  # offline
        [partial] = printer.jobs
        assert partial.partial and not partial.printed and partial.dropped == "paper out"
        assert partial.lines == ["TOP"] and partial.path is not None
        assert abs(_height_mm(partial.path) - 100) < 2
        assert await line.nothing_for(0.3)  # the process id waits behind the rest
        async with (
            aiohttp.ClientSession() as http,
            http.delete(f"http://127.0.0.1:{control.port}/_sim/faults") as reply,
        ):
            assert reply.status == 200  # a new roll
        assert await line.read(7) == b"\x37\x22" + b"0001" + b"\x00"
        _, rest = printer.jobs
        assert rest.printed and rest.continues == partial.seq and rest.lines == ["BOTTOM"]
        assert rest.path is not None and abs(_height_mm(rest.path) - 200) < 2
        assert await line.status(2) == 0x12
        line.close()
    finally:
        await control.close()


@pytest.mark.parametrize("clear", [DLE_DC4_CLEAR, DLE_ENQ_CLEAR], ids=["dle_dc4", "dle_enq"])
async def test_a_cleared_buffer_never_prints_the_rest_nor_answers_what_waited(
    clear: bytes, printer: PrinterServer, world: SimWorld
) -> None:
    world.faults.add(["printer.print=paper_out_after_mm:50"])
    line = await Line.to(printer)
    await line.send(job(200) + process_id(b"0001") + GS_R_PAPER)
    await line.until_status(2, 0x20)
    await line.send(clear)
    if clear == DLE_DC4_CLEAR:
        assert await line.read(3, 0.2) == b"\x37\x25\x00"  # answered at once
    world.faults.clear()  # paper reloaded
    assert await line.nothing_for(0.8)  # neither GS ( H nor GS r is ever answered
    assert [j.partial for j in printer.jobs] == [True]
    assert await line.status(2) == 0x12
    # the printer prints what comes after the clear
    await line.send(job(20, "AFTER", "") + process_id(b"0002"))
    assert await line.read(7) == b"\x37\x22" + b"0002" + b"\x00"
    assert printer.jobs[-1].lines == ["AFTER"] and printer.jobs[-1].continues is None
    line.close()


async def test_paper_out_after_n_jobs_holds_the_next_one_back(
    printer: PrinterServer, world: SimWorld
) -> None:
    world.faults.add(["printer.print=paper_out_after:1"])
    line = await Line.to(printer)
    await line.send(job(30) + process_id(b"0001") + job(30) + process_id(b"0002"))
    assert (await line.read(7))[2:6] == b"0001"
    await line.until_status(2, 0x20)
    assert await line.nothing_for(0.3)
    assert [(j.printed, j.dropped) for j in printer.jobs] == [(True, ""), (False, "paper out")]
    assert printer.jobs[1].path is None  # nothing of it came out
    world.faults.clear()
    assert (await line.read(7))[2:6] == b"0002"
    assert printer.jobs[-1].printed and printer.jobs[-1].continues == 2
    line.close()


async def test_a_jam_stops_half_way_with_an_error_until_it_is_cleared(
    printer: PrinterServer, world: SimWorld
) -> None:
    world.faults.add(["printer.print=jam"])
    line = await Line.to(printer)
    assert await line.status(1) == 0x12  # nothing wrong until it jams
    await line.send(job(200) + process_id(b"0001"))
    assert await line.until_status(2, 0x40) & 0x40  # error
    assert await line.status(1) & 0x08  # offline
    assert await line.status(3) & 0x04  # mechanical error
    [jammed] = printer.jobs
    assert jammed.partial and jammed.dropped == "jam" and jammed.lines == ["TOP"]
    assert jammed.path is not None and abs(_height_mm(jammed.path) - 100) < 3
    assert await line.nothing_for(0.3)
    world.faults.clear()  # staff took the paper out of the path
    assert (await line.read(7))[2:6] == b"0001"
    assert printer.jobs[-1].continues == jammed.seq and printer.jobs[-1].lines == ["BOTTOM"]
    assert await line.status(2) == 0x12
    line.close()


async def test_a_used_up_jam_rule_is_recovered_by_dle_enq(
    printer: PrinterServer, world: SimWorld
) -> None:
    world.faults.add(["printer.print=jam:times:1"])
    line = await Line.to(printer)
    await line.send(job(100) + process_id(b"0001"))
    await line.until_status(2, 0x40)
    await line.send(DLE_ENQ_CLEAR)  # recover and clear: the rest is gone
    assert await line.status(1) == 0x12
    assert await line.nothing_for(0.5)
    await line.send(job(20) + process_id(b"0002"))  # the next job does not jam
    assert (await line.read(7))[2:6] == b"0002"
    assert [j.dropped for j in printer.jobs] == ["jam", ""]
    line.close()


# --- automatic status back --------------------------------------------------------------


async def test_asb_sends_a_block_at_once_on_each_change_and_when_a_job_finishes(
    printer: PrinterServer, world: SimWorld
) -> None:
    line = await Line.to(printer)
    await line.send(b"\x1da\x0f")  # GS a: drawer, online/offline, error, paper
    assert await line.read(4, 0.2) == bytes((0x10, 0, 0, 0))
    started = time.monotonic()
    await line.send(job(200))
    assert await line.read(4) == bytes((0x10, 0, 0, 0))  # printing -> idle
    assert time.monotonic() - started >= 0.4
    world.faults.add(["printer.status=cover_open"])
    assert await line.read(4, 1.0) == bytes((0x10 | 0x08 | 0x20, 0, 0, 0))
    world.faults.clear()
    assert await line.read(4, 1.0) == bytes((0x10, 0, 0, 0))
    world.faults.add(["printer.print=paper_out_after_mm:10"])
    await line.send(job(50))
    assert await line.read(4, 2.0) == bytes((0x10 | 0x08, 0, 0x0C, 0))  # paper end
    await line.send(b"\x1da\x00")
    world.faults.clear()
    assert await line.nothing_for(0.5)  # ASB off: no more blocks
    line.close()


# --- connections ------------------------------------------------------------------------


async def test_a_second_connection_waits_until_the_first_closes(printer: PrinterServer) -> None:
    first = await Line.to(printer)
    assert await first.status(1) == 0x12
    second = await Line.to(printer)
    await second.send(DLE_EOT + b"\x01")
    assert await second.nothing_for(0.5)
    first.close()
    assert await second.read(1, 2.0) == b"\x12"
    second.close()


async def test_an_idle_connection_is_closed(world: SimWorld, tmp_path: Path) -> None:
    server = await start_printer(world, out_dir=tmp_path, idle_close_s=0.3)
    try:
        line = await Line.to(server)
        assert await line.status(1) == 0x12
        started = time.monotonic()
        assert await asyncio.wait_for(line.reader.read(1), 2.0) == b""  # end of file
        assert 0.25 <= time.monotonic() - started < 1.5
        again = await Line.to(server)  # the next connection is served at once
        assert await again.status(1) == 0x12
        again.close()
    finally:
        await server.close()


async def test_eof_when_idle_closes_a_connection_a_request_finds_stale(
    printer: PrinterServer, world: SimWorld
) -> None:
    world.faults.add(["printer.status=eof_when_idle:times:1"])
    line = await Line.to(printer)
    assert await line.status(1) == 0x12  # not idle: answered
    await asyncio.sleep(1.2)
    await line.send(DLE_EOT + b"\x01")
    assert await asyncio.wait_for(line.reader.read(1), 2.0) == b""
    line.close()
    fresh = await Line.to(printer)  # reconnect once and ask again
    await asyncio.sleep(1.2)
    assert await fresh.status(1) == 0x12  # the rule is used up
    fresh.close()


# --- what a model can print -------------------------------------------------------------


async def _print_text(server: PrinterServer, data: bytes) -> list[str]:
    line = await Line.to(server)
    await line.send(ESC_INIT + data + CUT + process_id(b"0001"))
    await line.read(7)
    line.close()
    return server.jobs[-1].lines


async def test_a_gb2312_printer_prints_garbage_for_what_its_font_lacks(
    world: SimWorld, tmp_path: Path
) -> None:
    text = "张喆龍•©¥￥"  # GBK-only, GBK-only, four-byte codes, and a GB2312 ￥
    data = b"\x1c&" + text.encode("gb18030") + b"\n"
    narrow = await start_printer(world, out_dir=tmp_path / "58", profile="generic-58mm")
    wide = await start_printer(world, out_dir=tmp_path / "80", profile="virtual")
    try:
        assert await _print_text(narrow, data) == ["张\ufffd\ufffd\ufffd\ufffd\ufffd￥"]
        assert await _print_text(wide, data) == [text]  # a GB18030 font has them all
        garbage = Image.open(narrow.jobs[-1].path or "")
        assert garbage.point(lambda v: 255 - v).getbbox() is not None  # something was drawn
    finally:
        await narrow.close()
        await wide.close()


async def test_chinese_mode_is_off_until_fs_ampersand_where_the_profile_says_so(
    world: SimWorld, tmp_path: Path
) -> None:
    server = await start_printer(world, out_dir=tmp_path, profile="custom-vkp80iii")
    try:
        code = "汉".encode("gb18030")  # BA BA
        lines = await _print_text(server, code + b"\n\x1c&" + code + b"\n")
        assert lines == ["\u2551\u2551", "汉"]  # code page 437 first: two ║
    finally:
        await server.close()


def _qr(size: int, data: bytes = b"HELLO") -> bytes:
    store = b"\x31\x50\x30" + data
    return (
        b"\x1d(k\x03\x00\x31\x43" + bytes((size,))  # module size
        + b"\x1d(k\x03\x00\x31\x45\x30"  # error correction L
        + b"\x1d(k" + len(store).to_bytes(2, "little") + store
        + b"\x1d(k\x03\x00\x31\x51\x30"  # print
    )  # fmt: skip


async def test_a_qr_module_size_above_the_firmware_limit_is_ignored(
    world: SimWorld, tmp_path: Path
) -> None:
    """The generic 58 mm printer takes sizes 1-7: a 10 leaves the size at its 3."""
    server = await start_printer(world, out_dir=tmp_path, profile="generic-58mm")
    try:
        widths = []
        for size in (10, 3, 6):
            await _print_text(server, _qr(size))
            ink = Image.open(server.jobs[-1].path or "").point(lambda v: 255 - v).getbbox()
            assert ink is not None
            widths.append(ink[2] - ink[0])
        assert widths[0] == widths[1] and widths[2] == 2 * widths[1]
    finally:
        await server.close()


@pytest.mark.e2e
def test_kiosk_sim_printer_takes_a_profile_and_an_idle_close(tmp_path: Path) -> None:
    info_file = tmp_path / "info.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sim", "printer", "--profile", "generic-58mm",
         "--idle-close-s", "0.5", "--info", str(info_file), "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not info_file.exists():
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        info = json.loads(info_file.read_text(encoding="utf-8"))
        assert info["printer"]["profile"] == "generic-58mm"
        host, port = info["printer"]["url"].removeprefix("tcp://").rsplit(":", 1)

        async def idle_close() -> bytes:
            reader, writer = await asyncio.open_connection(host, int(port))
            try:
                return await asyncio.wait_for(reader.read(1), 5.0)
            finally:
                writer.close()

        assert asyncio.run(idle_close()) == b""
    finally:
        process.terminate()
        assert process.wait(timeout=20) == 0
    bad = subprocess.run(
        [sys.executable, "-m", "kiosk", "sim", "printer", "--profile", "nope"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert bad.returncode == 2 and "generic-58mm" in bad.stderr


@pytest.mark.parametrize("rule", ["printer.print=hang", "printer.status=latency:5000"])
async def test_a_host_that_gives_up_on_a_stuck_answer_frees_the_line(
    rule: str, printer: PrinterServer, world: SimWorld
) -> None:
    """One connection at a time, but a hung printer whose host closes the connection
    serves the next one, as a network interface sees the close."""
    world.faults.add([rule])
    stuck = await Line.to(printer)
    await stuck.send(job(20) + DLE_EOT + b"\x01")
    assert await stuck.nothing_for(0.3)
    world.faults.clear()
    stuck.close()
    started = time.monotonic()
    fresh = await Line.to(printer)
    assert await fresh.status(1) == 0x12
    assert time.monotonic() - started < 1.0
    fresh.close()


async def test_a_hang_lasts_until_its_rule_is_removed_and_loses_that_request(
    printer: PrinterServer, world: SimWorld
) -> None:
    world.faults.add(["printer.print=hang:times:1"])
    line = await Line.to(printer)
    await line.send(job(20, "LOST") + DLE_EOT + b"\x01")
    assert await line.nothing_for(0.5)  # used up, but hung while the rule stands
    world.faults.clear()
    assert await line.read(1, 1.0) == b"\x12"  # what came after it is answered
    await line.send(job(20, "NEXT") + process_id(b"0001"))
    assert (await line.read(7))[2:6] == b"0001"
    assert [j.lines[0] for j in printer.jobs] == ["NEXT"]  # the hung job never prints
    line.close()


async def test_a_job_on_paper_has_its_png_even_when_the_printer_closes_before_it_is_drawn(
    world: SimWorld, tmp_path: Path
) -> None:
    """The PNG of a job already answered for is written even if the printer is closed
    while its drawing still waits its turn: closing must not cancel it (a loaded machine
    once lost the fee slip's PNG this way, its job listed with a file never written)."""
    import threading

    server = await start_printer(world, out_dir=tmp_path, profile="generic-58mm")
    release = threading.Event()
    server._drawer.submit(release.wait)  # the drawing thread busy with an earlier PNG
    try:
        line = await Line.to(server)
        await line.send(job(10) + process_id(b"0001"))
        assert (await line.read(7))[2:6] == b"0001"  # on paper, its PNG not yet drawn
        line.close()
        closing = asyncio.ensure_future(server.close())
        await asyncio.sleep(0.3)  # close cancels the mechanism while the drawing waits
    finally:
        release.set()
    await closing
    [printed] = server.jobs
    assert printed.path is not None and printed.path.exists()
