"""The session finder passes over every session a purchase cannot use, at any hour."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk.sim.demo_data import build_demo_store
from kiosk.sim.store import FREE, SimStore
from tests.helpers.clock import FakeClock
from tests.helpers.sessions import DEMO_CINEMA, bookable_session, seats_for_kiosk_buy

NOW = dt.datetime(2030, 5, 1, 2, 0, tzinfo=dt.UTC)


def _store() -> SimStore:
    store = build_demo_store(seed=7, now=NOW)
    store.clock = FakeClock(NOW)
    return store


def _in_hall_1(store: SimStore) -> list[str]:
    """Hall 1's sessions of the demo cinema, earliest first, whatever they are."""
    return [
        s.session_id
        for s in sorted(store.sessions.values(), key=lambda s: (s.showtime, s.session_id))
        if s.cinema_id == DEMO_CINEMA and s.screen_number == 1
    ]


def test_a_bookable_session_is_on_sale_with_every_seat_free() -> None:
    store = _store()
    session = bookable_session(store)
    assert session.cinema_id == DEMO_CINEMA and session.screen_number == 1
    assert session.showtime > NOW + dt.timedelta(hours=1)
    assert not (session.marked_sold_out or session.private or session.sold)
    assert not store.sales_closed(session)


@pytest.mark.parametrize("special", ["marked_sold_out", "private", "a_seat_sold", "too_soon"])
def test_the_next_session_is_passed_over_when_it_cannot_be_bought(special: str) -> None:
    store = _store()
    first = store.sessions[bookable_session(store).session_id]
    if special == "a_seat_sold":  # an online booking landed in it
        first.sold.add(next(s.key for s in store.hall_for(first).all_seats() if s.status == FREE))
    elif special == "too_soon":
        store.clock = FakeClock(first.showtime - dt.timedelta(minutes=30))
    else:
        store.sessions[first.session_id] = dataclasses.replace(first, **{special: True})
    chosen = bookable_session(store)
    assert chosen.session_id != first.session_id
    assert _in_hall_1(store).index(chosen.session_id) > _in_hall_1(store).index(first.session_id)


def test_screen_index_and_ahead_choose_among_them() -> None:
    store = _store()
    second = bookable_session(store, index=1)
    assert second.showtime >= bookable_session(store).showtime
    assert bookable_session(store, screen=3).screen_number == 3
    assert bookable_session(store, ahead=dt.timedelta(days=1)).showtime > NOW + dt.timedelta(days=1)


def test_seats_for_kiosk_buy_names_free_seats_of_a_session_tomorrow() -> None:
    store = _store()
    session_id, seats = seats_for_kiosk_buy(store, count=3)
    session = store.sessions[session_id]
    assert session.showtime > NOW + dt.timedelta(days=1)
    free = {
        f"{s.row_name}:{s.seat_id}"
        for s in store.hall_for(session).all_seats()
        if s.status == FREE and s.key not in session.sold
    }
    assert len(seats.split(",")) == 3 and set(seats.split(",")) <= free


def test_after_anchors_the_choice_however_far_the_clock_has_moved() -> None:
    store = _store()
    tomorrow = bookable_session(store, ahead=dt.timedelta(days=1))
    store.clock = FakeClock(NOW + dt.timedelta(hours=30))  # flows slept; bills were made
    again = bookable_session(store, after=NOW + dt.timedelta(days=1))
    assert again.session_id == tomorrow.session_id
    assert bookable_session(store, ahead=dt.timedelta(days=1)).showtime > again.showtime
