"""Everything behind the kiosk's window: adapters, flows, controllers, admin, recovery.

Imported by :func:`kiosk.app.start_kiosk` only once the window has painted (these
imports cost more than the window itself). The window holds patrons meanwhile.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import gc
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass

from kiosk.alerts import Alert
from kiosk.availability import (
    CLOSE_TO_PATRONS,
    OPEN_TO_PATRONS,
    Availability,
    AvailabilityWatch,
    Check,
    Checks,
    closed_by_staff,
    probe_journal,
)
from kiosk.connect.errors import ConnectError
from kiosk.flows.recovery import RecoveryReport
from kiosk.flows.reprint import StaffReprint
from kiosk.health import Health, check_all
from kiosk.journal.models import Kind
from kiosk.monitoring import Monitoring
from kiosk.owned_journal import OwnedJournal
from kiosk.services import PRINTING, PURCHASES, Services, build_services
from kiosk.settings import Settings
from kiosk.supervision import Supervision
from kiosk.ui.admin import AdminServices, install_admin
from kiosk.ui.controllers.collect_controller import CollectController
from kiosk.ui.controllers.purchase_controller import PurchaseController
from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


STAFF_OPEN_CLOSE = (CLOSE_TO_PATRONS, OPEN_TO_PATRONS)
# A check that takes longer than this counts as failed: a service this slow cannot
# serve a patron either, and the kiosk must not wait out a read timeout to reopen.
CHECK_TIMEOUT_S = 5.0


@dataclass
class Assembled:
    services: Services
    purchase: PurchaseController
    collect: CollectController
    admin: object
    availability: AvailabilityWatch
    monitoring: Monitoring
    # set once the first availability check has answered: the doors wait for it
    checked: asyncio.Event


async def assemble(
    settings: Settings,
    window: MainWindow,
    stop: asyncio.Event,
    supervision: Supervision | None = None,
    owned: OwnedJournal | None = None,
) -> Assembled:
    """``owned``: the data dir's lock and journal, when the caller took them already."""
    services = await build_services(settings, command="kiosk run", owned=owned)
    monitoring = Monitoring(settings)
    monitoring.watch(services.journal)  # before recovery writes: its outcomes count too
    purchase = PurchaseController(
        window,
        services.catalog,
        services.purchase_flow,
        services.clock,
        sale_cutoff_min=settings.sale_cutoff_min,
        max_tickets=settings.max_tickets,
        seat_plan_turn=settings.seat_plan_turn,
        show_film_rating=settings.show_film_rating,
    )
    collect = CollectController(window, services.collect)
    _alert_on_guessed_codes(services, settings, monitoring)

    checked = asyncio.Event()

    def publish(found: Availability) -> None:
        checked.set()
        window.set_availability(found)
        monitoring.availability(found)
        if supervision is not None:
            supervision.availability(found)  # systemctl status says it too

    availability = AvailabilityWatch(
        availability_check(services, on_health=monitoring.health),
        interval_s=settings.health_interval_s,
        # never beside a patron's flow: its screens and its printer stay as they are
        idle=lambda: window.at_start() and purchase.flow is None,
        on_change=publish,
    )
    window.backAtStart.connect(availability.poke)
    # the latest close or open decides: one entry, not a year of audit log
    audit = await services.journal.audit_log(limit=1, actions=STAFF_OPEN_CLOSE)
    if closed_by_staff(entry.action for entry in audit):
        availability.set_staff_closed(True)
    admin = _install_admin(window, services, stop, availability)
    return Assembled(services, purchase, collect, admin, availability, monitoring, checked)


def _alert_on_guessed_codes(services: Services, settings: Settings, monitoring: Monitoring) -> None:
    """Staff told when the kiosk-wide pickup limit fills (the services set the limits)."""
    guard = services.collect.guard
    alerts = monitoring.alerts
    if alerts is None:
        return
    kiosk = settings.kiosk_id

    def alarm(failures: int, window_s: float) -> None:
        minutes = max(1, round(window_s / 60))
        alerts.notify(
            Alert(
                "pickup-guessing",
                f"【疑似猜码】取票机 {kiosk}：{minutes} 分钟内 {failures} 次错误取票码，"
                f"已暂停凭码取票，请到现场查看\nKiosk {kiosk}: {failures} wrong pickup codes"
                f" in {minutes} min; collecting by code is paused, please go and look",
            )
        )

    guard.alarm = alarm


