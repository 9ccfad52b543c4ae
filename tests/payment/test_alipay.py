"""The Alipay adapter against the simulator's gateway, RSA2 both ways: precreated QRs
nobody has scanned yet, cancels, refunds that take time, yuan amounts, bad signatures."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from kiosk.payment.alipay import AlipayProvider, fen, yuan
from kiosk.payment.base import (
    PaymentNotFound,
    PaymentProtocolError,
    PaymentProvider,
    PaymentRejected,
    PaymentStatus,
    RefundStatus,
)
from kiosk.sim.payment_server import PaymentSimulator
from kiosk.sim.phone import pay_with_simulator
from kiosk.sim.world import SimWorld
from tests.helpers.clock import FakeClock
from tests.payment.conftest import T0
from tests.payment.wechat_helpers import alipay_keys, alipay_provider, set_wallet

NO = "K2025030100000002"


@pytest.fixture
def info(simulator: PaymentSimulator) -> dict[str, Any]:
    entry: dict[str, Any] = simulator.info()["alipay"]
    return entry


@pytest.fixture
async def alipay(info: dict[str, Any], clock: FakeClock) -> AsyncIterator[AlipayProvider]:
    async with alipay_provider(info, clock) as provider:
        yield provider


def test_amounts_are_yuan_with_two_decimals_on_the_wire() -> None:
    assert [yuan(1250), yuan(5), yuan(100_000), yuan(0)] == ["12.50", "0.05", "1000.00", "0.00"]
    assert [fen("12.50"), fen("12.5"), fen("0.01"), fen("6000")] == [1250, 1250, 1, 600000]
    for bad in ("12.505", "-1.00", "abc", "NaN", 12.5):
        with pytest.raises(PaymentProtocolError):
            fen(bad, "amount")


async def test_an_order_is_paid_and_refunded_in_full(
    alipay: AlipayProvider, url: str, world: SimWorld
) -> None:
    port: PaymentProvider = alipay
    order = await port.create(NO, 6000, "2 tickets", 300)
    assert order.code_url.startswith("https://qr.alipay.com/")
    assert order.expires_at == T0 + dt.timedelta(minutes=5)
    # before the patron scans, Alipay has no trade: pending, not an error
    assert (await port.query(NO)).state is PaymentStatus.PENDING
    assert world.store.payments[NO].amount_fen == 6000  # "60.00" yuan on the wire

    await pay_with_simulator(url, NO)
    paid = await port.query(NO)
    assert (paid.state, paid.amount_fen) == (PaymentStatus.PAID, 6000)
    refunded = await port.refund(NO, "R" + NO, 6000)
    assert (refunded.state, refunded.refunded_fen) == (PaymentStatus.REFUNDED, 6000)
    assert (await port.refund(NO, "R" + NO, 6000)).refunded_fen == 6000  # not twice
    assert world.store.payments[NO].refunded_fen == 6000
    # a trade refunded in full reads TRADE_CLOSED: it was paid, so it is refunded
    assert (await port.query(NO)).state is PaymentStatus.REFUNDED
    status = await alipay.refund_status(NO, "R" + NO)
    assert (status.status, status.amount_fen) == (RefundStatus.SUCCESS, 6000)


async def test_precreating_again_answers_the_same_qr(
    alipay: AlipayProvider, world: SimWorld
) -> None:
    first = await alipay.create(NO, 3000, "1 ticket", 300)
    assert (await alipay.create(NO, 3000, "1 ticket", 300)).code_url == first.code_url
    with pytest.raises(PaymentRejected) as raised:
        await alipay.create(NO, 3100, "1 ticket", 300)
    assert raised.value.reason == "ACQ.CONTEXT_INCONSISTENT"
    assert len(world.store.payments) == 1


async def test_closing_a_qr_nobody_scanned_cancels_it(alipay: AlipayProvider, url: str) -> None:
    await alipay.create(NO, 3000, "1 ticket", 300)
    closed = await alipay.close(NO)
    assert closed.state is PaymentStatus.CLOSED
    with pytest.raises(PaymentRejected):
        await pay_with_simulator(url, NO)  # the patron scanning it now cannot pay
    assert (await alipay.close(NO)).state is PaymentStatus.CLOSED  # closing twice is harmless
    # a number the kiosk never precreated is cancelled too, so it can never be paid
    assert (await alipay.close("never-created-2")).state is PaymentStatus.CLOSED


async def test_an_expired_qr_cannot_be_paid(
    alipay: AlipayProvider, url: str, clock: FakeClock
) -> None:
    await alipay.create(NO, 3000, "1 ticket", 60)
    clock.advance(60)
    with pytest.raises(PaymentRejected):
        await pay_with_simulator(url, NO)
    assert (await alipay.close(NO)).state is PaymentStatus.CLOSED


async def test_a_paid_trade_is_not_closed(alipay: AlipayProvider, url: str) -> None:
    await alipay.create(NO, 3000, "1 ticket", 300)
    await pay_with_simulator(url, NO)
    with pytest.raises(PaymentRejected) as raised:
        await alipay.close(NO)
    assert raised.value.reason == "ORDER_PAID"
    assert (await alipay.query(NO)).state is PaymentStatus.PAID


async def test_a_refund_processing_then_done(
    alipay: AlipayProvider, url: str, clock: FakeClock
) -> None:
    await set_wallet(url, refund_processing_s=120)
    await alipay.create(NO, 4500, "1 ticket", 300)
    await pay_with_simulator(url, NO)
    refunded = await alipay.refund(NO, "R" + NO, 4500)
    assert (refunded.state, refunded.refund_processing) == (PaymentStatus.REFUNDED, True)
    assert (await alipay.refund_status(NO, "R" + NO)).status is RefundStatus.PROCESSING
    clock.advance(121)
    assert (await alipay.refund_status(NO, "R" + NO)).status is RefundStatus.SUCCESS
    with pytest.raises(PaymentNotFound):
        await alipay.refund_status(NO, "Rnever")


async def test_a_reply_with_a_bad_signature_is_never_believed(
    alipay: AlipayProvider, url: str, world: SimWorld, info: dict[str, Any], clock: FakeClock
) -> None:
    world.faults.add(["payment.create=bad_signature:times:1"])
    with pytest.raises(PaymentProtocolError) as raised:
        await alipay.create(NO, 3000, "1 ticket", 300)
    assert raised.value.maybe_applied and NO in world.store.payments
    await pay_with_simulator(url, NO)
    world.faults.add(["payment.query=bad_signature:times:1"])
    assert (await alipay.query(NO)).state is PaymentStatus.PAID  # asked again
    world.faults.add(["payment.query=bad_signature"])
    async with alipay_provider(info, clock, query_attempts=1) as once:
        with pytest.raises(PaymentProtocolError):
            await once.query(NO)


async def test_the_simulator_refuses_requests_signed_wrong(
    info: dict[str, Any], clock: FakeClock, world: SimWorld
) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    keys = dataclasses.replace(alipay_keys(info), private_key=stranger)
    async with alipay_provider(info, clock, keys=keys) as alipay:
        with pytest.raises(PaymentRejected) as raised:
            await alipay.create(NO, 3000, "1 ticket", 300)
    assert raised.value.reason == "isv.invalid-signature"
    assert world.store.payments == {}


def test_the_request_signature_is_the_published_algorithm(info: dict[str, Any]) -> None:
    """RSA2 by Alipay's "自行实现签名" steps, by hand: every parameter but ``sign``
    and the empty ones, sorted by name, ``name=value`` joined with ``&`` (raw, not
    URL-encoded), SHA256withRSA with the app private key, base64."""
    provider = alipay_provider(info, lambda: dt.datetime(2014, 7, 23, 19, 7, 50, tzinfo=dt.UTC))
    form = provider.signed_form("alipay.trade.query", {"out_trade_no": "20150320010101001"})
    assert form["timestamp"] == "2014-07-24 03:07:50"  # China time
    assert form["biz_content"] == '{"out_trade_no":"20150320010101001"}'
    text = (
        f"app_id={info['app_id']}"
        '&biz_content={"out_trade_no":"20150320010101001"}'
        "&charset=utf-8&format=JSON&method=alipay.trade.query&sign_type=RSA2"
        "&timestamp=2014-07-24 03:07:50&version=1.0"
    )
    pem = Path(info["private_key_file"]).read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    by_hand = key.sign(text.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    assert form["sign"] == base64.b64encode(by_hand).decode("ascii")
