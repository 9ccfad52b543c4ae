"""The demo's stand-in for everything around the kiosk: the patron's phone and the ticket tray.

A small separate window, never part of the patron UI: "pay" the QR on screen as
a phone would, open the folder where the virtual printer puts each ticket as a
PNG, and read the pickup codes of bookings bought "online".
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.payment.base import PaymentError
from kiosk.qt import (
    QDesktopServices,
    QGuiApplication,
    QLabel,
    QLayout,
    QPushButton,
    QRect,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from kiosk.qt.aio import async_slot
from kiosk.sim.phone import pay_with_simulator
from kiosk.ui.controllers.purchase_controller import PurchaseController

log = logging.getLogger(__name__)


PANEL_WIDTH = 560
GAP = 12


def place_beside(window: QWidget, panel: QWidget, area: QRect | None = None) -> None:
    """Kiosk window on the left, the panel to its right, both inside ``area`` (the
    screen's free area by default): without this they open on top of each other
    (always so without a window manager). The kiosk keeps the screen's full height:
    its screens are laid out for a 1080-pixel-high panel, and a 16:9 window beside
    the panel would be only 760 high and cut the pickup keypad off."""
    if area is None:
        area = QGuiApplication.primaryScreen().availableGeometry()
    width = min(window.width(), area.width() - PANEL_WIDTH - GAP)
    height = min(window.height(), area.height())
    window.setGeometry(QRect(area.left(), area.top(), width, height))
    panel.setGeometry(QRect(area.left() + width + GAP, area.top(), PANEL_WIDTH, height))


class DemoPanel(QWidget):
    def __init__(
        self,
        purchase: PurchaseController,
        payment_url: str,
        printed_dir: Path,
        bookings: Sequence[dict[str, Any]],
    ) -> None:
        super().__init__()
        self.setWindowTitle("Kiosk demo · 演示面板")
        # Developer tooling beside the kiosk, not patron UI: smaller than the theme's type.
        self.setStyleSheet("QWidget { font-size: 22px; } QPushButton { padding: 12px; }")
        self._payment_url = payment_url
        self._printed_dir = printed_dir
        self._out_trade_no: str | None = None
        self.pay_button = QPushButton("Pay now (simulated phone)\n模拟手机支付")
        self.pay_button.clicked.connect(self._pay)
        self.folder_button = QPushButton("Open printed tickets folder\n打开出票文件夹")
        self.folder_button.clicked.connect(self.open_folder)
        self.status = QLabel("No payment waiting · 暂无待支付订单")
        self.status.setWordWrap(True)
        codes = "\n".join(f"{b['booking_id']}   ({b['tickets']} tickets · 张)" for b in bookings)
        self.codes = QLabel(f"Pickup codes to try · 可用取票码:\n{codes or '—'}")
        self.codes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        # Sized by the window manager: a constrained top-level layout warns offscreen.
        box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for widget in (self.pay_button, self.status, self.folder_button, self.codes):
            box.addWidget(widget)
        box.addStretch(1)
        purchase.paymentShown.connect(self._payment_shown)
        purchase.paymentEnded.connect(self._payment_ended)
        self._payment_ended()

    def _payment_shown(self, out_trade_no: str) -> None:
        self._out_trade_no = out_trade_no
        self.pay_button.setEnabled(True)
        self.status.setText(f"Waiting for payment · 等待支付: {out_trade_no}")

    def _payment_ended(self) -> None:
        self._out_trade_no = None
        self.pay_button.setEnabled(False)
        self.status.setText("No payment waiting · 暂无待支付订单")

    @async_slot
    async def _pay(self) -> None:
        out_trade_no = self._out_trade_no
        if out_trade_no is None:
            return
        try:
            state = await pay_with_simulator(self._payment_url, out_trade_no)
        except PaymentError as exc:
            self.status.setText(f"Payment refused · 支付失败: {exc}")
            return
        self.status.setText(f"Paid · 已支付 ({state.state.value})")

    def open_folder(self) -> None:
        self._printed_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._printed_dir)))
