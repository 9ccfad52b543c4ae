"""Pickup latency: a pickup code to confirmed tickets, against the protocol's floor.

The simulators run in their own process (``serve`` below: the demo world plus
extra online bookings of two tickets each) with a fixed latency injected on every
Connect and SARFT call; the printer gets none. The kiosk side is this process: one
:class:`CollectFlow` built exactly as ``kiosk collect`` builds it.

Floor, per the protocol (docs/sarft-protocol.md "Transport"), with L the injected
latency: GetSingleBooking (the code names the booking; its number gives the
SARFT print_no) + auth + query + apply + confirm = 5 L, plus the time the paper of
the round's own tickets takes under the head: the virtual printer prints in real
time at its profile's ``print_speed_mm_s`` (350 mm/s for ``virtual``) and the
kiosk waits for its proof of paper after each ticket, so no kiosk can be faster.
That time is computed from what came out: each ticket's PNG, whose height less
the simulator's margins is the paper moved in dots, at the profile's dpi and
speed. The printer alone (the same faces sent through the same TicketPrinter with
no flow: a status read, then each ticket as its own job with its proof of paper
and status, as rules 1 and 2 ask) is shown beside it; rounds alternate
printer-alone and collect so both see the same machine load.

Also used by the other benchmarks: :class:`SimProcess` starts the ``serve`` host.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import as_installed_env, row, save_section

LATENCY_MS = 50
ROUNDS = 7
CLI_ROUNDS = 3
TICKETS = 2
TARGET_RATIO = 1.05
CLI_TARGET_RATIO = 1.4
SERVE_TIMEOUT_S = 60.0


# ---- the simulators' process -----------------------------------------------------------


def add_bookings(store: Any, count: int, tickets: int) -> list[str]:
    """``count`` online bookings of ``tickets`` seats each, ready for pickup, on sessions
    far enough ahead that none ends during a run. Seats are really free ones, so the
    world stays one the Connect simulator would have sold."""
    import datetime as dt

    from kiosk.sim.store import FREE, OrderLine

    now = store.clock()
    sessions = sorted(
        (
            s
            for s in store.sessions.values()
            if s.cinema_id == "0200"
            and s.showtime > now + dt.timedelta(hours=3)
            and not s.private
            and not s.marked_sold_out
        ),
        key=lambda s: (s.showtime, s.session_id),
    )
    made: list[str] = []
    for session in sessions:
        hall = store.hall_for(session)
        free = [
            seat
            for seat in hall.all_seats()
            if seat.status == FREE and not seat.group and seat.key not in session.sold
        ]
        while len(made) < count and len(free) >= tickets:
            seats, free = free[:tickets], free[tickets:]
            lines = []
            for seat in seats:
                ticket_type = next(
                    t
                    for t in session.ticket_types
                    if t.area_category_code == seat.area_category_code and t.code.endswith("153")
                )
                lines.append(OrderLine(ticket_type.code, ticket_type.price_fen, seat.key))
            booking = store.create_booking(
                session,
                lines,
                user_session_id=f"{store.rng.getrandbits(128):032x}",
                card_number_masked="999999..9999",
                card_type="CreditCard",
                tender_category="CreditCard",
                online=True,
            )
            made.append(booking.booking_id)
        if len(made) >= count:
            return made
    raise RuntimeError(f"only {len(made)} of {count} bookings fit in the demo world")


def copy_sessions(store: Any, copies: int) -> int:
    """Each session far enough ahead ``copies`` more times (a minute apart, same hall, no
    seat sold), for benchmarks that buy more seats than the demo world has; how many
    sessions were added."""
    import dataclasses
    import datetime as dt

    now = store.clock()
    ahead = [
        s for s in store.sessions.values()
        if s.showtime > now + dt.timedelta(hours=1) and not s.private and not s.marked_sold_out
    ]  # fmt: skip
    added = 0
    for copy in range(1, copies + 1):
        for session in ahead:
            clone = dataclasses.replace(
                session,
                session_id=f"{session.session_id}{copy:02d}",
                showtime=session.showtime + dt.timedelta(minutes=copy),
                sold=set(),
            )
            store.sessions[clone.session_id] = clone
            added += 1
    return added


def serve(argv: Sequence[str]) -> int:
    """Run every simulator on one world with ``--bookings`` extra bookings until SIGTERM."""
    parser = argparse.ArgumentParser(prog="bench_pickup.py serve")
    parser.add_argument("--info", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--bookings", type=int, default=0)
    parser.add_argument("--tickets", type=int, default=TICKETS)
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--fault", action="append", default=[])
    args = parser.parse_args(argv)

    from kiosk.cli.common import run_until_signal
    from kiosk.cli.sim import make_world
    from kiosk.sim.cluster import SimCluster, SimOptions, write_info

    logging.basicConfig(level=logging.WARNING)
    world = make_world(seed=7, faults=args.fault)
    copy_sessions(world.store, args.copies)
    extra = add_bookings(world.store, args.bookings, args.tickets)

    async def main(stop: asyncio.Event) -> int:
        cluster = SimCluster(world, SimOptions(out_dir=args.out))
        info = await cluster.start()
        info["bench_bookings"] = extra  # ours, in order; "bookings" also lists the demo's
        try:
            write_info(args.info, info)
            await stop.wait()
        finally:
            await cluster.close()
        return 0

    return run_until_signal(main)


class SimProcess:
    """The simulators in a separate process, so only the kiosk's work counts here."""

    def __init__(self, workdir: Path, *, bookings: int = 0, tickets: int = TICKETS,
                 faults: Sequence[str] = (), copies: int = 0) -> None:  # fmt: skip
        self.workdir = workdir
        self.info_path = workdir / "sim-info.json"
        self.printed_dir = workdir / "printed"  # the virtual printer's PNGs
        command = [sys.executable, str(Path(__file__).resolve()), "serve"]
        command += ["--info", str(self.info_path), "--out", str(self.printed_dir)]
        command += ["--bookings", str(bookings), "--tickets", str(tickets)]
        command += ["--copies", str(copies)]
        for rule in faults:
            command += ["--fault", rule]
        self.command = command
        self.process: subprocess.Popen[bytes] | None = None
        self.info: dict[str, Any] = {}

    def __enter__(self) -> SimProcess:
        self.process = subprocess.Popen(self.command)
        deadline = time.monotonic() + SERVE_TIMEOUT_S
        while not self.info_path.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("the simulators did not start")
            time.sleep(0.05)
        self.info = json.loads(self.info_path.read_text())
        return self

    def __exit__(self, *_: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def env(self, data_dir: Path) -> dict[str, str]:
        from kiosk.sim.cluster import kiosk_env

        return {**kiosk_env(self.info), "KIOSK_DATA_DIR": str(data_dir)}

    def settings(self, data_dir: Path) -> Any:
        from kiosk.settings import load_settings

        # environ given explicitly: no config file or KIOSK_* of the caller leaks in
        return load_settings(environ=self.env(data_dir))


@contextmanager
def workdir(name: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=f"kiosk-bench-{name}-") as path:
        yield Path(path)


def kiosk_logging(settings: Any) -> None:
    """Log as the kiosk does (INFO to the daily file), so its cost is in the figures."""
    from kiosk.logs import setup_logging

    setup_logging(settings.log_dir, settings.secrets(), logging.INFO, logging.WARNING)


class Counted:
    """Counts the calls of the named coroutine methods: the round trips actually made."""

    def __init__(self, inner: Any, names: Sequence[str], counts: dict[str, int]) -> None:
        self._inner = inner
        self._names = set(names)
        self._counts = counts

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if name not in self._names:
            return value

        async def call(*args: Any, **kwargs: Any) -> Any:
            self._counts[name] = self._counts.get(name, 0) + 1
            return await value(*args, **kwargs)

        return call


SARFT_CALLS = ("authenticate", "query", "apply_print", "confirm_printed")
CONNECT_CALLS = (
    "get_now_showing_scheduled_films",
    "get_tickets_for_session",
    "get_session_seat_plan",
    "add_tickets",
    "get_order",
    "cancel_order",
    "start_external_payment",
    "complete_order",
    "query_order_booking_status",
    "get_single_booking",
    "refund_booking",
)
PAYMENT_CALLS = ("create", "query", "close", "refund")


def collect_flow(settings: Any, journal: Any, printer: Any, connect: Any,
                 counts: dict[str, int] | None = None) -> Any:  # fmt: skip
    """The flow exactly as ``kiosk collect`` wires it (kiosk/cli/collect.py), with the
    Connect and SARFT ports optionally counting their calls."""
    from kiosk.flows.collect import CollectFlow
    from kiosk.flows.pickup_code import KeypadGuard
    from kiosk.sarft import SarftClient

    def sarft() -> Any:
        client = SarftClient.from_settings(settings)
        return client if counts is None else Counted(client, SARFT_CALLS, counts)

    return CollectFlow(
        connect if counts is None else Counted(connect, CONNECT_CALLS, counts),
        sarft,
        printer,
        journal,
        kiosk_id=settings.kiosk_id,
        language=settings.ticket_language,
        guard=KeypadGuard(settings.pickup_max_failures, settings.pickup_lock_s),
    )


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


class PaperTime:
    """How long the paper of the tickets the virtual printer printed took under its
    head, read from the PNGs it drew: a PNG's height less the simulator's margins is
    the paper moved, in dots at the profile's dpi, and the head moves it at the
    profile's ``print_speed_mm_s``. The physical floor of any print."""

    def __init__(self, printed_dir: Path) -> None:
        from kiosk.sim.escpos_render import MARGIN_DOTS
        from kiosk.sim.printer_profile import DEFAULT_PROFILE, load_sim_profile

        self.printed_dir = printed_dir
        self.profile = load_sim_profile(DEFAULT_PROFILE)
        self._margin = MARGIN_DOTS
        self._seen: set[str] = set(self._pngs())

    def _pngs(self) -> list[str]:
        return sorted(p.name for p in self.printed_dir.glob("job-*.png"))

    def new_ms(self, jobs: int) -> tuple[float, float]:
        """(paper time in ms, paper length in mm) of the ``jobs`` PNGs drawn since the
        last call. The printer answers for a job's paper before its PNG is written
        (as a printer answers when the paper is out), so they may take a moment."""
        from PIL import Image

        deadline = time.monotonic() + 10.0
        fresh = [name for name in self._pngs() if name not in self._seen]
        while len(fresh) < jobs and time.monotonic() < deadline:
            time.sleep(0.005)
            fresh = [name for name in self._pngs() if name not in self._seen]
        self._seen.update(fresh)
        mm = 0.0
        for name in fresh:
            with Image.open(self.printed_dir / name) as image:
                mm += self.profile.dots_to_mm(image.height - 2 * self._margin)
        return mm / self.profile.print_speed_mm_s * 1000, mm


# ---- the measurement -------------------------------------------------------------------


async def _faces(settings: Any, flow: Any, booking: dict[str, Any]) -> list[Any]:
    """The faces of a booking, read from SARFT without applying (nothing changes)."""
    from kiosk.printing.ticket import SaleChannel
    from kiosk.sarft import SarftClient
    from kiosk.sarft.values import print_no_for

    client = SarftClient.from_settings(settings)
    await client.connect()
    try:
        await client.authenticate()
        records = await client.query(print_no_for(booking["booking_number"]))
    finally:
        await client.close()
    return [flow.face(r, SaleChannel.ONLINE_AGENT) for r in sorted(records, key=lambda r: r.code)]


async def _printer_alone(printer: Any, faces: list[Any]) -> float:
    """What the collect flow asks of the printer, without the flow: status before apply,
    then each ticket as its own job with its status read back."""
    started = time.perf_counter()
    await printer.status()
    for face in faces:
        await printer.print_tickets([face])
    return (time.perf_counter() - started) * 1000


async def measure_in_process(sim: SimProcess, data_dir: Path) -> dict[str, Any]:
    from kiosk.connect.client import ConnectClient
    from kiosk.journal import AsyncJournal
    from kiosk.printing.printer import open_printer

    settings = sim.settings(data_dir)
    kiosk_logging(settings)
    journal = await AsyncJournal.open(settings.journal_path, known_secrets=settings.secrets())
    printer = open_printer(settings)
    connect = ConnectClient.from_settings(settings)
    counts: dict[str, int] = {}
    flow = collect_flow(settings, journal, printer, connect, counts)
    number = {b["booking_id"]: b["booking_number"] for b in sim.info["bookings"]}
    bookings = [{"booking_id": b, "booking_number": number[b]} for b in sim.info["bench_bookings"]]
    reference_faces = await _faces(settings, flow, bookings[0])
    queue = bookings[1:]
    paper = PaperTime(sim.printed_dir)
    paper_ms: list[float] = []
    paper_mm: list[float] = []
    alone_paper_ms: list[float] = []
    printer_ms: list[float] = []
    lookup_ms: list[float] = []
    print_ms: list[float] = []
    total_ms: list[float] = []
    try:
        for round_ in range(ROUNDS + 1):  # round 0 warms connections, caches and imports
            alone = await _printer_alone(printer, reference_faces)
            alone_paper = paper.new_ms(len(reference_faces))[0]
            counts.clear()
            booking = queue.pop(0)
            started = time.perf_counter()
            preview = await flow.lookup(booking["booking_id"])
            looked = time.perf_counter()
            result = await flow.print_tickets(preview)
            done = time.perf_counter()
            if not result.complete or result.total != TICKETS:
                raise RuntimeError(f"collect did not complete: {result}")
            on_paper, length = paper.new_ms(TICKETS)
            if round_:
                paper_ms.append(on_paper)
                paper_mm.append(length)
                alone_paper_ms.append(alone_paper)
                printer_ms.append(alone)
                lookup_ms.append((looked - started) * 1000)
                print_ms.append((done - looked) * 1000)
                total_ms.append((done - started) * 1000)
    finally:
        await printer.close()
        await connect.aclose()
        await journal.close()
    return {
        "paper_ms": median(paper_ms),
        "paper_mm": median(paper_mm),
        "speed_mm_s": paper.profile.print_speed_mm_s,
        "alone_paper_ms": median(alone_paper_ms),
        "printer_ms": median(printer_ms),
        "lookup_ms": median(lookup_ms),
        "print_ms": median(print_ms),
        "total_ms": median(total_ms),
        "counts": dict(counts),
        "left": queue,
    }


def measure_cli(
    sim: SimProcess, data_dir: Path, bookings: list[dict[str, Any]]
) -> dict[str, float]:
    """``kiosk collect CODE`` as installers run it: spawn to exit, and Python's own start
    plus the imports ``kiosk`` does before any work (its parser loads every command)."""
    env = as_installed_env({**os.environ, **sim.env(data_dir)})
    kiosk = [sys.executable, "-m", "kiosk"]
    walls: list[float] = []
    imports: list[float] = []
    for booking in bookings[:CLI_ROUNDS]:
        started = time.perf_counter()
        subprocess.run(
            [*kiosk, "collect", booking["booking_id"]], env=env, check=True, capture_output=True
        )
        walls.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import kiosk.__main__ as m; m.build_parser()"],
            env=env,
            check=True,
        )
        imports.append((time.perf_counter() - started) * 1000)
    return {"wall_ms": median(walls), "import_ms": median(imports)}


