"""Composition root: settings → journal and adapters → flows → window, then a clean stop.

Recovery before the first patron: recovery can take minutes (seed §2.2 polls
QueryOrderBookingStatus 15 times a minute apart), so it runs in the background
while the window is already up and responsive, showing a please-wait overlay
with Buy and Collect disabled. Patrons are served only once it has finished:
its collections print on the same printer, and a patron must never see a
half-settled state. Whatever it could not settle is logged and stays open in
the journal for the admin screen.

Everything runs on one qasync loop. Shutdown goes through an ``asyncio.Event``
(SIGINT/SIGTERM, the admin's exit, or closing a windowed kiosk): the purchase
under way is cancelled, running slots are cancelled, then every adapter closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import cast

import qasync

from kiosk.connect.errors import ConnectError
from kiosk.flows.recovery import RecoveryReport
from kiosk.flows.reprint import StaffReprint
from kiosk.qt import QApplication, QEvent, QGuiApplication, QObject, QSize
from kiosk.qt.aio import running_tasks, set_error_handler
from kiosk.qt.fonts import load_fonts
from kiosk.qt.i18n import Translations
from kiosk.services import Services, build_services
from kiosk.settings import Settings
from kiosk.ui.admin import AdminServices, install_admin
from kiosk.ui.controllers.collect_controller import CollectController
from kiosk.ui.controllers.purchase_controller import PurchaseController
from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import STYLESHEET
from kiosk.ui.widgets.busy import getting_ready

log = logging.getLogger(__name__)

# A cancel at shutdown closes the payment and releases the seats; past this the
# journal keeps the purchase for the next start's recovery.
RELEASE_TIMEOUT_S = 10.0
WINDOWED_PANEL = QSize(1920, 1080)


class _CloseStops(QObject):
    """A windowed kiosk (development, the demo) stops when its window is closed."""

    def __init__(self, window: MainWindow, stop: asyncio.Event) -> None:
        super().__init__(window)
        self._stop = stop
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._stop.set()
        return False


@dataclass
class Kiosk:
    """The running kiosk: what tests drive and what :func:`serve` closes."""

    services: Services
    window: MainWindow
    translations: Translations
    purchase: PurchaseController
    collect: CollectController
    recovery: asyncio.Task[RecoveryReport | None]
    admin: object

    async def close(self) -> None:
        self.recovery.cancel()
        try:
            await asyncio.wait_for(self.purchase.release(), RELEASE_TIMEOUT_S)
        except TimeoutError:
            log.warning("the purchase under way is left to recovery at the next start")
        tasks = [*running_tasks(), self.recovery]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        set_error_handler(None)
        self.window.admin_exit()
        self.translations.remove()
        await self.services.aclose()


async def start_kiosk(settings: Settings, stop: asyncio.Event) -> Kiosk:
    """Build and show the kiosk; recovery starts in the background (see the module doc)."""
    services = await build_services(settings)
    translations = Translations()
    window = MainWindow(settings, translations)
    set_error_handler(window.show_unexpected)
    purchase = PurchaseController(
        window,
        services.catalog,
        services.purchase_flow,
        services.clock,
        sale_cutoff_min=settings.sale_cutoff_min,
        max_tickets=settings.max_tickets,
    )
    collect = CollectController(window, services.collect)
    admin = _install_admin(window, services, stop)
    if not settings.kiosk_mode:
        _CloseStops(window, stop)
        _fit_window(window)
    window.apply_kiosk_mode()
    recovery = asyncio.create_task(_recover_then_open(window, services))
    return Kiosk(services, window, translations, purchase, collect, recovery, admin)


def _fit_window(window: MainWindow) -> None:
    """A windowed kiosk opens as the landscape panel, shrunk to the desktop if need be."""
    screen = QGuiApplication.primaryScreen()
    panel = WINDOWED_PANEL
    if screen is not None:
        panel = panel.boundedTo(screen.availableGeometry().size())
    window.resize(panel)


async def _recover_then_open(window: MainWindow, services: Services) -> RecoveryReport | None:
    choices = (window.home.buy_button, window.home.collect_button)
    for button in choices:
        button.setEnabled(False)
    window.busy.start(getting_ready, leavable=False)
    try:
        report = await _recover(services)
    except Exception:
        log.exception("recovery at start failed; the admin screen lists what is open")
        report = None
    await _show_cinema_name(window, services)
    window.busy.stop()
    for button in choices:
        button.setEnabled(True)
    return report


async def _recover(services: Services) -> RecoveryReport:
    """Recovery whose leftovers are logged for staff (``kiosk recover`` prints its own)."""
    report = await services.recover()
    for outcome in report.needs_staff:
        log.warning(
            "needs staff: %s %s %s (%s)",
            outcome.kind,
            outcome.txn_id,
            outcome.state,
            outcome.reason,
        )
    return report


async def _show_cinema_name(window: MainWindow, services: Services) -> None:
    """Home greets patrons with the cinema's own name, as Connect spells it."""
    try:
        cinemas = await services.connect.get_cinemas()
    except ConnectError as exc:
        log.warning("cinema name not shown: %s", exc)
        return
    ours = services.settings.cinema_id
    name = next((c.name for c in cinemas if c.cinema_id == ours), "")
    window.home.set_cinema_name(name)


def _install_admin(window: MainWindow, services: Services, stop: asyncio.Event) -> object:
    """The staff screen (hidden gesture + PIN) over the same adapters the patrons use."""
    return install_admin(
        window,
        AdminServices(
            settings=services.settings,
            journal=services.journal,
            reprint=StaffReprint(services.collect),
            recover=functools.partial(_recover, services),
            refresh_catalog=services.refresh_catalog,
            printer=services.printer,
            exit_kiosk=stop.set,
        ),
    )


async def serve(settings: Settings, stop: asyncio.Event) -> int:
    """Run the kiosk until ``stop`` is set."""
    kiosk = await start_kiosk(settings, stop)
    try:
        await stop.wait()
    finally:
        await kiosk.close()
    return 0


def run_qt(main: Callable[[asyncio.Event], Awaitable[int]]) -> int:
    """Run ``main(stop)`` on a qasync loop over a styled QApplication; SIGINT and
    SIGTERM set ``stop`` so ``main`` can close everything before the process ends."""
    existing = QApplication.instance()
    app = cast(QApplication, existing) if existing is not None else QApplication(sys.argv[:1])
    # The loop ends when main returns, not when the window closes at shutdown.
    app.setQuitOnLastWindowClosed(False)
    load_fonts(app)
    app.setStyleSheet(STYLESHEET)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    stop = asyncio.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        return cast(int, loop.run_until_complete(main(stop)))
    finally:
        for sig in signals:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)
        loop.close()
        asyncio.set_event_loop(None)
