"""A full disk is one clear error, nothing half-written, and the journal works again
once there is room: a failed COMMIT must not leave the connection in a transaction."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.journal import Journal, JournalDiskFull
from kiosk.journal.faults import EXIT_CANTCREAT


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs of its own (root only; skipped where mounting is not allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0" * 4096):
                pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_refuses_the_write_then_the_journal_works_again(small_disk: Path) -> None:
    path = small_disk / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.begin("purchase", "a" * 32, "paying")
        filler = fill(small_disk)
        for _ in range(2):  # the second would fail with "transaction within a transaction"
            with pytest.raises(JournalDiskFull) as caught:
                journal.intent("a" * 32, "complete_order", {"notes": "x" * 200_000})
            assert caught.value.exit_code == EXIT_CANTCREAT
            assert "disk holding the journal is full" in str(caught.value)
            assert str(path) in str(caught.value)
        filler.unlink()
        journal.intent("a" * 32, "complete_order", {"amount_fen": 6000})
        assert [s.step for s in journal.steps("a" * 32)] == ["complete_order"]


class CommitFails:
    """The journal's connection, whose next COMMIT fails as on a full disk."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.fail_next_commit = True

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "COMMIT" and self.fail_next_commit:
            self.fail_next_commit = False
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def test_a_failed_commit_is_rolled_back(tmp_path: Path) -> None:
    """Item 7, where no tmpfs can be mounted: the COMMIT itself fails."""
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        journal.begin("purchase", "a" * 32, "paying")
        real = journal._conn
        journal._conn = CommitFails(real)  # type: ignore[assignment]
        with pytest.raises(JournalDiskFull):
            journal.intent("a" * 32, "complete_order")
        assert not real.in_transaction
        assert journal.steps("a" * 32) == []  # nothing half-written
        journal.intent("a" * 32, "complete_order")
        journal._conn = real
        assert len(journal.steps("a" * 32)) == 1


def test_enospc_from_the_os_is_a_full_disk(tmp_path: Path) -> None:
    from kiosk.journal.faults import translate

    fault = translate(OSError(errno.ENOSPC, "No space left on device"), tmp_path / "j.sqlite3")
    assert isinstance(fault, JournalDiskFull)


def test_an_intent_that_cannot_be_written_stops_the_outside_call(small_disk: Path) -> None:
    """While the journal cannot be written nothing with an outside effect starts."""
    import asyncio

    from kiosk.flows.purchase_ledger import Ledger
    from kiosk.journal import AsyncJournal

    called: list[str] = []

    async def charge() -> None:
        called.append("charged")

    async def scenario() -> None:
        journal = await AsyncJournal.open(small_disk / "journal.sqlite3")
        try:
            await journal.begin("purchase", "a" * 32, "paying")
            filler = fill(small_disk)
            with pytest.raises(JournalDiskFull):
                await Ledger(journal, "a" * 32).call(
                    "complete_order", {"notes": "x" * 200_000}, charge
                )
            filler.unlink()
        finally:
            await journal.close()

    asyncio.run(scenario())
    assert called == []
