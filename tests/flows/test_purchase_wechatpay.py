"""Purchases paid through WeChat Pay v3 against the simulator, real signatures both ways:
the journeys a patron makes, the fault matrix of every WeChat call, and recovery; the
money invariant holds after each."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.purchase import (
    PaymentTimedOut,
    PurchaseCancelled,
    PurchaseState,
    TicketsNotIssued,
)
from kiosk.payment.base import PaymentProtocolError
from tests.flows.helpers_purchase import (
    FAST,
    Kit,
    RecordingIssuer,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)
from tests.flows.test_purchase_faults import (
    MATRIX,
    TRIGGERS,
    UNPAID,
    _patron_was_told_the_truth,
    purchase_under_faults,
)
from tests.payment.wechat_helpers import set_wallet

KINDS = ["hang", "drop_request", "http500", "malformed", "drop_response", "bad_signature"]
WECHAT_CODES = {"native": [400, 403, 500], "query": [404, 500], "close": [403], "refund": [400]}


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path, FAST, provider="wechatpay") as ready:
        yield ready


async def test_a_purchase_paid_with_wechat_is_booked(kit: Kit) -> None:
    issuer = RecordingIssuer()
    flow = kit.flow(issuer)
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
    request = await flow.pay()
    assert request.code_url.startswith("weixin://wxpay/bizpayurl?pr=")
    payment = kit.store.payments[request.out_trade_no]
    assert (payment.provider, payment.amount_fen) == ("wechatpay", hold.total_fen)
    kit.pay(request.out_trade_no)
    purchase = await flow.wait_for_payment()
    assert flow.state is PurchaseState.COMPLETED
    assert issuer.issued == [(purchase.booking_id, purchase.booking_number, hold.txn_id)]
    await assert_invariant(kit)


async def test_a_patron_who_cancels_has_the_wechat_order_closed(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    await flow.cancel()
    assert flow.state is PurchaseState.CANCELLED
    payment = kit.store.payments[request.out_trade_no]
    assert payment.wallet is not None and payment.wallet.closed_by_merchant
    await assert_invariant(kit)


async def test_the_qr_expiring_closes_the_order(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    with pytest.raises(PaymentTimedOut):
        await flow.wait_for_payment()
    payment = kit.store.payments[request.out_trade_no]
    assert payment.state == "CLOSED" and payment.wallet is not None
    assert payment.wallet.closed_by_merchant  # WeChat would say NOTPAY until closed
    await assert_invariant(kit)


async def test_no_tickets_refunds_through_wechat_even_while_the_refund_processes(
    kit: Kit,
) -> None:
    await set_wallet(kit.payment_sim.url, refund_processing_s=3600)
    kit.faults("connect.CompleteOrder=code:1")
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    with pytest.raises(TicketsNotIssued) as raised:
        await flow.wait_for_payment()
    assert raised.value.refunded
    assert flow.state is PurchaseState.REFUNDED
    steps = await kit.journal.steps(request.out_trade_no)
    [refund] = [s for s in steps if s.step == "payment_refund" and s.phase == "result"]
    # the journal says the refund is still on its way, for reconciliation to follow
    assert refund.outcome == "ok" and refund.details["refund_processing"] is True
    await assert_invariant(kit)


async def test_a_badly_signed_paid_answer_is_asked_again(kit: Kit) -> None:
    """The first "SUCCESS" does not verify: the flow does not book on it, asks again,
    and books on the next, signed answer."""
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    kit.faults("payment.query=bad_signature:times:2")  # both attempts of one poll
    await flow.wait_for_payment()
    assert flow.state is PurchaseState.COMPLETED
    await assert_invariant(kit)


async def test_a_reply_signed_by_nobody_is_a_protocol_error_that_may_have_applied(
    kit: Kit,
) -> None:
    kit.faults("payment.native=bad_signature:times:1")
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    with pytest.raises(Exception) as raised:
        await flow.pay()
    assert isinstance(raised.value.__cause__, PaymentProtocolError)
    # the order WeChat made is closed, never left payable
    [payment] = kit.store.payments.values()
    assert payment.wallet is not None and payment.wallet.closed_by_merchant
    await assert_invariant(kit)


async def test_patron_cancel_while_paying_refunds(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    await flow.cancel()
    with pytest.raises(PurchaseCancelled):
        await flow.wait_for_payment()
    assert kit.store.payments[request.out_trade_no].state == "REFUNDED"
    await assert_invariant(kit)


# ---- the fault matrix, WeChat's calls --------------------------------------------------


def _cases() -> list[tuple[str, str]]:
    return [
        (op, kind)
        for op, codes in WECHAT_CODES.items()
        for kind in [*KINDS, *(f"code:{c}" for c in codes)]
    ]


@pytest.fixture
async def matrix_kit(tmp_path: Path) -> AsyncIterator[Kit]:
    config = dataclasses.replace(MATRIX)
    async with running_kit(tmp_path, config, timeout_s=0.5, provider="wechatpay") as ready:
        yield ready


@pytest.mark.slow
@pytest.mark.parametrize(("op", "kind"), _cases())
async def test_wechat_fault_then_recovery_keeps_the_invariant(
    matrix_kit: Kit, op: str, kind: str
) -> None:
    kit = matrix_kit
    kit.faults(*TRIGGERS.get(op, []), f"payment.{op}={kind}")
    error = await purchase_under_faults(kit, pays=op not in UNPAID)
    _patron_was_told_the_truth(kit, error)
    kit.world.faults.clear()
    report = await kit.recover()
    assert report.all_terminal, report.needs_staff
    await assert_invariant(kit)
