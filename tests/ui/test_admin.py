"""The staff admin screen against the simulators: gesture, PIN, health, attention, reprint, exit."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtTest import QTest

from kiosk.flows.collect_errors import PartialPrint
from kiosk.qt import QPoint, Qt
from kiosk.ui.admin.admin_screen import AdminScreen
from kiosk.ui.admin.attention_section import TransactionCard
from kiosk.ui.admin.pin_dialog import PinScreen
from kiosk.ui.admin.reprint_section import ReprintSection
from tests.ui.admin_fixtures import (  # noqa: F401 (fixtures)
    LI_WEI_PIN,
    PIN,
    Admin,
    Run,
    admin_fixture,
    qloop_fixture,
    run_fixture,
)

pytestmark = pytest.mark.ui


def tap_corner(qtbot: Any, admin: Admin, times: int, every_s: float = 0.2) -> None:
    """Clicks through the window's QWindow, the way the platform delivers them."""
    for _ in range(times):
        qtbot.mouseClick(admin.window.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
        admin.clock.now += every_s


def touch_corner(admin: Admin, times: int) -> None:
    device = QTest.createTouchDevice()
    for _ in range(times):
        QTest.touchEvent(admin.window.windowHandle(), device).press(0, QPoint(40, 60)).commit()
        QTest.touchEvent(admin.window.windowHandle(), device).release(0, QPoint(40, 60)).commit()
        admin.clock.now += 0.2


def enter_pin(qtbot: Any, pin_screen: PinScreen, pin: str) -> None:
    keys = {b.text(): b for b in pin_screen.findChildren(type(pin_screen.ok_button))}
    for digit in pin:
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    assert pin_screen.field.text() == pin  # masked on screen, but the field holds it
    qtbot.mouseClick(pin_screen.ok_button, Qt.MouseButton.LeftButton)


def login(qtbot: Any, admin: Admin, pin: str = PIN) -> AdminScreen:
    tap_corner(qtbot, admin, 5)
    enter_pin(qtbot, admin.controller.pin, pin)
    qtbot.waitUntil(lambda: admin.window.current_screen() is admin.controller.admin)
    return admin.controller.admin


def find_for_reprint(qtbot: Any, screen: AdminScreen, code: str, rows: int) -> ReprintSection:
    """The Reprint tab, searched for ``code`` by tapping, once its ``rows`` tickets show."""
    reprint = screen.reprint
    qtbot.mouseClick(screen.tabs.button(2), Qt.MouseButton.LeftButton)
    reprint.field.setText(code)
    qtbot.mouseClick(reprint.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(reprint.rows) == rows)
    return reprint


def audit(run: Run[Any], admin: Admin, action: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    rows = run(admin.kit.journal.audit_log(None))[::-1]  # oldest first
    return [(e.actor, e.target, e.reason, e.details) for e in rows if e.action == action]


def printed_pngs(admin: Admin) -> list[Path]:
    return [j.path for j in admin.kit.virtual_printer.jobs if j.path is not None]


def test_five_quick_corner_taps_open_the_pin_pad_four_or_slow_ones_do_not(
    qtbot: Any, admin: Admin
) -> None:
    window, pin = admin.window, admin.controller.pin
    tap_corner(qtbot, admin, 4)
    assert window.current_screen() is window.home
    admin.clock.now += 5
    tap_corner(qtbot, admin, 5, every_s=1.0)  # five taps, but over 4 s
    assert window.current_screen() is window.home
    admin.clock.now += 5
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(500, 500))
    tap_corner(qtbot, admin, 5)
    assert window.current_screen() is pin
    qtbot.mouseClick(pin.cancel_button, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.home
    touch_corner(admin, 4)  # a touch counts once, not again as the mouse press Qt makes of it
    assert window.current_screen() is window.home
    touch_corner(admin, 1)
    assert window.current_screen() is pin
    qtbot.mouseClick(pin.cancel_button, Qt.MouseButton.LeftButton)
    # On a step screen the corner holds Back: a patron tapping it fast opens nothing.
    window.show_screen(window.collect_entry)
    tap_corner(qtbot, admin, 5)
    assert window.current_screen() is window.collect_entry
    # Nor while a patron's purchase or collection runs: the admin screen would close
    # to home and leave them without their outcome.
    window.show_screen(window.progress)
    tap_corner(qtbot, admin, 5)
    assert window.current_screen() is window.progress


def test_the_right_pin_opens_the_admin_screen_and_is_audited(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    screen = login(qtbot, admin)
    assert screen.current_section() is screen.health
    assert audit(run, admin, "admin_login") == [("staff", "admin", "pin accepted", {"failures": 0})]
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    assert admin.window.current_screen() is admin.window.home


def test_five_wrong_pins_lock_for_five_minutes_every_attempt_audited_never_the_pin(
    qtbot: Any, admin: Admin, run: Run[Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "97531"
    pin = admin.controller.pin
    tap_corner(qtbot, admin, 5)
    for tries in range(1, 6):
        enter_pin(qtbot, pin, wrong)
        qtbot.waitUntil(lambda n=tries: len(audit(run, admin, "admin_login")) == n)
    assert "5:00" in pin.message.text()
    assert not pin.ok_button.isEnabled()
    # Even the right PIN is refused while locked (typed by a keyboard: the pad is off).
    pin.field.setText(PIN)
    pin.submit()
    qtbot.waitUntil(lambda: len(audit(run, admin, "admin_login")) == 6)
    assert admin.window.current_screen() is pin
    admin.clock.now += 301
    pin._show_state()
    assert pin.message.isHidden()
    enter_pin(qtbot, pin, PIN)
    qtbot.waitUntil(lambda: admin.window.current_screen() is admin.controller.admin)

    reasons = [(r, d["failures"]) for _, _, r, d in audit(run, admin, "admin_login")]
    assert reasons == [
        ("pin rejected", 1),
        ("pin rejected", 2),
        ("pin rejected", 3),
        ("pin rejected", 4),
        ("locked", 5),
        ("locked", 0),
        ("pin accepted", 0),
    ]
    journal_bytes = b"".join(p.read_bytes() for p in admin.data_dir.glob("journal.sqlite3*"))
    for secret in (PIN, wrong):
        assert secret.encode() not in journal_bytes
        assert secret not in caplog.text
    assert "admin login: pin rejected" in caplog.text  # the log did see the attempts


def test_health_shows_every_service_and_a_stopped_simulator_as_failed(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    health = login(qtbot, admin).health
    qtbot.waitUntil(lambda: len(health.results()) == 4, timeout=15000)
    assert {h.service: h.ok for h in health.results()} == {
        "connect": True,
        "sarft": True,
        "payment": True,
        "printer": True,
    }
    printer = next(h for h in health.results() if h.service == "printer")
    assert printer.printer is not None and not printer.printer.paper_out
    run(admin.kit.sim.services.pop("payment").close())

    qtbot.mouseClick(health.refresh_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: {h.service: h.ok for h in health.results()}.get("payment") is False,
        timeout=15000,
    )
    mark = health.findChild(type(health.status), "verdict_payment")
    assert mark is not None and mark.property("verdict") == "failed"
    assert {h.service for h in health.results() if h.ok} == {"connect", "sarft", "printer"}


def test_a_paper_out_collection_waits_under_attention_and_staff_print_the_rest(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    kit = admin.kit
    booking = kit.booking(3)
    preview = run(kit.flow.lookup(booking.booking_id))
    kit.faults("printer.print=paper_out_after:1")
    with pytest.raises(PartialPrint):
        run(kit.flow.print_tickets(preview))
    kit.sim.world.faults.clear()  # staff load paper
    assert len(printed_pngs(admin)) == 1

    screen = login(qtbot, admin)
    attention = screen.attention
    qtbot.mouseClick(screen.tabs.button(1), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(c.print_button for c in attention.cards), timeout=15000)
    [card] = [c for c in attention.cards if c.print_button is not None]
    assert isinstance(card, TransactionCard) and card.outstanding is not None
    assert card.outstanding.booking_id == booking.booking_id
    assert card.print_button is not None and not card.print_button.isEnabled()  # no reason yet

    attention.reason.choose(0)  # "Paper ran out"
    assert card.print_button.isEnabled()
    qtbot.mouseClick(card.print_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: booking.print_state == "printed", timeout=15000)
    qtbot.waitUntil(lambda: "3" in attention.status.text() and attention.isEnabled())
    assert len(printed_pngs(admin)) == 3
    assert not any(c.print_button for c in attention.cards)
    [(actor, target, reason, _)] = audit(run, admin, "finish_booking")
    assert (actor, target, reason) == ("staff", booking.booking_id, "Paper ran out")


def test_reprint_needs_a_reason_prints_a_marked_copy_with_the_same_qr_and_is_audited(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    kit = admin.kit
    booking = kit.booking(2)
    run(kit.flow.print_tickets(run(kit.flow.lookup(booking.booking_id))))
    before = printed_pngs(admin)
    assert len(before) == 2
    screen = login(qtbot, admin)
    reprint = find_for_reprint(qtbot, screen, booking.booking_id.lower(), 2)
    row = reprint.rows[0]
    assert not row.button.isEnabled()  # a reason is required

    reprint.reason.other.setText("patron spilled a drink on it")
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: len(printed_pngs(admin)) == 3, timeout=15000)
    qtbot.waitUntil(lambda: reprint.isEnabled() and "REPRINT" in reprint.status.text())
    job = [j for j in kit.virtual_printer.jobs if j.path is not None][-1]
    assert any("REPRINT 补打" in line for line in job.lines)
    assert job.path is not None
    [qr] = zxingcpp.read_barcodes(Image.open(job.path))
    ticket = next(t for t in booking.tickets if t.ticket_code == row.ticket.ticket_code)
    assert qr.text == ticket.ticket_info_code
    [(actor, target, reason, _)] = audit(run, admin, "reprint_ticket")
    assert (actor, target, reason) == ("staff", ticket.ticket_code, "patron spilled a drink on it")


def test_exit_kiosk_mode_asks_twice_is_audited_and_exits(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    screen = login(qtbot, admin)
    tools = screen.tools
    qtbot.mouseClick(screen.tabs.button(3), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tools.exit_button, Qt.MouseButton.LeftButton)
    assert admin.exits == [] and tools.exit_button.isChecked()
    qtbot.mouseClick(tools.exit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: admin.exits == ["exit"])
    [(actor, target, _, _)] = audit(run, admin, "exit_kiosk")
    assert (actor, target) == ("staff", "kiosk")


def test_staff_with_their_own_pin_are_named_in_the_audit_log(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    kit = admin.kit
    booking = kit.booking(2)
    run(kit.flow.print_tickets(run(kit.flow.lookup(booking.booking_id))))
    screen = login(qtbot, admin, LI_WEI_PIN)
    reprint = find_for_reprint(qtbot, screen, booking.booking_id, 2)
    reprint.reason.other.setText("ticket jammed")
    qtbot.mouseClick(reprint.rows[0].button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printed_pngs(admin)) == 3, timeout=15000)
    [(login_actor, _, reason, _)] = audit(run, admin, "admin_login")
    assert (login_actor, reason) == ("li.wei", "pin accepted")
    [(actor, target, _, _)] = audit(run, admin, "reprint_ticket")
    assert (actor, target) == ("li.wei", reprint.rows[0].ticket.ticket_code)


def test_recent_lists_ended_and_open_transactions_newest_first(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    """A patron back at the counter: staff find their transaction even once it ended."""
    kit = admin.kit
    done = kit.booking(2)
    run(kit.flow.print_tickets(run(kit.flow.lookup(done.booking_id))))
    owed = kit.booking(3)
    kit.faults("printer.print=paper_out_after:1")
    with pytest.raises(PartialPrint):
        run(kit.flow.print_tickets(run(kit.flow.lookup(owed.booking_id))))
    kit.sim.world.faults.clear()

    screen = login(qtbot, admin)
    recent = screen.recent
    qtbot.mouseClick(screen.tabs.button(4), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(recent.cards) == 2 and recent.isEnabled(), timeout=15000)
    newest, older = recent.cards
    assert (newest.txn.summary["booking_id"], newest.txn.terminal) == (owed.booking_id, False)
    assert (older.txn.summary["booking_id"], older.txn.terminal) == (done.booking_id, True)
    # only the open one is under Attention
    qtbot.waitUntil(lambda: screen.attention.isEnabled())
    assert [c.txn.id for c in screen.attention.cards] == [newest.txn.id]
