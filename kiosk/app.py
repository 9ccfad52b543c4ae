"""Composition root: settings → journal and adapters → flows → window, then a clean stop.

Recovery at every start, in the background while the window is already up and
responsive (:func:`kiosk.assembly.recover_then_open`): tickets a collection or a
reprint still owes print first, behind a please-wait overlay with Buy and Collect
disabled, because they come out of the printer patrons use. Then the doors open,
and purchases the last run left open are settled beside the patrons: they print
nothing, but one lost inside CompleteOrder may poll Connect for minutes (seed
§2.2). Whatever recovery could not settle is logged and stays open in the journal
for the admin screen.

The window comes first: it is built and painted from the UI modules alone, and
only then are the adapters, flows, controllers and admin screen imported and
assembled (:mod:`kiosk.assembly`) behind the same please-wait state. Importing
them costs more than the window itself, and a kiosk that stays black for a second
at every start looks broken.

Everything runs on one qasync loop. Shutdown goes through an ``asyncio.Event``
(SIGINT/SIGTERM, the admin's exit, or closing a windowed kiosk): the purchase
under way is cancelled, running slots are cancelled, then every adapter closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn, cast

import qasync

from kiosk.qt import QApplication, QEvent, QGuiApplication, QObject, QSize
from kiosk.qt.aio import running_tasks, set_error_handler
from kiosk.qt.fonts import load_fonts
from kiosk.qt.i18n import Translations
from kiosk.qt.screen_fit import make_application
from kiosk.settings import Settings
from kiosk.supervision import Supervision
from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import STYLESHEET

if TYPE_CHECKING:
    from kiosk.availability import AvailabilityWatch
    from kiosk.flows.recovery import RecoveryReport
    from kiosk.monitoring import Monitoring
    from kiosk.services import Services
    from kiosk.ui.controllers.collect_controller import CollectController
    from kiosk.ui.controllers.purchase_controller import PurchaseController

log = logging.getLogger(__name__)

# A cancel at shutdown closes the payment and releases the seats; past this the
# journal keeps the purchase for the next start's recovery.
RELEASE_TIMEOUT_S = 10.0
WINDOWED_PANEL = QSize(1920, 1080)
# Exit status when the display goes away under the kiosk (EX_UNAVAILABLE, sysexits.h).
EXIT_DISPLAY_LOST = 69


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
    settling: asyncio.Task[None]
    backups: asyncio.Task[None]  # the journal's daily copy
    availability: AvailabilityWatch
    watching: asyncio.Task[None]  # the availability checks while idle
    monitoring: Monitoring  # metrics and staff alerts
    retention: asyncio.Task[None] | None = None  # the journal's daily purge (PIPL)
    posters: asyncio.Task[None] | None = None  # VISTA's posters downloaded (poster_url)

    async def close(self) -> None:
        self.recovery.cancel()
        try:
            await asyncio.wait_for(self.purchase.release(), RELEASE_TIMEOUT_S)
        except TimeoutError:
            log.warning("the purchase under way is left to recovery at the next start")
        await self.collect.release()  # a lookup's SARFT session, if a patron left one
        tasks = [*running_tasks(), self.recovery, self.settling, self.backups, self.watching]
        tasks += [t for t in (self.retention, self.posters) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        set_error_handler(None)
        self.window.admin_exit()
        self.translations.remove()
        await self.monitoring.close()
        await self.services.aclose()
        gc.unfreeze()  # frozen as the doors opened (kiosk.assembly.recover_then_open)


async def start_kiosk(
    settings: Settings, stop: asyncio.Event, supervision: Supervision | None = None
) -> Kiosk:
    """Show the kiosk at once, then assemble what is behind it; recovery then runs in
    the background (see the module doc). Patrons are held until it has finished.
    ``supervision`` (``kiosk run``) tells systemd when the doors open and each
    availability."""
    translations = Translations()
    window = MainWindow(settings, translations)
    set_error_handler(window.show_unexpected)
    window.hold_patrons()
    if not settings.kiosk_mode:
        _CloseStops(window, stop)
        _fit_window(window)
    window.apply_kiosk_mode()
    window.repaint()  # the first frame, before the heavy imports below
    # The journal opens on its own thread (SQLite's work, off the GIL) while those
    # imports run; the data dir is locked first, as build_services would.
    from kiosk.owned_journal import own_journal

    owning = asyncio.ensure_future(own_journal(settings, "kiosk run"))
    await asyncio.sleep(0)

    from kiosk.assembly import (
        assemble,
        download_posters,
        recover_then_open,
        settle_periodically,
    )
    from kiosk.journal.backup import back_up_daily
    from kiosk.journal.retention import purge_daily

    parts = await assemble(settings, window, stop, supervision, owned=await owning)
    await parts.monitoring.start(parts.services.journal)
    # The first check runs at once, beside recovery: the doors open on what can finish.
    watching = asyncio.create_task(parts.availability.run())
    backups = asyncio.create_task(back_up_daily(parts.services.journal, settings.journal_backups))
    retention = asyncio.create_task(
        purge_daily(
            parts.services.journal, settings.journal_retention_days, settings.personal_data_days
        )
    )
    on_open = supervision.ready if supervision is not None else None
    recovery = asyncio.create_task(
        recover_then_open(window, parts.services, on_open, checked=parts.checked)
    )
    settling = asyncio.create_task(
        settle_periodically(
            parts.services, parts.purchase, settings.recovery_interval_s, after=recovery
        )
    )
    posters = None
    if settings.poster_url:
        posters = asyncio.create_task(download_posters(parts.services, window, settings))
    return Kiosk(
        parts.services,
        window,
        translations,
        parts.purchase,
        parts.collect,
        recovery,
        parts.admin,
        settling,
        backups,
        parts.availability,
        watching,
        parts.monitoring,
        retention,
        posters,
    )


def _fit_window(window: MainWindow) -> None:
    """A windowed kiosk opens as the landscape panel, shrunk to the desktop if need be."""
    screen = QGuiApplication.primaryScreen()
    panel = WINDOWED_PANEL
    if screen is not None:
        panel = panel.boundedTo(screen.availableGeometry().size())
    window.resize(panel)


async def serve(settings: Settings, stop: asyncio.Event) -> int:
    """Run the kiosk until ``stop`` is set, telling systemd how it goes
    (:mod:`kiosk.supervision`). The watchdog's pings start before anything else, on
    the Qt loop, so a start-up that hangs trips it too."""
    from kiosk.qt.watchdog import start_watchdog

    supervision = Supervision.from_environ(any_pid=settings.watchdog_any_pid)
    supervision.starting()
    interval = supervision.watchdog_interval_s
    pinging = None
    if interval is not None:
        pinging = start_watchdog(supervision.watchdog, interval, QApplication.instance())
    try:
        kiosk = await start_kiosk(settings, stop, supervision)
        try:
            await stop.wait()
        finally:
            supervision.stopping()
            await kiosk.close()
    finally:
        if pinging is not None:
            pinging.stop()
        supervision.close()
    return 0


def _display_lost() -> NoReturn:
    """Qt quit the application under us: the X server died or the session ended, and
    Qt will not run the loop again, so nothing can be closed in order. Nothing needs
    to be: every step is in the journal before it happens, and the next start
    recovers whatever was under way. Stop at once with one clear line, rather than
    let Python tear down a loop full of pending tasks into a page of tracebacks."""
    log.error(
        "the display went away; the kiosk stops now and its next start recovers what was under way"
    )
    logging.shutdown()
    os._exit(EXIT_DISPLAY_LOST)


def run_qt(
    main: Callable[[asyncio.Event], Awaitable[int]],
    *,
    ui_scale: float = 0.0,
    full_screen: bool = False,
) -> int:
    """Run ``main(stop)`` on a qasync loop over a styled QApplication drawn at
    ``ui_scale`` (0: fitted to the screen, see :mod:`kiosk.qt.screen_fit`); SIGINT and
    SIGTERM set ``stop`` so ``main`` can close everything before the process ends."""
    app = make_application(ui_scale, full_screen=full_screen)
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
    task = asyncio.ensure_future(main(stop))
    try:
        try:
            return cast(int, loop.run_until_complete(task))
        except RuntimeError:
            if task.done():
                raise
        _display_lost()
    finally:
        for sig in signals:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)
        loop.close()
        asyncio.set_event_loop(None)
