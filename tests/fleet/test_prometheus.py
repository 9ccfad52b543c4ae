"""The shipped alerting rules, checked by promtool, and a real Prometheus server
(Debian's ``prometheus`` package, installed by scripts/setup.sh) scraping a real
``kiosk run`` against the simulators: in service, then out of service on a printer
paper-out with the alert firing, then back in service by itself."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.sim.cluster import SimCluster, kiosk_env

RULES = Path(__file__).resolve().parents[2] / "deploy" / "prometheus" / "kiosk-rules.yml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_shipped_rules_pass_promtool() -> None:
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: scripts/setup.sh installs Debian's prometheus"
    done = subprocess.run([promtool, "check", "rules", str(RULES)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout


@contextlib.asynccontextmanager
async def kiosk_running(sim: SimCluster, data_dir: Path, metrics_port: int) -> AsyncIterator[None]:
    env = {
        **os.environ,
        **kiosk_env(sim.info()),
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_METRICS_PORT": str(metrics_port),
        "KIOSK_HEALTH_INTERVAL_S": "0.5",
        "KIOSK_KIOSK_MODE": "false",
        "QT_QPA_PLATFORM": "offscreen",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "kiosk", "run", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        yield
    finally:
        process.terminate()
        _, err = await asyncio.wait_for(process.communicate(), 30)
        assert b"Traceback" not in err, err.decode()[-2000:]


def _write_config(tmp: Path, metrics_port: int) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    rules = re.sub(r"for: \d+m", "for: 0s", RULES.read_text())
    (tmp / "rules.yml").write_text(rules)
    config = tmp / "prometheus.yml"
    config.write_text(
        "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
        "rule_files: [rules.yml]\n"
        "scrape_configs:\n"
        "  - job_name: kiosk\n"
        f"    static_configs: [{{targets: ['127.0.0.1:{metrics_port}']}}]\n"
    )
    return config


@contextlib.asynccontextmanager
async def prometheus_scraping(tmp: Path, metrics_port: int) -> AsyncIterator[str]:
    """Prometheus with the shipped rules, their waits cut to nothing for the test."""
    binary = shutil.which("prometheus")
    assert binary, "prometheus missing: scripts/setup.sh installs Debian's prometheus"
    config = _write_config(tmp, metrics_port)
    port = _free_port()
    process = await asyncio.create_subprocess_exec(
        binary, f"--config.file={config}", f"--storage.tsdb.path={tmp / 'data'}",
        f"--web.listen-address=127.0.0.1:{port}",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        # Prometheus answers 503 "Service Unavailable" until its storage and rules are up.
        async with httpx.AsyncClient(base_url=url, timeout=5.0) as probe:
            await _until(lambda: _answers_ready(probe))
        yield url
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 30)


async def _until(probe: Any, timeout_s: float = 60.0) -> Any:
    for _ in range(int(timeout_s / 0.5)):
        with contextlib.suppress(httpx.HTTPError):
            found = await probe()
            if found:
                return found
        await asyncio.sleep(0.5)
    raise AssertionError("timed out")


@pytest.mark.e2e
async def test_prometheus_sees_the_kiosk_leave_service_and_come_back(
    sim: SimCluster, tmp_path: Path
) -> None:
    metrics_port = _free_port()
    async with (
        kiosk_running(sim, tmp_path / "kiosk", metrics_port),
        prometheus_scraping(tmp_path / "prom", metrics_port) as prometheus,
        httpx.AsyncClient(base_url=prometheus, timeout=5.0) as api,
    ):

        async def in_service() -> float | None:
            reply = await api.get("/api/v1/query", params={"query": "kiosk_in_service"})
            result = reply.json()["data"]["result"]
            return float(result[0]["value"][1]) if result else None

        async def firing(name: str) -> list[dict[str, Any]]:
            alerts = (await api.get("/api/v1/alerts")).json()["data"]["alerts"]
            return [
                a for a in alerts if a["labels"]["alertname"] == name and a["state"] == "firing"
            ]

        assert await _until(lambda: _is(in_service, 1.0))
        sim.world.faults.add(["printer.print=paper_out_after:0"])  # the roll runs out
        assert await _until(lambda: _is(in_service, 0.0))
        [out] = await _until(lambda: firing("KioskOutOfService"))
        reasons = await _until(lambda: firing("KioskOutOfServiceReason"))
        assert {a["labels"]["reason"] for a in reasons} == {"printer_paper_out"}
        assert out["labels"]["job"] == "kiosk"
        sim.world.faults.clear()  # a new roll: the kiosk opens again by itself
        assert await _until(lambda: _is(in_service, 1.0))


async def _answers_ready(client: httpx.AsyncClient) -> bool:
    return (await client.get("/-/ready")).status_code == 200


async def _is(probe: Any, expected: float) -> bool:
    return bool(await probe() == expected)
