"""Seat choice rules, hit-testing, zoom and big-hall performance of the seat map."""

from __future__ import annotations

import time

import pytest

from kiosk.qt import QEvent, QPointF, Qt
from kiosk.ui.screens.seats import SeatsScreen
from kiosk.ui.viewmodels import SeatStatus
from kiosk.ui.widgets.seat_map import MIN_SEAT_MM, ZOOM_SEAT_MM, Panel, SeatMap
from kiosk.ui.widgets.seat_rules import Refusal, SeatRules
from tests.helpers.qt_events import EventCount

from .conftest import Host
from .samples import COUPLE, NORMAL, plan

pytestmark = pytest.mark.ui

HALL = plan(10, 16, sofa_rows=1, aisle=8)


def _first(status: int, category: str = NORMAL) -> tuple[int, int, int]:
    return next(
        s.key
        for s in HALL.seats()
        if s.status == status and s.area_category_code == category and not s.is_sofa
    )


def test_only_free_seats_can_be_chosen() -> None:
    rules = SeatRules(HALL, {NORMAL: 2})
    for status in (
        SeatStatus.SOLD,
        SeatStatus.HOUSE,
        SeatStatus.WHEELCHAIR,
        SeatStatus.BROKEN,
        SeatStatus.SPECIAL_HOLD,
    ):
        assert rules.toggle(_first(status)) is Refusal.UNAVAILABLE, status
    assert rules.selected == []
    free = _first(SeatStatus.FREE)
    assert rules.toggle(free) is None
    assert rules.selected == [free]
    assert rules.toggle(free) is None
    assert rules.selected == []


def test_sofa_is_chosen_and_released_whole() -> None:
    rules = SeatRules(HALL, {COUPLE: 2})
    left = next(s for s in HALL.seats() if s.is_sofa and s.status == SeatStatus.FREE)
    assert rules.toggle(left.key) is None
    assert sorted(rules.selected) == sorted(left.group)
    assert rules.is_complete()
    assert rules.toggle(left.group[1]) is None
    assert rules.selected == []


def test_sofa_needs_enough_tickets_and_sold_sofa_is_refused() -> None:
    one = SeatRules(HALL, {COUPLE: 1})
    sofa = next(s for s in HALL.seats() if s.is_sofa and s.status == SeatStatus.FREE)
    assert one.toggle(sofa.key) is Refusal.SOFA_TOO_BIG
    sold = next(s for s in HALL.seats() if s.is_sofa and s.status == SeatStatus.SOLD)
    assert SeatRules(HALL, {COUPLE: 2}).toggle(sold.key) is Refusal.UNAVAILABLE


def test_seat_must_match_the_ticket_types_area_category() -> None:
    rules = SeatRules(HALL, {COUPLE: 2})
    assert rules.toggle(_first(SeatStatus.FREE, NORMAL)) is Refusal.WRONG_AREA
    normal_only = SeatRules(HALL, {NORMAL: 1})
    sofa = next(s for s in HALL.seats() if s.is_sofa and s.status == SeatStatus.FREE)
    assert normal_only.toggle(sofa.key) is Refusal.WRONG_AREA


def test_count_is_limited_and_single_seat_moves() -> None:
    free = [s.key for s in HALL.seats() if s.status == SeatStatus.FREE and not s.is_sofa]
    two = SeatRules(HALL, {NORMAL: 2})
    assert two.toggle(free[0]) is None
    assert not two.is_complete()
    assert two.toggle(free[1]) is None
    assert two.is_complete()
    assert two.toggle(free[2]) is Refusal.TOO_MANY
    assert two.selected == free[:2]
    one = SeatRules(HALL, {NORMAL: 1})
    one.toggle(free[0])
    assert one.toggle(free[5]) is None
    assert one.selected == [free[5]]


def test_tap_on_a_drawn_seat_selects_it_and_signals(qtbot: object, host: Host) -> None:
    seat_map = SeatMap()
    host(seat_map, 1000, 900)
    seat_map.set_plan(HALL, {NORMAL: 2})
    key = _first(SeatStatus.FREE)
    centre = seat_map.canvas.seat_rect(key).center().toPoint()
    with qtbot.waitSignal(seat_map.selectionChanged) as blocker:  # type: ignore[attr-defined]
        qtbot.mouseClick(seat_map.canvas, Qt.MouseButton.LeftButton, pos=centre)  # type: ignore[attr-defined]
    assert blocker.args == [[key]]
    sold = _first(SeatStatus.SOLD)
    sold_centre = seat_map.canvas.seat_rect(sold).center().toPoint()
    with qtbot.waitSignal(seat_map.refused) as refused:  # type: ignore[attr-defined]
        qtbot.mouseClick(seat_map.canvas, Qt.MouseButton.LeftButton, pos=sold_centre)  # type: ignore[attr-defined]
    assert refused.args == [Refusal.UNAVAILABLE]
    cell = seat_map.canvas.cell_px
    assert seat_map.canvas.seat_at(QPointF(8.5 * cell, 0.5 * cell)) is None  # the aisle
    assert seat_map.canvas.seat_at(QPointF(-1, -1)) is None


