"""A daily copy of the journal in backups/, the newest KIOSK_JOURNAL_BACKUPS kept."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from kiosk.journal import AsyncJournal, Journal
from kiosk.journal.backup import back_up, back_up_daily
from kiosk.settings import load_settings

DAY = dt.date(2025, 3, 1)


def test_a_copy_a_day_pruned_to_the_retention_count(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.begin("purchase", "a" * 32, "paying", {"amount_fen": 6000})
        made = [back_up(journal, 3, DAY + dt.timedelta(days=n)) for n in range(5)]
        assert back_up(journal, 3, DAY + dt.timedelta(days=4)) is None  # once a day
    folder = tmp_path / "backups"
    assert sorted(p.name for p in folder.iterdir()) == [
        "journal-20250303.sqlite3",
        "journal-20250304.sqlite3",
        "journal-20250305.sqlite3",
    ]
    assert made[-1] == folder / "journal-20250305.sqlite3"
    # A copy is a whole journal: it opens (as staff would restore it) and holds the sale.
    with Journal.open(folder / "journal-20250305.sqlite3", accept_new=True) as copy:
        assert copy.transaction("a" * 32) is not None


def test_the_running_kiosk_copies_at_start(tmp_path: Path) -> None:
    async def scenario() -> None:
        journal = await AsyncJournal.open(tmp_path / "journal.sqlite3")
        task = asyncio.create_task(back_up_daily(journal, 7, today=lambda: DAY))
        try:
            for _ in range(100):
                if (tmp_path / "backups" / "journal-20250301.sqlite3").exists():
                    break
                await asyncio.sleep(0.02)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await journal.close()

    asyncio.run(scenario())
    assert (tmp_path / "backups" / "journal-20250301.sqlite3").exists()


def test_the_retention_count_is_a_setting() -> None:
    assert load_settings(environ={}).journal_backups == 7
    assert load_settings(environ={"KIOSK_JOURNAL_BACKUPS": "2"}).journal_backups == 2
