"""``kiosk doctor`` against the simulators: every service reached, failures named."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from kiosk.health import check_sarft
from kiosk.settings import load_settings
from kiosk.sim.cluster import SimCluster, SimOptions, kiosk_env
from kiosk.sim.sarft_wire import SimWire
from kiosk.sim.world import SimWorld


async def _doctor(env: dict[str, str], data_dir: Path) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        "doctor",
        "--timeout",
        "2",
        env={**os.environ, **env, "KIOSK_DATA_DIR": str(data_dir)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode or 0, out.decode()


@pytest.mark.e2e
async def test_all_services_answer(sim: SimCluster, tmp_path: Path) -> None:
    code, out = await _doctor(kiosk_env(sim.info()), tmp_path)
    assert code == 0, out
    for service in ("connect", "sarft", "payment", "printer"):
        assert any(line.startswith(service) and " ok " in line for line in out.splitlines())


@pytest.mark.e2e
async def test_wrong_password_and_dead_printer_are_named(sim: SimCluster, tmp_path: Path) -> None:
    env = kiosk_env(sim.info()) | {
        "KIOSK_SARFT_PASSWORD": "not-the-password-42",
        "KIOSK_PRINTER": "tcp://127.0.0.1:9",
    }
    code, out = await _doctor(env, tmp_path)
    assert code == 1
    lines = {line.split()[0]: line for line in out.splitlines() if line and line[0] != " "}
    assert "FAIL" in lines["sarft"] and "BadCredentials" in lines["sarft"]
    assert "FAIL" in lines["printer"]
    assert " ok " in lines["connect"] and " ok " in lines["payment"]
    logs = "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log"))
    assert "not-the-password-42" not in out + logs
    assert sim.options.token not in out + logs


async def test_md5_password_mode_reaches_a_simulator_started_for_it(
    sim_world: SimWorld, tmp_path: Path
) -> None:
    cluster = SimCluster(sim_world, SimOptions(out_dir=tmp_path / "out", password_mode="md5"))
    await cluster.start(["sarft"])
    try:
        env = kiosk_env(cluster.info())
        assert env["KIOSK_SARFT_PASSWORD_MODE"] == "md5"
        settings = load_settings(environ={**env, "KIOSK_DATA_DIR": str(tmp_path)})
        assert (await check_sarft(settings)).ok
        plain = load_settings(environ={**env, "KIOSK_SARFT_PASSWORD_MODE": "plain"})
        assert not (await check_sarft(plain)).ok
    finally:
        await cluster.close()


@pytest.mark.e2e
async def test_sarft_wire_settings_in_force_and_whether_the_round_trip_answered(
    sim_world: SimWorld, tmp_path: Path
) -> None:
    wire = SimWire.parse("length_prefix_bytes=2,length_byteorder=big,length_counts_type=false")
    cluster = SimCluster(sim_world, SimOptions(out_dir=tmp_path / "out", sarft_wire=wire))
    await cluster.start(["sarft"])
    try:
        env = kiosk_env(cluster.info())
        assert env["KIOSK_SARFT_LENGTH_PREFIX_BYTES"] == "2"
        _, out = await _doctor(env, tmp_path / "matching")
        sarft = _sarft_block(out)
        assert " ok " in sarft[0]
        assert "KIOSK_SARFT_LENGTH_PREFIX_BYTES=2" in [line.strip() for line in sarft]
        assert sarft[-1].strip() == "authentication round trip: answered, return code 0 (signed in)"

        contract = {k: v for k, v in env.items() if k.removeprefix("KIOSK_SARFT_").lower()
                    not in wire.settings() or k == "KIOSK_SARFT_PASSWORD_MODE"}  # fmt: skip
        _, out = await _doctor(contract, tmp_path / "contract")
        sarft = _sarft_block(out)
        assert "FAIL" in sarft[0]
        assert "KIOSK_SARFT_LENGTH_PREFIX_BYTES=4" in [line.strip() for line in sarft]
        assert "no well-formed answer" in sarft[-1] and "kiosk sarft-probe" in sarft[-1]

        _, out = await _doctor(env | {"KIOSK_SARFT_PASSWORD": "wrong-pw-7"}, tmp_path / "pw")
        sarft = _sarft_block(out)
        assert "answered, so these framing settings are right" in sarft[-1]
        assert "wrong-pw-7" not in out
    finally:
        await cluster.close()


def _sarft_block(out: str) -> list[str]:
    """The sarft check's line and the indented lines under it."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("sarft "))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        block.append(line)
    return block
