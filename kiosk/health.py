"""Health of everything the kiosk talks to, for ``kiosk doctor`` and the admin screen.

Each check reaches the real service with a short timeout and reports one line a
member of staff can act on; none of them changes anything outside the kiosk.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from kiosk.connect.client import ConnectClient
from kiosk.connect.errors import ConnectError
from kiosk.flows.ports import PrinterStatusPort
from kiosk.payment.base import PaymentError, PaymentNotFound
from kiosk.payment.providers import all_from_settings
from kiosk.printing.printer import open_printer
from kiosk.printing.status import PrinterError, PrinterStatus
from kiosk.sarft.client import SarftClient
from kiosk.sarft.errors import SarftError
from kiosk.settings import Settings

PROBE_ORDER = "00000000000000000000000000health"  # never a real out_trade_no


@dataclass(frozen=True)
class Health:
    service: str  # connect, sarft, payment, printer
    ok: bool
    detail: str
    elapsed_ms: int
    warning: bool = False  # working, but staff should look (e.g. paper near end)
    printer: PrinterStatus | None = None


async def _timed(service: str, probe: Callable[[], Awaitable[tuple[bool, str, bool]]]) -> Health:
    started = time.perf_counter()
    try:
        ok, detail, warning = await probe()
    except Exception as exc:  # a health check reports, it never raises
        ok, detail, warning = False, f"{type(exc).__name__}: {exc}", False
    return Health(service, ok, detail, int((time.perf_counter() - started) * 1000), warning)


async def check_connect(settings: Settings) -> Health:
    async def probe() -> tuple[bool, str, bool]:
        try:
            async with ConnectClient.from_settings(settings) as client:
                cinemas = await client.get_cinemas()
        except ConnectError as exc:
            return False, str(exc), False
        ids = {cinema.cinema_id for cinema in cinemas}
        if settings.cinema_id not in ids:
            return False, f"cinema {settings.cinema_id} is not among {sorted(ids)}", False
        return True, f"{len(cinemas)} cinemas, {settings.cinema_id} present", False

    return await _timed("connect", probe)


async def check_sarft(settings: Settings) -> Health:
    async def probe() -> tuple[bool, str, bool]:
        try:
            async with SarftClient.from_settings(settings) as client:
                await client.authenticate()
        except SarftError as exc:
            return False, f"{type(exc).__name__}: {exc}", False
        return True, f"authenticated at {settings.sarft_host}:{settings.sarft_port}", False

    return await _timed("sarft", probe)


async def check_payment(settings: Settings) -> Health:
    async def probe() -> tuple[bool, str, bool]:
        # each provider shows its own QR: buying works while any of them answers
        answers: dict[str, str] = {}
        for name, provider in all_from_settings(settings).items():
            try:
                await provider.query(PROBE_ORDER)
            except PaymentNotFound:
                answers[name] = ""
            except PaymentError as exc:
                answers[name] = str(exc)
            else:
                answers[name] = ""
            finally:
                await provider.aclose()
        if len(answers) == 1:
            [problem] = answers.values()
            return not problem, problem or "answering", False
        detail = "; ".join(f"{n}: {p or 'answering'}" for n, p in answers.items())
        return any(not p for p in answers.values()), detail, any(answers.values())

    return await _timed("payment", probe)


async def check_printer(printer: PrinterStatusPort) -> Health:
    """The printer's status through ``printer``, the one object that talks to it: a
    second connection beside the kiosk's own is refused by some network printers
    (Epson) and resets a USB printer under the kiosk's handle."""
    status: PrinterStatus | None = None

    async def probe() -> tuple[bool, str, bool]:
        nonlocal status
        try:
            status = await printer.status()
        except PrinterError as exc:
            return False, str(exc), False
        return status.ready, status.describe(), status.paper_near_end

    health = await _timed("printer", probe)
    return Health(
        health.service, health.ok, health.detail, health.elapsed_ms, health.warning, status
    )


async def check_all(settings: Settings, printer: PrinterStatusPort | None = None) -> list[Health]:
    """Every check at once, so the slowest service bounds the wait, not their sum.

    ``printer``: the running kiosk's own; without one (``kiosk doctor``, where no kiosk
    runs) the printer the settings name is opened for this check and closed again."""
    async with contextlib.AsyncExitStack() as stack:
        if printer is None:
            printer = await stack.enter_async_context(open_printer(settings))
        return list(
            await asyncio.gather(
                check_connect(settings),
                check_sarft(settings),
                check_payment(settings),
                check_printer(printer),
            )
        )
