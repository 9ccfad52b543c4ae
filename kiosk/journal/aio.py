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
import inspect
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from kiosk.journal.backup import back_up
from kiosk.journal.faults import translated
from kiosk.journal.models import PrintedTicket, Transaction
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


def _on_thread(
    method: Callable[Concatenate[Journal, P], T],
    then: Callable[[AsyncJournal, T], None] | None = None,
) -> Callable[Concatenate[AsyncJournal, P], Coroutine[Any, Any, T]]:
    """The coroutine face of one :class:`Journal` method: its signature, its docstring,
    run by :meth:`AsyncJournal._run`; ``then`` tells the observers what it committed."""
    name = method.__name__

    async def on_thread(self: AsyncJournal, /, *args: P.args, **kwargs: P.kwargs) -> T:
        # looked up on the instance at each call: a method replaced on the open journal
        # (a test's spy) is the one run
        found: T = await self._run(getattr(self._journal, name), *args, **kwargs)
        if then is not None:
            then(self, found)
        return found

    on_thread.__name__ = name
    on_thread.__qualname__ = f"AsyncJournal.{name}"
    on_thread.__doc__ = method.__doc__
    on_thread.__signature__ = inspect.signature(method)  # type: ignore[attr-defined]
    return on_thread


def _transaction_changed(journal: AsyncJournal, txn: Transaction) -> None:
    journal._tell(lambda o: o.transaction_changed(txn))


def _ticket_printed(journal: AsyncJournal, ticket: PrintedTicket) -> None:
    journal._tell(lambda o: o.ticket_printed(ticket))


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

    # The journal's API, each call the sync one run on the journal's thread: written once,
    # in Journal (tests/journal/test_journal_api.py checks that none is missing here).
    identity = _on_thread(Journal.identity)
    pragmas = _on_thread(Journal.pragmas)
    probe = _on_thread(Journal.probe)
    purge = _on_thread(Journal.purge)
    begin = _on_thread(Journal.begin, then=_transaction_changed)
    set_state = _on_thread(Journal.set_state, then=_transaction_changed)
    transaction = _on_thread(Journal.transaction)
    open_transactions = _on_thread(Journal.open_transactions)
    latest = _on_thread(Journal.latest)
    search = _on_thread(Journal.search)
    intent = _on_thread(Journal.intent)
    result = _on_thread(Journal.result)
    steps = _on_thread(Journal.steps)
    unanswered = _on_thread(Journal.unanswered)
    record_printed = _on_thread(Journal.record_printed, then=_ticket_printed)
    printed = _on_thread(Journal.printed)
    printed_for_booking = _on_thread(Journal.printed_for_booking)
    audit = _on_thread(Journal.audit)
    audit_log = _on_thread(Journal.audit_log)


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
