"""Memory that a finished transaction freed, handed back to the system.

CPython returns what it frees to the C allocator, and glibc's allocator keeps most of
it in its arenas for reuse instead of giving it back; with the journal, the printer
and the Connect models each on their own thread there are several arenas, and the
part of them that is free but still resident grows slowly with use. A kiosk runs for
months: the soak (bench/bench_soak.py, 20,000 transactions in one process) measured
RSS +5.4 % while Python's own allocations stayed flat (``sys.getallocatedblocks``),
and one ``malloc_trim(0)`` at the end brought RSS back to its figure after the
warm-up. So when a transaction ends (a fact the journal has committed), a trim runs on
a thread of its own at the lowest priority; ctypes releases the GIL for the call.

None in a process's first minute, so a short command (``kiosk collect``) never trims;
after it, one as each transaction ends, one at a time (endings while a trim runs ask
for one more, not one each). Soaked at full scale (20,000 transactions, a dozen a
second), trimmed after every transaction RSS grew +3.3 % and +4.6 % in two runs; at
most one a minute, +3.7 % and +6.3 %; at most one a second, +5.0 %: the figure then holds
whatever the transactions since the last trim freed. At a kiosk, where a patron's
transaction takes a minute, a trim costs nothing anyone waits for. Where the
C library is not glibc there is nothing to call and nothing is done.

Fewer arenas keep fewer free pages: ``kiosk`` lets glibc make two at its start, before
any thread (:func:`kiosk.libc.limit_arenas`). Soaked at full scale so, RSS grew +2.4 %
and +4.7 % in two runs (+3.3 % and +4.6 % with glibc's default of eight a core): no
worse, not yet shown better; the medians no slower.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from kiosk.journal.models import PrintedTicket, Transaction
from kiosk.libc import libc_function

log = logging.getLogger(__name__)

# From the start to the first trim, and the least time between two (see above).
TRIM_START_DELAY_S = 60.0
TRIM_INTERVAL_S = 0.0


def glibc_trim() -> Callable[[], object] | None:
    """glibc's ``malloc_trim`` as a call that releases every arena's free pages, or
    None where the C library has none (musl, macOS)."""
    trim = libc_function("malloc_trim", [ctypes.c_size_t], ctypes.c_int)
    if trim is None:
        return None
    return lambda: trim(0)


class FreedMemoryReturn:
    """A journal observer (:class:`kiosk.journal.aio.JournalObserver`): a trim when a
    transaction reaches its terminal state, ``start_delay_s`` after this was made and
    ``interval_s`` after the last trim; one at a time."""

    def __init__(
        self,
        trim: Callable[[], object],
        *,
        start_delay_s: float | None = None,  # None: TRIM_START_DELAY_S
        interval_s: float | None = None,  # None: TRIM_INTERVAL_S
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._trim = trim
        self._interval_s = TRIM_INTERVAL_S if interval_s is None else interval_s
        self._clock = clock
        delay = TRIM_START_DELAY_S if start_delay_s is None else start_delay_s
        self._next_at = clock() + delay
        self._executor: ThreadPoolExecutor | None = None
        self._pending = threading.Event()  # set while a trim waits or runs
        self.trims = 0  # done so far (tests and benchmarks read it)

    @classmethod
    def on_this_system(cls) -> FreedMemoryReturn | None:
        trim = glibc_trim()
        return None if trim is None else cls(trim)

    def transaction_changed(self, txn: Transaction) -> None:
        if not txn.terminal or self._pending.is_set():
            return
        now = self._clock()
        if now < self._next_at:
            return
        self._next_at = now + self._interval_s
        if self._executor is None:
            self._executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="memory-return", initializer=_lowest_priority
            )
        self._pending.set()
        try:
            self._executor.submit(self._run)
        except RuntimeError:  # shut down: the process is ending anyway
            self._pending.clear()

    def ticket_printed(self, ticket: PrintedTicket) -> None:
        """A ticket on paper ends no transaction by itself."""

    def _run(self) -> None:
        self._pending.clear()  # a transaction ending from now on asks for the next trim
        try:
            self._trim()
            self.trims += 1
        except Exception:  # memory not returned is not a fault of the transaction
            log.exception("returning freed memory to the system failed")

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


def _lowest_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
