"""Collect, step two: the tickets this code will print, shown before anything prints."""

from __future__ import annotations

from kiosk.qt import (
    QCoreApplication,
    QGridLayout,
    QLabel,
    QPushButton,
    Qt,
    QWidget,
    Signal,
)
from kiosk.ui import formatting, theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.viewmodels import CollectOrderView
from kiosk.ui.widgets.layouts import clear_layout, touch_scroll
from kiosk.ui.widgets.order_card import OrderCard

translate = QCoreApplication.translate


class CollectReviewScreen(StepScreen):
    printRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order: CollectOrderView | None = None
        self._unproven = 0  # tickets of a booking whose code SARFT proves at the tap
        card = self._card = OrderCard()
        self._film, self._when = card.film, card.when
        self._tickets = QGridLayout()
        self._tickets.setHorizontalSpacing(theme.GAP_PX)
        self._tickets.setVerticalSpacing(10)
        card.lines.addLayout(self._tickets)
        self._count = QLabel()
        self._count.setProperty("role", "large")
        self._count.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setProperty("variant", "primary")
        self.print_button.setMinimumHeight(theme.TOUCH_PX + 24)
        self.print_button.clicked.connect(self.printRequested)
        self.body.addWidget(touch_scroll(card, top_aligned=True), 1)
        self.body.addWidget(self._count)
        self.body.addWidget(self.print_button)
        self.translated(self._retranslate)

    def show_unproven(self, tickets: int) -> None:
        """Connect is down and the code not yet proven: only the ticket count is shown
        (booking numbers are easy to guess); the tap to print proves the code."""
        self._order = None
        self._unproven = tickets
        clear_layout(self._tickets)
        self._card.hide()
        self._retranslate()

    def show_order(self, order: CollectOrderView) -> None:
        self._order = order
        self._unproven = 0
        self._card.show()
        clear_layout(self._tickets)
        for i, ticket in enumerate(order.tickets):
            seat = QLabel(formatting.seat_name(ticket.seat.row_name, ticket.seat.seat_id))
            seat.setProperty("role", "accent")
            kind = QLabel(ticket.ticket_type)
            price = QLabel(formatting.money(ticket.price_fen))
            price.setAlignment(Qt.AlignmentFlag.AlignRight)
            self._tickets.addWidget(seat, i, 0)
            self._tickets.addWidget(kind, i, 1)
            self._tickets.addWidget(price, i, 2)
        self._tickets.setColumnStretch(1, 1)
        self._retranslate()

    def _retranslate(self) -> None:
        self.header.set_title(translate("CollectReviewScreen", "Your tickets"))
        self.print_button.setText(translate("CollectReviewScreen", "Print my tickets"))
        order = self._order
        if order is None:
            if self._unproven:
                self._count.setText(
                    translate(
                        "CollectReviewScreen",
                        "This booking has %1 tickets. They print once your code is checked.",
                    ).replace("%1", str(self._unproven))
                )
            return
        self._film.setText(order.film_title)
        self._when.setText(
            f"{formatting.date_line(order.starts_at, formatting.today())} · {order.screen_name}"
        )
        self._count.setText(
            translate("CollectReviewScreen", "%1 tickets will be printed. Is this right?").replace(
                "%1", str(len(order.tickets))
            )
        )
