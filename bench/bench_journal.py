"""A year of journal: what 500,000 transactions cost the kiosk, against a day's worth.

The year's journal is :mod:`bench.year_journal`'s (written with direct SQL, cached
under the temp dir, copied here, then opened once so every migration newer than
the released schema runs, as when a kiosk in the field is upgraded: that first
open is a figure of its own). The reference is a journal the same generator writes
with a day's share of the year (YEAR / 365 transactions): the same mix, the same
OPEN_STAFF collections waiting for staff, and enough history for the Recent tab to
list as many as on the year's. A literally empty journal would leave Recent empty
and recovery nothing to pass over, so the ratio would say nothing about history.

Each figure alternates the two journals round by round, so both see the same load:

- doors open: ``kiosk run --windowed`` spawned to its first paint with the doors
  open (``bench_startup``'s child, offscreen), after one untimed launch each (the
  day's journal copy made, bytecode written);
- ``kiosk recover`` and ``kiosk journal --search CODE``: spawn -> exit;
- the search itself: ``Journal.search`` for a pickup code, a booking number, an
  out_trade_no and a ticket code from the middle of the year (the slowest counts);
- the admin Recent and Attention tabs: the real sections' reload (journal reads and
  the cards built), offscreen;
- one collect's journal calls: a real CollectFlow (2 tickets, simulators in another
  process, no injected latency) with every call into the journal timed from call to
  return; the collect's wall time is shown under it.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_pickup import SimProcess, collect_flow, workdir
from bench.common import row, save_section
from bench.year_journal import YEAR_TRANSACTIONS, Facts, copy_into, write

DAY_TRANSACTIONS = YEAR_TRANSACTIONS // 365
LAUNCHES = 5
CLI_ROUNDS = 5
SEARCH_ROUNDS = 20
TAB_ROUNDS = 10
COLLECTS = 9
TARGET_RATIO = 1.1
TARGET_MS = 50.0


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


class TimedJournal:
    """An AsyncJournal whose every coroutine call adds its time to ``spent_ms``."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.spent_ms = 0.0
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not asyncio.iscoroutinefunction(value):
            return value

        async def call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await value(*args, **kwargs)
            finally:
                self.spent_ms += (time.perf_counter() - started) * 1000
                self.calls += 1

        return call


def doors_open(sim: SimProcess, dirs: dict[str, Path], work: Path) -> dict[str, float]:
    from bench.bench_startup import child_env, launch, screen_config

    platform = screen_config(work / "screen.json")
    envs = {name: child_env(**sim.env(d), QT_QPA_PLATFORM=platform) for name, d in dirs.items()}
    log = work / "children.log"
    for env in envs.values():  # untimed: today's journal copy, bytecode, file cache
        launch("kiosk", env, log)
    ready: dict[str, list[float]] = {name: [] for name in dirs}
    for _ in range(LAUNCHES):
        for name, env in envs.items():
            ready[name].append(launch("kiosk", env, log)["ready"])
    return {name: statistics.median(times) for name, times in ready.items()}


def cli(
    sim: SimProcess, dirs: dict[str, Path], args: list[str], ok: tuple[int, ...]
) -> dict[str, float]:
    walls: dict[str, list[float]] = {name: [] for name in dirs}
    for round_ in range(CLI_ROUNDS + 1):
        for name, data in dirs.items():
            env = {**os.environ, **sim.env(data)}
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, check=False
            )
            wall = (time.perf_counter() - started) * 1000
            if done.returncode not in ok:
                raise RuntimeError(
                    f"kiosk {' '.join(args)} exited {done.returncode}: "
                    f"{done.stderr.decode()[-500:]}"
                )
            if round_:  # the first is a warm-up
                walls[name].append(wall)
    return {name: statistics.median(w) for name, w in walls.items()}


