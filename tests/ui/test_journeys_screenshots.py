"""A real purchase and a real collection, photographed step by step in both languages.

The pictures go to artifacts/journeys/ for people to look at as a patron would;
the test itself checks that every step was reached and rendered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.qt import QWidget
from kiosk.sim.phone import pay_with_simulator

from .journey_fixtures import Journey, StartJourney, run, tap
from .test_journeys import _bookable_session_id, _tap_seats, _to_seats

pytest_plugins = ["tests.ui.journey_fixtures"]
pytestmark = pytest.mark.ui

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "journeys"


def _shoot(journey: Journey, name: str, screen: QWidget) -> Path:
    journey.wait_for_screen(screen)
    journey.qtbot.wait(50)
    path = OUT / f"{name}.png"
    assert journey.window.grab().save(str(path))
    return path


@pytest.mark.parametrize("language", ["zh", "en"])
def test_photograph_a_purchase_and_a_collection(start_journey: StartJourney, language: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    journey = start_journey(language=language)
    w = journey.window
    shots = [_shoot(journey, f"{language}-01-home", w.home)]
    seats = _to_seats(journey, _bookable_session_id(journey))
    _tap_seats(journey, seats)
    shots.append(_shoot(journey, f"{language}-05-seats", w.seats))
    tap(journey.qtbot, w.seats.confirm_button)
    shots.append(_shoot(journey, f"{language}-06-review", w.review))
    tap(journey.qtbot, w.review.pay_button)
    shots.append(_shoot(journey, f"{language}-07-payment", w.payment))
    flow = journey.kiosk.purchase.flow
    assert flow is not None and flow.txn_id is not None
    run(journey.qtbot, pay_with_simulator(journey.kiosk.services.settings.payment_url, flow.txn_id))
    shots.append(_shoot(journey, f"{language}-08-done", w.done))
    tap(journey.qtbot, w.done.finish_button)
    tap(journey.qtbot, w.home.collect_button)
    journey.qtbot.keyClicks(w.collect_entry.field, "ZZZZ9999")
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.qtbot.waitUntil(w.collect_entry._problem_label.isVisible)
    shots.append(_shoot(journey, f"{language}-09-wrong-code", w.collect_entry))
    w.collect_entry.field.clear()
    journey.qtbot.keyClicks(w.collect_entry.field, "WQNX8JL")
    # a wrong code makes the next try wait a little (counted down on the button)
    journey.qtbot.waitUntil(w.collect_entry.continue_button.isEnabled, timeout=5000)
    tap(journey.qtbot, w.collect_entry.continue_button)
    shots.append(_shoot(journey, f"{language}-10-collect-review", w.collect_review))
    tap(journey.qtbot, w.collect_review.print_button)
    shots.append(_shoot(journey, f"{language}-11-collect-done", w.done))
    assert all(p.stat().st_size > 10_000 for p in shots)
