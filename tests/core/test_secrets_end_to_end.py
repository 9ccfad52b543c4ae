"""A full run of the kiosk's commands leaves no secret in any log, output or journal.

The simulators are started with distinctive credentials; ``kiosk buy`` and
``kiosk collect`` run with debug logging against them; then every byte the
kiosk wrote (daily logs, the SQLite journal and its WAL, stdout, stderr) is
searched for the Connect token, the SARFT password, the admin PIN hash and the
MD5 verify codes sent to SARFT.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from kiosk.admin.pin import hash_pin
from kiosk.sarft.values import verify_code_md5
from kiosk.sim.cluster import SimCluster, SimOptions, kiosk_env
from kiosk.sim.world import SimWorld
from tests.helpers.sessions import seats_for_kiosk_buy

pytestmark = pytest.mark.e2e

TOKEN = "TOKEN-7f3a-never-logged"
PASSWORD = "SARFT-PW-91c2-never-logged"


async def _kiosk(env: dict[str, str], *args: str) -> tuple[int, bytes]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        "-v",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 90)
    return proc.returncode or 0, out


async def test_no_secret_reaches_logs_output_or_journal(
    sim_world: SimWorld, tmp_path: Path
) -> None:
    options = SimOptions(out_dir=tmp_path / "printed", token=TOKEN, password=PASSWORD)
    cluster = SimCluster(sim_world, options)
    await cluster.start()
    try:
        pin_hash = hash_pin("135790")
        data_dir = tmp_path / "kiosk-data"
        env = {
            **os.environ,
            **kiosk_env(cluster.info()),
            "KIOSK_DATA_DIR": str(data_dir),
            "KIOSK_ADMIN_PIN_HASH": pin_hash,
        }
        session_id, seats = seats_for_kiosk_buy(cluster.world.store)
        code, bought = await _kiosk(
            env,
            "buy",
            "--session",
            session_id,
            "--seats",
            seats,
            "--pay-with-simulator",
            "--poll-s",
            "0.05",
        )
        assert code == 0, bought.decode()
        online = next(b for b in sim_world.store.bookings.values() if b.online)
        code, collected = await _kiosk(env, "collect", online.booking_id)
        assert code == 0, collected.decode()
    finally:
        await cluster.close()

    written = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert b"journal" in b"".join(p.name.encode() for p in data_dir.rglob("*"))
    assert written, "the run wrote nothing: the check below would prove nothing"
    everything = written + bought + collected
    secrets = [TOKEN, PASSWORD, pin_hash] + [
        verify_code_md5(b.booking_id) for b in sim_world.store.bookings.values()
    ]
    for secret in secrets:
        assert secret.encode() not in everything, f"a secret leaked: {secret[:6]}..."
    # the run really did the work whose traces are searched
    assert b"SARFT apply" in written and b"CompleteOrder" in written
