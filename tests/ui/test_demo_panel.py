"""The demo's panel as someone trying the demo uses it: a kiosk on WeChat Pay and Alipay's
real protocols (the simulator's own keys, as ``kiosk demo`` sets it up), either QR paid
from the panel's phone, or a payment code opened there and typed into the kiosk's
scanner field."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kiosk.cli.demo import demo_settings
from kiosk.flows.purchase_ledger import code_trade_no, qr_trade_no
from kiosk.qt import Qt
from kiosk.ui.demo_panel import DemoPanel

from .journey_fixtures import Journey, StartJourney, tap
from .test_payment_screen import BOTH, _orders, _to_payment

pytest_plugins = ["tests.ui.journey_fixtures"]

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "screens"


def _panel(journey: Journey) -> DemoPanel:
    settings = journey.kiosk.services.settings
    panel = DemoPanel(journey.kiosk.purchase, settings.payment_url, journey.printed, [])
    journey.qtbot.addWidget(panel)
    panel.resize(560, 1080)  # as kiosk demo places it beside the kiosk
    panel.show()
    return panel


def test_kiosk_demo_pays_through_both_real_protocols_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sim: object
) -> None:
    monkeypatch.delenv("KIOSK_PAYMENT_PROVIDERS", raising=False)
    info = sim.info()  # type: ignore[attr-defined]
    args = argparse.Namespace(config=None)
    settings = demo_settings(args, info, tmp_path, "482913")
    assert settings.payment_provider_names == ["wechatpay", "alipay"]
    assert settings.wechatpay_mchid == info["payment"]["wechatpay"]["mchid"]
    monkeypatch.setenv("KIOSK_PAYMENT_PROVIDERS", "simulator")
    chosen = demo_settings(args, info, tmp_path, "482913")
    assert chosen.payment_provider_names == ["simulator"]


@pytest.mark.parametrize("which", [0, 1], ids=["wechatpay", "alipay"])
def test_the_panel_pays_either_qr_as_a_phone_would(start_journey: StartJourney, which: int) -> None:
    journey = start_journey(**BOTH)
    panel = _panel(journey)
    usid = _to_payment(journey)
    buttons = [b for b in panel.pay_buttons if b.isVisible()]
    assert [b.text().split("\n")[0] for b in buttons] == [
        "Pay WeChat Pay · 微信支付",
        "Pay Alipay · 支付宝",
    ]
    tap(journey.qtbot, buttons[which])
    journey.wait_for_screen(journey.window.done, timeout_ms=15000)
    paid = [usid, qr_trade_no(usid, 2)][which]
    assert _orders(journey, usid)[paid] == "PAID"
    assert list(_orders(journey, usid).values()).count("CLOSED") == 1
    journey.qtbot.waitUntil(lambda: not buttons[which].isEnabled(), timeout=5000)


def test_a_payment_code_from_the_panel_typed_into_the_scanner_field_pays(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(**BOTH)
    panel = _panel(journey)
    usid = _to_payment(journey)
    tap(journey.qtbot, panel.code_buttons["wechat"])
    journey.qtbot.waitUntil(lambda: panel.code.text().count("\n") == 1, timeout=5000)
    code = panel.code.text().split("\n")[1]
    assert len(code) == 18 and code.isdigit()
    OUT.mkdir(parents=True, exist_ok=True)
    panel.grab().save(str(OUT / "demo-panel-payment-code.png"))
    screen = journey.window.payment
    journey.qtbot.keyClicks(screen, code)
    journey.qtbot.keyClick(screen, Qt.Key.Key_Return)
    journey.wait_for_screen(journey.window.done, timeout_ms=15000)
    assert journey.state()["payments"][code_trade_no(usid, 1)]["state"] == "PAID"
    assert panel.code.text() == ""  # gone with the payment
