"""``kiosk buy`` killed with SIGKILL at each step, then recovery: the invariant still holds.

The kiosk runs as a real subprocess against the simulators of this test. It is
killed once the journal shows the step of interest while the next call hangs,
so it is provably between steps; with ``drop_response`` before that, the call
took effect but its answer was lost (the "succeeded but nobody knows" case).
Recovery then runs as the kiosk runs it at start.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from kiosk.cli.recover import recover_with_settings
from kiosk.journal import Journal
from kiosk.settings import load_settings
from kiosk.sim.cluster import DEFAULT_TOKEN, SimCluster, kiosk_env
from tests.flows.helpers_purchase import assert_all_terminal, assert_money_and_seats_settled
from tests.helpers.sessions import seats_for_kiosk_buy

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def _env(sim: SimCluster, data_dir: Path, provider: str = "simulator") -> dict[str, str]:
    info = sim.info()
    wallets = {
        k: v
        for k, v in kiosk_env(info).items()
        if k.startswith(("KIOSK_WECHATPAY_", "KIOSK_ALIPAY_"))
    }
    return {
        **os.environ,
        **wallets,
        "KIOSK_PAYMENT_PROVIDERS": provider,
        "KIOSK_CONNECT_URL": info["connect"]["url"],
        "KIOSK_CONNECT_TOKEN": DEFAULT_TOKEN,
        "KIOSK_PAYMENT_URL": info["payment"]["url"],
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_BOOKING_STATUS_POLLS": "2",
        "KIOSK_BOOKING_STATUS_INTERVAL_S": "0.05",
        "KIOSK_CONNECT_READ_TIMEOUT_S": "3",
        "KIOSK_CONNECT_COMPLETE_TIMEOUT_S": "3",
    }


async def _buy(
    sim: SimCluster,
    data_dir: Path,
    *extra: str,
    provider: str = "simulator",
    session_and_seats: tuple[str, str] | None = None,
) -> asyncio.subprocess.Process:
    """``kiosk buy`` started on ``session_and_seats`` (default: two free seats of a
    session in hall 1), its output piped."""
    session_id, seats = session_and_seats or seats_for_kiosk_buy(sim.world.store)
    return await asyncio.create_subprocess_exec(
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
        *extra,
        env=_env(sim, data_dir, provider),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def _rows(journal: Path, step: str, phase: str) -> int:
    if not journal.exists():
        return 0
    with sqlite3.connect(f"file:{journal}?mode=ro", uri=True) as conn:
        try:
            row = conn.execute(
                "SELECT count(*) FROM steps WHERE step = ? AND phase = ?", (step, phase)
            ).fetchone()
        except sqlite3.OperationalError:  # the schema is not there yet
            return 0
    return int(row[0])


async def _kill_at(
    proc: asyncio.subprocess.Process, journal: Path, step: str, phase: str, count: int = 1
) -> None:
    """SIGKILL once the journal holds ``count`` rows of ``step``/``phase``."""
    for _ in range(1000):
        if _rows(journal, step, phase) >= count:
            break
        if proc.returncode is not None:
            _, err = await proc.communicate()
            pytest.fail(f"kiosk buy ended ({proc.returncode}) before {step}:{phase}: {err!r}")
        await asyncio.sleep(0.02)
    else:
        pytest.fail(f"{step}:{phase} never reached the journal")
    os.kill(proc.pid, signal.SIGKILL)
    assert await proc.wait() == -signal.SIGKILL
    await proc.communicate()


# (faults while the kiosk runs, pay?, step, phase, rows of it to wait for)
KILL_POINTS = [
    pytest.param(["connect.AddTickets=hang"], False, "add_tickets", "intent", 1, id="lock-unsent"),
    pytest.param(
        ["connect.AddTickets=drop_response", "connect.CancelOrder=hang"],
        False,
        "cancel_order",
        "intent",
        1,
        id="lock-reply-lost",
    ),
    pytest.param(["payment.create=hang"], False, "payment_create", "intent", 1, id="qr-unsent"),
    pytest.param([], False, "payment_create", "result", 1, id="waiting-for-patron"),
    pytest.param(
        ["connect.StartExternalPayment=hang"],
        True,
        "start_external_payment",
        "intent",
        1,
        id="paid-start-unsent",
    ),
    pytest.param(
        ["connect.CompleteOrder=hang"], True, "complete_order", "intent", 1, id="complete-unsent"
    ),
    pytest.param(
        ["connect.CompleteOrder=drop_response", "connect.GetOrder=hang"],
        True,
        "complete_order",
        "result",
        1,
        id="complete-reply-lost",
    ),
    pytest.param(
        ["connect.CompleteOrder=code:1", "connect.QueryOrderBookingStatus=hang"],
        True,
        "complete_order",
        "result",
        2,
        id="polling-booking-status",
    ),
]


@pytest.mark.parametrize("provider", ["simulator", "wechatpay", "alipay"])
@pytest.mark.parametrize(("faults", "pay", "step", "phase", "count"), KILL_POINTS)
async def test_kill_then_recover_settles_everything(
    sim: SimCluster,
    tmp_path: Path,
    faults: list[str],
    pay: bool,
    step: str,
    phase: str,
    count: int,
    provider: str,
) -> None:
    sim.world.faults.add(faults)
    pays = ["--pay-with-simulator"] if pay else []
    proc = await _buy(sim, tmp_path, *pays, provider=provider)
    journal = tmp_path / "journal.sqlite3"
    await _kill_at(proc, journal, step, phase, count)
    sim.world.faults.clear()
    if "connect.AddTickets=drop_response" in faults:  # the lock took effect, unrecorded
        assert sim.world.store.state_json()["seat_locks"]

    with Journal.open(journal) as before:
        [txn] = before.open_transactions()
    report = await recover_with_settings(load_settings(environ=_env(sim, tmp_path, provider)))
    assert report.all_terminal, report.needs_staff
    assert [o.txn_id for o in report.outcomes] == [txn.id]

    assert_money_and_seats_settled(sim.world.store)
    with Journal.open(journal) as after:
        assert_all_terminal(after.open_transactions())
        final = after.transaction(txn.id)
    assert final is not None
    booked = [b for b in sim.world.store.bookings.values() if b.user_session_id == txn.id]
    if "connect.CompleteOrder=drop_response" in faults:
        assert final.state == "COMPLETED" and booked and not booked[0].refunded
    else:
        assert not [b for b in booked if not b.refunded]


async def test_kiosk_buy_completes_a_booking(sim: SimCluster, tmp_path: Path) -> None:
    proc = await _buy(sim, tmp_path, "--pay-with-simulator")
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 0, err.decode()
    text = out.decode()
    assert "weixin://" in text and "booked: pickup code" in text
    code = text.split("pickup code ")[1].split(",")[0]
    assert sim.world.store.bookings[code].print_state == "unprinted"
    assert DEFAULT_TOKEN not in err.decode()  # the token never reaches the logs
    assert_money_and_seats_settled(sim.world.store)


async def test_kiosk_recover_lists_what_needs_staff_then_exits_0(
    sim: SimCluster, tmp_path: Path
) -> None:
    sim.world.faults.add(["connect.CompleteOrder=hang"])
    proc = await _buy(sim, tmp_path, "--pay-with-simulator")
    await _kill_at(proc, tmp_path / "journal.sqlite3", "complete_order", "intent")
    sim.world.faults.clear()
    sim.world.faults.add(["payment.*=http500"])  # the provider is down: cannot refund yet

    async def recover() -> tuple[int, str]:
        run = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "kiosk",
            "recover",
            env=_env(sim, tmp_path),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, _ = await asyncio.wait_for(run.communicate(), timeout=60)
        assert run.returncode is not None
        return run.returncode, out.decode()

    code, text = await recover()
    assert code == 3
    assert "STAFF" in text and "NEEDS_STAFF" in text and "out_trade_no" in text
    sim.world.faults.clear()
    code, text = await recover()
    assert code == 0, text
    assert "0 need staff" in text
    assert_money_and_seats_settled(sim.world.store)
