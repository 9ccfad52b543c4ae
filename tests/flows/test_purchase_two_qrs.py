"""One QR per configured provider, side by side: WeChat Pay v3 Native and Alipay
precreate against the payment simulator with real signatures. Whichever is paid first
wins, the other is closed at once, a second payment that slips in anyway is refunded
and journaled; every cancel, refund and recovery settles both orders."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.purchase import (
    PaymentRequest,
    Purchase,
    PurchaseFlow,
    PurchaseState,
    TicketsNotIssued,
)
from kiosk.flows.purchase_ledger import qr_trade_no
from kiosk.sim.payment_server import Refused
from tests.flows.helpers_purchase import (
    FAST,
    Kit,
    RecordingIssuer,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)

CONFIG = dataclasses.replace(FAST, payment_poll_s=2.0)
ORDERS = ["wechatpay,alipay", "alipay,wechatpay"]


@pytest.fixture(params=ORDERS)
async def kit(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path, CONFIG, provider=request.param) as ready:
        yield ready


async def _awaiting(
    kit: Kit, flow: PurchaseFlow, seats: int = 2
) -> tuple[PaymentRequest, asyncio.Task[Purchase]]:
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): seats}, free_seats(flow, seats))
    request = await flow.pay()
    return request, asyncio.ensure_future(flow.wait_for_payment())


def _names(kit: Kit) -> list[str]:
    return [str(getattr(kit.payment, "name", "")), *kit.wallets]


async def test_each_provider_shows_its_own_qr_in_screen_order(kit: Kit) -> None:
    flow = kit.flow()
    request, waiting = await _awaiting(kit, flow)
    usid = flow.txn_id
    assert usid is not None
    assert [q.wallet for q in request.qrs] == _names(kit)
    assert [q.out_trade_no for q in request.qrs] == [usid, qr_trade_no(usid, 2)]
    prefixes = {"wechatpay": "weixin://wxpay/bizpayurl?pr=", "alipay": "https://qr.alipay.com/"}
    for qr in request.qrs:
        assert qr.code_url.startswith(prefixes[qr.wallet]), qr
    assert (request.out_trade_no, request.code_url) == (usid, request.qrs[0].code_url)
    steps = await kit.journal.steps(usid)
    creates = [(s.phase, s.details.get("wallet")) for s in steps if s.step == "payment_create"]
    # each order's intent is committed before its call
    first, second = _names(kit)
    assert creates == [("intent", first), ("result", None), ("intent", second), ("result", None)]
    await flow.cancel()
    with pytest.raises(Exception):  # noqa: B017  (the wait ends as cancelled)
        await waiting
    await assert_invariant(kit)


@pytest.mark.parametrize("paid", [1, 2], ids=["first-paid", "second-paid"])
async def test_one_qr_paid_books_and_the_other_is_closed_at_once(kit: Kit, paid: int) -> None:
    issuer = RecordingIssuer()
    flow = kit.flow(issuer)
    request, waiting = await _awaiting(kit, flow)
    winner, other = request.qrs[paid - 1], request.qrs[2 - paid]
    kit.pay(winner.out_trade_no)
    purchase = await waiting
    assert flow.state is PurchaseState.COMPLETED and len(issuer.issued) == 1
    assert kit.store.payments[winner.out_trade_no].state == "PAID"
    assert kit.store.payments[other.out_trade_no].state == "CLOSED"
    with pytest.raises(Refused):  # the phone that scans it now is told it is closed
        kit.pay(other.out_trade_no)
    txn = await kit.journal.transaction(purchase.txn_id)
    assert txn is not None
    # staff find the booking by the order the patron paid
    assert txn.summary["out_trade_no"] == winner.out_trade_no
    if paid == 2:
        assert txn.summary["wallet"] == winner.wallet
    await assert_invariant(kit)


async def test_both_qrs_paid_the_second_is_refunded_and_journaled(kit: Kit) -> None:
    flow = kit.flow(RecordingIssuer())
    request, waiting = await _awaiting(kit, flow)
    first, second = request.qrs
    kit.pay(second.out_trade_no)  # two phones at once: both pay before the next poll
    kit.pay(first.out_trade_no)
    purchase = await waiting
    assert flow.state is PurchaseState.COMPLETED
    kept = kit.store.payments[first.out_trade_no]
    back = kit.store.payments[second.out_trade_no]
    assert (kept.state, kept.refunded_fen) == ("PAID", 0)
    assert back.refunded_fen == back.amount_fen == purchase.total_fen
    steps = await kit.journal.steps(purchase.txn_id)
    refunds = [s for s in steps if s.step == "payment_refund" and s.phase == "intent"]
    assert [s.details["out_trade_no"] for s in refunds] == [second.out_trade_no]
    await assert_invariant(kit)


async def test_cancel_closes_every_qr(kit: Kit) -> None:
    flow = kit.flow()
    request, waiting = await _awaiting(kit, flow)
    await flow.cancel()
    with pytest.raises(Exception):  # noqa: B017
        await waiting
    assert flow.state is PurchaseState.CANCELLED
    for qr in request.qrs:
        assert kit.store.payments[qr.out_trade_no].state == "CLOSED", qr.wallet
        with pytest.raises(Refused):
            kit.pay(qr.out_trade_no)
    await assert_invariant(kit)


async def test_no_tickets_after_the_second_qr_paid_refunds_it(kit: Kit) -> None:
    kit.faults("connect.CompleteOrder=code:1")
    flow = kit.flow()
    request, waiting = await _awaiting(kit, flow)
    kit.pay(request.qrs[1].out_trade_no)
    with pytest.raises(TicketsNotIssued) as raised:
        await waiting
    assert raised.value.refunded and flow.state is PurchaseState.REFUNDED
    paid = kit.store.payments[request.qrs[1].out_trade_no]
    assert paid.refunded_fen == paid.amount_fen
    assert kit.store.payments[request.qrs[0].out_trade_no].state == "CLOSED"
    await assert_invariant(kit)


async def test_a_provider_that_cannot_make_its_qr_leaves_the_other(tmp_path: Path) -> None:
    """WeChat Pay failing (5xx on every native order) does not stop Alipay's QR: the
    patron is shown that one alone and pays it; the WeChat order is settled too."""
    async with running_kit(tmp_path, CONFIG, provider="wechatpay,alipay") as kit:
        kit.faults("payment.native=http500:times:20")
        flow = kit.flow(RecordingIssuer())
        request, waiting = await _awaiting(kit, flow)
        assert [q.wallet for q in request.qrs] == ["alipay"]
        kit.world.faults.clear()
        kit.pay(request.qrs[0].out_trade_no)
        await waiting
        assert flow.state is PurchaseState.COMPLETED
        assert flow.txn_id is not None
        wechat = kit.store.payments.get(flow.txn_id)
        assert wechat is None or wechat.state == "CLOSED"
        await assert_invariant(kit)


async def test_recovery_settles_both_qrs_of_a_purchase_left_waiting(kit: Kit) -> None:
    """The kiosk stops with both QRs on screen, and both patrons' phones pay after it:
    recovery cancels the order and refunds both."""
    flow = kit.flow()
    request, waiting = await _awaiting(kit, flow)
    usid = flow.txn_id
    assert usid is not None
    waiting.cancel()  # as good as a crash: nothing more runs in this flow
    with pytest.raises(asyncio.CancelledError):
        await waiting
    for qr in request.qrs:
        kit.pay(qr.out_trade_no)
    kit.owners.release(usid, flow)
    report = await kit.recover()
    assert [o.state for o in report.outcomes] == ["REFUNDED"], report.needs_staff
    for qr in request.qrs:
        order = kit.store.payments[qr.out_trade_no]
        assert order.refunded_fen == order.amount_fen, qr.wallet
    await assert_invariant(kit)


async def test_recovery_keeps_the_second_qrs_booking_and_closes_the_first(kit: Kit) -> None:
    """Stopped after the second provider's payment made the booking but before the kiosk
    said so: recovery keeps that payment and the booking: COMPLETED."""
    kit.faults("connect.CompleteOrder=drop_response:times:1", "connect.GetOrder=hang")
    flow = kit.flow()
    request, waiting = await _awaiting(kit, flow)
    usid = flow.txn_id
    assert usid is not None
    kit.pay(request.qrs[1].out_trade_no)
    for _ in range(500):
        steps = await kit.journal.steps(usid)
        if any(s.step == "complete_order" and s.phase == "result" for s in steps):
            break
        await asyncio.sleep(0.01)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    kit.world.faults.clear()
    kit.owners.release(usid, flow)
    report = await kit.recover()
    assert [o.state for o in report.outcomes] == ["COMPLETED"], report.outcomes
    assert kit.store.payments[request.qrs[1].out_trade_no].state == "PAID"
    assert kit.store.payments[request.qrs[0].out_trade_no].state == "CLOSED"
    await assert_invariant(kit)


def test_qr_order_numbers_fit_wechat_and_name_their_purchase() -> None:
    usid = "0123456789abcdef0123456789abcdef"
    assert qr_trade_no(usid, 1) == usid
    numbers = [qr_trade_no(usid, n) for n in range(2, 10)]
    assert all(len(n) == 32 and n[:30] == usid[:30] and n[30] == "Q" for n in numbers)
    assert len(set(numbers)) == 8
