"""A summary reads as typed facts, whatever kiosk version wrote it, and its words stay."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from kiosk.flows.collect import CollectState, CollectStop
from kiosk.flows.purchase_ledger import PurchaseReason, PurchaseState
from kiosk.journal import Journal
from kiosk.journal.summaries import CollectSummary, PurchaseSummary
from tests.helpers.clock import FakeClock

T0 = dt.datetime(2025, 3, 1, 4, 0, tzinfo=dt.UTC)


def test_a_purchase_reads_back_as_journaled(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "journal.sqlite3", clock=FakeClock(T0)) as journal:
        journal.begin("purchase", "p1", PurchaseState.LOCKING, {"session_id": "S1"})
        journal.set_state("p1", PurchaseState.LOCKED, summary_update={"total_fen": 9000})
        journal.set_state(
            "p1",
            PurchaseState.CANCELLING,
            summary_update={"reason": PurchaseReason.ADD_TICKETS_FAILED.journaled("Timeout")},
        )
        txn = journal.transaction("p1")
    assert txn is not None
    assert PurchaseSummary.read(txn.summary) == PurchaseSummary(
        session_id="S1", total_fen=9000, reason="add_tickets_failed:Timeout"
    )
    # the enums are stored as their words, as the strings were before them
    raw = sqlite3.connect(tmp_path / "journal.sqlite3").execute(
        "SELECT state, summary FROM transactions WHERE id = 'p1'"
    )
    state, summary = raw.fetchone()
    assert state == "CANCELLING"
    assert json.loads(summary)["reason"] == "add_tickets_failed:Timeout"


def test_a_collection_reads_back_with_its_stop(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "journal.sqlite3", clock=FakeClock(T0)) as journal:
        journal.begin(
            "collect", "c1", CollectState.STARTED, {"booking_id": "WQNX8JL", "booking_number": 7}
        )
        journal.set_state(
            "c1", CollectState.AWAITING_STAFF, summary_update={"stop": CollectStop.TICKETS_OWED}
        )
        txn = journal.transaction("c1")
    assert txn is not None
    assert txn.state == "awaiting_staff"
    assert CollectSummary.read(txn.summary) == CollectSummary("WQNX8JL", 7, stop="tickets_owed")


def test_an_old_purchase_record_reads_with_defaults_and_numbers_from_text() -> None:
    """Records from before a fact was journaled, or with a number written as text, or a
    value of another type: each reads as its default, never as a failed recovery."""
    assert PurchaseSummary.read({}) == PurchaseSummary()
    old = PurchaseSummary.read(
        {"total_fen": "4500", "booking_number": "123", "booking_id": "WQNX8JL", "wallet": None}
    )
    assert (old.total_fen, old.booking_number, old.booking_id, old.wallet) == (
        4500,
        123,
        "WQNX8JL",
        "",
    )
    assert PurchaseSummary.read({"amount_fen": "6050"}).amount_fen == 6050
    odd = PurchaseSummary.read({"total_fen": True, "booking_number": 0, "out_trade_no": 17})
    assert (odd.total_fen, odd.booking_number, odd.out_trade_no) == (0, None, "17")
    assert PurchaseSummary.read({"total_fen": [1, 2], "booking_number": "n/a"}) == (
        PurchaseSummary()
    )


def test_an_old_collect_record_without_a_channel_reads() -> None:
    read = CollectSummary.read({"booking_id": "WQNX8JL", "booking_number": "7"})
    assert (read.booking_number, read.channel, read.stop) == (7, "", "")


@pytest.mark.parametrize(
    "summary",
    [{}, {"booking_id": "WQNX8JL"}, {"booking_number": 7}, {"booking_id": "", "booking_number": 7}],
)
def test_a_collect_record_without_its_booking_is_damaged(summary: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="booking"):
        CollectSummary.read(summary)
