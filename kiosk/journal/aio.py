"""The journal for asyncio code: every call runs on one dedicated thread.

sqlite3 blocks (an fsync per commit), so calling it on the event loop would
freeze the UI and the payment polling. One worker thread keeps the connection
on the thread that made it and serialises writes in call order, so an intent
awaited before an outside call is on disk before that call starts.

Only intents (an outside call follows each) and the staff audit are fsynced at
their commit (:mod:`kiosk.journal.store`); a transaction begun, a step's result, a
state or a ticket on paper rides on the next intent's fsync, written a moment later:
one fsync between two calls instead of two to four. When nothing follows within
:data:`FLUSH_AFTER_S`, the journal's thread fsyncs them by themselves.

What reads the whole file (the daily copy, the full check of a journal too big to
check at open) runs on a second thread at the lowest CPU priority, each on a
read-only connection of its own, so no patron's write waits behind it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

from kiosk.journal.backup import back_up
from kiosk.journal.faults import translated
from kiosk.journal.models import AuditEntry, Kind, PrintedTicket, Step, Transaction
from kiosk.journal.retention import Purged
from kiosk.journal.store import Clock, Journal, utcnow

P = ParamSpec("P")
T = TypeVar("T")
log = logging.getLogger(__name__)

# How long writes committed without an fsync wait for a write that takes them along
# (the flows write the next intent within a millisecond or two) before they are
# fsynced alone: the most a power cut could take of them beyond the call's own time.
FLUSH_AFTER_S = 0.02


class JournalObserver(Protocol):
    """Told of each fact once the journal has committed it (metrics count from here:
    a transaction ended or a ticket printed only when the journal says so)."""

    def transaction_changed(self, txn: Transaction) -> None: ...

    def ticket_printed(self, ticket: PrintedTicket) -> None: ...


class AsyncJournal:
    """The :class:`Journal` API as coroutines; open with :meth:`open`, end with :meth:`close`."""

    def __init__(self, journal: Journal, executor: ThreadPoolExecutor) -> None:
        self._journal = journal
        self._executor = executor
        self._side = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="journal-side", initializer=_lowest_priority
        )
        self.observers: list[JournalObserver] = []
        # the full check of a journal too big to check at open, begun at once
        self.verifying: asyncio.Future[None] | None = None
        self._flush: asyncio.TimerHandle | None = None

    def _tell(self, event: Callable[[JournalObserver], None]) -> None:
        for observer in self.observers:
            try:
                event(observer)
            except Exception:  # an observer never breaks the flow that wrote the fact
                log.exception("journal observer %r failed", observer)

    @classmethod
    async def open(
        cls, path: Path, *, clock: Clock = utcnow, known_secrets: Iterable[str] = ()
    ) -> AsyncJournal:
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")
        opener = functools.partial(
            Journal.open, path, clock=clock, known_secrets=tuple(known_secrets)
        )
        try:
            journal = await asyncio.get_running_loop().run_in_executor(executor, opener)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        journal.defer_identity = True  # written by _run, after the caller has its answer
        journal.defer_fsync = True  # fsynced by the next intent, or by _flush_deferred
        opened = cls(journal, executor)
        if not journal.verified:
            opened.verifying = asyncio.get_running_loop().run_in_executor(
                opened._side, _verify_quietly, journal
            )
        return opened

    async def _run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        def call() -> T:
            # Reads too: a journal damaged under a running kiosk says so in one line.
            with translated(self._journal.path):
                return fn(*args, **kwargs)

        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, call)
        finally:
            # next on the same thread, so before any later write, but not awaited here
            with contextlib.suppress(RuntimeError):  # shut down: close() recorded it
                self._executor.submit(self._journal.record_identity)
            if self._journal.deferred and self._flush is None:
                self._flush = loop.call_later(FLUSH_AFTER_S, self._flush_deferred)

    def _flush_deferred(self) -> None:
        """Writes no intent took along: fsynced on the journal's thread, in turn."""
        self._flush = None
        with contextlib.suppress(RuntimeError):  # shut down: close() flushed them
            self._executor.submit(self._flush_quietly)

    def _flush_quietly(self) -> None:
        try:
            with translated(self._journal.path):
                self._journal.flush_deferred()
            self._journal.record_identity()
        except Exception:  # the next write meets the same fault and says so
            log.exception("the journal's last writes could not be fsynced")

    async def close(self) -> None:
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        await self._run(self._journal.close)  # fsyncs what waits, interrupts a check or copy
        self._executor.shutdown(wait=True)
        self._side.shutdown(wait=True, cancel_futures=True)

    async def back_up(self, keep: int, day: dt.date) -> Path | None:
        """Today's copy into the backups folder beside the journal (see
        :func:`kiosk.journal.backup.back_up`), made beside the journal's own work."""
        return await asyncio.get_running_loop().run_in_executor(
            self._side, back_up, self._journal, keep, day
        )

    async def purge(self, keep_days: int, personal_days: int) -> Purged:
        """:meth:`Journal.purge`: the retention of finished transactions and personal data."""
        return await self._run(self._journal.purge, keep_days, personal_days)

    async def probe(self) -> None:
        """:meth:`Journal.probe`: raises the fault that would stop the next write."""
        await self._run(self._journal.probe)

    async def pragmas(self) -> dict[str, Any]:
        return await self._run(self._journal.pragmas)

    async def begin(
        self, kind: Kind, txn_id: str, state: str, summary: Mapping[str, Any] | None = None
    ) -> Transaction:
        txn = await self._run(self._journal.begin, kind, txn_id, state, summary)
        self._tell(lambda o: o.transaction_changed(txn))
        return txn

    async def set_state(
        self,
        txn_id: str,
        state: str,
        terminal: bool = False,
        summary_update: Mapping[str, Any] | None = None,
    ) -> Transaction:
        txn = await self._run(self._journal.set_state, txn_id, state, terminal, summary_update)
        self._tell(lambda o: o.transaction_changed(txn))
        return txn

    async def transaction(self, txn_id: str) -> Transaction | None:
        return await self._run(self._journal.transaction, txn_id)

    async def open_transactions(self) -> list[Transaction]:
        return await self._run(self._journal.open_transactions)

    async def latest(self, limit: int | None = 50) -> list[Transaction]:
        return await self._run(self._journal.latest, limit)

    async def search(
        self,
        text: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        kind: Kind | None = None,
        limit: int = 200,
    ) -> list[Transaction]:
        return await self._run(self._journal.search, text, since, until, kind, limit)

    async def intent(self, txn_id: str, step: str, details: Mapping[str, Any] | None = None) -> int:
        return await self._run(self._journal.intent, txn_id, step, details)

    async def result(
        self,
        txn_id: str,
        step: str,
        outcome: str,
        details: Mapping[str, Any] | None = None,
        intent_id: int | None = None,
    ) -> int:
        return await self._run(self._journal.result, txn_id, step, outcome, details, intent_id)

    async def steps(self, txn_id: str) -> list[Step]:
        return await self._run(self._journal.steps, txn_id)

    async def unanswered(self, txn_id: str) -> list[Step]:
        return await self._run(self._journal.unanswered, txn_id)

    async def record_printed(
        self,
        txn_id: str,
        booking_id: str,
        ticket_index: int,
        ticket_code: str,
        reprint: bool = False,
    ) -> PrintedTicket:
        ticket = await self._run(
            self._journal.record_printed, txn_id, booking_id, ticket_index, ticket_code, reprint
        )
        self._tell(lambda o: o.ticket_printed(ticket))
        return ticket

    async def printed(self, txn_id: str) -> list[PrintedTicket]:
        return await self._run(self._journal.printed, txn_id)

    async def printed_for_booking(self, booking_id: str) -> list[PrintedTicket]:
        return await self._run(self._journal.printed_for_booking, booking_id)

    async def audit(
        self,
        actor: str,
        action: str,
        target: str,
        reason: str,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        return await self._run(self._journal.audit, actor, action, target, reason, details)

    async def audit_log(
        self,
        limit: int | None = 200,
        since: dt.datetime | None = None,
        actions: Collection[str] | None = None,
    ) -> list[AuditEntry]:
        return await self._run(self._journal.audit_log, limit, since, actions)


def _lowest_priority() -> None:
    """The side thread yields the CPU to everything else of the kiosk (Linux: a
    thread's own nice value)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def _verify_quietly(journal: Journal) -> None:
    """:meth:`Journal.verify`, whose damage stops the journal's writes by itself."""
    try:
        journal.verify()
    except sqlite3.OperationalError:
        log.info("the journal's full check was cut short by its close")
    except Exception:
        log.exception("the journal's full check could not run")
