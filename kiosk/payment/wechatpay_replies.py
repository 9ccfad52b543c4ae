"""WeChat Pay v3's replies as the kiosk reads them (kiosk.payment.wechatpay): a module
of their own so that pydantic loads with the first answer, not at start."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class NativeAnswer(Wire):
    code_url: str = Field(min_length=1)


class Amount(Wire):
    total: int | None = Field(default=None, ge=0)
    payer_total: int | None = Field(default=None, ge=0)
    currency: str = "CNY"


class Transaction(Wire):
    mchid: str
    out_trade_no: str
    trade_state: str
    amount: Amount | None = None


class RefundAmount(Wire):
    refund: int = Field(ge=0)
    total: int = Field(ge=0)


class Refund(Wire):
    out_refund_no: str
    out_trade_no: str
    status: str
    amount: RefundAmount


class BillAnswer(Wire):
    hash_type: str = ""
    hash_value: str = ""
    download_url: str = Field(min_length=1)


class Error(Wire):
    code: str
    message: str = ""
