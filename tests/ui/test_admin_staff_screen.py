"""The staff screen as staff use it, tapping: a PIN pad that holds still, tabs that open
at their top, reprint results brought into view, and an idle logout of its own."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.qt import QPoint, QPushButton, QRect, Qt
from kiosk.ui.admin.admin_screen import AdminScreen
from kiosk.ui.admin.pin_dialog import PinScreen
from kiosk.ui.demo_panel import GAP, PANEL_WIDTH
from kiosk.ui.widgets.inactivity import IdlePolicy
from tests.ui.admin_fixtures import (  # noqa: F401 (fixtures)
    PIN,
    Admin,
    Run,
    admin_fixture,
    qloop_fixture,
    run_fixture,
)

pytestmark = pytest.mark.ui

DEMO = (1920 - PANEL_WIDTH - GAP, 1080)  # `kiosk demo`: the window beside its panel


def tap(qtbot: Any, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_pin(qtbot: Any, admin: Admin) -> PinScreen:
    for _ in range(5):
        qtbot.mouseClick(admin.window.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
        admin.clock.now += 0.2
    pin = admin.controller.pin
    qtbot.waitUntil(lambda: admin.window.current_screen() is pin)
    return pin


def type_pin(qtbot: Any, pin: PinScreen, digits: str) -> None:
    keys = {b.text(): b for b in pin.findChildren(QPushButton)}
    for digit in digits:
        tap(qtbot, keys[digit])
    tap(qtbot, pin.ok_button)


def login(qtbot: Any, admin: Admin) -> AdminScreen:
    type_pin(qtbot, open_pin(qtbot, admin), PIN)
    screen = admin.controller.admin
    qtbot.waitUntil(lambda: admin.window.current_screen() is screen)
    return screen


def key_geometry(pin: PinScreen) -> dict[str, QRect]:
    """Where every key of the pad is on the panel."""
    window = pin.window()
    return {
        b.text() or b.accessibleName(): QRect(b.mapTo(window, QPoint(0, 0)), b.size())
        for b in pin.findChildren(QPushButton)
        if b.isVisible()
    }


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_pin_keys_stay_where_they_were_when_an_error_appears(
    qtbot: Any, admin: Admin, size: tuple[int, int]
) -> None:
    admin.window.resize(*size)
    pin = open_pin(qtbot, admin)
    qtbot.wait(1)
    before = key_geometry(pin)
    assert {"0", "1", "9"} <= set(before)
    type_pin(qtbot, pin, "1111")
    qtbot.waitUntil(lambda: pin.message.isVisible() and "1" in pin.message.text())
    qtbot.wait(1)
    assert key_geometry(pin) == before
    for _ in range(4):  # the fifth locks: a longer message
        shown = pin.message.text()
        type_pin(qtbot, pin, "1111")
        qtbot.waitUntil(lambda shown=shown: pin.message.text() != shown)
        assert key_geometry(pin) == before
    assert pin._guard.locked_for() > 0
    qtbot.wait(1)
    assert pin.message.isVisible()
    assert key_geometry(pin) == before


def test_each_tab_opens_at_its_top_and_reprint_results_scroll_into_view(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    booking = admin.kit.booking(2)
    run(admin.kit.flow.print_tickets(run(admin.kit.flow.lookup(booking.booking_id))))
    admin.window.resize(*DEMO)
    screen = login(qtbot, admin)
    tabs = {b.text(): b for b in screen.tabs.buttons()}
    tap(qtbot, tabs["补打"])
    reprint = screen.scroll_of(screen.reprint).verticalScrollBar()
    qtbot.wait(1)
    assert reprint.maximum() > 0  # the keypad above the results: it does scroll here
    reprint.setValue(reprint.maximum())
    tap(qtbot, tabs["工具"])
    qtbot.wait(1)
    assert screen.scroll_of(screen.tools).verticalScrollBar().value() == 0
    assert not screen.tools.test_print_button.visibleRegion().isEmpty()
    tap(qtbot, tabs["补打"])
    qtbot.wait(1)
    assert reprint.value() == 0
    assert not screen.reprint.field.visibleRegion().isEmpty()
    keys = {b.text(): b for b in screen.reprint.keypad.findChildren(QPushButton)}
    for char in booking.booking_id:
        tap(qtbot, keys[char])
    tap(qtbot, screen.reprint.search_button)
    qtbot.waitUntil(lambda: len(screen.reprint.rows) == 2 and screen.reprint.isEnabled())
    # The answer and the first ticket's Reprint button are on the panel, not below it.
    qtbot.waitUntil(lambda: reprint.value() > 0)
    assert not screen.reprint.status.visibleRegion().isEmpty()
    assert not screen.reprint.rows[0].button.visibleRegion().isEmpty()


def test_staff_are_signed_out_when_idle_and_never_see_the_patron_prompt(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    window, controller = admin.window, admin.controller
    assert admin.services.settings.admin_idle_s == 120
    assert controller.idle.timer.interval() == 120_000
    screen = login(qtbot, admin)
    assert window.inactivity.policy is IdlePolicy.OFF
    assert controller.idle.armed()
    # Two minutes of patience shortened to a blink: the same timer, shorter.
    controller.idle.timer.setInterval(400)
    tabs = screen.tabs.buttons()
    for index in (1, 2, 3, 4, 0, 1):  # staff at work: each tap restarts the clock
        tap(qtbot, tabs[index])
        qtbot.wait(150)
    assert window.current_screen() is screen
    qtbot.waitUntil(lambda: window.current_screen() is window.home, timeout=3000)
    assert not window.still_there.isVisible()
    assert not controller.idle.armed()
    logouts = [e for e in run(admin.kit.journal.audit_log(None)) if e.action == "admin_logout"]
    assert [(e.actor, e.reason) for e in logouts] == [("staff", "idle for 120 s")]
    # The PIN pad left open goes home too, with nothing to audit.
    pin = open_pin(qtbot, admin)
    assert window.inactivity.policy is IdlePolicy.OFF
    qtbot.waitUntil(lambda: window.current_screen() is window.home, timeout=3000)
    assert window.current_screen() is not pin