def searches(dirs: dict[str, Path], facts: Facts) -> dict[str, dict[str, float]]:
    from kiosk.journal import Journal

    found: dict[str, dict[str, float]] = {name: {} for name in dirs}
    journals = {name: Journal.open(d / "journal.sqlite3") for name, d in dirs.items()}
    try:
        for what, code in facts.search_codes.items():
            times: dict[str, list[float]] = {name: [] for name in dirs}
            for _ in range(SEARCH_ROUNDS):
                for name, journal in journals.items():
                    times[name].append(_timed(lambda j=journal, c=code: j.search(c)))
            for name in dirs:
                found[name][what] = statistics.median(times[name])
        if not journals["year"].search(facts.search_codes["pickup code"]):
            raise RuntimeError("the year's journal does not find its own pickup code")
    finally:
        for journal in journals.values():
            journal.close()
    return found


async def _tabs_and_collects(sim: SimProcess, dirs: dict[str, Path]) -> dict[str, dict[str, float]]:
    from kiosk.connect.client import ConnectClient
    from kiosk.flows.reprint import StaffReprint
    from kiosk.journal import AsyncJournal
    from kiosk.printing.printer import open_printer
    from kiosk.ui.admin.attention_section import AttentionSection
    from kiosk.ui.admin.recent_section import RecentSection
    from kiosk.ui.admin.services import AdminServices

    found: dict[str, dict[str, float]] = {}
    parts: dict[str, Any] = {}
    settings = {name: sim.settings(d) for name, d in dirs.items()}
    printer = open_printer(settings["year"])
    connect = ConnectClient.from_settings(settings["year"])
    try:
        for name in dirs:
            journal = TimedJournal(
                await AsyncJournal.open(
                    settings[name].journal_path, known_secrets=settings[name].secrets()
                )
            )
            flow = collect_flow(settings[name], journal, printer, connect)

            async def nothing() -> None:
                return None

            admin = AdminServices(
                settings=settings[name],
                journal=journal,  # type: ignore[arg-type]
                reprint=StaffReprint(flow),
                recover=nothing,
                refresh_catalog=nothing,
                printer=printer,
                exit_kiosk=lambda: None,
            )
            parts[name] = (journal, flow, RecentSection(admin), AttentionSection(admin))
            found[name] = {"recent": [], "attention": [], "collect_journal": [], "collect": []}
        for round_ in range(TAB_ROUNDS + 1):
            for name, (_, _, recent, attention) in parts.items():
                for tab, section in (("recent", recent), ("attention", attention)):
                    started = time.perf_counter()
                    await section._load()
                    if round_:
                        found[name][tab].append((time.perf_counter() - started) * 1000)
        codes = list(sim.info["bench_bookings"])
        for round_ in range(COLLECTS + 1):
            for name, (journal, flow, _, _) in parts.items():
                code = codes.pop(0)
                journal.spent_ms = 0.0
                started = time.perf_counter()
                preview = await flow.lookup(code)
                result = await flow.print_tickets(preview)
                wall = (time.perf_counter() - started) * 1000
                if not result.complete:
                    raise RuntimeError(f"collect did not complete: {result}")
                if round_:
                    found[name]["collect_journal"].append(journal.spent_ms)
                    found[name]["collect"].append(wall)
        cards = {name: (len(p[2].cards), len(p[3].cards)) for name, p in parts.items()}
        if cards["year"] != cards["day"]:
            raise RuntimeError(f"the tabs list different numbers of cards: {cards}")
    finally:
        for journal, *_ in parts.values():
            await journal.close()
        await printer.close()
        await connect.aclose()
    return {name: {k: statistics.median(v) for k, v in f.items()} for name, f in found.items()}


def tabs_and_collects(sim: SimProcess, dirs: dict[str, Path]) -> dict[str, dict[str, float]]:
    from kiosk.qt import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        return asyncio.run(_tabs_and_collects(sim, dirs))
    finally:
        del app


def prepare(work: Path) -> tuple[dict[str, Path], Facts, float]:
    """The two data dirs; and how long the year's first open took (the upgrade)."""
    from kiosk.journal import Journal
    from kiosk.journal.backup import back_up, cinema_today

    dirs = {"year": work / "year", "day": work / "day"}
    facts = copy_into(dirs["year"])
    dirs["day"].mkdir()
    write(dirs["day"] / "journal.sqlite3", DAY_TRANSACTIONS)
    upgrade_ms = _timed(lambda: Journal.open(dirs["year"] / "journal.sqlite3").close())
    for data in dirs.values():
        # today's copy, as every start of the day but the first finds it (a launch ends
        # at the doors open, long before a year's copy would be finished)
        with Journal.open(data / "journal.sqlite3") as journal:
            back_up(journal, 7, cinema_today())
    return dirs, facts, upgrade_ms


