"""Attention: open transactions from the journal, what recovery knows, what staff may do.

Every open transaction shows its state, when it started, its summary facts and
the calls whose outcome the journal never heard (unanswered intents). Staff may
run recovery again for all of them; a collection that stopped with tickets owed
(paper out, printer fault) also offers "print outstanding tickets", which needs
a reason and a tap on each in-doubt ticket staff found in the tray.
"""

from __future__ import annotations

from kiosk.flows.reprint import OutstandingBooking
from kiosk.journal.models import BOOKING_ID, Step, Transaction
from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QEvent,
    QFrame,
    QLabel,
    QPushButton,
    QResizeEvent,
    QVBoxLayout,
    QWidget,
)
from kiosk.qt.aio import async_slot
from kiosk.ui import theme
from kiosk.ui.admin import wording
from kiosk.ui.admin.reason import ReasonPicker
from kiosk.ui.admin.section import Section
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.widgets.layouts import clear_layout, scrolled_list

translate = QCoreApplication.translate


def card_facts(txn: Transaction) -> list[str]:
    """The reference first (what the patron's screen showed: the pickup code once there
    is a booking, else the transaction number), then the transaction number when that
    is not the reference (the staff alert names it: a chat group is no place for a
    pickup code), then the summary's facts."""
    summary = dict(txn.summary)
    pickup_code = summary.pop(BOOKING_ID, None)
    number = wording.reference_text(txn.id)
    if pickup_code:
        lines = [
            translate("AttentionSection", "Reference (pickup code): %1").replace(
                "%1", str(pickup_code)
            ),
            translate("AttentionSection", "Transaction: %1").replace("%1", number),
        ]
    else:
        lines = [translate("AttentionSection", "Reference (transaction): %1").replace("%1", number)]
    return [*lines, *wording.fact_lines(summary, open_=not txn.terminal)]


class TransactionCard(QFrame):
    """One transaction as the journal has it; for an outstanding collection, its print
    action too. Its words follow the language switch (staff may switch at any time)."""

    def __init__(
        self,
        txn: Transaction,
        unanswered: list[Step],
        outstanding: OutstandingBooking | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.txn = txn
        self.unanswered = unanswered
        self.outstanding = outstanding
        self.title = QLabel()
        self.title.setProperty("role", "large")
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setProperty("role", "muted")
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 16, 24, 16)
        box.addWidget(self.title)
        box.addWidget(self.facts)
        self.pending = QLabel()
        self.pending.setWordWrap(True)
        self.pending.setProperty("role", "problem")
        self.pending.setVisible(bool(unanswered))
        box.addWidget(self.pending)
        self.came_out: list[QPushButton] = []
        self.print_button: QPushButton | None = None
        self._owed = QLabel()
        self._owed.setWordWrap(True)
        self._owed.setVisible(outstanding is not None)
        box.addWidget(self._owed)
        if outstanding is not None:
            for code in outstanding.in_doubt:
                found = QPushButton()
                found.setCheckable(True)
                found.setProperty("code", code)
                self.came_out.append(found)
                box.addWidget(found)
            self.print_button = QPushButton()
            self.print_button.setProperty("variant", "primary")
            box.addWidget(self.print_button)
        self._word()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._word()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # A scroll area's list gives each card its size hint, which knows nothing of
        # how its lines wrap at this width: the card's last lines were cut off (after
        # a language switch too, whose words wrap differently).
        layout = self.layout()
        needed = layout.heightForWidth(self.width()) if layout is not None else -1
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def _word(self) -> None:
        txn = self.txn
        self.title.setText(
            f"{wording.card_title(txn.kind, txn.state)} · {wording.staff_time(txn.created_at)}"
        )
        self.facts.setText("\n".join(card_facts(txn)))
        self.pending.setText(
            translate("AttentionSection", "No answer recorded for: %1").replace(
                "%1",
                ", ".join(
                    f"{wording.step_text(s.step)} ({wording.staff_time(s.at)})"
                    for s in self.unanswered
                ),
            )
        )
        outstanding = self.outstanding
        if outstanding is None:
            self._fit_height()
            return
        self._owed.setText(
            translate("AttentionSection", "Booking %1: %2 ticket(s) printed; in doubt: %3")
            .replace("%1", str(outstanding.booking_number))
            .replace("%2", str(len(outstanding.printed)))
            .replace("%3", ", ".join(outstanding.in_doubt) or "—")
        )
        for found in self.came_out:
            found.setText(
                translate("AttentionSection", "Ticket %1 is in the tray").replace(
                    "%1", str(found.property("code"))
                )
            )
        if self.print_button is not None:
            self.print_button.setText(wording.print_outstanding())
        self._fit_height()

    def found_in_tray(self) -> list[str]:
        return [str(b.property("code")) for b in self.came_out if b.isChecked()]


