"""Every screen in both languages and both orientations, saved for people to look at.

The PNGs land in artifacts/screens/ (git-ignored). The test also holds the
layout rules a patron relies on: nothing pushes the window beyond the panel and
every visible button is at least a touch target tall.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.availability import Checks, Reason, decide
from kiosk.flows.collect_errors import BookingShowEnded
from kiosk.printing.status import PrinterStatus
from kiosk.qt import QAbstractButton, QWidget
from kiosk.qt.i18n import Translations
from kiosk.settings import Settings
from kiosk.ui.demo_panel import GAP, PANEL_WIDTH
from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import TOUCH_PX
from kiosk.ui.viewmodels import CollectProblem, ErrorKind, PrintStoppedView, ProgressStep
from kiosk.ui.widgets.busy import getting_ready
from kiosk.ui.widgets.keypad import SMALLEST_TEXT_PX
from kiosk.ui.widgets.seat_rules import Refusal

from .layout_checks import (
    boxed_labels_without_padding,
    buttons_cut_off,
    clipped_buttons,
    labels_cut_off,
    overlapping_buttons,
    scroll_areas_without_touch,
)
from .samples import (
    COLLECT_ORDER,
    DONE,
    FILMS,
    NOW,
    ORDER,
    PAYMENT,
    SESSIONS,
    TICKET_TYPES,
    TODAY,
    plan,
)

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
SIZES = {
    "portrait": (1080, 1920),
    "landscape": (1920, 1080),
    # `kiosk demo` on a 1920x1080 screen: the kiosk window beside the demo panel.
    "demo": (1920 - PANEL_WIDTH - GAP, 1080),
}

# Buttons on the seat map legend are swatches, not buttons; everything tappable is checked.
MIN_TAP_PX = TOUCH_PX - 8


def _fill(win: MainWindow) -> None:
    win.home.set_cinema_name("星光国际影城（万达广场店）")
    win.films.show_films(FILMS)
    win.sessions.show_sessions(FILMS[0], SESSIONS, today=TODAY, clock=lambda: NOW)
    win.ticket_types.show_ticket_types(FILMS[0], SESSIONS[0], TICKET_TYPES)
    win.ticket_types.change("ADULT", 1)
    win.ticket_types.change("STUDENT", 1)
    win.seats.set_plan(plan(14, 24, sofa_rows=2, aisle=12), {"0000000001": 2})
    win.seats.seat_map.toggle((1, 6, 10))
    win.review.show_order(ORDER, 283)
    win.payment.show_payment(PAYMENT)
    win.progress.show_step(ProgressStep.PRINTING, 1, 2)
    win.done.show_done(DONE)
    win.collect_entry.field.setText("8k3f7")
    win.collect_review.show_order(COLLECT_ORDER)
    win.error.show_kind(ErrorKind.PRINTER_OUT_OF_PAPER, reference="K01-142233")
    # Three tickets: one out, one stopped mid-way by the paper end, one never started.
    win.print_stopped.show_stopped(PrintStoppedView(1, 3, "WQNX8JL", in_doubt=1))
    win.out_of_service.show_reasons([Reason.PRINTER_PAPER_OUT])


def _checked_layout(screen: QWidget, name: str) -> None:
    assert _small_buttons(screen) == [], name
    assert overlapping_buttons(screen) == [], name
    assert boxed_labels_without_padding(screen) == [], name
    assert clipped_buttons(screen) == [], name
    assert buttons_cut_off(screen) == [], name
    assert labels_cut_off(screen) == [], name


def _settle(qtbot: object) -> None:
    """Let posted layout and polish events run, as they would before the next frame."""
    qtbot.wait(1)  # type: ignore[attr-defined]


def _small_buttons(widget: QWidget) -> list[str]:
    return [
        f"{b.text()!r} {b.height()}px"
        for b in widget.findChildren(QAbstractButton)
        if b.isVisible() and b.height() < MIN_TAP_PX
    ]


@pytest.mark.ui
@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("orientation", list(SIZES))
def test_every_screen_renders(
    qtbot: object,
    settings: Settings,
    translations: Translations,
    language: str,
    orientation: str,
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    width, height = SIZES[orientation]
    win.resize(width, height)
    win.show()
    win.set_language("zh" if language == "zh" else "en")
    _fill(win)
    for screen in win.screens():
        win.show_screen(screen)
        if screen is win.seats:
            win.seats.seat_map.toggle((1, 0, 0))
        name = type(screen).__name__
        _settle(qtbot)
        hint = screen.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height, (name, hint)
        image = win.grab()
        image.save(str(OUT / f"{orientation}-{language}-{name}.png"))
        assert _small_buttons(screen) == [], name
        assert overlapping_buttons(screen) == [], name
        assert boxed_labels_without_padding(screen) == [], name
        assert clipped_buttons(screen) == [], name
        assert buttons_cut_off(screen) == [], name
        assert labels_cut_off(screen) == [], name
        assert scroll_areas_without_touch(screen) == [], name
    win.seats.show_seats_taken(plan(14, 24, sofa_rows=2, aisle=12), {"0000000001": 2})
    win.show_screen(win.seats)
    assert win.seats.seat_map.toggle((2, 0, 1)) is Refusal.WRONG_AREA
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-SeatsScreenTaken.png"))
    # The refusal switched the status line to a boxed problem: it must get its padding,
    # and stay a sentence-sized box beside Confirm rather than fill the side column.
    assert boxed_labels_without_padding(win.seats) == []
    status = win.seats._status
    assert status.height() < 3 * status.sizeHint().height(), status.height()
    win.show_screen(win.collect_entry)
    # The longest thing a patron types (a 16-digit booking number) shows whole.
    field = win.collect_entry.field
    field.setText("0000000000111972")
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-CollectEntryLongNumber.png"))
    text_width = field.fontMetrics().horizontalAdvance(field.text())
    assert text_width <= field.text_room_px(), (text_width, field.text_room_px())
    assert field.text_px() >= SMALLEST_TEXT_PX
    # A problem takes the instructions' place; the keypad stays whole under each.
    for problem in CollectProblem:
        win.collect_entry.show_problem(problem, lock_s=60)
        _settle(qtbot)
        assert clipped_buttons(win.collect_entry) == [], problem
        assert buttons_cut_off(win.collect_entry) == [], problem
        assert overlapping_buttons(win.collect_entry) == [], problem
    win.collect_entry.show_problem(CollectProblem.NOT_FOUND)
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-CollectEntryProblem.png"))
    win.error.show_refusal(BookingShowEnded())
    win.show_screen(win.error)
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-ErrorRefusal.png"))
    # A path that cannot finish says why on its tile; the other stays as it was.
    win.set_availability(decide(Checks(payment=False)))
    win.show_screen(win.home)
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-HomeBuyUnavailable.png"))
    _checked_layout(win.home, "HomeBuyUnavailable")
    win.set_availability(decide(Checks(printer=PrinterStatus(paper_present=False))))
    win.show_screen(win.home)
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-HomeBothUnavailable.png"))
    _checked_layout(win.home, "HomeBothUnavailable")
    # Each path down for its own reason: the out-of-service screen names both.
    win.set_availability(decide(Checks(payment=False, sarft=False)))
    assert win.current_screen() is win.out_of_service
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-OutOfServiceTwoReasons.png"))
    _checked_layout(win.out_of_service, "OutOfServiceTwoReasons")
    win.print_stopped.show_stopped(PrintStoppedView(0, 8, "K7Q2M9XW3P", in_doubt=0))
    win.show_screen(win.print_stopped)
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-PrintStoppedNoneOut.png"))
    _checked_layout(win.print_stopped, "PrintStoppedNoneOut")
    win.show_screen(win.payment)
    win.still_there.open_prompt(20)
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-StillThere.png"))
    win.still_there.close_prompt()
    win.busy.start(getting_ready)
    qtbot.waitUntil(win.busy.isVisible)  # type: ignore[attr-defined]
    _settle(qtbot)
    win.grab().save(str(OUT / f"{orientation}-{language}-Busy.png"))
    win.admin_exit()
