"""The logs of a full run, every feature used, hold no payment code, no whole pickup
code, no secret and no unmasked phone number (PIPL; issue 16).

The simulators run with distinctive credentials; ``kiosk run`` (offscreen, with
metrics, a DingTalk staff alert robot with 加签 and systemd's notify socket),
``kiosk buy`` (paid by the simulator's QR, and with a payment code through WeChat
Pay and through Alipay, each signing with its merchant key), ``kiosk collect`` (of an
online booking, of a code that is no booking, and of a payment code scanned into the
pickup field by mistake), ``kiosk journal --search``, ``kiosk recover`` and ``kiosk
doctor`` all run with debug logging. Then the daily log files
and every command's stderr (what systemd's journal keeps) are searched. Standard
output is the command's answer to the person at the terminal (``kiosk buy`` prints
the pickup code the patron needs) and is not a log.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import tempfile
from pathlib import Path

import httpx
import pytest

from kiosk.admin.pin import hash_pin
from kiosk.sim.cluster import SimCluster, SimOptions, kiosk_env
from kiosk.sim.world import SimWorld
from tests.helpers.sessions import seats_for_kiosk_buy

pytestmark = pytest.mark.e2e

TOKEN = "TOKEN-5d2e-never-logged"
PASSWORD = "SARFT-PW-0b7f-never-logged"
ROBOT_KEY = "robotkey-8c1d-never-logged"
ROBOT_SECRET = "SEC0f3a9e-never-logged"
PAYMENT_CODE = "134567890123456789"  # a WeChat 付款码: 18 digits from 10-15
WRONG_PICKUP_CODE = "Q7K2W9X"  # well formed, no booking's: a patron's typo or a guess


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _kiosk(env: dict[str, str], *args: str, stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "kiosk", "-v", *args, env=env, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(stdin), 120)
    return proc.returncode or 0, out, err


async def _payment_code(cluster: SimCluster, wallet: str) -> str:
    """A code as the patron's phone shows it (``POST /_sim/paycode``), paid at once."""
    async with httpx.AsyncClient(base_url=cluster.info()["payment"]["url"]) as client:
        answer = await client.post("/_sim/paycode", json={"wallet": wallet, "outcome": "success"})
    answer.raise_for_status()
    return str(answer.json()["code"])


def _pem_body(path: str) -> list[str]:
    """The lines of a private key file that are the key itself."""
    return [line for line in Path(path).read_text().splitlines() if line and "-----" not in line]


async def _kiosk_run_a_while(env: dict[str, str], seconds: float) -> bytes:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "kiosk", "-v", "run", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    await asyncio.sleep(seconds)
    proc.terminate()
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    return err


async def test_a_full_run_logs_no_payment_code_pickup_code_secret_or_phone(
    sim_world: SimWorld, tmp_path: Path
) -> None:
    options = SimOptions(out_dir=tmp_path / "printed", token=TOKEN, password=PASSWORD)
    cluster = SimCluster(sim_world, options)
    await cluster.start()
    pin_hash = hash_pin("246813")
    data_dir = tmp_path / "kiosk-data"
    robot = f"http://127.0.0.1:{_free_port()}/robot/send?access_token={ROBOT_KEY}"
    notify = tempfile.mktemp(prefix="kiosk-notify-")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(notify)
    env = {
        **os.environ,
        **kiosk_env(cluster.info()),
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_ADMIN_PIN_HASH": pin_hash,
        "KIOSK_ALERT_WEBHOOK_URL": robot,  # nobody listens: the posts fail and are retried
        "KIOSK_ALERT_WEBHOOK_KIND": "dingtalk",
        "KIOSK_ALERT_WEBHOOK_SECRET": ROBOT_SECRET,
        "KIOSK_METRICS_PORT": str(_free_port()),
        "KIOSK_METRICS_TEXTFILE": str(tmp_path / "kiosk.prom"),
        "KIOSK_HEALTH_INTERVAL_S": "0.5",
        "KIOSK_KIOSK_MODE": "false",
        "QT_QPA_PLATFORM": "offscreen",
        "NOTIFY_SOCKET": notify,
        "WATCHDOG_USEC": "1000000",
    }
    stderr: list[bytes] = []
    try:
        session_id, seats = seats_for_kiosk_buy(cluster.world.store)
        code, _, err = await _kiosk(
            env, "buy", "--session", session_id, "--seats", seats,
            "--pay-with-simulator", "--poll-s", "0.05",
        )  # fmt: skip
        stderr.append(err)
        assert code == 0, err.decode()
        charged: list[str] = []
        for provider, wallet in (("wechatpay", "wechat"), ("alipay", "alipay")):
            charged.append(await _payment_code(cluster, wallet))
            session_id, seats = seats_for_kiosk_buy(cluster.world.store)
            code, _, err = await _kiosk(
                {**env, "KIOSK_PAYMENT_PROVIDERS": provider},
                "buy", "--session", session_id, "--seats", seats, "--poll-s", "0.05", "--pay-code",
                stdin=charged[-1].encode() + b"\n",  # the scanner types it, then Enter
            )  # fmt: skip
            stderr.append(err)
            assert code == 0, err.decode()
        online = next(b for b in sim_world.store.bookings.values() if b.online)
        for args in (
            ("collect", online.booking_id),
            ("collect", WRONG_PICKUP_CODE),
            ("collect", PAYMENT_CODE),  # scanned into the pickup field by mistake
            ("journal", "--search", online.booking_id),
            ("recover",),
            ("doctor",),
        ):
            _, _, err = await _kiosk(env, *args)
            stderr.append(err)
        # the running kiosk: recovery, availability checks, metrics, staff alerts (a
        # paper-out takes it out of service, so an alert is sent), systemd notify
        sim_world.faults.add(["printer.print=paper_out_after:0"])
        stderr.append(await _kiosk_run_a_while(env, 6.0))
    finally:
        listener.close()
        os.unlink(notify)
        await cluster.close()

    logs = list((data_dir / "logs").glob("*.log"))
    assert logs, "the run wrote no log: the search below would prove nothing"
    everything = b"".join(p.read_bytes() for p in logs) + b"".join(stderr)
    assert b"SARFT apply" in everything and b"CompleteOrder" in everything
    assert b"wechatpay code payment" in everything and b"alipay code payment" in everything
    assert b"availability: out of service" in everything  # the kiosk ran and noticed
    forbidden = {
        "payment code": PAYMENT_CODE,
        "WeChat payment code charged": charged[0],
        "Alipay payment code charged": charged[1],
        "wrong pickup code": WRONG_PICKUP_CODE,
        "WeChat Pay APIv3 key": env["KIOSK_WECHATPAY_APIV3_KEY"],
        "Connect token": TOKEN,
        "SARFT password": PASSWORD,
        "PIN hash": pin_hash,
        "robot key": ROBOT_KEY,
        "robot signing secret": ROBOT_SECRET,
    }
    for wallet in ("WECHATPAY", "ALIPAY"):
        for n, line in enumerate(_pem_body(env[f"KIOSK_{wallet}_PRIVATE_KEY_FILE"])):
            forbidden[f"{wallet.lower()} merchant private key, line {n + 1}"] = line
    for booking in sim_world.store.bookings.values():
        forbidden[f"pickup code of booking {booking.booking_number}"] = booking.booking_id
    for cinema in sim_world.store.cinemas.values():
        if cinema.phone.isdigit() and len(cinema.phone) == 11:
            forbidden[f"phone of {cinema.cinema_id}"] = cinema.phone
    for what, value in forbidden.items():
        assert value.encode() not in everything, f"a log line carries the {what}"
