"""The kiosk's adapters and flows, built once from the settings and closed together.

The window, the admin screen, recovery and the command-line tools all act
through this one set, so every tool wires the adapters exactly as the kiosk
does, a network printer (one connection at a time) and the journal each have a
single owner, and closing closes everything exactly once.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import logging
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk import ahead
from kiosk.connect.client import ConnectClient
from kiosk.datadir_lock import DataDirLock
from kiosk.flows.catalog import Catalog
from kiosk.flows.owners import TransactionOwners
from kiosk.flows.ports import SystemClock
from kiosk.journal import AsyncJournal
from kiosk.journal.models import Kind, Transaction
from kiosk.memory_return import FreedMemoryReturn
from kiosk.owned_journal import OwnedJournal, own_journal
from kiosk.settings import Settings

# What only some commands use is imported where it is first used: ``kiosk buy`` prints
# nothing and recovers nothing, so it must not pay at every start for the printing
# stack (escpos and its printer database, Pillow, qrcode), SARFT and the collect flow
# (~50 ms), nor ``kiosk collect`` for the purchase flow (until recovery asks for it)
# or the payment providers.
if TYPE_CHECKING:
    from kiosk.flows.collect import CollectFlow
    from kiosk.flows.collect_ports import SarftSession
    from kiosk.flows.purchase import PurchaseConfig, PurchaseFlow
    from kiosk.flows.recovery import RecoveryContext
    from kiosk.flows.recovery_base import Recoverer, RecoveryReport
    from kiosk.payment.base import PaymentProvider
    from kiosk.printing.printer import TicketPrinter

log = logging.getLogger(__name__)

# What Services.warm_up imports ahead, in the order a collection needs it.
COLLECTION_AHEAD = (
    "kiosk.connect.models",
    "kiosk.sarft",
    "PIL.Image",
    "qrcode",
    # escpos only through this one (its printer database cached: escpos alone parses
    # the YAML, ~150 ms, and leaves a folder in /tmp)
    "kiosk.printing.escpos_cache",
    "kiosk.printing.escpos",
)


def purchase_config(settings: Settings, **overrides: Any) -> PurchaseConfig:
    """The purchase flow's knobs from the installer's settings (flows read no settings
    themselves); ``overrides`` replace single knobs, as tests and tools do."""
    from kiosk.flows.purchase import PurchaseConfig

    values: dict[str, Any] = {
        "cinema_id": settings.cinema_id,
        "seat_hold_s": settings.seat_hold_s,
        "sale_cutoff_after_start_min": settings.sale_cutoff_min,
        "max_tickets": settings.max_tickets,
        "payment_expires_s": settings.payment_expires_s,
        "booking_status_polls": settings.booking_status_polls,
        "booking_status_interval_s": settings.booking_status_interval_s,
    }
    values.update(overrides)
    return PurchaseConfig(**values)


PURCHASES: tuple[Kind, ...] = ("purchase",)
# Recovery of these prints (owed tickets of a collection, a staff reprint).
PRINTING: tuple[Kind, ...] = ("collect", "reprint")


@dataclass
class Services:
    settings: Settings
    journal: AsyncJournal
    connect: ConnectClient
    # the first provider of payment_providers; None when opened without payment:
    # ``kiosk collect`` takes no money (nor imports or builds the providers)
    _payment: PaymentProvider | None
    clock: SystemClock
    catalog: Catalog
    # None when opened without the printer: ``kiosk buy`` sells without printing.
    _printer: TicketPrinter | None
    _collect: CollectFlow | None
    # who works which transaction now: flows join before journal.begin, and every
    # recovery passes over what a live flow owns
    owners: TransactionOwners
    # this process's hold on the data dir: no second process works the same journal
    _lock: DataDirLock | None = None
    # the other providers of payment_providers by name, in screen order: a QR each
    wallets: dict[str, PaymentProvider] = field(default_factory=dict)
    # One recovery at a time (start-up, the admin's button, the periodic settling):
    # two would work the same transaction side by side.
    _recovering: asyncio.Lock = field(default_factory=asyncio.Lock)
    # freed memory handed back to the system as each transaction ends (None: no glibc)
    _memory_return: FreedMemoryReturn | None = None

    @property
    def payment(self) -> PaymentProvider:
        if self._payment is None:
            raise RuntimeError("the services were opened without payment")
        return self._payment

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
        from kiosk.flows.purchase import PurchaseDeps, PurchaseFlow

        deps = PurchaseDeps(
            self.connect,
            self.payment,
            self.journal,
            self.clock,
            self.catalog,
            self._collect,
            owners=self.owners,
            printer=self._printer,
            wallets=self.wallets,
        )
        return PurchaseFlow(deps, purchase_config(self.settings, **config))

    async def recover(
        self, kinds: Collection[Kind] | None = None, only: Collection[str] | None = None
    ) -> RecoveryReport:
        """Every registered recoverer, but collections through this kiosk's own collect
        flow, so recovery prints on the printer connection the patrons use. ``kinds``
        and ``only`` limit it as :func:`recover_all` says."""
        from kiosk.flows.collect_recovery import collect_recoverers
        from kiosk.flows.recovery_base import recover_all

        async with self._recovering:
            return await recover_all(
                self.journal,
                [*self._recoverers(kinds), *collect_recoverers(self.collect)],
                owners=self.owners,
                kinds=kinds,
                only=only,
            )

    async def open_purchases(self) -> set[str]:
        """The purchases the journal has open now."""
        return {t.id for t in await self.journal.open_transactions() if t.kind in PURCHASES}

    async def settle_purchases(self) -> RecoveryReport:
        """Recovery while the kiosk runs, of what prints nothing and so can run beside
        patrons: money a flow could not settle (a refund whose reply was lost, a cancel
        Connect refused) and the 0x07 owed for tickets already on paper. What a live
        flow owns is passed over."""
        from kiosk.flows.collect_recovery import collect_recoverers
        from kiosk.flows.recovery_base import recover_all

        recoverers = self._recoverers()
        if self._collect is not None:
            recoverers += collect_recoverers(self._collect)
        async with self._recovering:
            return await recover_all(
                self.journal, recoverers, owners=self.owners, where=_prints_nothing
            )

    def _recovery(self) -> RecoveryContext:
        from kiosk.flows.recovery import RecoveryContext

        return RecoveryContext(
            purchase_config(self.settings),
            self.journal,
            self.connect,
            self.payment,
            self.clock,
            self.wallets,
        )

    def _recoverers(self, kinds: Collection[Kind] | None = None) -> list[Recoverer]:
        """The registered recoverers (purchases: they need payment). Opened without
        payment, only the printing kinds can be asked for, and they are the collect
        flow's own."""
        if self._payment is None and kinds is not None and set(kinds) <= set(PRINTING):
            return []
        from kiosk.flows.recovery import recoverers_for

        return recoverers_for(self._recovery())

    async def warm_up(self) -> None:
        """Import what a collection needs after its lookup's first answer (SARFT's
        client) and for its first ticket (the layout and its ESC/POS encoding:
        python-escpos, qrcode, Pillow), while the loop waits: a start and its status
        reads need none of it. Without a printer, nothing.

        In the order they are needed, and in pieces of ~10-25 ms: the ahead thread
        finishes what it has begun before a request's own work there, so the Connect
        reply models come first (the lookup's first answer is read into them; loaded
        already once the kiosk has asked Connect anything), and the printing stack is
        four imports, not one of ~70 ms."""
        if self._printer is not None:
            await import_meanwhile(*COLLECTION_AHEAD)

    async def refresh_catalog(self) -> None:
        await self.catalog.films(fresh=True)

    async def aclose(self) -> None:
        """Close every adapter, each even if another fails, the journal last."""
        closers = [("connect", self.connect.aclose)]
        if self._payment is not None:
            closers.append(("payment", self._payment.aclose))
        closers += [(name, wallet.aclose) for name, wallet in self.wallets.items()]
        if self._printer is not None:
            closers.insert(0, ("printer", self._printer.close))
        for name, close in closers:
            try:
                await close()
            except Exception:
                log.exception("closing the %s adapter failed", name)
        try:
            await self.journal.close()
        finally:
            if self._memory_return is not None:
                self._memory_return.close()
            if self._lock is not None:
                self._lock.release()


