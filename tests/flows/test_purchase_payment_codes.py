"""Purchases paid with the patron's payment code (付款码) held to the kiosk's scanner,
through WeChat Pay v3 codepay/reverse and Alipay trade.pay/cancel against the
simulator with real signatures: paid at once, a password typed, never typed (reversed
at 45 s, never before 15 s), refused, the QR paid as well, cancelled mid-wait, no
tickets; recovery after every fault; and the code nowhere in the logs or the journal."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.purchase import (
    PaymentCodeBusy,
    PaymentCodeDeclined,
    PaymentCodeInvalid,
    PaymentCodeNotAccepted,
    Purchase,
    PurchaseCancelled,
    PurchaseConfig,
    PurchaseError,
    PurchaseFlow,
    PurchaseState,
    Snapshot,
    TicketsNotIssued,
)
from kiosk.flows.purchase_ledger import code_trade_no
from tests.flows.helpers_purchase import (
    FAST,
    Kit,
    RecordingIssuer,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)
from tests.payment.wechat_helpers import paycode

CODES = dataclasses.replace(FAST, payment_poll_s=2.0)
# (the kit's provider, the wallet's name at /_sim/paycode, the other wallet)
WALLETS = [("wechatpay", "wechat", "alipay"), ("alipay", "alipay", "wechat")]


@pytest.fixture(params=WALLETS, ids=[w[0] for w in WALLETS])
async def wallet_kit(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Kit]:
    provider = request.param[0]
    async with running_kit(tmp_path, CODES, provider=provider) as ready:
        yield ready


def _wallet(kit: Kit) -> str:
    return "wechat" if getattr(kit.payment, "name", "") == "wechatpay" else "alipay"


def _other(kit: Kit) -> str:
    return "alipay" if _wallet(kit) == "wechat" else "wechat"


async def _awaiting(
    kit: Kit, flow: PurchaseFlow, seats: int = 1
) -> tuple[str, asyncio.Task[Purchase]]:
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): seats}, free_seats(flow, seats))
    await flow.pay()
    return hold.txn_id, asyncio.ensure_future(flow.wait_for_payment())


async def _code(kit: Kit, outcome: str = "success", wallet: str = "", **extra: object) -> str:
    return await paycode(kit.payment_sim.url, wallet or _wallet(kit), outcome, **extra)


async def _charged(kit: Kit, number: str) -> None:
    """Until the simulator holds the code payment's order (it is being charged)."""
    for _ in range(500):
        if number in kit.store.payments:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{number} was never charged")


async def _journaled(kit: Kit, usid: str, step: str, phase: str) -> None:
    for _ in range(500):
        if [s for s in await kit.journal.steps(usid) if s.step == step and s.phase == phase]:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{step} {phase} never journaled")


def _journal_bytes(kit: Kit, tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.glob("journal.sqlite3*"))


