"""The sessions screen: sold-out and closed sessions look different and cannot be tapped."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kiosk.domain import Session
from kiosk.qt.i18n import Translations
from kiosk.ui.controllers.adapters import session_view
from kiosk.ui.formatting import NO_BREAK_SPACE, WORD_JOINER
from kiosk.ui.screens.sessions import SessionsScreen

from .conftest import Host
from .samples import FILMS, NOW, SESSIONS, TODAY, at


def _screen(qtbot: object, host: Host, now: dt.datetime) -> SessionsScreen:
    screen = SessionsScreen()
    host(screen, 1080, 1920)
    screen.show_sessions(FILMS[0], SESSIONS, today=TODAY, clock=lambda: now)
    return screen


def _by_id(screen: SessionsScreen) -> dict[str, object]:
    return {b.session.session_id: b for b in screen.session_buttons()}


def test_sold_out_and_closed_sessions_are_dimmed_tagged_and_not_tappable(
    qtbot: object, host: Host, translations: Translations
) -> None:
    translations.switch("en")
    buttons = _by_id(_screen(qtbot, host, NOW))
    sold_out, closed, open_ = buttons["S3"], buttons["S8"], buttons["S1"]
    assert not sold_out.isEnabled() and sold_out.property("unavailable")  # type: ignore[attr-defined]
    assert sold_out.state.text() == "Sold out"  # type: ignore[attr-defined]
    assert not closed.isEnabled() and closed.property("unavailable")  # type: ignore[attr-defined]
    assert closed.state.text() == "Not on sale"  # type: ignore[attr-defined]
    assert open_.isEnabled() and not open_.property("unavailable")  # type: ignore[attr-defined]
    translations.switch("zh")
    assert _by_id(_screen(qtbot, host, NOW))["S8"].state.text() == "停售"  # type: ignore[attr-defined]


def test_a_session_greys_out_when_its_cutoff_passes_on_screen(qtbot: object, host: Host) -> None:
    now = [at(14, 40)]
    closing = replace(SESSIONS[0], on_sale_until=at(14, 50))
    screen = SessionsScreen()
    host(screen, 1080, 1920)
    screen.show_sessions(FILMS[0], [closing], today=TODAY, clock=lambda: now[0])
    assert _by_id(screen)["S1"].isEnabled()  # type: ignore[attr-defined]
    now[0] = at(14, 51)
    screen._recheck_sale()  # what the screen's timer does while it is shown
    assert not _by_id(screen)["S1"].isEnabled()  # type: ignore[attr-defined]


def test_the_adapter_carries_the_sale_cutoff() -> None:
    start = dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)
    session = Session(session_id="1", showtime=start, seats_available=0)
    view = session_view(session, dt.timedelta(minutes=20))
    assert view.sold_out
    assert view.on_sale_until == start + dt.timedelta(minutes=20)
    assert not view.sale_closed(start + dt.timedelta(minutes=19))
    assert view.sale_closed(start + dt.timedelta(minutes=20))
    assert session_view(session).on_sale_until is None


def test_a_hall_named_for_its_format_does_not_say_it_twice(qtbot: object, host: Host) -> None:
    imax = _by_id(_screen(qtbot, host, NOW))["S1"]  # hall "1号厅 IMAX", attributes IMAX, 3D
    shown = imax.detail.text().replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")  # type: ignore[attr-defined]
    assert shown == "1号厅 IMAX · 3D"


def test_a_tile_whose_words_wrap_grows_to_show_every_line(qtbot: object, host: Host) -> None:
    screen = SessionsScreen()
    host(screen, 1080, 1920)  # portrait: two tiles a row
    screen.show_sessions(FILMS[0], SESSIONS, today=TODAY, clock=lambda: NOW)
    tile = _by_id(screen)["S4"]  # "Hall 5 Laser · 2D · Original version": two lines
    detail = tile.detail  # type: ignore[attr-defined]

    def whole() -> None:  # the grid takes a layout pass or two to settle
        assert tile.width() < 1080 // 2  # type: ignore[attr-defined]  # placed in its column
        assert detail.height() >= detail.heightForWidth(detail.width())

    qtbot.waitUntil(whole, timeout=1000)  # type: ignore[attr-defined]
    assert detail.heightForWidth(detail.width()) > detail.fontMetrics().lineSpacing() * 3 // 2


def test_prices_are_written_on_the_tiles_already_shown(
    qtbot: object, host: Host, translations: Translations
) -> None:
    """Connect's prices come just after the screen is built: building it again for them
    held the event loop for as long as the first build."""
    screen = _screen(qtbot, host, NOW)
    tiles = screen.session_buttons()
    screen.show_prices({"S1": 3500, "S3": 4000})
    assert screen.session_buttons() == tiles and all(
        a is b for a, b in zip(screen.session_buttons(), tiles, strict=True)
    )
    by_id = _by_id(screen)
    assert by_id["S1"].price.text() == "¥35.00 起" and not by_id["S1"].price.isHidden()  # type: ignore[attr-defined]
    assert by_id["S3"].price.isHidden()  # type: ignore[attr-defined]  # sold out


def test_the_day_shown_tapped_again_keeps_its_tiles(qtbot: object, host: Host) -> None:
    screen = _screen(qtbot, host, NOW)
    first, second = screen.days()[:2]
    tiles = screen.session_buttons()
    screen.select_day(first)
    assert all(a is b for a, b in zip(screen.session_buttons(), tiles, strict=True))
    screen.select_day(second)
    assert {b.session.session_id for b in screen.session_buttons()} == {"S5", "S6"}


def test_the_next_film_is_shown_on_the_tiles_already_made(
    qtbot: object, host: Host, translations: Translations
) -> None:
    """A film's tap used to build its tiles anew (10-20 ms of the event loop): the
    screen keeps its tiles and day buttons, and shows each session on a tile of its
    kind (a sold-out or closed one is styled and laid out apart)."""
    translations.switch("en")
    screen = _screen(qtbot, host, NOW)
    made = {id(b) for b in screen.session_buttons()}
    days = list(screen._days.buttons())
    screen.show_sessions(FILMS[1], SESSIONS[3:4] + SESSIONS[5:6], today=TODAY, clock=lambda: NOW)
    tiles = screen.session_buttons()
    assert [t.session.session_id for t in tiles] == ["S4"]
    assert {id(t) for t in tiles} <= made and not tiles[0].unavailable
    assert tiles[0].state.isHidden() and tiles[0].time.text() == "21:30"
    assert screen._days.buttons() == days[:2]  # today and tomorrow
    assert all(b.isHidden() for b in days[2:])
    screen.show_sessions(FILMS[0], SESSIONS, today=TODAY, clock=lambda: NOW)
    by_id = _by_id(screen)
    assert {id(b) for b in by_id.values()} == made
    assert by_id["S3"].state.text() == "Sold out" and not by_id["S3"].isEnabled()  # type: ignore[attr-defined]
    assert by_id["S2"].state.text() == "Only 8 seats left"  # type: ignore[attr-defined]


def test_prices_already_known_are_on_the_tiles_as_they_are_built(
    qtbot: object, host: Host, translations: Translations
) -> None:
    translations.switch("zh")
    screen = SessionsScreen()
    host(screen, 1080, 1920)
    screen.show_sessions(FILMS[0], SESSIONS, today=TODAY, clock=lambda: NOW, prices={"S1": 3500})
    by_id = _by_id(screen)
    assert by_id["S1"].price.text() == "¥35.00 起" and not by_id["S1"].price.isHidden()  # type: ignore[attr-defined]
    assert by_id["S2"].price.isHidden()  # type: ignore[attr-defined]  # comes with show_prices
