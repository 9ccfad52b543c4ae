"""Purchases paid through Alipay against the simulator's gateway, RSA2 both ways: the
journeys a patron makes, the fault matrix of every Alipay call, and recovery."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.purchase import PaymentTimedOut, PurchaseState, TicketsNotIssued
from tests.flows.helpers_purchase import (
    FAST,
    Kit,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)
from tests.flows.test_purchase_faults import (
    MATRIX,
    TRIGGERS,
    _patron_was_told_the_truth,
    purchase_under_faults,
)
from tests.payment.wechat_helpers import set_wallet

KINDS = ["hang", "drop_request", "http500", "malformed", "drop_response", "bad_signature"]
# Alipay answers its codes in the body: 20000 leaves the outcome unknown, 40004 refuses
ALIPAY_CODES = {op: [20000, 40004] for op in ("create", "query", "close", "reverse", "refund")}
UNPAID = {"close", "reverse"}  # reached when the patron never pays


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path, FAST, provider="alipay") as ready:
        yield ready


async def test_a_purchase_paid_with_alipay_is_booked(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
    request = await flow.pay()
    assert request.code_url.startswith("https://qr.alipay.com/")
    assert kit.store.payments[request.out_trade_no].amount_fen == hold.total_fen
    kit.pay(request.out_trade_no)
    await flow.wait_for_payment()
    assert flow.state is PurchaseState.COMPLETED
    await assert_invariant(kit)


async def test_a_qr_nobody_scans_expires_and_is_cancelled(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    with pytest.raises(PaymentTimedOut):
        await flow.wait_for_payment()  # ACQ.TRADE_NOT_EXIST all along: pending, not an error
    payment = kit.store.payments[request.out_trade_no]
    assert payment.wallet is not None and payment.wallet.revoked  # cancelled, unpayable
    await assert_invariant(kit)


async def test_a_patron_who_cancels_has_the_qr_cancelled(kit: Kit) -> None:
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    await flow.cancel()
    assert flow.state is PurchaseState.CANCELLED
    assert kit.store.payments[request.out_trade_no].state == "CLOSED"
    await assert_invariant(kit)


async def test_no_tickets_refunds_through_alipay_even_while_it_processes(kit: Kit) -> None:
    await set_wallet(kit.payment_sim.url, refund_processing_s=3600)
    kit.faults("connect.CompleteOrder=code:1")
    flow = kit.flow()
    await flow.start(kit.session())
    await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
    request = await flow.pay()
    kit.pay(request.out_trade_no)
    with pytest.raises(TicketsNotIssued) as raised:
        await flow.wait_for_payment()
    assert raised.value.refunded and flow.state is PurchaseState.REFUNDED
    steps = await kit.journal.steps(request.out_trade_no)
    [refund] = [s for s in steps if s.step == "payment_refund" and s.phase == "result"]
    assert refund.details["refund_processing"] is True
    await assert_invariant(kit)


def _cases() -> list[tuple[str, str]]:
    return [
        (op, kind)
        for op, codes in ALIPAY_CODES.items()
        for kind in [*KINDS, *(f"code:{c}" for c in codes)]
    ]


@pytest.fixture
async def matrix_kit(tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path, MATRIX, timeout_s=0.5, provider="alipay") as ready:
        yield ready


@pytest.mark.slow
@pytest.mark.parametrize(("op", "kind"), _cases())
async def test_alipay_fault_then_recovery_keeps_the_invariant(
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
