"""Pickup while Connect is down: the cinema's own SARFT service serves the patron alone.

Over loopback against the simulators: Connect's GetSingleBooking fails by every
fault kind, the patron types the booking number as well as the code, and SARFT's
0x05 proves the code by its MD5 before anything prints. Nothing of the booking but
its ticket count is shown before that; a wrong code counts against the keypad lock.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from kiosk.flows.collect import CONNECT_ERROR, CONNECT_SKIPPED, CollectState
from kiosk.flows.collect_errors import (
    BookingRefunded,
    BookingShowEnded,
    CollectServiceUnavailable,
    NumberNeeded,
    WrongCode,
)
from kiosk.flows.pickup_code import KeypadLocked
from kiosk.sim.cluster import SimCluster
from kiosk.sim.store import SimBooking
from kiosk.words import words
from tests.flows.helpers_collect import Kit, env_for, kiosk_command

pytest_plugins = ["tests.helpers.collect_fixtures"]

CONNECT_DOWN = ["drop_request", "hang", "http500", "malformed"]


@pytest.fixture
def collect_settings() -> dict[str, Any]:
    """Connect's faults here hang or drop: a short read timeout finds them soon."""
    return {"connect_read_timeout_s": 0.3}


def _on_paper(kit: Kit, booking: SimBooking) -> Counter[str]:
    texts = ["\n".join(job.lines) for job in kit.virtual_printer.jobs if job.printed]
    return Counter(
        t.ticket_code for t in booking.tickets for text in texts if f"票号 {t.ticket_code}" in text
    )


def _seen(preview: object) -> str:
    """Everything a screen could read off the preview, as text."""
    shown = []
    for name in ("film_name", "cinema_name", "hall_name", "show_time", "seats", "records"):
        try:
            shown.append(str(getattr(preview, name)))
        except LookupError:
            shown.append("")
    return " ".join(shown)


@pytest.mark.parametrize("kind", CONNECT_DOWN)
async def test_with_both_typed_the_tickets_print_and_sarft_is_told(kit: Kit, kind: str) -> None:
    booking = kit.booking(3)
    kit.faults(f"connect.GetSingleBooking={kind}")

    preview = await kit.flow.lookup(booking.booking_id.lower(), str(booking.booking_number))

    assert preview.connect_skipped and preview.ticket_count == 3
    seen = _seen(preview)
    for ticket in booking.tickets:
        assert ticket.seat_label not in seen and ticket.ticket_code not in seen
    with pytest.raises(LookupError):
        _ = preview.film_name
    assert booking.print_state == "unprinted" and kit.flow.guard.failures == 0

    result = await kit.flow.print_tickets(preview)

    assert (result.printed, result.total, result.confirmed) == (3, 3, True)
    assert booking.print_state == "printed"  # 0x07 was sent
    on_paper = _on_paper(kit, booking)
    assert on_paper == Counter({t.ticket_code: 1 for t in booking.tickets})
    printed = {p.ticket_code for p in await kit.journal.printed_for_booking(booking.booking_id)}
    assert printed == set(on_paper)  # the journal says printed only for what is on paper
    txn = await kit.journal.transaction(result.txn_id)
    assert txn is not None and txn.state == CollectState.COLLECTED
    assert txn.summary[CONNECT_SKIPPED] is True
    assert txn.summary[CONNECT_ERROR] in {
        "ConnectUnavailable",
        "ConnectTimeout",
        "ConnectProtocolError",
    }
    steps = [(s.step, s.outcome) for s in await kit.journal.steps(txn.id) if s.phase == "result"]
    assert steps[0] == ("sarft_apply", "ok") and steps[-1] == ("sarft_confirm", "ok")


@pytest.mark.parametrize("kind", CONNECT_DOWN)
async def test_with_only_the_code_the_patron_is_asked_for_the_number(kit: Kit, kind: str) -> None:
    booking = kit.booking(2)
    kit.faults(f"connect.GetSingleBooking={kind}")
    with pytest.raises(NumberNeeded) as caught:
        await kit.flow.lookup(booking.booking_id)
    assert "订单号" in words(caught.value, "zh")
    assert "booking number" in words(caught.value, "en")
    assert kit.sarft_sessions == []  # nothing was read about it
    assert kit.flow.guard.failures == 0


async def test_a_wrong_code_with_a_right_number_shows_nothing_and_counts(kit: Kit) -> None:
    booking = kit.booking(2)
    kit.faults("connect.GetSingleBooking=drop_request")
    preview = await kit.flow.lookup("ZZZZZZ9", str(booking.booking_number))
    assert preview.ticket_count == 2 and preview.records == () and preview.seats == ()
    assert kit.flow.guard.failures == 0

    with pytest.raises(WrongCode):
        await kit.flow.print_tickets(preview)

    assert kit.flow.guard.failures == 1
    assert booking.print_state == "unprinted"
    assert [job for job in kit.virtual_printer.jobs if job.printed] == []
    [txn] = [t for t in await kit.journal.search("ZZZZZZ9") if t.kind == "collect"]
    assert txn.state == CollectState.REFUSED and txn.summary[CONNECT_SKIPPED] is True


