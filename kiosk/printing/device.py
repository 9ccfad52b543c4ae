"""One printer device (network, USB, serial, file) driven from its own worker thread.

python-escpos blocks on every write and read, so all device I/O runs on one
thread per printer (which also keeps commands in order) and the event loop only
awaits it. Every blocking call has the device's own timeout, and the await has a
guard on top in case a driver ignores it. After any failure the connection is
dropped and the next call opens a fresh one, so a late status reply can never be
read as the answer to a later question.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

from escpos.escpos import Escpos

from kiosk.printing.status import PrinterError

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
DEFAULT_TCP_PORT = 9100
_GUARD_S = 1.0
T = TypeVar("T")


class PrinterUnreachable(PrinterError):
    """The device could not be opened or written."""


def _query_int(query: dict[str, list[str]], name: str, default: int) -> int:
    values = query.get(name)
    if not values:
        return default
    try:
        return int(values[0], 0)
    except ValueError:
        raise ValueError(f"printer URL: {name} must be a number, got {values[0]!r}") from None


def device_factory(url: str, timeout_s: float) -> Callable[[], Escpos]:
    """A builder for the python-escpos printer a ``printer`` setting names.

    tcp://host[:port], usb://VID:PID[?in_ep=0x82&out_ep=0x01] (hex ids),
    serial:///dev/ttyS0[?baudrate=115200], file:///dev/usb/lp0."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise ValueError(f"printer URL {url!r}: no host")
        host, port = parts.hostname, parts.port or DEFAULT_TCP_PORT

        def network() -> Escpos:
            from escpos.printer import Network

            return Network(host, port, timeout=timeout_s)

        return network
    if parts.scheme == "usb":
        try:
            vendor, product = (int(x, 16) for x in parts.netloc.split(":"))
        except ValueError:
            raise ValueError(f"printer URL {url!r}: expected usb://VID:PID in hex") from None
        in_ep = _query_int(query, "in_ep", 0x82)
        out_ep = _query_int(query, "out_ep", 0x01)

        def usb() -> Escpos:
            from escpos.printer import Usb

            # pyusb counts its timeout in milliseconds
            return Usb(vendor, product, timeout=int(timeout_s * 1000), in_ep=in_ep, out_ep=out_ep)

        return usb
    if parts.scheme == "serial":
        devfile = unquote(parts.path)
        baudrate = _query_int(query, "baudrate", 9600)

        def serial() -> Escpos:
            from escpos.printer import Serial

            return Serial(devfile, baudrate=baudrate, timeout=timeout_s)

        return serial
    if parts.scheme == "file":
        path = unquote(parts.path)

        def file() -> Escpos:
            from escpos.printer import File

            return File(path)

        return file
    raise ValueError(f"printer URL {url!r}: unknown scheme {parts.scheme!r}")


class PrinterDevice:
    """Write bytes and ask status bytes of one printer, off the event loop."""

    def __init__(self, url: str, timeout_s: float) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self._factory = device_factory(url, timeout_s)
        # a plain device file has no way back: status cannot be asked
        self.can_read = urlsplit(url).scheme != "file"
        self._printer: Escpos | None = None  # touched only on the worker thread
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="printer-io")

    async def _run(self, fn: Callable[..., T], *args: Any, guard_s: float) -> T:
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(self._executor, fn, *args), guard_s)
        except TimeoutError:
            raise PrinterUnreachable(f"{self.url}: no progress in {guard_s:.1f} s") from None

    async def write(self, data: bytes) -> None:
        # a socket timeout applies per send call; a ticket is a few of them at most
        await self._run(self._write, data, guard_s=3 * self.timeout_s + _GUARD_S)

    async def query(self, n: int) -> int | None:
        """One ``DLE EOT n`` reply byte, or None when the printer did not answer in time."""
        try:
            return await self._run(self._query, n, guard_s=2 * self.timeout_s + _GUARD_S)
        except PrinterUnreachable as exc:
            log.warning("printer status %d: %s", n, exc)
            return None

    async def close(self) -> None:
        try:
            await self._run(self._drop, guard_s=self.timeout_s + _GUARD_S)
        finally:
            self._executor.shutdown(wait=False)

    # --- worker thread only --------------------------------------------------------------

    def _open(self) -> Escpos:
        if self._printer is None:
            printer = self._factory()
            try:
                printer.open()
            except Exception as exc:
                raise PrinterUnreachable(f"{self.url}: {exc}") from exc
            self._printer = printer
        return self._printer

    def _drop(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                printer.close()
            except Exception:
                log.debug("closing %s failed", self.url, exc_info=True)

    def _write(self, data: bytes) -> None:
        printer = self._open()
        try:
            printer._raw(data)
        except Exception as exc:
            self._drop()
            raise PrinterUnreachable(f"{self.url}: write failed: {exc}") from exc

    @staticmethod
    def _read_status_byte(printer: Escpos) -> bytes:
        """The one byte a DLE EOT answers. python-escpos's serial printer asks for 16
        bytes and so always waits out the whole read timeout (5 s per status, three
        statuses per ticket): on a serial line, ask for exactly one."""
        from escpos.printer import Serial

        if isinstance(printer, Serial) and printer.device is not None:
            return bytes(printer.device.read(1))
        return bytes(printer._read())

    def _query(self, n: int) -> int | None:
        try:
            printer = self._open()
            printer._raw(DLE_EOT + bytes((n,)))
            reply: bytes = self._read_status_byte(printer)
        except (OSError, PrinterUnreachable) as exc:  # socket.timeout is an OSError
            log.info("printer status %d: no reply (%s)", n, exc)
            self._drop()
            return None
        if len(reply) != 1:
            # nothing (a serial timeout, a closed socket) or bytes not asked for
            self._drop()
            return None
        return reply[0]
