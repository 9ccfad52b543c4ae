"""The asyncio journal runs sqlite off the event loop, on one thread, in call order."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from kiosk.journal import AsyncJournal, TransactionClosed


async def test_async_journal_round_trip(tmp_path: Path) -> None:
    journal = await AsyncJournal.open(tmp_path / "j.sqlite3", known_secrets=["tok-123"])
    try:
        assert (await journal.pragmas())["journal_mode"] == "wal"
        await journal.begin("purchase", "t1", "started", {"session_id": "1"})
        intent = await journal.intent("t1", "add_tickets")
        await journal.result("t1", "add_tickets", "ok", intent_id=intent)
        await journal.record_printed("t1", "WQNX8JL", 0, "CODE")
        await journal.set_state("t1", "issued", terminal=True)
        await journal.audit("admin", "reprint", "WQNX8JL", "jam")

        steps = await journal.steps("t1")
        assert [s.intent_id for s in steps] == [None, intent]
        assert await journal.unanswered("t1") == []
        assert (await journal.transaction("t1")).terminal  # type: ignore[union-attr]
        assert await journal.open_transactions() == []
        assert [t.id for t in await journal.latest()] == ["t1"]
        assert [t.id for t in await journal.search("wqnx8jl")] == ["t1"]
        assert len(await journal.printed("t1")) == 1
        assert len(await journal.printed_for_booking("WQNX8JL")) == 1
        assert [e.action for e in await journal.audit_log()] == ["reprint"]
        with pytest.raises(TransactionClosed):
            await journal.intent("t1", "refund")
        with pytest.raises(ValueError):
            await journal.audit("admin", "note", "t1", "why", {"x": "tok-123"})
    finally:
        await journal.close()


async def test_calls_run_on_one_worker_thread_in_order(tmp_path: Path) -> None:
    journal = await AsyncJournal.open(tmp_path / "j.sqlite3")
    try:
        await journal.begin("collect", "c1", "started")
        loop_thread = threading.get_ident()
        seen: set[int] = set()
        original = journal._journal.intent

        def spy(*args: object, **kwargs: object) -> int:
            seen.add(threading.get_ident())
            return original(*args, **kwargs)  # type: ignore[arg-type]

        journal._journal.intent = spy  # type: ignore[method-assign]
        await asyncio.gather(*(journal.intent("c1", f"step{i}") for i in range(20)))
        assert len(seen) == 1 and loop_thread not in seen
        assert [s.step for s in await journal.steps("c1")] == [f"step{i}" for i in range(20)]
    finally:
        await journal.close()
