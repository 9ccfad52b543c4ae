"""``kiosk journal | head``: a reader that leaves early ends the command quietly.

The pipe's reading end is closed before the command starts, so its very first
write meets a broken pipe, whatever the size of the pipe's buffer: this is
``head`` having had its lines before the kiosk wrote them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.journal import Journal

pytestmark = pytest.mark.e2e

T0 = dt.datetime(2025, 3, 1, 4, 0, tzinfo=dt.UTC)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Journal.open(data / "journal.sqlite3", clock=lambda: T0) as journal:
        for n in range(300):  # more lines than a pipe's buffer holds
            journal.begin("purchase", f"{n:032x}", "issued", {"booking_id": f"B{n:06d}"})
        journal.audit("admin", "reprint", "B000001", "paper jam")
    return data


def _into_closed_pipe(data_dir: Path, *args: str) -> tuple[int, str]:
    """Run ``kiosk *args`` with stdout into a pipe nobody reads."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "KIOSK_DATA_DIR": str(data_dir)},
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    return done.returncode, done.stderr or ""


@pytest.mark.parametrize(
    "args",
    [
        ("journal",),
        ("journal", "--all"),
        ("journal", "--audit"),
        ("journal", "--id", f"{7:032x}"),
        ("journal", "--search", "B000007"),
        ("--help",),
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_the_command_quietly(data_dir: Path, args: tuple[str, ...]) -> None:
    code, err = _into_closed_pipe(data_dir, *args)
    assert err == ""  # no traceback, no "Exception ignored", no misreported journal fault
    assert code == 0


def test_no_journal_yet_into_a_closed_pipe(tmp_path: Path) -> None:
    # one short line, flushed only at exit: the broken pipe shows at the interpreter's flush
    code, err = _into_closed_pipe(tmp_path / "empty", "journal")
    assert (code, err) == (0, "")