async def import_meanwhile(*modules: str) -> None:
    """Import ``modules`` on the ahead thread (kiosk/ahead.py), one at a time and each
    after any request's own work there: while the loop waits on the journal or the
    network, the imports cost it nothing, and the first real use finds them loaded. A
    failure is only logged: that first use imports them again and says what is wrong
    there."""
    loading = [
        asyncio.wrap_future(
            ahead.submit(functools.partial(importlib.import_module, name), priority=ahead.LATER)
        )
        for name in modules
    ]
    for name, outcome in zip(
        modules, await asyncio.gather(*loading, return_exceptions=True), strict=True
    ):
        if isinstance(outcome, Exception):
            log.warning("importing %s ahead failed", name, exc_info=outcome)


def _prints_nothing(txn: Transaction) -> bool:
    """Open transactions whose recovery touches no printer: purchases, owed confirms."""
    from kiosk.flows.collect import CollectState

    return txn.kind in PURCHASES or (
        txn.kind in PRINTING and txn.state == CollectState.CONFIRM_OWED
    )


async def build_services(
    settings: Settings,
    *,
    with_printer: bool = True,
    with_payment: bool = True,
    command: str = "kiosk",
    owned: OwnedJournal | None = None,
) -> Services:
    """Lock the data dir for ``command``, open the journal and build every adapter
    (network connections open on first use); the caller closes them with
    :meth:`Services.aclose`. Raises :class:`kiosk.datadir_lock.DataDirBusy` at once
    when another process holds the data dir. ``owned``: the lock and journal already
    taken (:func:`kiosk.owned_journal.own_journal`)."""
    if owned is None:
        owned = await own_journal(settings, command)
    lock, journal = owned.lock, owned.journal
    clock = SystemClock()
    owners = TransactionOwners()
    connect = ConnectClient.from_settings(settings)
    printer = None
    collect = None
    if with_printer:
        from kiosk.flows.collect import CollectFlow
        from kiosk.flows.pickup_code import KeypadGuard
        from kiosk.printing.printer import open_printer

        def sarft() -> SarftSession:
            # SARFT's client loads with the first session, after Connect's answer
            # (Services.warm_up imports it while that answer is awaited)
            from kiosk.sarft import SarftClient

            return SarftClient.from_settings(settings)

        printer = open_printer(settings)
        collect = CollectFlow(
            connect,
            sarft,
            printer,
            journal,
            kiosk_id=settings.kiosk_id,
            language=settings.ticket_language,
            # every limit of the screen's keypad, for the terminal's ``kiosk collect`` too
            guard=await KeypadGuard.from_journal(
                journal,
                settings.pickup_max_failures,
                settings.pickup_lock_s,
                delay_s=settings.pickup_delay_s,
                kiosk_max_failures=settings.pickup_kiosk_max_failures,
                kiosk_window_s=settings.pickup_kiosk_window_s,
            ),
            clock=clock,
            owners=owners,
        )
    payment, wallets = None, {}
    if with_payment:
        from kiosk.payment.providers import all_from_settings

        first, *others = all_from_settings(settings).items()
        payment, wallets = first[1], dict(others)
    memory_return = FreedMemoryReturn.on_this_system()
    if memory_return is not None:
        journal.observers.append(memory_return)
    return Services(
        settings,
        journal,
        connect,
        payment,
        clock,
        Catalog(connect, clock, settings.cinema_id),
        printer,
        collect,
        owners,
        lock,
        wallets,
        _memory_return=memory_return,
    )


@asynccontextmanager
async def open_services(
    settings: Settings,
    *,
    with_printer: bool = True,
    with_payment: bool = True,
    command: str = "kiosk",
) -> AsyncIterator[Services]:
    """:func:`build_services` for one task (the command-line tools), closed on the way out."""
    services = await build_services(
        settings, with_printer=with_printer, with_payment=with_payment, command=command
    )
    try:
        yield services
    finally:
        await services.aclose()
