"""The kiosk's adapters and flows, built once from the settings and closed together.

The window, the admin screen, recovery and the command-line tools all act
through this one set, so every tool wires the adapters exactly as the kiosk
does, a network printer (one connection at a time) and the journal each have a
single owner, and closing closes everything exactly once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from kiosk.connect.client import ConnectClient
from kiosk.flows.catalog import Catalog
from kiosk.flows.collect import CollectFlow
from kiosk.flows.collect_recovery import collect_recoverers
from kiosk.flows.pickup_code import KeypadGuard
from kiosk.flows.ports import SystemClock
from kiosk.flows.purchase import PurchaseConfig, PurchaseDeps, PurchaseFlow
from kiosk.flows.recovery import RecoveryContext, RecoveryReport, recover_all, recoverers_for
from kiosk.journal import AsyncJournal
from kiosk.journal.models import Kind
from kiosk.payment.http import HttpPaymentProvider
from kiosk.payment.http import from_settings as payment_from_settings
from kiosk.printing.printer import TicketPrinter, open_printer
from kiosk.sarft import SarftClient
from kiosk.settings import Settings

log = logging.getLogger(__name__)

PURCHASES: tuple[Kind, ...] = ("purchase",)
# Recovery of these prints (owed tickets of a collection, a staff reprint).
PRINTING: tuple[Kind, ...] = ("collect", "reprint")


@dataclass
class Services:
    settings: Settings
    journal: AsyncJournal
    connect: ConnectClient
    payment: HttpPaymentProvider
    clock: SystemClock
    catalog: Catalog
    # None when opened without the printer: ``kiosk buy`` sells without printing.
    _printer: TicketPrinter | None
    _collect: CollectFlow | None
    # One recovery at a time (start-up, the admin's button, the periodic settling):
    # two would work the same transaction side by side.
    _recovering: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def printer(self) -> TicketPrinter:
        if self._printer is None:
            raise RuntimeError("the services were opened without the printer")
        return self._printer

    @property
    def collect(self) -> CollectFlow:
        if self._collect is None:
            raise RuntimeError("the services were opened without the printer")
        return self._collect

    def purchase_flow(self, **config: Any) -> PurchaseFlow:
        """A new purchase for one patron; it prints through the collect flow's hand-off
        when there is a printer. ``config`` overrides the settings' PurchaseConfig."""
        deps = PurchaseDeps(
            self.connect, self.payment, self.journal, self.clock, self.catalog, self._collect
        )
        return PurchaseFlow(deps, PurchaseConfig.from_settings(self.settings, **config))

    async def recover(
        self, kinds: Collection[Kind] | None = None, only: Collection[str] | None = None
    ) -> RecoveryReport:
        """Every registered recoverer, but collections through this kiosk's own collect
        flow, so recovery prints on the printer connection the patrons use. ``kinds``
        and ``only`` limit it as :func:`recover_all` says."""
        context = RecoveryContext(
            self.settings, self.journal, self.connect, self.payment, self.clock
        )
        async with self._recovering:
            return await recover_all(
                self.journal,
                [*recoverers_for(context), *collect_recoverers(self.collect)],
                kinds=kinds,
                only=only,
            )

    async def open_purchases(self) -> set[str]:
        """The purchases the journal has open now."""
        return {t.id for t in await self.journal.open_transactions() if t.kind in PURCHASES}

    async def settle_purchases(self, skip: Collection[str] = ()) -> RecoveryReport:
        """Purchase recovery while the kiosk runs, for money a flow could not settle
        (a refund whose reply was lost, a cancel Connect refused). Purchases only:
        their recovery prints nothing, so it can run beside a patron's collection.
        ``skip`` is the transaction a live flow still owns."""
        context = RecoveryContext(
            self.settings, self.journal, self.connect, self.payment, self.clock
        )
        async with self._recovering:
            return await recover_all(
                self.journal, recoverers_for(context), kinds=PURCHASES, skip=skip
            )

    async def refresh_catalog(self) -> None:
        await self.catalog.films(fresh=True)

    async def aclose(self) -> None:
        """Close every adapter, each even if another fails, the journal last."""
        closers = [("connect", self.connect.aclose), ("payment", self.payment.aclose)]
        if self._printer is not None:
            closers.insert(0, ("printer", self._printer.close))
        for name, close in closers:
            try:
                await close()
            except Exception:
                log.exception("closing the %s adapter failed", name)
        await self.journal.close()


async def build_services(settings: Settings, *, with_printer: bool = True) -> Services:
    """Open the journal and build every adapter (network connections open on first use);
    the caller closes them with :meth:`Services.aclose`."""
    journal = await AsyncJournal.open(settings.journal_path, known_secrets=settings.secrets())
    clock = SystemClock()
    connect = ConnectClient.from_settings(settings)
    printer = open_printer(settings) if with_printer else None
    collect = None
    if printer is not None:
        collect = CollectFlow(
            connect,
            lambda: SarftClient.from_settings(settings),
            printer,
            journal,
            kiosk_id=settings.kiosk_id,
            language=settings.ticket_language,
            guard=await KeypadGuard.from_journal(
                journal, settings.pickup_max_failures, settings.pickup_lock_s
            ),
            clock=clock,
        )
    return Services(
        settings,
        journal,
        connect,
        payment_from_settings(settings),
        clock,
        Catalog(connect, clock, settings.cinema_id),
        printer,
        collect,
    )


@asynccontextmanager
async def open_services(
    settings: Settings, *, with_printer: bool = True
) -> AsyncIterator[Services]:
    """:func:`build_services` for one task (the command-line tools), closed on the way out."""
    services = await build_services(settings, with_printer=with_printer)
    try:
        yield services
    finally:
        await services.aclose()
