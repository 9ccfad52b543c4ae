"""One printer device (network, USB, serial, file) driven from its own worker thread.

python-escpos blocks on every write and read, so all device I/O runs on one
thread per printer (which also keeps commands in order) and the event loop only
awaits it. Every blocking call has the device's own timeout, and the await has a
guard on top in case a driver ignores it. After any failure the connection is
dropped and the next call opens a fresh one.

Everything the printer sends comes back on one stream (status bytes, the answers
that wait for printing to finish, automatic status blocks), so it is read into an
inbox of typed replies (``replies.py``) and each question takes only the reply of
its own kind that arrived after it was asked: a stale status byte or an ASB block
can never be read as the answer. A network printer closes a connection it thinks
idle (Epson's interface after 5 minutes); a status question that meets that
end-of-file reconnects once and asks again before anyone calls the printer
"unknown".
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

from kiosk.printing.replies import Reply, ReplyReader, StatusReply
from kiosk.printing.status import PrinterError

# python-escpos (its printer database, Pillow, qrcode: ~80 ms) is imported only for a
# USB, serial or file printer, through kiosk.printing.escpos_cache (its cache folder,
# no stray temporary folder); a network printer's socket is this module's own.


class Device(Protocol):
    """What the device thread drives: a python-escpos printer, or :class:`NetworkDevice`."""

    device: Any

    def open(self) -> None: ...

    def close(self) -> None: ...

    def _raw(self, msg: bytes) -> None: ...

    def _read(self) -> bytes: ...


log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
DEFAULT_TCP_PORT = 9100
_GUARD_S = 1.0
T = TypeVar("T")


class PrinterUnreachable(PrinterError):
    """The device could not be opened or written."""


class _EndOfStream(Exception):
    """The printer closed the connection (worker thread only)."""


_INBOX_SIZE = 64


def _query_int(query: dict[str, list[str]], name: str, default: int) -> int:
    values = query.get(name)
    if not values:
        return default
    try:
        return int(values[0], 0)
    except ValueError:
        raise ValueError(f"printer URL: {name} must be a number, got {values[0]!r}") from None


def device_factory(url: str, timeout_s: float) -> Callable[[], Device]:
    """A builder for the python-escpos printer a ``printer`` setting names.

    tcp://host[:port], usb://VID:PID[?in_ep=0x82&out_ep=0x01] (hex ids),
    serial:///dev/ttyS0[?baudrate=115200], file:///dev/usb/lp0."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise ValueError(f"printer URL {url!r}: no host")
        host, port = parts.hostname, parts.port or DEFAULT_TCP_PORT

        def network() -> Device:
            return NetworkDevice(host, port, timeout_s)

        return network
    if parts.scheme == "usb":
        try:
            vendor, product = (int(x, 16) for x in parts.netloc.split(":"))
        except ValueError:
            raise ValueError(f"printer URL {url!r}: expected usb://VID:PID in hex") from None
        in_ep = _query_int(query, "in_ep", 0x82)
        out_ep = _query_int(query, "out_ep", 0x01)

        def usb() -> Device:
            from kiosk.printing import escpos_cache  # noqa: F401  (before escpos)

            # isort: split
            from escpos.printer import Usb

            # pyusb counts its timeout in milliseconds
            device: Device = Usb(
                vendor, product, timeout=int(timeout_s * 1000), in_ep=in_ep, out_ep=out_ep
            )
            return device

        return usb
    if parts.scheme == "serial":
        devfile = unquote(parts.path)
        baudrate = _query_int(query, "baudrate", 9600)

        def serial() -> Device:
            from kiosk.printing import escpos_cache  # noqa: F401  (before escpos)

            # isort: split
            from escpos.printer import Serial

            device: Device = Serial(devfile, baudrate=baudrate, timeout=timeout_s)
            return device

        return serial
    if parts.scheme == "file":
        path = unquote(parts.path)

        def file() -> Device:
            from kiosk.printing import escpos_cache  # noqa: F401  (before escpos)

            # isort: split
            from escpos.printer import File

            device: Device = File(path)
            return device

        return file
    raise ValueError(f"printer URL {url!r}: unknown scheme {parts.scheme!r}")


class DeviceNotFound(Exception):
    """The network printer's socket could not be opened."""


class NetworkDevice:
    """A network printer's socket, as python-escpos's ``Network`` opens and uses it
    (IPv4, the timeout on connect and on every send and receive; ``GS``/``DLE``
    bytes go out raw), without importing escpos to read a status byte."""

    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout_s
        self.device: Any = None  # the socket once open

    def open(self) -> None:
        try:
            device = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            device.settimeout(self.timeout)
            device.connect((self.host, self.port))
        except OSError as exc:
            self.device = None
            # escpos's DeviceNotFoundError, word for word
            raise DeviceNotFound(
                f"Device not found (Could not open socket for {self.host}:\n{exc})"
            ) from exc
        self.device = device
        logging.info("Network printer enabled")  # escpos logs these on the root logger

    def _raw(self, msg: bytes) -> None:
        assert self.device
        self.device.sendall(msg)

    def _read(self) -> bytes:
        assert self.device
        return bytes(self.device.recv(16))

    def close(self) -> None:
        if not self.device:
            return
        logging.info("Closing Network connection to printer %s", self.host)
        try:
            self.device.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.device.close()


