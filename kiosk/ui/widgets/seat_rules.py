"""Which seats a patron may hold: the rules, apart from any drawing so they test plainly.

Only free seats; a sofa is taken or released whole; each seat's area category
must be one the chosen ticket types are for; and no more seats per category than
tickets. When a category's tickets are already placed and the patron taps a
seat that fills exactly that many, the selection moves there: with one ticket a
second tap simply moves the seat, which is what people expect.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from kiosk.ui.viewmodels import SeatCell, SeatPlanView, SeatStatus


class Refusal(enum.Enum):
    UNAVAILABLE = enum.auto()
    WRONG_AREA = enum.auto()
    TOO_MANY = enum.auto()
    SOFA_TOO_BIG = enum.auto()


class SeatRules:
    def __init__(self, plan: SeatPlanView, quota: Mapping[str, int]) -> None:
        self._plan = plan
        self._quota = {code: n for code, n in quota.items() if n > 0}
        self._selected: list[SeatCell] = []

    @property
    def selected(self) -> list[SeatCell]:
        """Chosen seats in the order they were tapped."""
        return list(self._selected)

    @property
    def wanted(self) -> int:
        return sum(self._quota.values())

    def is_complete(self) -> bool:
        return all(self._used(code) == need for code, need in self._quota.items())

    def is_selectable(self, key: SeatCell) -> bool:
        seat = self._plan.seat(key)
        return (
            seat is not None
            and seat.area_category_code in self._quota
            and all(self._is_free(k) for k in self.unit(key))
        )

    def unit(self, key: SeatCell) -> tuple[SeatCell, ...]:
        """The seats that go together with ``key``: its whole sofa, or just itself."""
        seat = self._plan.seat(key)
        if seat is None or not seat.is_sofa:
            return (key,)
        return tuple(k for k in seat.group if self._plan.seat(k) is not None)

    def toggle(self, key: SeatCell) -> Refusal | None:
        """Select or release the seat (and its sofa); say why not if it cannot be."""
        seat = self._plan.seat(key)
        if seat is None:
            return Refusal.UNAVAILABLE
        unit = self.unit(key)
        if key in self._selected:
            self._selected = [k for k in self._selected if k not in unit]
            return None
        if not all(self._is_free(k) for k in unit):
            return Refusal.UNAVAILABLE
        code = seat.area_category_code
        need = self._quota.get(code, 0)
        if need == 0:
            return Refusal.WRONG_AREA
        if len(unit) > need:
            return Refusal.SOFA_TOO_BIG
        if self._used(code) + len(unit) > need:
            if len(unit) != need:
                return Refusal.TOO_MANY
            self._selected = [k for k in self._selected if self._category(k) != code]
        self._selected.extend(unit)
        return None

    def clear(self) -> None:
        self._selected = []

    def _is_free(self, key: SeatCell) -> bool:
        seat = self._plan.seat(key)
        return seat is not None and seat.status == SeatStatus.FREE

    def _category(self, key: SeatCell) -> str:
        seat = self._plan.seat(key)
        return seat.area_category_code if seat is not None else ""

    def _used(self, code: str) -> int:
        return sum(1 for k in self._selected if self._category(k) == code)
