"""The kiosk's Prometheus metrics: names as issue 16 gives them, figures from the
journal and the health checks, served over HTTP and as a node_exporter textfile,
and no label that could carry a pickup code, a booking id or a phone number."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.availability import Checks, decide
from kiosk.health import Health
from kiosk.journal import AsyncJournal
from kiosk.metrics import KioskMetrics, MetricsEndpoint
from kiosk.monitoring import build_commit, payment_provider
from kiosk.printing.status import PrinterStatus
from kiosk.settings import load_settings
from kiosk.sim.cluster import SimCluster, kiosk_env

NAMES = {
    "kiosk_in_service", "kiosk_path_available", "kiosk_out_of_service_reason",
    "kiosk_service_up", "kiosk_service_latency_seconds", "kiosk_printer_paper",
    "kiosk_transactions", "kiosk_tickets_printed", "kiosk_payments_fen",
    "kiosk_transactions_needing_staff", "kiosk_transactions_open",
    "kiosk_oldest_open_transaction_seconds", "kiosk_build_info", "kiosk_start_time_seconds",
}  # fmt: skip
PAPER_OUT = PrinterStatus(online=False, paper_present=False)


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(text: str, name: str, **labels: str) -> float:
    return samples(text)[(name, tuple(sorted(labels.items())))]


async def test_metrics_follow_the_journal_and_the_checks(tmp_path: Path) -> None:
    metrics = KioskMetrics(version="1.2.3", commit="abc1234", provider="wechatpay")
    journal = await AsyncJournal.open(tmp_path / "journal.sqlite3")
    journal.observers.append(metrics)
    endpoint = await MetricsEndpoint(metrics, "127.0.0.1", 0).start()
    try:
        await journal.begin("purchase", "p1", "LOCKING", {"total_fen": 9000, "seats": ["7排1座"]})
        await journal.set_state("p1", "COMPLETED", terminal=True)
        await journal.begin("collect", "c1", "started", {"booking_id": "WQNX8JL"})
        await journal.record_printed("c1", "WQNX8JL", 0, "0000111972000001")
        await journal.set_state("c1", "awaiting_staff")
        await journal.begin("purchase", "p2", "LOCKING", {"total_fen": 4500})
        await journal.set_state("p2", "REFUNDED", terminal=True)
        later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=120)
        await metrics.refresh_from(journal, now=later)
        checks = Checks(printer=PAPER_OUT, sarft=False)
        metrics.availability(decide(checks))
        metrics.health(
            [
                Health("printer", False, "paper out", 12, printer=PAPER_OUT),
                Health("sarft", False, "refused", 300),
                Health("connect", True, "ok", 40),
            ]
        )
        async with httpx.AsyncClient() as client:
            reply = await client.get(f"http://127.0.0.1:{endpoint.port}/metrics")
        assert reply.status_code == 200
        text = reply.text
    finally:
        await endpoint.close()
        await journal.close()

    assert {f.name for f in text_string_to_metric_families(text)} >= NAMES
    assert value(text, "kiosk_transactions_total", kind="purchase", outcome="completed") == 1
    assert value(text, "kiosk_transactions_total", kind="purchase", outcome="refunded") == 1
    assert (
        "kiosk_transactions_total",
        (("kind", "collect"), ("outcome", "started")),
    ) not in samples(text)
    assert value(text, "kiosk_payments_fen_total", provider="wechatpay", state="paid") == 9000
    assert value(text, "kiosk_payments_fen_total", provider="wechatpay", state="refunded") == 4500
    assert value(text, "kiosk_tickets_printed_total") == 1
    assert value(text, "kiosk_transactions_open") == 1
    assert value(text, "kiosk_transactions_needing_staff") == 1
    assert 100 < value(text, "kiosk_oldest_open_transaction_seconds") < 200
    assert value(text, "kiosk_in_service") == 0
    assert value(text, "kiosk_path_available", path="buy") == 0
    assert value(text, "kiosk_out_of_service_reason", reason="printer_paper_out") == 1
    assert value(text, "kiosk_out_of_service_reason", reason="sarft_unreachable") == 1
    assert value(text, "kiosk_out_of_service_reason", reason="connect_unreachable") == 0
    assert value(text, "kiosk_service_up", service="printer") == 0
    assert value(text, "kiosk_service_up", service="connect") == 1
    assert value(text, "kiosk_printer_paper", state="out") == 1
    assert value(text, "kiosk_printer_paper", state="ok") == 0
    assert value(text, "kiosk_build_info", version="1.2.3", commit="abc1234") == 1
    # nothing personal or secret in any label
    assert "WQNX8JL" not in text and "0000111972" not in text and "7排1座" not in text


def test_back_in_service_clears_the_reason(tmp_path: Path) -> None:
    metrics = KioskMetrics(version="1", commit="x", provider="sim")
    metrics.availability(decide(Checks(printer=PAPER_OUT)))
    metrics.availability(decide(Checks()))
    out = tmp_path / "kiosk.prom"
    metrics.write_textfile(out)
    text = out.read_text()
    assert value(text, "kiosk_in_service") == 1
    assert value(text, "kiosk_out_of_service_reason", reason="printer_paper_out") == 0
    assert not list(tmp_path.glob("*.tmp*"))  # written atomically, nothing left behind


async def test_a_failing_observer_never_breaks_the_journal_write(tmp_path: Path) -> None:
    class Broken:
        def transaction_changed(self, txn: object) -> None:
            raise RuntimeError("metrics bug")

        def ticket_printed(self, ticket: object) -> None:
            raise RuntimeError("metrics bug")

    journal = await AsyncJournal.open(tmp_path / "journal.sqlite3")
    journal.observers.append(Broken())
    try:
        txn = await journal.begin("collect", "c1", "started", {})
        assert txn.state == "started"
        assert (await journal.transaction("c1")) is not None
    finally:
        await journal.close()


async def test_money_is_labelled_with_the_provider_the_kiosk_pays_through(
    sim: SimCluster,
) -> None:
    env = kiosk_env(sim.info())  # the simulator's WeChat Pay and Alipay merchant settings
    for provider, label in (("simulator", "sim"), ("wechatpay", "wechatpay"), ("alipay", "alipay")):
        settings = load_settings(environ={**env, "KIOSK_PAYMENT_PROVIDERS": provider})
        assert payment_provider(settings) == label


def test_build_info_names_the_commit_of_a_checkout_a_worktree_or_packed_refs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIOSK_BUILD_COMMIT", raising=False)

    def git(*args: str, cwd: Path = tmp_path / "repo") -> str:
        done = subprocess.run(
            ["git", "-c", "user.name=ci", "-c", "user.email=ci@example.cn", *args],
            cwd=cwd, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout.strip()

    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main")
    git("commit", "-q", "--allow-empty", "-m", "first")
    assert build_commit(repo) == git("rev-parse", "HEAD")[:12]
    git("worktree", "add", "-q", "-b", "other", str(tmp_path / "wt"))
    git("commit", "-q", "--allow-empty", "-m", "second", cwd=tmp_path / "wt")
    git("pack-refs", "--all")  # every branch's ref now only in packed-refs
    assert build_commit(tmp_path / "wt") == git("rev-parse", "other")[:12]
    assert build_commit(repo) == git("rev-parse", "main")[:12] != build_commit(tmp_path / "wt")
    assert build_commit(tmp_path) == "unknown"  # not a checkout
    monkeypatch.setenv("KIOSK_BUILD_COMMIT", "0123456789abcdef")
    assert build_commit(repo) == "0123456789ab"  # the installer's word wins


def test_money_paid_through_the_second_qr_or_a_code_is_labelled_with_its_wallet() -> None:
    """A kiosk showing WeChat Pay's and Alipay's QRs: money paid through Alipay's QR (or
    an Alipay payment code) counts as Alipay's, the first provider's as WeChat Pay's."""
    from prometheus_client import generate_latest

    from kiosk.journal import Transaction

    metrics = KioskMetrics(version="1.2.3", commit="abc1234", provider="wechatpay")
    now = dt.datetime.now(dt.UTC)
    for txn_id, summary in (
        ("p1", {"total_fen": 9000}),
        ("p2", {"total_fen": 4500, "wallet": "alipay", "out_trade_no": "p2Q2"}),
        ("p3", {"total_fen": 3000, "wallet": "merchant-123"}),  # never a free label
    ):
        metrics.transaction_changed(
            Transaction(txn_id, "purchase", "COMPLETED", True, now, now, summary)
        )
    text = generate_latest(metrics.registry).decode()
    assert value(text, "kiosk_payments_fen_total", provider="wechatpay", state="paid") == 12000
    assert value(text, "kiosk_payments_fen_total", provider="alipay", state="paid") == 4500
    assert "merchant-123" not in text