class AttentionSection(Section):
    def __init__(self, services: AdminServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.cards: list[TransactionCard] = []
        self.recover_button = QPushButton()
        self.recover_button.clicked.connect(self.recover)
        self._reason_label = QLabel()
        self.reason = ReasonPicker()
        self.reason.changed.connect(self._update_buttons)
        self._empty = QLabel()
        self._empty.setProperty("role", "large")
        self._list, scroll = scrolled_list(theme.GAP_PX)
        side = QVBoxLayout()
        side.setSpacing(theme.GAP_PX)
        side.addWidget(self.status)
        side.addWidget(self.recover_button)
        side.addWidget(self._reason_label)
        side.addWidget(self.reason)
        side.addStretch(1)
        listing = QVBoxLayout()
        listing.addWidget(self._empty)
        listing.addWidget(scroll, 1)
        # Landscape: the list on the left, actions on the right; portrait: actions on top.
        self._main = QBoxLayout(QBoxLayout.Direction.RightToLeft, self)
        self._main.setContentsMargins(0, 0, 0, 0)
        self._main.setSpacing(theme.GAP_PX * 2)
        self._main.addLayout(side, 2)
        self._main.addLayout(listing, 3)
        self.translated(self._retranslate)

    def arrange(self, stacked: bool) -> None:
        """One column (portrait, or a window too narrow for two), or two side by side."""
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.RightToLeft
        )
        self._main.setStretch(0, 0 if stacked else 2)

    @async_slot
    async def reload(self) -> None:
        await self.act("attention", self._load)

    async def _load(self) -> str:
        journal = self._services.journal
        outstanding = {o.txn_id: o for o in await self._services.reprint.outstanding()}
        cards = []
        for txn in await journal.open_transactions():
            card = TransactionCard(txn, await journal.unanswered(txn.id), outstanding.get(txn.id))
            if card.print_button is not None:
                card.print_button.clicked.connect(lambda _=False, c=card: self.finish(c))
            cards.append(card)
        clear_layout(self._list)
        self.cards = cards
        for card in cards:
            self._list.addWidget(card)
        self._empty.setVisible(not cards)
        self._update_buttons()
        return ""

    @async_slot
    async def recover(self) -> None:
        async def run() -> str:
            await self._services.recover()
            await self._load()
            return translate(
                "AttentionSection", "Recovery ran; %1 transaction(s) still open."
            ).replace("%1", str(len(self.cards)))

        await self.act("recover", run)

    @async_slot
    async def finish(self, card: TransactionCard) -> None:
        booking = card.outstanding
        reason = self.reason.reason()
        if booking is None or not reason:
            return

        async def run() -> str:
            try:
                result = await self._services.reprint.finish_booking(
                    booking.booking_id,
                    actor=self._services.on_duty.actor,
                    reason=reason,
                    came_out=card.found_in_tray(),
                )
            finally:
                # Even a failed attempt changes what is owed (another paper-out, say).
                await self._load()
            self.reason.clear()
            return (
                translate("AttentionSection", "Booking %1: all %2 tickets printed and confirmed.")
                .replace("%1", str(booking.booking_number))
                .replace("%2", str(result.total))
            )

        await self.act("finish_booking", run)

    def _update_buttons(self) -> None:
        has_reason = bool(self.reason.reason())
        for card in self.cards:
            if card.print_button is not None:
                card.print_button.setEnabled(has_reason)

    def _retranslate(self) -> None:
        self.recover_button.setText(translate("AttentionSection", "Run recovery again"))
        self._reason_label.setText(
            translate("AttentionSection", "Reason for printing outstanding tickets (required):")
        )
        self._empty.setText(translate("AttentionSection", "Nothing needs attention."))
