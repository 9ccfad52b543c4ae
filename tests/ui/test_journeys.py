"""Whole patron journeys by tapping the real widgets, against the simulators over loopback."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.assembly import recover_then_open
from kiosk.flows.purchase import PurchaseFlow
from kiosk.flows.seat_order import seat_key
from kiosk.sim.phone import pay_with_simulator
from kiosk.sim.sarft_server import SarftSimulator
from kiosk.sim.store import SeatPick, SimTicketLine
from kiosk.ui.controllers.adapters import flow_seat, seat_plan_view
from kiosk.ui.screens.films import FilmCard
from kiosk.ui.screens.ticket_types import QuantityRow
from kiosk.ui.viewmodels import CollectProblem, ErrorKind, SeatCell, SeatStatus
from kiosk.ui.widgets import busy
from tests.helpers.printed import printed_pngs
from tests.helpers.sessions import bookable_session

from .journey_fixtures import Journey, StartJourney, run, tap

pytest_plugins = ["tests.ui.journey_fixtures"]
pytestmark = pytest.mark.ui


def _bookable_session_id(journey: Journey) -> str:
    """A session well ahead, in the seed's hall 1, with no special behaviour."""
    return bookable_session(journey.world.store).session_id


def _to_seats(journey: Journey, session_id: str, tickets: int = 2) -> list[SeatCell]:
    """Home → film → day and time → tickets → the seat map, tapping; returns free seats."""
    w = journey.window
    qtbot = journey.qtbot
    session = journey.world.store.sessions[session_id]
    tap(qtbot, w.home.buy_button)
    journey.wait_for_screen(w.films)
    card = next(c for c in w.films.findChildren(FilmCard) if c.film.film_id == session.film_id)
    tap(qtbot, card)
    journey.wait_for_screen(w.sessions)
    day = next(d for d in w.sessions.days() if d == session.showtime.astimezone(_CHINA).date())
    w.sessions.select_day(day)
    button = next(b for b in w.sessions.session_buttons() if b.session.session_id == session_id)
    tap(qtbot, button)
    journey.wait_for_screen(w.ticket_types)
    rows = w.ticket_types.findChildren(QuantityRow)
    row = next(r for r in rows if r.ticket.price_fen > 0)
    for _ in range(tickets):
        tap(qtbot, row.plus)
    tap(qtbot, w.ticket_types.continue_button)
    journey.wait_for_screen(w.seats)
    flow = journey.kiosk.purchase.flow
    assert flow is not None and flow.offer is not None
    free = [
        s.key
        for s in seat_plan_view(flow.offer.seat_plan).seats()
        if s.status == SeatStatus.FREE
        and not s.is_sofa
        and s.area_category_code == row.ticket.area_category_code
    ]
    return free[:tickets]


def _tap_seats(journey: Journey, keys: list[SeatCell]) -> None:
    canvas = journey.window.seats.seat_map.canvas
    for key in keys:
        tap(journey.qtbot, canvas, canvas.seat_rect(key).center().toPoint())
    assert journey.window.seats.seat_map.selected() == keys


def _to_payment(journey: Journey) -> str:
    """Tap two seats through to the payment QR; returns the purchase's transaction id."""
    w = journey.window
    _tap_seats(journey, _to_seats(journey, _bookable_session_id(journey)))
    tap(journey.qtbot, w.seats.confirm_button)
    journey.wait_for_screen(w.review)
    tap(journey.qtbot, w.review.pay_button)
    journey.wait_for_screen(w.payment)
    flow = journey.kiosk.purchase.flow
    assert flow is not None and flow.txn_id is not None
    return flow.txn_id


