"""Prometheus metrics for a fleet nobody watches (issue 16).

The names are an interface (alerting rules, dashboards and other teams' queries
rely on them): extend, never rename. Every figure comes from something real
saying so: availability from the latest health checks, transaction outcomes and
printed tickets from the journal as it commits them, open and stuck transactions
from the journal's own tables. No label ever carries a pickup code, a phone
number, a booking id or a payment code: labels are closed sets named here.

Served over HTTP (``metrics_host:metrics_port``, port 0 = off) and, for fleets
that already scrape node_exporter, written to a textfile atomically
(``metrics_textfile``; ``prometheus_client.write_to_textfile`` writes a temporary
file and renames it).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, write_to_textfile

from kiosk.availability import REASONS, Availability, PatronPath
from kiosk.journal.summaries import PurchaseSummary
from kiosk.scrape_server import ScrapeServer

if TYPE_CHECKING:
    from kiosk.health import Health
    from kiosk.journal import AsyncJournal
    from kiosk.journal.models import PrintedTicket, Transaction

log = logging.getLogger(__name__)

SERVICES = ("connect", "sarft", "payment", "printer")
PAPER_STATES = ("ok", "near_end", "out")
KINDS = ("purchase", "collect", "reprint")
# Open transactions in these states wait for a person (the admin screen's Attention tab)
STAFF_STATES = frozenset({"NEEDS_STAFF", "awaiting_staff"})
# Purchase outcomes that settle money: the patron kept paying, or got it back
PAID_STATES = {"COMPLETED": "paid", "REFUNDED": "refunded"}
_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class KioskMetrics:
    """One kiosk's metrics in their own registry (tests run several side by side)."""

    def __init__(self, *, version: str, commit: str, provider: str) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.provider = provider
        r = self.registry
        self.in_service = Gauge(
            "kiosk_in_service", "1 while a patron can buy or collect at this kiosk", registry=r
        )
        self.path_available = Gauge(
            "kiosk_path_available", "1 while this patron path can finish", ["path"], registry=r
        )
        self.out_of_service_reason = Gauge(
            "kiosk_out_of_service_reason",
            "1 for each reason that stops a patron path now, 0 for the others",
            ["reason"],
            registry=r,
        )
        self.service_up = Gauge(
            "kiosk_service_up",
            "1 when the last check of the service passed",
            ["service"],
            registry=r,
        )
        self.service_latency = Histogram(
            "kiosk_service_latency_seconds",
            "Time of each call the kiosk makes to a service",
            ["service", "operation"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.printer_paper = Gauge(
            "kiosk_printer_paper",
            "1 for the paper state the printer reports",
            ["state"],
            registry=r,
        )
        self.transactions = Counter(
            "kiosk_transactions", "Transactions ended, by outcome", ["kind", "outcome"], registry=r
        )
        self.tickets_printed = Counter(
            "kiosk_tickets_printed", "Tickets proven on paper (reprints included)", registry=r
        )
        self.payments_fen = Counter(
            "kiosk_payments_fen",
            "Money settled by purchases, in fen: paid and kept, or refunded",
            ["provider", "state"],
            registry=r,
        )
        self.needing_staff = Gauge(
            "kiosk_transactions_needing_staff", "Open transactions waiting for staff", registry=r
        )
        self.open = Gauge("kiosk_transactions_open", "Transactions not yet ended", registry=r)
        self.oldest_open = Gauge(
            "kiosk_oldest_open_transaction_seconds",
            "Age of the oldest transaction not yet ended (0 when none)",
            registry=r,
        )
        build = Gauge(
            "kiosk_build_info", "The kiosk's version and commit", ["version", "commit"], registry=r
        )
        build.labels(version=version, commit=commit).set(1)
        Gauge("kiosk_start_time_seconds", "When this kiosk process started", registry=r).set(
            time.time()
        )
        for path in PatronPath:
            self.path_available.labels(path=path.value).set(0)
        for reason in REASONS:
            self.out_of_service_reason.labels(reason=reason.value).set(0)
        for service in SERVICES:
            self.service_up.labels(service=service).set(0)
        for state in PAPER_STATES:
            self.printer_paper.labels(state=state).set(0)

    # ---- what the kiosk learns --------------------------------------------------------

    def availability(self, found: Availability) -> None:
        if not found.checked:
            return  # the first check has not answered: nothing is known yet
        self.in_service.set(1 if found.in_service else 0)
        for path in PatronPath:
            self.path_available.labels(path=path.value).set(1 if found.path(path).available else 0)
        held = set(found.reasons)
        for reason in REASONS:
            self.out_of_service_reason.labels(reason=reason.value).set(1 if reason in held else 0)

    def health(self, results: Iterable[Health]) -> None:
        for health in results:
            if health.service not in SERVICES:
                continue
            self.service_up.labels(service=health.service).set(1 if health.ok else 0)
            self.service_latency.labels(service=health.service, operation="health").observe(
                health.elapsed_ms / 1000
            )
            if health.service == "printer" and health.printer is not None:
                status = health.printer
                if status.unknown:
                    state = None
                elif status.paper_out:
                    state = "out"
                elif status.paper_near_end:
                    state = "near_end"
                else:
                    state = "ok"
                for name in PAPER_STATES:
                    self.printer_paper.labels(state=name).set(1 if name == state else 0)

    def transaction_changed(self, txn: Transaction) -> None:
        """The journal committed a state: count it once, when the transaction ends."""
        if not txn.terminal or txn.kind not in KINDS:
            return
        self.transactions.labels(kind=txn.kind, outcome=txn.state.lower()).inc()
        settled = PAID_STATES.get(txn.state) if txn.kind == "purchase" else None
        if settled is not None:
            fen = PurchaseSummary.read(txn.summary).total_fen
            if fen > 0:
                self.payments_fen.labels(provider=self._provider_of(txn), state=settled).inc(fen)

    def _provider_of(self, txn: Transaction) -> str:
        """The wallet the patron paid with: the summary names it when it was not the
        first provider's QR (the other QR, a payment code); a closed set either way."""
        wallet = PurchaseSummary.read(txn.summary).wallet
        return wallet if wallet in ("wechatpay", "alipay") else self.provider

    def ticket_printed(self, ticket: PrintedTicket) -> None:
        self.tickets_printed.inc()

    async def refresh_from(self, journal: AsyncJournal, now: dt.datetime | None = None) -> None:
        """Open and stuck transactions, read from the journal itself."""
        open_txns = await journal.open_transactions()
        now = now or dt.datetime.now(dt.UTC)
        self.open.set(len(open_txns))
        self.needing_staff.set(sum(1 for t in open_txns if t.state in STAFF_STATES))
        oldest = min((t.created_at for t in open_txns), default=None)
        self.oldest_open.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)

    # ---- where they go ---------------------------------------------------------------

    def write_textfile(self, path: Path) -> None:
        """Atomically, for node_exporter's textfile collector (``*.prom``)."""
        write_to_textfile(str(path), self.registry)


class MetricsEndpoint:
    """``/metrics`` on ``host:port``, served from the event loop (no extra thread)."""

    def __init__(self, metrics: KioskMetrics, host: str, port: int) -> None:
        self._metrics = metrics
        self._host = host
        self._server = ScrapeServer("/metrics", self._render, host, port)
        self.port = 0  # the bound port, once started

    def _render(self) -> tuple[bytes, str]:
        from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self._metrics.registry), CONTENT_TYPE_LATEST

    async def start(self) -> MetricsEndpoint:
        await self._server.start()
        self.port = self._server.port
        log.info("metrics on http://%s:%d/metrics", self._host, self.port)
        return self

    async def close(self) -> None:
        await self._server.close()
