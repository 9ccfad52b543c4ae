"""Memory: the kiosk's resident memory after 1,000 collect transactions against after 10.

One kiosk process (this one) runs one :class:`CollectFlow`, wired as ``kiosk
collect`` wires it and logging as the kiosk does, through TRANSACTIONS pickups of
one ticket each (the demo world plus that many bookings, served by the simulators
in ANOTHER process, so only the kiosk's memory is counted; no injected latency).
RSS is read from /proc/self/statm after a full ``gc.collect()`` at both points, so
what is compared is memory still held, not garbage waiting for the collector.
The reference is the same process after WARM_UP transactions: imports, pools,
caches and the SQLite page cache are then in place, and any further growth is
what a kiosk that runs for days would keep accumulating.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_pickup import SimProcess, collect_flow, kiosk_logging, workdir
from bench.common import row, save_section

WARM_UP = 10
TRANSACTIONS = 1000
TARGET_GROWTH = 0.10


def rss_bytes() -> int:
    gc.collect()
    with open("/proc/self/statm") as fh:
        resident_pages = int(fh.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


async def run(sim: SimProcess, data_dir: Path) -> dict[str, Any]:
    from kiosk.connect.client import ConnectClient
    from kiosk.journal import AsyncJournal
    from kiosk.printing.printer import open_printer

    settings = sim.settings(data_dir)
    kiosk_logging(settings)
    journal = await AsyncJournal.open(settings.journal_path, known_secrets=settings.secrets())
    printer = open_printer(settings)
    connect = ConnectClient.from_settings(settings)
    flow = collect_flow(settings, journal, printer, connect)
    codes = list(sim.info["bench_bookings"])
    marks: dict[int, int] = {}
    started = time.perf_counter()
    try:
        for done, code in enumerate(codes, start=1):
            preview = await flow.lookup(code)
            result = await flow.print_tickets(preview)
            if not result.complete:
                raise RuntimeError(f"collect {done} did not complete: {result}")
            if done in (WARM_UP, TRANSACTIONS):
                marks[done] = rss_bytes()
            if done == WARM_UP:
                started = time.perf_counter()
    finally:
        await printer.close()
        await connect.aclose()
        await journal.close()
    per_txn_ms = (time.perf_counter() - started) * 1000 / (TRANSACTIONS - WARM_UP)
    return {"marks": marks, "per_txn_ms": per_txn_ms}


def main() -> None:
    with workdir("memory") as work, SimProcess(work, bookings=TRANSACTIONS, tickets=1) as sim:
        found = asyncio.run(run(sim, work / "kiosk"))
    warm, end = found["marks"][WARM_UP], found["marks"][TRANSACTIONS]
    mib = 1024 * 1024
    growth = end / warm - 1
    rows = [
        row(f"RSS after {TRANSACTIONS} collects", end / mib, reference=f"{warm / mib:.1f} MiB",
            ratio=end / warm, target=f"growth < {TARGET_GROWTH:.0%}",
            met=growth < TARGET_GROWTH, unit=" MiB"),
        row(f"  growth from collect {WARM_UP} to {TRANSACTIONS}", f"{growth:+.1%}"),
        row("  time per collect (1 ticket, no injected latency)", found["per_txn_ms"],
            unit=" ms"),
    ]  # fmt: skip
    save_section(
        "memory",
        rows,
        notes=f"one kiosk process, in-process CollectFlow; simulators in another process; "
        f"RSS from /proc/self/statm after gc.collect(), at collect {WARM_UP} and "
        f"{TRANSACTIONS}",
    )


if __name__ == "__main__":
    main()
