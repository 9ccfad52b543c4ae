"""Migrations run once each, in order, atomically; a newer journal is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.journal import Journal, JournalError
from kiosk.journal.schema import MIGRATIONS, Migration

EXTRA = Migration(
    len(MIGRATIONS) + 1,
    "pickup attempts",
    ("CREATE TABLE pickup_attempts (id INTEGER PRIMARY KEY)",),
)

ALL = [m.version for m in MIGRATIONS]


def versions(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY 1")]
    finally:
        conn.close()


def test_reopening_keeps_data_and_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.begin("collect", "c1", "started")
    with Journal.open(path) as journal:
        assert journal.transaction("c1") is not None
    assert versions(path) == ALL


def test_a_new_migration_upgrades_an_existing_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.begin("collect", "c1", "started")
    with Journal.open(path, migrations=(*MIGRATIONS, EXTRA)) as journal:
        assert journal.pragmas()["schema_version"] == EXTRA.version
        assert journal.transaction("c1") is not None
    assert versions(path) == [*ALL, EXTRA.version]


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    broken = Migration(
        EXTRA.version, "broken", ("CREATE TABLE half (id INTEGER)", "THIS IS NOT SQL")
    )
    with pytest.raises(sqlite3.OperationalError):
        Journal.open(path, migrations=(*MIGRATIONS, broken))
    assert versions(path) == ALL
    conn = sqlite3.connect(path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert "half" not in tables


def test_a_journal_from_a_newer_kiosk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal.open(path, migrations=(*MIGRATIONS, EXTRA)).close()
    with pytest.raises(JournalError, match="newer"):
        Journal.open(path)
