"""Ticket types follow sales channels: the kiosk is offered and sold only its own."""

from __future__ import annotations

import pytest

from kiosk.connect.client import ConnectClient, new_user_session_id
from kiosk.connect.errors import InvalidRequestData
from kiosk.domain import TicketLine
from kiosk.sim.world import SimWorld
from tests.connect.test_contract import _free_seats
from tests.helpers.sessions import bookable_session


async def test_online_agent_types_are_neither_offered_nor_sold_here(
    client: ConnectClient, sim_world: SimWorld
) -> None:
    session = bookable_session(sim_world.store)
    online_only = [t for t in session.ticket_types if not t.on_kiosk]
    assert online_only, "the demo world must have an online-agent ticket type to test"
    offered = {t.ticket_type_code for t in await client.get_tickets_for_session(session.session_id)}
    assert offered and not offered & {t.code for t in online_only}
    _plan, seats = await _free_seats(client, session.session_id, 1)
    agent = next(t for t in online_only if t.area_category_code == seats[0].area_category_code)
    with pytest.raises(InvalidRequestData):
        await client.add_tickets(
            new_user_session_id(),
            session.session_id,
            [TicketLine(ticket_type_code=agent.code, qty=1, price_fen=agent.price_fen)],
            seats,
        )
