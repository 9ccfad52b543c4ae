"""Ticket types and quantities: a stepper per type, prices per area category, a running total."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.qt import (
    QCoreApplication,
    QFrame,
    QGridLayout,
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
from kiosk.ui.viewmodels import FilmView, SessionView, TicketTypeView
from kiosk.ui.widgets.layouts import clear_layout, equal_columns, touch_scroll

translate = QCoreApplication.translate

DEFAULT_MAX_TICKETS = 8


class QuantityRow(QFrame):
    """One ticket type: its name and price, and large minus / count / plus controls."""

    def __init__(self, ticket: TicketTypeView) -> None:
        super().__init__()
        self.ticket = ticket
        self.setProperty("role", "card")
        self.count = 0
        name = QLabel(ticket.description)
        name.setProperty("role", "large")
        name.setWordWrap(True)
        price = QLabel(formatting.money(ticket.price_fen))
        price.setProperty("role", "accent")
        self.minus = QPushButton("−")
        self.plus = QPushButton("+")
        for button in (self.minus, self.plus):
            button.setProperty("variant", "key")
            button.setFixedSize(theme.TOUCH_PX + 8, theme.TOUCH_PX)
        self.value = QLabel("0")
        self.value.setProperty("role", "heading")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value.setMinimumWidth(90)
        text = QVBoxLayout()
        text.addWidget(name)
        text.addWidget(price)
        row = QHBoxLayout(self)
        row.setContentsMargins(28, 16, 20, 16)
        row.addLayout(text, 1)
        row.addWidget(self.minus)
        row.addWidget(self.value)
        row.addWidget(self.plus)


class TicketTypesScreen(StepScreen):
    quantitiesConfirmed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max = DEFAULT_MAX_TICKETS
        self._rows: list[QuantityRow] = []
        self._session_line = QLabel()
        self._session_line.setProperty("role", "large")
        self._session_line.setWordWrap(True)
        self._list_host = QWidget()
        self._columns = 1
        self._list = QGridLayout(self._list_host)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(theme.GAP_PX)
        self._list.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = touch_scroll(self._list_host)  # a finger drags it, as on every screen
        self._limit = QLabel()
        self._limit.setProperty("role", "muted")
        self._limit.setWordWrap(True)
        self._total = QLabel()
        self._total.setProperty("role", "heading")
        self.continue_button = QPushButton()
        self.continue_button.setProperty("variant", "primary")
        self.continue_button.setMinimumWidth(360)
        self.continue_button.clicked.connect(self._confirm)
        footer = QHBoxLayout()
        footer.addWidget(self._total, 1)
        footer.addWidget(self.continue_button)
        self.body.addWidget(self._session_line)
        self.body.addWidget(scroll, 1)
        self.body.addWidget(self._limit)
        self.body.addLayout(footer)
        self._film: FilmView | None = None
        self._session: SessionView | None = None
        self._types: tuple[TicketTypeView, ...] = ()
        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    def _arrange(self, portrait: bool) -> None:
        # A wide landscape window has width to spare and little height: two types a row.
        self._columns = 2 if self.is_wide() else 1
        if self._film is not None and self._session is not None:
            counts = {r.ticket.code: r.count for r in self._rows}
            self.show_ticket_types(self._film, self._session, self._types, self._max)
            for row in self._rows:
                row.count = counts.get(row.ticket.code, 0)
            self._update()

    def show_ticket_types(
        self,
        film: FilmView,
        session: SessionView,
        ticket_types: Sequence[TicketTypeView],
        max_tickets: int = DEFAULT_MAX_TICKETS,
    ) -> None:
        self._film, self._session = film, session
        self._types = tuple(ticket_types)
        self._max = max_tickets
        self._rows = []
        clear_layout(self._list)
        areas = {t.area_category_code for t in self._types}
        line = column = 0
        current_area: str | None = None
        for ticket in sorted(self._types, key=lambda t: (t.area_category_code, -t.price_fen)):
            if len(areas) > 1 and ticket.area_category_code != current_area:
                current_area = ticket.area_category_code
                if column:
                    line, column = line + 1, 0
                heading = QLabel(ticket.area_name or ticket.area_category_code)
                heading.setProperty("role", "accent")
                self._list.addWidget(heading, line, 0, 1, self._columns)
                line += 1
            row = QuantityRow(ticket)
            row.minus.clicked.connect(lambda _=False, r=row: self.change(r.ticket.code, -1))
            row.plus.clicked.connect(lambda _=False, r=row: self.change(r.ticket.code, +1))
            self._rows.append(row)
            self._list.addWidget(row, line, column)
            column += 1
            if column == self._columns:
                line, column = line + 1, 0
        equal_columns(self._list, self._columns)
        self._update()
        self._retranslate()

    def quantities(self) -> dict[str, int]:
        return {row.ticket.code: row.count for row in self._rows if row.count}

    def quota(self) -> dict[str, int]:
        """Seats wanted per area category, which the seat map enforces."""
        wanted: dict[str, int] = {}
        for row in self._rows:
            code = row.ticket.area_category_code
            wanted[code] = wanted.get(code, 0) + row.count
        return {code: n for code, n in wanted.items() if n}

    def change(self, code: str, delta: int) -> None:
        total = sum(r.count for r in self._rows)
        for row in self._rows:
            if row.ticket.code == code:
                if delta > 0 and total >= self._max:
                    return
                row.count = max(0, row.count + delta)
        self._update()

    def _update(self) -> None:
        total = sum(r.count for r in self._rows)
        for row in self._rows:
            row.value.setText(str(row.count))
            row.minus.setEnabled(row.count > 0)
            row.plus.setEnabled(total < self._max)
        self.continue_button.setEnabled(total > 0)
        self._retranslate_total()

    def _confirm(self) -> None:
        if self.quantities():
            self.quantitiesConfirmed.emit(self.quantities())

    def _retranslate_total(self) -> None:
        count = sum(r.count for r in self._rows)
        amount = sum(r.count * r.ticket.price_fen for r in self._rows)
        self._total.setText(
            translate("TicketTypesScreen", "%1 tickets · %2")
            .replace("%1", str(count))
            .replace("%2", formatting.money(amount))
        )

    def _retranslate(self) -> None:
        self.header.set_title(translate("TicketTypesScreen", "How many tickets?"))
        self.continue_button.setText(translate("TicketTypesScreen", "Choose seats ›"))
        self._limit.setText(
            translate("TicketTypesScreen", "Up to %1 tickets per purchase.").replace(
                "%1", str(self._max)
            )
        )
        if self._film is not None and self._session is not None:
            self._session_line.setText(
                f"{self._film.title} · "
                f"{formatting.date_line(self._session.starts_at, formatting.today())} · "
                f"{self._session.screen_name}"
            )
        self._retranslate_total()