def _decoded(folder: Path) -> list[str]:
    texts = []
    for png in sorted(folder.glob("*.png")):
        texts += [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
    return texts


def test_buy_two_seats_and_take_two_printed_tickets(start_journey: StartJourney) -> None:
    journey = start_journey()
    w = journey.window
    session_id = _bookable_session_id(journey)
    seats = _to_seats(journey, session_id)
    _tap_seats(journey, seats)
    tap(journey.qtbot, w.seats.confirm_button)
    journey.wait_for_screen(w.review)
    assert w.review.hold_countdown.remaining() > 500
    tap(journey.qtbot, w.review.pay_button)
    journey.wait_for_screen(w.payment)
    flow = journey.kiosk.purchase.flow
    assert flow is not None and flow.txn_id is not None
    run(journey.qtbot, pay_with_simulator(journey.kiosk.services.settings.payment_url, flow.txn_id))
    journey.wait_for_screen(w.done)

    bookings = [b for b in journey.world.store.bookings.values() if not b.online]
    assert len(bookings) == 1
    booking = bookings[0]
    assert w.done._code.text() == booking.booking_id
    assert booking.print_state == "printed"
    assert sorted(_decoded(journey.printed)) == sorted(t.ticket_info_code for t in booking.tickets)
    assert len(booking.tickets) == 2
    state = journey.state()
    assert state["seat_locks"] == []
    assert state["payments"][flow.txn_id]["state"] == "PAID"


def test_the_film_cards_are_made_before_the_first_buy(start_journey: StartJourney) -> None:
    """Building a dozen cards at the first Buy, and the session tiles at the first
    film's tap, held the event loop 10-20 ms each: they are made as the films screen
    is built, and the taps show them."""
    journey = start_journey()
    w = journey.window
    journey.qtbot.waitUntil(lambda: len(w.films.cards()) > 0)
    assert w.current_screen() is w.home
    made = w.films.cards()
    journey.qtbot.waitUntil(lambda: len(w.sessions.session_buttons()) > 0)
    tiles = {id(t) for t in w.sessions.session_buttons()}
    tap(journey.qtbot, w.home.buy_button)
    journey.wait_for_screen(w.films)
    assert all(a is b for a, b in zip(w.films.cards(), made, strict=True))
    tap(journey.qtbot, made[0])
    journey.wait_for_screen(w.sessions)
    shown = [t for t in w.sessions.session_buttons() if not t.unavailable]
    assert shown and {id(t) for t in shown} & tiles  # tiles made ahead show its sessions


def test_the_seat_map_is_made_while_the_patron_chooses_tickets(
    start_journey: StartJourney, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawing the plan and setting it on the map at the tap on Continue, with the
    screen's change and paint, held the event loop beyond a frame: it is done while
    the ticket screen is up, and Continue finds it made."""
    from kiosk.ui.controllers import adapters

    journey = start_journey()
    w = journey.window
    session = journey.world.store.sessions[_bookable_session_id(journey)]
    tap(journey.qtbot, w.home.buy_button)
    journey.wait_for_screen(w.films)
    card = next(c for c in w.films.cards() if c.film.film_id == session.film_id)
    tap(journey.qtbot, card)
    journey.wait_for_screen(w.sessions)
    w.sessions.select_day(session.showtime.astimezone(_CHINA).date())
    button = next(
        b for b in w.sessions.session_buttons() if b.session.session_id == session.session_id
    )
    made = []
    drawn = adapters.seat_plan_view
    monkeypatch.setattr(adapters, "seat_plan_view", lambda *a: made.append(a) or drawn(*a))
    tap(journey.qtbot, button)
    journey.wait_for_screen(w.ticket_types)
    journey.qtbot.waitUntil(lambda: len(w.seats._plan) > 0)
    assert len(made) == 1 and w.current_screen() is w.ticket_types
    row = next(r for r in w.ticket_types.findChildren(QuantityRow) if r.ticket.price_fen > 0)
    tap(journey.qtbot, row.plus)
    tap(journey.qtbot, w.ticket_types.continue_button)
    journey.wait_for_screen(w.seats)
    assert len(made) == 1 and w.seats.seat_map.wanted() == 1


def test_collect_a_demo_booking(start_journey: StartJourney) -> None:
    journey = start_journey()
    w = journey.window
    tap(journey.qtbot, w.home.collect_button)
    journey.wait_for_screen(w.collect_entry)
    journey.qtbot.keyClicks(w.collect_entry.field, "wqnx8jl")
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.wait_for_screen(w.collect_review)
    booking = next(b for b in journey.world.store.bookings.values() if b.booking_id == "WQNX8JL")
    assert str(len(booking.tickets)) in w.collect_review._count.text()
    assert not printed_pngs(journey.cluster, journey.printed), (
        "nothing prints before the patron agrees"
    )
    tap(journey.qtbot, w.collect_review.print_button)
    journey.wait_for_screen(w.done)
    assert booking.print_state == "printed"
    assert sorted(_decoded(journey.printed)) == sorted(t.ticket_info_code for t in booking.tickets)


def test_a_collection_whose_confirm_sarft_refused_still_tells_the_patron_it_is_done(
    start_journey: StartJourney,
) -> None:
    """Both tickets are in the patron's hand: the confirm is the kiosk's to retry."""
    journey = start_journey()
    w = journey.window
    journey.world.faults.add(["sarft.confirm=code:2"])
    tap(journey.qtbot, w.home.collect_button)
    journey.wait_for_screen(w.collect_entry)
    journey.qtbot.keyClicks(w.collect_entry.field, "wqnx8jl")
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.wait_for_screen(w.collect_review)
    tap(journey.qtbot, w.collect_review.print_button)
    journey.wait_for_screen(w.done)
    booking = next(b for b in journey.world.store.bookings.values() if b.booking_id == "WQNX8JL")
    assert booking.print_state == "applied"  # the confirm is owed
    assert len(printed_pngs(journey.cluster, journey.printed)) == len(booking.tickets)
    journey.world.faults.clear()
    report = run(journey.qtbot, journey.kiosk.services.settle_purchases())
    assert [o.state for o in report.outcomes] == ["collected"]
    assert booking.print_state == "printed"


def test_an_english_patron_sees_the_cinemas_english_names(start_journey: StartJourney) -> None:
    """VISTA's *Alt fields carry the names the cinema gave in English (the simulator
    fills them from its English titles); Chinese stays where there is none."""
    journey = start_journey()
    w = journey.window
    store = journey.world.store
    cinema = store.cinemas["0200"]
    assert w.home._cinema.full_text() == cinema.name
    tap(journey.qtbot, w.home.language_button)
    assert w.language() == "en"
    assert w.home._cinema.full_text() == cinema.name_en
    session_id = _bookable_session_id(journey)
    session = store.sessions[session_id]
    # the map reads seat 1 on the left: tap from the right, out of seat order
    keys = _to_seats(journey, session_id)[::-1]
    _tap_seats(journey, keys)
    titles = {c.film.film_id: c.film.title for c in w.films.cards()}
    assert titles == {f: store.films[f].title_en for f in titles}
    words = {a for c in w.films.cards() for a in c.film.attributes}
    assert "Mandarin" in words and not {"国语", "原版"} & words
    hall = store.halls[("0200", session.screen_number)]
    halls = {b.session.screen_name for b in w.sessions.session_buttons()}
    assert hall.name_en in halls and all(name.startswith("Hall ") for name in halls)
    english = {t.description_en for t in session.ticket_types}
    shown = {r.ticket.description for r in w.ticket_types.findChildren(QuantityRow)}
    assert shown and shown <= english
    # Whatever order they were tapped in, the chosen seats read in seat order.
    plan = w.seats._plan
    tapped = [(seat.row_name, seat.seat_id) for seat in map(plan.seat, keys) if seat]
    in_order = sorted(tapped, key=lambda name: seat_key(*name))
    assert tapped != in_order, "tap them out of order, or this proves nothing"
    assert w.seats.selected_labels() == [f"Row {r} Seat {n}" for r, n in in_order]
    tap(journey.qtbot, w.seats.confirm_button)
    journey.wait_for_screen(w.review)
    order = w.review._order
    assert order is not None
    assert [(s.row_name, s.seat_id) for s in order.seats] == in_order
    assert order.film_title == store.films[session.film_id].title_en
    assert order.screen_name == hall.name_en
    assert {line.description for line in order.lines} <= english
    # The next patron starts in Chinese, and sees the Chinese names.
    tap(journey.qtbot, w.review.header._home)  # Start over
    journey.wait_for_screen(w.home)
    assert w.language() == "zh"
    tap(journey.qtbot, w.home.collect_button)
    journey.wait_for_screen(w.collect_entry)
    journey.qtbot.keyClicks(w.collect_entry.field, "wqnx8jl")
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.wait_for_screen(w.collect_review)
    booking = next(b for b in store.bookings.values() if b.booking_id == "WQNX8JL")
    film = store.films[store.sessions[booking.session_id].film_id]
    collect = w.collect_review._order
    assert collect is not None and collect.film_title == film.title


def test_a_patron_leaving_a_collection_closes_its_sarft_session(
    start_journey: StartJourney,
) -> None:
    """The lookup keeps its signed-in SARFT session for a quick Print; a patron who
    walks away must not leave it open until the next patron's code."""
    journey = start_journey()
    w = journey.window
    sarft = journey.cluster.services["sarft"]
    assert isinstance(sarft, SarftSimulator)
    tap(journey.qtbot, w.home.collect_button)
    journey.wait_for_screen(w.collect_entry)
    journey.qtbot.keyClicks(w.collect_entry.field, "wqnx8jl")
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.wait_for_screen(w.collect_review)
    journey.qtbot.waitUntil(lambda: sarft.open_connections == 1)
    tap(journey.qtbot, w.collect_review.header._home)  # Start over
    journey.wait_for_screen(w.home)
    journey.qtbot.waitUntil(lambda: sarft.open_connections == 0)


def test_wrong_code_says_so_on_the_keypad_screen(start_journey: StartJourney) -> None:
    journey = start_journey()
    w = journey.window
    tap(journey.qtbot, w.home.collect_button)
    journey.qtbot.keyClicks(w.collect_entry.field, "ZZZZ9999")
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.qtbot.waitUntil(lambda: w.collect_entry._problem is CollectProblem.NOT_FOUND)
    assert w.current_screen() is w.collect_entry
    assert w.collect_entry._problem_label.isVisible()
    assert not w.busy.isVisible()


def test_a_seat_taken_meanwhile_reloads_the_map_and_says_so(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()
    w = journey.window
    session_id = _bookable_session_id(journey)
    seats = _to_seats(journey, session_id)
    _tap_seats(journey, seats)
    # Someone at the counter sells the first chosen seat between plan load and Confirm.
    flow = journey.kiosk.purchase.flow
    assert flow is not None and flow.offer is not None
    area = next(a for a in flow.offer.seat_plan.areas if a.number == seats[0][0])
    where = flow_seat(flow.offer.seat_plan, seats[0])
    vista = (where.area_number, where.row_index, where.column_index)
    ticket = flow.offer.ticket_types[0]
    journey.world.store.add_tickets(
        "counter-order",
        "0200",
        session_id,
        [SimTicketLine(ticket.ticket_type_code, 1, ticket.price_fen)],
        [SeatPick(area.area_category_code, vista)],
    )
    tap(journey.qtbot, w.seats.confirm_button)
    journey.qtbot.waitUntil(lambda: w.seats.notice.isVisible())
    assert w.current_screen() is w.seats
    assert w.seats.seat_map.selected() == []
    assert flow.offer is not None
    taken = seat_plan_view(flow.offer.seat_plan).seat(seats[0])
    assert taken is not None and taken.status != SeatStatus.FREE
    locks = journey.state()["seat_locks"]
    assert [lock["user_session_id"] for lock in locks] == ["counter-order"]


def test_payment_timeout_releases_the_seats_and_closes_the_payment(
    start_journey: StartJourney,
) -> None:
    # The flow stops taking money 30 s before the hold ends: 3 s left to pay.
    journey = start_journey(seat_hold_s=33)
    w = journey.window
    txn = _to_payment(journey)
    journey.wait_for_screen(w.error, timeout_ms=15000)
    assert w.error._kind is ErrorKind.SEATS_EXPIRED
    state = journey.state()
    assert state["payments"][txn]["state"] == "CLOSED"
    assert state["seat_locks"] == []
    assert state["orders"][txn]["state"] == "cancelled"


def test_the_patron_can_see_the_code_and_cancel_while_payment_is_awaited(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()
    w = journey.window
    txn = _to_payment(journey)
    journey.qtbot.wait(800)  # well past the busy overlay's 300 ms delay
    assert not w.busy.isVisible() and not w.busy.is_pending()
    tap(journey.qtbot, w.payment.cancel_button)
    tap(journey.qtbot, w.payment.confirm_cancel_button)
    journey.wait_for_screen(w.home)
    journey.qtbot.waitUntil(lambda: journey.state()["seat_locks"] == [], timeout=10000)
    state = journey.state()
    assert state["payments"][txn]["state"] == "CLOSED"
    assert state["orders"][txn]["state"] == "cancelled"


def test_inactivity_goes_home_and_cancels_the_order(start_journey: StartJourney) -> None:
    journey = start_journey(inactivity_s=5)
    w = journey.window
    txn = _to_payment(journey)
    # Minutes of patience shortened to a blink: the same timers, shorter.
    w.inactivity._idle.start(200)
    w.inactivity._answer_s = 0.5
    journey.qtbot.waitUntil(w.inactivity.is_prompting, timeout=3000)
    journey.wait_for_screen(w.home)
    journey.qtbot.waitUntil(lambda: journey.state()["seat_locks"] == [], timeout=10000)
    state = journey.state()
    assert state["payments"][txn]["state"] == "CLOSED"
    assert state["orders"][txn]["state"] == "cancelled"
    assert journey.kiosk.purchase.flow is None


async def _hold_two_seats(journey: Journey, session_id: str) -> PurchaseFlow:
    """A purchase whose flow locks two seats; dropped by the caller, it is as if its
    cancel never got through."""
    services = journey.kiosk.services
    flow = services.purchase_flow()
    found = await services.catalog.session(session_id)
    assert found is not None
    await flow.start(found[1])
    assert flow.offer is not None
    ticket = next(t for t in flow.offer.ticket_types if t.area_category_code == "0000000001")
    seats = [
        s.key
        for s in seat_plan_view(flow.offer.seat_plan).seats()
        if s.status == SeatStatus.FREE
        and not s.is_sofa
        and s.area_category_code == ticket.area_category_code
    ][:2]
    plan = flow.offer.seat_plan
    await flow.choose({ticket.ticket_type_code: 2}, [flow_seat(plan, key) for key in seats])
    return flow


async def _dropped_hold(journey: Journey) -> str:
    """Two seats held by a flow nobody has any more; its transaction id."""
    flow = await _hold_two_seats(journey, _bookable_session_id(journey))
    txn = flow.txn_id
    assert txn is not None
    del flow
    gc.collect()
    return txn


def test_settling_leaves_alone_the_purchase_a_live_flow_owns(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()  # the periodic settling is minutes away
    services = journey.kiosk.services
    flow = run(journey.qtbot, _hold_two_seats(journey, _bookable_session_id(journey)))
    txn = flow.txn_id
    run(journey.qtbot, services.settle_purchases())
    assert [lock["user_session_id"] for lock in journey.state()["seat_locks"]] == [txn, txn]
    del flow  # a flow dropped unfinished lets its transaction go to the settling
    gc.collect()
    run(journey.qtbot, services.settle_purchases())
    assert journey.state()["seat_locks"] == []


def test_a_purchase_left_open_is_settled_while_the_kiosk_runs(
    start_journey: StartJourney,
) -> None:
    """A flow that ended with seats still held (its cancel never got through) is put
    right by the running kiosk, not only at the next start."""
    journey = start_journey(recovery_interval_s=1)
    services = journey.kiosk.services
    txn = run(journey.qtbot, _dropped_hold(journey))
    assert [lock["user_session_id"] for lock in journey.state()["seat_locks"]] == [txn, txn]
    # nobody cancels: the running kiosk's settling must release the seats
    journey.qtbot.waitUntil(lambda: journey.state()["seat_locks"] == [], timeout=15000)
    assert journey.state()["orders"][txn]["state"] == "cancelled"
    for _ in range(100):  # the seats go first, then the journal records the end
        settled = run(journey.qtbot, services.journal.transaction(txn))
        assert settled is not None
        if settled.terminal:
            break
        journey.qtbot.wait(100)
    assert settled.terminal and settled.state == "CANCELLED"


def test_doors_open_while_a_purchase_left_open_still_settles(
    start_journey: StartJourney,
) -> None:
    """At a start with a purchase left open, patrons are not held while it settles: a
    CompleteOrder lost at a crash can make it poll Connect for 15 minutes. Its seats
    stay locked at Connect until it is settled, so no patron can be sold them."""
    journey = start_journey()
    w = journey.window
    txn = run(journey.qtbot, _dropped_hold(journey))
    journey.world.faults.add(["connect.CancelOrder=latency:2500"])
    w.hold_patrons()  # as at every start, then the start's recovery:
    recovery = asyncio.ensure_future(recover_then_open(w, journey.kiosk.services))
    journey.qtbot.waitUntil(w.home.buy_button.isEnabled, timeout=2000)
    assert not recovery.done() and not w.busy.isVisible()
    assert [lock["user_session_id"] for lock in journey.state()["seat_locks"]] == [txn, txn]
    journey.qtbot.waitUntil(recovery.done, timeout=10000)
    report = recovery.result()
    assert report is not None
    assert [(o.txn_id, o.state) for o in report.outcomes] == [(txn, "CANCELLED")]
    assert journey.state()["seat_locks"] == []


_CHINA = dt.timezone(dt.timedelta(hours=8))


def test_a_slow_answer_offers_start_over_and_leaving_cancels_the_hold(
    start_journey: StartJourney, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The busy overlay must not trap a patron behind a slow network: after a while it
    offers Start over, which goes home and stays home when the late answer arrives."""
    monkeypatch.setattr(busy, "OFFER_LEAVE_AFTER_MS", 700)
    journey = start_journey()
    w = journey.window
    seats = _to_seats(journey, _bookable_session_id(journey))
    _tap_seats(journey, seats)
    journey.world.faults.add(["connect.AddTickets=latency:2500"])
    tap(journey.qtbot, w.seats.confirm_button)
    journey.qtbot.waitUntil(w.busy.offers_leave, timeout=5000)
    assert w.current_screen() is w.seats
    tap(journey.qtbot, w.busy.leave_button)
    journey.wait_for_screen(w.home)
    assert not w.busy.isVisible()
    journey.qtbot.wait(3000)  # the late answer arrives: it is no longer the patron's
    assert w.current_screen() is w.home
    journey.qtbot.waitUntil(lambda: journey.state()["seat_locks"] == [], timeout=10000)
