"""Retention and personal data (PIPL): daily logs deleted after log_retention_days;
the journal drops a patron's phone, e-mail and name after personal_data_days, and a
finished transaction whole and the staff audit log's entries (the latest of each
action excepted) after journal_retention_days, overwriting what it drops;
personal data is refused anywhere the purge cannot reach; phone numbers and payment
codes never reach a log line as they are."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.availability import CLOSE_TO_PATRONS, OPEN_TO_PATRONS, closed_by_staff
from kiosk.journal import Journal
from kiosk.logs import DailyFileHandler, RedactingFilter, setup_logging
from kiosk.privacy import mask_code, mask_phone
from kiosk.settings import Settings
from tests.helpers.clock import FakeClock

T0 = dt.datetime(2025, 3, 1, 4, 0, tzinfo=dt.UTC)
DAY_S = 24 * 3600
PHONE = "13812345678"
EMAIL = "li.lei@example.cn"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def journal(tmp_path: Path, clock: FakeClock) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.sqlite3", clock=clock) as j:
        yield j


def _sale(journal: Journal, txn_id: str, *, finish: bool = True) -> None:
    journal.begin(
        "purchase",
        txn_id,
        "locking",
        {
            "session_id": "S1",
            "total_fen": 9000,
            "personal": {"customer_phone": PHONE, "customer_email": EMAIL, "name": "李雷"},
        },
    )
    intent = journal.intent(txn_id, "complete_order", {"total_fen": 9000})
    journal.result(txn_id, "complete_order", "ok", {"booking_number": 42}, intent)
    journal.record_printed(txn_id, f"B-{txn_id}", 0, f"T-{txn_id}")
    if finish:
        journal.set_state(txn_id, "booked", terminal=True)


def _file_bytes(journal: Journal) -> bytes:
    path = journal.path
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_personal_data_goes_after_its_days_and_the_money_stays(
    journal: Journal, clock: FakeClock
) -> None:
    _sale(journal, "t1")
    clock.advance(29 * DAY_S)
    assert journal.purge(400, 30).personal == 0
    assert journal.transaction("t1").summary["personal"]["customer_phone"] == PHONE  # type: ignore[union-attr]
    clock.advance(2 * DAY_S)
    purged = journal.purge(400, 30)
    assert (purged.personal, purged.transactions) == (1, 0)
    txn = journal.transaction("t1")
    assert txn is not None and "personal" not in txn.summary
    assert txn.summary["total_fen"] == 9000 and "personal_data_dropped_at" in txn.summary
    assert [s.step for s in journal.steps("t1")] == ["complete_order", "complete_order"]
    assert len(journal.printed("t1")) == 1
    # overwritten, not just unlinked from the table: not in the file, not in the WAL
    data = _file_bytes(journal)
    assert PHONE.encode() not in data and EMAIL.encode() not in data


def test_a_finished_transaction_goes_whole_after_the_journal_retention(
    journal: Journal, clock: FakeClock
) -> None:
    _sale(journal, "old")
    _sale(journal, "open-old", finish=False)
    clock.advance(300 * DAY_S)
    _sale(journal, "recent")
    clock.advance(101 * DAY_S)
    purged = journal.purge(400, 30)
    assert purged.transactions == 1
    assert journal.transaction("old") is None and journal.steps("old") == []
    assert journal.printed("old") == []
    # an unfinished transaction is never dropped: recovery and staff still owe it an end
    assert journal.transaction("open-old") is not None
    assert journal.transaction("recent") is not None
    assert b"T-old" not in _file_bytes(journal)


def test_steps_stay_append_only_outside_the_purge(journal: Journal, tmp_path: Path) -> None:
    _sale(journal, "t1")
    conn = sqlite3.connect(journal.path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM steps WHERE txn_id = 't1'")
        # naming it for the purge is not enough while it is open
        _sale(journal, "t2", finish=False)
        conn.execute("INSERT INTO retention_purge (txn_id) VALUES ('t2')")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM steps WHERE txn_id = 't2'")
    finally:
        conn.close()


def test_the_staff_audit_log_goes_after_the_journal_retention_but_what_is_in_force_stays(
    journal: Journal, clock: FakeClock
) -> None:
    journal.audit("li.wei", "reprint", "B-1", "patron's ticket jammed")
    journal.audit("li.wei", CLOSE_TO_PATRONS, "kiosk", "screen cracked, waiting for a new one")
    journal.audit("wang.fang", "reprint", "B-2", "ticket torn at the gate")
    clock.advance(300 * DAY_S)
    journal.audit("wang.fang", "reconcile", "2026-01-01", "all match")
    clock.advance(99 * DAY_S)
    assert journal.purge(400, 30).audit == 0  # 399 days: all of it kept
    clock.advance(2 * DAY_S)
    purged = journal.purge(400, 30)
    assert purged.audit == 1 and purged.any
    left = [(e.action, e.target) for e in journal.audit_log(limit=None)]
    # the first reprint is gone; the second is the latest reprint, and the close is
    # still in force: a restarted kiosk must stay closed however long ago staff said so
    assert left == [("reconcile", "2026-01-01"), ("reprint", "B-2"), (CLOSE_TO_PATRONS, "kiosk")]
    entries = journal.audit_log(limit=1, actions=(CLOSE_TO_PATRONS, OPEN_TO_PATRONS))
    assert closed_by_staff(e.action for e in entries)
    assert b"jammed" not in _file_bytes(journal)  # overwritten, not just unlinked
    journal.audit("wang.fang", OPEN_TO_PATRONS, "kiosk", "new screen fitted")
    clock.advance(500 * DAY_S)
    assert journal.purge(400, 30).audit == 0  # each is the latest of its action
    entries = journal.audit_log(limit=1, actions=(CLOSE_TO_PATRONS, OPEN_TO_PATRONS))
    assert not closed_by_staff(e.action for e in entries)  # the newer open decides


def test_the_audit_log_stays_append_only_outside_the_purge(
    journal: Journal, clock: FakeClock
) -> None:
    journal.audit("li.wei", "reprint", "B-1", "patron's ticket jammed")
    journal.audit("li.wei", "reprint", "B-2", "ticket torn at the gate")
    clock.advance(500 * DAY_S)
    conn = sqlite3.connect(journal.path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit WHERE target = 'B-1'")
        # named for the purge, the latest entry of its action is still refused
        conn.execute("INSERT INTO audit_purge (before) VALUES ('9999')")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit WHERE target = 'B-2'")
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("where", "data"),
    [
        ("summary", {"customer_phone": PHONE}),
        ("summary", {"buyer": {"buyer_logon_id": "138****5678"}}),
        ("details", {"CustomerEmail": EMAIL}),
        ("details", {"personal": {"phone": PHONE}}),
    ],
)
def test_personal_data_is_refused_where_the_purge_cannot_reach(
    journal: Journal, where: str, data: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match="personal data"):
        if where == "summary":
            journal.begin("collect", "c1", "started", data)
        else:
            journal.begin("collect", "c1", "started")
            journal.intent("c1", "apply_print", data)


def test_old_daily_logs_are_deleted(tmp_path: Path) -> None:
    today = dt.date.today()
    folder = tmp_path / "logs"
    folder.mkdir()
    for age in (0, 29, 30, 31, 90):
        (folder / f"kiosk-{(today - dt.timedelta(days=age)).isoformat()}.log").write_text("x")
    (folder / "notes.txt").write_text("not ours")
    handler = DailyFileHandler(folder, keep_days=30)
    handler.close()
    left = sorted(p.name for p in folder.iterdir())
    kept = [f"kiosk-{(today - dt.timedelta(days=a)).isoformat()}.log" for a in (29, 0)]
    assert left == sorted([*kept, "notes.txt"])
    # and as each new day begins in a kiosk that runs for weeks
    (folder / f"kiosk-{(today - dt.timedelta(days=40)).isoformat()}.log").write_text("x")
    gone = handler.prune(today + dt.timedelta(days=1))
    assert sorted(p.name for p in gone) == sorted(
        f"kiosk-{(today - dt.timedelta(days=a)).isoformat()}.log" for a in (29, 40)
    )


def test_the_settings_reach_the_log_handler(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, log_retention_days=7)
    from kiosk.cli.common import start_logging

    class Args:
        verbose = False

    start_logging(Args(), settings)  # type: ignore[arg-type]
    try:
        [handler] = [h for h in logging.getLogger().handlers if isinstance(h, DailyFileHandler)]
        assert handler.keep_days == 7
    finally:
        setup_logging(None)


def test_phone_numbers_and_payment_codes_never_reach_a_log_line_as_they_are() -> None:
    redact = RedactingFilter().redact
    assert redact(f"patron {PHONE} called") == "patron 138****5678 called"
    assert mask_phone("+86 138-1234-5678") == "+86 138****5678"
    line = redact("scanned 134567890123456789 and 287654321098765432")
    assert "134567890123456789" not in line and "287654321098765432" not in line
    # booking numbers, amounts and time stamps are left alone
    assert redact("booking 123456 of 9000 fen at 1741234567890") == (
        "booking 123456 of 9000 fen at 1741234567890"
    )
    assert mask_code("WX7K9P2Q") == "****P2Q"


def test_every_secret_setting_is_redacted_the_webhook_key_too() -> None:
    settings = Settings(
        alert_webhook_url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7x",  # type: ignore[arg-type]
        alert_webhook_secret="SECabcdef0123456789",  # type: ignore[arg-type]
    )
    secrets = settings.secrets()
    assert "SECabcdef0123456789" in secrets and "693a91f6-7x" in secrets
