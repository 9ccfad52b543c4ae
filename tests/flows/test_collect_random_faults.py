"""Random fault schedules for collections: whatever SARFT and the printer do, in
whatever order, and whoever else starts on the same data dir, no ticket comes out
twice and every confirm owed for tickets on paper is sent once SARFT answers.

Each example draws fault rules for any SARFT operation (0x07 included) and the
printer, runs one collection under them on fresh in-process simulators, heals
the services, lets recovery run, and checks what the virtual printer put on
paper against what SARFT was told. The second test also starts a second kiosk
process on the same data dir while the first is printing.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli.sim import make_world
from kiosk.datadir_lock import EXIT_BUSY, DataDirLock
from kiosk.flows.collect_errors import CollectError
from kiosk.flows.collect_recovery import collect_recoverers
from kiosk.flows.recovery import recover_all
from kiosk.sim.cluster import SimCluster, SimOptions
from kiosk.sim.store import SimBooking
from tests.flows.helpers_collect import (
    Kit,
    collect_kit,
    env_for,
    finished,
    start_kiosk_command,
)

pytestmark = pytest.mark.slow

SARFT_OPS = ["auth", "query", "apply", "confirm"]
SARFT_KINDS = ["hang", "drop_request", "drop_response", "malformed", "code:2", "code:9"]
PRINTER_SHAPES = [
    "printer.print=drop_request",
    "printer.print=drop_response",
    "printer.status=no_reply",
    "printer.status=drop_request",
    "printer.print=latency:150",
]

sarft_rule = st.builds(
    lambda op, kind, times: f"sarft.{op}={kind}:times:{times}",
    st.sampled_from(SARFT_OPS),
    st.sampled_from(SARFT_KINDS),
    st.integers(1, 3),
)
printer_rule = st.one_of(
    st.builds(
        lambda r, times: f"{r}:times:{times}", st.sampled_from(PRINTER_SHAPES), st.integers(1, 2)
    ),
    st.builds(lambda n: f"printer.print=paper_out_after:{n}", st.integers(0, 2)),
)
# confirm faults get their own weight: they are where tickets were printed twice
confirm_rule = st.builds(
    lambda kind, times: f"sarft.confirm={kind}:times:{times}",
    st.sampled_from(SARFT_KINDS),
    st.integers(1, 4),
)
schedules = st.lists(st.one_of(sarft_rule, printer_rule, confirm_rule), max_size=4)


def _on_paper(kit: Kit, booking: SimBooking) -> Counter[str]:
    """How many times each of the booking's ticket codes is on a printed job."""
    texts = ["\n".join(job.lines) for job in kit.virtual_printer.jobs if job.printed]
    return Counter(
        t.ticket_code for t in booking.tickets for text in texts if f"票号 {t.ticket_code}" in text
    )


async def _recover(kit: Kit) -> None:
    for _ in range(2):  # a confirm refused once is owed, and sent on the next pass
        await recover_all(kit.journal, collect_recoverers(kit.flow), owners=kit.flow.owners)


async def _assert_invariant(kit: Kit, booking: SimBooking, rules: list[str]) -> None:
    on_paper = _on_paper(kit, booking)
    assert all(n == 1 for n in on_paper.values()), (rules, on_paper)
    printed_here = {
        p.ticket_code for p in await kit.journal.printed_for_booking(booking.booking_id)
    }
    # the journal says printed only for what is on paper
    assert printed_here <= set(on_paper), (rules, printed_here, on_paper)
    everything = {t.ticket_code for t in booking.tickets}
    if printed_here == everything:
        # every ticket is in the patron's hand: SARFT must have been told, faults healed
        assert booking.print_state == "printed", (rules, booking.print_state)
    if booking.print_state == "printed":
        # SARFT is told only of tickets that came out
        assert set(on_paper) == everything, (rules, on_paper)


async def one_collection(directory: Path, rules: list[str], tickets: int) -> None:
    cluster = SimCluster(make_world(seed=1234), SimOptions(out_dir=directory / "printed"))
    await cluster.start()
    try:
        async with collect_kit(
            cluster, directory, sarft_reply_timeout_s=0.3, printer_timeout_s=0.3
        ) as kit:
            booking = kit.booking(tickets)
            kit.faults(*rules)
            try:
                preview = await kit.flow.lookup(booking.booking_id)
                await kit.flow.print_tickets(preview)
            except CollectError:
                pass
            kit.sim.world.faults.clear()
            await _recover(kit)
            # the patron tries again at the same kiosk once things work
            try:
                preview = await kit.flow.lookup(booking.booking_id)
                await kit.flow.print_tickets(preview)
            except CollectError:
                pass
            await _recover(kit)
            await _assert_invariant(kit, booking, rules)
    finally:
        await cluster.close()


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(rules=schedules, tickets=st.sampled_from([2, 3]))
def test_random_faults_never_print_a_ticket_twice_and_send_every_owed_confirm(
    rules: list[str], tickets: int
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(one_collection(Path(directory), rules, tickets))


async def collection_beside_a_second_process(
    directory: Path, rules: list[str], second: str
) -> None:
    cluster = SimCluster(make_world(seed=1234), SimOptions(out_dir=directory / "printed"))
    await cluster.start()
    try:
        async with collect_kit(
            cluster, directory, sarft_reply_timeout_s=0.3, printer_timeout_s=0.3
        ) as kit:
            booking = kit.booking(3)
            env = env_for(kit.settings)
            # this process is the kiosk: it holds the data dir as ``kiosk run`` does
            lock = DataDirLock.acquire(kit.settings.data_dir, "kiosk run")
            kit.faults("printer.print=latency:300", *rules)
            args = ("recover",) if second == "recover" else ("collect", booking.booking_id)
            other: asyncio.subprocess.Process | None = None

            def start_other(printed: int, total: int) -> None:
                nonlocal other
                if other is None and printed == 1:
                    other = asyncio.ensure_future(start_kiosk_command(env, *args))  # type: ignore[assignment]

            try:
                preview = await kit.flow.lookup(booking.booking_id)
                await kit.flow.print_tickets(preview, on_progress=start_other)
            except CollectError:
                pass
            if other is not None:
                SECOND_STARTED.append(second)
                process = await other  # type: ignore[misc]
                code, out, err = await finished(process)
                # the data dir is ours while this kiosk runs: refused at once, no traceback
                assert code == EXIT_BUSY, (rules, code, out, err)
                assert "Traceback" not in err
            kit.sim.world.faults.clear()
            await _recover(kit)
            lock.release()
            # and once it has gone, whatever the other command does prints nothing again
            code, out, err = await finished(await start_kiosk_command(env, *args))
            assert "Traceback" not in err, err
            await _assert_invariant(kit, booking, rules)
    finally:
        await cluster.close()


SECOND_STARTED: list[str] = []


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    rules=st.lists(st.one_of(confirm_rule, sarft_rule), max_size=2),
    second=st.sampled_from(["recover", "collect"]),
)
def _beside_a_second_process(rules: list[str], second: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(collection_beside_a_second_process(Path(directory), rules, second))


@pytest.mark.e2e
def test_a_second_process_on_the_data_dir_never_prints_a_ticket_twice() -> None:
    SECOND_STARTED.clear()
    _beside_a_second_process()
    # the schedules must not all have stopped the collection before its first ticket
    assert {"recover", "collect"} <= set(SECOND_STARTED), SECOND_STARTED
