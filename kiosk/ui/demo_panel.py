"""The demo's stand-in for everything around the kiosk: the patron's phone and the ticket tray.

A small separate window, never part of the patron UI: "pay" either QR on screen as
a phone would, open a wallet's payment code (付款码) to type into the kiosk's scanner
field, open the folder where the virtual printer puts each ticket as a PNG, and read
the pickup codes of bookings bought "online".
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.qt import (
    QComboBox,
    QDesktopServices,
    QGuiApplication,
    QHBoxLayout,
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
from kiosk.sim.phone import pay_with_simulator, present_paycode
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


# the wallets a QR or a payment code is paid with, as /_sim/paycode names them
_PHONE_WALLETS = {"wechatpay": "wechat", "alipay": "alipay"}
_WALLET_WORDS = {
    "wechatpay": "WeChat Pay · 微信支付",
    "alipay": "Alipay · 支付宝",
    "simulator": "the QR · 二维码",
}
_CODE_WORDS = {"wechatpay": "WeChat code\n微信付款码", "alipay": "Alipay code\n支付宝付款码"}
# what the patron's phone does with a payment code, as /_sim/paycode takes it
CODE_OUTCOMES = {
    "success": "pays at once · 直接支付",
    "password": "asks for a password first · 需输入密码",
    "fail": "is refused · 支付失败",
}


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
        self._qrs: list[tuple[str, str]] = []  # (provider, out_trade_no) on screen
        # one "pay" button per QR on screen, as many phones as there are wallets
        self.pay_buttons: list[QPushButton] = []
        self._pay_box = QVBoxLayout()
        self.code_outcome = QComboBox()
        for outcome, words in CODE_OUTCOMES.items():
            self.code_outcome.addItem(words, outcome)
        self.code_buttons: dict[str, QPushButton] = {}
        codes_row = QHBoxLayout()
        for provider, wallet in _PHONE_WALLETS.items():
            button = QPushButton(_CODE_WORDS[provider])
            button.clicked.connect(lambda _=False, w=wallet: self._show_code(w))
            self.code_buttons[wallet] = button
            codes_row.addWidget(button)
        self.code = QLabel()
        self.code.setWordWrap(True)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        box.addWidget(QLabel("Scan a QR with a phone · 模拟手机扫码:"))
        box.addLayout(self._pay_box)
        box.addWidget(self.status)
        box.addWidget(QLabel("Or open a payment code that · 或出示付款码："))
        box.addWidget(self.code_outcome)
        box.addLayout(codes_row)
        box.addWidget(self.code)
        for widget in (self.folder_button, self.codes):
            box.addWidget(widget)
        box.addStretch(1)
        purchase.paymentQrsShown.connect(self._payment_shown)
        purchase.paymentEnded.connect(self._payment_ended)
        self._payment_ended()

    def _payment_shown(self, qrs: list[tuple[str, str]]) -> None:
        self._qrs = list(qrs)
        for button, (provider, _number) in zip(self.pay_buttons, self._qrs, strict=False):
            button.setText(f"Pay {_WALLET_WORDS.get(provider, provider)}\n模拟手机支付")
            button.setEnabled(True)
        while len(self.pay_buttons) < len(self._qrs):
            index = len(self.pay_buttons)
            provider = self._qrs[index][0]
            button = QPushButton(f"Pay {_WALLET_WORDS.get(provider, provider)}\n模拟手机支付")
            button.clicked.connect(lambda _=False, i=index: self._pay(i))
            self._pay_box.addWidget(button)
            self.pay_buttons.append(button)
        for button in self.pay_buttons[len(self._qrs) :]:
            button.hide()
        for button in self.pay_buttons[: len(self._qrs)]:
            button.show()
        for button in self.code_buttons.values():
            button.setEnabled(True)
        numbers = ", ".join(number for _, number in self._qrs)
        self.status.setText(f"Waiting for payment · 等待支付: {numbers}")

    def _payment_ended(self) -> None:
        self._qrs = []
        for button in (*self.pay_buttons, *self.code_buttons.values()):
            button.setEnabled(False)
        self.code.setText("")
        self.status.setText("No payment waiting · 暂无待支付订单")

    @async_slot
    async def _pay(self, index: int) -> None:
        if index >= len(self._qrs):
            return
        out_trade_no = self._qrs[index][1]
        try:
            state = await pay_with_simulator(self._payment_url, out_trade_no)
        except KioskError as exc:  # the payment simulator's
            self.status.setText(f"Payment refused · 支付失败: {exc}")
            return
        self.status.setText(f"Paid · 已支付 ({state.state.value})")

    @async_slot
    async def _show_code(self, wallet: str) -> None:
        """The phone's payment code, for whoever tries the demo to type into the
        kiosk's scanner field (its Enter is the scanner's)."""
        outcome = str(self.code_outcome.currentData())
        try:
            code = await present_paycode(self._payment_url, wallet, outcome)
        except KioskError as exc:  # the payment simulator's
            self.code.setText(f"No payment code · 无法出示付款码: {exc}")
            return
        self.code.setText(
            f"Type it into the kiosk's scanner field, then Enter · 请在付款码框输入后回车:\n{code}"
        )

    def open_folder(self) -> None:
        self._printed_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._printed_dir)))
