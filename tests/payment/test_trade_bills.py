"""The day's trade bills (交易账单) of WeChat Pay and Alipay, as the kiosk downloads and
reads them from the simulator's own bills (its own CSV writer) and from text written
here by hand from the published formats."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import AsyncIterator
from typing import Any

import pytest

from kiosk.chinatime import CHINA_TIME
from kiosk.payment.alipay import AlipayProvider
from kiosk.payment.base import BillLine, PaymentProtocolError, PaymentRejected
from kiosk.payment.bills import parse_alipay_trade_bill, parse_wechat_trade_bill
from kiosk.payment.wechatpay import WechatPayProvider
from kiosk.sim.payment_server import PaymentSimulator
from kiosk.sim.phone import pay_with_simulator
from tests.helpers.clock import FakeClock
from tests.payment.conftest import T0
from tests.payment.wechat_helpers import alipay_provider, paycode, set_wallet, wechat_provider

DAY = T0.astimezone(CHINA_TIME).date()  # 2025-03-01, 12:00 in Shanghai


@pytest.fixture
async def wechat(simulator: PaymentSimulator, clock: FakeClock) -> AsyncIterator[WechatPayProvider]:
    async with wechat_provider(simulator.info()["wechatpay"], clock) as provider:
        yield provider


@pytest.fixture
async def alipay(simulator: PaymentSimulator, clock: FakeClock) -> AsyncIterator[AlipayProvider]:
    async with alipay_provider(simulator.info()["alipay"], clock) as provider:
        yield provider


def _summary(lines: list[BillLine]) -> list[tuple[str, str, int, str]]:
    return sorted((b.kind, b.out_trade_no, b.amount_fen, b.out_refund_no) for b in lines)


async def _a_day_of_trade(port: Any, url: str, wallet: str, clock: FakeClock) -> None:
    """A QR paid and kept, a QR paid and refunded, a code paid and kept, a code paid and
    reversed (its money back), a QR never paid."""
    for no in ("K0000000000000001", "K0000000000000002", "K0000000000000005"):
        await port.create(no, 4500, "Cinema tickets", 300)
    await pay_with_simulator(url, "K0000000000000001")
    await pay_with_simulator(url, "K0000000000000002")
    clock.advance(60)
    await port.refund("K0000000000000002", "RK0000000000000002", 4500)
    await port.pay_code("K0000000000000003", 6000, "Cinema tickets", await paycode(url, wallet))
    await port.pay_code(
        "K0000000000000004", 3000, "Cinema tickets", await paycode(url, wallet, "password")
    )
    await pay_with_simulator(url, "K0000000000000004")
    await port.reverse("K0000000000000004")


async def test_the_wechat_bill_lists_the_days_payments_and_refunds(
    wechat: WechatPayProvider, url: str, clock: FakeClock
) -> None:
    await _a_day_of_trade(wechat, url, "wechat", clock)
    with pytest.raises(PaymentRejected) as early:
        await wechat.trade_bill(DAY)  # the day is not over: no bill yet
    assert early.value.reason == "STATEMENT_CREATING"
    clock.advance(24 * 3600)
    lines = await wechat.trade_bill(DAY)
    assert _summary(lines) == [
        ("payment", "K0000000000000001", 4500, ""),
        ("payment", "K0000000000000002", 4500, ""),
        ("payment", "K0000000000000003", 6000, ""),
        ("payment", "K0000000000000004", 3000, ""),
        ("refund", "K0000000000000002", 4500, "RK0000000000000002"),
        ("refund", "K0000000000000004", 3000, "REVERSE-K0000000000000004"),
    ]
    assert all(b.provider == "wechatpay" and b.at.date() == DAY for b in lines)
    assert {b.refund_status for b in lines if b.kind == "refund"} == {"SUCCESS"}
    assert await wechat.trade_bill(DAY - dt.timedelta(days=1)) == []  # a quiet day


async def test_the_alipay_bill_lists_the_days_payments_and_refunds(
    alipay: AlipayProvider, url: str, clock: FakeClock
) -> None:
    await _a_day_of_trade(alipay, url, "alipay", clock)
    # Alipay says "no bill" of a day not over yet as of a quiet one: reconcile never
    # asks for one (it refuses today)
    assert await alipay.trade_bill(DAY) == []
    clock.advance(24 * 3600)
    lines = await alipay.trade_bill(DAY)
    assert _summary(lines) == [
        ("payment", "K0000000000000001", 4500, ""),
        ("payment", "K0000000000000002", 4500, ""),
        ("payment", "K0000000000000003", 6000, ""),
        ("payment", "K0000000000000004", 3000, ""),
        ("refund", "K0000000000000002", 4500, "RK0000000000000002"),
        ("refund", "K0000000000000004", 3000, "CANCEL-K0000000000000004"),
    ]
    assert await alipay.trade_bill(DAY - dt.timedelta(days=1)) == []


async def test_a_refund_still_processing_shows_as_such(
    wechat: WechatPayProvider, alipay: AlipayProvider, url: str, clock: FakeClock
) -> None:
    await set_wallet(url, refund_processing_s=3 * 24 * 3600)
    for port, no in ((wechat, "K0000000000000011"), (alipay, "K0000000000000012")):
        await port.create(no, 4500, "Cinema tickets", 300)
        await pay_with_simulator(url, no)
        await port.refund(no, "R" + no, 4500)
    clock.advance(24 * 3600)
    [_, refund] = sorted(await wechat.trade_bill(DAY), key=lambda b: b.kind)
    assert (refund.kind, refund.refund_status) == ("refund", "PROCESSING")
    # Alipay lists a refund on the day it is done: not yet
    assert [b.kind for b in await alipay.trade_bill(DAY)] == ["payment"]


async def test_a_bill_that_does_not_match_its_hash_is_refused(
    wechat: WechatPayProvider, simulator: PaymentSimulator, url: str, clock: FakeClock
) -> None:
    await wechat.create("K0000000000000021", 4500, "Cinema tickets", 300)
    await pay_with_simulator(url, "K0000000000000021")
    clock.advance(24 * 3600)

    class Tampering(dict[str, tuple[bytes, dt.datetime]]):
        def __setitem__(self, key: str, value: tuple[bytes, dt.datetime]) -> None:
            super().__setitem__(key, (value[0].replace(b"45.00", b"4.50"), value[1]))

    simulator.wechatpay.bill_files = Tampering()
    with pytest.raises(PaymentProtocolError, match="SHA1"):
        await wechat.trade_bill(DAY)


@pytest.mark.parametrize("name", ["wechatpay", "alipay"])
async def test_a_bill_cut_short_is_refused(
    name: str,
    wechat: WechatPayProvider,
    alipay: AlipayProvider,
    simulator: PaymentSimulator,
    url: str,
    clock: FakeClock,
) -> None:
    port = wechat if name == "wechatpay" else alipay
    await port.create("K0000000000000031", 4500, "Cinema tickets", 300)
    await pay_with_simulator(url, "K0000000000000031")
    clock.advance(24 * 3600)
    sim = simulator.wechatpay if name == "wechatpay" else simulator.alipay

    class Cutting(dict[str, tuple[bytes, dt.datetime]]):
        def __setitem__(self, key: str, value: tuple[bytes, dt.datetime]) -> None:
            super().__setitem__(key, (value[0][: len(value[0]) // 2], value[1]))

    sim.bill_files = Cutting()
    with pytest.raises(PaymentProtocolError):
        await port.trade_bill(DAY)


def test_a_wechat_bill_written_by_hand_from_the_published_format() -> None:
    """交易账单详细说明: the ALL header, backticked fields (a product name with a comma
    among them), a payment, its refund still processing, then the summary."""
    header = (
        "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
        "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,"
        "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,"
        "费率备注"
    )
    paid = (
        "`2025-03-01 10:00:00,`wx2421b1c4370ec43b,`10000100,`0,`K01,`4200000001202503011234567890,"
        "`a1b2c3,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`SUCCESS,`OTHERS,`CNY,`90.00,`0.00,`0,`0,"
        "`0.00,`0.00,`,`,`2张, IMAX,`,`0.54000,`0.60%,`90.00,`0.00,`"
    )
    refunded = (
        "`2025-03-01 10:05:00,`wx2421b1c4370ec43b,`10000100,`0,`K01,`4200000001202503011234567890,"
        "`a1b2c3,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,"
        "`50300000012025030100000000001,`Ra1b2c3,`90.00,`0.00,`ORIGINAL,`PROCESSING,`2张, IMAX,`,"
        "`-0.54000,`0.60%,`0.00,`90.00,`"
    )
    summary = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额," + (
        "手续费总金额,订单总金额,申请退款总金额"
    )
    text = "\r\n".join(
        [header, paid, refunded, summary, "`2,`90.00,`90.00,`0.00,`0.00000,`90.00,`90.00"]
    )
    first, second = parse_wechat_trade_bill(text)
    at = dt.datetime(2025, 3, 1, 10, 0, tzinfo=CHINA_TIME)
    assert first == BillLine(
        "wechatpay", "payment", "a1b2c3", 9000, at, transaction_id="4200000001202503011234567890"
    )
    assert (second.kind, second.amount_fen, second.out_refund_no, second.refund_status) == (
        "refund",
        9000,
        "Ra1b2c3",
        "PROCESSING",
    )
    with pytest.raises(PaymentProtocolError):  # the summary counts two lines
        parse_wechat_trade_bill("\r\n".join([header, paid, summary, "`2,`90.00"]))


def test_an_alipay_bill_written_by_hand_from_the_published_format() -> None:
    """业务明细: GBK CSV in a ZIP, # framing, ids with a trailing tab, refunds negative."""
    detail = "\r\n".join(
        [
            "#支付宝业务明细查询",
            "#账号：[20881234567890120156]",
            "#起始日期：[2025年03月01日 00:00:00]   终止日期：[2025年03月02日 00:00:00]",
            "#-----------------------------------------业务明细列表----------------------------------------",
            "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
            "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,"
            "商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
            "退款批次号/请求号,服务费（元）,分润（元）,备注",
            "2025030122001412345678901234\t,a1b2c3\t,交易,电影票,2025-03-01 09:59:50,"
            "2025-03-01 10:00:00,,,,,159****5620,90.00,90.00,0.00,0.00,0.00,0.00,0.00,,0.00,"
            "0.00,,-0.54,0.00,",
            "2025030122001412345678901234\t,a1b2c3\t,退款,电影票,2025-03-01 10:04:00,"
            "2025-03-01 10:05:00,,,,,159****5620,-90.00,-90.00,0.00,0.00,0.00,0.00,0.00,,0.00,"
            "0.00,Ra1b2c3\t,0.54,0.00,",
            "#-----------------------------------------业务明细列表结束------------------------------------",
            "#交易合计：1笔，退款合计：1笔",
            "#导出时间：[2025年03月02日 09:00:00]",
        ]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("20881234567890120156_20250301_业务明细.csv", detail.encode("gbk"))
        archive.writestr("20881234567890120156_20250301_业务明细(汇总).csv", "#汇总".encode("gbk"))
    paid, refunded = parse_alipay_trade_bill(buffer.getvalue())
    assert (paid.kind, paid.out_trade_no, paid.amount_fen) == ("payment", "a1b2c3", 9000)
    assert paid.transaction_id == "2025030122001412345678901234"
    assert (refunded.kind, refunded.amount_fen, refunded.out_refund_no) == (
        "refund",
        9000,
        "Ra1b2c3",
    )
    assert refunded.at == dt.datetime(2025, 3, 1, 10, 5, tzinfo=CHINA_TIME)
