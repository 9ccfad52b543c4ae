"""WeChat Pay and Alipay adapters pointed at the payment simulator's real protocols."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from kiosk.payment.alipay import AlipayKeys, AlipayProvider
from kiosk.payment.wechatpay import WechatPayKeys, WechatPayProvider
from kiosk.tls import verify_for


def wechat_keys(info: dict[str, Any], **changes: Any) -> WechatPayKeys:
    """The keys a merchant is handed, from the simulator's --info entry."""
    fields: dict[str, Any] = {
        "mchid": info["mchid"],
        "appid": info["appid"],
        "merchant_serial": info["merchant_serial"],
        "private_key_file": Path(info["private_key_file"]),
        "public_key_file": Path(info["public_key_file"]),
        "public_key_id": info["public_key_id"],
        "platform_cert_dir": Path(info["platform_cert_dir"]),
    }
    fields.update(changes)
    return WechatPayKeys.load(**fields)


def wechat_provider(
    info: dict[str, Any],
    clock: Callable[[], dt.datetime],
    *,
    timeout_s: float = 0.3,
    query_attempts: int = 2,
    keys: WechatPayKeys | None = None,
) -> WechatPayProvider:
    return WechatPayProvider(
        info["url"],
        keys or wechat_keys(info),
        notify_url=info["notify_url"],
        timeout_s=timeout_s,
        connect_timeout_s=timeout_s,
        query_attempts=query_attempts,
        retry_delay_s=0.0,
        clock=clock,
    )


async def set_wallet(url: str, **settings: Any) -> dict[str, Any]:
    """``POST /_sim/wallet``: how the simulated providers behave from now on."""
    async with httpx.AsyncClient(base_url=url, verify=verify_for(url)) as client:
        response = await client.post("/_sim/wallet", json=settings)
    response.raise_for_status()
    answer: dict[str, Any] = response.json()
    return answer


def alipay_provider(
    info: dict[str, Any],
    clock: Callable[[], dt.datetime],
    *,
    timeout_s: float = 0.3,
    query_attempts: int = 2,
    keys: AlipayKeys | None = None,
) -> AlipayProvider:
    """An Alipay adapter pointed at the simulator's gateway, from its --info entry."""
    return AlipayProvider(
        info["url"],
        keys or alipay_keys(info),
        timeout_s=timeout_s,
        connect_timeout_s=timeout_s,
        query_attempts=query_attempts,
        retry_delay_s=0.0,
        clock=clock,
    )


def alipay_keys(info: dict[str, Any]) -> AlipayKeys:
    return AlipayKeys.load(
        app_id=info["app_id"],
        private_key_file=Path(info["private_key_file"]),
        public_key_file=Path(info["public_key_file"]),
    )


async def paycode(url: str, wallet: str, outcome: str = "success", **extra: Any) -> str:
    """``POST /_sim/paycode``: the code a patron's phone shows, for the kiosk's scanner."""
    async with httpx.AsyncClient(base_url=url, verify=verify_for(url)) as client:
        response = await client.post(
            "/_sim/paycode", json={"wallet": wallet, "outcome": outcome, **extra}
        )
    response.raise_for_status()
    code: str = response.json()["code"]
    return code
