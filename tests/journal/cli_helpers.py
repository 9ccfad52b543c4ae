"""Run ``kiosk`` as an installer would, in its own process, on one data dir."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def kiosk(data_dir: Path, *args: str, timeout: float = 60.0) -> Ran:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["KIOSK_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def assert_one_clear_line(ran: Ran, code: int, *words: str) -> None:
    """Refused with ``code`` and a single ``kiosk: ...`` line naming ``words``."""
    assert ran.code == code, ran
    assert "Traceback" not in ran.err + ran.out, ran
    lines = [line for line in ran.err.splitlines() if line.startswith("kiosk:")]
    assert len(lines) == 1, ran.err
    for word in words:
        assert word in lines[0], lines[0]
    assert "`" not in lines[0], lines[0]  # a terminal is not Markdown: no backticks
