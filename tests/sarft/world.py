"""A tiny cinema world for SARFT tests: one cinema, one film, one hall, one session.

Built directly from the store dataclasses so these tests do not depend on the
demo data. The booking mirrors the seed's example (取票码 WQNX8JL, booking
number 111972) with two seats in row 7.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kiosk.sim.store import (
    Area,
    Hall,
    OrderLine,
    SimBooking,
    SimCinema,
    SimFilm,
    SimSeat,
    SimSession,
    SimStore,
    SimTicketType,
)
from kiosk.sim.world import SimWorld
from tests.helpers.clock import FakeClock

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2015, 8, 6, 10, 0, tzinfo=SHANGHAI)
SHOWTIME = dt.datetime(2015, 8, 6, 10, 50, tzinfo=SHANGHAI)
RUN_TIME_MIN = 131
AREA_CODE = "0000000001"


@dataclass
class SarftWorld:
    world: SimWorld
    clock: FakeClock
    booking: SimBooking  # two seats, unprinted: WQNX8JL / 111972
    refunded: SimBooking  # one seat, refunded
    session: SimSession


def build_world(seed: int | None = None) -> SarftWorld:
    """``seed`` makes the ticket codes the same every time (recorded captures)."""
    clock = FakeClock(NOW)
    store = SimStore(clock=clock, rng=random.Random(seed))
    store.cinemas["0200"] = SimCinema(
        cinema_id="0200",
        national_id="31070901",
        name="测试影城",
        name_en="Test Cinema",
        phone="021-00000000",
        email=None,
        address="上海市测试路1号",
        city="上海",
    )
    store.films["HO00012501"] = SimFilm(
        film_id="HO00012501",
        title="重返20岁",
        title_en="20 Once Again",
        short_code="051100872015",
        run_time_min=RUN_TIME_MIN,
        rating="G",
        synopsis="",
    )
    seats = [SimSeat(1, AREA_CODE, 6, column, "7", str(column + 1)) for column in range(9, 12)]
    area = Area(1, AREA_CODE, "普通区", "Standard", row_count=10, column_count=12, seats=seats)
    store.halls[("0200", 1)] = Hall(1, "1号厅", "Hall 1", "3107090101", areas=[area])
    adult = SimTicketType("0056", "成人票", "Adult", AREA_CODE, price_fen=4500, service_fee_fen=300)
    session = SimSession(
        session_id="29617",
        cinema_id="0200",
        film_id="HO00012501",
        screen_number=1,
        showtime=SHOWTIME,
        attributes=[],
        ticket_types=[adult],
    )
    store.sessions[session.session_id] = session
    booking = store.create_booking(
        session,
        [OrderLine("0056", 4500, (1, 6, 9)), OrderLine("0056", 4500, (1, 6, 10))],
        user_session_id=None,
        booking_id="WQNX8JL",
        online=True,
    )
    refunded = store.create_booking(
        session, [OrderLine("0056", 4500, (1, 6, 11))], user_session_id=None, booking_id="WREFUND"
    )
    store.refund_booking(refunded)
    return SarftWorld(SimWorld(store), clock, booking, refunded, session)
