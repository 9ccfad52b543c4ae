"""Waiting on what a kiosk process writes to its daily log."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def wait_for_log(
    logs: Path,
    text: str,
    timeout_s: float,
    process: subprocess.Popen[bytes] | None = None,
) -> str:
    """The daily log in ``logs`` once it holds ``text`` (the whole log, to read on);
    fails if it never does, or if ``process`` exits first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = sorted(logs.glob("kiosk-*.log"))
        written = found[0].read_text(encoding="utf-8", errors="replace") if found else ""
        if text in written:
            return written
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the kiosk exited {process.returncode} before logging {text!r}")
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never logged")
