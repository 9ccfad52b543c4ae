"""Payment codes (付款码) through WeChat Pay v3 codepay/reverse and Alipay trade.pay/cancel,
against the simulator's real protocols with real signatures both ways: paid at once,
waiting for the patron's password, refused, reversed, and a code nobody may read back."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from kiosk.payment.alipay import AlipayProvider
from kiosk.payment.base import (
    CodePayments,
    PaymentError,
    PaymentNotFound,
    PaymentProtocolError,
    PaymentRejected,
    PaymentStatus,
)
from kiosk.payment.codes import wallet_for_code
from kiosk.payment.wechatpay import WechatPayProvider
from kiosk.sim.payment_server import PaymentSimulator
from kiosk.sim.phone import pay_with_simulator
from kiosk.sim.world import SimWorld
from tests.helpers.clock import FakeClock
from tests.payment.wechat_helpers import (
    alipay_keys,
    alipay_provider,
    paycode,
    wechat_keys,
    wechat_provider,
)

NO = "K2025030100000003"


@pytest.fixture
async def wechat(simulator: PaymentSimulator, clock: FakeClock) -> AsyncIterator[WechatPayProvider]:
    async with wechat_provider(simulator.info()["wechatpay"], clock) as provider:
        yield provider


@pytest.fixture
async def alipay(simulator: PaymentSimulator, clock: FakeClock) -> AsyncIterator[AlipayProvider]:
    async with alipay_provider(simulator.info()["alipay"], clock) as provider:
        yield provider


WALLETS = [("wechat", "wechatpay"), ("alipay", "alipay")]


def _provider(name: str, wechat: WechatPayProvider, alipay: AlipayProvider) -> CodePayments:
    return wechat if name == "wechatpay" else alipay


def test_a_code_is_routed_to_its_wallet_by_its_published_prefix() -> None:
    assert wallet_for_code("134567890123456789") == "wechatpay"  # 18 digits, 10-15
    assert wallet_for_code(" 101234567890123456\n") == "wechatpay"  # scanner's Enter
    assert wallet_for_code("151234567890123456") == "wechatpay"
    assert wallet_for_code("2812345678901234") == "alipay"  # 16 digits, 25-30
    assert wallet_for_code("301234567890123456789012") == "alipay"  # 24 digits
    assert wallet_for_code("251234567890123456") == "alipay"
    for other in (
        "161234567890123456",  # 16 is nobody's
        "13456789012345678",  # WeChat is exactly 18 digits
        "1345678901234567890",
        "241234567890123456",
        "311234567890123456",
        "281234567890123",  # Alipay at least 16
        "2812345678901234567890123",  # at most 24
        "13456789012345678x",
        "１３４５６７８９０１２３４５６７８９",  # full-width digits are not a code
        "",
    ):
        assert wallet_for_code(other) is None, other


async def test_the_simulator_hands_out_codes_in_each_wallets_shape(url: str) -> None:
    for wallet, provider in WALLETS:
        for _ in range(20):
            assert wallet_for_code(await paycode(url, wallet)) == provider
    async with httpx.AsyncClient(base_url=url) as client:
        for bad in ({"wallet": "unionpay"}, {"wallet": "wechat", "outcome": "maybe"}):
            assert (await client.post("/_sim/paycode", json=bad)).status_code == 400


@pytest.mark.parametrize(("wallet", "name"), WALLETS)
async def test_a_code_is_paid_at_once(
    wallet: str,
    name: str,
    url: str,
    world: SimWorld,
    wechat: WechatPayProvider,
    alipay: AlipayProvider,
) -> None:
    port = _provider(name, wechat, alipay)
    paid = await port.pay_code(NO, 4500, "1 ticket", await paycode(url, wallet))
    assert (paid.state, paid.amount_fen) == (PaymentStatus.PAID, 4500)
    assert (await port.query(NO)).state is PaymentStatus.PAID
    payment = world.store.payments[NO]
    assert payment.provider == name and payment.wallet is not None
    assert payment.wallet.trade_type == ("MICROPAY" if name == "wechatpay" else "BARCODE")
    refunded = await port.refund(NO, "R" + NO, 4500)  # refunded as any payment is
    assert refunded.state is PaymentStatus.REFUNDED


@pytest.mark.parametrize(("wallet", "name"), WALLETS)
async def test_a_code_waits_for_the_password_then_is_paid(
    wallet: str,
    name: str,
    url: str,
    clock: FakeClock,
    wechat: WechatPayProvider,
    alipay: AlipayProvider,
) -> None:
    port = _provider(name, wechat, alipay)
    code = await paycode(url, wallet, "password", password_s=12)
    waiting = await port.pay_code(NO, 4500, "1 ticket", code)
    assert waiting.state is PaymentStatus.PENDING  # USERPAYING / WAIT_BUYER_PAY
    clock.advance(5)
    assert (await port.query(NO)).state is PaymentStatus.PENDING
    clock.advance(10)  # the patron typed the password
    assert (await port.query(NO)).state is PaymentStatus.PAID


@pytest.mark.parametrize(("wallet", "name"), WALLETS)
async def test_a_code_nobody_confirms_is_reversed_and_can_never_be_paid(
    wallet: str,
    name: str,
    url: str,
    wechat: WechatPayProvider,
    alipay: AlipayProvider,
) -> None:
    port = _provider(name, wechat, alipay)
    waiting = await port.pay_code(NO, 4500, "1 ticket", await paycode(url, wallet, "password"))
    assert waiting.state is PaymentStatus.PENDING
    reversed_ = await port.reverse(NO)
    assert reversed_.state is PaymentStatus.CLOSED
    with pytest.raises(PaymentRejected):  # the patron's password comes too late
        await pay_with_simulator(url, NO)
    assert (await port.query(NO)).state is PaymentStatus.CLOSED
    assert (await port.reverse(NO)).state is PaymentStatus.CLOSED  # again: still done


@pytest.mark.parametrize(("wallet", "name"), WALLETS)
async def test_reversing_a_paid_code_gives_the_money_back(
    wallet: str,
    name: str,
    url: str,
    world: SimWorld,
    wechat: WechatPayProvider,
    alipay: AlipayProvider,
) -> None:
    port = _provider(name, wechat, alipay)
    await port.pay_code(NO, 4500, "1 ticket", await paycode(url, wallet, "password"))
    await pay_with_simulator(url, NO)  # paid just before the kiosk gave up
    after = await port.reverse(NO)
    assert after.state in (PaymentStatus.CLOSED, PaymentStatus.REFUNDED)
    payment = world.store.payments[NO]
    assert payment.refunded_fen == payment.amount_fen == 4500


@pytest.mark.parametrize(("wallet", "name"), WALLETS)
async def test_a_refused_code_takes_nothing(
    wallet: str,
    name: str,
    url: str,
    clock: FakeClock,
    wechat: WechatPayProvider,
    alipay: AlipayProvider,
) -> None:
    port = _provider(name, wechat, alipay)
    with pytest.raises(PaymentRejected) as poor:
        await port.pay_code(NO, 4500, "1 ticket", await paycode(url, wallet, "fail"))
    assert poor.value.reason in ("NOT_ENOUGH", "ACQ.BUYER_BALANCE_NOT_ENOUGH")
    code = await paycode(url, wallet)
    await port.pay_code(NO + "1", 100, "1 ticket", code)
    with pytest.raises(PaymentRejected):  # a code charges once
        await port.pay_code(NO + "2", 100, "1 ticket", code)
    stale = await paycode(url, wallet)
    clock.advance(61)  # a phone shows a fresh code every minute
    with pytest.raises(PaymentRejected):
        await port.pay_code(NO + "3", 100, "1 ticket", stale)
    other = await paycode(url, "alipay" if wallet == "wechat" else "wechat")
    with pytest.raises(PaymentRejected):
        await port.pay_code(NO + "4", 100, "1 ticket", other)
    for no in (NO + "2", NO + "3", NO + "4"):
        try:
            seen = await port.query(no)
        except PaymentNotFound:
            continue
        assert seen.state in (PaymentStatus.PENDING, PaymentStatus.CLOSED)  # Alipay: no trade
        assert seen.amount_fen == 0 or seen.state is PaymentStatus.CLOSED


@pytest.mark.parametrize(("wallet", "name"), WALLETS)
async def test_a_badly_signed_paid_answer_is_not_believed(
    wallet: str,
    name: str,
    url: str,
    world: SimWorld,
    wechat: WechatPayProvider,
    alipay: AlipayProvider,
) -> None:
    port = _provider(name, wechat, alipay)
    world.faults.add(["payment.codepay=bad_signature:times:1"])
    with pytest.raises(PaymentProtocolError) as raised:
        await port.pay_code(NO, 4500, "1 ticket", await paycode(url, wallet))
    assert raised.value.maybe_applied  # it may have been paid: the flow asks
    assert (await port.query(NO)).state is PaymentStatus.PAID


def _echoing(code_reply: Any) -> httpx.MockTransport:
    """A gateway that refuses every code and quotes it back (as a careless proxy might)."""

    def handler(request: httpx.Request) -> httpx.Response:
        return code_reply(request)

    return httpx.MockTransport(handler)


async def test_a_code_quoted_back_in_a_refusal_never_reaches_the_error(
    simulator: PaymentSimulator, clock: FakeClock
) -> None:
    code = "134567890123456789"

    def wechat_reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"code": "PARAM_ERROR", "message": f"auth_code {code} bad"})

    def alipay_reply(request: httpx.Request) -> httpx.Response:
        node = {
            "code": "40004",
            "msg": "Business Failed",
            "sub_code": "ACQ.PAYMENT_AUTH_CODE_INVALID",
            "sub_msg": f"付款码 {code} 无效",
        }
        return httpx.Response(200, text=json.dumps({"alipay_trade_pay_response": node}))

    info = simulator.info()
    wechat = WechatPayProvider(
        info["wechatpay"]["url"],
        wechat_keys(info["wechatpay"]),
        notify_url=info["wechatpay"]["notify_url"],
        clock=clock,
        transport=_echoing(wechat_reply),
    )
    alipay = AlipayProvider(
        info["alipay"]["url"],
        alipay_keys(info["alipay"]),
        clock=clock,
        transport=_echoing(alipay_reply),
    )
    for port in (wechat, alipay):
        with pytest.raises(PaymentError) as raised:
            await port.pay_code(NO, 100, "1 ticket", code)
        error = raised.value
        assert isinstance(error, PaymentRejected)
        texts = [str(error), repr(error), str(error.__cause__), str(error.__context__)]
        assert not [t for t in texts if code in t], texts
        await port.aclose()
