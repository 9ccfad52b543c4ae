"""The payment providers the settings name, built for the kiosk and its commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from kiosk.payment.base import PaymentProvider
from kiosk.settings import Settings


def from_settings(
    settings: Settings, *, clock: Callable[[], dt.datetime] | None = None
) -> PaymentProvider:
    """The first provider of ``payment_providers`` (its QR shows first)."""
    return named(settings, settings.payment_provider_names[0], clock=clock)


def all_from_settings(
    settings: Settings, *, clock: Callable[[], dt.datetime] | None = None
) -> dict[str, PaymentProvider]:
    """Every provider of ``payment_providers`` by name, in screen order."""
    return {name: named(settings, name, clock=clock) for name in settings.payment_provider_names}


def named(
    settings: Settings, name: str, *, clock: Callable[[], dt.datetime] | None = None
) -> PaymentProvider:
    """The provider ``name`` (simulator, wechatpay, alipay) as the settings configure it."""
    if name == "wechatpay":
        from kiosk.payment.wechatpay import WechatPayKeys, WechatPayProvider

        keys = WechatPayKeys.load(
            mchid=settings.wechatpay_mchid,
            appid=settings.wechatpay_appid,
            merchant_serial=settings.wechatpay_merchant_serial,
            private_key_file=Path(settings.wechatpay_private_key_file),
            public_key_file=_path(settings.wechatpay_public_key_file),
            public_key_id=settings.wechatpay_public_key_id,
            platform_cert_dir=_path(settings.wechatpay_platform_cert_dir),
        )
        return WechatPayProvider(
            settings.wechatpay_url,
            keys,
            notify_url=settings.wechatpay_notify_url,
            clock=clock,
            device_id=settings.kiosk_id,
        )
    if name == "alipay":
        from kiosk.payment.alipay import AlipayKeys, AlipayProvider

        alipay_keys = AlipayKeys.load(
            app_id=settings.alipay_app_id,
            private_key_file=Path(settings.alipay_private_key_file),
            public_key_file=Path(settings.alipay_public_key_file),
        )
        return AlipayProvider(settings.alipay_url, alipay_keys, clock=clock)
    from kiosk.payment.http import HttpPaymentProvider

    return HttpPaymentProvider(settings.payment_url)


def _path(text: str) -> Path | None:
    return Path(text) if text else None
