"""The demo's real halls on the seat map, reached by tapping, against the simulators:
seats big enough to touch on a configured panel, zoom and pan for a hall that does
not fit, row numbers and 银幕 in view while zoomed, and a map that is the hall seen
from its back. Screenshots go to artifacts/seat_map/ for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.qt import QPoint, QRect, QSize
from kiosk.ui.demo_panel import GAP, PANEL_WIDTH
from kiosk.ui.screens.ticket_types import QuantityRow
from kiosk.ui.widgets.seat_map import MAX_SEAT_MM, MIN_SEAT_MM, Panel
from kiosk.ui.widgets.seat_rules import Refusal
from tests.helpers.sessions import bookable_session

from .journey_fixtures import Journey, StartJourney, tap
from .test_journeys import _CHINA

pytest_plugins = ["tests.ui.journey_fixtures"]
pytestmark = pytest.mark.ui

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "seat_map"
# A 21.5-inch 1920x1080 panel: 546 mm across its diagonal.
PANEL = Panel.from_diagonal(546.0, 1920, 1080)
SIZES = {
    "landscape": (1920, 1080),
    "portrait": (1080, 1920),
    # `kiosk demo` on a 1920x1080 screen: the kiosk window beside the demo panel.
    "demo": (1920 - PANEL_WIDTH - GAP, 1080),
}


def _session_in_hall(journey: Journey, screen: int) -> str:
    return bookable_session(journey.world.store, screen=screen).session_id


def _sell_some(journey: Journey, session_id: str, count: int = 3) -> None:
    """Sell ``count`` plain seats of the session, as an online agent would: the demo
    sells seats only in the sessions its online bookings fall in, and which session
    is next in a hall depends on the time of day the test runs."""
    store = journey.world.store
    session = store.sessions[session_id]
    free = [
        s
        for s in store.hall_for(session).all_seats()
        if s.status == 0 and not s.group and s.key not in session.sold
    ]
    session.sold.update(s.key for s in free[:count])


def _to_hall(journey: Journey, screen: int, tickets: int = 2, sold: int = 0) -> None:
    """Home → film → time → tickets → the seat map of hall ``screen``, by tapping;
    ``sold`` plain seats of the session are sold first."""
    w = journey.window
    qtbot = journey.qtbot
    session_id = _session_in_hall(journey, screen)
    session = journey.world.store.sessions[session_id]
    if sold:
        _sell_some(journey, session_id, sold)
    w.seats.seat_map.set_panel(PANEL)
    tap(qtbot, w.home.buy_button)
    journey.wait_for_screen(w.films)
    card = next(c for c in w.films.cards() if c.film.film_id == session.film_id)
    tap(qtbot, card)
    journey.wait_for_screen(w.sessions)
    w.sessions.select_day(session.showtime.astimezone(_CHINA).date())
    button = next(b for b in w.sessions.session_buttons() if b.session.session_id == session_id)
    tap(qtbot, button)
    journey.wait_for_screen(w.ticket_types)
    row = next(r for r in w.ticket_types.findChildren(QuantityRow) if r.ticket.price_fen > 0)
    for _ in range(tickets):
        tap(qtbot, row.plus)
    tap(qtbot, w.ticket_types.continue_button)
    journey.wait_for_screen(w.seats)
    qtbot.wait(20)


def _shoot(journey: Journey, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    journey.qtbot.wait(30)
    assert journey.window.grab().save(str(OUT / f"{name}.png"))


@pytest.mark.parametrize("orientation", list(SIZES))
@pytest.mark.parametrize("language", ["zh", "en"])
def test_photograph_the_demo_halls(
    start_journey: StartJourney, language: str, orientation: str
) -> None:
    journey = start_journey(language=language)
    journey.window.resize(*SIZES[orientation])
    for hall in (1, 2, 3):
        _to_hall(journey, hall)
        _shoot(journey, f"{orientation}-{language}-hall{hall}")
        tap(journey.qtbot, journey.window.seats.header._home)
        journey.wait_for_screen(journey.window.home)


def _start_over(journey: Journey) -> None:
    tap(journey.qtbot, journey.window.seats.header._home)
    journey.wait_for_screen(journey.window.home)


def _drawn_mm(journey: Journey) -> float:
    return journey.window.seats.seat_map.canvas.drawn_seat_px() * PANEL.mm_per_px


def _plan_in_view(journey: Journey) -> bool:
    seat_map = journey.window.seats.seat_map
    viewport = seat_map.scroll_area.viewport()
    corner = seat_map.canvas.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(corner, seat_map.canvas.plan_size()))


@pytest.mark.parametrize("orientation", list(SIZES))
def test_seats_are_at_least_15_mm_and_the_hall_whole_when_it_fits(
    start_journey: StartJourney, orientation: str
) -> None:
    """On a 21.5-inch 1920x1080 panel every demo hall but the IMAX one fits with seats
    of 15 mm or more: the landscape panel, the portrait one, and the demo's window."""
    journey = start_journey()
    journey.window.resize(*SIZES[orientation])
    for hall in (1, 2, 7):
        _to_hall(journey, hall)
        seat_map = journey.window.seats.seat_map
        assert seat_map.fits(), hall
        assert MIN_SEAT_MM <= _drawn_mm(journey) <= MAX_SEAT_MM + 0.1, (hall, _drawn_mm(journey))
        assert _plan_in_view(journey), hall
        assert not seat_map.scroll_area.overview.isVisible()
        _start_over(journey)


