"""Payment: the QR code to scan with a phone, the amount, the time left, and Cancel."""

from __future__ import annotations

from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import formatting, theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.viewmodels import PaymentView
from kiosk.ui.widgets.countdown import Countdown
from kiosk.ui.widgets.qr_view import QrView

translate = QCoreApplication.translate

QR_PX = 520


class PaymentScreen(StepScreen):
    holds_order = True
    cancelRequested = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, back=False)
        self.qr = QrView(QR_PX)
        self._amount_caption = QLabel()
        self._amount_caption.setProperty("role", "large")
        self._amount = QLabel()
        self._amount.setProperty("role", "hero")
        self._how = QLabel()
        self._how.setProperty("role", "large")
        self._how.setWordWrap(True)
        self._expires = QLabel()
        self._expires.setProperty("role", "caption")
        self.countdown = Countdown()
        self.countdown.expired.connect(self.expired)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancelRequested)
        timer_row = QHBoxLayout()
        timer_row.addWidget(self._expires)
        timer_row.addWidget(self.countdown)
        timer_row.addStretch(1)
        info = QVBoxLayout()
        info.setSpacing(theme.GAP_PX)
        info.addWidget(self._amount_caption)
        info.addWidget(self._amount)
        info.addWidget(self._how)
        info.addLayout(timer_row)
        info.addStretch(1)
        info.addWidget(self.cancel_button)
        self._main = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._main.setSpacing(theme.GAP_PX * 2)
        self._main.addStretch(1)
        self._main.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        # The words get most of the width beside the QR, the margins the rest: in a
        # narrow landscape window "Cancel payment" otherwise barely fits its button.
        self._main.addLayout(info, 4)
        self._main.addStretch(1)
        self.body.addLayout(self._main, 1)
        self._view: PaymentView | None = None
        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    def show_payment(self, view: PaymentView) -> None:
        self._view = view
        self.qr.set_payload(view.qr_payload)
        self._retranslate()
        self.countdown.start(view.expires_in_s)

    def stop(self) -> None:
        self.countdown.stop()

    def _arrange(self, portrait: bool) -> None:
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _retranslate(self) -> None:
        self.header.set_title(translate("PaymentScreen", "Scan to pay"))
        self._amount_caption.setText(translate("PaymentScreen", "Amount to pay"))
        if self._view is not None:
            self._amount.setText(formatting.money(self._view.amount_fen))
        self._how.setText(
            translate(
                "PaymentScreen",
                "Open WeChat or Alipay on your phone and scan the code. Your tickets"
                " print as soon as the payment arrives.",
            )
        )
        self._expires.setText(translate("PaymentScreen", "Code valid for"))
        self.cancel_button.setText(translate("PaymentScreen", "Cancel payment"))
