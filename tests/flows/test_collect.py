"""The collect flow against the simulators over loopback, printing to the virtual printer."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from kiosk.flows.collect import CollectState
from kiosk.flows.collect_errors import (
    AlreadyCollected,
    BookingNotFound,
    BookingRefunded,
    BookingShowEnded,
    CannotPrint,
    CollectNeedsStaff,
    CollectPrinterNotReady,
    CollectServiceUnavailable,
    PartialPrint,
    WrongCode,
)
from kiosk.flows.pickup_code import KeypadLocked
from kiosk.flows.seat_order import natural_key
from kiosk.printing.ticket import format_fen
from kiosk.sim.cluster import SimCluster
from kiosk.words import words
from tests.flows.helpers_collect import Kit, collect_kit

pytest_plugins = ["tests.helpers.collect_fixtures"]


def _qr(path: Path) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(path))]


def _pngs(kit: Kit) -> list[Path]:
    return [job.path for job in kit.virtual_printer.jobs if job.path is not None]


async def test_happy_path_prints_every_seat_with_its_qr_and_confirms(kit: Kit) -> None:
    booking = kit.booking(3)
    progress: list[tuple[int, int]] = []

    preview = await kit.flow.lookup(f" {booking.booking_id.lower()[:3]}-{booking.booking_id[3:]} ")
    assert preview.booking_number == booking.booking_number
    assert preview.ticket_count == 3
    assert sorted(preview.seats) == sorted(t.seat_label for t in booking.tickets)
    assert preview.film_name and preview.hall_name

    result = await kit.flow.print_tickets(preview, lambda n, total: progress.append((n, total)))

    assert (result.printed, result.total, result.confirmed) == (3, 3, True)
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert booking.print_state == "printed"
    pngs = _pngs(kit)
    assert len(pngs) == 3
    scanned = sorted(code for path in pngs for code in _qr(path))
    assert scanned == sorted(t.ticket_info_code for t in booking.tickets)
    txn = await kit.journal.transaction(result.txn_id)
    assert txn is not None and txn.state == CollectState.COLLECTED and txn.terminal
    printed = await kit.journal.printed_for_booking(booking.booking_id)
    assert sorted(p.ticket_code for p in printed) == sorted(t.ticket_code for t in booking.tickets)
    steps = [(s.step, s.phase, s.outcome) for s in await kit.journal.steps(result.txn_id)]
    assert steps[0] == ("sarft_apply", "intent", None)
    assert steps[-2:] == [("sarft_confirm", "intent", None), ("sarft_confirm", "result", "ok")]


async def test_tickets_come_out_in_seat_order(kit: Kit) -> None:
    """A family takes 7, 8, 9 from the slot in a row, whatever order SARFT lists them."""
    booking = next(
        b
        for b in kit.sim.world.store.bookings.values()
        if b.online
        and b.print_state == "unprinted"
        and len(b.tickets) > 1
        and [t.seat_label for t in sorted(b.tickets, key=lambda t: t.ticket_code)]
        != sorted((t.seat_label for t in b.tickets), key=natural_key)
    )
    preview = await kit.flow.lookup(booking.booking_id)
    await kit.flow.print_tickets(preview)
    seat_of = {t.ticket_info_code: t.seat_label for t in booking.tickets}
    printed = [seat_of[code] for path in _pngs(kit) for code in _qr(path)]
    assert printed == sorted(printed, key=natural_key)
    assert len(printed) == len(booking.tickets)


async def test_each_ticket_is_encoded_while_the_one_before_it_prints(
    kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The printer never waits for bytes between tickets: the first is encoded while
    0x05 is on the wire, each next one before the ticket ahead of it is on paper."""
    from kiosk.printing import printer as printer_module

    seen: list[tuple[str, str]] = []
    encode = printer_module._encode_ticket

    def encoding(face: Any, profile: Any) -> Any:
        seen.append(("encoded", face.ticket_code))
        return encode(face, profile)

    monkeypatch.setattr(printer_module, "_encode_ticket", encoding)
    record_printed = kit.journal.record_printed

    async def on_paper(txn_id: str, booking_id: str, index: int, code: str) -> None:
        seen.append(("on paper", code))
        await record_printed(txn_id, booking_id, index, code)

    monkeypatch.setattr(kit.journal, "record_printed", on_paper)
    booking = kit.booking(3)
    result = await kit.flow.print_tickets(await kit.flow.lookup(booking.booking_id))

    assert (result.printed, result.confirmed) == (3, True)
    first, second, third = (code for word, code in seen if word == "on paper")
    assert seen == [
        ("encoded", first),
        ("encoded", second),
        ("on paper", first),
        ("encoded", third),
        ("on paper", second),
        ("on paper", third),
    ]


