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

At most one a minute, and none in a process's first minute: a trim is not free for
the rest of the kiosk. It holds each arena's lock while it walks it, and every page it
gives back is faulted in again, zeroed, at its next use. Trimmed after every
transaction, the year's-journal benchmark measured the Attention tab 1.17x and a
collect's journal calls 1.11x slower than without (bench/bench_journal.py); a minute
apart, a kiosk gives back what it freed long before it adds up, and a short command
(``kiosk collect``) never trims at all. Where the C library is not glibc there is
nothing to call and nothing is done.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from kiosk.journal.models import PrintedTicket, Transaction

log = logging.getLogger(__name__)

# The least time between two trims, and from the start to the first (see above).
TRIM_INTERVAL_S = 60.0


def glibc_trim() -> Callable[[], object] | None:
    """glibc's ``malloc_trim`` as a call that releases every arena's free pages, or
    None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return lambda: trim(0)


class FreedMemoryReturn:
    """A journal observer (:class:`kiosk.journal.aio.JournalObserver`): a trim when a
    transaction reaches its terminal state and ``interval_s`` have passed since the
    last trim (or since this was made); one at a time."""

    def __init__(
        self,
        trim: Callable[[], object],
        *,
        interval_s: float | None = None,  # None: TRIM_INTERVAL_S
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._trim = trim
        self._interval_s = TRIM_INTERVAL_S if interval_s is None else interval_s
        self._clock = clock
        self._next_at = clock() + self._interval_s
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
