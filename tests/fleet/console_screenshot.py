"""Photograph the fleet console page for the README: ``python -m tests.fleet.console_screenshot
[OUT.png]`` runs the fleet of tests/fleet/test_console.py (two real kiosks, a real
Prometheus) and takes the page with headless Chromium (not a dependency of the tests
or CI: install it only where the picture is taken, ``apt-get install chromium``).
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

from kiosk.cli.sim import make_world
from kiosk.sim.cluster import SimCluster, SimOptions
from tests.fleet.console_fleet import DEPLOY, console_fleet, settled

OUT = DEPLOY / "kiosk-fleet-console.png"
WINDOW = "1520,380"


async def photograph(out: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="kiosk-console-") as folder:
        tmp = Path(folder)
        cluster = SimCluster(make_world(seed=1234), SimOptions(out_dir=tmp / "printed"))
        await cluster.start()
        try:
            async with console_fleet(cluster, tmp) as fleet:
                _, rows = await fleet.read_page()
                if not settled(rows):
                    raise SystemExit(f"the fleet did not reach its states: {rows}")
                # as a person opens it, drawn by Chromium; the simulators in this
                # loop keep answering the kiosks meanwhile
                chrome = await asyncio.create_subprocess_exec(
                    chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={WINDOW}", f"--user-data-dir={tmp / 'chromium'}",
                    f"--screenshot={out}", fleet.page,
                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
                )  # fmt: skip
                _, err = await asyncio.wait_for(chrome.communicate(), 120)
                if chrome.returncode != 0:
                    raise SystemExit(f"chromium failed: {err.decode()[-2000:]}")
        finally:
            await cluster.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    asyncio.run(photograph(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
