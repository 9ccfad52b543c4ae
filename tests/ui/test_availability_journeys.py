"""Out of service and back by itself, the printer checked before money, a print that
stops part-way, and staff closing the kiosk: the whole kiosk against the simulators,
faults set through their control API as an operator's test rig would."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
import zxingcpp
from PIL import Image

from kiosk.availability import CLOSE_TO_PATRONS, Reason, closed_by_staff
from kiosk.journal.models import BOOKING_ID
from kiosk.qt import QImage
from kiosk.sim.phone import pay_with_simulator
from kiosk.ui.admin import AdminController
from tests.helpers.printed import printed_pngs

from .journey_fixtures import Journey, StartJourney, run, tap
from .test_journeys import _bookable_session_id, _tap_seats, _to_payment, _to_seats

pytest_plugins = ["tests.ui.journey_fixtures"]
pytestmark = pytest.mark.ui

INTERVAL_S = 0.2
PAPER_OUT_ZH = "打印纸已用完，请联系工作人员"


async def _control(journey: Journey, method: str, rules: list[str] | None = None) -> Any:
    url = journey.cluster.info()["control"] + "/faults"
    async with httpx.AsyncClient() as client:
        reply = await client.request(method, url, json=None if rules is None else {"rules": rules})
    reply.raise_for_status()
    return reply.json()


def faults(journey: Journey, *rules: str) -> None:
    run(journey.qtbot, _control(journey, "POST", list(rules)))


def clear_faults(journey: Journey) -> None:
    run(journey.qtbot, _control(journey, "DELETE"))


def test_paper_out_takes_the_kiosk_out_of_service_with_the_reason_on_screen(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(health_interval_s=INTERVAL_S)
    w = journey.window
    journey.wait_for_screen(w.home)
    faults(journey, "printer.print=paper_out_after:0")
    journey.wait_for_screen(w.out_of_service, timeout_ms=5000)
    assert w.availability().reason is Reason.PRINTER_PAPER_OUT
    assert PAPER_OUT_ZH in w.out_of_service.reasons_text()
    # The tiles behind it say the same, and cannot be tapped.
    for tile in (w.home.buy_button, w.home.collect_button):
        assert not tile.isEnabled()
        assert tile._caption.text() == PAPER_OUT_ZH
    # In English at a tap, for a visitor.
    tap(journey.qtbot, w.out_of_service.language_button)
    assert "Out of ticket paper: please ask a member of staff" in w.out_of_service.reasons_text()


def test_back_in_service_within_one_interval_once_the_paper_is_back(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(health_interval_s=INTERVAL_S)
    w = journey.window
    faults(journey, "printer.print=paper_out_after:0")
    journey.wait_for_screen(w.out_of_service, timeout_ms=5000)
    clear_faults(journey)
    cleared = time.monotonic()
    journey.wait_for_screen(w.home, timeout_ms=5000)
    took = time.monotonic() - cleared
    # one interval, plus the checks' own round trips on loopback
    assert took < INTERVAL_S + 0.5, took
    assert w.home.buy_button.isEnabled() and w.home.collect_button.isEnabled()
    assert w.home.buy_button._caption.text() == "选影片、选场次、选座位"


def test_a_path_that_cannot_finish_says_why_on_its_tile_and_the_other_stays_open(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(health_interval_s=INTERVAL_S)
    w = journey.window
    faults(journey, "payment.query=http500")
    journey.qtbot.waitUntil(lambda: not w.home.buy_button.isEnabled(), timeout=5000)
    assert w.current_screen() is w.home
    assert w.availability().buy.reason is Reason.PAYMENT_UNREACHABLE
    assert w.home.buy_button._caption.text() == "支付服务暂时无法使用，请稍后再试或到服务台购票"
    assert w.home.collect_button.isEnabled()
    assert w.home.collect_button.property("unavailable") is not True


def test_a_purchase_whose_printer_fails_before_paying_takes_no_money_and_frees_the_seats(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()
    w = journey.window
    _tap_seats(journey, _to_seats(journey, _bookable_session_id(journey)))
    tap(journey.qtbot, w.seats.confirm_button)
    journey.wait_for_screen(w.review)
    flow = journey.kiosk.purchase.flow
    assert flow is not None and flow.txn_id is not None
    assert journey.state()["seat_locks"], "the seats are held while the patron reviews"
    faults(journey, "printer.status=cover_open")  # someone opens the printer meanwhile
    tap(journey.qtbot, w.review.pay_button)
    journey.wait_for_screen(w.error)
    assert w.error.title() == "取票机暂时无法出票，未扣款，座位已释放"
    assert w.error.action() == "请到服务台购票。"
    state = journey.state()
    assert state["payments"] == {}, "no payment may be created for tickets that cannot print"
    assert state["seat_locks"] == []
    txn = run(journey.qtbot, journey.kiosk.services.journal.transaction(flow.txn_id))
    assert txn is not None and txn.state == "CANCELLED" and txn.terminal
    assert txn.summary["reason"] == "printer_not_ready"


def _decoded(journey: Journey, screen: Any) -> list[str]:
    path = journey.printed.parent / "screen.png"
    image: QImage = screen.grab().toImage()
    image.save(str(path))
    return [r.text for r in zxingcpp.read_barcodes(Image.open(path))]


def test_a_collection_stopped_by_paper_out_says_how_many_came_out_and_where_to_go(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()
    w = journey.window
    booking = next(
        b for b in journey.world.store.bookings.values() if b.online and len(b.tickets) >= 2
    )
    faults(journey, "printer.print=paper_out_after:1")
    tap(journey.qtbot, w.home.collect_button)
    journey.wait_for_screen(w.collect_entry)
    journey.qtbot.keyClicks(w.collect_entry.field, booking.booking_id.lower())
    tap(journey.qtbot, w.collect_entry.continue_button)
    journey.wait_for_screen(w.collect_review)
    tap(journey.qtbot, w.collect_review.print_button)
    journey.wait_for_screen(w.print_stopped)
    screen = w.print_stopped
    total = len(booking.tickets)
    assert len(printed_pngs(journey.cluster, journey.printed)) == 1
    assert screen.printed.number.text() == "1 张"
    assert screen.printed.label.text() == "已出票"
    assert screen.not_printed.number.text() == f"{total - 1} 张"
    assert screen.not_printed.label.text() == "未出票"
    assert screen.reference.text() == booking.booking_id
    assert "服务台" in screen._todo.text()
    # The staff screen's own words: its tab, the transaction's heading and the button.
    staff_words = screen.staff.text().replace("\u00a0", " ")
    assert staff_words == "工作人员操作：待处理 › 「取票 · 等待人工处理」 › 「打印未出的票」"
    assert _decoded(journey, screen) == [booking.booking_id]
    owed = run(journey.qtbot, journey.kiosk.services.journal.open_transactions())
    assert [(t.kind, t.state, t.summary[BOOKING_ID]) for t in owed] == [
        ("collect", "awaiting_staff", booking.booking_id)
    ]


def test_a_purchase_stopped_part_way_shows_the_same_counts_and_its_pickup_code(
    start_journey: StartJourney,
) -> None:
    journey = start_journey()
    w = journey.window
    txn_id = _to_payment(journey)
    faults(journey, "printer.print=paper_out_after:1")
    settings = journey.kiosk.services.settings
    run(journey.qtbot, pay_with_simulator(settings.payment_url, txn_id))
    journey.wait_for_screen(w.print_stopped)
    booking = next(b for b in journey.world.store.bookings.values() if not b.online)
    screen = w.print_stopped
    assert screen.printed.number.text() == "1 张"
    assert screen.not_printed.number.text() == "1 张"
    assert screen.reference.text() == booking.booking_id
    assert journey.state()["payments"][txn_id]["state"] == "PAID"  # the sale stands


def test_staff_close_the_kiosk_to_patrons_and_open_it_again(start_journey: StartJourney) -> None:
    journey = start_journey()
    w = journey.window
    admin = journey.kiosk.admin
    assert isinstance(admin, AdminController)
    admin.open_admin("li.wei")
    tools = admin.admin.tools
    admin.admin.show_section(tools)
    tap(journey.qtbot, tools.close_button)
    journey.qtbot.waitUntil(lambda: journey.kiosk.availability.staff_closed, timeout=5000)
    tap(journey.qtbot, admin.admin.close_button)
    journey.wait_for_screen(w.out_of_service)
    assert w.availability().reason is Reason.STAFF_CLOSED
    assert "本机暂停使用，请到服务台办理" in w.out_of_service.reasons_text()
    journal = journey.kiosk.services.journal
    audit = run(journey.qtbot, journal.audit_log(limit=1))
    assert [(a.actor, a.action) for a in audit] == [("li.wei", CLOSE_TO_PATRONS)]
    # the next start reads it back: still closed until staff open it
    assert closed_by_staff(a.action for a in audit)

    admin.open_admin("li.wei")
    admin.admin.show_section(tools)
    assert tools.close_button.isChecked()
    tap(journey.qtbot, tools.close_button)
    journey.qtbot.waitUntil(lambda: not journey.kiosk.availability.staff_closed, timeout=5000)
    tap(journey.qtbot, admin.admin.close_button)
    journey.wait_for_screen(w.home)
    assert w.home.buy_button.isEnabled() and w.home.collect_button.isEnabled()
