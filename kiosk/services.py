"""The kiosk's adapters and flows, built once from the settings and closed together.

The window, the admin screen and recovery all act through this one set, so a
network printer (one connection at a time) and the journal each have a single
owner, and shutting down closes everything exactly once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.connect.client import ConnectClient
from kiosk.flows.catalog import Catalog
from kiosk.flows.collect import CollectFlow
from kiosk.flows.collect_recovery import collect_recoverers
from kiosk.flows.pickup_code import KeypadGuard
from kiosk.flows.ports import SystemClock
from kiosk.flows.purchase import PurchaseConfig, PurchaseDeps, PurchaseFlow
from kiosk.flows.recovery import RecoveryContext, RecoveryReport, recover_all, recoverers_for
from kiosk.journal import AsyncJournal
from kiosk.payment.http import HttpPaymentProvider
from kiosk.payment.http import from_settings as payment_from_settings
from kiosk.printing.printer import TicketPrinter, open_printer
from kiosk.sarft import SarftClient
from kiosk.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    journal: AsyncJournal
    connect: ConnectClient
    payment: HttpPaymentProvider
    printer: TicketPrinter
    clock: SystemClock
    catalog: Catalog
    collect: CollectFlow

    def purchase_flow(self) -> PurchaseFlow:
        """A new purchase for one patron; it prints through the collect flow's hand-off."""
        deps = PurchaseDeps(
            self.connect, self.payment, self.journal, self.clock, self.catalog, self.collect
        )
        return PurchaseFlow(deps, PurchaseConfig.from_settings(self.settings))

    async def recover(self) -> RecoveryReport:
        """Every registered recoverer, but collections through this kiosk's own collect
        flow, so recovery prints on the printer connection the patrons use."""
        context = RecoveryContext(
            self.settings, self.journal, self.connect, self.payment, self.clock
        )
        report = await recover_all(
            self.journal, [*recoverers_for(context), *collect_recoverers(self.collect)]
        )
        for outcome in report.needs_staff:
            log.warning(
                "needs staff: %s %s %s (%s)",
                outcome.kind,
                outcome.txn_id,
                outcome.state,
                outcome.reason,
            )
        return report

    async def refresh_catalog(self) -> None:
        await self.catalog.films(fresh=True)

    async def aclose(self) -> None:
        """Close every adapter, each even if another fails, the journal last."""
        for name, close in (
            ("printer", self.printer.close),
            ("connect", self.connect.aclose),
            ("payment", self.payment.aclose),
        ):
            try:
                await close()
            except Exception:
                log.exception("closing the %s adapter failed", name)
        await self.journal.close()


async def open_services(settings: Settings) -> Services:
    """Open the journal and build every adapter (network connections open on first use)."""
    journal = await AsyncJournal.open(settings.journal_path, known_secrets=settings.secrets())
    clock = SystemClock()
    connect = ConnectClient.from_settings(settings)
    printer = open_printer(settings)
    collect = CollectFlow(
        connect,
        lambda: SarftClient.from_settings(settings),
        printer,
        journal,
        kiosk_id=settings.kiosk_id,
        language=settings.ticket_language,
        guard=KeypadGuard(settings.pickup_max_failures, settings.pickup_lock_s),
        clock=clock,
    )
    return Services(
        settings,
        journal,
        connect,
        payment_from_settings(settings),
        printer,
        clock,
        Catalog(connect, clock, settings.cinema_id),
        collect,
    )
