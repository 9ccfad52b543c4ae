"""The catalog patrons browse: films, sessions, ticket types and seat plans, cached.

Seed §2.1 asks third parties to spare Connect: films every 20 minutes to a day,
sessions, ticket types and seat plans every 15 to 30 minutes, and ticket types
and seat plan fresh before every seat lock. A refresh that times out or comes
back empty keeps the previous copy, so a hiccup at Connect does not empty the
kiosk's screens.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sized
from dataclasses import dataclass
from typing import Generic, TypeVar

from kiosk.domain import Film, SeatPlan, Session, TicketType
from kiosk.errors import CONNECT_UNANSWERED, KioskError
from kiosk.flows.ports import Clock, ConnectPort

log = logging.getLogger(__name__)

V = TypeVar("V", bound=Sized)


@dataclass(frozen=True)
class CatalogConfig:
    films_ttl_s: float = 20 * 60
    session_data_ttl_s: float = 15 * 60  # ticket types and seat plans
    # Copies kept per kind, the latest stored: a kiosk runs for months and every
    # session a patron looked at would otherwise stay cached for good (a seat plan is
    # some 6,000 objects: the soak's RSS grew with every session it sold out).
    ticket_types_kept: int = 64
    seat_plans_kept: int = 8


@dataclass
class _Entry(Generic[V]):
    value: V
    fetched_at: dt.datetime


class _Cache(Generic[V]):
    """One kind of cached answer, by key; keeps the last good copy through failures."""

    def __init__(self, name: str, clock: Clock, ttl_s: float, kept: int | None = None) -> None:
        self.name = name
        self._clock = clock
        self._ttl = dt.timedelta(seconds=ttl_s)
        self._kept = kept  # None: every key (the films have one)
        self._entries: dict[str, _Entry[V]] = {}

    def peek(self, key: str) -> V | None:
        """The cached answer, if one is still fresh; never fetches."""
        entry = self._entries.get(key)
        if entry is not None and self._clock.now() - entry.fetched_at < self._ttl:
            return entry.value
        return None

    async def get(self, key: str, fetch: Callable[[], Awaitable[V]], fresh: bool = False) -> V:
        entry = self._entries.get(key)
        now = self._clock.now()
        if entry is not None and not fresh and now - entry.fetched_at < self._ttl:
            return entry.value
        try:
            value = await fetch()
        except KioskError as exc:
            # Connect's considered answer (sold out, unknown session) is not a hiccup
            if entry is None or exc.error_code not in CONNECT_UNANSWERED:
                raise
            log.warning("%s %s: refresh failed (%s); keeping the cached copy", self.name, key, exc)
            return entry.value
        if len(value) == 0 and entry is not None:
            log.warning("%s %s: refresh came back empty; keeping the cached copy", self.name, key)
            return entry.value
        self._entries.pop(key, None)  # stored last, so dropped last
        self._entries[key] = _Entry(value, now)
        while self._kept is not None and len(self._entries) > self._kept:
            del self._entries[next(iter(self._entries))]
        return value


class _Plan:
    """A seat plan is Sized by its areas, so an empty layout counts as "came back empty"."""

    def __init__(self, plan: SeatPlan) -> None:
        self.plan = plan

    def __len__(self) -> int:
        return len(self.plan.areas)


class Catalog:
    """Cached reads for browsing; ``before_lock`` for the fresh copies a seat lock needs."""

    def __init__(
        self,
        connect: ConnectPort,
        clock: Clock,
        cinema_id: str | None = None,
        config: CatalogConfig | None = None,
    ) -> None:
        config = config or CatalogConfig()
        self._connect = connect
        self._cinema_id = cinema_id
        self._films: _Cache[list[Film]] = _Cache("films", clock, config.films_ttl_s)
        self._types: _Cache[list[TicketType]] = _Cache(
            "ticket types", clock, config.session_data_ttl_s, config.ticket_types_kept
        )
        self._plans: _Cache[_Plan] = _Cache(
            "seat plan", clock, config.session_data_ttl_s, config.seat_plans_kept
        )

    async def films(self, fresh: bool = False) -> list[Film]:
        """Films now showing with their sessions."""
        return await self._films.get(
            "now_showing",
            lambda: self._connect.get_now_showing_scheduled_films(self._cinema_id),
            fresh,
        )

    async def session(self, session_id: str) -> tuple[Film, Session] | None:
        """The film and session with this id, from the cached films (refreshed once if
        the id is not there: it may be a session added since)."""
        for fresh in (False, True):
            for film in await self.films(fresh=fresh):
                for session in film.sessions:
                    if session.session_id == session_id:
                        return film, session
        return None

    async def ticket_types(self, session_id: str, fresh: bool = False) -> list[TicketType]:
        return await self._types.get(
            session_id,
            lambda: self._connect.get_tickets_for_session(session_id, self._cinema_id),
            fresh,
        )

    def cached_ticket_types(self, session_id: str) -> list[TicketType] | None:
        """The ticket types :meth:`ticket_types` would answer at once, without asking
        Connect; None when it would have to ask."""
        return self._types.peek(session_id)

    async def seat_plan(self, session_id: str, fresh: bool = True) -> SeatPlan:
        async def fetch() -> _Plan:
            return _Plan(await self._connect.get_session_seat_plan(session_id, self._cinema_id))

        return (await self._plans.get(session_id, fetch, fresh)).plan

    async def before_lock(self, session_id: str) -> tuple[list[TicketType], SeatPlan]:
        """Ticket types and seat plan, both fetched fresh and at the same time (seed §2.1)."""
        return await asyncio.gather(
            self.ticket_types(session_id, fresh=True), self.seat_plan(session_id, fresh=True)
        )
