"""The asyncio journal runs sqlite off the event loop, on one thread, in call order."""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path

import pytest

from kiosk.journal import AsyncJournal, Journal, TransactionClosed, store
from kiosk.journal.aio import FLUSH_AFTER_S
from kiosk.journal.identity import identity_path, read_identity


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


def _recorded_sequence(journal: AsyncJournal) -> int:
    recorded = read_identity(identity_path(journal._journal.path))
    assert recorded is not None
    return recorded.sequence


async def _stored_sequence(journal: AsyncJournal) -> int:
    """The journal's own write sequence, read on its thread (which also lets the
    identity record of the write before catch up, as it does after every call)."""
    return (await journal._run(journal._journal.identity)).sequence


async def test_writes_ride_on_the_next_intents_fsync(tmp_path: Path) -> None:
    journal = await AsyncJournal.open(tmp_path / "j.sqlite3")
    try:
        await journal.begin("purchase", "t1", "LOCKING")
        assert journal._journal.deferred
        first = await journal.intent("t1", "add_tickets")
        assert not journal._journal.deferred  # the intent's fsync took the begin along
        await journal.result("t1", "add_tickets", "ok", intent_id=first)
        await journal.record_printed("t1", "WQNX8JL", 0, "CODE")
        await journal.set_state("t1", "LOCKED")
        # committed (read back) but not yet fsynced: the identity stays behind
        assert journal._journal.deferred
        assert [s.phase for s in await journal.steps("t1")] == ["intent", "result"]
        assert _recorded_sequence(journal) < await _stored_sequence(journal)
        assert (await journal.pragmas())["synchronous"] == 2  # FULL stays the standing level
        await journal.intent("t1", "payment_create")  # its fsync takes the answers along
        assert not journal._journal.deferred
        stored = await _stored_sequence(journal)
        assert _recorded_sequence(journal) == stored
    finally:
        await journal.close()


async def test_writes_nothing_follows_are_fsynced_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(store.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    journal = await AsyncJournal.open(tmp_path / "j.sqlite3")
    try:
        await journal.begin("collect", "c1", "LOOKING_UP")
        intent = await journal.intent("c1", "apply_print")
        synced.clear()
        await journal.result("c1", "apply_print", "ok", intent_id=intent)
        assert journal._journal.deferred
        await asyncio.sleep(FLUSH_AFTER_S * 5)
        await journal.pragmas()  # in turn behind the flush on the journal's thread
        assert not journal._journal.deferred and len(synced) == 1
        stored = await _stored_sequence(journal)
        assert _recorded_sequence(journal) == stored
        # the staff audit is fsynced at its own commit
        await journal.set_state("c1", "COMPLETED", terminal=True)
        assert journal._journal.deferred
        await journal.audit("admin", "reprint", "c1", "jam")
        assert not journal._journal.deferred
    finally:
        await journal.close()


async def test_close_fsyncs_what_waits_before_the_identity(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    journal = await AsyncJournal.open(path)
    await journal.begin("collect", "c1", "LOOKING_UP")
    intent = await journal.intent("c1", "apply_print")
    await journal.result("c1", "apply_print", "ok", intent_id=intent)
    await journal.close()
    with Journal.open(path) as reopened:  # the identity check passes: nothing ahead, nothing lost
        assert [s.phase for s in reopened.steps("c1")] == ["intent", "result"]
        assert read_identity(identity_path(path)) == reopened.identity()


def test_the_synchronous_journal_fsyncs_every_write(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        journal.begin("collect", "c1", "LOOKING_UP")
        intent = journal.intent("c1", "apply_print")
        journal.result("c1", "apply_print", "ok", intent_id=intent)
        assert not journal.deferred
