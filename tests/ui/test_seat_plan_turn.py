"""The seat plan is turned, not mirrored: the seed's own 7-row hall, seen from the back.

Seed §3.4: row 1 is at the bottom of VISTA's drawing, nearest the screen; (0,0) is
the top-left (an aisle); RowIndex 0 is row 7 and ColumnIndex 1, 2 are its seats 10
and 9. Seen from the screen, row 7 reads 10 9 8 ... 1 from left to right; a patron
at the back facing the screen sees row 1 just under it and seat 1 on the left.
"""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.connect import mapping
from kiosk.connect.models import SeatPlan as WireSeatPlan
from kiosk.domain import SeatPlan
from kiosk.flows.purchase import SeatKey
from kiosk.ui.controllers.adapters import flow_seat, seat_plan_view
from kiosk.ui.controllers.plan_turn import facing
from kiosk.ui.viewmodels import SeatPlanView, SeatStyle
from kiosk.ui.widgets.seat_map import SeatMap

from .conftest import Host

pytestmark = pytest.mark.ui

ROWS, COLUMNS = 7, 12


def _seed_hall(
    names: list[str] | None = None, *, sofa_row: int | None = None, top: int = 0
) -> dict[str, Any]:
    """The seed's 一号厅: 7 rows x 12 columns, seats at columns 1-10, numbered from the
    right of the drawing (ColumnIndex 1 is seat 10); RowIndex 0 is row 7."""
    names = names or [str(ROWS - r) for r in range(ROWS)]
    rows = []
    for r in range(ROWS):
        seats = []
        for c in range(1, 11):
            seat: dict[str, Any] = {
                "Id": str(11 - c),
                "Position": {"AreaNumber": 1, "ColumnIndex": c, "RowIndex": r},
                "SeatStyle": 0,
                "Status": 0,
            }
            if r == sofa_row and c in (1, 2):
                # SofaLeft at the drawing's left (ColumnIndex 1), SofaRight beside it
                seat["SeatStyle"] = SeatStyle.SOFA_LEFT if c == 1 else SeatStyle.SOFA_RIGHT
                seat["SeatsInGroup"] = [
                    {"AreaNumber": 1, "ColumnIndex": 1, "RowIndex": r},
                    {"AreaNumber": 1, "ColumnIndex": 2, "RowIndex": r},
                ]
            seats.append(seat)
        rows.append({"PhysicalName": names[r], "Seats": seats})
    return {
        "AreaCategoryCode": "0000000001",
        "ColumnCount": COLUMNS,
        "Description": "一号厅",
        "Number": 1,
        "RowCount": ROWS,
        "Top": top,
        "Rows": rows,
    }


def _plan(**kwargs: Any) -> SeatPlan:
    # the seed's hall as Connect sends it, into the kiosk's types as the client maps it
    return mapping.seat_plan(WireSeatPlan.model_validate({"Areas": [_seed_hall(**kwargs)]}))


def _rows_as_read(view: SeatPlanView) -> list[tuple[str, list[str]]]:
    """Each drawn row from the screen backwards: its name, then its seats left to right."""
    area = view.areas[0]
    return [
        (row.physical_name, [s.seat_id for s in sorted(row.seats, key=lambda s: s.key[2])])
        for row in sorted(area.rows, key=lambda r: r.row_index)
    ]


ONE_TO_TEN = [str(n) for n in range(1, 11)]
TEN_TO_ONE = ONE_TO_TEN[::-1]


def test_the_seeds_hall_faces_the_bottom_and_is_rotated() -> None:
    plan = _plan()
    assert facing(plan) == "rotate"
    rows = _rows_as_read(seat_plan_view(plan))
    assert [name for name, _ in rows] == ["1", "2", "3", "4", "5", "6", "7"]
    # row 1 under the screen, seat 1 on the patron's left; row 7 the same way round
    assert rows[0] == ("1", ONE_TO_TEN)
    assert rows[-1] == ("7", ONE_TO_TEN)


