"""Order review: what is being bought, the total, and how long the seats stay held."""

from __future__ import annotations

from kiosk.qt import (
    QCoreApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QWidget,
    Signal,
)
from kiosk.ui import formatting, theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.theme import set_style_property
from kiosk.ui.viewmodels import OrderView
from kiosk.ui.widgets.countdown import Countdown
from kiosk.ui.widgets.layouts import clear_layout, touch_scroll
from kiosk.ui.widgets.order_card import OrderCard

translate = QCoreApplication.translate


class ReviewScreen(StepScreen):
    holds_order = True
    payRequested = Signal()
    holdExpired = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order: OrderView | None = None
        card = OrderCard()
        self._film, self._when = card.film, card.when
        self._seats = QLabel()
        self._seats.setProperty("role", "accent")
        self._seats.setWordWrap(True)
        self._lines = QGridLayout()
        self._lines.setHorizontalSpacing(theme.GAP_PX)
        self._lines.setVerticalSpacing(8)
        self._total = QLabel()
        self._total.setProperty("role", "heading")
        self._total.setAlignment(Qt.AlignmentFlag.AlignRight)
        inner = card.lines
        inner.addWidget(self._seats)
        inner.addSpacing(8)
        inner.addLayout(self._lines)
        inner.addWidget(self._total)

        self._hold_text = QLabel()
        self._hold_text.setProperty("role", "large")
        self._hold_text.setWordWrap(True)
        self.hold_countdown = Countdown()
        self.hold_countdown.warning.connect(self._retranslate)
        self.hold_countdown.expired.connect(self.holdExpired)
        hold = QHBoxLayout()
        hold.addWidget(self._hold_text, 1)
        hold.addWidget(self.hold_countdown)

        self.pay_button = QPushButton()
        self.pay_button.setProperty("variant", "primary")
        self.pay_button.setMinimumHeight(theme.TOUCH_PX + 24)
        self.pay_button.clicked.connect(self.payRequested)
        self.body.addWidget(touch_scroll(card, top_aligned=True), 1)
        self.body.addLayout(hold)
        self.body.addWidget(self.pay_button)
        self.translated(self._retranslate)

    def show_order(self, order: OrderView, hold_s: float) -> None:
        """Fill the summary and start the seat-hold countdown (``hold_s`` seconds left)."""
        self._order = order
        self._retranslate()
        self.hold_countdown.start(hold_s)

    def stop(self) -> None:
        self.hold_countdown.stop()

    def _fill_lines(self, order: OrderView) -> None:
        clear_layout(self._lines)
        rows = [
            (
                f"{line.description} × {line.quantity}",
                formatting.money(line.price_fen * line.quantity),
            )
            for line in order.lines
        ]
        if order.booking_fee_fen:
            rows.append(
                (translate("ReviewScreen", "Booking fee"), formatting.money(order.booking_fee_fen))
            )
        for i, (text, amount) in enumerate(rows):
            left, right = QLabel(text), QLabel(amount)
            left.setWordWrap(True)
            right.setAlignment(Qt.AlignmentFlag.AlignRight)
            self._lines.addWidget(left, i, 0)
            self._lines.addWidget(right, i, 1)
        self._lines.setColumnStretch(0, 1)

    def _retranslate(self) -> None:
        self.header.set_title(translate("ReviewScreen", "Check your order"))
        order = self._order
        if order is not None:
            self._film.setText(order.film_title)
            self._when.setText(
                f"{formatting.date_line(order.starts_at, formatting.today())} · {order.screen_name}"
            )
            self._seats.setText(
                "  ".join(formatting.seat_name(s.row_name, s.seat_id) for s in order.seats)
            )
            self._fill_lines(order)
            self._total.setText(
                translate("ReviewScreen", "Total %1").replace(
                    "%1", formatting.money(order.total_fen)
                )
            )
            self.pay_button.setText(
                translate("ReviewScreen", "Pay %1 ›").replace(
                    "%1", formatting.money(order.total_fen)
                )
            )
        if self.hold_countdown.is_warning():
            self._hold_text.setText(
                translate("ReviewScreen", "Hurry: your seats will be released soon!")
            )
            set_style_property(self._hold_text, "role", "accent")
        else:
            self._hold_text.setText(translate("ReviewScreen", "Your seats are held for you for"))
            set_style_property(self._hold_text, "role", "large")