async def test_a_typed_booking_number_must_belong_to_the_code(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id, str(booking.booking_number))
    assert preview.booking_number == booking.booking_number
    with pytest.raises(WrongCode):
        await kit.flow.lookup(booking.booking_id, str(booking.booking_number + 1))


async def test_an_unknown_code_is_a_wrong_code_and_shows_nothing(kit: Kit) -> None:
    with pytest.raises(WrongCode) as caught:
        await kit.flow.lookup("ZZZZZZ9")
    assert words(caught.value, "zh") and words(caught.value, "en")
    assert kit.sarft_sessions == []  # nothing about the booking was read


async def test_five_wrong_codes_lock_the_keypad_for_the_setting(
    kit: Kit, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "kiosk.flows.pickup_code")
    waits, tries = [], []
    for _ in range(4):
        with pytest.raises(WrongCode) as wrong:
            await kit.flow.lookup("ZZZZZZ9")
        waits.append(wrong.value.wait_s)
        tries.append(wrong.value.tries_left)
        kit.monotonic.now += wrong.value.wait_s  # each wrong code slows the next
    assert waits == [2.0, 4.0, 8.0, 16.0] and tries == [4, 3, 2, 1]
    with pytest.raises(KeypadLocked) as locked:
        await kit.flow.lookup("ZZZZZZ8")
    assert locked.value.seconds_left == pytest.approx(60.0)
    assert "locked" in caplog.text and "ZZZZZZ" not in caplog.text
    calls = len(kit.connect.calls)

    booking = kit.booking(2)
    kit.monotonic.now += 59.0
    with pytest.raises(KeypadLocked):  # even the right code waits
        await kit.flow.lookup(booking.booking_id)
    assert len(kit.connect.calls) == calls
    kit.monotonic.now += 1.5
    preview = await kit.flow.lookup(booking.booking_id)
    assert preview.ticket_count == 2


async def test_a_proven_code_resets_the_wrong_code_count(kit: Kit) -> None:
    booking = kit.booking(2)
    for _ in range(4):
        with pytest.raises(WrongCode) as wrong:
            await kit.flow.lookup("ZZZZZZ9")
        kit.monotonic.now += wrong.value.wait_s
    await kit.flow.lookup(booking.booking_id)
    for _ in range(4):
        with pytest.raises(WrongCode) as wrong:
            await kit.flow.lookup("ZZZZZZ9")
        kit.monotonic.now += wrong.value.wait_s
    assert wrong.value.tries_left == 1  # counted afresh from the proven code


async def test_already_collected(kit: Kit) -> None:
    booking = kit.booking(2)
    booking.print_state = "printed"
    with pytest.raises(AlreadyCollected) as caught:
        await kit.flow.lookup(booking.booking_id)
    assert words(caught.value, "zh") == "该订单的票已取出"


async def test_refunded(kit: Kit) -> None:
    booking = kit.booking(2)
    booking.refunded = True
    with pytest.raises(BookingRefunded):
        await kit.flow.lookup(booking.booking_id)


async def test_show_ended(kit: Kit) -> None:
    booking = kit.booking(2)
    kit.sarft_sim.ended_sessions.add(booking.session_id)
    with pytest.raises(BookingShowEnded) as caught:
        await kit.flow.lookup(booking.booking_id)
    assert "ended" in words(caught.value, "en")


async def test_not_found_at_sarft(kit: Kit) -> None:
    booking = kit.booking(2)
    kit.faults("sarft.query=code:3")
    with pytest.raises(BookingNotFound):
        await kit.flow.lookup(booking.booking_id)


