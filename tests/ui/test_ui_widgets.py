"""Keypad and scanner input, countdown, busy delay, QR rendering."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.qt import QPushButton, Qt
from kiosk.ui.screens.collect_entry import CollectEntryScreen
from kiosk.ui.theme import FIELD_TEXT_PX, TOUCH_PX
from kiosk.ui.widgets import busy as busy_module
from kiosk.ui.widgets.busy import SHOW_AFTER_MS, BusyOverlay, getting_ready
from kiosk.ui.widgets.countdown import Countdown, mm_ss
from kiosk.ui.widgets.keypad import SMALLEST_TEXT_PX, normalise_code
from kiosk.ui.widgets.qr_view import QrView, prepare, qr_matrix, render_qr

from .conftest import Host

pytestmark = pytest.mark.ui


def _key(screen: CollectEntryScreen, text: str) -> QPushButton:
    return next(b for b in screen.keypad.findChildren(QPushButton) if b.text() == text)


def test_normalise_code_keeps_upper_case_letters_and_digits() -> None:
    assert normalise_code(" ab-12 c\t") == "AB12C"


def test_keypad_keys_fill_the_field_and_submit(qtbot: object, host: Host) -> None:
    screen = CollectEntryScreen()
    host(screen, 1080, 1920)
    for text in ("8", "K", "3", "F"):
        qtbot.mouseClick(_key(screen, text), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.mouseClick(_key(screen, "⌫"), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.mouseClick(_key(screen, "7"), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert screen.field.code() == "8K37"
    assert screen.focusWidget() is screen.field
    with qtbot.waitSignal(screen.codeEntered) as blocker:  # type: ignore[attr-defined]
        qtbot.mouseClick(screen.continue_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert blocker.args == ["8K37"]
    qtbot.mouseClick(_key(screen, screen.keypad._clear.text()), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert screen.field.code() == ""


def test_scanner_wedge_typing_lower_case_then_enter_submits(qtbot: object, host: Host) -> None:
    screen = CollectEntryScreen()
    host(screen, 1080, 1920)
    # A tap on a keypad key must not steal focus, or the scanner's keys would be lost.
    qtbot.mouseClick(_key(screen, "Q"), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    screen.field.clear()
    with qtbot.waitSignal(screen.codeEntered) as blocker:  # type: ignore[attr-defined]
        qtbot.keyClicks(screen.field, "8k3f-7q2m")  # type: ignore[attr-defined]
        qtbot.keyClick(screen.field, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert blocker.args == ["8K3F7Q2M"]


def test_short_code_is_refused_locally_with_a_message(qtbot: object, host: Host) -> None:
    screen = CollectEntryScreen()
    host(screen, 1080, 1920)
    entered: list[str] = []
    screen.codeEntered.connect(entered.append)
    qtbot.keyClicks(screen.field, "ab")  # type: ignore[attr-defined]
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert entered == []
    assert not screen.continue_button.isEnabled()
    assert screen._problem_label.isVisible()


def test_a_long_code_is_drawn_smaller_rather_than_scrolled(qtbot: object, host: Host) -> None:
    screen = CollectEntryScreen()
    host(screen, 1920, 1080)  # side by side: the narrowest the field gets
    qtbot.wait(1)  # type: ignore[attr-defined]  # the layout settles
    field = screen.field
    qtbot.keyClicks(field, "8K3F7Q2M")  # type: ignore[attr-defined]
    assert field.text_px() == FIELD_TEXT_PX  # a usual code keeps the full size
    qtbot.keyClicks(field, "WWWWWWWWWWWWWWWW")  # type: ignore[attr-defined]
    assert field.text() == "8K3F7Q2MWWWWWWWWWWWWWWWW"  # 24 characters, the most kept
    assert field.text_px() == SMALLEST_TEXT_PX  # as small as it goes, no smaller
    field.setText("0000000000111972")  # a 16-digit booking number fits whole
    assert SMALLEST_TEXT_PX < field.text_px() < FIELD_TEXT_PX
    assert field.fontMetrics().horizontalAdvance(field.text()) <= field.text_room_px()
    field.clear()
    assert field.text_px() == FIELD_TEXT_PX


def test_countdown_warns_then_expires(qtbot: object, host: Host) -> None:
    countdown = Countdown(warn_s=0.3)
    host(countdown, 300, 120)
    started = time.monotonic()
    countdown.start(0.6)
    assert not countdown.is_warning()
    with qtbot.waitSignal(countdown.warning, timeout=2000):  # type: ignore[attr-defined]
        pass
    warned_at = time.monotonic() - started
    with qtbot.waitSignal(countdown.expired, timeout=2000):  # type: ignore[attr-defined]
        pass
    assert 0.2 <= warned_at <= 0.55
    assert countdown.text() == "0:00"
    assert countdown.property("warning") is True
    assert not countdown.is_running()
    assert mm_ss(283.2) == "4:44"


def test_busy_overlay_appears_only_after_300_ms(qtbot: object, host: Host) -> None:
    window = host(QPushButton("x"), 600, 400)
    busy = BusyOverlay(window)
    busy.start(getting_ready)
    qtbot.wait(SHOW_AFTER_MS // 2)  # type: ignore[attr-defined]
    assert not busy.isVisible()
    busy.stop()
    qtbot.wait(SHOW_AFTER_MS)  # type: ignore[attr-defined]
    assert not busy.isVisible(), "a quick answer must not flash the overlay"
    started = time.monotonic()
    busy.start()
    qtbot.waitUntil(busy.isVisible, timeout=2000)  # type: ignore[attr-defined]
    assert time.monotonic() - started >= SHOW_AFTER_MS / 1000 - 0.02
    assert busy.geometry() == window.rect()
    busy.stop()
    assert not busy.isVisible()


def test_a_long_wait_offers_start_over_except_at_start_up(
    qtbot: object, host: Host, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(busy_module, "OFFER_LEAVE_AFTER_MS", SHOW_AFTER_MS + 200)
    window = host(QPushButton("x"), 600, 400)
    busy = BusyOverlay(window)
    busy.start()
    qtbot.waitUntil(busy.offers_leave, timeout=2000)  # type: ignore[attr-defined]
    assert busy.leave_button.height() >= TOUCH_PX - 8
    with qtbot.waitSignal(busy.leaveRequested, timeout=1000):  # type: ignore[attr-defined]
        busy.leave_button.click()
    assert not busy.isVisible()
    # Start-up recovery: nobody to send home and nothing to cancel.
    busy.start(getting_ready, leavable=False)
    qtbot.waitUntil(busy.isVisible, timeout=2000)  # type: ignore[attr-defined]
    qtbot.wait(400)  # type: ignore[attr-defined]
    assert not busy.offers_leave()
    busy.stop()


def test_payment_qr_decodes_to_its_payload(kiosk_app: object, tmp_path: Path) -> None:
    payload = "https://pay.example.cn/qr/7f3c9a1e2b4d?amount=8400"
    pixmap = render_qr(payload, 480)
    assert pixmap.width() <= 480
    path = tmp_path / "qr.png"
    assert pixmap.save(str(path))
    results = zxingcpp.read_barcodes(Image.open(path))
    assert [r.text for r in results] == [payload]


async def test_a_payment_qr_is_made_once_off_the_loop_then_only_drawn(
    kiosk_app: object, tmp_path: Path
) -> None:
    """Its matrix is 10-20 ms of pure Python: made on a worker thread before the payment
    screen shows it, never again when the screen fits it to another size."""
    payload = f"https://qr.alipay.com/bax{time.time_ns()}"  # in no other test's cache
    misses = qr_matrix.cache_info().misses
    await prepare([payload])
    assert qr_matrix.cache_info().misses == misses + 1
    view = QrView(320)
    view.set_payload(payload)
    view.set_size(400)
    view.set_size(480)
    assert qr_matrix.cache_info().misses == misses + 1
    path = tmp_path / "qr.png"
    assert view.pixmap().save(str(path))
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(path))] == [payload]
