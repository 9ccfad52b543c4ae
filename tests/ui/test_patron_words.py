"""What a patron reads on the film and session lists and the seat map: no line broken
inside a word ("国/语", "4/排7座", a lone "位。"), no US rating a mainland cinema never
gave, sessions with their end and their price, today and tomorrow with their date,
and the idle prompt's answer time as configured."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kiosk.domain import Film
from kiosk.qt import QFont, QLabel, QTextLayout, QTextOption
from kiosk.qt.i18n import Translations
from kiosk.ui import formatting
from kiosk.ui.controllers.adapters import film_view, session_view
from kiosk.ui.screens.seats import SeatsScreen
from kiosk.ui.screens.sessions import SessionsScreen
from kiosk.ui.viewmodels import SeatStatus

from .conftest import Host
from .journey_fixtures import StartJourney, tap
from .layout_checks import clipped_buttons, labels_cut_off
from .samples import FILMS, NOW, SESSIONS, TODAY, at, plan

pytest_plugins = ["tests.ui.journey_fixtures"]
pytestmark = pytest.mark.ui


def _lines(label: QLabel, width: int) -> list[str]:
    """The lines a word-wrapped label shows at ``width``, as Qt breaks them."""
    layout = QTextLayout(label.text(), QFont(label.font()))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(label.text()[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return [
        t.replace(formatting.WORD_JOINER, "").replace(formatting.NO_BREAK_SPACE, " ").strip()
        for t in lines
    ]


def test_a_session_tile_breaks_between_its_parts_never_inside_one(
    qtbot: object, host: Host, translations: Translations
) -> None:
    translations.switch("en")
    session = replace(SESSIONS[3], attributes=("2D", "国语", "Original version"))
    screen = SessionsScreen()
    host(screen, 1080, 1920)
    screen.show_sessions(FILMS[0], [session], today=TODAY, clock=lambda: NOW)
    detail = screen.session_buttons()[0].detail
    for width in range(120, 700, 20):
        for line in _lines(detail, width):
            for part in (p.strip() for p in line.split("·")):
                assert part in ("Hall 5 Laser", "2D", "国语", "Original version", ""), (width, line)


def test_chosen_seats_and_the_last_word_stay_whole(
    qtbot: object, host: Host, translations: Translations
) -> None:
    screen = SeatsScreen()
    host(screen, 1080, 1920)
    hall = plan(8, 12)
    screen.set_plan(hall, {"0000000001": 2})
    tap_line = screen._status
    for width in range(200, 900, 10):
        assert not any(line == "位。" for line in _lines(tap_line, width)), width
    free = [s for s in hall.seats() if s.status == SeatStatus.FREE and not s.is_sofa]
    for seat in free[:2]:
        screen.seat_map.toggle(seat.key)
    names = [formatting.seat_name(s.row_name, s.seat_id) for s in free[:2]]
    for width in range(200, 900, 10):
        text = " ".join(_lines(screen._status, width))
        assert all(name in text for name in names), (width, text)


def test_us_ratings_are_shown_only_where_the_cinema_fills_a_real_one() -> None:
    film = Film(film_id="F", title="流浪地球", rating="PG-13", run_time_min=125)
    now = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
    assert film_view(film, now).rating == ""  # mainland China has no rating system
    assert film_view(film, now, rating=True).rating == "PG-13"  # show_film_rating


def test_a_session_tile_shows_its_end_and_its_price(
    qtbot: object, host: Host, translations: Translations
) -> None:
    session = replace(SESSIONS[0], ends_at=at(17, 23))
    screen = SessionsScreen()
    host(screen, 1080, 1920)
    screen.show_sessions(FILMS[0], [session, SESSIONS[2]], today=TODAY, clock=lambda: NOW)
    screen.show_prices({"S1": 3500, "S3": 4000})
    tiles = {b.session.session_id: b for b in screen.session_buttons()}
    assert tiles["S1"].ends.text() == "17:23 散场"
    assert tiles["S1"].price.text() == "¥35.00 起" and not tiles["S1"].price.isHidden()
    assert tiles["S3"].price.isHidden()  # sold out: no price to tempt anyone
    translations.switch("en")
    screen.show_prices({"S1": 3500})
    tiles = {b.session.session_id: b for b in screen.session_buttons()}
    assert tiles["S1"].ends.text() == "ends 17:23" and tiles["S1"].price.text() == "from ¥35.00"


def test_the_adapter_ends_a_session_after_the_films_running_time() -> None:
    from kiosk.domain import Session

    start = dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)
    session = Session(session_id="1", showtime=start)
    assert session_view(session, run_time_min=125).ends_at == start + dt.timedelta(minutes=125)
    assert session_view(session).ends_at is None


def test_today_and_tomorrow_carry_their_date_on_the_day_buttons(
    qtbot: object, host: Host, translations: Translations
) -> None:
    screen = SessionsScreen()
    host(screen, 1080, 1920)
    screen.show_sessions(FILMS[0], SESSIONS, today=TODAY, clock=lambda: NOW)
    days = [b.text() for b in screen._days.buttons()]
    assert days[:2] == ["今天 6月1日", "明天 6月2日"]
    translations.switch("en")
    assert formatting.day_label(TODAY, TODAY, dated=True) == "Today, Jun 1"
    assert formatting.day_label(TODAY, TODAY) == "Today"  # elsewhere it stays short


def test_session_tiles_get_their_lowest_price_from_connect(start_journey: StartJourney) -> None:
    journey = start_journey()
    w = journey.window
    store = journey.world.store
    tap(journey.qtbot, w.home.buy_button)
    journey.wait_for_screen(w.films)
    tap(journey.qtbot, w.films.cards()[0])
    journey.wait_for_screen(w.sessions)
    journey.qtbot.waitUntil(
        lambda: any(b.price.isVisible() for b in w.sessions.session_buttons()), timeout=5000
    )
    for tile in w.sessions.session_buttons():
        if not tile.price.isVisible():
            continue
        session = store.sessions[tile.session.session_id]
        cheapest = min(t.price_fen for t in session.ticket_types if t.price_fen > 0)
        assert tile.price.text() == f"{formatting.money(cheapest)} 起"
        assert tile.ends.isVisible()


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1348, 1080)])
def test_a_tile_with_its_end_price_and_few_seats_shows_them_whole(
    qtbot: object, host: Host, translations: Translations, language: str, size: tuple[int, int]
) -> None:
    translations.switch("zh" if language == "zh" else "en")
    sessions = [
        replace(s, ends_at=s.starts_at + dt.timedelta(minutes=176), seats_available=8)
        for s in SESSIONS
    ]
    screen = SessionsScreen()
    host(screen, *size)
    screen.show_sessions(FILMS[0], sessions, today=TODAY, clock=lambda: NOW)
    screen.show_prices({s.session_id: 12800 for s in sessions})
    qtbot.wait(5)  # type: ignore[attr-defined]
    assert labels_cut_off(screen) == []
    assert clipped_buttons(screen) == []
