"""The trade bills (交易账单 / 业务明细) WeChat Pay and Alipay hand a merchant for a day,
written by the simulator from its store, from the providers' public formats and
apart from the kiosk's parser (a mistake on both ends must not pass unseen).

WeChat Pay's ALL bill (pay.weixin.qq.com, 交易账单详细说明): UTF-8 text, a header
line, one line per payment that succeeded that China day and per refund begun that
day (a paid code payment reversed is a ``REVOKED`` line under its own order number),
then a summary header and line; every field of a detail or summary line starts with a
backtick. Amounts are yuan with two decimals, fees five.

Alipay's trade bill (bill_type ``trade``, 业务明细): a ZIP of GBK CSV files, the detail
one framed by ``#`` lines; one ``交易`` line per trade paid that day and one ``退款``
line per refund finished that day (amounts negative: money going back); ids are
followed by a tab, as Alipay writes them so a spreadsheet keeps every digit.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

from kiosk.sim.store import Payment, SimStore
from kiosk.sim.wallet import ALIPAY, WECHATPAY, WalletRefund

CHINA = dt.timezone(dt.timedelta(hours=8))
FEE_RATE = 0.006  # both providers' usual 0.6% for a cinema
WECHAT_HEADER = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
    "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,"
    "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
)
WECHAT_SUMMARY = (
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"
)
ALIPAY_HEADER = (
    "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,"
    "终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,"
    "商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
    "退款批次号/请求号,服务费（元）,分润（元）,备注"
)


def _china_day(when: dt.datetime) -> dt.date:
    return when.astimezone(CHINA).date()


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def _fee_fen_thousandths(fen: int) -> int:
    """The fee in thousandths of a fen, rounded to the fen as WeChat does."""
    return round(fen * FEE_RATE) * 1000


def _wechat_fee(fen: int) -> str:
    milli = _fee_fen_thousandths(abs(fen))
    sign = "-" if fen < 0 else ""
    return f"{sign}{milli // 100_000}.{milli % 100_000:05d}"


def _wallet_payments(store: SimStore, provider: str) -> Iterable[Payment]:
    for payment in store.payments.values():
        if payment.wallet is not None and payment.wallet.provider == provider:
            yield payment


def wechat_trade_bill(store: SimStore, day: dt.date, appid: str, mchid: str) -> bytes | None:
    """The ALL bill of ``day``; None when nothing happened that day (WeChat then has no
    bill: ``NO_STATEMENT_EXIST``)."""
    now = store.clock()
    rows: list[list[str]] = []
    for payment in _wallet_payments(store, WECHATPAY):
        wallet = payment.wallet
        assert wallet is not None
        common = [appid, mchid, "0", wallet.device_id, wallet.transaction_id, payment.out_trade_no]
        openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
        if payment.paid_at is not None and _china_day(payment.paid_at) == day:
            amount = payment.amount_fen
            rows.append(
                [
                    _stamp(payment.paid_at),
                    *common,
                    openid,
                    wallet.trade_type,
                    "SUCCESS",
                    *("OTHERS", "CNY", _yuan(amount), "0.00", "0", "0", "0.00", "0.00", "", ""),
                    *(payment.description, "", _wechat_fee(amount), "0.60%", _yuan(amount)),
                    *("0.00", ""),
                ]
            )
        for refund in wallet.refunds.values():
            if _china_day(refund.created_at) != day:
                continue
            revoked = refund.out_refund_no.startswith("REVERSE-")
            rows.append(
                [
                    _stamp(refund.created_at),
                    *common,
                    openid,
                    wallet.trade_type,
                    *("REVOKED" if revoked else "REFUND", "OTHERS", "CNY", "0.00", "0.00"),
                    *(refund.refund_id, refund.out_refund_no, _yuan(refund.amount_fen), "0.00"),
                    *("ORIGINAL", "PROCESSING" if refund.processing(now) else "SUCCESS"),
                    *(payment.description, "", _wechat_fee(-refund.amount_fen), "0.60%"),
                    *("0.00", _yuan(refund.amount_fen), ""),
                ]
            )
    if not rows:
        return None
    rows.sort(key=lambda row: row[0])

    def total(column: int) -> int:
        return sum(_fen(row[column]) for row in rows)

    fees = sum(_fee_value(row[22]) for row in rows)
    summary = [
        str(len(rows)),
        _yuan(total(12)),
        _yuan(total(16)),
        "0.00",
        f"{fees / 100_000:.5f}",
        _yuan(total(24)),
        _yuan(total(25)),
    ]
    lines = [WECHAT_HEADER, *(",".join("`" + f for f in row) for row in rows)]
    lines += [WECHAT_SUMMARY, ",".join("`" + f for f in summary)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _fen(text: str) -> int:
    whole, _, cents = text.lstrip("-").partition(".")
    value = int(whole) * 100 + int((cents + "00")[:2])
    return -value if text.startswith("-") else value


def _fee_value(text: str) -> int:
    whole, _, frac = text.lstrip("-").partition(".")
    value = int(whole) * 100_000 + int((frac + "00000")[:5])
    return -value if text.startswith("-") else value


def _refund_finished(refund: WalletRefund, now: dt.datetime) -> dt.datetime | None:
    if refund.processing(now):
        return None
    return refund.finished_at()


def alipay_trade_bill(store: SimStore, day: dt.date, account: str) -> bytes:
    """The ZIP Alipay's bill URL serves for ``day`` (a bill with no lines on a quiet day)."""
    now = store.clock()
    rows: list[list[str]] = []
    for payment in _wallet_payments(store, ALIPAY):
        wallet = payment.wallet
        assert wallet is not None
        trade_no = wallet.transaction_id + "\t"
        out_trade_no = payment.out_trade_no + "\t"
        if payment.paid_at is not None and _china_day(payment.paid_at) == day:
            amount = payment.amount_fen
            fee = -round(amount * FEE_RATE)
            rows.append(
                [
                    *(trade_no, out_trade_no, "交易", payment.description),
                    *(_stamp(payment.created_at), _stamp(payment.paid_at)),
                    *("", "", "", "", "159****5620"),
                    *(_yuan(amount), _yuan(amount), "0.00", "0.00", "0.00", "0.00", "0.00", ""),
                    *("0.00", "0.00", "", _yuan(fee), "0.00", ""),
                ]
            )
        for refund in wallet.refunds.values():
            finished = _refund_finished(refund, now)
            if finished is None or _china_day(finished) != day:
                continue
            back = -refund.amount_fen
            rows.append(
                [
                    *(trade_no, out_trade_no, "退款", payment.description),
                    *(_stamp(refund.created_at), _stamp(finished)),
                    *("", "", "", "", "159****5620"),
                    *(_yuan(back), _yuan(back), "0.00", "0.00", "0.00", "0.00", "0.00", ""),
                    *("0.00", "0.00", refund.out_refund_no + "\t"),
                    *(_yuan(round(refund.amount_fen * FEE_RATE)), "0.00", ""),
                ]
            )
    rows.sort(key=lambda row: row[5])
    start = dt.datetime.combine(day, dt.time(), CHINA)
    end = start + dt.timedelta(days=1)
    span = f"#起始日期：[{start:%Y年%m月%d日 %H:%M:%S}]   终止日期：[{end:%Y年%m月%d日 %H:%M:%S}]"
    trades = sum(1 for row in rows if row[2] == "交易")
    detail = [
        "#支付宝业务明细查询",
        f"#账号：[{account}]",
        span,
        "#-----------------------------------------业务明细列表----------------------------------------",
        ALIPAY_HEADER,
        *(",".join(row) for row in rows),
        "#-----------------------------------------业务明细列表结束------------------------------------",
        f"#交易合计：{trades}笔，退款合计：{len(rows) - trades}笔",
        f"#导出时间：[{now.astimezone(CHINA):%Y年%m月%d日 %H:%M:%S}]",
    ]
    summary = [
        "#支付宝业务汇总查询",
        f"#账号：[{account}]",
        span,
        "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）",
        f"合计,,{trades},{len(rows) - trades},"
        f"{_yuan(sum(_fen(r[11]) for r in rows))},{_yuan(sum(_fen(r[12]) for r in rows))}",
    ]
    stem = f"{account}_{day:%Y%m%d}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}_业务明细.csv", "\r\n".join(detail).encode("gbk"))
        archive.writestr(f"{stem}_业务明细(汇总).csv", "\r\n".join(summary).encode("gbk"))
    return buffer.getvalue()
