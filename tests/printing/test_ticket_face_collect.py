"""The collect flow prints the booking number on each ticket it hands out (the usher and
the service desk find the booking by it), through the simulators and the virtual printer."""

from __future__ import annotations

from kiosk.flows.collect import CollectFlow
from kiosk.flows.ticket_labels import TicketLabels
from tests.flows.helpers_collect import Kit

pytest_plugins = ["tests.helpers.collect_fixtures"]


async def test_a_collected_ticket_shows_its_booking_number(kit: Kit) -> None:
    booking = kit.booking(2)
    preview = await kit.flow.lookup(booking.booking_id)
    await kit.flow.print_tickets(preview)
    jobs = [job for job in kit.virtual_printer.jobs if job.printed]
    assert len(jobs) == 2
    for job in jobs:
        assert f"订单号 {booking.booking_number}" in [line.strip() for line in job.lines]


async def test_a_ticket_printed_at_the_end_of_a_purchase_shows_its_booking_number(
    kit: Kit,
) -> None:
    booking = kit.booking(2)
    issued = await kit.flow.issue(booking.booking_id, booking.booking_number, "sale-7")
    assert issued.complete
    lines = [line.strip() for job in kit.virtual_printer.jobs if job.printed for line in job.lines]
    assert f"订单号 {booking.booking_number}" in lines


async def test_a_collected_ticket_shows_its_ticket_type_as_connect_names_it(kit: Kit) -> None:
    booking = kit.booking(2)
    names = {t.ticket_description for t in booking.tickets}
    assert len(names) == 1  # the demo's online bookings are of one type
    before = len(kit.virtual_printer.jobs)
    preview = await kit.flow.lookup(booking.booking_id)
    await kit.flow.print_tickets(preview)
    jobs = [job for job in kit.virtual_printer.jobs[before:] if job.printed]
    assert len(jobs) == 2
    for job in jobs:
        assert f"票种 {next(iter(names))}" in [line.strip() for line in job.lines]


async def test_a_sold_ticket_shows_its_type_and_the_session_attributes(kit: Kit) -> None:
    booking = kit.booking(2)
    labels = TicketLabels.of(
        [(t.price_fen, "学生票") for t in booking.tickets], ["3D", "IMAX", "国语"]
    )
    before = len(kit.virtual_printer.jobs)
    issued = await kit.flow.issue(booking.booking_id, booking.booking_number, "sale-8", labels)
    assert issued.complete
    # a sale at the desk prints each ticket and its service-fee slip
    texts = ["\n".join(job.lines) for job in kit.virtual_printer.jobs[before:] if job.printed]
    tickets = [text for text in texts if "票种 学生票" in text]
    assert len(tickets) == 2
    for text in tickets:
        assert all(attribute in text for attribute in ("3D", "IMAX", "国语"))


async def test_recovery_and_reprints_print_the_labels_the_sale_journaled(kit: Kit) -> None:
    booking = kit.booking(2)
    labels = TicketLabels.of([(t.price_fen, "学生票") for t in booking.tickets], ["IMAX"])
    await kit.flow.issue(booking.booking_id, booking.booking_number, "sale-9", labels)
    txn = await kit.journal.transaction("collect-sale-9")
    assert txn is not None
    assert CollectFlow.run_for(txn).labels == labels


def test_a_ticket_type_is_never_guessed() -> None:
    mixed = TicketLabels.of([(4000, "学生票"), (4000, "标准票"), (6000, "VIP票")])
    assert mixed.type_for(4000) == ""  # two types at this price: say nothing
    assert mixed.type_for(6000) == "VIP票"
    assert TicketLabels.of([(4000, "学生票"), (5000, "学生票")]).type_for(1) == "学生票"
    assert TicketLabels.from_summary({"ticket_labels": {"types": "garbage"}}) == TicketLabels()
    assert TicketLabels.from_summary(labels_summary := mixed.to_summary()) == mixed, labels_summary