def _pair(
    figure: str, values: dict[str, float], *, target_ms: bool = False, ratio_target: bool = True
) -> dict[str, Any]:
    """A year/day row; ``ratio_target`` False for a figure of microseconds, whose ratio
    is the depth of a B-tree and says nothing a patron or staff could notice."""
    ratio = values["year"] / values["day"]
    met = (not ratio_target or ratio <= TARGET_RATIO) and (
        not target_ms or values["year"] < TARGET_MS
    )
    wanted = ([f"<= {TARGET_RATIO}x day"] if ratio_target else []) + (
        [f"< {TARGET_MS:.0f} ms"] if target_ms else []
    )
    target = ", ".join(wanted)
    return row(
        figure,
        values["year"],
        reference=values["day"],
        ratio=ratio,
        target=target,
        met=met,
        unit=" ms",
    )


def main() -> None:
    with workdir("journal") as work, SimProcess(work, bookings=2 * (COLLECTS + 1)) as sim:
        dirs, facts, upgrade_ms = prepare(work)
        opened = doors_open(sim, dirs, work)
        recovered = cli(sim, dirs, ["recover"], ok=(3,))  # 3: the open ones need staff
        code = facts.search_codes["pickup code"]
        searched = cli(sim, dirs, ["journal", "--search", code], ok=(0,))
        search = searches(dirs, facts)
        inside = tabs_and_collects(sim, dirs)
        sizes = {name: (d / "journal.sqlite3").stat().st_size / 2**20 for name, d in dirs.items()}
    slowest = max(facts.search_codes, key=lambda what: search["year"][what])
    pick = {name: search[name][slowest] for name in dirs}
    rows = [
        row(
            f"year's journal: {facts.transactions} transactions, {sizes['year']:.0f} MiB "
            f"(reference: a day's, {DAY_TRANSACTIONS}, {sizes['day']:.1f} MiB)",
            facts.transactions,
            reference=DAY_TRANSACTIONS,
        ),
        row(
            "  first open after the upgrade (every migration newer than the released schema)",
            upgrade_ms,
            unit=" ms",
        ),
        _pair("kiosk run: spawn -> doors open", opened),
        _pair("kiosk recover: spawn -> exit", recovered),
        _pair("kiosk journal --search CODE: spawn -> exit", searched),
        _pair(
            f"  the search itself (slowest: {slowest})", pick, target_ms=True, ratio_target=False
        ),
        *(
            row(
                f"    by {what}",
                search["year"][what],
                reference=search["day"][what],
                ratio=search["year"][what] / search["day"][what],
                unit=" ms",
            )
            for what in facts.search_codes
            if what != slowest
        ),
        _pair("admin Recent tab: reload", {n: inside[n]["recent"] for n in dirs}, target_ms=True),
        _pair(
            "admin Attention tab: reload", {n: inside[n]["attention"] for n in dirs}, target_ms=True
        ),
        _pair(
            "one collect's journal calls (2 tickets)",
            {n: inside[n]["collect_journal"] for n in dirs},
        ),
        row(
            "  the collect, code -> confirmed (no injected latency)",
            inside["year"]["collect"],
            reference=inside["day"]["collect"],
            ratio=inside["year"]["collect"] / inside["day"]["collect"],
            unit=" ms",
        ),
    ]
    save_section(
        "journal",
        rows,
        notes=f"year = bench/year_journal.py ({YEAR_TRANSACTIONS} transactions), reference = "
        f"the same generator's {DAY_TRANSACTIONS}; both with the same open collections "
        f"waiting for staff; medians of {LAUNCHES} launches, {CLI_ROUNDS} CLI runs, "
        f"{SEARCH_ROUNDS} searches, {TAB_ROUNDS} tab reloads, {COLLECTS} collects, "
        "alternating the two journals",
    )


if __name__ == "__main__":
    main()
