"""Daily reconciliation against the simulators' own bills (real signatures, its own CSV
writer), with purchases made by the flow: a clean day matches; a day with each kind of
mismatch reports each, once, and nothing else."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.chinatime import CHINA_TIME
from kiosk.flows.purchase import PurchaseError
from kiosk.flows.purchase_ledger import code_trade_no
from kiosk.journal import AsyncJournal
from kiosk.reconcile import ReconcileReport, reconcile, render
from tests.flows.helpers_purchase import (
    FAST,
    T0,
    TOKEN,
    Kit,
    free_seats,
    running_kit,
    standard_code,
)
from tests.payment.wechat_helpers import paycode, set_wallet

DAY = T0.astimezone(CHINA_TIME).date()
CONFIG = dataclasses.replace(FAST, booking_status_polls=2, payment_poll_s=2.0)


@pytest.fixture(params=["wechatpay", "alipay"])
async def kit(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path, CONFIG, provider=request.param) as ready:
        # the journal stamps steps by the same clock the simulators' store keeps
        journal = await AsyncJournal.open(
            tmp_path / "reconcile-journal.sqlite3", clock=ready.clock, known_secrets=[TOKEN]
        )
        ready.journal = journal
        try:
            yield ready
        finally:
            await journal.close()


def _name(kit: Kit) -> str:
    return str(getattr(kit.payment, "name", ""))


async def _buy(kit: Kit, *, code: bool = False, pays: bool = True) -> str:
    """One purchase through the flow, paid by its QR (or a payment code); its id."""
    flow = kit.flow()
    await flow.start(kit.session(index=len(kit.store.bookings) % 5))
    hold = await flow.choose({standard_code(flow): 1}, free_seats(flow, 1))
    request = await flow.pay()
    if pays and not code:
        kit.pay(request.out_trade_no)
    try:
        if code:
            wallet = "wechat" if _name(kit) == "wechatpay" else "alipay"
            import asyncio

            waiting = asyncio.ensure_future(flow.wait_for_payment())
            await flow.pay_with_code(await paycode(kit.payment_sim.url, wallet))
            await waiting
        else:
            await flow.wait_for_payment()
    except PurchaseError:
        pass
    return hold.txn_id


async def _reconcile(kit: Kit) -> ReconcileReport:
    kit.clock.advance(24 * 3600)  # the day is over: its bills are made
    report = await reconcile(
        DAY, kit.journal, {_name(kit): kit.payment}, kit.connect, qr_provider=_name(kit)
    )
    print(render(report))
    return report


async def test_a_clean_day_matches(kit: Kit) -> None:
    await _buy(kit)  # sold by QR
    await _buy(kit, code=True)  # sold by payment code
    kit.faults("connect.CompleteOrder=code:1")
    await _buy(kit)  # paid, no tickets: refunded
    kit.world.faults.clear()
    await _buy(kit, pays=False)  # never paid: nothing to bill
    report = await _reconcile(kit)
    assert report.ok, render(report)
    assert report.matched == 3  # two sales and a refunded payment (with its refund)
    lines = report.bills[_name(kit)]
    assert sorted(b.kind for b in lines) == ["payment", "payment", "payment", "refund"]
    assert "all match" in render(report)


async def test_a_day_with_each_kind_of_mismatch(kit: Kit) -> None:
    name = _name(kit)
    sold = await _buy(kit)
    # a payment the journal never saw (made outside the kiosk under a number of its own)
    await kit.payment.create("K20250301ORPHAN01", 4200, "not ours", 300)
    kit.pay("K20250301ORPHAN01")
    # paid, no tickets, and the refund fails for good: the patron's money is still kept
    kit.faults("connect.CompleteOrder=code:1", "payment.refund=http500")
    stuck = await _buy(kit)
    kit.world.faults.clear()
    # a refund the provider accepted that has not arrived
    await set_wallet(kit.payment_sim.url, refund_processing_s=3 * 24 * 3600)
    kit.faults("connect.CompleteOrder=code:1")
    slow = await _buy(kit)
    kit.world.faults.clear()
    await set_wallet(kit.payment_sim.url, refund_processing_s=0)
    # sold, but the provider recorded another amount
    differs = await _buy(kit)
    kit.store.payments[differs].amount_fen += 100
    # sold by payment code, then the booking was refunded at the box office
    boxed = await _buy(kit, code=True)
    [booking] = [b for b in kit.store.bookings.values() if b.user_session_id == boxed]
    kit.store.refund_booking(booking)
    # sold, then the payment was refunded by hand, the tickets still standing
    handed = await _buy(kit)
    total = kit.store.payments[handed].amount_fen
    await kit.payment.refund(handed, "Rbyhand" + handed[:10], total)
    # sold, and the provider has no record of it at all
    lost = await _buy(kit)
    del kit.store.payments[lost]

    report = await _reconcile(kit)
    found = sorted((m.kind, m.out_trade_no) for m in report.mismatches)
    assert found == sorted(
        [
            ("not_in_journal", "K20250301ORPHAN01"),
            ("paid_without_booking", stuck),
            ("refund_processing", slow),
            ("amount_differs", differs),
            ("booking_refunded", code_trade_no(boxed, 1)),
            ("refunded_with_booking", handed),
            ("not_in_bill", lost),
        ]
    ), render(report)
    assert report.matched == 1  # only the first sale
    assert all(m.provider == name for m in report.mismatches)
    text = render(report)
    assert "7 mismatch(es)" in text and sold not in text
    assert {m.txn_id for m in report.mismatches} == {stuck, slow, differs, boxed, handed, lost, ""}


async def test_a_bill_that_cannot_be_read_is_said_so(kit: Kit) -> None:
    await _buy(kit)
    kit.faults("payment.bill=http500")
    report = await _reconcile(kit)
    assert not report.ok and list(report.unavailable) == [_name(kit)]
    assert "UNAVAILABLE" in render(report)
