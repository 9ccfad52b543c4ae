"""The purchase flow wired to the Connect and payment simulators on loopback, with a fake
clock shared by the flow and the simulators' store, and the invariant every test holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.connect.client import ConnectClient
from kiosk.domain import Session
from kiosk.flows.catalog import Catalog
from kiosk.flows.owners import TransactionOwners
from kiosk.flows.ports import IssueResult
from kiosk.flows.purchase import PurchaseConfig, PurchaseDeps, PurchaseFlow, SeatKey
from kiosk.flows.recovery import PurchaseRecoverer, RecoveryReport, recover_all
from kiosk.flows.ticket_labels import TicketLabels
from kiosk.journal import AsyncJournal, Transaction
from kiosk.payment.base import PaymentProvider
from kiosk.payment.http import HttpPaymentProvider
from kiosk.sim.connect_server import ConnectSimulator, start_connect
from kiosk.sim.demo_data import build_demo_store
from kiosk.sim.payment_server import PaymentSimulator, start_payment
from kiosk.sim.store import SimStore
from kiosk.sim.world import SimWorld
from tests.helpers.clock import FakeClock
from tests.helpers.sessions import bookable_session

T0 = dt.datetime(2025, 3, 1, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai
TOKEN = "test-connect-token"
# Long enough that a reply from the in-process simulator is never missed when six
# workers share two cores (0.25 s was: CI saw StartExternalPayment 'no answer');
# short enough that a hang fault costs a test about a second.
TIMEOUT_S = 1.0


FAST = PurchaseConfig(
    payment_poll_s=10.0,
    booking_status_polls=15,
    booking_status_interval_s=60.0,
)


@dataclass
class RecordingIssuer:
    """Stands in for the collect flow: records what it was asked to print."""

    fail: bool = False
    issued: list[tuple[str, int, str]] = field(default_factory=list)
    labels: list[TicketLabels | None] = field(default_factory=list)

    async def issue(
        self,
        booking_id: str,
        booking_number: int,
        txn_id: str,
        labels: TicketLabels | None = None,
    ) -> IssueResult:
        if self.fail:
            raise OSError("printer offline")
        self.issued.append((booking_id, booking_number, txn_id))
        self.labels.append(labels)
        return IssueResult(printed=1, total=1)


@dataclass
class Kit:
    world: SimWorld
    clock: FakeClock
    connect_sim: ConnectSimulator
    payment_sim: PaymentSimulator
    connect: ConnectClient
    payment: PaymentProvider
    journal: AsyncJournal
    config: PurchaseConfig
    # one registry for the kit's flows and its recovery, as the kiosk has one
    owners: TransactionOwners = field(default_factory=TransactionOwners)
    # the providers after ``payment`` (provider="wechatpay,alipay"): a QR each
    wallets: dict[str, PaymentProvider] = field(default_factory=dict)

    @property
    def store(self) -> SimStore:
        return self.world.store

    def catalog(self) -> Catalog:
        return Catalog(self.connect, self.clock)

    def flow(
        self, issuer: RecordingIssuer | None = None, ids: list[str] | None = None
    ) -> PurchaseFlow:
        deps = PurchaseDeps(
            self.connect, self.payment, self.journal, self.clock, self.catalog(), issuer
        )
        deps.owners = self.owners
        deps.wallets = self.wallets
        if ids:
            deps.new_id = ids.pop
        return PurchaseFlow(deps, self.config)

    def recoverer(self) -> PurchaseRecoverer:
        return PurchaseRecoverer(
            self.journal, self.connect, self.payment, self.clock, self.config, wallets=self.wallets
        )

    async def recover(self) -> RecoveryReport:
        return await recover_all(self.journal, [self.recoverer()], owners=self.owners)

    def faults(self, *rules: str) -> None:
        self.world.faults.add(list(rules))

    def session(self, screen: int = 1, index: int = 0) -> Session:
        """A session on sale tomorrow (from T0, however far the clock has moved since),
        none of the demo's special ones."""
        chosen = bookable_session(
            self.store, screen=screen, index=index, after=T0 + dt.timedelta(days=1)
        )
        return Session(session_id=chosen.session_id, showtime=chosen.showtime.astimezone(dt.UTC))

    def pay(self, out_trade_no: str) -> None:
        """The patron scans the QR and pays."""
        from kiosk.sim.payment_server import pay_order

        pay_order(self.store, out_trade_no)


def free_seats(flow: PurchaseFlow, count: int, area: int = 1) -> list[SeatKey]:
    """``count`` free single seats of an area, from the flow's fresh seat plan."""
    assert flow.offer is not None
    keys = [
        SeatKey(a.number, s.position.row_index, s.position.column_index)
        for a, _row, s in flow.offer.seat_plan.seats()
        if a.number == area and s.is_free and not s.is_sofa
    ]
    return keys[:count]


