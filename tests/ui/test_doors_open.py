"""The doors open on what the first availability check found, never before it answers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import start_kiosk
from kiosk.cli.demo import sim_overrides
from kiosk.cli.sim import make_world
from kiosk.settings import load_settings
from kiosk.sim.cluster import SimCluster, SimOptions
from kiosk.ui.main_window import MainWindow

from .journey_fixtures import close_kiosk, run

pytestmark = pytest.mark.ui
pytest_plugins = ["tests.ui.journey_fixtures"]


def test_a_kiosk_started_without_paper_never_opens_to_buying(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No paper in the printer, and the payment service slow to answer the check: recovery
    # and the cinema's name are done long before the check knows the kiosk cannot sell.
    faults = ["printer.print=paper_out_after:0", "payment.*=latency:600"]
    cluster = SimCluster(make_world(seed=1234, faults=faults), SimOptions(out_dir=tmp_path / "p"))
    info = run(qtbot, cluster.start())
    settings = load_settings(
        environ={}, **{**sim_overrides(info), "data_dir": tmp_path / "data", "kiosk_mode": False}
    )
    at_open: list[tuple[bool, bool, bool]] = []
    open_to_patrons = MainWindow.open_to_patrons

    def opening(window: MainWindow) -> None:  # the real opening, and what it offered
        open_to_patrons(window)
        home = window.home
        at_open.append(
            (window.availability().checked, home.buy_button.isEnabled(), window.at_start())
        )

    monkeypatch.setattr(MainWindow, "open_to_patrons", opening)
    kiosk = run(qtbot, start_kiosk(settings, asyncio.Event()))
    try:
        qtbot.waitUntil(kiosk.recovery.done, timeout=15000)
        # checked, Buy not offered (out of service stands in for Home)
        assert at_open == [(True, False, True)]
        assert kiosk.window.current_screen() is kiosk.window.out_of_service
    finally:
        close_kiosk(qtbot, kiosk)
        run(qtbot, cluster.close())
