"""`async_slot`: let a Qt signal start a coroutine on the qasync loop, safely.

A bare ``asyncio.ensure_future`` from a slot has two traps: the loop keeps only a
weak reference to the task (so it can be garbage-collected mid-flight), and an
exception in it is only logged when the task is collected, long after the patron
saw a frozen screen. This decorator keeps a strong reference until the task ends
and hands any failure to one error handler that the UI turns into an error screen.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec

log = logging.getLogger(__name__)

P = ParamSpec("P")
ErrorHandler = Callable[[BaseException], None]

_running: set[asyncio.Task[Any]] = set()


def _log_error(exc: BaseException) -> None:
    log.error("unhandled error in an async slot", exc_info=exc)


_handler: ErrorHandler = _log_error


def set_error_handler(handler: ErrorHandler | None) -> None:
    """Route failures of async slots to ``handler`` (None restores logging only)."""
    global _handler
    _handler = handler or _log_error


def running_tasks() -> frozenset[asyncio.Task[Any]]:
    """Tasks started by async slots that have not finished yet (for shutdown and tests)."""
    return frozenset(_running)


def _finished(task: asyncio.Task[Any]) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        # The handler shows the error screen; a bug there must not vanish silently.
        try:
            _handler(exc)
        except Exception:
            log.exception("the async slot error handler itself failed")


def async_slot(
    func: Callable[P, Coroutine[Any, Any, None]],
) -> Callable[P, asyncio.Task[None] | None]:
    """Decorate an ``async def`` so connecting it to a signal schedules it as a task."""

    @functools.wraps(func)
    def start(*args: P.args, **kwargs: P.kwargs) -> asyncio.Task[None] | None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            # A Qt timer or signal that fires after the event loop has stopped (a window
            # closing at shutdown): there is nothing left to run it on, so it is dropped.
            log.info("%s: the event loop has stopped; not started", func.__qualname__)
            return None
        task = loop.create_task(func(*args, **kwargs))
        _running.add(task)
        task.add_done_callback(_finished)
        return task

    return start