def test_a_hall_too_big_opens_at_touch_size_and_zooms_and_pans(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()
    journey.window.resize(*SIZES["landscape"])
    _to_hall(journey, 3)  # 422 seats, 36 columns
    w = journey.window
    seat_map = w.seats.seat_map
    assert not seat_map.fits()
    assert _drawn_mm(journey) >= MIN_SEAT_MM  # opens big enough to touch ...
    assert not _plan_in_view(journey)  # ... on the middle of the hall, the rest a pan away
    assert seat_map.scroll_area.overview.isVisible()  # where the view is, in the whole hall
    seat_map.set_zoom(1.0)  # zoomed right out: the whole hall, seats too small to hit
    assert _plan_in_view(journey) and _drawn_mm(journey) < MIN_SEAT_MM
    assert not seat_map.scroll_area.overview.isVisible()
    free = next(s for s in w.seats._plan.seats() if s.status == 0 and not s.is_sofa)
    centre = seat_map.canvas.seat_rect(free.key).center().toPoint()
    tap(journey.qtbot, seat_map.canvas, centre)
    # a tap on a seat that small zooms in there rather than choosing a neighbour
    assert seat_map.selected() == [] and _drawn_mm(journey) >= MIN_SEAT_MM - 0.01
    centre = seat_map.canvas.seat_rect(free.key).center().toPoint()
    tap(journey.qtbot, seat_map.canvas, centre)
    assert seat_map.selected() == [free.key]
    _shoot(journey, "landscape-zh-hall3-tapped")


@pytest.mark.parametrize("hall", [1, 3])
def test_row_names_and_the_screen_stay_in_view_while_zoomed(
    start_journey: StartJourney, hall: int
) -> None:
    journey = start_journey()
    journey.window.resize(*SIZES["landscape"])
    _to_hall(journey, hall)
    seat_map = journey.window.seats.seat_map
    tap(journey.qtbot, seat_map._zoom_in)
    tap(journey.qtbot, seat_map._zoom_in)
    assert seat_map.zoom > 1.5 and not _plan_in_view(journey)
    scroll = seat_map.scroll_area
    for h, v in ((0, 0), (1, 1), (1, 0), (0, 1)):  # each corner of the hall in turn
        hbar, vbar = scroll.horizontalScrollBar(), scroll.verticalScrollBar()
        hbar.setValue(hbar.maximum() * h)
        vbar.setValue(vbar.maximum() * v)
        journey.qtbot.wait(10)
        marks = seat_map.marks
        view = marks.view_rect()
        top = seat_map.canvas.mapTo(scroll, QPoint(0, 0)).y()
        rows_in_view = [
            m.name
            for m in seat_map.canvas.row_marks()
            if top + m.top + m.height > view.top() and top + m.top < view.bottom()
        ]
        labels = marks.row_label_rects()
        assert [name for name, _, _ in labels] == rows_in_view and rows_in_view
        for _, left, right in labels:  # beside the plan, never over a seat
            assert left.right() <= view.left() + 0.5 and left.left() >= -0.5
            assert right.left() >= view.right() - 0.5
        bar = marks.screen_bar()
        assert bar.width() > 100 and bar.bottom() < view.top()  # 银幕, above the seats
    _shoot(journey, f"landscape-zh-hall{hall}-zoomed")


@pytest.mark.parametrize("orientation", list(SIZES))
def test_a_seat_error_moves_nothing_under_the_finger(
    start_journey: StartJourney, orientation: str
) -> None:
    journey = start_journey()
    journey.window.resize(*SIZES[orientation])
    _to_hall(journey, 1, tickets=1, sold=3)
    w = journey.window
    seats = w.seats
    canvas = seats.seat_map.canvas
    plan = seats._plan

    def where() -> list[QRect]:
        """Every seat, Confirm and the zoom keys, in window pixels."""
        rects = [
            QRect(canvas.mapTo(w, canvas.seat_rect(s.key).topLeft().toPoint()), QSize(1, 1))
            for s in plan.seats()
        ]
        for widget in (seats.confirm_button, seats.seat_map._zoom_in, seats.seat_map._zoom_out):
            rects.append(QRect(widget.mapTo(w, QPoint(0, 0)), widget.size()))
        return rects

    # as the patron first sees it: the screen's layout done (on a loaded machine the
    # status box's reserved height, set a turn after the show, came after 20 ms)
    before = where()
    for _ in range(50):
        journey.qtbot.wait(20)
        if (now := where()) == before:
            break
        before = now
    sold = next(s for s in plan.seats() if s.status != 0)
    tap(journey.qtbot, canvas, canvas.seat_rect(sold.key).center().toPoint())
    journey.qtbot.wait(20)
    assert seats._refusal is Refusal.UNAVAILABLE and seats._status.isVisible()
    assert where() == before
    _shoot(journey, f"{orientation}-zh-hall1-refusal")
    free = [s for s in plan.seats() if s.status == 0 and not s.is_sofa]
    tap(journey.qtbot, canvas, canvas.seat_rect(free[0].key).center().toPoint())
    tap(journey.qtbot, canvas, canvas.seat_rect(free[1].key).center().toPoint())
    journey.qtbot.wait(20)
    assert seats._refusal is None  # one ticket: the second tap moves the choice
    assert where() == before
    _shoot(journey, f"{orientation}-zh-hall1-refused")


def test_zooming_clears_a_stale_seat_error(start_journey: StartJourney) -> None:
    journey = start_journey()
    journey.window.resize(*SIZES["landscape"])
    _to_hall(journey, 1, sold=3)
    seats = journey.window.seats
    canvas = seats.seat_map.canvas
    sold = next(s for s in seats._plan.seats() if s.status != 0)
    tap(journey.qtbot, canvas, canvas.seat_rect(sold.key).center().toPoint())
    refusal_text = seats._status.text()
    assert seats._refusal is Refusal.UNAVAILABLE
    tap(journey.qtbot, seats.seat_map._zoom_in)
    assert seats._refusal is None and seats._status.text() != refusal_text


def test_hall_1_is_drawn_as_seen_from_the_back_of_the_hall(start_journey: StartJourney) -> None:
    """The seed's 一号厅 (row 7 at RowIndex 0, seat 10 at ColumnIndex 1): row 1 under
    银幕, seat 1 on the patron's left, and the seats tapped there are the ones locked."""
    journey = start_journey()
    journey.window.resize(*SIZES["landscape"])
    _to_hall(journey, 1)
    w = journey.window
    canvas = w.seats.seat_map.canvas
    drawn = sorted(
        w.seats._plan.seats(),
        key=lambda s: (canvas.seat_rect(s.key).y(), canvas.seat_rect(s.key).x()),
    )
    front = [s for s in drawn if s.row_name == drawn[0].row_name]
    assert drawn[0].row_name == "1"
    assert [s.seat_id for s in front] == [str(n) for n in range(1, len(front) + 1)]
    for seat in front[:2]:
        tap(journey.qtbot, canvas, canvas.seat_rect(seat.key).center().toPoint())
    assert w.seats.selected_labels() == ["1排1座", "1排2座"]
    tap(journey.qtbot, w.seats.confirm_button)
    journey.wait_for_screen(w.review)
    locked = sorted(tuple(lock["seat"]) for lock in journey.state()["seat_locks"])
    hall = journey.world.store.halls[("0200", 1)]
    area = hall.areas[0]
    # VISTA's own positions of 1排1座 and 1排2座 in the drawing
    expected = sorted(
        (s.area_number, s.row_index, s.column_index)
        for s in area.seats
        if s.row_name == "1" and s.seat_id in ("1", "2")
    )
    assert [lock[-3:] for lock in locked] == expected
