"""The pickup keypad as patrons meet it, against the simulators: each wrong code makes
the next wait, counted down live on 查询我的票, which cannot be tapped meanwhile; the
last tries are announced; after too many the patron is asked to wait or see staff,
and 重新开始 leaves nothing of it for the next patron. A kiosk-wide limit stops anyone
starting over between guesses. Screenshots go to artifacts/pickup/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.flows.pickup_code import KIOSK_LIMIT
from kiosk.qt import QPoint, QPushButton, QRect
from kiosk.qt.i18n import Translations
from kiosk.settings import Settings
from kiosk.ui.main_window import MainWindow
from kiosk.ui.viewmodels import CollectProblem

from .journey_fixtures import Journey, StartJourney, run, tap
from .layout_checks import buttons_cut_off, clipped_buttons, labels_cut_off
from .test_ui_screenshots import SIZES

pytest_plugins = ["tests.ui.journey_fixtures"]
pytestmark = pytest.mark.ui

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "pickup"
WRONG = "ZZZZ9Q9"  # a possible code that no booking has
RIGHT = "WQNX8JL"


def _shoot(journey: Journey, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    journey.qtbot.wait(30)
    assert journey.window.grab().save(str(OUT / f"{name}.png"))


def _enter(journey: Journey, code: str) -> None:
    entry = journey.window.collect_entry
    entry.field.clear()
    journey.qtbot.keyClicks(entry.field, code)
    tap(journey.qtbot, entry.continue_button)


def _wrong(journey: Journey) -> None:
    """A wrong code, then the wait it brings, as a patron would sit it out."""
    entry = journey.window.collect_entry
    _enter(journey, WRONG)
    journey.qtbot.waitUntil(lambda: not journey.window.busy.isVisible())
    journey.qtbot.waitUntil(entry.continue_button.isEnabled, timeout=20_000)


def _to_entry(journey: Journey) -> None:
    tap(journey.qtbot, journey.window.home.collect_button)
    journey.wait_for_screen(journey.window.collect_entry)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_wrong_code_waits_live_and_the_last_tries_are_announced(
    start_journey: StartJourney, language: str
) -> None:
    journey = start_journey(language=language, pickup_delay_s=1.5)
    w = journey.window
    entry = w.collect_entry
    _to_entry(journey)
    ready = entry.continue_button.text()
    _enter(journey, WRONG)
    journey.qtbot.waitUntil(lambda: entry._problem is CollectProblem.NOT_FOUND)
    button = entry.continue_button
    assert not button.isEnabled()  # 查询我的票 waits too
    first = button.text()
    assert first != ready and "2" in first
    _shoot(journey, f"{language}-1-waiting")
    journey.qtbot.waitUntil(lambda: button.text() != first, timeout=1500)  # it ticks
    assert "1" in button.text() and not button.isEnabled()
    journey.qtbot.keyClick(entry.field, "\r")  # a scanner's Enter meanwhile is not taken
    assert not w.busy.isVisible() and entry._problem is CollectProblem.NOT_FOUND
    journey.qtbot.waitUntil(button.isEnabled, timeout=2500)
    assert button.text() == ready
    # two more wrong codes: three made, two left, and the patron is told before them
    problem = entry._problem_label
    assert not any(ch in problem.text() for ch in ("2 tries", "再试 2"))
    for _ in range(2):
        _wrong(journey)
    _enter(journey, WRONG)
    journey.qtbot.waitUntil(lambda: "1" in problem.text() and not button.isEnabled())
    assert ("1 try left" if language == "en" else "还可再试 1 次") in problem.text()
    _shoot(journey, f"{language}-2-last-try")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_after_too_many_the_next_patron_is_not_locked_out(
    start_journey: StartJourney, language: str
) -> None:
    journey = start_journey(language=language, pickup_delay_s=0.05)
    w = journey.window
    entry = w.collect_entry
    _to_entry(journey)
    for _ in range(4):
        _wrong(journey)
    _enter(journey, WRONG)
    journey.qtbot.waitUntil(lambda: entry._problem is CollectProblem.TOO_MANY_TRIES)
    button = entry.continue_button
    assert not button.isEnabled()
    shown = entry._problem_label.text()
    assert "60" in shown or "59" in shown
    _shoot(journey, f"{language}-3-too-many")
    journey.qtbot.waitUntil(lambda: entry._problem_label.text() != shown, timeout=1500)
    entry.field.clear()
    journey.qtbot.keyClicks(entry.field, RIGHT)
    journey.qtbot.keyClick(entry.field, "\r")  # even the right code waits, scanned too
    assert w.current_screen() is entry and not w.busy.isVisible()
    tap(journey.qtbot, entry.header._home)  # 重新开始
    journey.wait_for_screen(w.home)
    _to_entry(journey)  # the next patron, with a good code
    assert entry._problem is None and entry._problem_label.isHidden()
    _enter(journey, RIGHT)
    journey.wait_for_screen(w.collect_review)


def test_starting_over_between_guesses_stops_at_the_kiosk_wide_limit(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(
        pickup_delay_s=0.05, pickup_kiosk_max_failures=6, pickup_kiosk_window_s=600
    )
    w = journey.window
    entry = w.collect_entry
    for _ in range(3):  # two wrong codes, then 重新开始: three "patrons"
        _to_entry(journey)
        _wrong(journey)
        _wrong(journey)
        tap(journey.qtbot, entry.header._home)
        journey.wait_for_screen(w.home)
    _to_entry(journey)  # whoever comes next is told at once, before typing in vain
    journey.qtbot.waitUntil(lambda: entry._problem is CollectProblem.KIOSK_PAUSED)
    assert not entry.continue_button.isEnabled()
    _shoot(journey, "zh-4-kiosk-paused")
    journey.qtbot.keyClicks(entry.field, RIGHT)
    journey.qtbot.keyClick(entry.field, "\r")  # scanned: not taken either
    assert w.current_screen() is entry and not w.busy.isVisible()
    audit = run(journey.qtbot, journey.kiosk.services.journal.audit_log(None))
    assert [e.reason for e in audit].count(KIOSK_LIMIT) == 1


def test_a_code_read_with_the_letter_o_finds_its_booking(start_journey: StartJourney) -> None:
    journey = start_journey()
    store = journey.world.store
    booking = store.bookings.pop(RIGHT)
    booking.booking_id = "W7T801I"  # the demo mixes 0/O and 1/I in its codes
    store.bookings[booking.booking_id] = booking
    _to_entry(journey)
    _enter(journey, "W7T8O1I")
    journey.wait_for_screen(journey.window.collect_review)
    assert journey.kiosk.services.collect.guard.failures == 0


STATES = {
    "waiting": (CollectProblem.NOT_FOUND, 4.0, 4),
    "warning": (CollectProblem.NOT_FOUND, 8.0, 2),
    "last-try": (CollectProblem.NOT_FOUND, 16.0, 1),
    "too-many": (CollectProblem.TOO_MANY_TRIES, 60.0, None),
    "kiosk-paused": (CollectProblem.KIOSK_PAUSED, 540.0, None),
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("orientation", list(SIZES))
def test_every_wait_fits_and_moves_no_key(
    qtbot: QtBot, settings: Settings, translations: Translations, language: str, orientation: str
) -> None:
    """Each state of the pickup screen on each panel: whole, nothing cut off, and the
    keys exactly where they were before the problem appeared."""
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)
    win.resize(*SIZES[orientation])
    win.show()
    win.set_language("zh" if language == "zh" else "en")
    entry = win.collect_entry
    win.show_screen(entry)
    entry.field.setText("W7T8O1I")
    qtbot.wait(5)

    def keys() -> list[QRect]:
        return [
            QRect(k.mapTo(win, QPoint(0, 0)), k.size())
            for k in entry.keypad.findChildren(QPushButton)
        ]

    before = keys()
    for name, (problem, wait_s, tries) in STATES.items():
        entry.show_problem(problem, wait_s, tries_left=tries, pause_s=60.0)
        qtbot.wait(5)
        assert not entry.continue_button.isEnabled(), name
        assert buttons_cut_off(entry) == [], name
        assert clipped_buttons(entry) == [], name
        assert labels_cut_off(entry) == [], name
        if orientation != "portrait":  # stacked, a taller sentence may push the keys
            assert keys() == before, name
        OUT.mkdir(parents=True, exist_ok=True)
        win.grab().save(str(OUT / f"{orientation}-{language}-{name}.png"))
    entry.reset()  # the next patron: no wait, no problem
    entry.field.setText("WQNX8JL")
    assert entry.continue_button.isEnabled() and entry._problem is None
