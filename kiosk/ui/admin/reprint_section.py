"""Reprint: find tickets this kiosk printed (by pickup code or time) and print a marked copy.

Only first prints can be copied (StaffReprint refuses anything else); the copy
says "REPRINT 补打", needs a reason, and is audited before it prints.
"""

from __future__ import annotations

import datetime as dt

from kiosk.journal.models import BOOKING_ID, PrintedTicket
from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.qt.aio import async_slot
from kiosk.ui import formatting, theme
from kiosk.ui.admin import wording
from kiosk.ui.admin.reason import ReasonPicker
from kiosk.ui.admin.section import Section
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.widgets.keypad import CodeField, Keypad
from kiosk.ui.widgets.layouts import clear_layout, scrolled_list

translate = QCoreApplication.translate

# The time ranges staff pick instead of typing dates: (label key, hours back).
RANGES = (("hour", 1), ("today", 0), ("week", 24 * 7))


def since_for(hours: int, now: dt.datetime) -> dt.datetime:
    """Start of the range; 0 hours means since midnight in the cinema's time zone."""
    if hours:
        return now - dt.timedelta(hours=hours)
    return formatting.local(now).replace(hour=0, minute=0, second=0, microsecond=0)


class TicketRow(QWidget):
    def __init__(self, ticket: PrintedTicket, copies: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket = ticket
        self.copies = copies
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.setProperty("variant", "primary")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self._word()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._word()
        super().changeEvent(event)

    def _word(self) -> None:
        text = (
            translate("ReprintSection", "Ticket %1 · printed %2")
            .replace("%1", self.ticket.ticket_code)
            .replace("%2", wording.staff_time(self.ticket.printed_at))
        )
        if self.copies:
            text += " · " + translate("ReprintSection", "%1 copy(ies) already").replace(
                "%1", str(self.copies)
            )
        self.label.setText(text)
        self.button.setText(translate("ReprintSection", "Reprint"))


class ReprintSection(Section):
    resultsShown = Signal()
    """A search answered: its results (or "none found") are worth scrolling to."""

    def __init__(self, services: AdminServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._since: dt.datetime | None = None
        self.rows: list[TicketRow] = []
        self.field = CodeField()
        self.field.submitted.connect(lambda _: self.search_code())
        self.search_button = QPushButton()
        self.search_button.setProperty("variant", "primary")
        self.search_button.clicked.connect(lambda: self.search_code())
        self.keypad = Keypad(self.field)
        self.range_buttons = {key: QPushButton() for key, _ in RANGES}
        ranges = QHBoxLayout()
        for key, hours in RANGES:
            button = self.range_buttons[key]
            button.clicked.connect(lambda _=False, h=hours: self.search_range(h))
            ranges.addWidget(button)
        search_row = QHBoxLayout()
        search_row.addWidget(self.field, 1)
        search_row.addWidget(self.search_button)
        find = QVBoxLayout()
        find.setSpacing(theme.GAP_PX)
        find.addLayout(search_row)
        find.addWidget(self.keypad)
        find.addStretch(1)
        self._reason_label = QLabel()
        self.reason = ReasonPicker()
        self.reason.changed.connect(self._update_buttons)
        self._list, scroll = scrolled_list(theme.GAP_PX // 2)
        results = QVBoxLayout()
        results.setSpacing(theme.GAP_PX)
        # The time ranges sit with the results: below the keypad they overflow a landscape panel.
        results.addLayout(ranges)
        results.addWidget(self.status)
        results.addWidget(self._reason_label)
        results.addWidget(self.reason)
        results.addWidget(scroll, 1)
        self._main = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._main.setContentsMargins(0, 0, 0, 0)
        self._main.setSpacing(theme.GAP_PX * 2)
        self._main.addLayout(find, 1)
        self._main.addLayout(results, 1)
        self.translated(self._retranslate)

    def arrange(self, stacked: bool) -> None:
        """One column (portrait, or a window too narrow for two), or two side by side."""
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
        # One row of four reasons either way. Side by side, two rows overflow the
        # half-panel column and the rows were drawn on top of each other; stacked, two
        # rows pushed the search's results below the panel's bottom edge.
        self.reason.set_columns(4)

    def results_top(self) -> QWidget:
        """The first thing of the results: the ranges, then what the search found."""
        return self.range_buttons[RANGES[0][0]]

    @async_slot
    async def search_code(self) -> None:
        code = self.field.code()
        if code:
            await self.act("search", lambda: self._search(code, None))
            self.resultsShown.emit()

    @async_slot
    async def search_range(self, hours: int) -> None:
        since = since_for(hours, dt.datetime.now(dt.UTC))
        await self.act("search", lambda: self._search(None, since))
        self.resultsShown.emit()

    async def _search(self, text: str | None, since: dt.datetime | None) -> str:
        journal = self._services.journal
        bookings: list[str] = []
        for txn in await journal.search(text, since=since):
            booking_id = txn.summary.get(BOOKING_ID)
            if txn.kind != "purchase" and booking_id and booking_id not in bookings:
                bookings.append(str(booking_id))
        rows = []
        for booking_id in bookings:
            printed = await journal.printed_for_booking(booking_id)
            for ticket in printed:
                if ticket.reprint:
                    continue
                copies = sum(p.reprint and p.ticket_code == ticket.ticket_code for p in printed)
                row = TicketRow(ticket, copies)
                row.button.clicked.connect(lambda _=False, r=row: self.reprint(r))
                rows.append(row)
        clear_layout(self._list)
        self.rows = rows
        for row in rows:
            self._list.addWidget(row)
        self._update_buttons()
        if not rows:
            return translate("ReprintSection", "No printed tickets found.")
        return translate("ReprintSection", "%1 printed ticket(s) found.").replace(
            "%1", str(len(rows))
        )

    @async_slot
    async def reprint(self, row: TicketRow) -> None:
        reason = self.reason.reason()
        if not reason:
            return
        ticket = row.ticket

        async def run() -> str:
            await self._services.reprint.reprint_ticket(
                ticket.booking_id,
                ticket.ticket_code,
                actor=self._services.on_duty.actor,
                reason=reason,
            )
            self.reason.clear()
            return translate("ReprintSection", "A REPRINT copy of ticket %1 was printed.").replace(
                "%1", ticket.ticket_code
            )

        await self.act("reprint", run)

    def _update_buttons(self) -> None:
        has_reason = bool(self.reason.reason())
        for row in self.rows:
            row.button.setEnabled(has_reason)

    def _retranslate(self) -> None:
        self.field.setPlaceholderText(translate("ReprintSection", "Code or booking no."))
        self.search_button.setText(translate("ReprintSection", "Search"))
        self.range_buttons["hour"].setText(translate("ReprintSection", "Last hour"))
        self.range_buttons["today"].setText(translate("ReprintSection", "Today"))
        self.range_buttons["week"].setText(translate("ReprintSection", "Last 7 days"))
        self._reason_label.setText(
            translate("ReprintSection", "Reason for the reprint (required):")
        )
