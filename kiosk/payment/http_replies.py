"""The payment simulator's replies as the kiosk reads them (kiosk.payment.http): a
module of their own so that pydantic loads with the first answer, not at start."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from kiosk.payment.base import PaymentStatus


class Wire(BaseModel):
    # Unknown fields are ignored so the provider may add some; types are strict
    # so "6000" where an integer is due is a protocol error, not a silent guess.
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class Created(Wire):
    out_trade_no: str
    code_url: str = Field(min_length=1)
    expires_at: str
    state: PaymentStatus = Field(strict=False)


class State(Wire):
    out_trade_no: str
    state: PaymentStatus = Field(strict=False)
    amount_fen: int = Field(ge=0)
    refunded_fen: int = Field(ge=0)


class Error(Wire):
    error: str
    message: str = ""
