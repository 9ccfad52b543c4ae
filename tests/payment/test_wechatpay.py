"""The WeChat Pay v3 adapter against the simulator's WeChat Pay paths, real signatures both
ways: orders, expiry, closing, refunds that take time, and every reply it must not believe."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from kiosk.payment.base import (
    PaymentNotFound,
    PaymentProtocolError,
    PaymentProvider,
    PaymentRejected,
    PaymentStatus,
    RefundStatus,
)
from kiosk.payment.wechatpay import WechatPayProvider
from kiosk.sim.payment_server import PaymentSimulator
from kiosk.sim.phone import pay_with_simulator
from kiosk.sim.world import SimWorld
from tests.helpers.clock import FakeClock
from tests.payment.conftest import T0
from tests.payment.wechat_helpers import set_wallet, wechat_keys, wechat_provider

NO = "K2025030100000001"


@pytest.fixture
def info(simulator: PaymentSimulator) -> dict[str, Any]:
    entry: dict[str, Any] = simulator.info()["wechatpay"]
    return entry


@pytest.fixture
async def wechat(info: dict[str, Any], clock: FakeClock) -> AsyncIterator[WechatPayProvider]:
    async with wechat_provider(info, clock) as provider:
        yield provider


async def test_an_order_is_paid_and_refunded_in_full(
    wechat: WechatPayProvider, url: str, world: SimWorld
) -> None:
    port: PaymentProvider = wechat  # the adapter satisfies the flows' port
    order = await port.create(NO, 6000, "2 tickets", 300)
    assert order.code_url.startswith("weixin://wxpay/bizpayurl?pr=")
    assert order.expires_at == T0 + dt.timedelta(seconds=300)
    assert (await port.query(NO)).state is PaymentStatus.PENDING
    payment = world.store.payments[NO]
    assert (payment.provider, payment.amount_fen) == ("wechatpay", 6000)
    # time_expire went as China time, RFC 3339, as WeChat asks
    assert payment.wallet is not None and payment.wallet.time_expire == "2025-03-01T12:05:00+08:00"

    await pay_with_simulator(url, NO)
    paid = await port.query(NO)
    assert (paid.state, paid.amount_fen, paid.refunded_fen) == (PaymentStatus.PAID, 6000, 0)

    refunded = await port.refund(NO, "R" + NO, 6000)
    assert (refunded.state, refunded.refunded_fen) == (PaymentStatus.REFUNDED, 6000)
    assert not refunded.refund_processing
    again = await port.refund(NO, "R" + NO, 6000)  # the same number refunds nothing more
    assert again.refunded_fen == 6000 and payment.refunded_fen == 6000
    assert (await port.query(NO)).state is PaymentStatus.REFUNDED
    status = await wechat.refund_status(NO, "R" + NO)
    assert (status.status, status.amount_fen) == (RefundStatus.SUCCESS, 6000)


async def test_posting_the_order_again_refetches_the_same_qr(
    wechat: WechatPayProvider, world: SimWorld, clock: FakeClock
) -> None:
    first = await wechat.create(NO, 6000, "2 tickets", 300)
    clock.advance(30)  # a lost answer asked again later: the same time_expire goes out
    again = await wechat.create(NO, 6000, "2 tickets", 300)
    assert (again.code_url, again.expires_at) == (first.code_url, first.expires_at)
    assert len(world.store.payments) == 1
    with pytest.raises(PaymentRejected) as info:
        await wechat.create(NO, 7000, "3 tickets", 300)
    assert (info.value.status, info.value.reason) == (403, "OUT_TRADE_NO_USED")


async def test_past_time_expire_it_cannot_be_paid_and_closes(
    wechat: WechatPayProvider, url: str, clock: FakeClock
) -> None:
    await wechat.create(NO, 3000, "1 ticket", 60)
    clock.advance(61)
    # WeChat still says NOTPAY until the merchant closes it
    assert (await wechat.query(NO)).state is PaymentStatus.PENDING
    with pytest.raises(PaymentRejected):
        await pay_with_simulator(url, NO)
    assert (await wechat.close(NO)).state is PaymentStatus.CLOSED
    assert (await wechat.close(NO)).state is PaymentStatus.CLOSED  # closing twice is harmless


async def test_a_paid_order_is_not_closed(wechat: WechatPayProvider, url: str) -> None:
    await wechat.create(NO, 3000, "1 ticket", 300)
    await pay_with_simulator(url, NO)
    with pytest.raises(PaymentRejected) as info:
        await wechat.close(NO)
    assert info.value.reason == "ORDER_PAID"
    assert (await wechat.query(NO)).state is PaymentStatus.PAID


async def test_unknown_orders_and_refunds_are_not_found(wechat: WechatPayProvider) -> None:
    with pytest.raises(PaymentNotFound):
        await wechat.query("never-created-1")
    with pytest.raises(PaymentNotFound):
        await wechat.refund_status("never-created-1", "Rnever")
    with pytest.raises(PaymentRejected) as info:
        await wechat.refund(NO, "R" + NO, 100)  # nothing to refund
    assert not info.value.maybe_applied


async def test_a_refund_processing_then_done(
    wechat: WechatPayProvider, url: str, clock: FakeClock
) -> None:
    await set_wallet(url, refund_processing_s=120)
    await wechat.create(NO, 4500, "1 ticket", 300)
    await pay_with_simulator(url, NO)
    refunded = await wechat.refund(NO, "R" + NO, 4500)
    # accepted: the money is on its way, and reconciliation follows it up
    assert (refunded.state, refunded.refund_processing) == (PaymentStatus.REFUNDED, True)
    assert (await wechat.refund_status(NO, "R" + NO)).status is RefundStatus.PROCESSING
    clock.advance(121)
    assert (await wechat.refund_status(NO, "R" + NO)).status is RefundStatus.SUCCESS


async def test_a_reply_with_a_bad_signature_is_never_believed(
    wechat: WechatPayProvider, url: str, world: SimWorld, info: dict[str, Any], clock: FakeClock
) -> None:
    world.faults.add(["payment.native=bad_signature:times:1"])
    with pytest.raises(PaymentProtocolError) as raised:
        await wechat.create(NO, 3000, "1 ticket", 300)
    assert raised.value.maybe_applied  # the order was made: only the answer is suspect
    assert NO in world.store.payments

    await pay_with_simulator(url, NO)
    world.faults.add(["payment.query=bad_signature"])
    async with wechat_provider(info, clock, query_attempts=1) as once:
        with pytest.raises(PaymentProtocolError) as raised:
            await once.query(NO)
    assert raised.value.maybe_applied
    world.faults.clear()
    world.faults.add(["payment.query=bad_signature:times:1"])
    # the read is asked again, and the good answer is taken
    assert (await wechat.query(NO)).state is PaymentStatus.PAID


@pytest.mark.parametrize("skew_s", [301, -301])
async def test_a_reply_stamped_over_5_minutes_off_is_never_believed(
    url: str, info: dict[str, Any], clock: FakeClock, skew_s: int
) -> None:
    await set_wallet(url, reply_skew_s=skew_s)
    async with wechat_provider(info, clock, query_attempts=1) as wechat:
        with pytest.raises(PaymentProtocolError, match="stamped") as raised:
            await wechat.create(NO, 3000, "1 ticket", 300)
        assert raised.value.maybe_applied
        await set_wallet(url, reply_skew_s=skew_s * 290 // 301)  # 290 s off is fine
        assert (await wechat.query(NO)).state is PaymentStatus.PENDING


async def test_replies_are_checked_by_the_key_they_name_and_both_are_held(
    url: str, info: dict[str, Any], clock: FakeClock
) -> None:
    only_public_key = wechat_keys(info, platform_cert_dir=None)
    only_certificates = wechat_keys(info, public_key_file=None)
    await set_wallet(url, wechatpay_signer="platform_certificate")
    async with wechat_provider(info, clock, query_attempts=1, keys=only_public_key) as wechat:
        with pytest.raises(PaymentProtocolError, match="unknown key") as raised:
            await wechat.query(NO)
        assert raised.value.maybe_applied
    async with wechat_provider(info, clock, keys=only_certificates) as wechat:
        with pytest.raises(PaymentNotFound):
            await wechat.query(NO)
    await set_wallet(url, wechatpay_signer="public_key")  # mid-migration: either, by serial
    async with wechat_provider(info, clock) as wechat:
        with pytest.raises(PaymentNotFound):
            await wechat.query(NO)


async def test_the_simulator_refuses_requests_signed_wrong(
    url: str, info: dict[str, Any], clock: FakeClock, world: SimWorld
) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    keys = dataclasses.replace(wechat_keys(info), private_key=stranger)
    async with wechat_provider(info, clock, keys=keys) as wechat:
        with pytest.raises(PaymentRejected) as raised:
            await wechat.create(NO, 3000, "1 ticket", 300)
    assert (raised.value.status, raised.value.reason) == (401, "SIGN_ERROR")
    assert world.store.payments == {}

    late = FakeClock(T0)
    late.advance(-301)  # the kiosk's clock 5 minutes behind WeChat's
    async with wechat_provider(info, late) as wechat:
        with pytest.raises((PaymentRejected, PaymentProtocolError)):
            await wechat.create(NO, 3000, "1 ticket", 300)
    assert world.store.payments == {}


def test_the_request_signature_is_the_published_algorithm(info: dict[str, Any]) -> None:
    """The Authorization header against WeChat's "签名生成" steps, done by hand: five lines
    (method, URL path with query, timestamp, nonce, body) each ending in \\n, SHA256withRSA
    with the merchant key, base64; the header is the schema then five key="value" pairs."""
    keys = wechat_keys(info)
    provider = wechat_provider(info, lambda: dt.datetime(2019, 4, 2, 12, 34, 20, tzinfo=dt.UTC))
    url = "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1230000109"
    header = provider._authorization("GET", url, b"")
    schema, _, rest = header.partition(" ")
    assert schema == "WECHATPAY2-SHA256-RSA2048"
    fields = dict(re.findall(r'(\w+)="([^"]*)"', rest))
    assert set(fields) == {"mchid", "nonce_str", "signature", "timestamp", "serial_no"}
    assert (fields["mchid"], fields["serial_no"]) == (keys.mchid, keys.merchant_serial)
    assert fields["timestamp"] == "1554208460"  # seconds since 1970-01-01 UTC
    text = "GET\n" + url + "\n" + "1554208460\n" + fields["nonce_str"] + "\n" + "\n"
    pem = Path(info["private_key_file"]).read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    by_hand = key.sign(text.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    # PKCS#1 v1.5 signatures are deterministic: the same text gives the same bytes
    assert fields["signature"] == base64.b64encode(by_hand).decode("ascii")
