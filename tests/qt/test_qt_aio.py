"""async_slot: a signal starts a coroutine on the qasync loop; failures reach the handler."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import qasync

from kiosk.qt import QApplication, QObject, Signal
from kiosk.qt.aio import async_slot, running_tasks, set_error_handler


class _Button(QObject):
    clicked = Signal()


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop marked running inside pytest-qt's event processing, then undone."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    yield loop
    for task in running_tasks():
        task.cancel()
    asyncio.events._set_running_loop(None)
    set_error_handler(None)


def test_signal_runs_the_coroutine_and_keeps_it_referenced(
    qtbot: object, qloop: asyncio.AbstractEventLoop
) -> None:
    done: list[str] = []

    @async_slot
    async def work(tag: str = "clicked") -> None:
        await asyncio.sleep(0.01)
        done.append(tag)

    button = _Button()
    button.clicked.connect(work)
    button.clicked.emit()
    assert len(running_tasks()) == 1
    qtbot.waitUntil(lambda: done == ["clicked"])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not running_tasks())  # type: ignore[attr-defined]


def test_failure_goes_to_the_error_handler_and_cancel_does_not(
    qtbot: object, qloop: asyncio.AbstractEventLoop
) -> None:
    errors: list[BaseException] = []
    set_error_handler(errors.append)

    @async_slot
    async def boom() -> None:
        raise RuntimeError("printer on fire")

    @async_slot
    async def slow() -> None:
        await asyncio.sleep(10)

    boom()
    task = slow()
    task.cancel()
    qtbot.waitUntil(lambda: not running_tasks())  # type: ignore[attr-defined]
    assert [str(e) for e in errors] == ["printer on fire"]
