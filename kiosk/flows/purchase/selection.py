"""Checking a patron's choice of tickets and seats against the fresh offer (seed §2.2 ①)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.domain import (
    Seat,
    SeatArea,
    SeatChoice,
    SeatPlan,
    SeatRow,
    Session,
    TicketLine,
)
from kiosk.flows.purchase.model import Offer, SeatKey
from kiosk.flows.purchase_errors import (
    InvalidSelection,
)
from kiosk.flows.ticket_labels import TicketLabels

log = logging.getLogger(__name__)


def ticket_labels_for(offer: Offer, requests: Sequence[TicketLine]) -> TicketLabels:
    """Each ticket's type name as VISTA gives it for the kiosk, and the session's
    attributes, for the printed ticket."""
    names = {t.ticket_type_code: t.description for t in offer.ticket_types}
    return TicketLabels.of(
        ((r.price_fen, names.get(r.ticket_type_code, "")) for r in requests for _ in range(r.qty)),
        offer.session.all_attributes,
    )


def validate(
    offer: Offer, tickets: Mapping[str, int], seats: Sequence[SeatKey], max_tickets: int
) -> tuple[list[TicketLine], list[SeatChoice], list[str]]:
    """Seed §2.2 ①: every input checked against the fresh ticket types and seat plan, so
    nothing wrong is ever sent (above all never an empty seat list: Connect would pick
    seats itself). The AddTickets requests and each seat's printed label."""
    count = sum(tickets.values())
    if not seats or count == 0:
        raise InvalidSelection("choose at least one seat and one ticket")
    if any(qty < 0 for qty in tickets.values()):
        raise InvalidSelection("ticket quantities cannot be negative")
    if count != len(seats):
        raise InvalidSelection(f"{count} tickets need {count} seats, got {len(seats)}")
    if count > max_tickets:
        raise InvalidSelection(f"at most {max_tickets} tickets per purchase")
    if len(set(seats)) != len(seats):
        raise InvalidSelection("a seat is chosen twice")
    types = {t.ticket_type_code: t for t in offer.ticket_types}
    requests: list[TicketLine] = []
    wanted_areas: list[str] = []
    for code, qty in tickets.items():
        if qty == 0:
            continue
        ticket_type = types.get(code)
        if ticket_type is None:
            raise InvalidSelection(f"ticket type {code} is not sold for this session")
        requests.append(TicketLine(ticket_type_code=code, qty=qty, price_fen=ticket_type.price_fen))
        wanted_areas += [ticket_type.area_category_code] * qty
    by_key = {seat_key(a, s): (a, r, s) for a, r, s in offer.seat_plan.seats()}
    seat_requests: list[SeatChoice] = []
    labels: list[str] = []
    for key in seats:
        found = by_key.get(key)
        if found is None:
            raise InvalidSelection(f"no seat at {key}")
        area, row, seat = found
        if not seat.is_free:
            raise InvalidSelection(f"seat {seat_label(row, seat)} is not free")
        if seat.group and not {position_key(p) for p in seat.group} <= set(seats):
            raise InvalidSelection(f"sofa seat {seat_label(row, seat)} is sold as a whole")
        if area.area_category_code not in wanted_areas:
            raise InvalidSelection(
                f"seat {seat_label(row, seat)} is in an area none of the tickets is for"
            )
        wanted_areas.remove(area.area_category_code)
        seat_requests.append(
            SeatChoice(
                area_category_code=area.area_category_code,
                area_number=key.area_number,
                row_index=key.row_index,
                column_index=key.column_index,
            )
        )
        labels.append(seat_label(row, seat))
    return requests, seat_requests, labels


def sales_closed(session: Session, now: dt.datetime, cutoff_after_start_min: int) -> bool:
    """Past ATMTimeShowMovieAfterStart: the kiosk no longer sells this session."""
    return now >= session.showtime + dt.timedelta(minutes=cutoff_after_start_min)


def seats_labelled(plan: SeatPlan, row_name: str, seat_id: str) -> list[tuple[SeatArea, SeatKey]]:
    """Every seat printed as row ``row_name``, seat ``seat_id`` (PhysicalName and Id),
    with its area: a hall's areas number their rows on their own, so one label can name
    a seat in each (the demo's hall 7 has a row 4 seat 8 in both)."""
    return [
        (area, seat_key(area, seat))
        for area, row, seat in plan.seats()
        if row.physical_name == row_name and seat.seat_id == seat_id
    ]


def seat_key(area: SeatArea, seat: Seat) -> SeatKey:
    """A seat by its logical position (what AddTickets takes)."""
    return SeatKey(area.number, seat.position.row_index, seat.position.column_index)


def position_key(position: Any) -> SeatKey:
    """A sofa partner's position as a seat key."""
    return SeatKey(position.area_number, position.row_index, position.column_index)


def seat_label(row: SeatRow, seat: Seat) -> str:
    """The seat as the patron reads it on screen, in the journal and on paper."""
    return f"{row.physical_name}排{seat.seat_id}座"
