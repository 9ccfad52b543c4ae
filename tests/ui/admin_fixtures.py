"""Admin-screen fixtures: a qasync loop inside pytest-qt, the simulators and the kiosk
adapters started on it, and a kiosk window with the admin screen installed.

Widget tests cannot use the pytest-asyncio ``sim`` fixture: its simulators live on
another event loop that does not run while Qt does. Here everything, simulators
included, runs on the one qasync loop, driven by ``qtbot.waitUntil``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync

from kiosk.admin.pin import hash_pin, staff_pin_entry
from kiosk.cli.sim import make_world
from kiosk.connect.client import ConnectClient
from kiosk.flows.catalog import Catalog
from kiosk.flows.collect_recovery import collect_recoverers
from kiosk.flows.ports import SystemClock
from kiosk.flows.recovery import RecoveryContext, RecoveryReport, recover_all, recoverers_for
from kiosk.flows.reprint import StaffReprint
from kiosk.payment.http import from_settings as payment_from_settings
from kiosk.qt import QApplication
from kiosk.qt.aio import running_tasks, set_error_handler
from kiosk.qt.i18n import Translations
from kiosk.services import purchase_config
from kiosk.sim.cluster import SimCluster, SimOptions
from kiosk.ui.admin import AdminController, AdminServices, install_admin
from kiosk.ui.main_window import MainWindow
from tests.flows.helpers_collect import FakeMonotonic, Kit, collect_kit

T = TypeVar("T")
PIN = "246813"
PIN_HASH = hash_pin(PIN)  # once: scrypt is deliberately slow
# Li Wei has her own PIN beside the shared one, so the audit log names her.
LI_WEI_PIN = "135792"
PIN_SETTING = f"{PIN_HASH},{staff_pin_entry('li.wei', LI_WEI_PIN)}"
Run = Callable[[Awaitable[T]], T]


@pytest.fixture(name="qloop")
def qloop_fixture(kiosk_app: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop marked running inside pytest-qt's event processing, then undone."""
    loop = qasync.QEventLoop(kiosk_app, already_running=True)
    # Plain threads for to_thread work: qasync's default QThread pool would be left
    # running when the loop is dropped, and Qt warns about that.
    threads = ThreadPoolExecutor(max_workers=4, thread_name_prefix="test-loop")
    loop.set_default_executor(threads)
    yield loop
    for task in running_tasks():
        task.cancel()
    threads.shutdown(wait=True)
    asyncio.events._set_running_loop(None)
    set_error_handler(None)


@pytest.fixture(name="run")
def run_fixture(qtbot: Any, qloop: asyncio.AbstractEventLoop) -> Run[Any]:
    """Await a coroutine on the qasync loop from a plain (Qt) test."""

    def run(awaitable: Awaitable[T], timeout_ms: int = 15000) -> T:
        task = qloop.create_task(_wrap(awaitable))
        qtbot.waitUntil(task.done, timeout=timeout_ms)
        return task.result()

    return run


async def _wrap(awaitable: Awaitable[T]) -> T:
    return await awaitable


@dataclass
class Admin:
    kit: Kit
    window: MainWindow
    controller: AdminController
    services: AdminServices
    clock: FakeMonotonic
    exits: list[str]
    data_dir: Path


@pytest.fixture(name="admin")
def admin_fixture(
    qtbot: Any, run: Run[Any], tmp_path: Path, kiosk_app: QApplication
) -> Iterator[Admin]:
    cluster = SimCluster(make_world(seed=1234), SimOptions(out_dir=tmp_path / "printed"))
    run(cluster.start())
    stack = contextlib.AsyncExitStack()
    kit: Kit = run(
        stack.enter_async_context(collect_kit(cluster, tmp_path, admin_pin_hash=PIN_SETTING))
    )
    settings = replace(kit.settings, kiosk_mode=False)
    connect = ConnectClient.from_settings(settings)
    payment = payment_from_settings(settings)

    async def recover() -> RecoveryReport:
        context = RecoveryContext(
            purchase_config(settings), kit.journal, connect, payment, SystemClock()
        )
        return await recover_all(
            kit.journal,
            [*recoverers_for(context), *collect_recoverers(kit.flow)],
            owners=kit.flow.owners,
        )

    async def refresh_catalog() -> None:
        await Catalog(connect, SystemClock(), settings.cinema_id).films(fresh=True)

    exits: list[str] = []
    clock = FakeMonotonic()
    services = AdminServices(
        settings=settings,
        journal=kit.journal,
        reprint=StaffReprint(kit.flow),
        recover=recover,
        refresh_catalog=refresh_catalog,
        printer=kit.printer,
        exit_kiosk=lambda: exits.append("exit"),
        clock=clock,
    )
    translations = Translations()
    # Not handed to qtbot: pytest-qt would delete it before this fixture's teardown
    # waits for the admin screen's last tasks, which still touch its widgets.
    window = MainWindow(settings, translations)
    controller = install_admin(window, services)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    yield Admin(kit, window, controller, services, clock, exits, settings.data_dir)
    qtbot.waitUntil(lambda: not running_tasks(), timeout=15000)
    window.admin_exit()
    window.deleteLater()
    run(connect.aclose())
    run(payment.aclose())
    run(stack.aclose())
    run(cluster.close())
    translations.remove()
