"""Staff walk every tab of the admin screen in both languages, tapping, on a kiosk that
has sold, held and collected: every label and button reads in that language, and
none shows a program's forms (ISO times, JSON, fen, journal names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.flows.ticket_labels import TicketLabels
from kiosk.journal.models import BOOKING_ID, OUT_TRADE_NO
from kiosk.qt import QPoint, QPushButton, Qt
from kiosk.qt.aio import running_tasks
from kiosk.sim.phone import pay_with_simulator
from kiosk.ui.admin.admin_screen import AdminScreen
from kiosk.ui.admin.wording import reference_text

from .admin_fixtures import PIN, PIN_HASH
from .journey_fixtures import Journey, StartJourney, run, tap
from .language_checks import foreign, machine_forms, visible_texts
from .layout_checks import labels_cut_off
from .test_journeys import _bookable_session_id, _hold_two_seats, _tap_seats, _to_seats

pytest_plugins = ["tests.ui.journey_fixtures"]
pytestmark = pytest.mark.ui

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "admin"
# Journal names that must never reach staff as they are.
RAW_NAMES = (
    "awaiting_staff",
    "tickets_owed",
    "online_agent",
    "pickup_code",
    "hold_expires_at",
    "total_fen",
    "amount_fen",
    "ticket_labels",
    "COMPLETED",
    "LOCKED",
    "collected",
)


def _buy(journey: Journey) -> None:
    """Two seats bought by tapping, paid from the simulated phone, printed."""
    w = journey.window
    _tap_seats(journey, _to_seats(journey, _bookable_session_id(journey)))
    tap(journey.qtbot, w.seats.confirm_button)
    journey.wait_for_screen(w.review)
    tap(journey.qtbot, w.review.pay_button)
    journey.wait_for_screen(w.payment)
    flow = journey.kiosk.purchase.flow
    assert flow is not None and flow.txn_id is not None
    run(journey.qtbot, pay_with_simulator(journey.kiosk.services.settings.payment_url, flow.txn_id))
    journey.wait_for_screen(w.done)
    tap(journey.qtbot, w.done.finish_button)
    journey.wait_for_screen(w.home)


def _collect(journey: Journey, code: str) -> None:
    w = journey.window
    tap(journey.qtbot, w.home.collect_button)
    journey.wait_for_screen(w.collect_entry)
    journey.qtbot.keyClicks(w.collect_entry.field, code)
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.wait_for_screen(w.collect_review)
    tap(journey.qtbot, w.collect_review.print_button)
    journey.wait_for_screen(w.done)
    tap(journey.qtbot, w.done.finish_button)
    journey.wait_for_screen(w.home)


def _login(journey: Journey) -> AdminScreen:
    w, qtbot = journey.window, journey.qtbot
    for _ in range(5):
        qtbot.mouseClick(w.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    pin = journey.kiosk.admin.pin  # type: ignore[attr-defined]
    journey.wait_for_screen(pin)
    keys = {b.text(): b for b in pin.findChildren(QPushButton)}
    for digit in PIN:
        tap(qtbot, keys[digit])
    tap(qtbot, pin.ok_button)
    screen: AdminScreen = journey.kiosk.admin.admin  # type: ignore[attr-defined]
    journey.wait_for_screen(screen)
    return screen


def _data(journey: Journey) -> list[str]:
    """What the journal holds as the cinema or the payment named it: codes, numbers,
    VISTA's ticket type names. These read as they are in either language."""
    journal = journey.kiosk.services.journal
    found: set[str] = set()
    for txn in run(journey.qtbot, journal.latest(None)):
        found |= {txn.id, reference_text(txn.id)}
        found |= {str(txn.summary[k]) for k in (BOOKING_ID, OUT_TRADE_NO) if k in txn.summary}
        found |= {name for _, name in TicketLabels.from_summary(txn.summary).types if name}
        for ticket in run(journey.qtbot, journal.printed(txn.id)):
            found.add(ticket.ticket_code)
    return sorted(found)


def test_every_admin_tab_reads_in_its_language_without_raw_fields(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(admin_pin_hash=PIN_HASH)
    _buy(journey)
    _collect(journey, "wqnx8jl")
    # Seats held by a purchase nobody finished: open, under Attention, with its hold.
    held = run(journey.qtbot, _hold_two_seats(journey, _bookable_session_id(journey)))
    qtbot = journey.qtbot
    screen = _login(journey)
    data = _data(journey)
    OUT.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    seen = ""
    for language in ("zh", "en"):
        if language == "en":
            tap(qtbot, screen.language_button)
        for index, tab in enumerate(screen.tabs.buttons()):
            tap(qtbot, tab)
            qtbot.waitUntil(lambda: not running_tasks(), timeout=15000)
            section = screen.current_section()
            if section is screen.reprint:
                tap(qtbot, screen.reprint.range_buttons["week"])
                qtbot.waitUntil(lambda: bool(screen.reprint.rows) and screen.reprint.isEnabled())
            qtbot.wait(1)
            journey.window.grab().save(str(OUT / f"walk_{index}_{language}.png"))
            texts = visible_texts(screen, scrolled_too=True)
            seen += "\n".join(texts)
            where = f"{language} {tab.text()}"
            problems += [f"{where}: other language: {t}" for t in foreign(texts, language, data)]
            problems += [f"{where}: machine form: {t}" for t in machine_forms(texts)]
            problems += [
                f"{where}: raw {name}: {t}" for t in texts for name in RAW_NAMES if name in t
            ]
            problems += [f"{where}: cut off: {p}" for p in labels_cut_off(section)]
    assert problems == []
    # The walk did read the facts it is about (not an empty screen passing every check).
    assert "座位：" in seen and "Seats: Row " in seen
    assert "到期" in seen and "Seat hold: expires " in seen
    assert "¥" in seen and "查询码" in seen and "Reference" in seen
    assert held.txn_id is not None
