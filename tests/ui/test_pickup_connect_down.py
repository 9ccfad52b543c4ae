"""The pickup screen while Connect is down, tapped through the real kiosk over loopback.

The patron types the code, is asked for the booking number as well with one line
saying why, sees nothing of the booking but its ticket count, and the tap to print
proves the code through SARFT; a QR code carrying both fills both fields.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.qt import QLabel, Qt
from kiosk.qt.i18n import Translations
from kiosk.settings import Settings
from kiosk.sim.store import SimBooking
from kiosk.ui.main_window import MainWindow
from kiosk.ui.viewmodels import CollectProblem
from tests.helpers.printed import printed_pngs

from .journey_fixtures import Journey, StartJourney, tap
from .layout_checks import buttons_cut_off, clipped_buttons, labels_cut_off, overlapping_buttons
from .test_ui_screenshots import OUT, SIZES

pytest_plugins = ["tests.ui.journey_fixtures"]
pytestmark = pytest.mark.ui

CONNECT_DOWN = "connect.*=drop_request"


def _booking(journey: Journey) -> SimBooking:
    return next(b for b in journey.world.store.bookings.values() if b.booking_id == "WQNX8JL")


def _on_screen(journey: Journey) -> str:
    screen = journey.window.current_screen()
    return "\n".join(label.text() for label in screen.findChildren(QLabel) if label.isVisible())


def _pngs(journey: Journey) -> list[Path]:
    return printed_pngs(journey.cluster, journey.printed)


def _open_entry(journey: Journey) -> None:
    w = journey.window
    journey.world.faults.add([CONNECT_DOWN])
    journey.qtbot.waitUntil(lambda: w.home.collect_button.isEnabled(), timeout=10000)
    tap(journey.qtbot, w.home.collect_button)
    journey.wait_for_screen(w.collect_entry)


def test_the_number_is_asked_for_and_only_the_count_shown_before_printing(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()
    w = journey.window
    booking = _booking(journey)
    _open_entry(journey)
    assert not w.collect_entry.number_field.isVisible()

    journey.qtbot.keyClicks(w.collect_entry.field, "wqnx8jl")
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.qtbot.waitUntil(
        lambda: w.collect_entry._problem is CollectProblem.NUMBER_NEEDED, timeout=10000
    )
    assert w.current_screen() is w.collect_entry and not w.busy.isVisible()
    assert w.collect_entry.number_field.isVisible() and w.collect_entry.number_field.hasFocus()
    # Word joiners (U+2060) keep the last words on one line; they are not read.
    why = w.collect_entry._problem_label.text().replace("\u2060", "")
    assert "订单号" in why and "\n" not in why  # one line says why

    tap(journey.qtbot, w.collect_entry.keypad._chars.buttons()[0])  # the keypad types there
    assert w.collect_entry.number_field.text() == "1"
    w.collect_entry.number_field.clear()
    journey.qtbot.keyClicks(w.collect_entry.number_field, str(booking.booking_number))
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.wait_for_screen(w.collect_review)

    shown = _on_screen(journey)
    assert str(len(booking.tickets)) in w.collect_review._count.text()
    for ticket in booking.tickets:
        assert ticket.seat_label not in shown and ticket.ticket_code not in shown
    film = journey.world.store.films[journey.world.store.sessions[booking.session_id].film_id]
    assert film.title not in shown
    assert _pngs(journey) == [], "nothing prints before the patron agrees"

    tap(journey.qtbot, w.collect_review.print_button)
    journey.wait_for_screen(w.done, timeout_ms=20000)
    assert booking.print_state == "printed"
    assert len(_pngs(journey)) == len(booking.tickets)


def test_a_wrong_code_refused_at_the_tap_goes_back_to_the_keypad(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()
    w = journey.window
    booking = _booking(journey)
    _open_entry(journey)
    journey.qtbot.keyClicks(w.collect_entry.field, "ZZZZZZ9")
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.qtbot.waitUntil(lambda: w.collect_entry.number_field.isVisible(), timeout=10000)
    journey.qtbot.keyClicks(w.collect_entry.number_field, str(booking.booking_number))
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.wait_for_screen(w.collect_review)

    tap(journey.qtbot, w.collect_review.print_button)
    journey.wait_for_screen(w.collect_entry)
    journey.qtbot.waitUntil(lambda: w.collect_entry._problem is CollectProblem.NOT_FOUND)
    assert w.collect_entry.field.text() == "ZZZZZZ9"  # as typed, to correct
    assert journey.kiosk.services.collect.guard.failures == 1
    assert booking.print_state == "unprinted" and _pngs(journey) == []


def test_a_scanned_qr_with_both_fills_both_fields(start_journey: StartJourney) -> None:
    journey = start_journey()
    w = journey.window
    booking = _booking(journey)
    _open_entry(journey)
    # a keyboard-wedge scanner types the QR's text and presses Enter
    journey.qtbot.keyClicks(w.collect_entry.field, f"WQNX8JL|{booking.booking_number}")
    journey.qtbot.keyClick(w.collect_entry.field, Qt.Key.Key_Return)
    journey.wait_for_screen(w.collect_review)
    assert w.collect_entry.field.text() == "WQNX8JL"
    assert w.collect_entry.number_field.text() == str(booking.booking_number)
    assert str(len(booking.tickets)) in w.collect_review._count.text()


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("orientation", list(SIZES))
def test_the_two_fields_and_the_why_fit_every_panel(
    qtbot: object,
    settings: Settings,
    translations: Translations,
    language: str,
    orientation: str,
) -> None:
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(*SIZES[orientation])
    win.show()
    win.set_language("zh" if language == "zh" else "en")
    win.show_screen(win.collect_entry)
    win.collect_entry.field.setText("WQNX8JL")
    win.collect_entry.ask_number()
    win.collect_entry.number_field.setText("0000000000111972")
    qtbot.wait(50)  # type: ignore[attr-defined]
    OUT.mkdir(parents=True, exist_ok=True)
    win.grab().save(str(OUT / f"{orientation}-{language}-CollectEntryNumberNeeded.png"))
    screen = win.collect_entry
    assert clipped_buttons(screen) == [] and buttons_cut_off(screen) == []
    assert overlapping_buttons(screen) == [] and labels_cut_off(screen) == []
    field = screen.number_field
    assert field.isVisible() and field.height() >= screen.field.height() * 0.9
    inside = win.rect().contains(field.mapTo(win, field.rect().bottomRight()))
    assert inside, "the number field is on the panel"
    assert field.fontMetrics().horizontalAdvance(field.text()) <= field.text_room_px()

    win.collect_review.show_unproven(3)
    win.show_screen(win.collect_review)
    qtbot.wait(50)  # type: ignore[attr-defined]
    win.grab().save(str(OUT / f"{orientation}-{language}-CollectReviewUnproven.png"))
    assert "3" in win.collect_review._count.text()
    assert labels_cut_off(win.collect_review) == []
