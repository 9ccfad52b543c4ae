"""The journal probe: what would stop the next write, found without writing."""

from __future__ import annotations

import shutil
from collections import namedtuple
from pathlib import Path

import pytest

from kiosk.journal import Journal, JournalDiskFull, JournalIdentityMismatch


def test_a_healthy_journal_passes_and_the_probe_writes_nothing(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        before = journal.identity()
        journal.probe()
        assert journal.identity() == before


def test_a_journal_deleted_under_the_kiosk_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        path.unlink()
        with pytest.raises(JournalIdentityMismatch, match="removed or replaced"):
            journal.probe()


def test_a_journal_replaced_under_the_kiosk_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        other = tmp_path / "other.sqlite3"
        Journal.open(other).close()
        other.replace(path)
        with pytest.raises(JournalIdentityMismatch):
            journal.probe()


def test_a_nearly_full_disk_is_refused_before_a_sale_fails_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = namedtuple("usage", "total used free")
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(10**9, 10**9 - 4096, 4096))
        with pytest.raises(JournalDiskFull):
            journal.probe()
