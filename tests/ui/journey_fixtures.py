"""The whole kiosk (kiosk.app) against every simulator, on one qasync loop, for journey tests.

Tests stay synchronous and drive the loop through pytest-qt's event processing:
the qasync loop is marked running inside it, so simulators, flows and widgets
all share the one loop as they do in ``kiosk run`` and ``kiosk demo``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, start_kiosk
from kiosk.cli.demo import sim_overrides
from kiosk.cli.sim import make_world
from kiosk.qt import QApplication, QCoreApplication, QEvent, QPoint, Qt, QWidget
from kiosk.qt.aio import running_tasks, set_error_handler
from kiosk.settings import load_settings
from kiosk.sim.cluster import SimCluster, SimOptions
from kiosk.sim.world import SimWorld
from kiosk.ui.main_window import MainWindow

T = TypeVar("T")


@pytest.fixture
def qloop(kiosk_app: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(kiosk_app, already_running=True)
    # A plain pool we can join (name lookups run there); qasync's own QThreads would
    # outlive the test, as this loop is never run_forever'd and so never closed.
    executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="qloop")
    loop.set_default_executor(executor)
    yield loop
    for task in running_tasks():
        task.cancel()
    asyncio.events._set_running_loop(None)
    set_error_handler(None)
    executor.shutdown(wait=True)


def run(qtbot: QtBot, coro: Coroutine[Any, Any, T], timeout_ms: int = 60000) -> T:
    """Await ``coro`` on the qasync loop while Qt keeps processing events.

    The wait is a bound on a hang, not a speed check: a kiosk starting beside another
    test process on a loaded 2-core machine took over 15 s to open its doors."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout_ms)
    return task.result()


def tap(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    assert widget.isEnabled(), f"{widget!r} is not enabled"
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


@dataclass
class Journey:
    qtbot: QtBot
    kiosk: Kiosk
    world: SimWorld
    printed: Path
    cluster: SimCluster

    @property
    def window(self) -> MainWindow:
        return self.kiosk.window

    def wait_for_screen(self, screen: QWidget, timeout_ms: int = 10000) -> None:
        def shown() -> None:
            current = self.window.current_screen()
            assert current is screen, f"on {type(current).__name__}"

        self.qtbot.waitUntil(shown, timeout=timeout_ms)

    def state(self) -> dict[str, Any]:
        return self.world.store.state_json()


StartJourney = Callable[..., Journey]


@pytest.fixture
def start_journey(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> Iterator[StartJourney]:
    """Start simulators and the kiosk with settings ``overrides``; closes both after."""
    started: list[tuple[Kiosk, SimCluster]] = []

    def start(**overrides: Any) -> Journey:
        world = make_world(seed=1234)
        printed = tmp_path / "printed"
        cluster = SimCluster(world, SimOptions(out_dir=printed))
        info = run(qtbot, cluster.start())
        settings = load_settings(
            environ={},
            **{
                **sim_overrides(info),
                "data_dir": tmp_path / "data",
                "kiosk_mode": False,
                "booking_status_interval_s": 0.01,
                **overrides,
            },
        )
        kiosk = run(qtbot, start_kiosk(settings, asyncio.Event()))
        started.append((kiosk, cluster))
        kiosk.window.resize(1080, 1920)
        qtbot.waitUntil(kiosk.recovery.done, timeout=10000)
        return Journey(qtbot, kiosk, world, printed, cluster)

    yield start
    for kiosk, cluster in started:
        close_kiosk(qtbot, kiosk)
        run(qtbot, cluster.close())


def close_kiosk(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Close a kiosk a test started, and delete its window.

    Closed is not gone: each window and its few hundred widgets stayed alive in the
    worker, and every later test's Qt work (polish, a language switch, the input
    filter's look at each event) went over all of them: a window test took 3-7 s of
    CPU at the end of tests/ui that takes 0.01-0.4 s alone."""
    run(qtbot, kiosk.close())
    kiosk.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
