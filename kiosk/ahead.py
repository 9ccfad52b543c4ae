"""Work done ahead of its need, on one background thread, the most urgent first.

Imports and validator builds that a later step needs run while the event loop waits
on the network, the journal or the paper, so that step finds them done. They are all
Python work under the GIL, so two threads at them only share the one core they can
use (and the loop's thread with them); and they are not equally urgent. ``kiosk
collect`` once loaded the Connect reply models (for GetSingleBooking's answer, on the
wire) on one thread while another imported the printing stack (needed three round
trips later): that first answer took 267 ms to be read (L = 50 ms), against ~150 ms
with nothing beside it. Here a request's own work (:data:`NEEDED`) goes before
anything queued for later (:data:`LATER`); what already runs is never interrupted,
so each piece is kept small (one module, one validator).

The thread starts with the first piece and ends when nothing is queued. It is not a
daemon: at exit the interpreter waits for what is queued (a few hundred ms of imports
at most) rather than freezing an import half-done.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import queue
import threading
from collections.abc import Callable
from typing import Any

NEEDED = 0  # an answer already on the wire waits for it
LATER = 1  # a step after the next one will need it

THREAD_NAME = "kiosk-ahead"

_Piece = tuple[int, int, Callable[[], Any], "concurrent.futures.Future[Any]"]

_queue: queue.PriorityQueue[_Piece] = queue.PriorityQueue()
_order = itertools.count()  # first come, first served within one priority
_lock = threading.Lock()
_running = False


def submit(work: Callable[[], Any], *, priority: int) -> concurrent.futures.Future[Any]:
    """``work`` queued for the ahead thread; its future holds the result or the error."""
    global _running
    done: concurrent.futures.Future[Any] = concurrent.futures.Future()
    with _lock:
        _queue.put((priority, next(_order), work, done))
        if not _running:
            # no thread to be had raises here, and the next submit tries again
            threading.Thread(target=_work_through, name=THREAD_NAME).start()
            _running = True
    return done


def _work_through() -> None:
    global _running
    while True:
        with _lock:
            try:
                _, _, work, done = _queue.get_nowait()
            except queue.Empty:
                _running = False  # the next submit starts a new thread
                return
        if not done.set_running_or_notify_cancel():
            continue
        try:
            result = work()
        except BaseException as exc:  # the caller reads it from the future
            done.set_exception(exc)
        else:
            done.set_result(result)