async def test_sarft_refusing_the_verify_code_on_apply_is_a_wrong_code(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults("sarft.apply=code:4")
    with pytest.raises(WrongCode):
        await kit.flow.print_tickets(preview)
    assert booking.print_state == "unprinted" and _pngs(kit) == []


async def test_refunded_between_preview_and_print_prints_nothing(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    booking.refunded = True
    with pytest.raises(BookingRefunded):
        await kit.flow.print_tickets(preview)
    assert _pngs(kit) == []


async def test_connect_down_is_service_unavailable_and_does_not_count(kit: Kit) -> None:
    kit.faults("connect.GetSingleBooking=http500")
    for _ in range(6):
        with pytest.raises(CollectServiceUnavailable):
            await kit.flow.lookup("WQNX8JL")
    assert kit.flow.guard.failures == 0


async def test_printer_not_ready_stops_before_apply(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults("printer.status=cover_open")
    with pytest.raises(CollectPrinterNotReady) as caught:
        await kit.flow.print_tickets(preview)
    assert caught.value.status.cover_open
    assert booking.print_state == "unprinted"  # 0x05 never sent
    assert _pngs(kit) == []


async def test_lost_apply_and_confirm_replies_continue_from_the_truth(kit: Kit) -> None:
    booking = kit.booking(3)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults("sarft.apply=drop_response:times:1", "sarft.confirm=drop_response:times:1")
    result = await kit.flow.print_tickets(preview)
    assert result.complete and booking.print_state == "printed"
    assert len(_pngs(kit)) == 3  # the reconnect did not print anything again
    outcomes = [
        (s.step, s.outcome) for s in await kit.journal.steps(result.txn_id) if s.phase == "result"
    ]
    assert ("sarft_apply", "unknown") in outcomes and ("sarft_confirm", "unknown") in outcomes


async def test_a_timeout_on_confirm_reconnects_and_finds_it_printed(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults("sarft.confirm=drop_request:times:1")
    result = await kit.flow.print_tickets(preview)
    assert result.complete and len(_pngs(kit)) == 2


async def test_paper_out_after_one_of_three_leaves_the_rest_for_staff(kit: Kit) -> None:
    booking = kit.booking(3)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults("printer.print=paper_out_after:1")
    with pytest.raises(PartialPrint) as caught:
        await kit.flow.print_tickets(preview)
    assert (caught.value.printed, caught.value.total) == (1, 3)
    assert "1" in words(caught.value, "zh") and "staff" in words(caught.value, "en")
    assert booking.print_state == "applied"  # never confirmed
    assert len(_pngs(kit)) == 1
    [txn] = await kit.journal.open_transactions()
    assert txn.state == CollectState.AWAITING_STAFF
    # the patron (or another) trying the code again is sent to staff, nothing prints
    kit.sim.world.faults.clear()
    with pytest.raises(CollectNeedsStaff):
        await kit.flow.lookup(booking.booking_id)
    assert len(_pngs(kit)) == 1


async def test_purchase_hand_off_prints_and_confirms_without_a_lookup(kit: Kit) -> None:
    booking = kit.booking(2)
    issued = await kit.flow.issue(booking.booking_id, booking.booking_number, "sale-1")
    assert (issued.printed, issued.total, issued.complete) == (2, 2, True)
    assert booking.print_state == "printed" and kit.connect.calls == []
    txn = await kit.journal.transaction("collect-sale-1")
    assert txn is not None and txn.state == CollectState.COLLECTED
    assert txn.summary["purchase_txn"] == "sale-1" and txn.summary["channel"] == "cinema"


async def test_purchase_hand_off_never_raises_for_a_refusal(kit: Kit) -> None:
    booking = kit.booking(3)
    kit.faults("printer.status=cover_open")
    issued = await kit.flow.issue(booking.booking_id, booking.booking_number, "sale-2")
    assert not issued.complete and issued.problem is not None
    assert words(issued.problem, "zh") and words(issued.problem, "en")
    assert booking.print_state == "unprinted"
    kit.sim.world.faults.clear()
    # sold here, so each ticket's service fee comes on its own slip: two jobs a ticket
    kit.faults("printer.print=paper_out_after:2")
    issued = await kit.flow.issue(booking.booking_id, booking.booking_number, "sale-3")
    assert (issued.printed, issued.total) == (1, 3) and issued.problem is not None
    assert "staff" in words(issued.problem, "en")


class _ShiftedClock:
    """Real time plus an offset the test moves, to age a preview."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    async def sleep(self, seconds: float) -> None:
        return None


async def test_printing_right_after_the_lookup_reuses_its_sarft_session(
    sim: SimCluster, tmp_path: Path
) -> None:
    async with collect_kit(sim, tmp_path) as kit:
        booking = kit.booking(2)
        result = await kit.flow.print_tickets(await kit.flow.lookup(booking.booking_id))
        assert result.complete and booking.print_state == "printed"
        # one connection, one auth and one query: printing added only apply and confirm
        assert len(kit.sarft_sessions) == 1


async def test_a_preview_left_waiting_prints_over_a_fresh_session(
    sim: SimCluster, tmp_path: Path
) -> None:
    async with collect_kit(sim, tmp_path) as kit:
        clock = _ShiftedClock()
        kit.flow.clock = clock
        booking = kit.booking(2)
        preview = await kit.flow.lookup(booking.booking_id)
        clock.offset = dt.timedelta(minutes=5)  # the patron wandered off and came back
        result = await kit.flow.print_tickets(preview)
        assert result.complete and booking.print_state == "printed"
        assert len(kit.sarft_sessions) == 2


async def test_a_kept_session_the_server_dropped_reconnects_and_prints_once(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    for task in list(kit.sarft_sim._connections):  # the service hung up on the idle session
        task.cancel()
    await asyncio.sleep(0.05)
    result = await kit.flow.print_tickets(preview)
    assert result.complete and booking.print_state == "printed"
    assert len(_pngs(kit)) == 2 and len(kit.sarft_sessions) == 2


@pytest.mark.parametrize("operation", ["apply", "confirm"])
async def test_a_kept_session_no_longer_authenticated_reconnects_and_prints_once(
    kit: Kit, operation: str
) -> None:
    """A service that forgets an idle connection's login answers 6: the flow logs in
    again on a new connection instead of turning the patron away (or, after the
    tickets came out, leaving a finished collection to staff)."""
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults(f"sarft.{operation}=code:6:times:1")
    result = await kit.flow.print_tickets(preview)
    assert result.complete and booking.print_state == "printed"
    assert len(_pngs(kit)) == 2  # nothing printed twice
    assert await kit.journal.open_transactions() == []


async def test_a_record_that_cannot_make_a_ticket_is_refused_before_apply(kit: Kit) -> None:
    booking = kit.booking(2)
    booking.tickets[1].ticket_code = "SHORT"  # not a 16-character 电影票编码
    with pytest.raises(CannotPrint) as caught:  # the patron is told at once
        await kit.flow.lookup(booking.booking_id)
    assert words(caught.value, "zh") and words(caught.value, "en")
    # the purchase hand-off (no lookup) refuses before 0x05 too: nothing is stranded
    issued = await kit.flow.issue(booking.booking_id, booking.booking_number, "sale-9")
    assert issued.printed == 0 and isinstance(issued.problem, CannotPrint)
    assert words(issued.problem, "en") == words(caught.value, "en")
    assert booking.print_state == "unprinted"
    assert _pngs(kit) == []
    assert await kit.journal.open_transactions() == []


async def test_each_printed_ticket_shows_what_the_patron_paid(kit: Kit) -> None:
    """Online agent: price and 网络代售服务费 on the ticket. Sold here: the ticket shows
    the ticket price alone and the fee comes on its own slip, which is not a ticket."""
    online = kit.booking(2)
    await kit.flow.print_tickets(await kit.flow.lookup(online.booking_id))
    jobs = [job for job in kit.virtual_printer.jobs if job.printed]
    by_code = {t.ticket_code: t for t in online.tickets}
    assert len(jobs) == 2
    for job in jobs:
        [ticket] = [t for code, t in by_code.items() if any(code in line for line in job.lines)]
        assert f"票价 {format_fen(ticket.price_fen)}" in job.lines
        assert f"网络代售服务费 {format_fen(ticket.service_fee_fen)}" in job.lines
        assert ticket.service_fee_fen > 0

    sold_here = kit.booking(3)
    issued = await kit.flow.issue(sold_here.booking_id, sold_here.booking_number, "sale-5")
    assert issued.complete
    jobs = [job for job in kit.virtual_printer.jobs if job.printed][2:]
    assert len(jobs) == 6  # ticket, slip, ticket, slip, ...
    for ticket, slip in zip(jobs[::2], jobs[1::2], strict=True):
        assert not any("服务费" in line for line in ticket.lines)
        assert any("服务费" in line for line in slip.lines)
        assert _qr(slip.path or Path()) == []


async def test_a_booking_that_cannot_be_named_to_sarft_is_refused_not_raised(kit: Kit) -> None:
    """A booking number of more than 16 digits has no print_no: the hand-off gets a
    refusal with its message and the journal is closed, so recovery does not trip on it."""
    issued = await kit.flow.issue("WQNX8JL", 10**17, "sale-7")
    assert issued.printed == 0 and issued.problem is not None
    assert words(issued.problem, "zh") and words(issued.problem, "en")
    assert await kit.journal.open_transactions() == []
    assert _pngs(kit) == []
