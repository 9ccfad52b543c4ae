"""``kiosk sim`` as installers run it: the --info file, the control API, faults from the
command line, and a clean exit on SIGTERM (docs/simulators.md is the contract)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def _start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    info_file = tmp_path / "info.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sim", *args, "--info", str(info_file),
         "--out", str(tmp_path / "printed")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not info_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(process.communicate()[0].decode())
        time.sleep(0.05)
    return process, json.loads(info_file.read_text(encoding="utf-8"))


def _stop(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=20)


def _listening(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


def _json(url: str, body: dict[str, Any] | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read())


def test_all_simulators_info_control_and_clean_exit(tmp_path: Path) -> None:
    process, info = _start(tmp_path, "--fault", "connect.CompleteOrder=drop_response:times:1")
    try:
        assert {"connect", "sarft", "payment", "printer", "control", "bookings"} <= set(info)
        assert info["connect"]["url"].endswith("/WSVistaWebClient")
        assert info["printer"]["url"].startswith("tcp://127.0.0.1:")
        assert len(info["bookings"]) >= 5
        assert all(2 <= b["tickets"] <= 4 for b in info["bookings"])
        control = info["control"]
        rules = _json(f"{control}/faults")["rules"]
        assert [r["rule"] for r in rules] == ["connect.CompleteOrder=drop_response:times:1"]
        _json(f"{control}/faults", {"rules": ["sarft.apply=latency:10"]})
        assert len(_json(f"{control}/faults")["rules"]) == 2
        state = _json(f"{control}/state")
        booked = {b["booking_id"] for b in state["bookings"].values()}
        assert {b["booking_id"] for b in info["bookings"]} <= booked
        ports = [
            ("127.0.0.1", info["sarft"]["port"]),
            ("127.0.0.1", int(info["printer"]["url"].rsplit(":", 1)[1])),
        ]
    finally:
        code = _stop(process)
    assert code == 0
    assert not any(_listening(host, port) for host, port in ports)


def test_one_service_writes_only_its_own_entry(tmp_path: Path) -> None:
    process, info = _start(tmp_path, "payment")
    try:
        assert set(info) == {"payment", "control"}
        assert _listening("127.0.0.1", int(info["payment"]["url"].rsplit(":", 1)[1]))
    finally:
        assert _stop(process) == 0


@pytest.mark.parametrize("rule", ["connect.Nope=hang", "printer.print=paper_out_after:x", "x"])
def test_a_bad_fault_rule_is_refused_with_a_reason(rule: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "sim", "--fault", rule, "--info", str(tmp_path / "i")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert rule in result.stderr
    assert not (tmp_path / "i").exists()
