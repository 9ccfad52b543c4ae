"""The X server dies under a running kiosk: it stops at once with one clear line and
a distinct exit status (so its supervisor restarts it), its journal intact."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import EXIT_DISPLAY_LOST
from tests.helpers.kiosk_log import wait_for_log
from tests.helpers.xvfb import start_xvfb

pytestmark = [
    pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb"),
    pytest.mark.e2e,
]


def test_the_kiosk_stops_cleanly_when_its_display_dies(tmp_path: Path) -> None:
    server, display = start_xvfb()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", KIOSK_DATA_DIR=str(tmp_path))
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        # The home screen asks Connect for the cinema's name just before it opens.
        wait_for_log(tmp_path / "logs", "Cinemas -> HTTP 200", timeout_s=60)
        server.terminate()
        server.wait(timeout=10)
        _out, err = kiosk.communicate(timeout=30)
    finally:
        for process in (kiosk, server):
            if process.poll() is None:
                process.kill()
                process.wait()
    assert kiosk.returncode == EXIT_DISPLAY_LOST
    log = next((tmp_path / "logs").glob("kiosk-*.log")).read_text(encoding="utf-8")
    assert "the display went away" in log
    assert b"Traceback" not in err and b"Task was destroyed" not in err
    with sqlite3.connect(tmp_path / "journal.sqlite3") as journal:
        assert journal.execute("PRAGMA integrity_check").fetchone() == ("ok",)