async def test_a_code_paid_at_once_books_and_closes_the_qr(
    wallet_kit: Kit, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    kit = wallet_kit
    caplog.set_level(logging.DEBUG)
    issuer = RecordingIssuer()
    flow = kit.flow(issuer)
    usid, waiting = await _awaiting(kit, flow, seats=2)
    code = await _code(kit)
    await flow.pay_with_code(code)
    purchase = await waiting
    assert flow.state is PurchaseState.COMPLETED
    assert issuer.issued == [(purchase.booking_id, purchase.booking_number, usid)]
    number = code_trade_no(usid, 1)
    paid = kit.store.payments[number]
    assert (paid.state, paid.amount_fen, paid.refunded_fen) == ("PAID", purchase.total_fen, 0)
    qr = kit.store.payments[usid]
    assert qr.state == "CLOSED"  # the QR can no longer take money
    txn = await kit.journal.transaction(usid)
    assert txn is not None and txn.summary["out_trade_no"] == number  # staff find it by it
    assert txn.summary["wallet"] == getattr(kit.payment, "name", "")
    steps = await kit.journal.steps(usid)
    [intent] = [s for s in steps if s.step == "payment_code" and s.phase == "intent"]
    assert intent.details == {
        "out_trade_no": number,
        "wallet": getattr(kit.payment, "name", ""),
        "amount_fen": purchase.total_fen,
    }
    # a bearer credential: never in a log line or the journal file
    assert code not in caplog.text
    assert code.encode() not in _journal_bytes(kit, tmp_path)
    await assert_invariant(kit)


async def test_a_password_typed_on_the_phone_books(wallet_kit: Kit) -> None:
    kit = wallet_kit
    flow = kit.flow()
    seen: list[Snapshot] = []
    flow.observe(seen.append)
    usid, waiting = await _awaiting(kit, flow)
    started = kit.clock.now()
    await flow.pay_with_code(await _code(kit, "password", password_s=12))
    await waiting
    assert flow.state is PurchaseState.COMPLETED
    assert kit.clock.now() - started >= dt.timedelta(seconds=12)
    states = [s.code_payment for s in seen]
    assert "charging" in states and "confirm_on_phone" in states  # the screen can say so
    assert states[-1] is None
    assert kit.store.payments[code_trade_no(usid, 1)].state == "PAID"
    await assert_invariant(kit)


async def test_a_password_never_typed_is_reversed_at_45_s_and_the_qr_still_pays(
    wallet_kit: Kit,
) -> None:
    kit = wallet_kit
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    started = kit.clock.now()
    with pytest.raises(PaymentCodeDeclined) as declined:
        await flow.pay_with_code(await _code(kit, "password"))
    assert declined.value.reason == "timed_out"
    assert kit.clock.now() - started >= dt.timedelta(seconds=45)
    code_order = kit.store.payments[code_trade_no(usid, 1)]
    assert code_order.state == "CLOSED" and code_order.wallet is not None
    assert code_order.wallet.revoked  # reversed (WeChat) / cancelled (Alipay)
    steps = await kit.journal.steps(usid)
    assert [s.phase for s in steps if s.step == "payment_reverse"] == ["intent", "result"]
    assert flow.state is PurchaseState.AWAITING_PAYMENT and not waiting.done()
    kit.pay(usid)  # the patron scans the QR instead
    await waiting
    assert flow.state is PurchaseState.COMPLETED
    await assert_invariant(kit)


async def test_a_code_is_never_reversed_within_15_s(wallet_kit: Kit) -> None:
    """The patron cancels 2 s into the password wait: the code is reversed, but only
    once 15 s have passed since it was charged (WeChat's advice)."""
    kit = wallet_kit
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    started = kit.clock.now()
    paying = asyncio.ensure_future(flow.pay_with_code(await _code(kit, "password")))
    await _charged(kit, code_trade_no(usid, 1))
    await flow.cancel()
    with pytest.raises(PurchaseCancelled):
        await waiting
    with pytest.raises(PurchaseError):
        await paying
    assert flow.state is PurchaseState.CANCELLED
    assert kit.clock.now() - started >= dt.timedelta(seconds=15)
    code_order = kit.store.payments[code_trade_no(usid, 1)]
    assert code_order.wallet is not None and code_order.wallet.revoked
    await assert_invariant(kit)


async def test_a_refused_code_takes_nothing_and_the_patron_may_try_again(wallet_kit: Kit) -> None:
    kit = wallet_kit
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    with pytest.raises(PaymentCodeDeclined) as declined:
        await flow.pay_with_code(await _code(kit, "fail"))
    assert declined.value.reason in ("NOT_ENOUGH", "ACQ.BUYER_BALANCE_NOT_ENOUGH")
    assert flow.state is PurchaseState.AWAITING_PAYMENT
    await flow.pay_with_code(await _code(kit))  # another card, another code
    await waiting
    assert flow.state is PurchaseState.COMPLETED
    assert kit.store.payments[code_trade_no(usid, 2)].state == "PAID"
    await assert_invariant(kit)


async def test_a_code_of_a_wallet_not_taken_here_or_no_code_at_all_sends_nothing(
    wallet_kit: Kit,
) -> None:
    kit = wallet_kit
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    with pytest.raises(PaymentCodeNotAccepted):
        await flow.pay_with_code(await _code(kit, wallet=_other(kit)))
    for junk in ("WQNX8JL", "123", "161234567890123456", ""):
        with pytest.raises(PaymentCodeInvalid):
            await flow.pay_with_code(junk)
    assert list(kit.store.payments) == [usid]  # only the QR exists
    assert not [s for s in await kit.journal.steps(usid) if s.step == "payment_code"]
    await flow.cancel()
    with pytest.raises(PurchaseCancelled):
        await waiting
    await assert_invariant(kit)


async def test_a_second_code_while_the_first_waits_is_not_sent(wallet_kit: Kit) -> None:
    kit = wallet_kit
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    first = asyncio.ensure_future(flow.pay_with_code(await _code(kit, "password", password_s=8)))
    await _charged(kit, code_trade_no(usid, 1))
    with pytest.raises(PaymentCodeBusy):
        await flow.pay_with_code(await _code(kit))
    await first
    await waiting
    assert code_trade_no(usid, 2) not in kit.store.payments
    await assert_invariant(kit)


async def test_the_qr_paid_as_well_as_the_code_is_refunded_and_journaled(wallet_kit: Kit) -> None:
    kit = wallet_kit
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    paying = asyncio.ensure_future(flow.pay_with_code(await _code(kit, "password", password_s=6)))
    await _charged(kit, code_trade_no(usid, 1))
    kit.pay(usid)  # a companion pays the QR while the patron types the password
    await paying
    await waiting
    assert flow.state is PurchaseState.COMPLETED
    qr = kit.store.payments[usid]
    assert (qr.state, qr.refunded_fen) == ("REFUNDED", qr.amount_fen)
    steps = await kit.journal.steps(usid)
    refunds = [s for s in steps if s.step == "payment_refund" and s.phase == "intent"]
    assert [s.details["out_trade_no"] for s in refunds] == [usid]
    await assert_invariant(kit)


async def test_no_tickets_after_a_code_payment_refunds_the_code(wallet_kit: Kit) -> None:
    kit = wallet_kit
    kit.faults("connect.CompleteOrder=code:1")
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    await flow.pay_with_code(await _code(kit))
    with pytest.raises(TicketsNotIssued) as raised:
        await waiting
    assert raised.value.refunded and flow.state is PurchaseState.REFUNDED
    code_order = kit.store.payments[code_trade_no(usid, 1)]
    assert code_order.refunded_fen == code_order.amount_fen
    await assert_invariant(kit)


async def test_a_lost_answer_to_a_paid_code_is_asked_after_and_books(wallet_kit: Kit) -> None:
    kit = wallet_kit
    kit.faults("payment.codepay=drop_response:times:1")
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    await flow.pay_with_code(await _code(kit))
    await waiting
    assert flow.state is PurchaseState.COMPLETED
    steps = await kit.journal.steps(usid)
    [result] = [s for s in steps if s.step == "payment_code" and s.phase == "result"]
    assert result.outcome == "unknown"
    await assert_invariant(kit)


async def test_a_charge_never_answered_is_reversed_after_15_s(wallet_kit: Kit) -> None:
    kit = wallet_kit
    kit.faults("payment.codepay=drop_request:times:1")
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    started = kit.clock.now()
    with pytest.raises(PaymentCodeDeclined):
        await flow.pay_with_code(await _code(kit))
    assert dt.timedelta(seconds=15) <= kit.clock.now() - started < dt.timedelta(seconds=45)
    steps = await kit.journal.steps(usid)
    assert [s.phase for s in steps if s.step == "payment_reverse"] == ["intent", "result"]
    await flow.cancel()
    with pytest.raises(PurchaseCancelled):
        await waiting
    await assert_invariant(kit)


# ---- faults on the new calls, then recovery -------------------------------------------

FAULT_KINDS = ["hang", "drop_request", "http500", "malformed", "drop_response", "bad_signature"]
CASES = [
    (op, outcome, kind)
    for op, outcomes in (("codepay", ("success", "password")), ("reverse", ("password",)))
    for outcome in outcomes
    for kind in FAULT_KINDS
]


@pytest.fixture(params=WALLETS, ids=[w[0] for w in WALLETS])
async def matrix_kit(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Kit]:
    config = dataclasses.replace(CODES, booking_status_polls=3)
    async with running_kit(tmp_path, config, timeout_s=0.5, provider=request.param[0]) as kit:
        yield kit


@pytest.mark.slow
@pytest.mark.parametrize(("op", "outcome", "kind"), CASES)
async def test_code_fault_then_recovery_keeps_the_invariant(
    matrix_kit: Kit, op: str, outcome: str, kind: str
) -> None:
    kit = matrix_kit
    kit.faults(f"payment.{op}={kind}")
    flow = kit.flow()
    _, waiting = await _awaiting(kit, flow)
    try:
        await flow.pay_with_code(await _code(kit, outcome))
    except PurchaseError:
        pass
    if not waiting.done():
        await flow.cancel()
    try:
        await waiting
    except PurchaseError:
        pass
    kit.world.faults.clear()
    report = await kit.recover()
    assert report.all_terminal, report.needs_staff
    await assert_invariant(kit)


async def test_recovery_reverses_a_code_left_waiting_for_its_patron(
    wallet_kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kiosk stops while a code waits for the password (the flow is parked in its
    wait, then dies): the next recovery reverses it, cancels the order, nothing is kept."""
    kit = wallet_kit
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    parked = asyncio.Event()

    async def park(seconds: float) -> None:
        parked.set()
        await asyncio.Event().wait()  # never: the kiosk is gone

    monkeypatch.setattr(kit.clock, "sleep", park)
    paying = asyncio.ensure_future(flow.pay_with_code(await _code(kit, "password")))
    await asyncio.wait_for(parked.wait(), 5)
    await _journaled(kit, usid, "payment_code", "result")
    steps = await kit.journal.steps(usid)
    assert [s.phase for s in steps if s.step == "payment_code"] == ["intent", "result"]
    waiting.cancel()  # as good as a crash: nothing more runs in this flow
    paying.cancel()
    for task in (waiting, paying):
        with pytest.raises(asyncio.CancelledError):
            await task
    monkeypatch.undo()
    kit.owners.release(usid, flow)
    report = await kit.recover()
    assert report.all_terminal, report.needs_staff
    assert [o.state for o in report.outcomes] == ["CANCELLED"]
    code_order = kit.store.payments[code_trade_no(usid, 1)]
    assert code_order.wallet is not None and code_order.wallet.revoked
    await assert_invariant(kit)


async def test_recovery_keeps_a_booked_code_payment_and_closes_the_qr(
    wallet_kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped after a code payment made the booking but before the kiosk said so:
    recovery finds the booking and the code's money, keeps both: COMPLETED."""
    kit = wallet_kit
    kit.faults("connect.CompleteOrder=drop_response:times:1", "connect.GetOrder=hang")
    flow = kit.flow()
    usid, waiting = await _awaiting(kit, flow)
    await flow.pay_with_code(await _code(kit))
    await _journaled(kit, usid, "complete_order", "result")
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    kit.world.faults.clear()
    kit.owners.release(usid, flow)
    report = await kit.recover()
    assert [o.state for o in report.outcomes] == ["COMPLETED"], report.outcomes
    assert kit.store.payments[code_trade_no(usid, 1)].state == "PAID"
    assert kit.store.payments[usid].state == "CLOSED"
    await assert_invariant(kit)


def test_code_order_numbers_fit_wechat_and_name_their_purchase() -> None:
    usid = "0123456789abcdef0123456789abcdef"
    numbers = [code_trade_no(usid, n) for n in range(1, 10)]
    assert all(len(n) == 32 and n[:30] == usid[:30] for n in numbers)
    assert len(set(numbers)) == 9 and usid not in numbers
    with pytest.raises(ValueError):
        code_trade_no(usid, 10)


def test_the_default_waits_are_the_issues() -> None:
    config = PurchaseConfig()
    assert (config.code_poll_s, config.code_wait_s, config.code_reverse_after_s) == (5, 45, 15)
