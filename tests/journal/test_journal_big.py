"""A journal a year old: no read at start, in a flow or on the admin screen reads every
transaction (each query's plan uses an index), and the full check of a journal too big
to check at open runs beside the kiosk, with the same outcome for damage."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path

import pytest

from kiosk.journal import AsyncJournal, Journal, JournalCorrupt
from kiosk.journal import store as journal_store

# A plan line that reads a whole table (an index scan in order, "SCAN t USING INDEX",
# stops at its LIMIT; a bare "SCAN t" reads every row).
FULL_SCAN = re.compile(r"^SCAN (transactions|steps|printed_tickets|audit)$")


def _filled(path: Path, count: int = 60) -> Journal:
    journal = Journal.open(path)
    for n in range(count):
        txn = f"{n:032x}"
        journal.begin("collect", txn, "started", {"booking_id": f"WB{n:05d}", "booking_number": n})
        intent = journal.intent(txn, "print_ticket", {"ticket_code": f"{n:016d}"})
        journal.record_printed(txn, f"WB{n:05d}", 0, f"{n:016d}")
        journal.result(txn, "print_ticket", "ok", intent_id=intent)
        journal.set_state(txn, "collected", terminal=n % 10 != 0)
    journal.audit("staff", "close_to_patrons", "kiosk", "cleaning")
    return journal


def test_every_read_of_a_kiosk_day_uses_an_index(tmp_path: Path) -> None:
    journal = _filled(tmp_path / "journal.sqlite3")
    statements: list[str] = []
    conn = journal._conn
    conn.set_trace_callback(statements.append)
    try:
        journal.open_transactions()
        journal.latest(30)
        for code in ("WB00007", "wb00007", "7", "0000000000000007", "f" * 32):
            journal.search(code)
        journal.search(None, since=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
        journal.printed_for_booking("WB00007")
        journal.unanswered(f"{0:032x}")
        journal.steps(f"{0:032x}")
        journal.audit_log(limit=1, actions=("close_to_patrons", "open_to_patrons"))
        journal.audit_log(None, since=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10))
        journal.purge(400, 30)
    finally:
        conn.set_trace_callback(None)
    read = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE"))]
    assert read
    for statement in read:
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}")]
        assert not [line for line in plan if FULL_SCAN.match(line)], (statement, plan)
    journal.close()


def test_the_search_finds_what_it_always_found(tmp_path: Path) -> None:
    journal = _filled(tmp_path / "journal.sqlite3")
    txn = f"{7:032x}"
    for code in (txn, "WB00007", "wb00007", "7", "0000000000000007"):
        assert [t.id for t in journal.search(code)] == [txn], code
    assert journal.search("nothing") == []
    journal.close()


def _damage_the_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xff" * 4096)


def test_a_big_journal_is_checked_whole_beside_the_kiosk_and_damage_stops_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.sqlite3"
    _filled(path, count=400).close()
    _damage_the_middle(path)
    monkeypatch.setattr(journal_store, "FULL_CHECK_AT_OPEN_BYTES", 0)

    async def scenario() -> None:
        journal = await AsyncJournal.open(path)
        try:
            assert journal.verifying is not None
            await journal.verifying
            with pytest.raises(JournalCorrupt, match="damaged"):
                await journal.begin("collect", "n" * 32, "started")
            with pytest.raises(JournalCorrupt, match="damaged"):
                await journal.probe()
        finally:
            await journal.close()

    asyncio.run(scenario())


def test_a_sound_big_journal_is_checked_whole_and_works_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.sqlite3"
    _filled(path).close()
    monkeypatch.setattr(journal_store, "FULL_CHECK_AT_OPEN_BYTES", 0)

    async def scenario() -> None:
        journal = await AsyncJournal.open(path)
        try:
            assert journal.verifying is not None
            await journal.verifying
            assert journal._journal.verified
            await journal.begin("collect", "n" * 32, "started")
        finally:
            await journal.close()

    asyncio.run(scenario())


def test_a_small_journal_is_checked_whole_at_open(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    _filled(path).close()
    with Journal.open(path) as journal:
        assert journal.verified
