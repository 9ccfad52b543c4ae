"""The tickets a virtual printer has put out, as PNG files, read without a race.

The virtual printer answers proof of paper as soon as a ticket is out (as a printer
does) and draws the ticket's PNG a few milliseconds later on its own thread, so a
glob of its folder straight after the kiosk has finished can miss the last ticket.
Reading its jobs waits for any PNG still being drawn."""

from __future__ import annotations

from pathlib import Path

from kiosk.sim.cluster import SimCluster
from kiosk.sim.printer_server import PrinterServer


def printed_pngs(sim: SimCluster, folder: Path) -> list[Path]:
    """The PNGs in ``folder`` once every ticket ``sim``'s printer has put out has its file."""
    server = sim.services.get("printer")
    if isinstance(server, PrinterServer):
        server.jobs  # noqa: B018  (reading them waits for the PNGs still being drawn)
    return sorted(folder.glob("*.png"))
