"""The browsing catalog: cached per seed §2.1, the last good copy kept through failures,
and ticket types plus seat plan fetched fresh and in parallel before a seat lock."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.connect.errors import ConnectError, ConnectResultError
from kiosk.flows.catalog import Catalog, CatalogConfig
from tests.flows.helpers_purchase import Kit, running_kit


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path, timeout_s=0.5) as ready:
        yield ready


async def test_films_are_cached_until_their_ttl(kit: Kit) -> None:
    catalog = kit.catalog()
    first = await catalog.films()
    kit.faults("connect.GetNowShowingScheduledFilms=http500")
    assert await catalog.films() == first  # within 20 minutes: no call at all
    kit.clock.advance(21 * 60)
    assert await catalog.films() == first  # refresh failed: the previous copy stays
    kit.world.faults.clear()
    assert await catalog.films(fresh=True)


async def test_a_refresh_that_times_out_or_is_empty_keeps_the_previous_copy(kit: Kit) -> None:
    catalog = kit.catalog()
    session = kit.session()
    types = await catalog.ticket_types(session.session_id)
    kit.faults("connect.GetTicketsForSession=hang")
    assert await catalog.ticket_types(session.session_id, fresh=True) == types
    kit.world.faults.clear()
    kit.store.sessions[session.session_id].ticket_types = []
    assert await catalog.ticket_types(session.session_id, fresh=True) == types


async def test_nothing_cached_and_connect_down_is_an_error(kit: Kit) -> None:
    kit.faults("connect.GetTicketsForSession=http500")
    with pytest.raises(ConnectError):
        await kit.catalog().ticket_types(kit.session().session_id)


async def test_session_lookup_finds_a_session_in_the_films(kit: Kit) -> None:
    session = kit.session()
    found = await kit.catalog().session(session.session_id)
    assert found is not None and found[1].session_id == session.session_id
    assert await kit.catalog().session("99999") is None


async def test_before_lock_fetches_fresh_and_in_parallel(tmp_path: Path) -> None:
    async with running_kit(tmp_path, timeout_s=5.0) as kit:  # the reads must not time out
        await _fetches_fresh_and_in_parallel(kit)


async def _fetches_fresh_and_in_parallel(kit: Kit) -> None:
    catalog: Catalog = kit.catalog()
    session = kit.session()
    await catalog.before_lock(session.session_id)
    kit.store.sessions[session.session_id].ticket_types[0].price_fen += 100
    # Each read waits 400 ms at the server: one after the other takes at least 800 ms,
    # side by side about 400 ms, a margin no load on a shared machine closes.
    kit.faults("connect.GetTicketsForSession=latency:400", "connect.GetSessionSeatPlan=latency:400")
    started = time.perf_counter()
    types, plan = await catalog.before_lock(session.session_id)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.75, f"{elapsed:.2f} s: the two reads ran one after the other"
    assert types[0].price_fen == kit.store.sessions[session.session_id].ticket_types[0].price_fen
    assert plan.areas


async def test_only_the_latest_seat_plans_are_kept(kit: Kit) -> None:
    """A kiosk runs for months: the sessions patrons looked at do not stay cached for good
    (the fallback copy is kept for the latest few)."""
    catalog = Catalog(kit.connect, kit.clock, config=CatalogConfig(seat_plans_kept=2))
    sessions = [kit.session(index=n) for n in range(3)]
    plans = [await catalog.seat_plan(s.session_id) for s in sessions]
    kit.faults("connect.GetSessionSeatPlan=http500")
    for session, plan in list(zip(sessions, plans, strict=True))[1:]:
        assert await catalog.seat_plan(session.session_id) == plan  # kept: the copy stands
    with pytest.raises(ConnectError):
        await catalog.seat_plan(sessions[0].session_id)  # the oldest was let go


async def test_connects_refusal_on_a_refresh_is_told_not_hidden_by_the_cached_copy(
    kit: Kit,
) -> None:
    """A result code is Connect's considered answer (the session is gone, sold out): the
    copy from before it would sell what Connect just refused."""
    catalog = kit.catalog()
    session = kit.session()
    assert await catalog.ticket_types(session.session_id)
    kit.faults("connect.GetTicketsForSession=code:50")
    with pytest.raises(ConnectResultError) as refused:
        await catalog.ticket_types(session.session_id, fresh=True)
    assert refused.value.result_code == 50


async def test_cached_ticket_types_are_the_fresh_copy_or_none(kit: Kit) -> None:
    catalog = kit.catalog()
    session = kit.session()
    assert catalog.cached_ticket_types(session.session_id) is None  # never asks Connect
    types = await catalog.ticket_types(session.session_id)
    assert catalog.cached_ticket_types(session.session_id) == types
    kit.clock.advance(24 * 3600)
    assert catalog.cached_ticket_types(session.session_id) is None  # past its ttl
