"""``kiosk buy --seats``: a seat is named as printed on the ticket (ROW:SEAT), and where
two areas of a hall print the same row and seat (the demo's hall 7: row 4 seat 8 in its
standard and its premium area) the command refuses to guess and asks for the area
(AREA:ROW:SEAT, by number or name); the seat bought is then the one named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.cli.buy import WantedSeat, parse_seats
from kiosk.sim.cluster import SimCluster
from tests.flows.test_purchase_crash import _buy as kiosk_buy
from tests.helpers.sessions import bookable_session

pytestmark = pytest.mark.e2e

HALL_7 = 7
STANDARD, PREMIUM = 1, 2


def test_seats_are_row_seat_or_area_row_seat() -> None:
    assert parse_seats("4:8, 优选区:4:8,2:5:1") == [
        WantedSeat(None, "4", "8"),
        WantedSeat("优选区", "4", "8"),
        WantedSeat("2", "5", "1"),
    ]
    for bad in ("4", "4:", ":8", "1:2:3:4", "4:8,,5:1"):
        with pytest.raises(ValueError, match="is not ROW:SEAT"):
            parse_seats(bad)


async def _buy(sim: SimCluster, data_dir: Path, session_id: str, seats: str) -> tuple[int, str]:
    proc = await kiosk_buy(
        sim, data_dir, "--pay-with-simulator", session_and_seats=(session_id, seats)
    )
    _, err = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, err.decode()


def _sold_areas(sim: SimCluster, session_id: str) -> list[int]:
    return sorted(area for area, _, _ in sim.world.store.sessions[session_id].sold)


async def test_a_label_two_areas_share_is_refused_until_the_area_is_named(
    sim: SimCluster, tmp_path: Path
) -> None:
    session = bookable_session(sim.world.store, screen=HALL_7, ahead=dt.timedelta(days=1))
    hall = sim.world.store.hall_for(session)
    sharing = {
        a.number for a in hall.areas for s in a.seats if (s.row_name, s.seat_id) == ("4", "8")
    }
    assert sharing == {STANDARD, PREMIUM}  # the premise: one label, a seat in each area

    code, err = await _buy(sim, tmp_path, session.session_id, "4:8")
    assert code == 2, err
    assert "more than one area" in err and "普通区" in err and "优选区" in err, err
    assert "Traceback" not in err
    assert _sold_areas(sim, session.session_id) == []
    assert sim.world.store.locked_seats(session.session_id) == {}  # nothing was locked

    code, err = await _buy(sim, tmp_path, session.session_id, "优选区:4:8")
    assert code == 0, err
    assert _sold_areas(sim, session.session_id) == [PREMIUM]

    code, err = await _buy(sim, tmp_path, session.session_id, "1:4:8")
    assert code == 0, err
    assert _sold_areas(sim, session.session_id) == [STANDARD, PREMIUM]


async def test_an_area_without_that_seat_is_no_seat(sim: SimCluster, tmp_path: Path) -> None:
    session = bookable_session(sim.world.store, screen=HALL_7, ahead=dt.timedelta(days=1))
    code, err = await _buy(sim, tmp_path, session.session_id, "Premium:1:1")
    assert code == 2, err
    assert "no seat Premium:1:1 in this hall" in err, err
    assert _sold_areas(sim, session.session_id) == []
