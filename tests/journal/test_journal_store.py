"""The synchronous journal: transactions, steps, printed tickets, audit, search, pragmas."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.journal import (
    Journal,
    JournalError,
    TicketAlreadyPrinted,
    TransactionClosed,
    UnknownTransaction,
)
from kiosk.journal.schema import MIGRATIONS
from kiosk.journal.store import PAGE_CACHE_KIB
from tests.helpers.clock import FakeClock

T0 = dt.datetime(2025, 3, 1, 4, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def journal(tmp_path: Path, clock: FakeClock) -> Iterator[Journal]:
    with Journal.open(tmp_path / "data" / "journal.sqlite3", clock=clock) as j:
        yield j


def test_durability_settings_are_in_force(journal: Journal) -> None:
    pragmas = journal.pragmas()
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["synchronous"] == 2  # FULL
    assert pragmas["schema_version"] == MIGRATIONS[-1].version


def test_the_page_cache_is_bounded_below_sqlites_default(journal: Journal) -> None:
    """SQLite's 2 MiB default filled as the journal grew: most of the soak's memory
    growth (+2 MiB in the first 600 transactions, flat at 512 KiB)."""
    assert journal.pragmas()["cache_size"] == -PAGE_CACHE_KIB == -512


def test_transaction_lifecycle(journal: Journal, clock: FakeClock) -> None:
    txn = journal.begin("purchase", "a" * 32, "seats_locked", {"session_id": "1234", "seats": 2})
    assert (txn.kind, txn.state, txn.terminal) == ("purchase", "seats_locked", False)
    assert txn.created_at == T0 and txn.created_at.tzinfo is not None

    clock.advance(5)
    txn = journal.set_state("a" * 32, "paid", summary_update={"amount_fen": 6000})
    assert txn.summary == {"session_id": "1234", "seats": 2, "amount_fen": 6000}
    assert txn.updated_at == T0 + dt.timedelta(seconds=5)
    assert [t.id for t in journal.open_transactions()] == ["a" * 32]

    journal.set_state("a" * 32, "issued", terminal=True)
    assert journal.open_transactions() == []
    with pytest.raises(TransactionClosed):
        journal.set_state("a" * 32, "paid")
    with pytest.raises(TransactionClosed):
        journal.intent("a" * 32, "refund")


def test_begin_refuses_duplicates_and_bad_kinds(journal: Journal) -> None:
    journal.begin("collect", "c1", "started")
    with pytest.raises(JournalError, match="already exists"):
        journal.begin("collect", "c1", "started")
    with pytest.raises(ValueError, match="kind"):
        journal.begin("refund", "c2", "started")  # type: ignore[arg-type]
    with pytest.raises(UnknownTransaction):
        journal.intent("nope", "apply_print")
    assert journal.transaction("nope") is None


def test_steps_pair_results_with_their_intents(journal: Journal) -> None:
    journal.begin("purchase", "t1", "started")
    lock = journal.intent("t1", "add_tickets", {"seats": ["7排10座"]})
    journal.result("t1", "add_tickets", "ok", {"result": 0}, intent_id=lock)
    charge = journal.intent("t1", "complete_order", {"amount_fen": 6000})
    journal.result("t1", "get_order", "ok", {"cinema_id": ""})  # a read: no intent

    steps = journal.steps("t1")
    assert [(s.seq, s.step, s.phase, s.outcome) for s in steps] == [
        (1, "add_tickets", "intent", None),
        (2, "add_tickets", "result", "ok"),
        (3, "complete_order", "intent", None),
        (4, "get_order", "result", "ok"),
    ]
    assert steps[1].intent_id == lock
    assert steps[3].intent_id is None
    assert steps[0].details == {"seats": ["7排10座"]}
    assert [s.id for s in journal.unanswered("t1")] == [charge]

    journal.result("t1", "complete_order", "unknown", {"error": "timeout"}, intent_id=charge)
    assert journal.unanswered("t1") == []


def test_a_result_without_an_intent_id_answers_no_intent(journal: Journal) -> None:
    """A note about a step (a bad record, a read) must not answer an intent a crash
    left unanswered: that print stays in doubt, so it is never printed again."""
    journal.begin("collect", "t1", "started")
    in_doubt = journal.intent("t1", "print_ticket", {"ticket_index": 0, "ticket_code": "A"})
    journal.result("t1", "print_ticket", "bad_record", {"ticket_index": 1, "ticket_code": "B"})
    assert [s.id for s in journal.unanswered("t1")] == [in_doubt]
    assert journal.steps("t1")[-1].intent_id is None


def test_result_with_explicit_intent_must_match(journal: Journal) -> None:
    journal.begin("purchase", "t1", "started")
    journal.begin("purchase", "t2", "started")
    other = journal.intent("t2", "cancel_order")
    with pytest.raises(JournalError, match="not an intent"):
        journal.result("t1", "cancel_order", "ok", intent_id=other)
    with pytest.raises(ValueError, match="outcome"):
        journal.result("t2", "cancel_order", "")


def test_steps_and_audit_are_append_only_in_sqlite_itself(journal: Journal, tmp_path: Path) -> None:
    journal.begin("purchase", "t1", "started")
    journal.intent("t1", "add_tickets")
    journal.audit("admin", "resolve", "t1", "patron refunded at the counter")
    raw = sqlite3.connect(tmp_path / "data" / "journal.sqlite3")
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE steps SET outcome = 'ok'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM audit")
    finally:
        raw.close()


def test_a_ticket_is_printed_once_unless_reprinted(journal: Journal) -> None:
    journal.begin("collect", "c1", "printing", {"booking_id": "WQNX8JL"})
    journal.record_printed("c1", "WQNX8JL", 0, "1234567890123456")
    journal.record_printed("c1", "WQNX8JL", 1, "1234567890123457")
    journal.set_state("c1", "done", terminal=True)

    journal.begin("collect", "c2", "printing", {"booking_id": "WQNX8JL"})
    with pytest.raises(TicketAlreadyPrinted):
        journal.record_printed("c2", "WQNX8JL", 0, "1234567890123456")

    journal.begin("reprint", "r1", "printing", {"booking_id": "WQNX8JL"})
    again = journal.record_printed("r1", "WQNX8JL", 0, "1234567890123456", reprint=True)
    assert again.reprint and again.printed_at == T0

    assert [p.ticket_index for p in journal.printed("c1")] == [0, 1]
    assert journal.printed("c2") == []
    assert [(p.txn_id, p.reprint) for p in journal.printed_for_booking("WQNX8JL")] == [
        ("c1", False),
        ("c1", False),
        ("r1", True),
    ]


def test_audit_trail_needs_a_reason_and_is_newest_first(journal: Journal, clock: FakeClock) -> None:
    first = journal.audit("staff-7", "reprint", "WQNX8JL", "jammed paper", {"tickets": [0]})
    clock.advance(60)
    journal.audit("staff-7", "resolve", "t1", "refunded in cash")
    assert first.details == {"tickets": [0]}
    log = journal.audit_log()
    assert [e.action for e in log] == ["resolve", "reprint"]
    assert [e.action for e in journal.audit_log(since=T0 + dt.timedelta(seconds=30))] == ["resolve"]
    with pytest.raises(ValueError, match="reason"):
        journal.audit("staff-7", "reprint", "WQNX8JL", "  ")


def test_search_by_codes_and_time(journal: Journal, clock: FakeClock) -> None:
    journal.begin(
        "purchase",
        "p1",
        "issued",
        {"booking_id": "WQNX8JL", "booking_number": 111972, "out_trade_no": "p1"},
    )
    clock.advance(3600)
    journal.begin("collect", "c1", "printing", {"booking_id": "ABCD123"})
    journal.record_printed("c1", "ABCD123", 0, "TICKETCODE000001")
    clock.advance(3600)
    journal.begin("collect", "c2", "started")

    def ids(**kwargs: object) -> list[str]:
        return [t.id for t in journal.search(**kwargs)]  # type: ignore[arg-type]

    assert ids(text="wqnx8jl") == ["p1"]  # pickup codes are matched case-insensitively
    assert ids(text="111972") == ["p1"]
    assert ids(text="TICKETCODE000001") == ["c1"]
    assert ids(text="c2") == ["c2"]
    assert ids(text="nothing") == []
    assert ids() == ["c2", "c1", "p1"]
    assert ids(since=T0 + dt.timedelta(minutes=30)) == ["c2", "c1"]
    assert ids(since=T0, until=T0 + dt.timedelta(hours=1)) == ["p1"]
    assert ids(kind="collect") == ["c2", "c1"]


def test_latest_orders_by_last_change(journal: Journal, clock: FakeClock) -> None:
    for name in ("a", "b", "c"):
        journal.begin("collect", name, "started")
        clock.advance(1)
    journal.intent("a", "apply_print")
    assert [t.id for t in journal.latest()] == ["a", "c", "b"]
    assert [t.id for t in journal.latest(limit=1)] == ["a"]


def test_times_must_be_aware(tmp_path: Path) -> None:
    naive = Journal.open(tmp_path / "j.sqlite3", clock=lambda: dt.datetime(2025, 1, 1))
    with naive, pytest.raises(ValueError, match="aware"):
        naive.begin("collect", "c1", "started")
