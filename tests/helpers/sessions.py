"""The session a test buys in, picked from the simulators' store one way.

The demo world has sessions a purchase cannot use on purpose (Connect's sold out and
private, 67), and its online bookings sell seats in some sessions, which ones
depending on the hour the test runs; a test picking "the next session" by hand
passed at some hours and failed at others.
"""

from __future__ import annotations

import datetime as dt

from kiosk.sim.store import FREE, SimSession, SimStore

DEMO_CINEMA = "0200"


def bookable_session(
    store: SimStore,
    *,
    screen: int | None = 1,
    ahead: dt.timedelta = dt.timedelta(hours=1),
    index: int = 0,
    after: dt.datetime | None = None,
) -> SimSession:
    """The demo cinema's ``index``-th session (earliest first) starting more than
    ``ahead`` after the store's clock (or after ``after``, for a test that picks its
    sessions against the hour its world was built for, however far its clock has
    moved since), in hall ``screen`` (None: any hall), that Connect sells with every
    seat free: not marked sold out, not private, no seat sold yet."""
    earliest = store.clock() + ahead if after is None else after
    candidates = sorted(
        (
            s
            for s in store.sessions.values()
            if s.cinema_id == DEMO_CINEMA
            and (screen is None or s.screen_number == screen)
            and s.showtime > earliest
            and not (s.marked_sold_out or s.private or s.sold)
        ),
        key=lambda s: (s.showtime, s.session_id),
    )
    return candidates[index]


def seats_for_kiosk_buy(store: SimStore, count: int = 2) -> tuple[str, str]:
    """A session tomorrow in hall 1 and ``count`` of its free seats, as ``kiosk buy
    --session ID --seats ROW:SEAT,...`` takes them."""
    session = bookable_session(store, ahead=dt.timedelta(days=1))
    seats = [s for s in store.hall_for(session).all_seats() if s.status == FREE][:count]
    return session.session_id, ",".join(f"{s.row_name}:{s.seat_id}" for s in seats)