class PrinterDevice:
    """Write bytes and ask status bytes of one printer, off the event loop."""

    def __init__(self, url: str, timeout_s: float) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self._factory = device_factory(url, timeout_s)
        # a plain device file has no way back: status cannot be asked
        self.can_read = urlsplit(url).scheme != "file"
        # touched only on the worker thread
        self._printer: Device | None = None
        self._reader = ReplyReader()
        self._inbox: deque[Reply] = deque(maxlen=_INBOX_SIZE)
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
        reply = await self.ask(
            DLE_EOT + bytes((n,)),
            lambda r: isinstance(r, StatusReply),
            self.timeout_s,
            reconnect=True,
        )
        return reply.value if isinstance(reply, StatusReply) else None

    async def ask(
        self,
        request: bytes,
        wanted: Callable[[Reply], bool],
        wait_s: float,
        *,
        reconnect: bool = False,
    ) -> Reply | None:
        """Send ``request`` and return the first wanted reply that comes after it, or
        None if none came within ``wait_s``. Wanted replies already waiting are stale
        (answers to questions that timed out) and are thrown away first. With
        ``reconnect`` an end-of-file is met by one fresh connection and the question
        asked again; without it (a question about a job sent on this connection) it
        is a failure."""
        try:
            return await self._run(
                self._ask, request, wanted, wait_s, reconnect, guard_s=2 * wait_s + _GUARD_S
            )
        except PrinterUnreachable as exc:
            log.warning("printer did not answer: %s", exc)
            return None

    async def wait_for(self, wanted: Callable[[Reply], bool], wait_s: float) -> Reply | None:
        """The first wanted reply (already in or arriving within ``wait_s``), else None.
        Raises PrinterUnreachable when the connection is lost."""
        return await self._run(self._wait_for, wanted, wait_s, guard_s=wait_s + _GUARD_S)

    async def close(self) -> None:
        try:
            await self._run(self._drop, guard_s=self.timeout_s + _GUARD_S)
        finally:
            self._executor.shutdown(wait=False)

    # --- worker thread only --------------------------------------------------------------

    def _open(self) -> Device:
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
        self._reader.reset()
        self._inbox.clear()
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

    def _receive(self, printer: Device, wait_s: float) -> bytes:
        """What the printer has sent, waiting at most ``wait_s`` for the first byte
        (0: only what is already here). Raises _EndOfStream when it hung up."""
        device = printer.device
        if device is None:
            raise _EndOfStream()
        if isinstance(printer, NetworkDevice):
            device.settimeout(wait_s if wait_s > 0 else 0.0)
            try:
                data = bytes(device.recv(256))
            except (TimeoutError, BlockingIOError):
                return b""
            finally:
                device.settimeout(self.timeout_s)
            if not data:
                raise _EndOfStream()
            return data
        from escpos.printer import Serial, Usb  # a USB or serial device imported escpos

        if isinstance(printer, Serial):
            device.timeout = wait_s
            try:
                return bytes(device.read(max(1, device.in_waiting)))
            finally:
                device.timeout = self.timeout_s
        if isinstance(printer, Usb):
            import usb.core

            try:
                return bytes(device.read(printer.in_ep, 64, max(1, int(wait_s * 1000))))
            except usb.core.USBTimeoutError:
                return b""
        return bytes(printer._read())

    def _pump(self, wait_s: float) -> None:
        data = self._receive(self._open(), wait_s)
        if data:
            self._inbox.extend(self._reader.feed(data))

    def _take(self, wanted: Callable[[Reply], bool]) -> Reply | None:
        for reply in self._inbox:
            if wanted(reply):
                self._inbox.remove(reply)
                return reply
        return None

    def _wait_for(self, wanted: Callable[[Reply], bool], wait_s: float) -> Reply | None:
        deadline = time.monotonic() + wait_s
        try:
            while True:
                reply = self._take(wanted)
                if reply is not None:
                    return reply
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._pump(remaining)
        except (OSError, _EndOfStream) as exc:
            self._drop()
            raise PrinterUnreachable(f"{self.url}: connection lost ({exc!r})") from None

    def _ask(
        self, request: bytes, wanted: Callable[[Reply], bool], wait_s: float, reconnect: bool
    ) -> Reply | None:
        for attempt in (1, 2):
            try:
                printer = self._open()
                self._pump(0)
                while self._take(wanted) is not None:  # stale answers to older questions
                    pass
                printer._raw(request)
                reply = self._wait_for(wanted, wait_s)
                if reply is None:
                    # its answer may still come, and would queue before the next one's:
                    # a fresh connection starts from a clean stream
                    self._drop()
                return reply
            except (_EndOfStream, PrinterUnreachable, OSError) as exc:
                self._drop()
                if not (
                    reconnect
                    and attempt == 1
                    and isinstance(exc, (_EndOfStream, PrinterUnreachable))
                ):
                    raise PrinterUnreachable(f"{self.url}: {exc!r}") from None
                log.info("printer closed the connection; asking again on a new one")
        return None
