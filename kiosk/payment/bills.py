"""Reading the providers' trade bills (交易账单), from their published formats.

- WeChat Pay's ALL bill: UTF-8 text, a header line naming the columns, one detail
  line per payment (交易状态 ``SUCCESS``) and refund (``REFUND``, or ``REVOKED`` for a
  paid code payment reversed), then ``总交易单数,…`` and its line. Every field of a
  detail or summary line starts with a backtick, which is how fields are told apart
  even when a product name holds a comma. Amounts are yuan.
- Alipay's trade bill (业务明细): a ZIP of CSV files in GBK; the detail file frames its
  table with ``#`` lines and names its columns (支付宝交易号, 商户订单号, 业务类型 交易 or
  退款, 完成时间, 订单金额（元）, 退款批次号/请求号, …); ids may carry a trailing tab.
  ``#交易合计：N笔，退款合计：M笔`` counts the lines.

Columns are found by name, never by position; a bill whose counts do not match its
lines is refused as cut short. Anything unreadable is a :class:`PaymentProtocolError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import re
import zipfile
from collections.abc import Sequence

from kiosk.chinatime import CHINA_TIME
from kiosk.payment.base import BillLine, PaymentProtocolError

_ALIPAY_COUNTS = re.compile(r"交易合计[:：]\s*(\d+)\s*笔[,，]\s*退款合计[:：]\s*(\d+)\s*笔")


def _fen(text: str, what: str) -> int:
    """Fen from a bill's yuan ("60.00", "-60.00"); the sign is the caller's business."""
    try:
        value = decimal.Decimal(text.strip().replace(",", ""))
    except decimal.InvalidOperation:
        raise PaymentProtocolError(f"bill: {what} is not an amount") from None
    scaled = abs(value) * 100
    if not value.is_finite() or scaled != scaled.to_integral_value():
        raise PaymentProtocolError(f"bill: {what} is not a whole number of fen")
    return int(scaled)


def _time(text: str, what: str) -> dt.datetime:
    try:
        local = dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise PaymentProtocolError(f"bill: {what} is not a time") from None
    return local.replace(tzinfo=CHINA_TIME)


def _columns(header: Sequence[str], wanted: Sequence[str], provider: str) -> dict[str, int]:
    index = {name.strip(): i for i, name in enumerate(header)}
    missing = [name for name in wanted if name not in index]
    if missing:
        raise PaymentProtocolError(f"{provider} bill: no column {missing[0]}")
    return index


# ---- WeChat Pay -------------------------------------------------------------------

_WECHAT_WANTED = (
    "交易时间",
    "微信订单号",
    "商户订单号",
    "交易状态",
    "订单金额",
    "商户退款单号",
    "申请退款金额",
    "退款状态",
)


def parse_wechat_trade_bill(text: str) -> list[BillLine]:
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    if not lines or not lines[0].startswith("交易时间"):
        raise PaymentProtocolError("wechatpay bill: no header line")
    column = _columns(lines[0].split(","), _WECHAT_WANTED, "wechatpay")
    found: list[BillLine] = []
    rest = iter(lines[1:])
    summary: list[str] | None = None
    for line in rest:
        if line.startswith("总交易单数"):
            summary_line = next(rest, "")
            summary = [f.lstrip("`") for f in summary_line.split(",")]
            break
        fields = line.removeprefix("`").split(",`")
        if len(fields) != len(column):
            raise PaymentProtocolError("wechatpay bill: a line has the wrong number of fields")

        def field(name: str, fields: list[str] = fields) -> str:
            return fields[column[name]].strip()

        state = field("交易状态")
        refund = state in ("REFUND", "REVOKED")
        if not refund and state != "SUCCESS":
            raise PaymentProtocolError("wechatpay bill: unknown 交易状态")
        found.append(
            BillLine(
                "wechatpay",
                "refund" if refund else "payment",
                field("商户订单号"),
                _fen(field("申请退款金额" if refund else "订单金额"), "an amount"),
                _time(field("交易时间"), "交易时间"),
                out_refund_no=field("商户退款单号") if refund else "",
                refund_status=field("退款状态") if refund else "",
                transaction_id=field("微信订单号"),
            )
        )
    if summary is None or not summary[0].isdigit():
        raise PaymentProtocolError("wechatpay bill: no summary (cut short?)")
    if int(summary[0]) != len(found):
        raise PaymentProtocolError("wechatpay bill: its summary counts other lines")
    return found


# ---- Alipay -----------------------------------------------------------------------

_ALIPAY_WANTED = (
    "支付宝交易号",
    "商户订单号",
    "业务类型",
    "完成时间",
    "订单金额（元）",
    "退款批次号/请求号",
)


def parse_alipay_trade_bill(data: bytes) -> list[BillLine]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        texts = [_decode(archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError):
        raise PaymentProtocolError("alipay bill: not a ZIP file (cut short?)") from None
    for text in texts:
        if "支付宝交易号" in text:
            return _alipay_details(text)
    raise PaymentProtocolError("alipay bill: no detail table in the ZIP")


def _decode(raw: bytes) -> str:
    for encoding in ("gb18030", "utf-8"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PaymentProtocolError("alipay bill: neither GBK nor UTF-8")


def _alipay_details(text: str) -> list[BillLine]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    start = next(
        (i for i, row in enumerate(rows) if row and row[0].strip() == "支付宝交易号"), None
    )
    if start is None:
        raise PaymentProtocolError("alipay bill: no header line")
    column = _columns(rows[start], _ALIPAY_WANTED, "alipay")
    found: list[BillLine] = []
    counts: tuple[int, int] | None = None
    for row in rows[start + 1 :]:
        if not row or not "".join(row).strip():
            continue
        if row[0].startswith("#"):
            matched = _ALIPAY_COUNTS.search(",".join(row))
            if matched:
                counts = (int(matched[1]), int(matched[2]))
            continue
        if len(row) < len(column):
            raise PaymentProtocolError("alipay bill: a line has too few fields")

        def field(name: str, row: list[str] = row) -> str:
            return row[column[name]].strip()

        kind = {"交易": "payment", "退款": "refund"}.get(field("业务类型"))
        if kind is None:
            continue  # other business (e.g. 分账) is no ticket money
        found.append(
            BillLine(
                "alipay",
                kind,
                field("商户订单号"),
                _fen(field("订单金额（元）"), "订单金额"),
                _time(field("完成时间"), "完成时间"),
                out_refund_no=field("退款批次号/请求号") if kind == "refund" else "",
                transaction_id=field("支付宝交易号"),
            )
        )
    if counts is None:
        raise PaymentProtocolError("alipay bill: no totals line (cut short?)")
    payments = sum(1 for line in found if line.kind == "payment")
    if counts != (payments, len(found) - payments):
        raise PaymentProtocolError("alipay bill: its totals count other lines")
    return found
