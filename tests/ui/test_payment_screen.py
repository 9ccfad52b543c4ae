"""The payment screen as a patron uses it, on the real kiosk against the simulators
speaking WeChat Pay v3 and Alipay with real signatures: a QR of each side by side,
labelled and scannable; a payment code held to the scanner (typed by the keyboard
wedge) while they are shown; Cancel that asks first and then says so."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import zxingcpp
from PIL import Image

from kiosk.flows.purchase_ledger import code_trade_no, qr_trade_no
from kiosk.qt import QLabel, Qt
from kiosk.qt.i18n import Translations
from kiosk.settings import Settings
from kiosk.tls import verify_for
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.payment import SMALLEST_QR_PX
from kiosk.ui.viewmodels import CodeProblem

from .journey_fixtures import Journey, StartJourney, run, tap
from .layout_checks import buttons_cut_off, clipped_buttons, labels_cut_off, overlapping_buttons
from .samples import PAYMENT
from .test_journeys import _bookable_session_id, _tap_seats, _to_seats

pytest_plugins = ["tests.ui.journey_fixtures"]

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
BOTH = {"payment_providers": "wechatpay,alipay"}


def _to_payment(journey: Journey) -> str:
    w = journey.window
    _tap_seats(journey, _to_seats(journey, _bookable_session_id(journey)))
    tap(journey.qtbot, w.seats.confirm_button)
    journey.wait_for_screen(w.review)
    tap(journey.qtbot, w.review.pay_button)
    journey.wait_for_screen(w.payment)
    flow = journey.kiosk.purchase.flow
    assert flow is not None and flow.txn_id is not None
    return flow.txn_id


async def _paycode(journey: Journey, wallet: str, outcome: str, **extra: object) -> str:
    url = journey.cluster.info()["payment"]["url"]
    async with httpx.AsyncClient(base_url=url, verify=verify_for(url)) as client:
        answer = await client.post(
            "/_sim/paycode", json={"wallet": wallet, "outcome": outcome, **extra}
        )
    answer.raise_for_status()
    code: str = answer.json()["code"]
    return code


async def _phone_pays(journey: Journey, out_trade_no: str) -> None:
    url = journey.cluster.info()["payment"]["url"]
    async with httpx.AsyncClient(base_url=url, verify=verify_for(url)) as client:
        (await client.post(f"/_sim/pay/{out_trade_no}")).raise_for_status()


def _scan(journey: Journey, code: str) -> None:
    """The scanner types the code and its Enter into whatever has focus."""
    screen = journey.window.payment
    journey.qtbot.keyClicks(screen, code)
    # dots only, never the code, even before its Enter
    assert code not in screen.code_field.displayText()
    journey.qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.code_field.text() == ""


def _status(journey: Journey) -> str:
    label = journey.window.payment._code_status
    return label.text() if label.isVisible() else ""


def _orders(journey: Journey, usid: str) -> dict[str, str]:
    payments = journey.state()["payments"]
    return {n: payments[n]["state"] for n in (usid, qr_trade_no(usid, 2)) if n in payments}


def test_both_qrs_side_by_side_labelled_and_scannable_the_second_paid(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(**BOTH)
    w = journey.window
    usid = _to_payment(journey)
    for size in ((1920, 1080), (1080, 1920)):
        w.resize(*size)
        journey.qtbot.wait(200)
        tiles = w.payment.qr_tiles()
        assert [name for name, _ in tiles] == ["微信支付", "支付宝"]
        qrs = [qr for _, qr in tiles]
        assert all(qr.width() >= SMALLEST_QR_PX and qr.isVisible() for qr in qrs)
        # side by side: the same height on screen, one after the other
        first, second = (qr.mapTo(w, qr.rect().topLeft()) for qr in qrs)
        assert first.y() == second.y() and second.x() > first.x() + qrs[0].width()
        shot = OUT / f"journey-{size[0]}x{size[1]}-zh-two-qrs.png"
        OUT.mkdir(parents=True, exist_ok=True)
        w.grab().save(str(shot))
        decoded = sorted(r.text for r in zxingcpp.read_barcodes(Image.open(shot)))
        assert len(decoded) == 2
        assert decoded[0].startswith("https://qr.alipay.com/")
        assert decoded[1].startswith("weixin://wxpay/bizpayurl?pr=")
    run(journey.qtbot, _phone_pays(journey, qr_trade_no(usid, 2)))
    journey.wait_for_screen(w.done, timeout_ms=15000)
    assert _orders(journey, usid) == {usid: "CLOSED", qr_trade_no(usid, 2): "PAID"}


def test_a_scanned_payment_code_asks_to_confirm_on_the_phone_then_prints(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(**BOTH)
    w = journey.window
    usid = _to_payment(journey)
    code = run(journey.qtbot, _paycode(journey, "alipay", "password", password_s=1))
    _scan(journey, code)
    journey.qtbot.waitUntil(lambda: _status(journey) == "请在手机上确认", timeout=10000)
    OUT.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(OUT / "journey-zh-pay-code-confirm-on-phone.png"))
    journey.wait_for_screen(w.done, timeout_ms=20000)
    assert journey.state()["payments"][code_trade_no(usid, 1)]["state"] == "PAID"
    assert set(_orders(journey, usid).values()) == {"CLOSED"}  # neither QR can take more
    logs = b"".join(p.read_bytes() for p in journey.kiosk.services.settings.log_dir.rglob("*"))
    assert code.encode() not in logs


def test_a_refused_payment_code_says_so_and_the_qrs_still_pay(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(**BOTH)
    w = journey.window
    usid = _to_payment(journey)
    code = run(journey.qtbot, _paycode(journey, "wechat", "fail"))
    _scan(journey, code)
    journey.qtbot.waitUntil(lambda: "未扣款" in _status(journey), timeout=10000)
    assert w.current_screen() is w.payment
    assert set(_orders(journey, usid).values()) == {"PENDING"}
    shown = " ".join(label.text() for label in w.payment.findChildren(QLabel))
    assert code not in shown and code[-6:] not in shown
    _scan(journey, "12345")  # a barcode, not a payment code: nothing is sent
    journey.qtbot.waitUntil(lambda: "不是微信或支付宝" in _status(journey), timeout=5000)
    run(journey.qtbot, _phone_pays(journey, usid))
    journey.wait_for_screen(w.done, timeout_ms=15000)


def test_cancel_asks_first_then_says_cancelled_and_closes_both(
    start_journey: StartJourney,
) -> None:
    journey = start_journey(**BOTH)
    w = journey.window
    usid = _to_payment(journey)
    journey.qtbot.wait(500)
    tap(journey.qtbot, w.payment.cancel_button)
    assert w.payment.cancel_prompt.isVisible()
    OUT.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(OUT / "journey-zh-cancel-prompt.png"))
    # a second tap where Cancel was lands on the prompt's dimmed ground: nothing
    tap(journey.qtbot, w.payment.cancel_prompt, w.payment.cancel_button.geometry().center())
    journey.qtbot.wait(300)
    assert w.current_screen() is w.payment and w.payment.cancel_prompt.isVisible()
    tap(journey.qtbot, w.payment.keep_paying_button)
    assert not w.payment.cancel_prompt.isVisible()
    journey.qtbot.wait(300)
    assert set(_orders(journey, usid).values()) == {"PENDING"}
    tap(journey.qtbot, w.payment.cancel_button)
    tap(journey.qtbot, w.payment.confirm_cancel_button)
    journey.qtbot.waitUntil(lambda: w.payment._cancelled_title.isVisible(), timeout=10000)
    assert w.payment._cancelled_title.text() == "已取消"
    w.grab().save(str(OUT / "journey-zh-cancelled.png"))
    assert set(_orders(journey, usid).values()) == {"CLOSED"}
    journey.wait_for_screen(w.home, timeout_ms=10000)
    assert journey.state()["seat_locks"] == []


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1348, 1080)])
def test_every_state_of_the_payment_screen_fits_and_reads(
    qtbot: object,
    settings: Settings,
    translations: Translations,
    language: str,
    size: tuple[int, int],
) -> None:
    """Confirm on the phone, a refused code, the cancel prompt and 已取消, in each
    language on each panel: nothing cut off, no small or overlapping button, both QRs
    on screen and scannable in every state the patron can still pay in."""
    OUT.mkdir(parents=True, exist_ok=True)
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(*size)
    win.show()
    win.set_language(language)  # type: ignore[arg-type]
    screen = win.payment
    screen.show_payment(PAYMENT)
    win.show_screen(screen)
    states = {
        "confirm-on-phone": lambda: screen.show_code_state("confirm_on_phone"),
        "code-refused": lambda: screen.show_code_problem(CodeProblem.NOT_A_CODE),
        "cancel-prompt": lambda: tap(qtbot, screen.cancel_button),  # type: ignore[arg-type]
        "cancelled": lambda: screen.show_cancelled(refunded=True),
    }
    for name, enter in states.items():
        enter()
        qtbot.wait(1)  # type: ignore[attr-defined]
        shot = OUT / f"{size[0]}x{size[1]}-{language}-Payment-{name}.png"
        win.grab().save(str(shot))
        hint = screen.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], (name, hint)
        assert labels_cut_off(screen) == [], name
        assert buttons_cut_off(screen) == [], name
        assert clipped_buttons(screen) == [], name
        # the header says what the page says: never "Scan to pay" above 已取消
        expected = {"zh": ("已取消", "请扫码支付"), "en": ("Cancelled", "Scan to pay")}[language]
        assert screen.header.title() == expected[0 if name == "cancelled" else 1], name
        if name in ("confirm-on-phone", "code-refused"):
            assert overlapping_buttons(screen) == [], name
            assert len(zxingcpp.read_barcodes(Image.open(shot))) == 2, name