def availability_check(
    services: Services, on_health: Callable[[list[Health]], None] | None = None
) -> Check:
    """Everything the paths need, asked at once: Connect, SARFT and payment each on a
    short connection of their own, the printer through the kiosk's own object (a
    second connection is refused by some printers), and the journal. ``on_health``
    gets every answer too (the fleet's metrics)."""
    settings = services.settings
    quick = dataclasses.replace(
        settings,
        connect_read_timeout_s=min(settings.connect_read_timeout_s, CHECK_TIMEOUT_S),
        connect_read_retries=1,
        sarft_connect_timeout_s=min(settings.sarft_connect_timeout_s, CHECK_TIMEOUT_S),
        sarft_reply_timeout_s=min(settings.sarft_reply_timeout_s, CHECK_TIMEOUT_S),
    )

    async def check() -> Checks:
        results, journal = await asyncio.gather(
            check_all(quick, services.printer), probe_journal(services.journal)
        )
        if on_health is not None:
            on_health(results)
        return Checks.from_health(results, journal)

    return check


async def recover_then_open(
    window: MainWindow,
    services: Services,
    on_open: Callable[[], None] | None = None,
    checked: asyncio.Event | None = None,
) -> RecoveryReport | None:
    """Settle what the last run left open, opening the doors as soon as patrons are safe.

    Tickets owed by a collection or a staff reprint print first, with patrons held:
    they come out of the printer patrons use, and must not mix with theirs. Then the
    doors open, and the purchases the last run left open are settled beside the
    patrons: they print nothing and touch no seat a patron can choose (their own
    stay locked at Connect until they are settled), and one lost inside
    CompleteOrder may poll Connect for up to 15 minutes (seed §2.2). Only the
    purchases open at start are taken here: a patron's new one is theirs.
    ``on_open`` runs as the doors open (systemd's READY=1). ``checked``: set once
    the first availability check has answered; the doors open on what it found
    (Buy and Collect only where they can finish), never before it."""
    # The cinema's name is asked of Connect while recovery works: neither waits on the
    # other (a slow Connect used to hold the doors for its whole answer after recovery).
    naming = asyncio.ensure_future(_show_cinema_name(window, services))
    try:
        printed = await _recovered(services, kinds=PRINTING)
        try:
            left_open = await services.open_purchases()
        except Exception:
            log.exception("could not read the journal's open purchases; recovery leaves them")
            left_open = set()
        await naming
        if checked is not None:
            await _first_check(checked)
    finally:
        naming.cancel()  # only if recovery itself was cancelled
    window.open_to_patrons()
    if on_open is not None:
        on_open()
    # The screens no patron has seen yet are built now, with the doors open, one per
    # turn of the loop: the open Home is painted first. The tickets' encoding imports
    # meanwhile on a thread (a start's status reads needed none of it).
    warming = asyncio.ensure_future(services.warm_up())
    try:
        await window.build_screens()
    except Exception:
        log.exception("building the screens failed; each is built when first shown")
    await warming
    # What the start built (modules, screens, pools) lives as long as the kiosk: out
    # of the cyclic collector's sight, a full collection during a patron's flow scans
    # only what came after, not all of it (10-30 ms stalls of the UI). Kiosk.close
    # gives it back.
    gc.freeze()
    if not left_open:
        return printed
    settled = await _recovered(services, kinds=PURCHASES, only=left_open)
    if printed is None or settled is None:
        return printed or settled
    return RecoveryReport([*printed.outcomes, *settled.outcomes])