def test_zoom_buttons_and_pinch_scale_within_limits(qtbot: object, host: Host) -> None:
    seat_map = SeatMap()
    host(seat_map, 1000, 800)
    seat_map.set_panel(Panel.from_diagonal(546.0, 1920, 1080))  # 21.5-inch 1080p
    seat_map.set_plan(plan(20, 30), {NORMAL: 1})
    touch = seat_map.touch_cell_px()
    # 30 seats across do not fit 1000 px at 15 mm: the plan opens at the touch size
    assert not seat_map.fits()
    assert seat_map.canvas.cell_px == pytest.approx(touch)
    assert seat_map.seat_mm() == pytest.approx(MIN_SEAT_MM)
    seat_map.zoom_in()
    assert seat_map.canvas.cell_px == pytest.approx(touch * SeatMap.ZOOM_STEP)
    for _ in range(10):
        seat_map.zoom_in()
    assert seat_map.zoom == pytest.approx(seat_map.max_zoom)
    assert seat_map.seat_mm() == pytest.approx(ZOOM_SEAT_MM)
    seat_map.set_zoom(0.2)  # as far out as it goes: the whole hall
    assert seat_map.zoom == 1.0
    fit = seat_map.canvas.cell_px
    seat_map._on_pinch(2.0, QPointF(100, 100))
    assert seat_map.canvas.cell_px == pytest.approx(fit * 2.0)


@pytest.mark.parametrize(("rows", "cols"), [(4, 5), (20, 22), (34, 30)])
def test_halls_from_20_to_1000_seats_build_and_paint_fast(
    qtbot: object, host: Host, rows: int, cols: int
) -> None:
    hall = plan(rows, cols)
    seat_map = SeatMap()
    host(seat_map, 1000, 1200)
    started = time.perf_counter()
    seat_map.set_plan(hall, {NORMAL: 4})
    image = seat_map.canvas.grab()
    elapsed = time.perf_counter() - started
    assert len(hall) >= rows * cols - 1
    assert not image.isNull()
    assert elapsed < 1.0, f"{len(hall)} seats took {elapsed:.2f}s"
    # One painted widget, whatever the hall size: no widget per seat.
    assert seat_map.canvas.children() == []


def test_a_tap_on_the_seats_screen_measures_the_status_box_no_more(
    qtbot: object, host: Host
) -> None:
    """The status box keeps the height of the longest thing it may say; that is the
    same before and after a tap, and measuring it re-styles a probe label once a text
    (3-6 ms a tap). The status line itself is re-styled only when its role changes."""
    screen = SeatsScreen()
    host(screen, 1080, 1920)
    hall = plan(8, 12)
    screen.set_plan(hall, {NORMAL: 2})
    height = screen._status_box.height()
    changes = EventCount(QEvent.Type.StyleChange)
    screen._probe.installEventFilter(changes)
    screen._status.installEventFilter(changes)
    free = [s for s in hall.seats() if s.status == SeatStatus.FREE and not s.is_sofa]
    for seat in free[:2]:
        screen.seat_map.toggle(seat.key)
    assert changes.seen == 0
    assert screen._status_box.height() == height
    assert screen.seat_map.toggle(free[2].key) is Refusal.TOO_MANY  # a refusal: a new role
    assert changes.seen == 1


def test_the_kept_picture_paints_what_painting_afresh_does(
    qtbot: object, host: Host, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The canvas keeps the seats it painted (and paints the part in view ahead, while
    hidden): what a kept picture shows after seats are chosen and let go is what a
    canvas that keeps nothing paints."""
    import kiosk.ui.widgets.seat_map as seat_map

    def shown(keep: bool) -> bytes:
        monkeypatch.setattr(seat_map, "PICTURE_MAX_PX", 6_000_000 if keep else 0)
        seats = SeatMap()
        host(seats, 900, 700)
        seats.set_plan(HALL, {NORMAL: 2})
        seats.prepare()
        free = [s.key for s in HALL.seats() if s.status == SeatStatus.FREE and not s.is_sofa]
        seats.canvas.grab()
        for key in (free[0], free[1], free[0]):
            seats.toggle(key)
            seats.canvas.grab()  # each choice painted in turn, as on screen
        image = seats.canvas.grab().toImage()
        return bytes(image.constBits())

    assert shown(keep=True) == shown(keep=False)