def test_the_seeds_own_seats_map_back_to_their_vista_positions() -> None:
    """Row 7 seat 10 is (0, 1) and seat 9 is (0, 2), as the seed's AddTickets says."""
    plan = _plan()
    view = seat_plan_view(plan)
    seven = {
        s.seat_id: s.key for r in view.areas[0].rows if r.physical_name == "7" for s in r.seats
    }
    assert flow_seat(plan, seven["10"]) == SeatKey(1, 0, 1)
    assert flow_seat(plan, seven["9"]) == SeatKey(1, 0, 2)
    for setting in ("auto", "rotate", "flip_rows", "none"):
        turned = seat_plan_view(plan, turn=setting)
        for seat in turned.seats():
            vista = flow_seat(plan, seat.key, setting)
            row, column = vista.row_index, vista.column_index
            original = next(
                s
                for a in plan.areas
                for r in a.rows
                for s in r.seats
                if (s.position.row_index, s.position.column_index) == (row, column)
            )
            assert original.seat_id == seat.seat_id, setting


@pytest.mark.parametrize(
    ("setting", "front", "front_seats"),
    [
        ("rotate", "1", ONE_TO_TEN),
        # today's behaviour, for a cinema whose plans were entered as a mirror image
        ("flip_rows", "1", TEN_TO_ONE),
        ("none", "7", TEN_TO_ONE),
    ],
)
def test_each_turn_setting_overrides_the_data(
    setting: str, front: str, front_seats: list[str]
) -> None:
    rows = _rows_as_read(seat_plan_view(_plan(), turn=setting))  # type: ignore[arg-type]
    assert rows[0] == (front, front_seats)


def test_names_that_rise_down_the_drawing_mean_the_screen_is_on_top_already() -> None:
    plan = _plan(names=[str(r + 1) for r in range(ROWS)])
    assert facing(plan) == "none"
    rows = _rows_as_read(seat_plan_view(plan))
    assert rows[0] == ("1", TEN_TO_ONE)


def test_letter_rows_are_read_too() -> None:
    falling = _plan(names=list("GFEDCBA"))
    assert facing(falling) == "rotate"
    assert _rows_as_read(seat_plan_view(falling))[0] == ("A", ONE_TO_TEN)
    assert facing(_plan(names=list("ABCDEFG"))) == "none"


def test_names_that_say_nothing_keep_the_seeds_convention() -> None:
    plan = _plan(names=["VIP", "", "后区", "中区", "X1", "前区", "?"])
    assert facing(plan) is None
    assert _rows_as_read(seat_plan_view(plan))[0][1] == ONE_TO_TEN


def test_a_sofa_swaps_its_halves_with_the_rotation() -> None:
    plan = _plan(sofa_row=0)  # row 7, seats 10 (SofaLeft) and 9 (SofaRight)
    rotated = seat_plan_view(plan)
    sofa = {s.seat_id: s for s in rotated.seats() if s.is_sofa}
    # seen from the back, seat 9 is now on the left of seat 10
    assert sofa["9"].key[2] < sofa["10"].key[2]
    assert sofa["9"].style == SeatStyle.SOFA_LEFT
    assert sofa["10"].style == SeatStyle.SOFA_RIGHT
    assert set(sofa["9"].group) == {sofa["9"].key, sofa["10"].key}
    kept = {s.seat_id: s for s in seat_plan_view(plan, turn="flip_rows").seats() if s.is_sofa}
    assert kept["10"].style == SeatStyle.SOFA_LEFT


def test_the_map_draws_row_1_under_the_screen_and_seat_1_on_the_left(
    qtbot: object, host: Host
) -> None:
    view = seat_plan_view(_plan())
    seat_map = SeatMap()
    host(seat_map, 1400, 900)
    seat_map.set_plan(view, {"0000000001": 1})
    by_name = {(s.row_name, s.seat_id): seat_map.canvas.seat_rect(s.key) for s in view.seats()}
    drawn = [key for key, rect in sorted(by_name.items(), key=lambda kv: (kv[1].y(), kv[1].x()))]
    assert drawn[0] == ("1", "1")  # the top-left seat on screen
    assert drawn[9] == ("1", "10")
    assert drawn[-1] == ("7", "10")
