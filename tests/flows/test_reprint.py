"""Staff reprints against the simulators: finishing a paper-out booking, marked copies."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.flows.collect import CollectState
from kiosk.flows.collect_errors import CollectNeedsStaff, PartialPrint
from kiosk.flows.reprint import NothingOutstanding, NotPrintedHere, StaffReprint
from kiosk.flows.seat_order import natural_key
from tests.flows.helpers_collect import Kit

pytest_plugins = ["tests.helpers.collect_fixtures"]


def _printed(kit: Kit) -> list[Path]:
    return [job.path for job in kit.virtual_printer.jobs if job.path is not None]


async def _paper_out_after_one(kit: Kit, tickets: int = 3) -> str:
    booking = kit.booking(tickets)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults("printer.print=paper_out_after:1")
    with pytest.raises(PartialPrint):
        await kit.flow.print_tickets(preview)
    kit.sim.world.faults.clear()  # staff load paper
    return booking.booking_id


async def test_paper_out_then_staff_print_the_rest_which_confirms(kit: Kit) -> None:
    booking_id = await _paper_out_after_one(kit)
    booking = kit.sim.world.store.bookings[booking_id]
    staff = StaffReprint(kit.flow)
    [waiting] = await staff.outstanding()
    assert waiting.booking_id == booking_id and len(waiting.printed) == 1
    assert waiting.in_doubt == ()

    result = await staff.finish_booking(booking_id, actor="staff-7", reason="paper ran out")

    assert (result.printed, result.total, result.confirmed) == (3, 3, True)
    assert booking.print_state == "printed"
    pngs = _printed(kit)
    assert len(pngs) == 3  # one before the paper ran out, two by staff: none twice
    codes = sorted(c.text for p in pngs for c in zxingcpp.read_barcodes(Image.open(p)))
    assert codes == sorted(t.ticket_info_code for t in booking.tickets)
    printed = await kit.journal.printed_for_booking(booking_id)
    assert len(printed) == 3 and not any(p.reprint for p in printed)
    assert await kit.journal.open_transactions() == []
    [collect] = await kit.journal.search(booking_id, kind="collect")
    assert collect.state == CollectState.COMPLETED_BY_STAFF
    [entry] = await kit.journal.audit_log()
    assert (entry.actor, entry.action, entry.reason) == (
        "staff-7",
        "finish_booking",
        "paper ran out",
    )
    assert await staff.outstanding() == []


async def test_staff_finishing_into_another_paper_out_stays_outstanding(kit: Kit) -> None:
    booking_id = await _paper_out_after_one(kit)
    staff = StaffReprint(kit.flow)
    kit.faults("printer.print=paper_out_after:1")
    with pytest.raises(PartialPrint) as caught:
        await staff.finish_booking(booking_id, actor="staff-7", reason="paper ran out")
    assert (caught.value.printed, caught.value.total) == (2, 3)
    kit.sim.world.faults.clear()
    result = await staff.finish_booking(booking_id, actor="staff-7", reason="paper again")
    assert result.complete and len(_printed(kit)) == 3
    assert await kit.journal.open_transactions() == []


async def test_a_ticket_in_doubt_is_printed_only_when_staff_say_it_did_not_come_out(
    kit: Kit,
) -> None:
    booking = kit.booking(3)
    preview = await kit.flow.lookup(booking.booking_id)
    # the printer takes the first ticket and never answers again: it may be in the tray
    kit.faults("printer.print=hang:times:1")
    with pytest.raises(PartialPrint) as caught:
        await kit.flow.print_tickets(preview)
    assert caught.value.printed == 0
    kit.sim.world.faults.clear()
    # tickets print in seat order: the first seat's ticket is the one in doubt
    first = min(booking.tickets, key=lambda t: natural_key(t.seat_label)).ticket_code
    assert await kit.flow.in_doubt_codes(booking.booking_id) == {first}
    staff = StaffReprint(kit.flow)
    [waiting] = await staff.outstanding()
    assert waiting.in_doubt == (first,) and waiting.printed == ()
    with pytest.raises(CollectNeedsStaff):  # nobody can print it again with the code
        await kit.flow.lookup(booking.booking_id)
    assert _printed(kit) == []

    result = await staff.finish_booking(
        booking.booking_id, actor="staff-1", reason="tray empty, reprinting"
    )

    assert result.complete and booking.print_state == "printed"
    assert len(_printed(kit)) == 3


async def test_a_ticket_staff_found_in_the_tray_is_not_printed_again(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    kit.faults("printer.print=hang:times:1")
    with pytest.raises(PartialPrint):
        await kit.flow.print_tickets(preview)
    kit.sim.world.faults.clear()
    [doubt] = await kit.flow.in_doubt_codes(booking.booking_id)

    result = await StaffReprint(kit.flow).finish_booking(
        booking.booking_id, actor="staff-1", reason="found it in the tray", came_out=[doubt]
    )

    assert result.complete and booking.print_state == "printed"
    assert len(_printed(kit)) == 1  # only the other ticket
    printed = await kit.journal.printed_for_booking(booking.booking_id)
    assert sorted(p.ticket_code for p in printed) == sorted(t.ticket_code for t in booking.tickets)


async def test_reprint_a_printed_ticket_is_marked_audited_and_journaled_as_reprint(
    kit: Kit,
) -> None:
    booking = kit.booking(2)
    await kit.flow.print_tickets(await kit.flow.lookup(booking.booking_id))
    code = sorted(t.ticket_code for t in booking.tickets)[0]
    staff = StaffReprint(kit.flow)

    await staff.reprint_ticket(booking.booking_id, code, actor="staff-2", reason="ticket jammed")

    jobs = [j for j in kit.virtual_printer.jobs if j.path is not None]
    assert len(jobs) == 3
    assert any("REPRINT 补打" in line for line in jobs[-1].lines)
    assert not any("REPRINT" in line for job in jobs[:2] for line in job.lines)
    reprints = [p for p in await kit.journal.printed_for_booking(booking.booking_id) if p.reprint]
    assert [p.ticket_code for p in reprints] == [code]
    [entry] = await kit.journal.audit_log()
    assert (entry.actor, entry.action, entry.target) == ("staff-2", "reprint_ticket", code)
    assert booking.print_state == "printed"  # a copy changes nothing at SARFT


async def test_only_tickets_printed_here_can_be_reprinted(kit: Kit) -> None:
    booking = kit.booking(2)
    staff = StaffReprint(kit.flow)
    with pytest.raises(NotPrintedHere):
        await staff.reprint_ticket(
            booking.booking_id, booking.tickets[0].ticket_code, actor="s", reason="r"
        )
    with pytest.raises(NothingOutstanding):
        await staff.finish_booking(booking.booking_id, actor="s", reason="r")
    with pytest.raises(ValueError):
        await staff.reprint_ticket(booking.booking_id, "x", actor="s", reason=" ")


async def test_outstanding_lists_a_paper_out_once(kit: Kit) -> None:
    booking_id = await _paper_out_after_one(kit)
    [txn] = await kit.journal.open_transactions()
    assert txn.state == CollectState.AWAITING_STAFF
    assert [o.booking_id for o in await StaffReprint(kit.flow).outstanding()] == [booking_id]
