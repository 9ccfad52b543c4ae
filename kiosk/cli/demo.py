"""``kiosk demo``: the kiosk in a window against every simulator, in one process.

Connect, SARFT, payment and printer simulators start on free loopback ports on
the same qasync loop as the UI, the kiosk is pointed at them, and a small demo
panel stands in for the patron's phone and the ticket tray. Data goes to a
temporary folder (removed at the end) unless KIOSK_DATA_DIR names one. Closing
the kiosk window, SIGINT or SIGTERM stops everything and closes every port.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from kiosk.cli.common import settings_from, start_logging
from kiosk.cli.sim import add_sim_arguments, make_world
from kiosk.sim.cluster import SimCluster, SimOptions, kiosk_env, write_info
from kiosk.sim.faults import FaultRuleError
from kiosk.sim.world import SimWorld

EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_sim_arguments(parser)


def sim_overrides(info: dict[str, Any]) -> dict[str, str]:
    """The settings that point the kiosk at the simulators, as load_settings overrides."""
    return {key.removeprefix("KIOSK_").lower(): value for key, value in kiosk_env(info).items()}


def run(args: argparse.Namespace) -> int:
    try:
        world = make_world(faults=args.fault)
    except FaultRuleError as exc:
        print(f"kiosk demo: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from kiosk.app import run_qt

    given = os.environ.get("KIOSK_DATA_DIR")
    if given:
        return run_qt(lambda stop: _demo(args, world, Path(given), stop))
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-") as scratch:
        return run_qt(lambda stop: _demo(args, world, Path(scratch), stop))


async def _demo(
    args: argparse.Namespace, world: SimWorld, data_dir: Path, stop: asyncio.Event
) -> int:
    from kiosk.app import start_kiosk
    from kiosk.ui.demo_panel import DemoPanel, place_beside

    cluster = SimCluster(world, SimOptions(out_dir=data_dir / "printed"))
    try:
        info = await cluster.start()
    except OSError as exc:
        print(f"kiosk demo: cannot listen: {exc}", file=sys.stderr)
        return 1
    try:
        settings = settings_from(
            args,
            **sim_overrides(info),
            data_dir=data_dir,
            kiosk_mode=False,
            hide_cursor=False,
        )
        start_logging(args, settings, quiet_stderr=True)
        kiosk = await start_kiosk(settings, stop)
        panel = DemoPanel(
            kiosk.purchase, settings.payment_url, Path(info["printer"]["out"]), info["bookings"]
        )
        try:
            place_beside(kiosk.window, panel)
            panel.show()
            if args.info:
                write_info(args.info, info)
            await stop.wait()
        finally:
            panel.close()
            await kiosk.close()
    finally:
        await cluster.close()
    return 0