def main() -> None:
    latency = [f"connect.*=latency:{LATENCY_MS}", f"sarft.*=latency:{LATENCY_MS}"]
    with (
        workdir("pickup") as work,
        SimProcess(work, bookings=1 + ROUNDS + 1 + CLI_ROUNDS, faults=latency) as sim,
    ):
        found = asyncio.run(measure_in_process(sim, work / "kiosk"))
        cli = measure_cli(sim, work / "kiosk-cli", found["left"])
    rtts = 5  # GetSingleBooking, auth, query, apply, confirm
    paper_ms = found["paper_ms"]
    floor = rtts * LATENCY_MS + paper_ms
    made = sum(found["counts"].get(name, 0) for name in ("get_single_booking", *SARFT_CALLS))
    total = found["total_ms"]
    speed = found["speed_mm_s"]
    rows = [
        row(f"collect {TICKETS} tickets in-process: code -> confirmed", total, reference=floor,
            ratio=total / floor, target=f"<= {TARGET_RATIO}x floor",
            met=total / floor <= TARGET_RATIO, unit=" ms"),
        row("Connect + SARFT round trips made (floor: 5)", made, reference=rtts,
            ratio=made / rtts),
        row(f"  paper under the head: {found['paper_mm']:.0f} mm at {speed:.0f} mm/s "
            "(in the floor)", paper_ms, unit=" ms"),
        row("  lookup (GetSingleBooking, auth, query; floor 3 L)", found["lookup_ms"],
            reference=3.0 * LATENCY_MS, ratio=found["lookup_ms"] / (3 * LATENCY_MS), unit=" ms"),
        row("  print_tickets (floor 2 L + paper, if lookup's session were kept)",
            found["print_ms"], reference=2 * LATENCY_MS + paper_ms,
            ratio=found["print_ms"] / (2 * LATENCY_MS + paper_ms), unit=" ms"),
        row(f"  virtual printer alone, {TICKETS} tickets: status, print, proof of paper",
            found["printer_ms"], reference=found["alone_paper_ms"],
            ratio=found["printer_ms"] / found["alone_paper_ms"], unit=" ms"),
        row("kiosk collect CLI: spawn -> exit", cli["wall_ms"], reference=floor,
            ratio=cli["wall_ms"] / floor, target=f"<= {CLI_TARGET_RATIO}x floor",
            met=cli["wall_ms"] / floor <= CLI_TARGET_RATIO, unit=" ms"),
        row("  python start + kiosk imports (in the CLI figure)", cli["import_ms"], unit=" ms"),
    ]  # fmt: skip
    save_section(
        "pickup",
        rows,
        notes=f"L = {LATENCY_MS} ms injected on every connect.* and sarft.* call; floor = "
        f"5 L + the paper time of the round's tickets (PNG height at the profile's dpi and "
        f"speed); median of {ROUNDS} rounds alternating printer-alone and collect "
        f"(CLI: {CLI_ROUNDS}); calls made: {found['counts']}",
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        sys.exit(serve(sys.argv[2:]))
    main()
