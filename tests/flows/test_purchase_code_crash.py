"""``kiosk buy --pay-code`` killed with SIGKILL while a payment code (付款码) is being
charged, then recovery: the money invariant holds with WeChat Pay and Alipay, real
signatures both ways, and the code is in no log line and nowhere in the journal.

The code reaches ``kiosk buy`` on its standard input, as the scanner types it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx
import pytest

from kiosk.cli.recover import recover_with_settings
from kiosk.journal import Journal
from kiosk.settings import load_settings
from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_purchase import assert_all_terminal, assert_money_and_seats_settled
from tests.flows.test_purchase_crash import _env, _kill_at
from tests.helpers.sessions import seats_for_kiosk_buy

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

# (faults while the kiosk runs, code outcome, step, phase, the state recovery ends in)
KILL_POINTS = [
    pytest.param(
        ["payment.codepay=hang"], "success", "payment_code", "intent", "CANCELLED", id="unsent"
    ),
    pytest.param([], "password", "payment_code", "result", "CANCELLED", id="password-wait"),
    pytest.param(
        ["connect.CompleteOrder=hang"],
        "success",
        "complete_order",
        "intent",
        "REFUNDED",
        id="paid-complete-unsent",
    ),
    pytest.param(
        ["connect.CompleteOrder=drop_response", "connect.GetOrder=hang"],
        "success",
        "complete_order",
        "result",
        "COMPLETED",
        id="paid-complete-reply-lost",
    ),
]


async def _code(sim: SimCluster, wallet: str, outcome: str) -> str:
    url = sim.info()["payment"]["url"]
    async with httpx.AsyncClient(base_url=url) as client:
        answer = await client.post("/_sim/paycode", json={"wallet": wallet, "outcome": outcome})
    answer.raise_for_status()
    code: str = answer.json()["code"]
    return code


@pytest.mark.parametrize("provider", ["wechatpay", "alipay"])
@pytest.mark.parametrize(("faults", "outcome", "step", "phase", "final"), KILL_POINTS)
async def test_kill_while_paying_by_code_then_recover(
    sim: SimCluster,
    tmp_path: Path,
    faults: list[str],
    outcome: str,
    step: str,
    phase: str,
    final: str,
    provider: str,
) -> None:
    sim.world.faults.add(faults)
    session_id, seats = seats_for_kiosk_buy(sim.world.store)
    env = _env(sim, tmp_path, provider)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        "buy",
        "--session",
        session_id,
        "--seats",
        seats,
        "--poll-s",
        "0.05",
        "--pay-code",
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    code = await _code(sim, "wechat" if provider == "wechatpay" else "alipay", outcome)
    assert proc.stdin is not None
    proc.stdin.write(code.encode() + b"\n")  # the scanner types it, then Enter
    await proc.stdin.drain()
    journal = tmp_path / "journal.sqlite3"
    await _kill_at(proc, journal, step, phase)
    sim.world.faults.clear()

    with Journal.open(journal) as before:
        [txn] = before.open_transactions()
    report = await recover_with_settings(load_settings(environ=env))
    assert report.all_terminal, report.needs_staff
    assert [(o.txn_id, o.state) for o in report.outcomes] == [(txn.id, final)]
    assert_money_and_seats_settled(sim.world.store)
    with Journal.open(journal) as after:
        assert_all_terminal(after.open_transactions())
    assert _files_holding(tmp_path, code) == []


def _files_holding(data_dir: Path, code: str) -> list[Path]:
    """Every file of the kiosk's data dir that holds the code: a bearer credential must
    be in no log and nowhere in the journal (its WAL included)."""
    logs = [p for p in (data_dir / "logs").rglob("*") if p.is_file()]
    assert logs and any(p.stat().st_size for p in logs)  # the kiosk did log, and it is read
    return [p for p in data_dir.rglob("*") if p.is_file() and code.encode() in p.read_bytes()]
