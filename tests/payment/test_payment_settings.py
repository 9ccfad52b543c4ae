"""The payment settings: checked at start, naming the key and never a key's content; the
kiosk then pays through the provider they name."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli.buy import simulator_url
from kiosk.payment.alipay import AlipayProvider
from kiosk.payment.providers import all_from_settings, from_settings
from kiosk.payment.wechatpay import WechatPayProvider
from kiosk.settings import SettingsError, load_settings
from kiosk.sim.cluster import kiosk_env
from kiosk.sim.payment_server import PaymentSimulator
from tests.flows.helpers_collect import kiosk_command


def _wechat_env(simulator: PaymentSimulator) -> dict[str, str]:
    return {**kiosk_env({"payment": simulator.info()}), "KIOSK_PAYMENT_PROVIDERS": "wechatpay"}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("paypal", "unknown provider 'paypal'"),
        ("wechatpay,,alipay", "at least one provider"),
        ("alipay,alipay", "twice"),
    ],
)
def test_a_bad_provider_list_is_named(value: str, words: str) -> None:
    with pytest.raises(SettingsError, match="payment_providers") as raised:
        load_settings(environ={"KIOSK_PAYMENT_PROVIDERS": value})
    assert words in str(raised.value)


def test_wechatpay_needs_its_merchant_and_keys() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(environ={"KIOSK_PAYMENT_PROVIDERS": "wechatpay"})
    text = str(raised.value)
    for key in (
        "wechatpay_mchid",
        "wechatpay_appid",
        "wechatpay_merchant_serial",
        "wechatpay_private_key_file",
        "wechatpay_public_key_file",
        "wechatpay_notify_url",
    ):
        assert f"'{key}'" in text, key


def test_a_key_file_that_is_no_key_is_named_never_quoted(
    simulator: PaymentSimulator, tmp_path: Path
) -> None:
    env = _wechat_env(simulator)
    secret_looking = tmp_path / "key.pem"
    secret_looking.write_text("-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n", "utf-8")
    env["KIOSK_WECHATPAY_PRIVATE_KEY_FILE"] = str(secret_looking)
    with pytest.raises(SettingsError) as raised:
        load_settings(environ=env)
    text = str(raised.value)
    assert "'wechatpay_private_key_file'" in text and "no unencrypted PEM private key" in text
    assert "TOPSECRET" not in text
    env["KIOSK_WECHATPAY_APIV3_KEY"] = "too-short-and-secret"
    with pytest.raises(SettingsError) as raised:
        load_settings(environ=env)
    text = str(raised.value)
    assert "'wechatpay_apiv3_key'" in text and "32 bytes" in text
    assert "too-short-and-secret" not in text


def test_the_simulators_info_configures_a_wechatpay_kiosk(simulator: PaymentSimulator) -> None:
    settings = load_settings(environ=_wechat_env(simulator))
    provider = from_settings(settings)
    assert isinstance(provider, WechatPayProvider)
    assert provider.keys.mchid == settings.wechatpay_mchid
    assert {"PUB_KEY_ID_0119000091912025010100000000000001"} < set(provider.keys.verifiers)
    assert simulator_url(settings) == simulator.url
    assert "wechatpay_apiv3_key" not in repr(settings.wechatpay_apiv3_key)
    assert settings.wechatpay_apiv3_key.get_secret_value() in settings.secrets()


@pytest.mark.e2e
async def test_a_bad_payment_setting_stops_the_kiosk_with_78(
    simulator: PaymentSimulator, tmp_path: Path
) -> None:
    env: dict[str, Any] = {**os.environ, **_wechat_env(simulator)}
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    env["KIOSK_WECHATPAY_PUBLIC_KEY_FILE"] = str(tmp_path / "missing.pem")
    code, _out, err = await kiosk_command(env, "doctor")
    assert code == 78
    assert "wechatpay_public_key_file" in err and "does not exist" in err


@pytest.mark.e2e
async def test_doctor_asks_wechatpay_with_a_signed_query(
    simulator: PaymentSimulator, tmp_path: Path
) -> None:
    simulator.world.store.clock = lambda: dt.datetime.now(dt.UTC)  # the kiosk's own clock
    env: dict[str, Any] = {**os.environ, **_wechat_env(simulator)}
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    _code, out, _err = await kiosk_command(env, "doctor", "--timeout", "2")
    [line] = [line for line in out.splitlines() if line.startswith("payment")]
    assert "ok" in line, out


def test_the_simulators_info_configures_an_alipay_kiosk(simulator: PaymentSimulator) -> None:
    env = {**kiosk_env({"payment": simulator.info()}), "KIOSK_PAYMENT_PROVIDERS": "alipay"}
    settings = load_settings(environ=env)
    provider = from_settings(settings)
    assert isinstance(provider, AlipayProvider)
    assert provider.keys.app_id == settings.alipay_app_id
    assert simulator_url(settings) == simulator.url


def test_alipay_needs_its_app_and_keys() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(environ={"KIOSK_PAYMENT_PROVIDERS": "alipay"})
    for key in ("alipay_app_id", "alipay_private_key_file", "alipay_public_key_file"):
        assert f"'{key}'" in str(raised.value), key


def test_both_wallets_are_taken_in_screen_order(simulator: PaymentSimulator) -> None:
    env = {
        **kiosk_env({"payment": simulator.info()}),
        "KIOSK_PAYMENT_PROVIDERS": "alipay, wechatpay",
    }
    settings = load_settings(environ=env)
    assert settings.payment_provider_names == ["alipay", "wechatpay"]
    providers = all_from_settings(settings)
    assert list(providers) == ["alipay", "wechatpay"]
    assert isinstance(providers["alipay"], AlipayProvider)
    assert isinstance(providers["wechatpay"], WechatPayProvider)
    assert isinstance(from_settings(settings), AlipayProvider)  # its QR shows first


@pytest.mark.e2e
async def test_doctor_asks_each_wallet(simulator: PaymentSimulator, tmp_path: Path) -> None:
    simulator.world.store.clock = lambda: dt.datetime.now(dt.UTC)  # the kiosk's own clock
    env: dict[str, Any] = {**os.environ, **_wechat_env(simulator)}
    env["KIOSK_PAYMENT_PROVIDERS"] = "wechatpay,alipay"
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    _code, out, _err = await kiosk_command(env, "doctor", "--timeout", "2")
    [line] = [line for line in out.splitlines() if line.startswith("payment")]
    assert "ok" in line and "wechatpay: answering" in line and "alipay: answering" in line, out
