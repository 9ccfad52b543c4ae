"""``kiosk reconcile`` as a real command against the simulators: the report, the exit
code (0 all match, 1 a mismatch, 69 a bill unreadable, 2 a day not over) and the
verdict it leaves in the audit log for the admin screen."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

import pytest

from kiosk.chinatime import CHINA_TIME
from kiosk.journal import Journal
from kiosk.sim.cluster import SimCluster
from kiosk.sim.store import Payment
from kiosk.sim.wallet import ALIPAY, WECHATPAY, WalletTrade
from tests.flows.test_purchase_crash import _env

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


async def _reconcile(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        "reconcile",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def _orphan(sim: SimCluster, provider: str, when: dt.datetime) -> str:
    """A payment the provider took yesterday under a number the kiosk never made."""
    number = "K" + when.strftime("%Y%m%d") + "ORPHAN1"
    wallet = WalletTrade(provider, "NATIVE" if provider == WECHATPAY else "PRECREATE")
    wallet.transaction_id, wallet.scanned = "4200000000202503010000000001", True
    sim.world.store.payments[number] = Payment(
        number,
        3300,
        "Cinema tickets",
        "",
        when,
        when,
        "PAID",
        paid_at=when,
        provider=provider,
        wallet=wallet,
    )
    return number


@pytest.mark.parametrize("provider", [WECHATPAY, ALIPAY])
async def test_kiosk_reconcile_reports_exits_and_leaves_its_verdict(
    sim: SimCluster, tmp_path: Path, provider: str
) -> None:
    env = _env(sim, tmp_path, provider)
    now = dt.datetime.now(dt.UTC)
    day = (now.astimezone(CHINA_TIME) - dt.timedelta(days=1)).date()
    noon = dt.datetime.combine(day, dt.time(12), CHINA_TIME)
    number = _orphan(sim, provider, noon)

    code, out, _ = await _reconcile(env)  # yesterday by default
    assert code == 1, out
    assert f"kiosk reconcile {day.isoformat()}" in out
    assert "MISMATCH not_in_journal" in out and number in out
    assert out.strip().endswith("0 matched, 1 mismatch(es)")

    del sim.world.store.payments[number]
    code, out, _ = await _reconcile(env, "--date", day.isoformat())
    assert code == 0, out
    assert "all match" in out

    sim.world.faults.add(["payment.bill=http500"])
    code, out, _ = await _reconcile(env, "--date", day.isoformat())
    assert code == 69, out
    assert "UNAVAILABLE" in out
    sim.world.faults.clear()

    today = now.astimezone(CHINA_TIME).date().isoformat()
    code, _, err = await _reconcile(env, "--date", today)
    assert code == 2 and "not over yet" in err
    code, _, err = await _reconcile(env, "--date", "yesterday")
    assert code == 2

    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        verdicts = [e for e in journal.audit_log(limit=None) if e.action == "reconcile"]
    assert [(e.target, e.reason) for e in verdicts] == [
        (day.isoformat(), "bill unavailable: " + provider),
        (day.isoformat(), "all match"),
        (day.isoformat(), "1 mismatch(es)"),
    ]  # the newest first: the admin screen shows the first
    assert verdicts[2].details["kinds"] == {"not_in_journal": 1}
