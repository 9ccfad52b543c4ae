"""Soak: 10,000 collects and 10,000 purchases in one kiosk process.

The kiosk side is this process, wired as every command wires it
(:func:`kiosk.services.open_services`: one journal, one printer connection, the
collect flow, purchases that print through the collect flow's hand-off, as at the
kiosk); the simulators run in another process, so only the kiosk's memory and time
are counted. Collects (one ticket each, pickup codes of online bookings) and
purchases (one seat each, paid at once through the payment simulator's
``/_sim/pay``, untimed, then printed) alternate, so the journal grows with both.
No latency is injected, and the virtual printer prints at ``FAST_MM_S`` instead of
its profile's 350 mm/s (its ``slow`` fault), or the run would take hours of paper
moving; what is soaked here is the kiosk, not the printer. The process limits glibc
to two malloc arenas at its start, as the ``kiosk`` program does.

- RSS from /proc/self/statm after a full ``gc.collect()``, at transaction WARM_UP
  (imports, pools and caches in place) and at the end: the growth is what a kiosk
  that runs for months keeps accumulating.
- p99 of the transaction time (code -> confirmed; session -> booked and printed)
  over each kind's last WINDOW transactions against its first WINDOW after the
  warm-up: flat means nothing slows down as the journal, the logs and the caches
  grow.

``--quick`` runs a tenth of it (for development); the README says which ran.
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

from bench.bench_pickup import SimProcess, kiosk_logging, median, workdir
from bench.common import row, save_section

FULL = {"each": 10_000, "warm_up": 100, "window": 1_000}
QUICK = {"each": 1_000, "warm_up": 100, "window": 200}
FAST_MM_S = 20_000
TARGET_GROWTH = 0.05
TARGET_P99_RATIO = 1.05


def rss_bytes() -> int:
    gc.collect()
    with open("/proc/self/statm") as fh:
        resident_pages = int(fh.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


class Seats:
    """Free single seats to buy, session by session, as the patron would pick them."""

    def __init__(self, films: list[Any]) -> None:
        import datetime as dt

        soon = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        self.sessions = sorted(
            (s for film in films for s in film.sessions if s.showtime > soon),
            key=lambda s: (-s.showtime.timestamp(), s.session_id),
        )

    def session(self) -> Any:
        return self.sessions[-1]

    def full(self) -> None:
        self.sessions.pop()
        if not self.sessions:
            raise RuntimeError("no seats left to buy")


def _free_seat(offer: Any) -> tuple[dict[str, int], Any] | None:
    """A ticket type and the key of a free single seat it sells: the key, not the
    printed label, as two areas of a hall may both have a row 4 seat 8."""
    from kiosk.flows.purchase.selection import seat_key

    for area in offer.seat_plan.areas:
        types = [t for t in offer.ticket_types if t.area_category_code == area.area_category_code]
        for seat_row in area.rows:
            for seat in seat_row.seats:
                if types and seat.is_free and not seat.is_sofa:
                    return {types[0].ticket_type_code: 1}, seat_key(area, seat)
    return None


async def _purchase(services: Any, seats: Seats) -> float:
    from kiosk.flows.purchase_errors import SalesClosed
    from kiosk.sim.phone import pay_with_simulator

    settings = services.settings
    while True:
        flow = services.purchase_flow()
        started = time.perf_counter()
        try:
            offer = await flow.start(seats.session())
        except SalesClosed:  # sold out (Connect says 67) since the films were read
            seats.full()
            continue
        choice = _free_seat(offer)
        if choice is not None:
            break
        await flow.cancel()
        seats.full()
    tickets, key = choice
    await flow.choose(tickets, [key])
    request = await flow.pay()
    asked = time.perf_counter()
    await pay_with_simulator(settings.payment_url, request.out_trade_no)  # the phone: untimed
    resumed = time.perf_counter()
    purchase = await flow.wait_for_payment()
    done = time.perf_counter()
    if not purchase.booking_id:
        raise RuntimeError(f"purchase did not book: {purchase}")
    return (asked - started + done - resumed) * 1000


async def _collect(services: Any, code: str) -> float:
    started = time.perf_counter()
    preview = await services.collect.lookup(code)
    result = await services.collect.print_tickets(preview)
    if not result.complete:
        raise RuntimeError(f"collect did not complete: {result}")
    return (time.perf_counter() - started) * 1000


async def run(sim: SimProcess, data_dir: Path, scale: dict[str, int]) -> dict[str, Any]:
    from kiosk.services import open_services

    settings = sim.settings(data_dir)
    kiosk_logging(settings)
    codes = list(sim.info["bench_bookings"])
    times: dict[str, list[float]] = {"collect": [], "purchase": []}
    marks: dict[str, int] = {}
    started = time.perf_counter()
    async with open_services(settings, command="bench soak") as services:
        seats = Seats(await services.catalog.films())
        for done in range(1, 2 * scale["each"] + 1):
            if done % 2:
                times["collect"].append(await _collect(services, codes.pop(0)))
            else:
                times["purchase"].append(await _purchase(services, seats))
            if done == scale["warm_up"]:
                marks["warm"] = rss_bytes()
            if done % 1000 == 0:
                print(f"  {done} transactions, {time.perf_counter() - started:.0f} s", flush=True)
        marks["end"] = rss_bytes()
    return {"times": times, "marks": marks, "wall_s": time.perf_counter() - started}


def main() -> None:
    from kiosk.libc import limit_arenas

    limit_arenas()  # as the kiosk program does at its start, before any thread
    quick = "--quick" in sys.argv[1:]
    scale = QUICK if quick else FULL
    each, warm_up, window = scale["each"], scale["warm_up"], scale["window"]
    fast = [f"printer.print=slow:{FAST_MM_S}"]
    with (
        workdir("soak") as work,
        SimProcess(work, bookings=each, tickets=1, faults=fast, copies=1) as sim,
    ):
        found = asyncio.run(run(sim, work / "kiosk", scale))
    mib = 1024 * 1024
    warm, end = found["marks"]["warm"], found["marks"]["end"]
    growth = end / warm - 1
    total = 2 * each
    rows = [
        row(
            f"RSS after {total} transactions ({each} collects + {each} purchases, one process)",
            end / mib,
            reference=f"{warm / mib:.1f} MiB",
            ratio=end / warm,
            target=f"growth < {TARGET_GROWTH:.0%}",
            met=growth < TARGET_GROWTH,
            unit=" MiB",
        ),
        row(f"  growth from transaction {warm_up} to {total}", f"{growth:+.1%}"),
    ]
    skip = warm_up // 2  # each kind's share of the warm-up
    for kind, values in found["times"].items():
        first, last = p99(values[skip : skip + window]), p99(values[-window:])
        ratio = last / first
        rows.append(
            row(
                f"{kind}: p99 of the last {window} against the first {window} after the warm-up",
                last,
                reference=first,
                ratio=ratio,
                target=f"<= {TARGET_P99_RATIO}x",
                met=ratio <= TARGET_P99_RATIO,
                unit=" ms",
            )
        )
        # beside the p99: a whole window that slowed down moves its median too, where
        # the p99 alone may be a few stalls of a shared machine
        first_median, last_median = median(values[skip : skip + window]), median(values[-window:])
        rows.append(
            row(
                f"  {kind}: median of the last {window} against the first {window}",
                last_median,
                reference=first_median,
                ratio=last_median / first_median,
                unit=" ms",
            )
        )
    rows.append(row("  scale", "quick (a tenth)" if quick else "full"))
    save_section(
        "soak",
        rows,
        notes=f"{'quick' if quick else 'full'} scale: {each} collects (1 ticket) and {each} "
        f"purchases (1 seat, printed) alternating in one process (open_services); simulators "
        f"in another, no injected latency, printer at {FAST_MM_S} mm/s; RSS after "
        f"gc.collect() at transaction {warm_up} and {total}; p99 windows of {window} per kind "
        f"after the first {skip} of each; {found['wall_s']:.0f} s",
    )


if __name__ == "__main__":
    main()
