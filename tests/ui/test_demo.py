"""``kiosk demo`` as a real process: up in seconds, serving, and gone cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

pytestmark = pytest.mark.ui

START_S = 10.0  # generous for a loaded CI machine; it takes about a second and a half


def _ports(info: dict[str, object]) -> list[int]:
    connect, sarft, payment, printer = (info[k] for k in ("connect", "sarft", "payment", "printer"))
    assert isinstance(connect, dict) and isinstance(sarft, dict)
    assert isinstance(payment, dict) and isinstance(printer, dict)
    urls = [connect["url"], payment["url"], printer["url"], info["control"]]
    return [int(sarft["port"]), *(urlsplit(str(u)).port or 0 for u in urls)]


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_demo_starts_serves_and_exits_cleanly_on_sigterm(tmp_path: Path) -> None:
    info_file = tmp_path / "info.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path / "d")}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "demo", "--info", str(info_file)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        while not info_file.exists():
            assert process.poll() is None, process.communicate()[1].decode()
            assert time.monotonic() - started < START_S, "no --info file in time"
            time.sleep(0.05)
        info = json.loads(info_file.read_text(encoding="utf-8"))
        connect = info["connect"]
        films = httpx.get(
            f"{connect['url']}/OData.svc/GetNowShowingScheduledFilms",
            params={"cinemaId": connect["cinema_id"]},
            headers={"connectapitoken": connect["token"]},
        )
        assert films.status_code == 200
        assert info["bookings"], "demo pickup codes are listed"
        ports = _ports(info)
        assert all(_listening(p) for p in ports)
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err.decode()
    assert not any(_listening(p) for p in ports)
    assert (tmp_path / "d" / "journal.sqlite3").exists()
