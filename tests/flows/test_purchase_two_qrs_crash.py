"""``kiosk buy`` showing a WeChat Pay and an Alipay QR, killed with SIGKILL with both
orders open, then ``kiosk recover`` as a separate process: both orders are settled
and the money invariant holds, real signatures both ways."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx
import pytest

from kiosk.flows.purchase_ledger import qr_trade_no
from kiosk.journal import Journal
from kiosk.sim.cluster import SimCluster
from tests.flows.helpers_purchase import assert_all_terminal, assert_money_and_seats_settled
from tests.flows.test_purchase_crash import _buy, _env, _kill_at, _rows

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


async def _pay(sim: SimCluster, out_trade_no: str) -> None:
    """A patron's phone pays the QR."""
    async with httpx.AsyncClient(base_url=sim.info()["payment"]["url"]) as client:
        answer = await client.post(f"/_sim/pay/{out_trade_no}")
    answer.raise_for_status()


async def _recover(sim: SimCluster, data_dir: Path, providers: str) -> tuple[int, str]:
    run = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        "recover",
        env=_env(sim, data_dir, providers),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(run.communicate(), timeout=120)
    assert run.returncode is not None
    return run.returncode, out.decode() + err.decode()


def _open_purchase(journal: Path) -> str:
    with Journal.open(journal) as opened:
        [txn] = opened.open_transactions()
    return txn.id


def _final_state(journal: Path, usid: str) -> str:
    with Journal.open(journal) as after:
        assert_all_terminal(after.open_transactions())
        final = after.transaction(usid)
    assert final is not None
    return final.state


@pytest.mark.parametrize("providers", ["wechatpay,alipay", "alipay,wechatpay"])
async def test_killed_with_both_qrs_shown_and_both_paid_after(
    sim: SimCluster, tmp_path: Path, providers: str
) -> None:
    proc = await _buy(sim, tmp_path, provider=providers)
    journal = tmp_path / "journal.sqlite3"
    await _kill_at(proc, journal, "payment_create", "result", count=2)
    usid = _open_purchase(journal)
    numbers = [usid, qr_trade_no(usid, 2)]
    for number in numbers:  # two phones pay after the kiosk died
        await _pay(sim, number)
    code, text = await _recover(sim, tmp_path, providers)
    assert code == 0, text
    assert _final_state(journal, usid) == "REFUNDED"
    for number in numbers:
        order = sim.world.store.payments[number]
        assert order.refunded_fen == order.amount_fen, number
    assert_money_and_seats_settled(sim.world.store)


async def test_killed_while_the_second_qr_is_being_made(sim: SimCluster, tmp_path: Path) -> None:
    """Alipay's QR made, WeChat's native order sent but never answered: both closed."""
    sim.world.faults.add(["payment.native=hang"])
    proc = await _buy(sim, tmp_path, provider="alipay,wechatpay")
    journal = tmp_path / "journal.sqlite3"
    await _kill_at(proc, journal, "payment_create", "intent", count=2)
    sim.world.faults.clear()
    usid = _open_purchase(journal)
    code, text = await _recover(sim, tmp_path, "alipay,wechatpay")
    assert code == 0, text
    assert _final_state(journal, usid) == "CANCELLED"
    assert sim.world.store.payments[usid].state == "CLOSED"
    wechat = sim.world.store.payments.get(qr_trade_no(usid, 2))
    assert wechat is None or wechat.state == "CLOSED"
    assert_money_and_seats_settled(sim.world.store)


async def test_killed_after_the_second_qr_paid_and_booked(sim: SimCluster, tmp_path: Path) -> None:
    """The second provider's payment made the booking, whose answer was lost: recovery
    keeps that payment and the booking and closes the first QR."""
    sim.world.faults.add(["connect.CompleteOrder=drop_response", "connect.GetOrder=hang"])
    proc = await _buy(sim, tmp_path, provider="wechatpay,alipay")
    journal = tmp_path / "journal.sqlite3"
    for _ in range(1000):
        if _rows(journal, "payment_create", "result") >= 2:
            break
        await asyncio.sleep(0.02)
    usid = _open_purchase(journal)
    await _pay(sim, qr_trade_no(usid, 2))
    await _kill_at(proc, journal, "complete_order", "result")
    sim.world.faults.clear()
    code, text = await _recover(sim, tmp_path, "wechatpay,alipay")
    assert code == 0, text
    assert _final_state(journal, usid) == "COMPLETED"
    assert sim.world.store.payments[qr_trade_no(usid, 2)].state == "PAID"
    assert sim.world.store.payments[usid].state == "CLOSED"
    assert_money_and_seats_settled(sim.world.store)