def standard_code(flow: PurchaseFlow, area_category: str = "0000000001") -> str:
    assert flow.offer is not None
    return next(
        t.ticket_type_code
        for t in flow.offer.ticket_types
        if t.area_category_code == area_category and t.ticket_type_code.endswith("010")
    )


@asynccontextmanager
async def running_kit(
    tmp_path: Path,
    config: PurchaseConfig = FAST,
    timeout_s: float = TIMEOUT_S,
    provider: str = "simulator",
) -> AsyncIterator[Kit]:
    """``provider``: the protocol the kiosk pays through (simulator, wechatpay, alipay), each
    against the same payment simulator; a comma list shows a QR of each, in that order."""
    clock = FakeClock(T0)
    store = build_demo_store(seed=7, now=T0)
    store.clock = clock
    world = SimWorld(store)
    connect_sim = await start_connect(world, token=TOKEN)
    payment_sim = await start_payment(world, keys_dir=tmp_path / "payment-keys")
    connect = ConnectClient(
        connect_sim.url,
        TOKEN,
        read_timeout_s=timeout_s,
        complete_timeout_s=timeout_s,
        read_retries=2,
    )
    providers = {
        name: _provider(name, payment_sim, clock, timeout_s) for name in provider.split(",")
    }
    (_, payment), *others = providers.items()
    journal = await AsyncJournal.open(tmp_path / "journal.sqlite3", known_secrets=[TOKEN])
    try:
        yield Kit(
            world,
            clock,
            connect_sim,
            payment_sim,
            connect,
            payment,
            journal,
            config,
            wallets=dict(others),
        )
    finally:
        await journal.close()
        await connect.aclose()
        for made in providers.values():
            await made.aclose()
        await connect_sim.close()
        await payment_sim.close()


def _provider(
    name: str, payment_sim: PaymentSimulator, clock: FakeClock, timeout_s: float
) -> PaymentProvider:
    if name == "wechatpay":
        from tests.payment.wechat_helpers import wechat_provider

        return wechat_provider(payment_sim.info()["wechatpay"], clock, timeout_s=timeout_s)
    if name == "alipay":
        from tests.payment.wechat_helpers import alipay_provider

        return alipay_provider(payment_sim.info()["alipay"], clock, timeout_s=timeout_s)
    return HttpPaymentProvider(
        str(payment_sim.info()["url"]),
        timeout_s=timeout_s,
        connect_timeout_s=timeout_s,
        query_attempts=2,
        retry_delay_s=0.0,
    )


def purchase_of(out_trade_no: str, user_session_ids: Iterable[str]) -> str:
    """The purchase (UserSessionId) a payment order belongs to: its first QR's number is
    the UserSessionId; another provider's QR is its first 30 characters, ``Q`` and the
    position, a payment code's ``C`` and the attempt."""
    if len(out_trade_no) == 32 and out_trade_no[30] in "CQ":
        prefix = out_trade_no[:30]
        return next((u for u in user_session_ids if u[:30] == prefix), prefix)
    return out_trade_no


def assert_money_and_seats_settled(store: SimStore) -> None:
    """The patron's money is matched by a completed booking or refunded, and no seat lock
    is left: read from the simulators' state (what GET /_sim/state answers). A purchase
    may have several payment orders (its QR, each payment code): one keeps the money of
    a live booking, every other keeps nothing."""
    state = store.state_json()
    assert state["seat_locks"] == [], state["seat_locks"]
    kiosk_bookings = {
        b["user_session_id"]: b for b in state["bookings"].values() if not b["online"]
    }
    kept_by: dict[str, list[tuple[str, int]]] = {}
    for out_trade_no, payment in state["payments"].items():
        kept = payment["amount"] - payment["refunded_amount"]
        if payment["state"] not in ("PAID", "REFUNDED"):
            kept = 0
        purchase = purchase_of(out_trade_no, kiosk_bookings)
        booking = kiosk_bookings.get(purchase)
        live = booking is not None and not booking["refunded"]
        if kept:
            assert kept == payment["amount"], f"partial refund of {out_trade_no}"
            assert live and booking is not None and booking["total"] == kept, (
                out_trade_no,
                payment,
            )
            kept_by.setdefault(purchase, []).append((out_trade_no, kept))
    for usid, booking in kiosk_bookings.items():
        if not booking["refunded"]:
            paid = kept_by.get(usid, [])
            assert len(paid) == 1, (usid, paid)  # paid once: never twice, never not at all


def assert_all_terminal(open_txns: list[Transaction]) -> None:
    assert open_txns == [], [(t.id, t.state, t.summary.get("staff_reason")) for t in open_txns]


async def assert_invariant(kit: Kit) -> None:
    """Money and seats settled, and every transaction terminal."""
    assert_money_and_seats_settled(kit.store)
    assert_all_terminal(await kit.journal.open_transactions())
