"""Which way a VISTA seat plan faces, and how it is turned so the screen is on top.

VISTA counts a plan from the top-left of the cinema's own drawing (seed §3.4). In
the seed's hall that drawing has the screen at the bottom: RowIndex 0 is row 7 at
the back, and ColumnIndex 1 is seat 10, so row 7 reads 10 9 8 ... 1 from left to
right as seen from the screen. The kiosk draws the screen at the top, as a patron
standing at the back facing it sees the hall. Turning a drawing upside down is a
rotation, rows *and* columns: flipping the rows alone mirrors it, putting the
seats on a patron's left on the right of the map and the aisle on the wrong side.

``auto`` decides from the data: where the physical row names (numbers, or letters)
fall as RowIndex grows, row 1 is at the bottom of the drawing and the plan is
rotated; where they rise, the screen is at the top already and nothing is turned;
where they say neither (no names, mixed names), the seed's convention holds and
the plan is rotated. ``rotate``, ``flip_rows`` (a cinema whose plans were entered as
a mirror image) and ``none`` override it.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from typing import Literal

from kiosk.domain import SeatArea, SeatPlan
from kiosk.ui.viewmodels import SeatStyle

log = logging.getLogger(__name__)

TurnSetting = Literal["auto", "rotate", "flip_rows", "none"]
Turn = Literal["rotate", "flip_rows", "none"]

# "7", "07", "7排", "A", "AA": a name whose order can be read; anything else says nothing.
_NUMBER = re.compile(r"^\s*(\d{1,4})\s*排?\s*$")
_LETTERS = re.compile(r"^\s*([A-Za-z]{1,2})\s*排?\s*$")


def _rank(name: str | None) -> tuple[str, int] | None:
    """A row name's place in its own kind of sequence, or None if it has none."""
    if not name:
        return None
    if match := _NUMBER.match(name):
        return "number", int(match.group(1))
    if match := _LETTERS.match(name):
        value = 0
        for char in match.group(1).upper():
            value = value * 26 + ord(char) - ord("A") + 1
        return "letter", value
    return None


def facing(plan: SeatPlan) -> Turn | None:
    """``rotate`` when the row names fall as RowIndex grows (row 1 at the bottom of
    VISTA's drawing, nearest the screen), ``none`` when they rise, None when they do
    not say. Each neighbouring pair of named rows in an area casts a vote."""
    falling = rising = 0
    for area in plan.areas:
        ranked: list[tuple[int, tuple[str, int]]] = []
        for row in area.rows:
            rank = _rank(row.physical_name)
            if row.seats and rank is not None:
                ranked.append((row.seats[0].position.row_index, rank))
        ranked.sort()
        for (_, (kind_a, a)), (_, (kind_b, b)) in itertools.pairwise(ranked):
            if kind_a != kind_b or a == b:
                continue
            if b < a:
                falling += 1
            else:
                rising += 1
    if falling > rising:
        return "rotate"
    if rising > falling:
        return "none"
    return None


def resolve(plan: SeatPlan, setting: TurnSetting) -> Turn:
    """The turn in force for this plan under the ``seat_plan_turn`` setting."""
    if setting != "auto":
        return setting
    found = facing(plan)
    if found is None:
        log.info("seat plan row names do not say which way it faces: rotated, as seed 3.4 draws")
        return "rotate"
    return found


@dataclass(frozen=True)
class PlanTurn:
    """Maps a VISTA (row, column) to the drawn one and back: every turn is its own inverse."""

    turn: Turn

    @classmethod
    def of(cls, plan: SeatPlan, setting: TurnSetting = "auto") -> PlanTurn:
        return cls(resolve(plan, setting))

    def row(self, area: SeatArea, row_index: int) -> int:
        if self.turn == "none":
            return row_index
        return area.row_count - 1 - row_index

    def column(self, area: SeatArea, column_index: int) -> int:
        if self.turn == "rotate":
            return area.column_count - 1 - column_index
        return column_index

    def style(self, style: int) -> int:
        """A sofa's left half is on the right once its row is seen from the other side."""
        if self.turn == "rotate" and style == SeatStyle.SOFA_LEFT:
            return SeatStyle.SOFA_RIGHT
        if self.turn == "rotate" and style == SeatStyle.SOFA_RIGHT:
            return SeatStyle.SOFA_LEFT
        return style

    @property
    def screen_at_bottom(self) -> bool:
        """In VISTA's drawing: the areas nearest the screen have the greatest Top."""
        return self.turn != "none"