async def test_wrong_codes_there_lock_the_keypad_like_any_others(kit: Kit) -> None:
    booking = kit.booking(2)
    kit.faults("connect.GetSingleBooking=http500")
    for _ in range(4):
        preview = await kit.flow.lookup("ZZZZZZ9", str(booking.booking_number))
        with pytest.raises(WrongCode) as wrong:
            await kit.flow.print_tickets(preview)
        kit.monotonic.now += wrong.value.wait_s  # each wrong code slows the next
    preview = await kit.flow.lookup("ZZZZZZ8", str(booking.booking_number))
    with pytest.raises(KeypadLocked):
        await kit.flow.print_tickets(preview)
    with pytest.raises(KeypadLocked):  # even the right code waits
        await kit.flow.lookup(booking.booking_id, str(booking.booking_number))
    assert booking.print_state == "unprinted"


async def test_a_number_sarft_does_not_know_is_a_wrong_code(kit: Kit) -> None:
    booking = kit.booking(2)
    kit.faults("connect.GetSingleBooking=drop_request")
    with pytest.raises(WrongCode):
        await kit.flow.lookup(booking.booking_id, "99999999")
    assert kit.flow.guard.failures == 1


async def test_the_right_code_proven_by_sarft_resets_the_count(kit: Kit) -> None:
    booking = kit.booking(2)
    kit.faults("connect.GetSingleBooking=drop_request")
    with pytest.raises(WrongCode) as wrong:
        await kit.flow.lookup(booking.booking_id, "99999999")
    kit.monotonic.now += wrong.value.wait_s  # the wait a wrong code earns
    preview = await kit.flow.lookup(booking.booking_id, str(booking.booking_number))
    assert kit.flow.guard.failures == 1  # not yet: only 0x05 proves it
    await kit.flow.print_tickets(preview)
    assert kit.flow.guard.failures == 0


async def test_connect_saying_the_code_is_wrong_never_falls_back(kit: Kit) -> None:
    booking = kit.booking(2)
    with pytest.raises(WrongCode):
        await kit.flow.lookup("ZZZZZZ9", str(booking.booking_number))
    assert kit.sarft_sessions == [] and kit.flow.guard.failures == 1


async def test_refunded_and_ended_bookings_are_refused_from_what_sarft_says(kit: Kit) -> None:
    refunded, ended = kit.booking(2), kit.booking(3)
    refunded.refunded = True
    kit.sarft_sim.ended_sessions.add(ended.session_id)
    kit.faults("connect.GetSingleBooking=drop_request")
    with pytest.raises(BookingRefunded):
        await kit.flow.lookup(refunded.booking_id, str(refunded.booking_number))
    with pytest.raises(BookingShowEnded):
        await kit.flow.lookup(ended.booking_id, str(ended.booking_number))


async def test_refunded_between_lookup_and_print_is_refused_by_the_apply(kit: Kit) -> None:
    booking = kit.booking(2)
    kit.faults("connect.GetSingleBooking=drop_request")
    preview = await kit.flow.lookup(booking.booking_id, str(booking.booking_number))
    booking.refunded = True
    with pytest.raises(BookingRefunded):
        await kit.flow.print_tickets(preview)
    assert [job for job in kit.virtual_printer.jobs if job.printed] == []
    assert kit.flow.guard.failures == 0  # refunded is not a wrong code


@pytest.mark.e2e
async def test_kiosk_collect_with_number_collects_and_says_connect_was_skipped(
    sim: SimCluster, kit: Kit
) -> None:
    booking = kit.booking(2)
    kit.faults("connect.GetSingleBooking=drop_request")
    env = env_for(kit.settings)
    code, out, err = await kiosk_command(
        env, "collect", booking.booking_id, "--number", str(booking.booking_number)
    )
    assert code == 0, err
    assert "Connect cannot be reached" in out and "2 ticket(s)" in out
    assert "Connect was skipped" in out
    assert "2 of 2 ticket(s) printed, confirmed" in out
    for ticket in booking.tickets:
        assert ticket.seat_label not in out
    assert booking.print_state == "printed"
    assert kit.settings.sarft_password.get_secret_value() not in out + err


@pytest.mark.e2e
async def test_kiosk_collect_without_number_asks_for_it(sim: SimCluster, kit: Kit) -> None:
    booking = kit.booking(2)
    kit.faults("connect.GetSingleBooking=http500")
    code, _, err = await kiosk_command(env_for(kit.settings), "collect", booking.booking_id)
    assert code == 1
    assert "--number N" in err and "Traceback" not in err
    assert booking.print_state == "unprinted"


async def test_connect_unable_to_reach_the_cinema_asks_for_the_number_another_refusal_not(
    kit: Kit,
) -> None:
    """Result 5 (Connect cannot reach the cinema's VISTA) gives no verdict on the code, as
    a dropped connection does; any other result code is Connect's answer: no fallback."""
    booking = kit.booking(2)
    kit.faults("connect.GetSingleBooking=code:5")
    with pytest.raises(NumberNeeded):
        await kit.flow.lookup(booking.booking_id)
    kit.sim.world.faults.clear()
    kit.faults("connect.GetSingleBooking=code:1")
    with pytest.raises(CollectServiceUnavailable) as caught:
        await kit.flow.lookup(booking.booking_id)
    assert not isinstance(caught.value, NumberNeeded)
    assert kit.sarft_sessions == [] and kit.flow.guard.failures == 0
