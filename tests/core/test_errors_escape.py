"""Failures an installer meets at a terminal end in one clear line and an exit code,
never a traceback (issue 14, items 9 and 10)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from kiosk.sim.cluster import DEFAULT_TOKEN, SimCluster

EXIT_CONFIG = 78
EXIT_UNAVAILABLE = 69


async def _kiosk(env: dict[str, str], *args: str, stdout: int | None = None) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE if stdout is None else stdout,
        stderr=asyncio.subprocess.PIPE if stdout is None else stdout,
    )
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, (err or b"").decode()


def _buy_env(sim: SimCluster, data_dir: Path) -> dict[str, str]:
    info = sim.info()
    return {
        "KIOSK_CONNECT_URL": info["connect"]["url"],
        "KIOSK_CONNECT_TOKEN": DEFAULT_TOKEN,
        "KIOSK_PAYMENT_URL": info["payment"]["url"],
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_CONNECT_READ_RETRIES": "1",
        "KIOSK_CONNECT_READ_TIMEOUT_S": "3",
    }


BUY = ("buy", "--session", "1", "--seats", "A:1")


@pytest.mark.parametrize("kind", ["http500", "malformed", "drop_request"])
async def test_kiosk_buy_says_in_one_line_that_the_films_cannot_be_read(
    sim: SimCluster, tmp_path: Path, kind: str
) -> None:
    sim.world.faults.add([f"connect.GetNowShowingScheduledFilms={kind}"])
    code, err = await _kiosk(_buy_env(sim, tmp_path / "kiosk"), *BUY)
    assert "Traceback" not in err
    assert code == EXIT_UNAVAILABLE, err
    ours = [line for line in err.splitlines() if line.startswith("kiosk buy:")]
    assert len(ours) == 1 and "films on sale" in ours[0]
    assert err.rstrip().endswith(ours[0])
    assert sim.world.store.orders == {}  # nothing locked


async def test_kiosk_buy_keeps_its_own_exit_code_with_both_outputs_in_a_closed_pipe(
    sim: SimCluster, tmp_path: Path
) -> None:
    """``kiosk buy ... 2>&1 | head -0``: the message meets a broken pipe; the exit code
    must still be the command's (69), not 1 for a BrokenPipeError traceback."""
    sim.world.faults.add(["connect.GetNowShowingScheduledFilms=http500"])
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        code, _ = await _kiosk(_buy_env(sim, tmp_path / "kiosk"), *BUY, stdout=write_end)
    finally:
        os.close(write_end)
    assert code == EXIT_UNAVAILABLE