async def _first_check(checked: asyncio.Event) -> None:
    """The first availability check's answer (it started beside recovery). Each of its
    probes gives up after CHECK_TIMEOUT_S; past twice that something is wrong with the
    check itself, and the doors open as they did before any check (the flows ask the
    printer again before money or SARFT's 0x05), saying so in the log."""
    try:
        await asyncio.wait_for(checked.wait(), 2 * CHECK_TIMEOUT_S)
    except TimeoutError:
        log.error("the first availability check has not answered; the doors open unchecked")


async def _recovered(
    services: Services, kinds: Collection[Kind], only: Collection[str] | None = None
) -> RecoveryReport | None:
    """:func:`recover`, with a failure logged for staff rather than raised."""
    try:
        return await recover(services, kinds=kinds, only=only)
    except Exception:
        log.exception("recovery at start failed; the admin screen lists what is open")
        return None


async def settle_periodically(
    services: Services,
    purchase: PurchaseController,
    interval_s: float,
    after: asyncio.Task[RecoveryReport | None],
) -> None:
    """Every ``interval_s``, retry the purchases a flow left open (money still owed
    back, a cancel Connect refused) and the 0x07 owed for tickets on paper, without
    waiting for the next start-up: a patron's refund must not wait for the kiosk to be
    restarted, and an unconfirmed booking could be printed again at another kiosk.
    Starts once the start-up recovery (``after``) is over."""
    await asyncio.wait({after})
    while True:
        await asyncio.sleep(interval_s)
        try:
            # what a live flow owns is passed over (services.owners), cancels included
            report = await services.settle_purchases()
        except Exception:
            log.exception("settling open purchases failed; trying again later")
            continue
        for outcome in report.outcomes:
            log.info(
                "settled while running: %s %s -> %s", outcome.kind, outcome.txn_id, outcome.state
            )


async def recover(
    services: Services,
    kinds: Collection[Kind] | None = None,
    only: Collection[str] | None = None,
) -> RecoveryReport:
    """Recovery whose leftovers are logged for staff (``kiosk recover`` prints its own)."""
    report = await services.recover(kinds, only)
    for outcome in report.needs_staff:
        log.warning(
            "needs staff: %s %s %s (%s)",
            outcome.kind,
            outcome.txn_id,
            outcome.state,
            outcome.reason,
        )
    return report


# How often the films on sale are looked at for posters not yet downloaded (each
# poster itself is asked for again only after a day: kiosk.connect.media).
POSTER_CHECK_S = 3600.0


async def download_posters(
    services: Services, window: MainWindow, settings: Settings, every_s: float = POSTER_CHECK_S
) -> None:
    """VISTA's posters (``poster_url``) of the films on sale, kept under the data dir and
    shown as each arrives; Connect or the media service away only means cards a while."""
    from kiosk.connect.media import PosterDownloads

    downloads = PosterDownloads(settings.poster_url, settings.downloaded_posters_dir)
    try:
        while True:
            try:
                for code in await downloads.fetch(await services.catalog.films()):
                    window.poster_saved(code)
            except Exception as exc:  # posters are a nicety: never the kiosk's end
                log.warning("posters not looked for now: %s", type(exc).__name__)
            await asyncio.sleep(every_s)
    finally:
        await downloads.aclose()


async def _show_cinema_name(window: MainWindow, services: Services) -> None:
    """Home greets patrons with the cinema's own name, as Connect spells it."""
    try:
        cinemas = await services.connect.get_cinemas()
    except ConnectError as exc:
        log.warning("cinema name not shown: %s", exc)
        return
    ours = services.settings.cinema_id
    cinema = next((c for c in cinemas if c.cinema_id == ours), None)
    if cinema is not None:
        window.home.set_cinema_name(cinema.name, cinema.name_alt or "")


def _install_admin(
    window: MainWindow, services: Services, stop: asyncio.Event, availability: AvailabilityWatch
) -> object:
    """The staff screen (hidden gesture + PIN) over the same adapters the patrons use."""
    return install_admin(
        window,
        AdminServices(
            settings=services.settings,
            journal=services.journal,
            reprint=StaffReprint(services.collect),
            recover=functools.partial(recover, services),
            refresh_catalog=services.refresh_catalog,
            printer=services.printer,
            exit_kiosk=stop.set,
            availability=availability,
        ),
    )
